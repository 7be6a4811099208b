"""Recommendations that explain themselves, refreshed from what the system already knows.

Four sources, each named in the recommendation's text with its figure:
- the predicate of a final evaluation of the year, Butuh Perbaikan or worse (appraisal);
- an indicator whose latest realisation is under 90% of its periodic target (planning +
  appraisal's own achievement computation, `indicator_achievement`);
- a BerAKHLAK value that others rate under 3,00 in a closed 360° round — read only through the
  behaviour app's aggregate report, so a group under the anonymity threshold counts for nothing;
- a competency below the level the position requires (competency).

`refresh_recommendations` is idempotent: a source (`source_key`) yields one recommendation per
employee, whatever its status, so a dismissed one does not come back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kinerja.appraisal.models import Evaluation, EvaluationKind, EvaluationStatus, Realisation
from kinerja.appraisal.selectors.execution import indicator_achievement, plan_subperiods
from kinerja.behaviour.aggregation import Relation
from kinerja.behaviour.models import Assignment, FeedbackRound, RoundStatus
from kinerja.behaviour.selectors.reports import subject_report
from kinerja.competency.models import EmployeeCompetency, PositionRequirement
from kinerja.core import audit
from kinerja.core.exceptions import PermissionDenied, ValidationError
from kinerja.core.models import Agency, AuditEntry, User
from kinerja.core.permissions import actor_of, require
from kinerja.development import rules
from kinerja.development.models import (
    ReasonKind,
    Recommendation,
    RecommendationStatus,
    Training,
)
from kinerja.org.models import Employee
from kinerja.planning.berakhlak import CORE_VALUES
from kinerja.planning.models import Indicator, PerformancePlan, PlanStatus


@dataclass(frozen=True)
class Found:
    """One reason to develop an employee, before it is stored."""

    employee_id: int
    reason: ReasonKind
    text: str
    source_key: str
    competency_id: int | None = None


def _percent(value: object) -> str:
    return f"{value:.0f}" if value is not None else "–"


def _mean(value: object) -> str:
    return f"{value:.1f}".replace(".", ",")


def from_predicates(employee_ids: list[int], year: int) -> list[Found]:
    """Final evaluations of the year whose predicate calls for development (one query)."""
    found = []
    evaluations = Evaluation.objects.filter(
        employee_id__in=employee_ids,
        period__year=year,
        status=EvaluationStatus.FINAL,
    ).values_list("pk", "employee_id", "kind", "subperiod", "predicate")
    for pk, employee_id, kind, subperiod, predicate in evaluations:
        if not rules.needs_development(predicate):
            continue
        if kind == EvaluationKind.ANNUAL:
            text = _("Predikat %(year)s: %(predicate)s") % {"year": year, "predicate": predicate}
        else:
            text = _("Predikat periode ke-%(number)s %(year)s: %(predicate)s") % {
                "number": subperiod,
                "year": year,
                "predicate": predicate,
            }
        found.append(Found(employee_id, ReasonKind.PREDICATE, text, f"predikat:{pk}"))
    return found


def from_indicators(employee_ids: list[int], year: int) -> list[Found]:
    """Indicators whose latest realisation is under target (three queries)."""
    plans = {
        plan.pk: plan
        for plan in PerformancePlan.objects.filter(
            employee_id__in=employee_ids,
            period__year=year,
            is_current=True,
            status=PlanStatus.APPROVED,
        ).select_related("period")
    }
    if not plans:
        return []
    latest: dict[int, Realisation] = {}
    for realisation in Realisation.objects.filter(plan_id__in=plans, value__isnull=False).order_by(
        "indicator_id", "subperiod"
    ):
        latest[realisation.indicator_id] = realisation
    if not latest:
        return []
    found = []
    blocks_of = {pk: plan_subperiods(plan) for pk, plan in plans.items()}
    for indicator in Indicator.objects.filter(pk__in=latest).only(
        "pk", "text", "aspect", "target_value"
    ):
        realisation = latest[indicator.pk]
        plan = plans[realisation.plan_id]
        blocks = blocks_of[plan.pk]
        reached = indicator_achievement(plan.period, indicator, realisation, len(blocks))
        if reached.percent is None or not rules.is_indicator_below_target(reached.percent):
            continue
        label = next((b.label for b in blocks if b.number == realisation.subperiod), "")
        text = _("Indikator '%(text)s' %(percent)s%% dari target (%(when)s)") % {
            "text": indicator.text[:120],
            "percent": _percent(reached.percent),
            "when": label,
        }
        found.append(
            Found(
                plan.employee_id,
                ReasonKind.INDICATOR,
                text,
                f"indikator:{indicator.pk}:{realisation.subperiod}",
            )
        )
    return found


def from_feedback(employee_ids: list[int], year: int) -> list[Found]:
    """Weak BerAKHLAK values in the latest closed 360° round of the year, through the
    behaviour app's aggregate report (never the answers; hidden groups count for nothing)."""
    rated = (
        Assignment.objects.filter(
            subject_id__in=employee_ids,
            relation=Relation.SELF,
            round__status=RoundStatus.CLOSED,
            round__period__year=year,
        )
        .order_by("subject_id", "round__closed_at", "round_id")
        .values_list("subject_id", "round_id")
    )
    latest_round: dict[int, int] = dict(rated)
    if not latest_round:
        return []
    rounds = FeedbackRound.objects.select_related("period").in_bulk(set(latest_round.values()))
    subjects = Employee.objects.in_bulk(list(latest_round))
    found = []
    for subject_id, round_id in latest_round.items():
        report = subject_report(rounds[round_id], subjects[subject_id]).report
        if report.others is None:
            continue
        for value, mean in zip(CORE_VALUES, report.others.value_means, strict=True):
            if mean is None or not rules.is_weak_value(mean):
                continue
            text = _("Nilai BerAKHLAK '%(value)s' %(mean)s dari 5 (umpan balik 360°)") % {
                "value": value.name,
                "mean": _mean(mean),
            }
            found.append(
                Found(
                    subject_id,
                    ReasonKind.BEHAVIOUR,
                    text,
                    f"perilaku:{round_id}:{value.code}",
                )
            )
    return found


def from_competencies(employees: list[Employee], year: int) -> list[Found]:
    """Competencies below the position's requirement (two queries)."""
    position_ids = {e.position_id for e in employees if e.position_id}
    required: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for position_id, competency_id, name, level in PositionRequirement.objects.filter(
        position_id__in=position_ids, competency__is_active=True
    ).values_list("position_id", "competency_id", "competency__name", "level"):
        required[position_id].append((competency_id, name, level))
    if not required:
        return []
    levels = {
        (employee_id, competency_id): level
        for employee_id, competency_id, level in EmployeeCompetency.objects.filter(
            employee_id__in=[e.pk for e in employees]
        ).values_list("employee_id", "competency_id", "level")
    }
    found = []
    for employee in employees:
        for competency_id, name, level in required.get(employee.position_id or 0, []):
            current = levels.get((employee.pk, competency_id))
            # Never assessed is no measured gap: the competency area asks for an assessment.
            if current is None or rules.competency_gap(level, current) == 0:
                continue
            text = _("Kompetensi %(name)s level %(current)s, dipersyaratkan %(required)s") % {
                "name": name,
                "current": current,
                "required": level,
            }
            found.append(
                Found(
                    employee.pk,
                    ReasonKind.COMPETENCY,
                    text,
                    f"kompetensi:{competency_id}:{year}",
                    competency_id,
                )
            )
    return found


def _suggested_trainings() -> dict[int, int]:
    """Per competency, the training to suggest: internal before external, then the cheapest."""
    suggestion: dict[int, int] = {}
    for pk, competency_id in (
        Training.objects.filter(is_active=True, competency__isnull=False)
        .order_by("competency_id", "-delivery", "cost", "pk")
        .values_list("pk", "competency_id")
    ):
        suggestion.setdefault(competency_id, pk)
    return suggestion


def _employees_in_reach(agency: Agency, actor: User | None) -> QuerySet[Employee]:
    everyone = Employee.objects.filter(agency=agency, is_active=True)
    if actor is None or actor.is_superuser or actor.has_perm("development.refresh_agency", agency):
        return everyone
    own_id = actor_of(actor).employee_id
    if own_id is None or actor.agency_id != agency.pk:
        raise PermissionDenied(_("Anda tidak berwenang memperbarui rekomendasi."))
    team = everyone.filter(supervisor_id=own_id)
    if not team.exists():
        raise PermissionDenied(_("Anda tidak berwenang memperbarui rekomendasi."))
    return team


def _gather(employees: list[Employee], year: int) -> Iterable[Found]:
    ids = [e.pk for e in employees]
    yield from from_predicates(ids, year)
    yield from from_indicators(ids, year)
    yield from from_feedback(ids, year)
    yield from from_competencies(employees, year)


CHUNK = 2000
CREATED = "development.recommendation.created"


def _record_created(created: list[Recommendation], *, actor: User | None, agency: Agency) -> None:
    """One audit entry per new recommendation, written in bulk (`audit.record`'s row)."""
    if CREATED not in audit.ACTIONS:
        raise ValueError(f"unregistered audit action {CREATED!r}")
    label = Recommendation._meta.label_lower
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                agency_id=agency.pk,
                actor=actor,
                action=CREATED,
                object_type=label,
                object_id=str(recommendation.pk),
                object_repr=str(recommendation)[:255],
                changes={},
                note="",
            )
            for recommendation in created
        ],
        batch_size=1000,
    )


@transaction.atomic
def refresh_recommendations(
    agency: Agency,
    *,
    actor: User | None,
    year: int,
    employee: Employee | None = None,
) -> int:
    """Look for new reasons to develop the employees in the actor's reach (the whole agency for
    its admin or a command, the direct team for a supervisor, or one employee) and store one
    recommendation per new source. Returns how many were created."""
    if year < 2000 or year > 2100:
        raise ValidationError({"year": _("Tahun tidak valid.")})
    if employee is not None:
        if actor is not None:
            require(actor, "development.manage_recommendations", employee)
        scope = Employee.objects.filter(pk=employee.pk, agency=agency)
    else:
        scope = _employees_in_reach(agency, actor)
    suggestion = _suggested_trainings()
    created = 0
    employees = list(scope.only("pk", "position_id").order_by("pk"))
    for start in range(0, len(employees), CHUNK):
        chunk = employees[start : start + CHUNK]
        existing = set(
            Recommendation.objects.filter(employee_id__in=[e.pk for e in chunk]).values_list(
                "employee_id", "source_key"
            )
        )
        new = []
        for found in _gather(chunk, year):
            key = (found.employee_id, found.source_key)
            if key in existing:
                continue
            existing.add(key)
            # A competency names its course; a predicate or an indicator is first diagnosed with
            # the supervisor, so no course is suggested for them.
            training_id = suggestion.get(found.competency_id) if found.competency_id else None
            new.append(
                Recommendation(
                    agency=agency,
                    employee_id=found.employee_id,
                    year=year,
                    reason=found.reason,
                    reason_text=found.text[:300],
                    source_key=found.source_key,
                    competency_id=found.competency_id,
                    suggested_training_id=training_id,
                )
            )
        _record_created(Recommendation.objects.bulk_create(new), actor=actor, agency=agency)
        created += len(new)
    return created


@transaction.atomic
def dismiss_recommendation(
    recommendation: Recommendation, *, actor: User, reason: str
) -> Recommendation:
    """Set a recommendation aside, with the reason (supervisor or agency admin)."""
    require(actor, "development.manage_recommendations", recommendation)
    locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if locked.status != RecommendationStatus.OPEN:
        raise ValidationError(_("Hanya rekomendasi yang masih terbuka yang dapat diabaikan."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan rekomendasi ini diabaikan.")})
    locked.status = RecommendationStatus.DISMISSED
    locked.dismiss_reason = reason[:300]
    locked.version += 1
    locked.save(update_fields=["status", "dismiss_reason", "version", "updated_at"])
    audit.record(
        locked,
        "development.recommendation.dismissed",
        actor=actor,
        agency_id=locked.agency_id,
        changes={"status": (RecommendationStatus.OPEN, RecommendationStatus.DISMISSED)},
        note=reason,
    )
    return locked
