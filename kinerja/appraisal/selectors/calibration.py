"""Reads of the unit's evaluation (SE MenPANRB 3/2023): the organisation predicate, the
employees' predicates against the distribution pattern, who is still to be rated, and who sets
the unit's predicate."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, QuerySet
from django.http import Http404

from kinerja.appraisal.distribution import (
    DEFAULT_PATTERN,
    AtLeast,
    AtMost,
    DistributionCheck,
    check_distribution,
    format_limit,
    format_percent,
)
from kinerja.appraisal.models import (
    CalibrationAdjustment,
    Evaluation,
    EvaluationStatus,
    UnitAssessment,
)
from kinerja.appraisal.permissions.evaluation import heads_above
from kinerja.appraisal.predicate import OrganisationPredicate, Predicate
from kinerja.appraisal.selectors.evaluation import evaluation_dates, kind_of
from kinerja.core.models import Role, RoleGrant, User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Unit
from kinerja.planning.models import PerformancePlan, Period, PlanStatus


def get_unit_for(user: User, pk: int) -> Unit:
    """A unit whose evaluation the user may see (heads of its subtree and above, admins…)."""
    unit = Unit.objects.filter(pk=pk).select_related("parent").first()
    if unit is None or not user.has_perm("appraisal.view_unit_assessment", unit):
        raise Http404
    return unit


def get_assessment_for(user: User, pk: int) -> UnitAssessment:
    """One unit assessment the user may see; anything else is 404."""
    assessment = (
        UnitAssessment.objects.select_related(
            "unit", "unit__parent", "period", "set_by", "breach_confirmed_by", "finalised_by"
        )
        .filter(pk=pk)
        .first()
    )
    if assessment is None or not user.has_perm("appraisal.view_unit_assessment", assessment.unit):
        raise Http404
    return assessment


def find_assessment(unit: Unit, period: Period, subperiod: int) -> UnitAssessment | None:
    """The organisation predicate set for the unit in that evaluation, if any."""
    return (
        UnitAssessment.objects.select_related("set_by", "breach_confirmed_by", "finalised_by")
        .filter(unit=unit, period=period, kind=kind_of(subperiod), subperiod=subperiod)
        .first()
    )


def unit_evaluations(unit: Unit, period: Period, subperiod: int) -> QuerySet[Evaluation]:
    """The evaluations of the unit's employees (Evaluation.unit) in that evaluation."""
    return (
        Evaluation.objects.filter(
            unit=unit, period=period, kind=kind_of(subperiod), subperiod=subperiod
        )
        .select_related("employee", "employee__position", "rater", "unit", "period")
        .order_by("employee__name", "id")
    )


def predicate_counts(evaluations: QuerySet[Evaluation]) -> dict[Predicate, int]:
    """How many rated employees hold each predicate (one aggregate query)."""
    rows = (
        evaluations.exclude(predicate="").order_by().values("predicate").annotate(count=Count("id"))
    )
    return {Predicate(row["predicate"]): row["count"] for row in rows}


def unit_distribution(
    organisation_predicate: str, evaluations: QuerySet[Evaluation]
) -> DistributionCheck:
    """The employees' predicates checked against the pattern (distribution.check_distribution)."""
    return check_distribution(
        OrganisationPredicate(organisation_predicate),
        predicate_counts(evaluations),
        DEFAULT_PATTERN,
    )


def missing_ratings(unit: Unit, period: Period, subperiod: int) -> list[str]:
    """Who must still be rated before the unit is finalised, as Indonesian lines.

    Evaluations still in draft, and employees of the unit with an approved SKP covering the
    evaluation's dates whose evaluation has not been opened.
    """
    evaluations = unit_evaluations(unit, period, subperiod)
    lines = [
        f"{e.employee.full_name} (belum dinilai)"
        for e in evaluations
        if e.status == EvaluationStatus.DRAFT
    ]
    start, end = evaluation_dates(period, subperiod)
    evaluated = {e.employee_id for e in evaluations}
    unopened = (
        PerformancePlan.objects.current()
        .filter(
            period=period,
            status=PlanStatus.APPROVED,
            employee__unit=unit,
            employee__is_active=True,
            segment_start__lte=end,
            segment_end__gte=start,
        )
        .exclude(employee_id__in=evaluated)
        .select_related("employee")
        .order_by("employee__name")
    )
    seen: set[int] = set()
    for plan in unopened:
        if plan.employee_id not in seen:
            seen.add(plan.employee_id)
            lines.append(f"{plan.employee.full_name} (evaluasi belum dibuka)")
    return lines


def adjustments_of(assessment: UnitAssessment) -> QuerySet[CalibrationAdjustment]:
    return assessment.adjustments.select_related("evaluation__employee", "actor").order_by(
        "created_at", "id"
    )


def unit_deciders(unit: Unit) -> list[User]:
    """Who sets the unit's organisation predicate: heads of a unit above; for a top-level unit,
    the agency admins (on behalf of the regional head)."""
    if unit.parent_id is None:
        grants = RoleGrant.objects.filter(role=Role.AGENCY_ADMIN, user__agency_id=unit.agency_id)
    else:
        ancestor_ids = [int(part) for part in unit.path.strip("/").split("/")[:-1] if part]
        grants = RoleGrant.objects.filter(role=Role.HEAD, unit_id__in=ancestor_ids)
    return list(User.objects.filter(pk__in=grants.values("user_id"), is_active=True).order_by("pk"))


def units_to_assess(user: User) -> list[Unit]:
    """Units whose organisation predicate the user sets (see permissions.evaluation)."""
    actor = actor_of(user)
    units = Unit.objects.filter(is_active=True).select_related("parent").order_by("path")
    chosen: list[Unit] = []
    if actor.head_unit_paths:
        for unit in units.subtree_of(actor.head_unit_paths):
            if heads_above(unit.path, actor.head_unit_paths):
                chosen.append(unit)
    if actor.has_role(Role.AGENCY_ADMIN):
        chosen.extend(units.filter(parent__isnull=True))
    return sorted({u.pk: u for u in chosen}.values(), key=lambda u: u.path)


# --- The distribution as the calibration page shows it ------------------------------------


@dataclass(frozen=True)
class Limit:
    """One limit of the pattern on a bar: `kind` is "max" or "min", `share` a fraction."""

    kind: str
    share: Fraction
    label: str


@dataclass(frozen=True)
class DistributionBar:
    """A predicate (or a group the pattern names together) with its count, share and limits."""

    label: str
    count: int
    total: int
    share: Fraction
    limits: tuple[Limit, ...]
    breached: bool

    @property
    def percent(self) -> str:
        return format_percent(self.share)


def distribution_bars(check: DistributionCheck) -> list[DistributionBar]:
    """One bar per predicate, plus one per group of predicates a rule names together."""
    rules = DEFAULT_PATTERN.rules_for(check.organisation_predicate)
    breached_rules = {id(breach.rule) for breach in check.breaches}
    bars: list[DistributionBar] = []
    groups: list[frozenset[Predicate]] = [frozenset({p}) for p in Predicate]
    for rule in rules:
        if rule.predicates not in groups:
            groups.append(rule.predicates)
    total = check.total
    for group in groups:
        count = sum(check.counts[p] for p in group)
        limits: list[Limit] = []
        breached = False
        for rule in rules:
            if rule.predicates != group:
                continue
            breached = breached or id(rule) in breached_rules
            if isinstance(rule, AtMost):
                limits.append(Limit("max", rule.share, f"maks. {format_limit(rule.share)}"))
            elif isinstance(rule, AtLeast):
                limits.append(Limit("min", rule.share, f"min. {format_limit(rule.share)}"))
        bars.append(
            DistributionBar(
                label=" dan/atau ".join(p.value for p in Predicate if p in group),
                count=count,
                total=total,
                share=Fraction(count, total) if total else Fraction(0),
                limits=tuple(limits),
                breached=breached,
            )
        )
    return bars


def pattern_descriptions(organisation_predicate: str) -> list[str]:
    """The pattern's rules for the organisation predicate, as Indonesian sentences."""
    rules = DEFAULT_PATTERN.rules_for(OrganisationPredicate(organisation_predicate))
    return [rule.description for rule in rules]
