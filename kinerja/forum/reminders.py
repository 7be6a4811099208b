"""Who to remind of announcements not yet confirmed (registered with kinerja.core.reminders).

An employee of the audience who has not confirmed a published announcement is reminded on the
announcement's `remind_after_days`-th day after publication and every as many days after that,
for at most REMIND_FOR_DAYS days; the dedupe key holds the day, so a second run on the same day
tells nobody twice.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.notifications import Notice
from kinerja.core.reminders import Reminder, register
from kinerja.forum.models import Announcement, AnnouncementStatus, ReadConfirmation
from kinerja.forum.selectors.announcements import audience_of, with_audience
from kinerja.forum.services.announcements import announcement_url

UNREAD_CODE = "forum.reminder.announcement_unread"
REMIND_FOR_DAYS = 30


def is_reminder_day(published_on: dt.date, today: dt.date, every: int) -> bool:
    """On day `every`, 2×`every`, … after publication, up to REMIND_FOR_DAYS days."""
    days = (today - published_on).days
    return every > 0 and 0 < days <= REMIND_FOR_DAYS and days % every == 0


def unread_notices(*, agency_id: int, today: dt.date) -> list[Notice]:
    """Accounts of the audience of recent announcements who have not confirmed reading, on the
    announcements' reminder days (one query for the announcements, one per announcement due)."""
    since = timezone.make_aware(dt.datetime.combine(today, dt.time.min)) - dt.timedelta(
        days=REMIND_FOR_DAYS
    )
    announcements = with_audience(
        Announcement.objects.filter(
            agency_id=agency_id,
            status=AnnouncementStatus.PUBLISHED,
            requires_confirmation=True,
            published_at__gte=since,
        )
    ).order_by("pk")
    notices: list[Notice] = []
    for announcement in announcements:
        published_on = timezone.localdate(announcement.published_at)
        if not is_reminder_day(published_on, today, announcement.remind_after_days):
            continue
        confirmed = ReadConfirmation.objects.filter(
            announcement=announcement, employee_id=OuterRef("pk")
        )
        recipients = (
            audience_of(announcement)
            .exclude(Exists(confirmed))
            .filter(user__isnull=False, user__is_active=True)
            .order_by()
            .values_list("user_id", flat=True)
        )
        text = _("Pengingat: Anda belum mengonfirmasi membaca pengumuman “%(title)s”.") % {
            "title": announcement.title
        }
        url = announcement_url(announcement)
        key = f"forum-unread:{announcement.pk}:{today.isoformat()}"
        notices += [Notice(user_id, text, url, key) for user_id in recipients]
    return notices


def register_reminders() -> None:
    register(Reminder(UNREAD_CODE, unread_notices))
