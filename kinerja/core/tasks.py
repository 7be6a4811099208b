"""Background work of the core app: notification emails."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from kinerja.core.models import Notification


@shared_task(name="kinerja.core.send_notification_email")
def send_notification_email(notification_id: int) -> None:
    """Email one notification to its recipient (once: `emailed_at` marks it sent)."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at or not notification.recipient.email:
        return
    link = f"{settings.SITE_URL.rstrip('/')}{notification.url}" if notification.url else ""
    body = notification.text + (f"\n\n{link}" if link else "") + "\n\n— Kinerja"
    send_mail(
        subject=f"[Kinerja] {notification.text[:90]}",
        message=body,
        from_email=None,
        recipient_list=[notification.recipient.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
