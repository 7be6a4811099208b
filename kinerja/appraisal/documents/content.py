"""What the appraisal documents show, read from the models (PermenPANRB 6/2022, Lampiran:
Dokumen Evaluasi Kinerja Pegawai; SE MenPANRB 3/2023: Penetapan Predikat Kinerja).

The readers here gather one evaluation or one unit assessment with everything its PDF prints,
in a handful of queries: the SKP segments rated, realisations and continuous feedback of the
sub-period (or the whole year), and the organisation predicate that governs the unit.

An evaluation is governed by the assessment of its unit or, failing that, of the nearest unit
above it (a Dinas assessed as a whole covers its Bidang and Seksi); an assessment therefore
lists the evaluations of its subtree except those of sub-units assessed on their own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from kinerja.appraisal.distribution import DEFAULT_PATTERN, DistributionCheck, check_distribution
from kinerja.appraisal.models import (
    Evaluation,
    EvaluationKind,
    Feedback,
    Realisation,
    UnitAssessment,
)
from kinerja.appraisal.predicate import OrganisationPredicate, Predicate
from kinerja.core.formatting import indonesian_number
from kinerja.core.models import User
from kinerja.planning.berakhlak import CORE_VALUES, CoreValue
from kinerja.planning.documents import header_people
from kinerja.planning.models import (
    Aspect,
    BehaviourExpectation,
    Indicator,
    PerformancePlan,
    Period,
    PlannedResult,
    PlanStatus,
)
from kinerja.planning.services import person_snapshot
from kinerja.planning.subperiods import subperiod_by_number

# Aspects whose yearly realisation is the sum of the sub-periods; the others (quality, time)
# take the mean of the sub-periods recorded. The regulation does not say; a sum of quarterly
# quality percentages would be meaningless.
SUMMED_ASPECTS = frozenset({Aspect.QUANTITY, Aspect.COST})


@dataclass(frozen=True)
class Span:
    """The stretch of the period a document covers: `Triwulan I 2026` or `Tahunan 2026`."""

    label: str
    start: dt.date
    end: dt.date


def span_of(period: Period, kind: str, subperiod: int) -> Span:
    """The label and dates of a periodic sub-period, or of the whole period for the annual."""
    if kind == EvaluationKind.ANNUAL:
        return Span(f"Tahunan {period.year}", period.start_date, period.end_date)
    block = subperiod_by_number(period.frequency, period.start_date, period.end_date, subperiod)
    return Span(block.label, block.start, block.end)


def pattern_text(organisation_predicate: str) -> str:
    """The distribution pattern that the organisation predicate sets, as one sentence."""
    rules = DEFAULT_PATTERN.rules_for(OrganisationPredicate(organisation_predicate))
    if not rules:
        return "Tidak ada ketentuan pola distribusi."
    text = "; ".join(rule.description for rule in rules)
    return text[0].upper() + text[1:] + "."


def ancestor_paths(path: str) -> list[str]:
    """`/1/7/12/` → `/1/`, `/1/7/`, `/1/7/12/`."""
    parts = [part for part in path.split("/") if part]
    return ["/" + "/".join(parts[: depth + 1]) + "/" for depth in range(len(parts))]


def governing_assessment(evaluation: Evaluation) -> UnitAssessment | None:
    """The organisation predicate set for the evaluation's unit, or the nearest unit above it."""
    return (
        UnitAssessment.objects.filter(
            unit__path__in=ancestor_paths(evaluation.unit.path),
            period_id=evaluation.period_id,
            kind=evaluation.kind,
            subperiod=evaluation.subperiod,
        )
        .select_related("unit")
        .order_by("-unit__depth")
        .first()
    )


# --- Dokumen Evaluasi Kinerja Pegawai ------------------------------------------------------


@dataclass(frozen=True)
class IndicatorLine:
    indicator: Indicator
    realisation: str
    feedback: tuple[str, ...]


@dataclass(frozen=True)
class ResultLine:
    result: PlannedResult
    indicators: tuple[IndicatorLine, ...]


@dataclass(frozen=True)
class BehaviourLine:
    value: CoreValue
    expectation: str
    feedback: tuple[str, ...]


@dataclass(frozen=True)
class EvaluationContent:
    evaluation: Evaluation
    employee: dict[str, str]
    rater: dict[str, str]
    span: Span
    results: tuple[ResultLine, ...]
    behaviours: tuple[BehaviourLine, ...]
    assessment: UnitAssessment | None

    def results_of(self, kind: str) -> list[ResultLine]:
        return [line for line in self.results if line.result.kind == kind]


def _rated_plans(evaluation: Evaluation) -> list[PerformancePlan]:
    """The SKP segments the evaluation covers: the rated one for a periodic evaluation, every
    current approved segment of the employee in the period for the annual one."""
    contents = (
        Prefetch(
            "results",
            queryset=PlannedResult.objects.select_related("parent").prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id"))
            ),
        ),
        Prefetch("expectations", queryset=BehaviourExpectation.objects.all()),
    )
    plans: QuerySet[PerformancePlan]
    if evaluation.kind == EvaluationKind.ANNUAL:
        plans = PerformancePlan.objects.current().filter(
            employee_id=evaluation.employee_id,
            period_id=evaluation.period_id,
            status=PlanStatus.APPROVED,
        )
    else:
        plans = PerformancePlan.objects.filter(pk=evaluation.plan_id)
    found = list(plans.prefetch_related(*contents).order_by("segment_start", "id"))
    return found or list(
        PerformancePlan.objects.filter(pk=evaluation.plan_id).prefetch_related(*contents)
    )


def _realised(indicator: Indicator, records: list[Realisation]) -> str:
    """The realisation the document prints: one sub-period's, or the year's (sum or mean)."""
    values = [r.value for r in records if r.value is not None]
    parts: list[str] = []
    if values:
        total = sum(values, Decimal(0))
        value = total if indicator.aspect in SUMMED_ASPECTS else total / len(values)
        number = indonesian_number(value.quantize(Decimal("0.01")))
        parts.append(f"{number} {indicator.unit_of_measure}".strip())
    parts += [r.text.strip() for r in records if r.text.strip()]
    return "; ".join(parts) or "-"


def evaluation_content(evaluation: Evaluation) -> EvaluationContent:
    """Everything the Dokumen Evaluasi Kinerja Pegawai prints for `evaluation`."""
    period = evaluation.period
    plans = _rated_plans(evaluation)
    plan_ids = [plan.pk for plan in plans]
    annual = evaluation.kind == EvaluationKind.ANNUAL
    realisations = Realisation.objects.filter(plan_id__in=plan_ids).order_by("subperiod", "id")
    feedback = Feedback.objects.filter(plan_id__in=plan_ids).order_by(
        "subperiod", "created_at", "id"
    )
    if not annual:
        realisations = realisations.filter(subperiod=evaluation.subperiod)
        feedback = feedback.filter(subperiod=evaluation.subperiod)

    def labelled(item: Feedback) -> str:
        if not annual:
            return item.text
        return f"{span_of(period, EvaluationKind.PERIODIC, item.subperiod).label}: {item.text}"

    realised: dict[int, list[Realisation]] = defaultdict(list)
    for record in realisations:
        realised[record.indicator_id].append(record)
    on_indicator: dict[int, list[str]] = defaultdict(list)
    on_value: dict[str, list[str]] = defaultdict(list)
    for item in feedback:
        if item.indicator_id is not None:
            on_indicator[item.indicator_id].append(labelled(item))
        else:
            on_value[item.value].append(labelled(item))

    results = tuple(
        ResultLine(
            result,
            tuple(
                IndicatorLine(
                    indicator,
                    _realised(indicator, realised[indicator.pk]),
                    tuple(on_indicator[indicator.pk]),
                )
                for indicator in result.indicators.all()
            ),
        )
        for plan in plans
        for result in plan.results.all()
    )
    rated_plan = next((p for p in plans if p.pk == evaluation.plan_id), plans[-1])
    expectations = {e.value: e.text for e in rated_plan.expectations.all()}
    behaviours = tuple(
        BehaviourLine(value, expectations.get(value.code, ""), tuple(on_value[value.code]))
        for value in CORE_VALUES
    )
    plan_employee, plan_rater = header_people(rated_plan)
    return EvaluationContent(
        evaluation=evaluation,
        employee=evaluation.snapshot.get("employee") or plan_employee,
        rater=evaluation.snapshot.get("rater") or plan_rater,
        span=span_of(period, evaluation.kind, evaluation.subperiod),
        results=results,
        behaviours=behaviours,
        assessment=governing_assessment(evaluation),
    )


# --- Penetapan Predikat Kinerja ---------------------------------------------------------------


@dataclass(frozen=True)
class RuleOutcome:
    """One rule of the distribution pattern against the unit's predicates."""

    description: str
    breach: str | None

    @property
    def passes(self) -> bool:
        return self.breach is None


@dataclass(frozen=True)
class AssessmentContent:
    assessment: UnitAssessment
    span: Span
    evaluations: tuple[Evaluation, ...]
    check: DistributionCheck
    outcomes: tuple[RuleOutcome, ...]
    head: dict[str, str]
    breach_confirmer: str

    @property
    def unrated(self) -> int:
        return sum(1 for evaluation in self.evaluations if not evaluation.predicate)


def assessed_evaluations(assessment: UnitAssessment) -> QuerySet[Evaluation]:
    """The evaluations the assessment governs: its subtree, less sub-units assessed apart."""
    same_round = {
        "period_id": assessment.period_id,
        "kind": assessment.kind,
        "subperiod": assessment.subperiod,
    }
    nested = (
        UnitAssessment.objects.filter(unit__path__startswith=assessment.unit.path, **same_round)
        .exclude(pk=assessment.pk)
        .values_list("unit__path", flat=True)
    )
    evaluations = Evaluation.objects.filter(
        unit__path__startswith=assessment.unit.path, **same_round
    )
    for path in nested:
        evaluations = evaluations.exclude(unit__path__startswith=path)
    return evaluations.select_related("employee", "employee__position", "unit").order_by(
        "unit__path", "employee__name", "id"
    )


def _person_of(user: object) -> dict[str, str]:
    employee = getattr(user, "employee", None) if user is not None else None
    if employee is not None:
        return person_snapshot(employee)
    name = user.get_full_name() if user is not None and hasattr(user, "get_full_name") else ""
    return {"name": name}


def assessment_content(assessment: UnitAssessment) -> AssessmentContent:
    """Everything the Penetapan Predikat Kinerja prints for `assessment`."""
    evaluations = tuple(assessed_evaluations(assessment))
    counts: dict[Predicate, int] = defaultdict(int)
    for evaluation in evaluations:
        if evaluation.predicate:
            counts[Predicate(evaluation.predicate)] += 1
    organisation_predicate = OrganisationPredicate(assessment.organisation_predicate)
    check = check_distribution(organisation_predicate, counts)
    outcomes = tuple(
        RuleOutcome(
            rule.description,
            rule.breach(sum(check.counts[p] for p in rule.predicates), check.total)
            if check.total
            else None,
        )
        for rule in DEFAULT_PATTERN.rules_for(organisation_predicate)
    )
    signer = assessment.finalised_by if assessment.is_final else assessment.set_by
    confirmer = assessment.breach_confirmed_by
    return AssessmentContent(
        assessment=assessment,
        span=span_of(assessment.period, assessment.kind, assessment.subperiod),
        evaluations=evaluations,
        check=check,
        outcomes=outcomes,
        head=_person_of(signer),
        breach_confirmer=_person_of(confirmer).get("name", "") if confirmer else "",
    )


# --- Access choke points ---------------------------------------------------------------------


def get_evaluation_for(user: User, pk: int) -> Evaluation:
    """One evaluation whose document the user may download; anything else is 404."""
    evaluation = (
        Evaluation.objects.select_related(
            "agency", "period", "employee", "unit", "plan", "rater", "finalised_by"
        )
        .filter(pk=pk)
        .first()
    )
    if evaluation is None or not user.has_perm("appraisal.download_evaluation_pdf", evaluation):
        raise Http404
    return evaluation


def get_assessment_for(user: User, pk: int) -> UnitAssessment:
    """One unit assessment whose Penetapan Predikat the user may download; else 404."""
    assessment = (
        UnitAssessment.objects.select_related(
            "agency", "period", "unit", "set_by", "finalised_by", "breach_confirmed_by"
        )
        .filter(pk=pk)
        .first()
    )
    if assessment is None or not user.has_perm("appraisal.download_assessment_pdf", assessment):
        raise Http404
    return assessment
