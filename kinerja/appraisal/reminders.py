"""Who to remind of realisations due (registered with kinerja.core.reminders).

PermenPANRB 6/2022 evaluates performance periodically (monthly, quarterly or per semester, as
the agency decides): the realisation of every indicator is recorded for each sub-period. From
the last REALISATION_WINDOW_DAYS days of a sub-period to as many days after it, an employee with
an approved SKP whose indicators still lack a realisation for it is reminded — once while the
sub-period closes and once more after it has ended, never twice for the same one.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from kinerja.appraisal.models import Realisation
from kinerja.core.notifications import Notice
from kinerja.core.reminders import Reminder, register
from kinerja.planning.models import Indicator, PerformancePlan, Period, PlanStatus
from kinerja.planning.subperiods import SubPeriod, subperiods

REALISATION_DUE = "appraisal.reminder.realisation_due"
REALISATION_WINDOW_DAYS = 7


def _due_subperiod(period: Period, today: dt.date) -> tuple[SubPeriod, str] | None:
    """The sub-period whose realisation is due on `today`, and the phase ("closing"/"late")."""
    window = dt.timedelta(days=REALISATION_WINDOW_DAYS)
    for block in subperiods(period.frequency, period.start_date, period.end_date):
        if block.end - window < today <= block.end:
            return block, "closing"
        if block.end < today <= block.end + window:
            return block, "late"
    return None


def realisation_due_notices(*, agency_id: int, today: dt.date) -> list[Notice]:
    """Employees with an approved SKP missing a realisation of the sub-period now due."""
    horizon = dt.timedelta(days=REALISATION_WINDOW_DAYS)
    periods = Period.objects.filter(
        agency_id=agency_id,
        is_active=True,
        start_date__lte=today + horizon,
        end_date__gte=today - horizon,
    )
    notices: list[Notice] = []
    for period in periods:
        due = _due_subperiod(period, today)
        if due is None:
            continue
        block, phase = due
        recorded = Realisation.objects.filter(indicator=OuterRef("pk"), subperiod=block.number)
        missing = Indicator.objects.filter(result__plan=OuterRef("pk")).filter(~Exists(recorded))
        plans = (
            PerformancePlan.objects.current()
            .filter(
                period=period,
                status=PlanStatus.APPROVED,
                segment_start__lte=block.end,
                segment_end__gte=block.start,
                employee__is_active=True,
                employee__user__is_active=True,
            )
            .filter(Exists(missing))
            .values_list("pk", "employee__user_id")
            .order_by("pk")
        )
        if phase == "closing":
            template = _(
                "%(subperiod)s berakhir %(date)s. Catat realisasi setiap indikator SKP Anda "
                "beserta bukti dukungnya."
            )
        else:
            template = _(
                "%(subperiod)s telah berakhir %(date)s, tetapi realisasi SKP Anda belum "
                "lengkap. Segera catat realisasi beserta bukti dukungnya."
            )
        text = template % {
            "subperiod": block.label,
            "date": formats.date_format(block.end, "DATE_FORMAT"),
        }
        key = f"realisation-due:{period.pk}:{block.number}:{phase}"
        notices += [
            Notice(user_id, text, reverse("planning:plan-detail", args=[plan_id]), key)
            for plan_id, user_id in plans
        ]
    return notices


def register_reminders() -> None:
    register(Reminder(REALISATION_DUE, realisation_due_notices))
