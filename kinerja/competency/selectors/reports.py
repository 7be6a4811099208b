"""Gap reports, aggregated in SQL: per competency for a unit's subtree, and per unit for the
agency (or a head's subtree). Each row counts, among active employees whose position requires
the competency: how many were assessed, how many are below the requirement (unassessed count as
level 0), and the mean shortfall (required − current where positive; a surplus counts 0).

The aggregates run over (employee × required competency) pairs — the employee's position's
requirements joined once — with the current level read from the unique (employee, competency)
index; no Python loop over employees.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest
from django.db.models.lookups import GreaterThan, IsNull
from django.http import Http404

from kinerja.competency.gaps import sort_key
from kinerja.competency.models import Competency
from kinerja.competency.permissions import unit_scope
from kinerja.competency.selectors.profiles import current_level_of
from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee, Unit

REQ = "position__competency_requirements"


def _mean(value: float | Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _pair_aggregates(*, distinct: bool) -> dict[str, object]:
    current = current_level_of("pk", f"{REQ}__competency_id")
    shortfall = Greatest(F(f"{REQ}__level") - Coalesce(current, Value(0)), Value(0))
    return {
        "required": Count("pk", distinct=distinct),
        "assessed": Count("pk", distinct=distinct, filter=Q(IsNull(current, False))),
        "below": Count("pk", distinct=distinct, filter=Q(GreaterThan(shortfall, 0))),
        "mean_shortfall": Avg(shortfall),
    }


def _pairs(employees: QuerySet[Employee]) -> QuerySet[Employee]:
    return employees.filter(**{f"{REQ}__competency__is_active": True}).order_by()


def get_report_unit(user: User, pk: int) -> Unit:
    """A unit whose gap report the user may read (heads: their subtree); else 404."""
    unit = Unit.objects.filter(pk=pk).select_related("parent").first()
    if unit is None or not user.has_perm("competency.view_gap_report", unit):
        raise Http404
    return unit


@dataclass(frozen=True)
class CompetencyRow:
    competency: Competency
    required: int
    assessed: int
    below: int
    mean_shortfall: Decimal | None

    @property
    def below_percent(self) -> int:
        return round(100 * self.below / self.required) if self.required else 0


@dataclass(frozen=True)
class Totals:
    employees: int
    required: int  # employees whose position requires at least one competency
    assessed: int  # … assessed in at least one of them
    below: int  # … below the requirement in at least one
    mean_shortfall: Decimal | None


@dataclass(frozen=True)
class UnitReport:
    unit: Unit
    totals: Totals
    rows: list[CompetencyRow]


def unit_report(unit: Unit) -> UnitReport:
    """Per competency, for the active employees of the unit and its subunits (three queries)."""
    employees = Employee.objects.filter(is_active=True, unit__path__startswith=unit.path)
    grouped = (
        _pairs(employees)
        .values(competency=F(f"{REQ}__competency_id"))
        .annotate(**_pair_aggregates(distinct=False))
    )
    by_competency = {row["competency"]: row for row in grouped}
    competencies = Competency.objects.in_bulk(list(by_competency))
    rows = [
        CompetencyRow(
            competencies[pk],
            row["required"],
            row["assessed"],
            row["below"],
            _mean(row["mean_shortfall"]),
        )
        for pk, row in by_competency.items()
    ]
    rows.sort(key=lambda row: sort_key(row.competency.kind, row.competency.code))
    overall = _pairs(employees).aggregate(**_pair_aggregates(distinct=True))
    totals = Totals(
        employees=employees.count(),
        required=overall["required"],
        assessed=overall["assessed"],
        below=overall["below"],
        mean_shortfall=_mean(overall["mean_shortfall"]),
    )
    return UnitReport(unit, totals, rows)


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    employees: int
    required: int
    assessed: int
    below: int
    mean_shortfall: Decimal | None

    @property
    def below_percent(self) -> int:
        return round(100 * self.below / self.required) if self.required else 0


def report_units(user: User) -> QuerySet[Unit]:
    """The active units whose report the user may read, in tree order."""
    if not user.has_perm("competency.view_gap_reports"):
        return Unit.objects.none()
    return Unit.objects.filter(unit_scope(actor_of(user)), is_active=True).order_by(
        "agency_id", "path"
    )


def unit_rows(units: list[Unit]) -> list[UnitRow]:
    """Per unit (its own employees, subunits apart): two grouped queries for any page."""
    ids = [unit.pk for unit in units]
    employees = Employee.objects.filter(is_active=True, unit_id__in=ids)
    headcount = dict(
        employees.order_by().values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n")
    )
    grouped = {
        row["unit_id"]: row
        for row in _pairs(employees).values("unit_id").annotate(**_pair_aggregates(distinct=True))
    }
    rows: list[UnitRow] = []
    for unit in units:
        row = grouped.get(unit.pk, {})
        rows.append(
            UnitRow(
                unit,
                headcount.get(unit.pk, 0),
                row.get("required", 0),
                row.get("assessed", 0),
                row.get("below", 0),
                _mean(row.get("mean_shortfall")),
            )
        )
    return rows
