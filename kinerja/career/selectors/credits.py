"""Reads of the angka kredit ledger: the credit-needed table of the agency (its rows over BKN's
defaults), one employee's ledger with running totals and progress, and the agency's functional
employees with their totals, all summed in SQL.

What counts towards the next rank is the credit with an effective date on or after the
employee's TMT golongan (`rank_since`); towards the next level, on or after the TMT jabatan
(`position_since`). An opening balance dated on those days counts; one dated before does not.
Superseded periodic entries (their year's annual predicate was posted) never count.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from kinerja.career import credit
from kinerja.career.models import CreditEntry, CreditRequirement
from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee, PositionKind
from kinerja.org.permissions import employee_scope

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=10, decimal_places=2))
COUNTED = Q(credit_entries__superseded_by__isnull=True)


def requirements(agency_id: int) -> dict[credit.Level, credit.Requirement]:
    """The agency's credit-needed table: its own rows over BKN's defaults (one query)."""
    table = dict(credit.DEFAULT_REQUIREMENTS)
    for row in CreditRequirement.objects.filter(agency_id=agency_id):
        table[credit.Level(row.level)] = credit.Requirement(
            credit.Level(row.level),
            row.rank_min,
            row.rank_max,
            row.rank_step_credit,
            row.next_level_credit,
        )
    return table


@dataclass(frozen=True)
class TableRow:
    requirement: credit.Requirement
    coefficient: Decimal
    is_default: bool

    @property
    def label(self) -> str:
        return credit.LEVEL_LABELS[self.requirement.level]


def credit_table(agency_id: int) -> list[TableRow]:
    """Every functional level with its coefficient and the credit needed, keterampilan first;
    `is_default` says whether the row still holds BKN's values."""
    table = requirements(agency_id)
    return [
        TableRow(
            table[level],
            credit.YEARLY_COEFFICIENT[level],
            table[level] == credit.DEFAULT_REQUIREMENTS[level],
        )
        for level in (*credit.KETERAMPILAN, *credit.KEAHLIAN)
    ]


def get_employee_for(user: User, pk: int, *, perm: str = "career.view_ledger") -> Employee:
    """One employee of the user's agency that `perm` allows; anything else is 404."""
    found = (
        Employee.objects.select_related("unit", "position", "supervisor", "agency")
        .filter(pk=pk)
        .first()
    )
    if found is None or not user.has_perm(perm, found):
        raise Http404
    return found


def functional_level(employee: Employee) -> credit.Level | None:
    position = employee.position
    if position is None or position.kind != PositionKind.FUNGSIONAL:
        return None
    return credit.Level(position.level) if credit.is_functional_level(position.level) else None


@dataclass(frozen=True)
class LedgerLine:
    entry: CreditEntry
    running_total: Decimal | None  # None for a superseded line (not counted)


@dataclass(frozen=True)
class Ledger:
    employee: Employee
    level: credit.Level | None
    requirement: credit.Requirement | None
    lines: list[LedgerLine]
    total: Decimal
    rank_progress: credit.Progress | None
    level_progress: credit.Progress | None
    next_level: credit.Level | None

    @property
    def level_label(self) -> str:
        return credit.LEVEL_LABELS[self.level] if self.level else ""

    @property
    def next_level_label(self) -> str:
        return credit.LEVEL_LABELS[self.next_level] if self.next_level else ""


def ledger_of(employee: Employee) -> Ledger:
    """The employee's ledger, oldest first, with the running total and the progress bars."""
    entries = list(
        CreditEntry.objects.filter(employee=employee)
        .select_related("period", "evaluation", "superseded_by")
        .order_by("effective_date", "id")
    )
    lines: list[LedgerLine] = []
    total = in_rank = in_level = Decimal(0)
    for entry in entries:
        if entry.superseded_by_id is not None:
            lines.append(LedgerLine(entry, None))
            continue
        total += entry.amount
        if employee.rank_since is None or entry.effective_date >= employee.rank_since:
            in_rank += entry.amount
        if employee.position_since is None or entry.effective_date >= employee.position_since:
            in_level += entry.amount
        lines.append(LedgerLine(entry, total))
    level = functional_level(employee)
    if level is None:
        return Ledger(employee, None, None, lines, total, None, None, None)
    requirement = requirements(employee.agency_id)[level]
    return Ledger(
        employee,
        level,
        requirement,
        lines,
        total,
        credit.rank_progress(in_rank, requirement, employee.rank),
        credit.level_progress(in_level, requirement),
        credit.next_level(level),
    )


def _sum(condition: Q) -> Coalesce:
    return Coalesce(Sum("credit_entries__amount", filter=COUNTED & condition), ZERO)


def functional_employees(
    user: User, *, q: str = "", level: str = "", unit_id: int | None = None
) -> QuerySet[Employee]:
    """Active employees in functional positions whom the user may see, with their total credit
    and the credit counted towards the next rank and level (one query)."""
    if not user.has_perm("career.list_ledgers"):
        return Employee.objects.none()
    rows = (
        Employee.objects.filter(is_active=True, position__kind=PositionKind.FUNGSIONAL)
        .filter(employee_scope(actor_of(user)))
        .select_related("unit", "position")
    )
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(nip__startswith=q.replace(" ", "")))
    if level:
        rows = rows.filter(position__level=level)
    if unit_id:
        rows = rows.filter(unit_id=unit_id)
    return rows.annotate(
        credit_total=_sum(Q()),
        credit_in_rank=_sum(
            Q(rank_since__isnull=True) | Q(credit_entries__effective_date__gte=F("rank_since"))
        ),
        credit_in_level=_sum(
            Q(position_since__isnull=True)
            | Q(credit_entries__effective_date__gte=F("position_since"))
        ),
    ).order_by("name", "id")


@dataclass(frozen=True)
class ListRow:
    employee: Employee
    level: credit.Level | None
    total: Decimal
    rank_progress: credit.Progress | None
    level_progress: credit.Progress | None

    @property
    def level_label(self) -> str:
        return credit.LEVEL_LABELS[self.level] if self.level else ""


def list_rows(employees: list[Employee]) -> list[ListRow]:
    """Progress of each row of `functional_employees` (no further query but the table of each
    agency on the page)."""
    tables: dict[int, dict[credit.Level, credit.Requirement]] = {}
    rows: list[ListRow] = []
    for employee in employees:
        if employee.agency_id not in tables:
            tables[employee.agency_id] = requirements(employee.agency_id)
        table = tables[employee.agency_id]
        level = functional_level(employee)
        total = employee.credit_total  # type: ignore[attr-defined]
        if level is None:
            rows.append(ListRow(employee, None, total, None, None))
            continue
        requirement = table[level]
        rows.append(
            ListRow(
                employee,
                level,
                total,
                credit.rank_progress(
                    employee.credit_in_rank,  # type: ignore[attr-defined]
                    requirement,
                    employee.rank,
                ),
                credit.level_progress(
                    employee.credit_in_level,  # type: ignore[attr-defined]
                    requirement,
                ),
            )
        )
    return rows
