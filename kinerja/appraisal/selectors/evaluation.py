"""Reads of the evaluation stage, scoped to what the viewer may see (the access choke points),
and the evaluation document's contents: indicators with target, realisation, achievement and
feedback, and the suggested results rating (PermenPANRB 6/2022, Lampiran)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.appraisal import annual
from kinerja.appraisal.models import Evaluation, EvaluationKind, Feedback, Realisation
from kinerja.appraisal.permissions.evaluation import evaluation_scope
from kinerja.appraisal.suggestion import (
    Suggestion,
    UndefinedAchievementError,
    achievement,
    suggest_results_rating,
)
from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee, PositionHistory, Unit
from kinerja.planning.berakhlak import CORE_VALUES
from kinerja.planning.models import Indicator, PerformancePlan, Period, PlanStatus, ResultKind
from kinerja.planning.subperiods import SubPeriod, subperiods

ANNUAL_LABEL = "Tahunan"


# --- Sub-periods -------------------------------------------------------------------------------


def period_subperiods(period: Period) -> list[SubPeriod]:
    """The sub-periods of the periodic evaluation of `period` (PermenPANRB 6/2022, Pasal 12)."""
    return subperiods(period.frequency, period.start_date, period.end_date)


def subperiod_label(period: Period, number: int) -> str:
    """ "Triwulan I 2026" for a sub-period; "Tahunan" for the annual evaluation (0)."""
    if number == 0:
        return ANNUAL_LABEL
    for block in period_subperiods(period):
        if block.number == number:
            return block.label
    return f"Periode ke-{number}"


def kind_of(subperiod: int) -> str:
    """Sub-period 0 is the annual evaluation; 1..n are periodic."""
    return EvaluationKind.ANNUAL if subperiod == 0 else EvaluationKind.PERIODIC


def evaluation_dates(evaluation_period: Period, subperiod: int) -> tuple[dt.date, dt.date]:
    """The dates an evaluation covers: the sub-period, or the whole period when annual."""
    if subperiod == 0:
        return evaluation_period.start_date, evaluation_period.end_date
    for block in period_subperiods(evaluation_period):
        if block.number == subperiod:
            return block.start, block.end
    raise ValueError(f"periode ke-{subperiod} tidak ada dalam periode penilaian ini")


# --- Lists and the access choke point ----------------------------------------------------------


@dataclass(frozen=True)
class EvaluationFilters:
    period: Period | None = None
    kind: str = ""
    subperiod: int | None = None
    status: str = ""
    unit: Unit | None = None
    q: str = ""


EVALUATION_LIST_ORDER = (
    "employee__name",
    "employee_id",
    "-period__start_date",
    "kind",
    "subperiod",
    "id",
)
"""The list's order: by employee name, then each person's evaluations newest period first
(periodic by sub-period, then annual). Name first because an index serves it
(`employee_name_id`, then the unique employee + period index of the evaluations): the
first page of 60,000 evaluations reads 25 rows instead of sorting them all."""


def evaluations_visible_to(
    user: User, filters: EvaluationFilters | None = None
) -> QuerySet[Evaluation]:
    """Evaluations the user may see, with period, employee, position, unit and rater joined."""
    filters = filters or EvaluationFilters()
    evaluations = Evaluation.objects.filter(evaluation_scope(actor_of(user))).select_related(
        "period", "employee", "employee__position", "unit", "rater"
    )
    if filters.period is not None:
        evaluations = evaluations.filter(period=filters.period)
    if filters.kind:
        evaluations = evaluations.filter(kind=filters.kind)
    if filters.subperiod is not None:
        evaluations = evaluations.filter(subperiod=filters.subperiod)
    if filters.status:
        evaluations = evaluations.filter(status=filters.status)
    if filters.unit is not None:
        evaluations = evaluations.filter(unit__path__startswith=filters.unit.path)
    if filters.q:
        term = filters.q.strip()
        evaluations = evaluations.filter(
            Q(employee__name__icontains=term) | Q(employee__nip__startswith=term)
        )
    return evaluations.order_by(*EVALUATION_LIST_ORDER)


def get_evaluation_for(user: User, pk: int) -> Evaluation:
    """One evaluation the user may see; anything else (another agency too) is 404."""
    evaluation = (
        Evaluation.objects.select_related(
            "period",
            "employee",
            "employee__position",
            "employee__unit",
            "unit",
            "rater",
            "plan",
            "rated_by",
            "finalised_by",
        )
        .filter(pk=pk)
        .first()
    )
    if evaluation is None or not user.has_perm("appraisal.view_evaluation", evaluation):
        raise Http404
    return evaluation


def plans_to_evaluate(user: User) -> QuerySet[PerformancePlan]:
    """Current approved SKP in active periods that the user rates (where evaluations open),
    by employee name (the list page shows them a page at a time)."""
    employee_id = actor_of(user).employee_id
    if employee_id is None:
        return PerformancePlan.objects.none()
    return (
        PerformancePlan.objects.current()
        .filter(rater_id=employee_id, status=PlanStatus.APPROVED, period__is_active=True)
        .exclude(employee_id=employee_id)
        .with_people()
        .order_by("employee__name", "employee_id", "-period__start_date", "segment_start")
    )


def annual_segments(employee_id: int, period_id: int) -> list[PerformancePlan]:
    """Every current approved SKP segment of the employee in the period, in date order."""
    return list(
        PerformancePlan.objects.current()
        .filter(employee_id=employee_id, period_id=period_id, status=PlanStatus.APPROVED)
        .select_related("rater", "employee")
        .order_by("segment_start", "id")
    )


def unit_on(employee: Employee, day: dt.date) -> Unit:
    """The unit the employee served in on `day` (position history), else their current unit."""
    row = (
        PositionHistory.objects.filter(employee=employee, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("unit")
        .order_by("-start_date")
        .first()
    )
    return row.unit if row is not None else employee.unit


# --- The evaluation document ---------------------------------------------------------------


@dataclass
class IndicatorRow:
    """One indicator as the evaluation shows it (realisation and achievement of the span)."""

    indicator: Indicator
    plan: PerformancePlan
    is_main: bool
    target: Decimal | None
    realisation: Decimal | None
    realisation_text: str
    achievement: Decimal | None
    achievement_note: str = ""
    feedback: list[Feedback] = field(default_factory=list)


@dataclass
class EvaluationDocument:
    """What the evaluation page, the API and the documents show beside the decision."""

    segments: list[PerformancePlan]
    rows: list[IndicatorRow]
    value_feedback: list[tuple[str, list[Feedback]]]
    suggestion: Suggestion

    @property
    def main_rows(self) -> list[IndicatorRow]:
        return [row for row in self.rows if row.is_main]

    @property
    def additional_rows(self) -> list[IndicatorRow]:
        return [row for row in self.rows if not row.is_main]


def evaluation_segments(evaluation: Evaluation) -> list[PerformancePlan]:
    """The SKP segments an evaluation covers: its plan, or every segment when annual."""
    if evaluation.kind == EvaluationKind.ANNUAL:
        segments = annual_segments(evaluation.employee_id, evaluation.period_id)
        return segments or [evaluation.plan]
    return [evaluation.plan]


def _achievement(
    aspect: str, target: Decimal | None, value: Decimal | None
) -> tuple[Decimal | None, str]:
    if target is None or value is None:
        return None, ""
    try:
        return achievement(target, value, lower_is_better=annual.lower_is_better(aspect)), ""
    except UndefinedAchievementError as error:
        return None, str(error)


def evaluation_document(evaluation: Evaluation) -> EvaluationDocument:
    """Indicators with target, realisation, achievement and feedback; the suggested rating.

    Periodic: the sub-period's realisation against the periodic target (`annual.periodic_target`).
    Annual: every segment's indicators with the year's realisation (`annual.annual_realisation`).
    Five queries whatever the number of indicators.
    """
    segments = evaluation_segments(evaluation)
    is_annual = evaluation.kind == EvaluationKind.ANNUAL
    period = evaluation.period
    indicators = list(
        Indicator.objects.filter(result__plan__in=segments)
        .select_related("result", "result__plan")
        .order_by("result__plan__segment_start", "result__kind", "result__order", "order", "id")
    )
    realisations = Realisation.objects.filter(indicator__in=indicators)
    feedback = Feedback.objects.filter(plan__in=segments).select_related("author")
    if not is_annual:
        realisations = realisations.filter(subperiod=evaluation.subperiod)
        feedback = feedback.filter(subperiod=evaluation.subperiod)
    by_indicator: dict[int, list[Realisation]] = {}
    for realisation in realisations.order_by("subperiod"):
        by_indicator.setdefault(realisation.indicator_id, []).append(realisation)
    feedback_by_indicator: dict[int, list[Feedback]] = {}
    feedback_by_value: dict[str, list[Feedback]] = {}
    for item in feedback.order_by("subperiod", "created_at", "id"):
        if item.indicator_id is not None:
            feedback_by_indicator.setdefault(item.indicator_id, []).append(item)
        else:
            feedback_by_value.setdefault(item.value, []).append(item)
    counts = {
        plan.pk: max(
            1,
            len(subperiods(period.frequency, plan.segment_start, plan.segment_end)),
        )
        for plan in segments
    }

    rows: list[IndicatorRow] = []
    for indicator in indicators:
        recorded = by_indicator.get(indicator.pk, [])
        plan = indicator.result.plan
        target = indicator.target_value
        if is_annual:
            value = annual.annual_realisation(indicator.aspect, (r.value for r in recorded))
        else:
            value = recorded[0].value if recorded else None
            if target is not None:
                target = annual.periodic_target(indicator.aspect, target, counts[plan.pk])
        achieved, note = _achievement(indicator.aspect, target, value)
        rows.append(
            IndicatorRow(
                indicator=indicator,
                plan=plan,
                is_main=indicator.result.kind == ResultKind.MAIN,
                target=target,
                realisation=value,
                realisation_text="\n".join(r.text for r in recorded if r.text),
                achievement=achieved,
                achievement_note=note,
                feedback=feedback_by_indicator.get(indicator.pk, []),
            )
        )
    value_feedback = [(value.name, feedback_by_value.get(value.code, [])) for value in CORE_VALUES]
    return EvaluationDocument(segments, rows, value_feedback, suggestion_of(rows))


def suggestion_of(rows: list[IndicatorRow]) -> Suggestion:
    """The suggested results rating from the numeric indicators (suggestion.suggest_results_rating).

    Indicators with a narrative target only (qualitative approach) are left to the rater.
    """
    numeric = [row for row in rows if row.target is not None]
    suggestion = suggest_results_rating((row.is_main, row.achievement) for row in numeric)
    skipped = len(rows) - len(numeric)
    if not skipped:
        return suggestion
    note = f"{skipped} indikator tanpa target angka tidak dihitung (dinilai langsung oleh penilai)"
    return Suggestion(suggestion.rating, (note, *suggestion.reasons))
