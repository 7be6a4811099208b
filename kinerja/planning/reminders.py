"""Who to remind of planning work on a given day (registered with kinerja.core.reminders).

Each selection runs in the agency's tenant scope and costs a fixed number of queries however
many employees the agency has (one per open period at most).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kinerja.core.notifications import Notice
from kinerja.core.reminders import Reminder, register
from kinerja.org.models import Employee
from kinerja.planning.models import PerformancePlan, Period, PlanStatus

PLAN_DEADLINE = "planning.reminder.plan_deadline"
APPROVAL_WAITING = "planning.reminder.approval_waiting"
# A rater is reminded of an SKP submitted more than this many days ago and not yet decided.
APPROVAL_WAITING_DAYS = 3


def plan_deadline_notices(*, agency_id: int, today: dt.date) -> list[Notice]:
    """Employees without a submitted or approved SKP, N days before the period's deadline.

    N is each of settings.REMINDER_DAYS_BEFORE (7 and 1 by default). The SKP is drawn up and
    agreed at the start of the period (PermenPANRB 6/2022, tahap perencanaan kinerja); the
    agency sets the deadline (Period.plan_deadline).
    """
    deadlines = {today + dt.timedelta(days=days): days for days in settings.REMINDER_DAYS_BEFORE}
    periods = Period.objects.filter(
        agency_id=agency_id, is_active=True, plan_deadline__in=list(deadlines)
    )
    url = reverse("planning:plan-mine")
    notices: list[Notice] = []
    for period in periods:
        if period.plan_deadline is None:  # filtered above; for the type checker
            continue
        days = deadlines[period.plan_deadline]
        done = PerformancePlan.objects.current().filter(
            employee=OuterRef("pk"),
            period=period,
            status__in=[PlanStatus.SUBMITTED, PlanStatus.APPROVED],
        )
        recipients = (
            Employee.objects.filter(agency_id=agency_id, is_active=True, user__is_active=True)
            .filter(~Exists(done))
            .values_list("user_id", flat=True)
        )
        text = _(
            "Batas pengajuan SKP %(period)s tinggal %(days)s hari lagi (%(date)s). "
            "Lengkapi dan ajukan SKP Anda kepada pejabat penilai."
        ) % {
            "period": period.name,
            "days": days,
            "date": formats.date_format(period.plan_deadline, "DATE_FORMAT"),
        }
        notices += [
            Notice(user_id, text, url, f"plan-deadline:{period.pk}:{days}")
            for user_id in recipients
        ]
    return notices


def approval_waiting_notices(*, agency_id: int, today: dt.date) -> list[Notice]:
    """Raters with SKPs submitted more than APPROVAL_WAITING_DAYS days ago, once a day."""
    cutoff = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=APPROVAL_WAITING_DAYS), dt.time.min)
    )
    waiting = (
        PerformancePlan.objects.current()
        .filter(
            agency_id=agency_id,
            status=PlanStatus.SUBMITTED,
            submitted_at__lt=cutoff,
            rater__user__is_active=True,
        )
        .values("rater__user_id")
        .annotate(count=Count("pk"))
        .order_by("rater__user_id")
    )
    url = reverse("planning:team")
    return [
        Notice(
            row["rater__user_id"],
            _(
                "%(count)s SKP bawahan Anda menunggu persetujuan lebih dari %(days)s hari. "
                "Periksa lalu setujui atau kembalikan dengan catatan."
            )
            % {"count": row["count"], "days": APPROVAL_WAITING_DAYS},
            url,
            f"approval-waiting:{today.isoformat()}",
        )
        for row in waiting
    ]


def register_reminders() -> None:
    register(Reminder(PLAN_DEADLINE, plan_deadline_notices))
    register(Reminder(APPROVAL_WAITING, approval_waiting_notices))
