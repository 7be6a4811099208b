"""Background work of the core app: notification emails and the daily reminders."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from kinerja.core import reminders
from kinerja.core.models import Notification


def _message(notification: Notification) -> EmailMessage:
    """The email of one notification: its text, and the absolute link to open it."""
    link = f"{settings.SITE_URL.rstrip('/')}{notification.url}" if notification.url else ""
    body = notification.text + (f"\n\n{link}" if link else "") + "\n\n— Kinerja"
    return EmailMessage(
        subject=f"[Kinerja] {notification.text[:90]}",
        body=body,
        to=[notification.recipient.email],
    )


@shared_task(name="kinerja.core.send_notification_email")
def send_notification_email(notification_id: int) -> None:
    """Email one notification to its recipient (once: `emailed_at` marks it sent)."""
    send_notification_emails([notification_id])


@shared_task(name="kinerja.core.send_notification_emails")
def send_notification_emails(notification_ids: list[int]) -> int:
    """Email notifications over one connection; each at most once (`emailed_at` marks it)."""
    pending = list(
        Notification.objects.select_related("recipient")
        .filter(pk__in=notification_ids, emailed_at=None, recipient__is_active=True)
        .exclude(recipient__email="")
    )
    if not pending:
        return 0
    with get_connection() as connection:
        connection.send_messages([_message(notification) for notification in pending])
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return len(pending)


@shared_task(name="kinerja.core.send_reminders")
def send_reminders(today: str | None = None) -> None:
    """The daily run (CELERY_BEAT_SCHEDULE): one task per active agency, so one fails alone."""
    day = today or timezone.localdate().isoformat()
    for agency_id in reminders.active_agency_ids():
        send_agency_reminders.delay(agency_id, day)


@shared_task(name="kinerja.core.send_agency_reminders")
def send_agency_reminders(agency_id: int, today: str) -> dict[str, int]:
    """Every registered reminder for one agency on `today` (ISO date); counts per reminder."""
    return reminders.run_for_agency(agency_id, today=dt.date.fromisoformat(today))
