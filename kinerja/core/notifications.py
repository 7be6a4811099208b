"""In-app notifications, also sent by email after the transaction commits.

Services call `notify(...)` inside their transaction; a rolled-back write notifies nobody. The
email goes out from a Celery task (inline when no broker is configured), so a slow mail server
never slows the request. Reminders pass a `dedupe_key` so a scheduled run that repeats does not
notify twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from kinerja.core.models import Notification, User

if TYPE_CHECKING:
    from kinerja.org.models import Employee


def notify(
    recipient: User | None,
    *,
    code: str,
    text: str,
    url: str = "",
    agency_id: int | None = None,
    dedupe_key: str = "",
) -> Notification | None:
    """Notify one user (None or an inactive account: nobody to tell, returns None)."""
    if recipient is None or not recipient.is_active:
        return None
    fields: dict[str, Any] = {
        "recipient": recipient,
        "agency_id": agency_id if agency_id is not None else recipient.agency_id,
        "code": code,
        "text": text[:500],
        "url": url,
        "dedupe_key": dedupe_key,
    }
    if dedupe_key:
        try:
            with transaction.atomic():
                notification = Notification.objects.create(**fields)
        except IntegrityError:
            return None  # this reminder was already sent
    else:
        notification = Notification.objects.create(**fields)
    if recipient.email:
        from kinerja.core.tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.delay(notification.pk))
    return notification


def notify_employee(employee: Employee | None, **kwargs: Any) -> Notification | None:
    """Notify the account of an employee, if they have one."""
    if employee is None:
        return None
    return notify(getattr(employee, "user", None), **kwargs)
