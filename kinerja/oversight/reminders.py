"""Who to remind of overdue recommendations (registered with kinerja.core.reminders).

The day after a recommendation's due date passes unfinished, its owner and the audit's lead are
told; while it stays overdue they are told again once a week (`lifecycle.reminder_week`). Each
notice's dedupe key names the recommendation and the week, so the daily run may repeat without
telling anybody twice; a new due date starts the count again.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats
from django.utils.translation import gettext as _

from kinerja.core.models import User
from kinerja.core.notifications import Notice
from kinerja.core.reminders import Reminder, register
from kinerja.oversight import lifecycle
from kinerja.oversight.models import AuditStatus, Recommendation
from kinerja.oversight.services.findings import recommendation_url

RECOMMENDATION_OVERDUE = "oversight.reminder.recommendation_overdue"


def overdue_notices(*, agency_id: int, today: dt.date) -> list[Notice]:
    """The owners and audit leads of the agency's overdue recommendations (three queries)."""
    overdue = list(
        Recommendation.objects.overdue(today)
        .filter(agency_id=agency_id)
        .exclude(finding__audit__status=AuditStatus.PLANNED)
        .select_related("finding__audit", "owner")
        .order_by("due_date", "pk")
    )
    wanted = {r.owner.user_id for r in overdue} | {r.finding.audit.lead_id for r in overdue}
    active = set(
        User.objects.filter(pk__in=[pk for pk in wanted if pk], is_active=True).values_list(
            "pk", flat=True
        )
    )
    notices: list[Notice] = []
    for recommendation in overdue:
        week = lifecycle.reminder_week(recommendation.due_date, today)
        if week is None:
            continue
        audit = recommendation.finding.audit
        text = _(
            "Rekomendasi “%(text)s” (pemeriksaan “%(audit)s”) melewati batas waktu %(date)s "
            "dan belum selesai ditindaklanjuti."
        ) % {
            "text": recommendation.text[:120],
            "audit": audit.title,
            "date": formats.date_format(recommendation.due_date, "DATE_FORMAT"),
        }
        key = f"recommendation-overdue:{recommendation.pk}:{recommendation.due_date}:{week}"
        url = recommendation_url(recommendation)
        for recipient in {recommendation.owner.user_id, audit.lead_id}:
            if recipient in active:
                notices.append(Notice(recipient, text, url, key))
    return notices


def register_reminders() -> None:
    register(Reminder(RECOMMENDATION_OVERDUE, overdue_notices))
