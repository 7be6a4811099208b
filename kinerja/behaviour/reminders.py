"""Who to remind of 360° questionnaires not yet sent (registered with kinerja.core.reminders).

While a round is open, raters with questionnaires still unsent are reminded twice: once in the
last REMINDER_DAYS days before its closing date and once on that day — never twice for the
same phase of the same round (the notice's dedupe key). The agency admin can also remind them
by hand from the round's page (`services.rounds.remind_raters`, once a day).
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats
from django.utils.translation import gettext as _

from kinerja.behaviour.models import FeedbackRound, RoundStatus
from kinerja.behaviour.services.rounds import unanswered_notices
from kinerja.core.notifications import Notice
from kinerja.core.reminders import Reminder, register

FEEDBACK_DUE = "behaviour.reminder.feedback_due"
REMINDER_DAYS = 3


def _phase(closes_on: dt.date, today: dt.date) -> str | None:
    days_left = (closes_on - today).days
    if days_left == 0:
        return "last-day"
    if 0 < days_left <= REMINDER_DAYS:
        return "closing"
    return None


def feedback_due_notices(*, agency_id: int, today: dt.date) -> list[Notice]:
    """Raters of the agency's open rounds closing soon who still have questionnaires to send."""
    rounds = FeedbackRound.objects.filter(
        agency_id=agency_id,
        status=RoundStatus.OPEN,
        closes_on__gte=today,
        closes_on__lte=today + dt.timedelta(days=REMINDER_DAYS),
    ).order_by("pk")
    notices: list[Notice] = []
    for feedback_round in rounds:
        phase = _phase(feedback_round.closes_on, today)
        if phase is None:
            continue
        date = formats.date_format(feedback_round.closes_on, "DATE_FORMAT")
        if phase == "last-day":
            template = _(
                "Hari ini batas terakhir umpan balik 360° “%(round)s”: %%(count)s penilaian "
                "belum Anda kirim."
            )
        else:
            template = _(
                "Umpan balik 360° “%(round)s” ditutup %(date)s: %%(count)s penilaian belum "
                "Anda kirim."
            )
        text = template % {"round": feedback_round.name, "date": date}
        notices += unanswered_notices(
            feedback_round, text=text, key=f"feedback-due:{feedback_round.pk}:{phase}"
        )
    return notices


def register_reminders() -> None:
    register(Reminder(FEEDBACK_DUE, feedback_due_notices))
