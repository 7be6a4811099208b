"""Reads of the execution stage: the realisation sheet of a plan and sub-period, the employee's
own progress and the realisation list of a unit or agency (the supervisor's team: team.py).

Every read starts from what the viewer may see (the planning selectors and `plan_scope`), so an
object outside their reach answers 404; joins and counts are done in SQL (constant queries).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.appraisal import annual
from kinerja.appraisal.models import (
    Dialogue,
    Evaluation,
    EvaluationKind,
    EvaluationStatus,
    Evidence,
    Feedback,
    Realisation,
)
from kinerja.appraisal.suggestion import UndefinedAchievementError, achievement
from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Unit
from kinerja.planning import selectors as planning_selectors
from kinerja.planning.berakhlak import CORE_VALUES, CoreValue
from kinerja.planning.models import (
    Approach,
    Indicator,
    PerformancePlan,
    Period,
    PlannedResult,
    PlanStatus,
    ResultKind,
)
from kinerja.planning.permissions import plan_scope
from kinerja.planning.subperiods import SubPeriod, subperiods

# --- Rules of the sub-periods and the achievement -------------------------------------------


def plan_subperiods(plan: PerformancePlan) -> list[SubPeriod]:
    """The sub-periods of the plan's period that overlap the plan's segment."""
    period = plan.period
    return [
        block
        for block in subperiods(period.frequency, period.start_date, period.end_date)
        if block.end >= plan.segment_start and block.start <= plan.segment_end
    ]


def subperiod_of_plan(plan: PerformancePlan, number: int) -> SubPeriod:
    """Sub-period `number` of the plan; ValueError (Indonesian) when it is not the plan's."""
    for block in plan_subperiods(plan):
        if block.number == number:
            return block
    raise ValueError(
        _("Periode ke-%(number)s tidak termasuk masa berlaku SKP ini.") % {"number": number}
    )


def has_started(plan: PerformancePlan, block: SubPeriod, today: dt.date | None = None) -> bool:
    return max(block.start, plan.segment_start) <= (today or timezone.localdate())


def final_subperiods(plan: PerformancePlan) -> set[int]:
    """Sub-periods whose periodic evaluation of the plan's employee is final (read-only)."""
    return set(
        Evaluation.objects.filter(
            employee_id=plan.employee_id,
            period_id=plan.period_id,
            kind=EvaluationKind.PERIODIC,
            status=EvaluationStatus.FINAL,
        ).values_list("subperiod", flat=True)
    )


def is_subperiod_final(plan: PerformancePlan, number: int) -> bool:
    return number in final_subperiods(plan)


def uses_numbers(period: Period, indicator: Indicator) -> bool:
    """Kuantitatif approach with a numeric target: the realisation is a number, else a text."""
    return period.approach == Approach.QUANTITATIVE and indicator.target_value is not None


@dataclass(frozen=True)
class Achievement:
    """The achievement in percent against `target`, or None with the reason it is undefined."""

    percent: Decimal | None
    reason: str = ""
    target: Decimal | None = None

    @property
    def bar(self) -> Decimal:
        """The value of a small bar, capped at 150%."""
        return min(self.percent or Decimal(0), Decimal(150))


def _achieved(indicator: Indicator, target: Decimal, value: Decimal | None) -> Achievement:
    if value is None:
        return Achievement(None, _("belum ada realisasi"), target)
    try:
        percent = achievement(
            target, value, lower_is_better=annual.lower_is_better(indicator.aspect)
        )
    except UndefinedAchievementError as error:
        return Achievement(None, str(error), target)
    return Achievement(percent, "", target)


def indicator_achievement(
    period: Period, indicator: Indicator, realisation: Realisation | None, subperiod_count: int
) -> Achievement:
    """A sub-period's achievement against its periodic target (PermenPANRB 6/2022).

    The periodic target follows `annual.periodic_target` (the evaluation uses the same): an
    amount (quantity, cost) spread over the segment's sub-periods, a level (quality, time) as is;
    time and cost are "lower is better" (`suggestion.achievement`).
    """
    if not uses_numbers(period, indicator):
        return Achievement(None, _("kualitatif: dinilai pejabat penilai dari uraian"))
    assert indicator.target_value is not None
    target = annual.periodic_target(indicator.aspect, indicator.target_value, subperiod_count)
    return _achieved(indicator, target, realisation.value if realisation else None)


def year_to_date_achievement(
    period: Period, indicator: Indicator, values: list[Decimal | None]
) -> Achievement:
    """The year so far against the SKP target: amounts summed, levels averaged (`annual`)."""
    if not uses_numbers(period, indicator):
        return Achievement(None, _("kualitatif: dinilai pejabat penilai dari uraian"))
    assert indicator.target_value is not None
    value = annual.annual_realisation(indicator.aspect, values)
    return _achieved(indicator, indicator.target_value, value)


def current_subperiod(blocks: list[SubPeriod], today: dt.date | None = None) -> SubPeriod | None:
    """The block containing today, else the last one started, else the first (or None)."""
    today = today or timezone.localdate()
    started = [block for block in blocks if block.start <= today]
    for block in started:
        if block.contains(today):
            return block
    if started:
        return started[-1]
    return blocks[0] if blocks else None


# --- The realisation sheet of one plan and sub-period ------------------------------------------


@dataclass
class IndicatorRow:
    indicator: Indicator
    realisation: Realisation | None
    achievement: Achievement
    uses_numbers: bool
    feedback: list[Feedback] = field(default_factory=list)

    @property
    def evidence(self) -> list[Evidence]:
        return list(self.realisation.evidence.all()) if self.realisation else []


@dataclass
class ResultBlock:
    result: PlannedResult
    rows: list[IndicatorRow]


@dataclass
class SubPeriodTab:
    block: SubPeriod
    started: bool
    final: bool


@dataclass
class RealisationSheet:
    plan: PerformancePlan
    tabs: list[SubPeriodTab]
    tab: SubPeriodTab
    main: list[ResultBlock]
    additional: list[ResultBlock]
    value_feedback: list[tuple[CoreValue, list[Feedback]]]
    dialogues: list[Dialogue]

    @property
    def is_approved(self) -> bool:
        return self.plan.status == PlanStatus.APPROVED and self.plan.is_current

    @property
    def is_open(self) -> bool:
        """Whether writes are possible now (the services check it again)."""
        return self.is_approved and self.tab.started and not self.tab.final

    @property
    def rows(self) -> list[IndicatorRow]:
        return [row for block in (*self.main, *self.additional) for row in block.rows]


def realisation_sheet(user: User, pk: int, number: int | None = None) -> RealisationSheet:
    """The plan (if the user may see it) with every indicator's realisation, evidence and
    feedback in one sub-period, the feedback per BerAKHLAK value and the dialogues."""
    plan = planning_selectors.get_plan_for(user, pk)
    blocks = plan_subperiods(plan)
    finals = final_subperiods(plan)
    today = timezone.localdate()
    tabs = [SubPeriodTab(b, has_started(plan, b, today), b.number in finals) for b in blocks]
    if not tabs:
        raise Http404
    if number is None:
        chosen = current_subperiod(blocks, today)
        number = chosen.number if chosen else blocks[0].number
    tab = next((t for t in tabs if t.block.number == number), None)
    if tab is None:
        raise Http404
    results = list(plan.results.all())
    indicators = [i for r in results for i in r.indicators.all()]
    realisations = {
        r.indicator_id: r
        for r in Realisation.objects.filter(indicator__in=indicators, subperiod=number)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("created_at")))
    }
    feedback_by_indicator: dict[int, list[Feedback]] = defaultdict(list)
    feedback_by_value: dict[str, list[Feedback]] = defaultdict(list)
    for item in Feedback.objects.filter(plan=plan, subperiod=number).select_related("author"):
        if item.indicator_id is not None:
            feedback_by_indicator[item.indicator_id].append(item)
        else:
            feedback_by_value[item.value].append(item)

    def block_of(result: PlannedResult) -> ResultBlock:
        return ResultBlock(
            result,
            [
                IndicatorRow(
                    indicator=indicator,
                    realisation=realisations.get(indicator.pk),
                    achievement=indicator_achievement(
                        plan.period, indicator, realisations.get(indicator.pk), len(blocks)
                    ),
                    uses_numbers=uses_numbers(plan.period, indicator),
                    feedback=feedback_by_indicator.get(indicator.pk, []),
                )
                for indicator in result.indicators.all()
            ],
        )

    return RealisationSheet(
        plan=plan,
        tabs=tabs,
        tab=tab,
        main=[block_of(r) for r in results if r.kind == ResultKind.MAIN],
        additional=[block_of(r) for r in results if r.kind == ResultKind.ADDITIONAL],
        value_feedback=[(value, feedback_by_value.get(value.code, [])) for value in CORE_VALUES],
        dialogues=list(
            Dialogue.objects.filter(plan=plan, subperiod=number).select_related("recorded_by")
        ),
    )


def get_realisation_for(user: User, pk: int) -> Realisation:
    """One realisation whose plan the user may see; 404 otherwise."""
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


def get_evidence_for(user: User, pk: int) -> Evidence:
    """One evidence item whose plan the user may see; 404 otherwise."""
    evidence = (
        Evidence.objects.select_related(
            "realisation__plan__period",
            "realisation__plan__employee__unit",
            "realisation__indicator__result",
        )
        .filter(pk=pk)
        .first()
    )
    if evidence is None or not user.has_perm("planning.view_plan", evidence.realisation.plan):
        raise Http404
    return evidence


# --- "Kinerja saya": the employee's own progress -------------------------------------------------


@dataclass
class ProgressCell:
    tab: SubPeriodTab
    realisation: Realisation | None
    achievement: Achievement


@dataclass
class IndicatorProgress:
    indicator: Indicator
    is_main: bool
    cells: list[ProgressCell]
    year_to_date: Achievement

    @property
    def latest(self) -> ProgressCell | None:
        realised = [c for c in self.cells if c.realisation is not None]
        return realised[-1] if realised else None


@dataclass
class PlanProgress:
    plan: PerformancePlan
    tabs: list[SubPeriodTab]
    indicators: list[IndicatorProgress]


@dataclass
class MyPerformance:
    plans: list[PlanProgress]
    feedback: list[Feedback]
    evaluations: list[Evaluation]


FEEDBACK_SHOWN = 30


def my_performance(user: User) -> MyPerformance:
    """The signed-in employee's current plans of active periods with progress per indicator
    across sub-periods, the feedback they received (newest first) and their final evaluations."""
    employee_id = actor_of(user).employee_id
    if employee_id is None:
        return MyPerformance([], [], [])
    plans = list(
        PerformancePlan.objects.current()
        .filter(employee_id=employee_id, period__is_active=True)
        .select_related("period", "rater")
        .prefetch_related(
            Prefetch(
                "results",
                queryset=PlannedResult.objects.prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id"))
                ).order_by("kind", "order", "id"),
            )
        )
        .order_by("-period__start_date", "segment_start")
    )
    realisations: dict[tuple[int, int], Realisation] = {
        (r.indicator_id, r.subperiod): r
        for r in Realisation.objects.filter(plan__in=plans).only(
            "id", "indicator_id", "subperiod", "value", "text", "plan_id"
        )
    }
    finals: dict[int, set[int]] = defaultdict(set)
    for period_id, number in Evaluation.objects.filter(
        employee_id=employee_id,
        kind=EvaluationKind.PERIODIC,
        status=EvaluationStatus.FINAL,
    ).values_list("period_id", "subperiod"):
        finals[period_id].add(number)
    today = timezone.localdate()
    progress = []
    for plan in plans:
        tabs = [
            SubPeriodTab(b, has_started(plan, b, today), b.number in finals[plan.period_id])
            for b in plan_subperiods(plan)
        ]
        rows = []
        for result in plan.results.all():
            for indicator in result.indicators.all():
                cells = []
                for tab in tabs:
                    found = realisations.get((indicator.pk, tab.block.number))
                    cells.append(
                        ProgressCell(
                            tab,
                            found,
                            indicator_achievement(plan.period, indicator, found, len(tabs)),
                        )
                    )
                values = [c.realisation.value for c in cells if c.realisation is not None]
                rows.append(
                    IndicatorProgress(
                        indicator,
                        result.kind == ResultKind.MAIN,
                        cells,
                        year_to_date_achievement(plan.period, indicator, values),
                    )
                )
        progress.append(PlanProgress(plan, tabs, rows))
    feedback = list(
        Feedback.objects.filter(plan__employee_id=employee_id)
        .select_related("author", "indicator", "plan__period")
        .order_by("-created_at", "-id")[:FEEDBACK_SHOWN]
    )
    evaluations = list(
        Evaluation.objects.filter(employee_id=employee_id, status=EvaluationStatus.FINAL)
        .select_related("period")
        .order_by("-period__start_date", "kind", "subperiod")
    )
    return MyPerformance(progress, feedback, evaluations)


# --- Realisations of a unit or the agency ----------------------------------------------------------


@dataclass(frozen=True)
class RealisationFilters:
    period: Period | None = None
    unit: Unit | None = None
    subperiod: int | None = None
    q: str = ""


def _evidence_count() -> Coalesce:
    """The evidence of each row as a correlated count, evaluated for the rows returned only: a
    `Count("evidence")` join grouped every realisation of the agency before the page was cut
    (35 s over 3.6 million realisations; 20 ms this way)."""
    per_row = (
        Evidence.objects.filter(realisation=OuterRef("pk"))
        .order_by()
        .values("realisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(per_row, output_field=IntegerField()), Value(0))


def realisations_visible_to(
    user: User, filters: RealisationFilters | None = None
) -> QuerySet[Realisation]:
    """Realisations of the plans the user may see, with their people, indicator and evidence
    count joined, ordered by employee, sub-period and indicator."""
    filters = filters or RealisationFilters()
    visible = PerformancePlan.objects.filter(plan_scope(actor_of(user)))
    rows = Realisation.objects.filter(plan__in=visible)
    if filters.period is not None:
        rows = rows.filter(plan__period=filters.period)
    if filters.unit is not None:
        rows = rows.filter(plan__employee__unit__path__startswith=filters.unit.path)
    if filters.subperiod:
        rows = rows.filter(subperiod=filters.subperiod)
    if filters.q:
        term = filters.q.strip()
        rows = rows.filter(
            Q(plan__employee__name__icontains=term) | Q(plan__employee__nip__startswith=term)
        )
    return (
        rows.select_related(
            "plan__period",
            "plan__employee__unit",
            "plan__employee__position",
            "indicator__result",
        )
        .annotate(evidence_count=_evidence_count())
        .order_by("plan__employee__name", "plan_id", "subperiod", "indicator__order", "id")
    )
