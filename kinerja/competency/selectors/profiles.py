"""Reads of employees' competencies: the gaps of many employees at once (the stable function
other apps call), one employee's profile (the access choke point), and the team list with each
person's shortfalls counted in SQL.

The gap rule itself is `kinerja.competency.gaps`: required − current, a missing current level
counting as 0, only positive gaps being shortfalls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from kinerja.competency.gaps import Gap, sort_key
from kinerja.competency.models import EmployeeCompetency, PositionRequirement
from kinerja.competency.permissions import team_scope
from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee, Unit
from kinerja.org.nip import compact


def competency_gaps(employee_ids: Iterable[int]) -> dict[int, list[Gap]]:
    """Per employee, one `Gap` per active competency their position requires (managerial,
    socio-cultural, technical; by name), in two queries whatever the number of employees.

    Employees without a position or whose position requires nothing map to an empty list.
    Callers scope: this reads within the active tenant scope and checks no permission.
    """
    ids = list(dict.fromkeys(employee_ids))
    if not ids:
        return {}
    gaps: dict[int, list[Gap]] = {pk: [] for pk in ids}
    required = (
        Employee.objects.filter(
            pk__in=ids,
            position__competency_requirements__competency__is_active=True,
        )
        .order_by()
        .values_list(
            "pk",
            "position__competency_requirements__competency_id",
            "position__competency_requirements__competency__code",
            "position__competency_requirements__competency__name",
            "position__competency_requirements__competency__kind",
            "position__competency_requirements__level",
        )
    )
    rows = list(required)
    current = {
        (employee_id, competency_id): level
        for employee_id, competency_id, level in EmployeeCompetency.objects.filter(
            employee_id__in=ids
        ).values_list("employee_id", "competency_id", "level")
    }
    for employee_id, competency_id, code, name, kind, level in rows:
        gaps[employee_id].append(
            Gap(competency_id, code, name, kind, level, current.get((employee_id, competency_id)))
        )
    for found in gaps.values():
        found.sort(key=lambda g: sort_key(g.kind, g.code))
    return gaps


def get_profile_employee(user: User, pk: int, *, perm: str = "competency.view_profile") -> Employee:
    """An employee whose competencies the user may see (or, with `perm`, set); else 404."""
    employee = (
        Employee.objects.select_related("unit", "position", "supervisor").filter(pk=pk).first()
    )
    if employee is None or not user.has_perm(perm, employee):
        raise Http404
    return employee


@dataclass(frozen=True)
class LevelRow:
    """A competency on the profile: required (None: not required) vs current level."""

    competency_id: int
    code: str
    name: str
    kind: str
    required: int | None
    current: int | None
    source: str = ""
    assessed_on: dt.date | None = None
    version: int | None = None
    note: str = ""

    @property
    def gap(self) -> int | None:
        return None if self.required is None else self.required - (self.current or 0)

    @property
    def shortfall(self) -> int:
        return max(self.gap or 0, 0)

    @property
    def dot_cells(self) -> list[tuple[int, int, str]]:
        """(level, x position, state) of each dot of the scale chart (22 px apart)."""
        return [(step, 11 + 22 * (step - 1), state) for step, state in enumerate(self.dots, 1)]

    @property
    def dots(self) -> list[str]:
        """Five dots for the scale chart: "met" (held and required), "held" (above the
        requirement or not required), "missing" (required, not held), "" (neither)."""
        current, required = self.current or 0, self.required or 0
        states: list[str] = []
        for step in range(1, 6):
            if step <= current and step <= required:
                states.append("met")
            elif step <= current:
                states.append("held")
            elif step <= required:
                states.append("missing")
            else:
                states.append("")
        return states


@dataclass(frozen=True)
class Profile:
    employee: Employee
    required: list[LevelRow] = field(default_factory=list)
    other: list[LevelRow] = field(default_factory=list)  # held but not required

    @property
    def shortfalls(self) -> int:
        return sum(1 for row in self.required if row.shortfall > 0)

    @property
    def assessed(self) -> int:
        return sum(1 for row in self.required if row.current is not None)

    @property
    def total_shortfall(self) -> int:
        return sum(row.shortfall for row in self.required)


def profile_of(employee: Employee) -> Profile:
    """Required vs current per competency of one employee (two queries)."""
    held = {
        row.competency_id: row
        for row in EmployeeCompetency.objects.filter(employee=employee).select_related("competency")
    }
    required = (
        list(
            PositionRequirement.objects.filter(
                position_id=employee.position_id, competency__is_active=True
            ).select_related("competency")
        )
        if employee.position_id
        else []
    )
    rows: list[LevelRow] = []
    for requirement in required:
        competency = requirement.competency
        level = held.pop(competency.pk, None)
        rows.append(_row(competency, requirement.level, level))
    other = [
        _row(level.competency, None, level) for level in held.values() if level.competency.is_active
    ]
    order = lambda row: sort_key(row.kind, row.code)  # noqa: E731
    return Profile(employee, sorted(rows, key=order), sorted(other, key=order))


def _row(competency: object, required: int | None, level: EmployeeCompetency | None) -> LevelRow:
    return LevelRow(
        competency_id=competency.pk,  # type: ignore[attr-defined]
        code=competency.code,  # type: ignore[attr-defined]
        name=competency.name,  # type: ignore[attr-defined]
        kind=competency.kind,  # type: ignore[attr-defined]
        required=required,
        current=level.level if level else None,
        source=level.get_source_display() if level else "",
        assessed_on=level.assessed_on if level else None,
        version=level.version if level else None,
        note=level.note if level else "",
    )


# --- SQL pieces shared with the reports -------------------------------------------------------


def current_level_of(employee_ref: str | OuterRef, competency_ref: str) -> Subquery:
    """The current level of (employee, competency) given as outer references; NULL if none."""
    return Subquery(
        EmployeeCompetency.objects.filter(
            employee_id=OuterRef(employee_ref), competency_id=OuterRef(competency_ref)
        ).values("level")[:1],
        output_field=IntegerField(),
    )


def _count(queryset: QuerySet[PositionRequirement]) -> Coalesce:
    return Coalesce(
        Subquery(
            queryset.order_by().values("position_id").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def with_shortfall_counts(employees: QuerySet[Employee]) -> QuerySet[Employee]:
    """Annotate each employee with `required_count` (active competencies their position
    requires) and `shortfall_count` (of those, how many they are below; unassessed = 0)."""
    requirements = PositionRequirement.objects.filter(
        position_id=OuterRef("position_id"), competency__is_active=True
    )
    below = requirements.annotate(
        current=Coalesce(current_level_of(OuterRef("pk"), "competency_id"), Value(0))
    ).filter(level__gt=F("current"))
    return employees.annotate(required_count=_count(requirements), shortfall_count=_count(below))


@dataclass(frozen=True)
class TeamFilters:
    q: str = ""
    unit: Unit | None = None
    include_subunits: bool = True
    competency_id: int | None = None
    state: str = ""  # "" | required | assessed | below
    below_only: bool = False


def team_list(user: User, filters: TeamFilters | None = None) -> QuerySet[Employee]:
    """Active employees the user may see besides themself (supervisor: reports; head: subtree;
    admin, inspector: everyone), with their shortfalls counted in SQL; drill-down filters by
    unit and by competency (those required, assessed or below the requirement in it)."""
    filters = filters or TeamFilters()
    if not user.has_perm("competency.view_team"):
        return Employee.objects.none()
    actor = actor_of(user)
    employees = Employee.objects.filter(team_scope(actor), is_active=True).select_related(
        "unit", "position"
    )
    if actor.employee_id is not None:
        employees = employees.exclude(pk=actor.employee_id)
    if filters.q.strip():
        term = filters.q.strip()
        digits = compact(term)
        query = Q(name__icontains=term)
        if digits.isdigit():
            query |= Q(nip__startswith=digits)
        employees = employees.filter(query)
    if filters.unit is not None:
        employees = (
            employees.filter(unit__path__startswith=filters.unit.path)
            if filters.include_subunits
            else employees.filter(unit=filters.unit)
        )
    if filters.competency_id is not None:
        requirement = PositionRequirement.objects.filter(
            position_id=OuterRef("position_id"),
            competency_id=filters.competency_id,
            competency__is_active=True,
        )
        employees = employees.annotate(
            required_level=Subquery(requirement.values("level")[:1], output_field=IntegerField()),
            current_level=Subquery(
                EmployeeCompetency.objects.filter(
                    employee_id=OuterRef("pk"), competency_id=filters.competency_id
                ).values("level")[:1],
                output_field=IntegerField(),
            ),
        ).filter(Exists(requirement))
        if filters.state == "assessed":
            employees = employees.filter(current_level__isnull=False)
        elif filters.state == "below":
            employees = employees.filter(
                Q(current_level__isnull=True) | Q(current_level__lt=F("required_level"))
            )
    employees = with_shortfall_counts(employees)
    if filters.below_only:
        employees = employees.filter(shortfall_count__gt=0)  # type: ignore[misc]
    return employees.order_by("name", "pk")
