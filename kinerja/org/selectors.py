"""Reads of the organisation data, scoped to what the viewer may see (the access choke points)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee, Position, Unit
from kinerja.org.nip import compact
from kinerja.org.permissions import employee_scope


@dataclass(frozen=True)
class EmployeeFilters:
    q: str = ""
    unit: Unit | None = None
    include_subunits: bool = True
    rank: str = ""
    employee_type: str = ""
    position_kind: str = ""
    status: str = "active"  # active | inactive | all


def employees_visible_to(user: User, filters: EmployeeFilters | None = None) -> QuerySet[Employee]:
    """Employees the user may see, with unit, position and supervisor joined (no N+1)."""
    filters = filters or EmployeeFilters()
    employees = Employee.objects.filter(employee_scope(actor_of(user))).select_related(
        "unit", "position", "supervisor"
    )
    if filters.status == "active":
        employees = employees.filter(is_active=True)
    elif filters.status == "inactive":
        employees = employees.filter(is_active=False)
    if filters.q:
        term = filters.q.strip()
        digits = compact(term)
        query = Q(name__icontains=term)
        if digits.isdigit():
            query |= Q(nip__startswith=digits)
        employees = employees.filter(query)
    if filters.unit is not None:
        if filters.include_subunits:
            employees = employees.filter(unit__path__startswith=filters.unit.path)
        else:
            employees = employees.filter(unit=filters.unit)
    if filters.rank:
        employees = employees.filter(rank=filters.rank)
    if filters.employee_type:
        employees = employees.filter(employee_type=filters.employee_type)
    if filters.position_kind:
        employees = employees.filter(position__kind=filters.position_kind)
    return employees.order_by("name", "id")


def get_employee_for(user: User, pk: int) -> Employee:
    """One employee the user may see; anything else (other agency included) is a 404."""
    employee = (
        Employee.objects.select_related("unit", "position", "supervisor", "user")
        .filter(pk=pk)
        .first()
    )
    if employee is None or not user.has_perm("org.view_employee", employee):
        raise Http404
    return employee


def units_visible_to(user: User) -> QuerySet[Unit]:
    """Units of the user's agency (of every agency for a national viewer), in tree order."""
    if not user.has_perm("org.view_unit"):
        return Unit.objects.none()
    return Unit.objects.annotate(
        active_employees=Count("employees", filter=Q(employees__is_active=True))
    ).order_by("agency_id", "path")


def get_unit_for(user: User, pk: int) -> Unit:
    unit = Unit.objects.filter(pk=pk).select_related("parent").first()
    if unit is None or not user.has_perm("org.view_unit", unit):
        raise Http404
    return unit


def get_position_for(user: User, pk: int) -> Position:
    position = Position.objects.filter(pk=pk).select_related("unit").first()
    if position is None or not user.has_perm("org.manage", position):
        raise Http404
    return position


LEADER_KINDS = ("jpt", "administrator", "pengawas")
_KIND_ORDER = {"jpt": 0, "administrator": 1, "pengawas": 2, "fungsional": 3, "pelaksana": 4}


@dataclass
class ChartNode:
    """A unit in the org chart: its leaders, its people (for the focused unit) and head-count."""

    unit: Unit
    leaders: list[Employee] = field(default_factory=list)
    people: list[Employee] = field(default_factory=list)
    headcount: int = 0
    children: list[ChartNode] = field(default_factory=list)


def _person_order(person: Employee) -> tuple[int, str]:
    return (_KIND_ORDER.get(person.position.kind if person.position else "", 5), person.name)


def org_chart(unit: Unit, *, people_limit: int = 200) -> ChartNode:
    """The unit, its people, and each child unit with its leaders and head-count.

    A fixed number of queries whatever the size of the subtree: the children, the head-counts
    (one aggregate over paths), the leaders of the children, and the unit's own people.
    """
    children = list(Unit.objects.filter(parent=unit, is_active=True).order_by("name"))
    root = ChartNode(unit)
    nodes = {child.pk: ChartNode(child) for child in children}
    root.children = list(nodes.values())
    counts = (
        Employee.objects.filter(is_active=True, unit__path__startswith=unit.path)
        .values("unit__path")
        .annotate(n=Count("id"))
    )
    for row in counts:
        root.headcount += row["n"]
        child_id = _child_id_on_path(row["unit__path"], unit.path)
        if child_id in nodes:
            nodes[child_id].headcount += row["n"]
    leaders = Employee.objects.filter(
        unit_id__in=list(nodes), is_active=True, position__kind__in=LEADER_KINDS
    ).select_related("position")
    for leader in leaders:
        nodes[leader.unit_id].leaders.append(leader)
    own = list(
        Employee.objects.filter(unit=unit, is_active=True)
        .select_related("position", "supervisor")
        .order_by("name")[:people_limit]
    )
    own.sort(key=_person_order)
    root.leaders = [p for p in own if p.position and p.position.kind in LEADER_KINDS]
    root.people = [p for p in own if p not in root.leaders]
    for node in nodes.values():
        node.leaders.sort(key=_person_order)
    return root


def _child_id_on_path(path: str, root_path: str) -> int | None:
    """`/1/7/12/` under `/1/` → 7: the child of the root that this path runs through."""
    rest = path[len(root_path) :].strip("/")
    return int(rest.split("/")[0]) if rest else None


def position_list(*, q: str = "", unit: Unit | None = None, kind: str = "") -> QuerySet[Position]:
    """Positions of the agency with their unit and the number of holders."""
    positions = Position.objects.select_related("unit", "superior").annotate(
        holder_count=Count("holders", filter=Q(holders__is_active=True))
    )
    if q:
        positions = positions.filter(name__icontains=q)
    if unit is not None:
        positions = positions.filter(unit__path__startswith=unit.path)
    if kind:
        positions = positions.filter(kind=kind)
    return positions.order_by("unit__path", "name")
