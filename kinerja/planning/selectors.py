"""Reads of the planning data, scoped to what the viewer may see (the access choke points)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee, Unit
from kinerja.planning.models import (
    BehaviourExpectation,
    Indicator,
    PerformancePlan,
    Period,
    PlannedResult,
    PlanStatus,
)
from kinerja.planning.permissions import plan_scope


@dataclass(frozen=True)
class PlanFilters:
    period: Period | None = None
    status: str = ""
    unit: Unit | None = None
    q: str = ""
    include_superseded: bool = False


PLAN_LIST_ORDER = ("employee__name", "employee_id", "-period__start_date", "segment_start", "id")
"""The list's order: by employee name, then each person's plans newest period first and
segments in date order. Name first because an index serves it (`employee_name_id`,
then `plan_employee_period`): the first page of 60,000 plans reads 25 rows, not all of them."""


def plans_visible_to(user: User, filters: PlanFilters | None = None) -> QuerySet[PerformancePlan]:
    """Plans the user may see, with period, employee, unit, position and rater joined."""
    filters = filters or PlanFilters()
    plans = PerformancePlan.objects.filter(plan_scope(actor_of(user))).with_people()
    if not filters.include_superseded:
        plans = plans.current()
    if filters.period is not None:
        plans = plans.filter(period=filters.period)
    if filters.status:
        plans = plans.filter(status=filters.status)
    if filters.unit is not None:
        plans = plans.filter(employee__unit__path__startswith=filters.unit.path)
    if filters.q:
        term = filters.q.strip()
        plans = plans.filter(Q(employee__name__icontains=term) | Q(employee__nip__startswith=term))
    return plans.order_by(*PLAN_LIST_ORDER)


def get_plan_for(user: User, pk: int) -> PerformancePlan:
    """One plan the user may see, with its contents; anything else (other agency too) is 404."""
    plan = (
        PerformancePlan.objects.with_people()
        .select_related("approved_by", "previous", "next_revision")
        .prefetch_related(
            Prefetch(
                "results",
                queryset=PlannedResult.objects.select_related("parent").prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id"))
                ),
            ),
            Prefetch("expectations", queryset=BehaviourExpectation.objects.all()),
        )
        .filter(pk=pk)
        .first()
    )
    if plan is None or not user.has_perm("planning.view_plan", plan):
        raise Http404
    return plan


def my_plans(user: User) -> list[PerformancePlan]:
    """The signed-in employee's plans, every version, newest period first."""
    employee_id = actor_of(user).employee_id
    if employee_id is None:
        return []
    return list(
        PerformancePlan.objects.filter(employee_id=employee_id)
        .select_related("period", "rater")
        .order_by("-period__start_date", "-segment_start", "-revision")
    )


def open_periods() -> QuerySet[Period]:
    """Active periods of the agency in scope, newest first."""
    return Period.objects.filter(is_active=True).order_by("-year", "-start_date")


def cascade_choices(plan: PerformancePlan) -> QuerySet[PlannedResult]:
    """The RHK a result of `plan` may intervene: those of the rater's approved SKP of the period."""
    if plan.rater_id is None:
        return PlannedResult.objects.none()
    return (
        PlannedResult.objects.filter(
            plan__employee_id=plan.rater_id,
            plan__period_id=plan.period_id,
            plan__status=PlanStatus.APPROVED,
            plan__is_current=True,
        )
        .select_related("plan")
        .order_by("kind", "order", "id")
    )


# --- The supervisor's team -----------------------------------------------------------------


@dataclass
class TeamMember:
    employee: Employee
    plan: PerformancePlan | None

    @property
    def waits_for_me(self) -> bool:
        return self.plan is not None and self.plan.status == PlanStatus.SUBMITTED

    @property
    def has_not_submitted(self) -> bool:
        return self.plan is None or self.plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)


TEAM_PAGE_SIZE = 50


@dataclass
class TeamOverview:
    """One page (50) of the direct subordinates; the counts cover the whole team (SQL)."""

    period: Period
    members: list[TeamMember]
    page: Page | None = None  # type: ignore[type-arg]
    q: str = ""
    team_size: int = 0
    waiting_count: int = 0
    not_submitted_count: int = 0


def _subordinates(employee_id: int) -> QuerySet[Employee]:
    return (
        Employee.objects.filter(supervisor_id=employee_id, is_active=True)
        .select_related("position", "unit")
        .order_by("name", "id")
    )


def search_employees(people: QuerySet[Employee], q: str) -> QuerySet[Employee]:
    """Name contains the text (trigram index) or the NIP starts with the digits."""
    term = "".join(q.split()) if q.replace(" ", "").isdigit() else q.strip()
    if not term:
        return people
    return people.filter(Q(name__icontains=term) | Q(nip__startswith=term))


def team_overview(
    user: User, period: Period, *, q: str = "", page: str | int | None = 1
) -> TeamOverview:
    """A page of direct subordinates matching `q` with their current plan of the period, and
    over the whole team how many SKP wait for the user and how many are not submitted yet
    (a constant number of queries whatever the size of the team)."""
    employee_id = actor_of(user).employee_id
    if employee_id is None:
        return TeamOverview(period, [], q=q)
    everyone = _subordinates(employee_id)
    plans = PerformancePlan.objects.current().filter(
        period=period, employee_id__in=everyone.order_by().values("pk")
    )
    counts = plans.aggregate(
        waiting=Count("pk", filter=Q(status=PlanStatus.SUBMITTED)),
        submitted=Count(
            "employee_id",
            distinct=True,
            filter=~Q(status__in=(PlanStatus.DRAFT, PlanStatus.RETURNED)),
        ),
    )
    paginator = Paginator(search_employees(everyone, q), TEAM_PAGE_SIZE)
    shown = paginator.get_page(page)
    team_size = everyone.count() if q else paginator.count
    people = list(shown.object_list)
    by_employee = {
        plan.employee_id: plan
        for plan in plans.filter(employee_id__in=[p.pk for p in people]).order_by("segment_start")
    }
    return TeamOverview(
        period,
        [TeamMember(p, by_employee.get(p.pk)) for p in people],
        page=shown,
        q=q,
        team_size=team_size,
        waiting_count=counts["waiting"],
        not_submitted_count=team_size - counts["submitted"],
    )


@dataclass
class RoleMatrix:
    """Matriks Pembagian Peran dan Hasil: leader's RHK across, subordinates down."""

    leader_results: list[PlannedResult]
    members: list[Employee]
    cells: dict[tuple[int, int], list[PlannedResult]] = field(default_factory=dict)

    @property
    def rows(self) -> list[tuple[Employee, list[list[PlannedResult]]]]:
        """Each subordinate with, per leader RHK, their RHK that intervene it."""
        return [
            (member, [self.cells.get((member.pk, r.pk), []) for r in self.leader_results])
            for member in self.members
        ]


def role_result_matrix(user: User, period: Period, members: list[Employee]) -> RoleMatrix:
    """The supervisor's matrix for the given subordinates (the page shown): each cell lists a
    subordinate's RHK that intervene that RHK of the supervisor."""
    employee_id = actor_of(user).employee_id
    if employee_id is None:
        return RoleMatrix([], [])
    leader_results = list(
        PlannedResult.objects.filter(
            plan__employee_id=employee_id, plan__period=period, plan__is_current=True
        ).order_by("kind", "order", "id")
    )
    matrix = RoleMatrix(leader_results, members)
    if not leader_results or not members:
        return matrix
    children = PlannedResult.objects.filter(
        parent_id__in=[r.pk for r in leader_results],
        plan__employee_id__in=[m.pk for m in members],
        plan__is_current=True,
    ).select_related("plan")
    for child in children:
        assert child.parent_id is not None
        matrix.cells.setdefault((child.plan.employee_id, child.parent_id), []).append(child)
    return matrix
