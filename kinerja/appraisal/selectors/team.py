"""The supervisor's team page (Kinerja tim): one page of reports with this sub-period's
realisation, evidence and feedback, and what waits for the supervisor across the whole team.

A supervisor may have hundreds of reports (262 at province scale), so the page shows 50 at a
time with a search by name or NIP, and the "Menunggu tindakan Anda" summary is counted in SQL
over the whole team instead of rendering everyone. The number of queries does not depend on the
size of the team or of the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from kinerja.appraisal.models import Feedback, Realisation
from kinerja.appraisal.selectors.execution import current_subperiod
from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.org.models import ActingAssignment, Employee
from kinerja.planning.models import Indicator, PerformancePlan, Period, PlanStatus
from kinerja.planning.subperiods import SubPeriod, subperiods

TEAM_PAGE_SIZE = 50
SUMMARY_ITEMS = 10


@dataclass
class TeamRow:
    employee: Employee
    plan: PerformancePlan | None
    is_acting: bool = False
    indicators: int = 0
    realised: int = 0
    evidence: int = 0
    feedback: int = 0
    without_feedback: int = 0

    @property
    def waits_for_approval(self) -> bool:
        return self.plan is not None and self.plan.status == PlanStatus.SUBMITTED

    @property
    def is_approved(self) -> bool:
        return self.plan is not None and self.plan.status == PlanStatus.APPROVED


@dataclass(frozen=True)
class WaitingFeedback:
    """An approved SKP of the team with realisations of the sub-period nobody answered yet."""

    plan_id: int
    name: str
    count: int


@dataclass
class TeamPerformance:
    period: Period
    subperiod: SubPeriod | None
    rows: list[TeamRow]
    page: Page | None = None  # type: ignore[type-arg]
    q: str = ""
    team_size: int = 0
    waiting_approval: list[PerformancePlan] = field(default_factory=list)
    waiting_approval_count: int = 0
    waiting_feedback: list[WaitingFeedback] = field(default_factory=list)
    waiting_feedback_count: int = 0

    @property
    def waiting_approval_more(self) -> int:
        return self.waiting_approval_count - len(self.waiting_approval)

    @property
    def waiting_feedback_more(self) -> int:
        return self.waiting_feedback_count - len(self.waiting_feedback)


def team_members(employee_id: int, today: dt.date) -> QuerySet[Employee]:
    """Direct reports, then those of the positions the employee acts for (Plt./Plh.) today,
    by name; each annotated with `is_acting` (reached through an acting assignment)."""
    positions = list(
        ActingAssignment.objects.filter(
            acting_employee_id=employee_id, start_date__lte=today, end_date__gte=today
        ).values_list("position_id", flat=True)
    )
    query = Q(supervisor_id=employee_id)
    if positions:
        query |= Q(supervisor__position_id__in=positions) | Q(
            supervisor__isnull=True, position__superior_id__in=positions
        )
    return (
        Employee.objects.filter(query, is_active=True)
        .exclude(pk=employee_id)
        .select_related("position", "unit")
        .order_by("name", "id")
    )


def search_people(people: QuerySet[Employee], q: str) -> QuerySet[Employee]:
    """Name contains the words (trigram index) or the NIP starts with the digits."""
    term = "".join(q.split()) if q.replace(" ", "").isdigit() else q.strip()
    if not term:
        return people
    return people.filter(Q(name__icontains=term) | Q(nip__startswith=term))


def _current_block(period: Period, today: dt.date) -> SubPeriod | None:
    blocks = subperiods(period.frequency, period.start_date, period.end_date)
    block = current_subperiod(blocks, today)
    if block is not None and block.start > today:
        return None
    return block


def team_rows(
    people: Iterable[Employee], period: Period, block: SubPeriod | None, employee_id: int
) -> list[TeamRow]:
    """The rows of the given people with their counts (five queries whatever their number)."""
    people = list(people)
    plans = {
        plan.employee_id: plan
        for plan in PerformancePlan.objects.current()
        .filter(period=period, employee_id__in=[p.pk for p in people])
        .order_by("segment_start")
    }
    rows = [
        TeamRow(person, plans.get(person.pk), person.supervisor_id != employee_id)
        for person in people
    ]
    plan_ids = [plan.pk for plan in plans.values()]
    if not plan_ids:
        return rows
    indicator_counts = dict(
        Indicator.objects.filter(result__plan_id__in=plan_ids)
        .values_list("result__plan_id")
        .annotate(n=Count("id"))
    )
    realised: dict[int, tuple[int, int]] = {}
    feedback_counts: dict[int, int] = {}
    unanswered: dict[int, int] = {}
    if block is not None:
        number = block.number
        in_block = Realisation.objects.filter(plan_id__in=plan_ids, subperiod=number)
        realised = {
            plan_id: (count, evidence)
            for plan_id, count, evidence in in_block.values_list("plan_id")
            .annotate(n=Count("id", distinct=True), e=Count("evidence"))
            .values_list("plan_id", "n", "e")
        }
        feedback_counts = dict(
            Feedback.objects.filter(plan_id__in=plan_ids, subperiod=number)
            .values_list("plan_id")
            .annotate(n=Count("id"))
        )
        answered = Feedback.objects.filter(indicator=OuterRef("indicator"), subperiod=number)
        unanswered = dict(
            in_block.filter(~Exists(answered)).values_list("plan_id").annotate(n=Count("id"))
        )
    for row in rows:
        if row.plan is None:
            continue
        row.indicators = indicator_counts.get(row.plan.pk, 0)
        row.realised, row.evidence = realised.get(row.plan.pk, (0, 0))
        row.feedback = feedback_counts.get(row.plan.pk, 0)
        row.without_feedback = unanswered.get(row.plan.pk, 0) if row.is_approved else 0
    return rows


def _summary(team: TeamPerformance, people: QuerySet[Employee], block: SubPeriod | None) -> None:
    """What waits for the supervisor over the whole team, counted in SQL (four queries at most)."""
    plans = PerformancePlan.objects.current().filter(
        period=team.period, employee_id__in=people.order_by().values("pk")
    )
    submitted = plans.filter(status=PlanStatus.SUBMITTED)
    team.waiting_approval_count = submitted.count()
    if team.waiting_approval_count:
        team.waiting_approval = list(
            submitted.select_related("employee").order_by("employee__name", "id")[:SUMMARY_ITEMS]
        )
    if block is None:
        return
    answered = Feedback.objects.filter(indicator=OuterRef("indicator"), subperiod=block.number)
    unanswered = Realisation.objects.filter(
        plan_id__in=plans.filter(status=PlanStatus.APPROVED).values("pk"),
        subperiod=block.number,
    ).filter(~Exists(answered))
    # Grouped by plan alone (at most one row per report), then the first names looked up by
    # the primary keys: ordering the grouped realisations by the employee's name made
    # PostgreSQL join and sort every realisation of the team (66 ms for 262 reports).
    counts = dict(unanswered.values_list("plan_id").annotate(n=Count("id")).order_by())
    team.waiting_feedback_count = len(counts)
    if counts:
        first = (
            PerformancePlan.objects.filter(pk__in=list(counts))
            .select_related("employee")
            .order_by("employee__name", "id")[:SUMMARY_ITEMS]
        )
        team.waiting_feedback = [
            WaitingFeedback(plan.pk, plan.employee.full_name, counts[plan.pk]) for plan in first
        ]


def team_performance(
    user: User, period: Period, *, q: str = "", page: str | int | None = 1
) -> TeamPerformance:
    """One page (50) of the user's reports matching `q`, each with SKP status and, in the current
    sub-period, indicators with a realisation, evidence and feedback given; the summary of what
    waits for the user covers the whole team. A constant number of queries."""
    today = timezone.localdate()
    block = _current_block(period, today)
    employee_id = actor_of(user).employee_id
    if employee_id is None:
        return TeamPerformance(period, block, [], q=q)
    everyone = team_members(employee_id, today)
    team = TeamPerformance(period, block, [], q=q)
    _summary(team, everyone, block)
    paginator = Paginator(search_people(everyone, q), TEAM_PAGE_SIZE)
    team.page = paginator.get_page(page)
    team.team_size = paginator.count if not q else everyone.count()
    team.rows = team_rows(team.page.object_list, period, block, employee_id)
    return team


def whole_team(user: User, period: Period) -> list[TeamRow]:
    """Every report's row, for the XLSX export."""
    today = timezone.localdate()
    employee_id = actor_of(user).employee_id
    if employee_id is None:
        return []
    people = team_members(employee_id, today)
    return team_rows(people, period, _current_block(period, today), employee_id)
