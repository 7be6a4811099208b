"""Turnaround figures of service requests per service, unit, handler and period.

Every figure comes from `kinerja.citizen.metrics` (`turnaround`, `turnaround_by`): the median
and the 90th percentile as PostgreSQL's `percentile_cont`, the share within standard from the
verdict stored on completion. A request counts in the period in which it was completed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, ExpressionWrapper, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import ExtractMonth, ExtractQuarter, ExtractYear
from django.utils.translation import gettext as _

from kinerja.citizen.metrics import Turnaround, turnaround, turnaround_by, turnaround_sets
from kinerja.citizen.models import Service, ServiceRequest
from kinerja.citizen.permissions.services import request_scope
from kinerja.citizen.selectors.services import day_start
from kinerja.core.formatting import MONTHS, indonesian_date
from kinerja.core.models import User
from kinerja.org.models import Employee, Unit

_ROMAN = ("I", "II", "III", "IV")


# --- Periods --------------------------------------------------------------------------------


class PeriodKind:
    MONTH = "bulan"
    QUARTER = "triwulan"
    SEMESTER = "semester"
    YEAR = "tahun"
    RANGE = "rentang"

    CHOICES = (
        (MONTH, "Bulan"),
        (QUARTER, "Triwulan"),
        (SEMESTER, "Semester"),
        (YEAR, "Tahun"),
        (RANGE, "Rentang tanggal"),
    )
    NUMBERS = {MONTH: 12, QUARTER: 4, SEMESTER: 2, YEAR: 1}


@dataclass(frozen=True)
class ReportPeriod:
    """A span of whole days (`start` to `end`, inclusive) and how it is named."""

    kind: str
    start: dt.date
    end: dt.date
    label: str

    @property
    def grain(self) -> str:
        """The steps of the trend table: months within a year, years beyond."""
        return PeriodKind.MONTH if (self.end - self.start).days <= 366 else PeriodKind.YEAR


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def report_period(kind: str, year: int, number: int = 1) -> ReportPeriod:
    """Month `number` (1–12), quarter (1–4), semester (1–2) or the whole `year`."""
    if kind not in PeriodKind.NUMBERS:
        raise ValueError(f"unknown period kind {kind!r}")
    if not 1 <= number <= PeriodKind.NUMBERS[kind]:
        raise ValueError(f"{kind} {number} does not exist")
    months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.SEMESTER: 6}.get(kind, 12)
    first = (number - 1) * months + 1
    start, end = dt.date(year, first, 1), _month_end(year, first + months - 1)
    if kind == PeriodKind.MONTH:
        label = f"{MONTHS[first - 1]} {year}"
    elif kind == PeriodKind.YEAR:
        label = _("Tahun %(year)s") % {"year": year}
    else:
        name = _("Triwulan") if kind == PeriodKind.QUARTER else _("Semester")
        label = f"{name} {_ROMAN[number - 1]} {year}"
    return ReportPeriod(kind, start, end, label)


def range_period(start: dt.date, end: dt.date) -> ReportPeriod:
    """The days from `start` to `end` inclusive (a span of years, or any dates)."""
    if end < start:
        raise ValueError("end before start")
    label = f"{indonesian_date(start)} – {indonesian_date(end)}"
    return ReportPeriod(PeriodKind.RANGE, start, end, label)


def completed_in(requests: QuerySet[Any], period: ReportPeriod) -> QuerySet[Any]:
    """The requests completed within the period (local days; an indexable range)."""
    return requests.filter(
        completed_at__gte=day_start(period.start),
        completed_at__lt=day_start(period.end + dt.timedelta(days=1)),
    )


# --- Rows of the report ---------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceRow:
    service: Service
    figures: Turnaround


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    figures: Turnaround


@dataclass(frozen=True)
class EmployeeRow:
    employee: Employee | None  # None: requests recorded without a handler
    figures: Turnaround


@dataclass(frozen=True)
class TrendRow:
    label: str
    figures: Turnaround


@dataclass(frozen=True)
class TurnaroundReport:
    period: ReportPeriod
    total: Turnaround
    services: list[ServiceRow]
    units: list[UnitRow]
    employees: list[EmployeeRow]
    trend: list[TrendRow]


EMPTY = Turnaround(0, 0, None, None)


def requests_in_reach(
    user: User, *, service: Service | None = None, unit: Unit | None = None
) -> QuerySet[ServiceRequest]:
    """The requests whose figures the user may read, narrowed to a service or a unit subtree."""
    requests = ServiceRequest.objects.filter(request_scope(user))
    if service is not None:
        requests = requests.filter(service=service)
    if unit is not None:
        requests = requests.filter(unit__path__startswith=unit.path)
    return requests


def _bucket(grain: str) -> Any:
    """An integer naming the trend step of each completion: 202603 (March), 202601 (Q1/S1),
    2026 (the year)."""
    year = ExtractYear("completed_at")
    if grain == PeriodKind.YEAR:
        return year
    if grain == PeriodKind.QUARTER:
        step: Any = ExtractQuarter("completed_at")
    elif grain == PeriodKind.SEMESTER:
        step = Case(When(completed_month__lte=6, then=Value(1)), default=Value(2))
    else:
        step = ExtractMonth("completed_at")
    return ExpressionWrapper(year * 100 + step, output_field=IntegerField())


def _bucket_label(grain: str, bucket: int) -> str:
    if grain == PeriodKind.YEAR:
        return str(bucket)
    year, step = divmod(bucket, 100)
    if grain == PeriodKind.MONTH:
        return f"{MONTHS[step - 1]} {year}"
    name = _("Triwulan") if grain == PeriodKind.QUARTER else _("Semester")
    return f"{name} {_ROMAN[step - 1]} {year}"


def _with_trend_bucket(requests: QuerySet[Any], grain: str) -> QuerySet[Any]:
    return requests.annotate(completed_month=ExtractMonth("completed_at")).annotate(
        trend_bucket=_bucket(grain)
    )


def _trend_rows(figures: dict[Any, Turnaround], grain: str) -> list[TrendRow]:
    return [
        TrendRow(_bucket_label(grain, bucket), figures[bucket])
        for bucket in sorted(k for k in figures if k is not None)
    ]


def trend_by(requests: QuerySet[Any], grain: str) -> list[TrendRow]:
    """Turnaround per month, quarter, semester or year of completion, in time order."""
    return _trend_rows(turnaround_by(_with_trend_bucket(requests, grain), "trend_bucket"), grain)


def turnaround_report(
    user: User,
    period: ReportPeriod,
    *,
    service: Service | None = None,
    unit: Unit | None = None,
) -> TurnaroundReport:
    """Everything the turnaround page shows, in a fixed number of queries: the total, and
    the figures per service (every active service, with or without completions), per unit,
    per handler and per month (or year) of the period."""
    requests = completed_in(requests_in_reach(user, service=service, unit=unit), period)
    # One scan for the total and the four breakdowns (GROUPING SETS on PostgreSQL: a year of
    # a province's requests took five scans and ~0.8 s before).
    total, by = turnaround_sets(
        _with_trend_bucket(requests, period.grain),
        ("service_id", "unit_id", "handled_by_id", "trend_bucket"),
    )
    by_service = by["service_id"]
    shown = Q(pk__in=list(by_service))
    if service is not None:
        shown |= Q(pk=service.pk)
    else:
        active = request_scope(user) & Q(is_active=True)
        if unit is not None:
            active &= Q(unit__path__startswith=unit.path)
        shown |= active
    services = Service.objects.filter(shown).select_related("unit")
    by_unit = by["unit_id"]
    by_employee = by["handled_by_id"]
    employees = {
        e.pk: e
        for e in Employee.objects.filter(pk__in=[k for k in by_employee if k is not None])
        .select_related("unit")
        .only("pk", "name", "front_title", "back_title", "nip", "unit__name", "unit__path")
    }
    employee_rows = [
        EmployeeRow(employees.get(pk) if pk is not None else None, figures)
        for pk, figures in by_employee.items()
    ]
    employee_rows.sort(key=lambda r: (r.employee is None, -r.figures.completed, str(r.employee)))
    return TurnaroundReport(
        period=period,
        total=total,
        services=[
            ServiceRow(s, by_service.get(s.pk, EMPTY))
            for s in services.order_by("unit__path", "name", "id")
        ],
        units=[
            UnitRow(u, by_unit[u.pk])
            for u in Unit.objects.filter(pk__in=list(by_unit)).order_by("path")
        ],
        employees=employee_rows,
        trend=_trend_rows(by["trend_bucket"], period.grain),
    )


def handled_by_employee(employee: Employee, period: ReportPeriod) -> Turnaround:
    """The turnaround of the requests one employee completed in the period."""
    return turnaround(completed_in(ServiceRequest.objects.filter(handled_by=employee), period))
