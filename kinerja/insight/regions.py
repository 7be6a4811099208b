"""The agencies side by side, for national and provincial viewers: the same measures for each
agency over a year, and their trend over the years before. Read-only, across tenants: the
queries name every agency explicitly and group by it (one query per measure).

Measures of an agency in a year:
- active employees (today);
- SKP approved: current SKP of the year's periods in status approved, per active employee;
- predicates: of the final evaluations of the latest evaluation finalised in the year (the
  annual one when there is one), the share rated Baik or Sangat Baik;
- IKM: pooled over the agency's survey answers of the year (PermenPANRB 14/2017);
- services within standard: requests completed in the year within the service's standard time;
- complaints on time: complaints resolved in the year within their limit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from kinerja.appraisal.models import Evaluation, EvaluationStatus
from kinerja.appraisal.predicate import Predicate
from kinerja.citizen.metrics import ikm_by
from kinerja.citizen.models import Complaint, ServiceRequest, SurveyResponse
from kinerja.core.models import Agency
from kinerja.core.tenancy import all_agencies_scope
from kinerja.org.models import Employee
from kinerja.planning.models import PerformancePlan, PlanStatus

GOOD = (Predicate.SANGAT_BAIK.value, Predicate.BAIK.value)


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class AgencyMeasures:
    agency: Agency
    employees: int = 0
    plans_approved: int = 0
    finals: int = 0
    finals_good: int = 0
    ikm: Decimal | None = None
    ikm_respondents: int = 0
    completed: int = 0
    within_standard: int = 0
    resolved: int = 0
    on_time: int = 0

    @property
    def plans_share(self) -> Decimal | None:
        return percent(self.plans_approved, self.employees)

    @property
    def good_share(self) -> Decimal | None:
        return percent(self.finals_good, self.finals)

    @property
    def within_share(self) -> Decimal | None:
        return percent(self.within_standard, self.completed)

    @property
    def on_time_share(self) -> Decimal | None:
        return percent(self.on_time, self.resolved)


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=zone), dt.datetime(year + 1, 1, 1, tzinfo=zone)


def _latest_finals(year: int) -> dict[int, tuple[int, int]]:
    """Per agency: (finals, good) of its latest evaluation finalised in the year's periods."""
    rows = (
        Evaluation.objects.filter(period__year=year, status=EvaluationStatus.FINAL)
        .order_by()
        .values("agency_id", "subperiod", "predicate")
        .annotate(n=Count("pk"))
    )
    per_agency: dict[int, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        per_agency[row["agency_id"]][row["subperiod"]][row["predicate"]] = row["n"]
    figures = {}
    for agency_id, by_subperiod in per_agency.items():
        chosen = 0 if 0 in by_subperiod else max(by_subperiod)
        counts = by_subperiod[chosen]
        figures[agency_id] = (
            sum(counts.values()),
            sum(n for predicate, n in counts.items() if predicate in GOOD),
        )
    return figures


def measures(year: int) -> list[AgencyMeasures]:
    """Every active agency's measures of `year`, in name order (one query per measure)."""
    start, end = _year_bounds(year)
    with all_agencies_scope():
        agencies = list(Agency.objects.filter(is_active=True).order_by("name"))
        rows = {agency.pk: AgencyMeasures(agency) for agency in agencies}
        for agency_id, n in (
            Employee.objects.filter(is_active=True)
            .order_by()
            .values_list("agency_id")
            .annotate(n=Count("pk"))
        ):
            if agency_id in rows:
                rows[agency_id].employees = n
        for agency_id, n in (
            PerformancePlan.objects.filter(
                period__year=year,
                is_current=True,
                status=PlanStatus.APPROVED,
                employee__is_active=True,
            )
            .order_by()
            .values_list("agency_id")
            .annotate(n=Count("employee_id", distinct=True))
        ):
            if agency_id in rows:
                rows[agency_id].plans_approved = n
        for agency_id, (finals, good) in _latest_finals(year).items():
            if agency_id in rows:
                rows[agency_id].finals, rows[agency_id].finals_good = finals, good
        answers = SurveyResponse.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        for agency_id, result in ikm_by(answers, "agency_id").items():
            if agency_id in rows:
                rows[agency_id].ikm = result.value
                rows[agency_id].ikm_respondents = result.respondents
        for agency_id, completed, within in (
            ServiceRequest.objects.filter(completed_at__gte=start, completed_at__lt=end)
            .order_by()
            .values_list("agency_id")
            .annotate(n=Count("pk"), within=Count("pk", filter=Q(within_standard=True)))
        ):
            if agency_id in rows:
                rows[agency_id].completed, rows[agency_id].within_standard = completed, within
        for agency_id, resolved, on_time in (
            Complaint.objects.filter(resolved_at__gte=start, resolved_at__lt=end)
            .order_by()
            .values_list("agency_id")
            .annotate(n=Count("pk"), on_time=Count("pk", filter=Q(resolved_on_time=True)))
        ):
            if agency_id in rows:
                rows[agency_id].resolved, rows[agency_id].on_time = resolved, on_time
    return list(rows.values())


@dataclass
class Trend:
    """One measure per agency per year: {agency id: {year: value}}."""

    years: list[int]
    values: dict[int, dict[int, Decimal | None]] = field(default_factory=dict)

    def row(self, agency_id: int) -> list[Decimal | None]:
        found = self.values.get(agency_id, {})
        return [found.get(year) for year in self.years]


def complaint_trend(years: list[int]) -> Trend:
    """Complaints resolved on time, per agency and year."""
    start, _end = _year_bounds(min(years))
    _start, end = _year_bounds(max(years))
    trend = Trend(years)
    with all_agencies_scope():
        rows: Any = (
            Complaint.objects.filter(resolved_at__gte=start, resolved_at__lt=end)
            .annotate(year=ExtractYear("resolved_at"))
            .order_by()
            .values_list("agency_id", "year")
            .annotate(n=Count("pk"), on_time=Count("pk", filter=Q(resolved_on_time=True)))
        )
        for agency_id, year, n, on_time in rows:
            trend.values.setdefault(agency_id, {})[year] = percent(on_time, n)
    return trend


def ikm_trend(years: list[int]) -> Trend:
    """The pooled IKM per agency and year."""
    start, _end = _year_bounds(min(years))
    _start, end = _year_bounds(max(years))
    trend = Trend(years)
    with all_agencies_scope():
        answers = SurveyResponse.objects.filter(
            submitted_at__gte=start, submitted_at__lt=end
        ).annotate(year=ExtractYear("submitted_at"))
        for agency_id in Agency.objects.filter(is_active=True).values_list("pk", flat=True):
            trend.values[agency_id] = {}
        for year in years:
            for agency_id, result in ikm_by(answers.filter(year=year), "agency_id").items():
                trend.values.setdefault(agency_id, {})[year] = result.value
    return trend
