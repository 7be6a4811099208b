"""The leaders' dashboard: a period of an agency (or a head's subtree) at a glance.

Every figure is an aggregate in SQL over the viewer's units, a fixed number of queries whatever
the size of the agency:

- SKP completion: active employees by the status of their current SKP (none, draft, submitted,
  returned, approved);
- realisation progress: per sub-period begun, the indicators of approved SKP with a realisation
  recorded, of all of them;
- predicates: the latest evaluation with final predicates (the annual one once there is one),
  the count per predicate and how many units keep or leave the distribution pattern of their
  organisation predicate (SE MenPANRB 3/2023, `appraisal.distribution`);
- IKM per unit over the period (PermenPANRB 14/2017, pooled: `citizen.metrics.ikm_by`);
- service turnaround per month (median, share within the standard);
- complaints resolved per month, and how many on time;
- learning hours: who reached the 20 JP of the year (PP 11/2017);
- talent: employees per 9-box box (PermenPANRB 3/2020), as last computed;
- audit recommendations not yet finished on the viewer's units, and those overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.appraisal.models import Evaluation, EvaluationStatus, Realisation
from kinerja.appraisal.predicate import Predicate
from kinerja.appraisal.services.predicate_run import distribution_report
from kinerja.citizen.ikm import IkmResult
from kinerja.citizen.metrics import Turnaround, ikm_by, turnaround_by
from kinerja.citizen.models import Complaint, ServiceRequest, SurveyResponse
from kinerja.citizen.services.complaints import OPEN_STATUSES
from kinerja.core.formatting import MONTHS
from kinerja.development.models import DevelopmentRecord
from kinerja.development.rules import MINIMUM_JP_PER_YEAR
from kinerja.org.models import Employee, Unit
from kinerja.oversight.models import Recommendation as AuditRecommendation
from kinerja.oversight.models import RecommendationStatus as AuditRecommendationStatus
from kinerja.planning.models import Indicator, PerformancePlan, Period, PlanStatus
from kinerja.planning.subperiods import subperiods
from kinerja.talent.models import TalentPlacement

NO_PLAN = "none"
PLAN_STATES: tuple[tuple[str, Any], ...] = (
    (NO_PLAN, _("Belum ada SKP")),
    (PlanStatus.DRAFT, PlanStatus.DRAFT.label),
    (PlanStatus.RETURNED, PlanStatus.RETURNED.label),
    (PlanStatus.SUBMITTED, PlanStatus.SUBMITTED.label),
    (PlanStatus.APPROVED, PlanStatus.APPROVED.label),
)


@dataclass(frozen=True)
class Reach:
    """The period and the units a dashboard covers (None: the whole agency), on a day."""

    period: Period
    today: dt.date
    unit_paths: tuple[str, ...] | None = None

    def within(self, path_field: str) -> Q:
        if self.unit_paths is None:
            return Q()
        found = Q(pk__in=[])
        for path in self.unit_paths:
            found |= Q(**{f"{path_field}__startswith": path})
        return found

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(
            self.period.start_date, dt.time.min, tzinfo=timezone.get_current_timezone()
        )

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(
            self.period.end_date + dt.timedelta(days=1),
            dt.time.min,
            tzinfo=timezone.get_current_timezone(),
        )


# --- SKP and realisations ---------------------------------------------------------------------


def plan_completion(reach: Reach) -> dict[str, int]:
    """Active employees by the status of their current SKP of the period (NO_PLAN: none)."""
    current = PerformancePlan.objects.filter(
        period=reach.period, employee=OuterRef("pk"), is_current=True
    ).order_by("-pk")
    rows = (
        Employee.objects.filter(agency_id=reach.period.agency_id, is_active=True)
        .filter(reach.within("unit__path"))
        .annotate(plan_status=Subquery(current.values("status")[:1]))
        .order_by()
        .values("plan_status")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys((code for code, _label in PLAN_STATES), 0)
    for row in rows:
        counts[row["plan_status"] or NO_PLAN] += row["n"]
    return counts


@dataclass(frozen=True)
class Progress:
    number: int
    label: str
    recorded: int
    expected: int

    @property
    def share(self) -> Decimal | None:
        if not self.expected:
            return None
        return (Decimal(self.recorded * 100) / self.expected).quantize(Decimal("0.1"))


def _approved_plans(reach: Reach) -> QuerySet[PerformancePlan]:
    return PerformancePlan.objects.filter(
        period=reach.period, is_current=True, status=PlanStatus.APPROVED
    ).filter(reach.within("employee__unit__path"))


def realisation_progress(reach: Reach) -> list[Progress]:
    """Per sub-period begun by `today`: indicators of approved SKP with a realisation."""
    period = reach.period
    begun = [
        block
        for block in subperiods(period.frequency, period.start_date, period.end_date)
        if block.start <= reach.today
    ]
    if not begun:
        return []
    plans = _approved_plans(reach)
    expected = Indicator.objects.filter(result__plan__in=plans).count()
    recorded = dict(
        Realisation.objects.filter(plan__in=plans, subperiod__in=[b.number for b in begun])
        .filter(Q(value__isnull=False) | ~Q(text=""))
        .order_by()
        .values("subperiod")
        .annotate(n=Count("pk"))
        .values_list("subperiod", "n")
    )
    return [Progress(b.number, b.label, recorded.get(b.number, 0), expected) for b in begun]


# --- Predicates and the distribution pattern --------------------------------------------------


@dataclass(frozen=True)
class Predicates:
    subperiod: int | None  # 0: annual; None: no final predicate yet
    counts: dict[str, int]
    units_checked: int
    units_breaching: int
    units_without_organisation_predicate: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def latest_final_subperiod(reach: Reach) -> int | None:
    """The annual evaluation (0) when it has final predicates, else the latest periodic one."""
    finals = (
        Evaluation.objects.filter(period=reach.period, status=EvaluationStatus.FINAL)
        .filter(reach.within("unit__path"))
        .order_by()
        .values_list("subperiod", flat=True)
        .distinct()
    )
    found = set(finals)
    if not found:
        return None
    return 0 if 0 in found else max(found)


def predicates(reach: Reach) -> Predicates:
    subperiod = latest_final_subperiod(reach)
    counts = dict.fromkeys((member.value for member in Predicate), 0)
    if subperiod is None:
        return Predicates(None, counts, 0, 0, 0)
    report = distribution_report(reach.period, subperiod)
    units = [
        entry
        for entry in report.units
        if reach.unit_paths is None or any(entry.unit.path.startswith(p) for p in reach.unit_paths)
    ]
    for entry in units:
        for predicate, count in entry.counts.items():
            counts[predicate.value] += count
    checked = [entry for entry in units if entry.check is not None]
    return Predicates(
        subperiod,
        counts,
        units_checked=len(checked),
        units_breaching=sum(1 for entry in checked if entry.check and not entry.check.passes),
        units_without_organisation_predicate=len(units) - len(checked),
    )


# --- Citizens' data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitIkm:
    unit: Unit
    result: IkmResult


def ikm_per_unit(reach: Reach) -> list[UnitIkm]:
    """The pooled IKM of every unit with survey responses in the period, best first."""
    responses = SurveyResponse.objects.filter(
        agency_id=reach.period.agency_id, submitted_at__gte=reach.start, submitted_at__lt=reach.end
    ).filter(reach.within("unit__path"))
    results = ikm_by(responses, "unit_id")
    units = Unit.objects.in_bulk(list(results))
    rows = [UnitIkm(units[pk], result) for pk, result in results.items() if pk in units]
    rows.sort(key=lambda row: (-(row.result.value or 0), row.unit.name))
    return rows


@dataclass(frozen=True)
class Month:
    number: int
    label: str


def _months(reach: Reach) -> list[Month]:
    first = reach.period.start_date
    last = min(reach.period.end_date, reach.today)
    return [
        Month(number, MONTHS[number - 1][:3])
        for number in range(first.month, last.month + 1)
        if first.year == last.year
    ]


def turnaround_per_month(reach: Reach) -> list[tuple[Month, Turnaround | None]]:
    """Requests completed in each month of the period so far: median and share in standard."""
    requests = (
        ServiceRequest.objects.filter(
            agency_id=reach.period.agency_id,
            completed_at__gte=reach.start,
            completed_at__lt=reach.end,
        )
        .filter(reach.within("unit__path"))
        .annotate(month=ExtractMonth("completed_at"))
    )
    by_month = turnaround_by(requests, "month")
    return [(month, by_month.get(month.number)) for month in _months(reach)]


@dataclass(frozen=True)
class Resolved:
    month: Month
    resolved: int
    on_time: int

    @property
    def share(self) -> Decimal | None:
        if not self.resolved:
            return None
        return (Decimal(self.on_time * 100) / self.resolved).quantize(Decimal("0.1"))


def complaints_per_month(reach: Reach) -> list[Resolved]:
    """Complaints resolved in each month of the period so far, and of those on time."""
    rows = (
        Complaint.objects.filter(
            agency_id=reach.period.agency_id,
            resolved_at__gte=reach.start,
            resolved_at__lt=reach.end,
        )
        .filter(reach.within("unit__path"))
        .annotate(month=ExtractMonth("resolved_at"))
        .order_by()
        .values("month")
        .annotate(
            resolved=Count("pk"),
            on_time=Count("pk", filter=Q(resolved_on_time=True), output_field=IntegerField()),
        )
    )
    found = {row["month"]: row for row in rows}
    return [
        Resolved(
            month,
            found.get(month.number, {}).get("resolved", 0),
            found.get(month.number, {}).get("on_time", 0),
        )
        for month in _months(reach)
    ]


def open_complaints(reach: Reach) -> int:
    """Complaints of the viewer's units still open (any period)."""
    return (
        Complaint.objects.filter(agency_id=reach.period.agency_id, status__in=OPEN_STATUSES)
        .filter(reach.within("unit__path"))
        .count()
    )


# --- Development, talent and oversight --------------------------------------------------------


@dataclass(frozen=True)
class LearningHours:
    """Active employees by whether their learning hours of the year reach the 20 JP."""

    employees: int
    reached: int
    hours: int

    @property
    def short(self) -> int:
        return self.employees - self.reached


def learning_hours(reach: Reach) -> LearningHours:
    """The 20 JP a year of PP 11/2017 Pasal 203 over the viewer's active employees: one query
    for the hours per employee who has any, one for the head count."""
    year = reach.period.year
    employees = Employee.objects.filter(agency_id=reach.period.agency_id, is_active=True).filter(
        reach.within("unit__path")
    )
    per_employee = (
        DevelopmentRecord.objects.filter(year=year, employee__in=employees)
        .order_by()
        .values("employee_id")
        .annotate(jp=Sum("jp"))
        .values_list("jp", flat=True)
    )
    hours = list(per_employee)
    return LearningHours(
        employees=employees.count(),
        reached=sum(1 for jp in hours if jp >= MINIMUM_JP_PER_YEAR),
        hours=sum(hours),
    )


def talent_boxes(reach: Reach) -> dict[int, int]:
    """Employees per 9-box box (1–9) among the viewer's units, as last computed."""
    counts = dict.fromkeys(range(1, 10), 0)
    rows = (
        TalentPlacement.objects.filter(agency_id=reach.period.agency_id)
        .filter(reach.within("employee__unit__path"))
        .order_by()
        .values_list("box")
        .annotate(n=Count("pk"))
    )
    for box, n in rows:
        counts[box] = n
    return counts


@dataclass(frozen=True)
class AuditFollowUp:
    open: int
    in_progress: int
    overdue: int


def audit_recommendations(reach: Reach) -> AuditFollowUp:
    """Unfinished audit recommendations on findings in the viewer's units, and those overdue."""
    row = (
        AuditRecommendation.objects.filter(agency_id=reach.period.agency_id)
        .filter(reach.within("finding__unit__path"))
        .unfinished()
        .aggregate(
            open=Count("pk", filter=Q(status=AuditRecommendationStatus.OPEN)),
            in_progress=Count("pk", filter=Q(status=AuditRecommendationStatus.IN_PROGRESS)),
            overdue=Count("pk", filter=Q(due_date__lt=reach.today)),
        )
    )
    return AuditFollowUp(row["open"], row["in_progress"], row["overdue"])
