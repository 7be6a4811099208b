"""The two reports: who falls short of the 20 JP (PP 11/2017), and the saving of internal over
external training per unit. Both aggregate in SQL: one grouped query, no per-employee loop."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.development import rules
from kinerja.development.models import Delivery, DevelopmentRecord, PlanItem
from kinerja.development.permissions import reading_scope
from kinerja.development.selectors.people import employees_in_reach
from kinerja.org.models import Employee, Unit


def _jp_of_year(year: int) -> Coalesce:
    total = (
        DevelopmentRecord.objects.filter(employee_id=OuterRef("pk"), year=year)
        .order_by()
        .values("employee_id")
        .annotate(total=Sum("jp"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def jp_totals(
    user: User,
    *,
    year: int,
    q: str = "",
    unit: Unit | None = None,
    short_only: bool = True,
) -> QuerySet[Employee]:
    """Active employees in reach with their JP of the year (`jp`) and what they still owe
    (`shortfall`), fewest JP first; only those short of 20 JP unless `short_only` is off."""
    found = (
        employees_in_reach(user)
        .filter(is_active=True)
        .annotate(jp=_jp_of_year(year))
        .annotate(shortfall=Greatest(Value(rules.MINIMUM_JP_PER_YEAR) - F("jp"), Value(0)))
        .select_related("unit", "position")
    )
    if short_only:
        found = found.filter(jp__lt=rules.MINIMUM_JP_PER_YEAR)
    if q:
        found = found.filter(Q(name__icontains=q) | Q(nip__startswith=q))
    if unit is not None:
        found = found.filter(unit__path__startswith=unit.path)
    return found.order_by("jp", "name", "pk")


@dataclass(frozen=True)
class JpSummary:
    employees: int
    short: int
    total_jp: int

    @property
    def met(self) -> int:
        return self.employees - self.short

    @property
    def short_percent(self) -> int:
        return round(self.short * 100 / self.employees) if self.employees else 0


def jp_summary(user: User, *, year: int, unit: Unit | None = None) -> JpSummary:
    """How many employees in reach, how many fall short, their JP total (one query)."""
    found = employees_in_reach(user).filter(is_active=True)
    if unit is not None:
        found = found.filter(unit__path__startswith=unit.path)
    row = found.annotate(jp=_jp_of_year(year)).aggregate(
        employees=Count("pk"),
        short=Count("pk", filter=Q(jp__lt=rules.MINIMUM_JP_PER_YEAR)),
        total_jp=Sum("jp"),
    )
    return JpSummary(row["employees"] or 0, row["short"] or 0, int(row["total_jp"] or 0))


def units_in_reach(user: User) -> QuerySet[Unit]:
    """The units to filter by: all of the agency (admin), or the subtrees a head leads or an
    inspector is auditing."""
    return Unit.objects.filter(reading_scope(actor_of(user)), is_active=True).order_by("path")


@dataclass(frozen=True)
class SavingRow:
    unit_id: int
    unit_name: str
    items: int
    participants: int
    jp: int
    internal_cost: Decimal
    external_cost: Decimal
    saving: Decimal


@dataclass(frozen=True)
class Savings:
    year: int
    rows: list[SavingRow]

    @property
    def total(self) -> Decimal:
        return sum((row.saving for row in self.rows), Decimal(0))

    @property
    def total_items(self) -> int:
        return sum(row.items for row in self.rows)

    @property
    def total_jp(self) -> int:
        return sum(row.jp for row in self.rows)


MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=16, decimal_places=2)


def savings_per_unit(user: User, *, year: int) -> Savings:
    """For completed internal trainings of the year, the external cost avoided (the catalogue's
    "biaya pelatihan eksternal setara" − the internal cost, never negative), per learner's unit
    — one grouped query; heads and inspectors count only the units of their reach."""
    items = PlanItem.objects.filter(
        reading_scope(actor_of(user), "plan__employee__unit__path"),
        training__delivery=Delivery.INTERNAL,
        record__isnull=False,
        record__year=year,
    )
    external = Coalesce(F("training__external_equivalent_cost"), F("cost"), output_field=MONEY)
    grouped = (
        items.values("plan__employee__unit_id", "plan__employee__unit__name")
        .annotate(
            count=Count("pk"),
            participants=Count("plan__employee_id", distinct=True),
            jp_total=Sum("jp"),
            internal=Sum("cost"),
            external=Sum(external),
            saved=Sum(
                Greatest(
                    ExpressionWrapper(external - F("cost"), output_field=MONEY),
                    Value(Decimal(0), output_field=MONEY),
                    output_field=MONEY,
                )
            ),
        )
        .order_by("-saved", "plan__employee__unit__name")
    )
    rows = [
        SavingRow(
            unit_id=row["plan__employee__unit_id"],
            unit_name=row["plan__employee__unit__name"],
            items=row["count"],
            participants=row["participants"],
            jp=int(row["jp_total"] or 0),
            internal_cost=Decimal(row["internal"] or 0),
            external_cost=Decimal(row["external"] or 0),
            saving=Decimal(row["saved"] or 0),
        )
        for row in grouped
    ]
    return Savings(year, rows)
