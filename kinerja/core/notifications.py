"""In-app notifications, also sent by email after the transaction commits.

Services call `notify(...)` inside their transaction; a rolled-back write notifies nobody. The
email goes out from a Celery task (inline when no broker is configured), so a slow mail server
never slows the request. Reminders send in bulk with `notify_many(...)` and pass a `dedupe_key`
so a scheduled run that repeats does not notify twice.

A notification belongs to its recipient alone: the reads below (`inbox_of`,
`get_notification_for`) answer 404 for anyone else's, and its link is only ever a local path
(`local_path`), so a stored link can never send the reader to another site.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from kinerja.core.models import Notification, User

# An unread count above this shows as "99+"; counting stops there, so the badge stays cheap.
BADGE_LIMIT = 99


def local_path(url: str) -> str:
    """`url` if it is a path on this site ("/kinerja/skp/1/"), else "" (never an open redirect)."""
    if (
        not url.startswith("/")
        or url.startswith(("//", "/\\"))
        or any(ord(char) < 32 for char in url)
    ):
        return ""
    return url if url_has_allowed_host_and_scheme(url, allowed_hosts=None) else ""


# --- Sending ----------------------------------------------------------------------------------


def notify(
    recipient: User | None,
    *,
    code: str,
    text: str,
    url: str = "",
    agency_id: int | None = None,
    dedupe_key: str = "",
    actor: User | None = None,
) -> Notification | None:
    """Notify one user; nobody to tell (None, an inactive account, or the actor themself) → None.

    Nobody is told about what they did themselves: pass the `actor` of the event.
    """
    if recipient is None or not recipient.is_active:
        return None
    if actor is not None and actor.pk == recipient.pk:
        return None
    if url and not local_path(url):
        raise ValueError(f"notification links must be local paths, not {url!r}")
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


def notify_employee(employee: Any, **kwargs: Any) -> Notification | None:
    """Notify the account of an employee (an org Employee; untyped: core imports no feature app)."""
    if employee is None or employee.user_id is None:
        return None
    return notify(employee.user, **kwargs)


@dataclass(frozen=True)
class Notice:
    """One notification of a bulk send: to whom (a user id), what, where to, and its key."""

    recipient_id: int
    text: str
    url: str = ""
    dedupe_key: str = ""


@transaction.atomic
def notify_many(notices: Iterable[Notice], *, code: str, agency_id: int | None) -> int:
    """Create many notifications in a fixed number of queries; return how many are new.

    Notices whose (recipient, dedupe_key) was already sent are skipped, so a reminder run that
    repeats tells nobody twice. The caller selects active accounts; emails go out on commit.
    """
    wanted: dict[tuple[int, str], Notice] = {}
    for notice in notices:
        if notice.url and not local_path(notice.url):
            raise ValueError(f"notification links must be local paths, not {notice.url!r}")
        wanted.setdefault((notice.recipient_id, notice.dedupe_key), notice)
    if not wanted:
        return 0
    keys = {key for _, key in wanted if key}
    sent = set(
        Notification.objects.filter(
            recipient_id__in={recipient for recipient, _ in wanted}, dedupe_key__in=keys
        ).values_list("recipient_id", "dedupe_key")
    )
    fresh = [notice for pair, notice in wanted.items() if not pair[1] or pair not in sent]
    if not fresh:
        return 0
    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=notice.recipient_id,
                agency_id=agency_id,
                code=code,
                text=notice.text[:500],
                url=notice.url,
                dedupe_key=notice.dedupe_key,
            )
            for notice in fresh
        ],
        batch_size=500,
    )
    ids = [notification.pk for notification in created if notification.pk is not None]
    if ids:
        from kinerja.core.tasks import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.delay(ids))
    return len(created)


# --- Reading (only ever one's own) ------------------------------------------------------------


def inbox_of(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first (the inbox index serves this order)."""
    notifications = Notification.objects.filter(recipient=user).order_by("-created_at", "-id")
    return notifications.filter(read_at=None) if unread_only else notifications


def get_notification_for(user: User, pk: int) -> Notification:
    """One notification of `user`; anybody else's answers 404, as if it did not exist."""
    notification = Notification.objects.filter(recipient=user, pk=pk).first()
    if notification is None:
        raise Http404(_("Notifikasi tidak ditemukan."))
    return notification


def unread_count(user: User) -> int:
    """Unread notifications of `user`, counted up to BADGE_LIMIT + 1 (one bounded query)."""
    return Notification.objects.filter(recipient=user, read_at=None)[: BADGE_LIMIT + 1].count()


# --- Marking read -----------------------------------------------------------------------------
# Reading one's own notification changes nobody else's data, so these writes are not audited.


@transaction.atomic
def mark_read(notification: Notification, *, actor: User) -> Notification:
    """The recipient marks one notification as read (again: no change)."""
    if notification.recipient_id != actor.pk:
        raise PermissionDenied(_("Notifikasi ini bukan milik Anda."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at=None).update(
            read_at=notification.read_at
        )
    return notification


@transaction.atomic
def mark_all_read(recipient: User, *, actor: User) -> int:
    """The recipient marks every unread notification as read; returns how many."""
    if recipient.pk != actor.pk:
        raise PermissionDenied(_("Notifikasi ini bukan milik Anda."))
    return Notification.objects.filter(recipient=recipient, read_at=None).update(
        read_at=timezone.now()
    )
