"""Reads of indicators fed by data: the value of a metric over a date range (only through the
aggregates of `kinerja.citizen.metrics`, so a figure means the same on every page), the
"Indikator dari data" overview of an SKP, the choices when binding, the agency's list, and which
bound indicators a change of data affects.

Every read that a user asks for starts from what they may see (the planning selectors and
`plan_scope`): outside their reach it is 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from kinerja.appraisal.models import Realisation
from kinerja.appraisal.selectors.execution import (
    SubPeriodTab,
    final_subperiods,
    has_started,
    plan_subperiods,
)
from kinerja.citizen.indicator_metrics import spec_of
from kinerja.citizen.metrics import complaint_timeliness, ikm_of, turnaround
from kinerja.citizen.models import (
    Complaint,
    IndicatorSource,
    Metric,
    Service,
    ServiceRequest,
    SurveyResponse,
)
from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee, Unit
from kinerja.planning import selectors as planning_selectors
from kinerja.planning.models import (
    Indicator,
    PerformancePlan,
    Period,
    PlannedResult,
    PlanStatus,
)
from kinerja.planning.permissions import plan_scope

TWO_PLACES = Decimal("0.01")

# --- The value of a metric over a date range ------------------------------------------------


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[local midnight of `start`, local midnight after `end`): the days `start`..`end`."""
    return (
        timezone.make_aware(dt.datetime.combine(start, dt.time.min)),
        timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)),
    )


def _decimal(value: float | Decimal | int | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(TWO_PLACES, ROUND_HALF_UP)


def _completed_count(requests: QuerySet[ServiceRequest]) -> int:
    """Completed requests, counted exactly as `metrics.turnaround` counts them."""
    return (
        requests.filter(completed_at__isnull=False, turnaround_minutes__isnull=False)
        .order_by()
        .count()
    )


def _subtree(unit: Unit) -> Q:
    """A unit with the units below it: a Dinas's IKM pools the answers given at its bidang."""
    return Q(unit__path__startswith=unit.path)


def metric_value(source: IndicatorSource, start: dt.date, end: dt.date) -> Decimal | None:
    """The value of the source's metric over the days `start`..`end` (None: not defined, e.g.
    no completed request for a median, no answer to an element for the IKM).

    Requests count on the day they were completed, survey responses on the day submitted,
    complaints on the day resolved. A unit's figures take in the units below it.
    """
    since, until = day_bounds(start, end)
    metric = source.metric
    if metric in (
        Metric.SERVICE_MEDIAN_MINUTES,
        Metric.SERVICE_P90_MINUTES,
        Metric.SERVICE_WITHIN_STANDARD,
    ):
        figures = turnaround(
            ServiceRequest.objects.filter(
                service_id=source.service_id, completed_at__gte=since, completed_at__lt=until
            )
        )
        if metric == Metric.SERVICE_MEDIAN_MINUTES:
            return _decimal(figures.median_minutes)
        if metric == Metric.SERVICE_P90_MINUTES:
            return _decimal(figures.p90_minutes)
        return figures.within_standard_share
    if metric == Metric.SERVICE_COMPLETED:
        return Decimal(
            _completed_count(
                ServiceRequest.objects.filter(
                    service_id=source.service_id, completed_at__gte=since, completed_at__lt=until
                )
            )
        )
    if metric == Metric.EMPLOYEE_COMPLETED:
        requests = ServiceRequest.objects.filter(
            handled_by_id=source.employee_id, completed_at__gte=since, completed_at__lt=until
        )
        if source.service_id is not None:
            requests = requests.filter(service_id=source.service_id)
        return Decimal(_completed_count(requests))
    if metric == Metric.SERVICE_IKM:
        return ikm_of(
            SurveyResponse.objects.filter(
                service_id=source.service_id, submitted_at__gte=since, submitted_at__lt=until
            )
        ).value
    if metric == Metric.UNIT_IKM:
        assert source.unit is not None
        return ikm_of(
            SurveyResponse.objects.filter(
                _subtree(source.unit), submitted_at__gte=since, submitted_at__lt=until
            )
        ).value
    if metric == Metric.COMPLAINTS_ON_TIME:
        assert source.unit is not None
        return complaint_timeliness(
            Complaint.objects.filter(
                _subtree(source.unit), resolved_at__gte=since, resolved_at__lt=until
            )
        ).on_time_share
    raise ValueError(f"metrik tidak dikenal: {metric!r}")


# --- Which bound indicators a change of data touches ---------------------------------------------


def _computable(sources: QuerySet[IndicatorSource]) -> QuerySet[IndicatorSource]:
    """Sources of approved, current SKP (only those take realisations), with what computing
    them needs joined."""
    return sources.filter(
        indicator__result__plan__status=PlanStatus.APPROVED,
        indicator__result__plan__is_current=True,
    ).select_related("indicator__result__plan__period", "service", "unit", "employee")


def sources_of(target: Indicator | PerformancePlan | Period) -> QuerySet[IndicatorSource]:
    """The computable sources of one indicator, of every indicator of a plan, or of a period."""
    sources = IndicatorSource.objects.all()
    if isinstance(target, Indicator):
        sources = sources.filter(indicator=target)
    elif isinstance(target, PerformancePlan):
        sources = sources.filter(indicator__result__plan=target)
    else:
        sources = sources.filter(indicator__result__plan__period=target)
    return _computable(sources).order_by("pk")


def sources_affected_by(
    *, service_id: int | None, unit_id: int | None, employee_id: int | None
) -> QuerySet[IndicatorSource]:
    """The computable sources whose value may change when data of this service, unit or
    employee changes: those on the service; those on the unit or any unit above it (a unit's
    IKM and complaints pool its subtree); those on the employee."""
    if service_id is not None and unit_id is None:
        unit_id = Service.objects.filter(pk=service_id).values_list("unit_id", flat=True).first()
    query = Q(pk__in=[])
    if service_id is not None:
        query |= Q(service_id=service_id)
    if unit_id is not None:
        path = Unit.objects.filter(pk=unit_id).values_list("path", flat=True).first() or ""
        lineage = [int(part) for part in path.strip("/").split("/") if part]
        query |= Q(unit_id__in=lineage or [unit_id])
    if employee_id is not None:
        query |= Q(employee_id=employee_id)
    return _computable(IndicatorSource.objects.filter(query)).order_by("pk")


# --- One indicator, and the choices when binding it ------------------------------------------------


def get_indicator_for(user: User, pk: int) -> Indicator:
    """An indicator of an SKP the user may see, with its plan and source; 404 otherwise."""
    indicator = (
        Indicator.objects.select_related(
            "result__plan__period",
            "result__plan__employee__unit",
            "result__plan__employee__position",
            "result__plan__rater",
        )
        .filter(pk=pk)
        .first()
    )
    if indicator is None or not user.has_perm("planning.view_plan", indicator.result.plan):
        raise Http404
    return indicator


def source_of(indicator: Indicator) -> IndicatorSource | None:
    return (
        IndicatorSource.objects.select_related("service__unit", "unit", "employee")
        .filter(indicator=indicator)
        .first()
    )


def organisation_path(unit: Unit) -> str:
    """The path of the top unit above `unit` (its OPD, kecamatan…): binding stays inside it."""
    top = unit.path.strip("/").split("/")[0]
    return f"/{top}/"


@dataclass
class SourceChoices:
    """What an indicator of `plan` may be bound to: inside the employee's organisation."""

    services: QuerySet[Service]
    units: QuerySet[Unit]
    employees: QuerySet[Employee]


def source_choices(plan: PerformancePlan) -> SourceChoices:
    root = organisation_path(plan.employee.unit)
    return SourceChoices(
        services=Service.objects.filter(unit__path__startswith=root, is_active=True)
        .select_related("unit")
        .order_by("unit__path", "name"),
        units=Unit.objects.filter(path__startswith=root, is_active=True).order_by("path"),
        employees=Employee.objects.filter(unit__path__startswith=root, is_active=True)
        .select_related("unit")
        .order_by("name", "pk"),
    )


# --- "Indikator dari data": one SKP ---------------------------------------------------------------


@dataclass
class SourceCell:
    tab: SubPeriodTab
    realisation: Realisation | None

    @property
    def is_overridden(self) -> bool:
        return self.realisation is not None and bool(self.realisation.override_reason)


@dataclass
class SourceRow:
    result: PlannedResult
    indicator: Indicator
    source: IndicatorSource | None
    cells: list[SourceCell] = field(default_factory=list)

    @property
    def measure(self) -> str:
        return str(spec_of(self.source.metric).measure) if self.source else ""


@dataclass
class PlanSources:
    plan: PerformancePlan
    tabs: list[SubPeriodTab]
    rows: list[SourceRow]

    @property
    def bound(self) -> list[SourceRow]:
        return [row for row in self.rows if row.source is not None]


def plan_sources(user: User, pk: int) -> PlanSources:
    """Every indicator of an SKP the user may see, its source (if bound) and, per sub-period,
    the realisation with the value computed from data, the value used and any override reason.
    A constant number of queries whatever the size of the SKP."""
    plan = planning_selectors.get_plan_for(user, pk)
    finals = final_subperiods(plan)
    today = timezone.localdate()
    tabs = [
        SubPeriodTab(block, has_started(plan, block, today), block.number in finals)
        for block in plan_subperiods(plan)
    ]
    results = list(plan.results.all())
    indicators = [i for r in results for i in r.indicators.all()]
    sources = {
        s.indicator_id: s
        for s in IndicatorSource.objects.filter(indicator__in=indicators).select_related(
            "service__unit", "unit", "employee"
        )
    }
    realisations = {
        (r.indicator_id, r.subperiod): r
        for r in Realisation.objects.filter(indicator__in=indicators).select_related("recorded_by")
    }
    rows = []
    for result in sorted(results, key=lambda r: (r.kind != "utama", r.order, r.pk)):
        for indicator in result.indicators.all():
            rows.append(
                SourceRow(
                    result,
                    indicator,
                    sources.get(indicator.pk),
                    [
                        SourceCell(tab, realisations.get((indicator.pk, tab.block.number)))
                        for tab in tabs
                    ],
                )
            )
    return PlanSources(plan, tabs, rows)


def get_fed_realisation_for(user: User, pk: int) -> Realisation:
    """A realisation whose plan the user may see; 404 otherwise."""
    realisation = (
        Realisation.objects.select_related(
            "plan__period", "plan__employee__unit", "indicator__result"
        )
        .filter(pk=pk)
        .first()
    )
    if realisation is None or not user.has_perm("planning.view_plan", realisation.plan):
        raise Http404
    return realisation


# --- The agency's list ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFilters:
    period: Period | None = None
    metric: str = ""
    unit: Unit | None = None
    q: str = ""


def sources_visible_to(
    user: User, filters: SourceFilters | None = None
) -> QuerySet[IndicatorSource]:
    """Bound indicators of the SKP the user may see, with the people, the target and the latest
    computed sub-period (value used, value from data) as subqueries: one query per page."""
    filters = filters or SourceFilters()
    visible = PerformancePlan.objects.current().filter(plan_scope(actor_of(user)))
    rows = IndicatorSource.objects.filter(indicator__result__plan__in=visible)
    if filters.period is not None:
        rows = rows.filter(indicator__result__plan__period=filters.period)
    if filters.metric:
        rows = rows.filter(metric=filters.metric)
    if filters.unit is not None:
        rows = rows.filter(
            indicator__result__plan__employee__unit__path__startswith=filters.unit.path
        )
    if filters.q:
        term = filters.q.strip()
        rows = rows.filter(
            Q(indicator__result__plan__employee__name__icontains=term)
            | Q(indicator__result__plan__employee__nip__startswith=term)
            | Q(indicator__text__icontains=term)
        )
    latest = Realisation.objects.filter(
        indicator_id=OuterRef("indicator_id"), computed_at__isnull=False
    ).order_by("-subperiod")
    return (
        rows.select_related(
            "indicator__result__plan__period",
            "indicator__result__plan__employee__unit",
            "service",
            "unit",
            "employee",
        )
        .annotate(
            latest_subperiod=Subquery(latest.values("subperiod")[:1]),
            latest_value=Subquery(latest.values("value")[:1]),
            latest_computed=Subquery(latest.values("computed_value")[:1]),
            latest_computed_at=Subquery(latest.values("computed_at")[:1]),
        )
        .order_by("indicator__result__plan__employee__name", "indicator__result__plan_id", "pk")
    )
