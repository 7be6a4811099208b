"""Reads of the consequences of performance: award recommendations and the sanction path, each
with its evidence trail (the evaluations, predicates and periods; the 9-box and its basis).

The predicates looked at are the final ones of the last two performance years of the agency.
Within one period, a final annual evaluation stands for the year and its periodic ones are left
out; without it, the periodic predicates count in order. A handful of queries whatever the size:
candidates are narrowed in SQL (a Sangat Baik or a low predicate, or box 9) before their
sequences are read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Q

from kinerja.appraisal.models import Evaluation, EvaluationKind, EvaluationStatus
from kinerja.career import merit
from kinerja.career.models import AwardDecision
from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee
from kinerja.org.permissions import employee_scope
from kinerja.planning.subperiods import subperiods
from kinerja.talent.models import TalentPlacement

YEARS_LOOKED_AT = 2


@dataclass(frozen=True)
class Evidence:
    """One final evaluation in a trail."""

    evaluation_id: int
    predicate: str
    period_name: str
    label: str
    finalised_at: dt.datetime | None
    end_date: dt.date


@dataclass(frozen=True)
class TalentEvidence:
    box: int
    performance: str
    potential: str
    computed_at: dt.datetime
    basis: dict[str, Any]
    placement_id: int


@dataclass
class Recommendation:
    employee: Employee
    basis: merit.AwardBasis
    latest: Evidence | None
    talent: TalentEvidence | None
    decision: AwardDecision | None = None

    @property
    def basis_key(self) -> str:
        """The evidence decided on: the evaluation when the predicate counts, else the
        placement."""
        if self.basis != merit.AwardBasis.TALENT and self.latest is not None:
            return f"evaluasi:{self.latest.evaluation_id}"
        return f"talenta:{self.talent.placement_id}" if self.talent else ""

    @property
    def basis_label(self) -> str:
        return {
            merit.AwardBasis.PREDICATE: "Predikat Sangat Baik",
            merit.AwardBasis.TALENT: "Kotak 9 manajemen talenta",
            merit.AwardBasis.BOTH: "Predikat Sangat Baik dan kotak 9",
        }[self.basis]


@dataclass
class SanctionCase:
    employee: Employee
    finding: merit.SanctionFinding
    trail: list[Evidence] = field(default_factory=list)
    talent: TalentEvidence | None = None

    @property
    def reason_label(self) -> str:
        if self.finding.reason == merit.SanctionReason.SANGAT_KURANG:
            return "Predikat terakhir Sangat Kurang"
        return f"{len(self.finding.evidence)} predikat berturut-turut Butuh Perbaikan atau lebih rendah"

    @property
    def follow_up(self) -> str:
        if self.finding.reason == merit.SanctionReason.SANGAT_KURANG:
            return "Pemeriksaan dan penjatuhan sanksi sesuai peraturan; pembinaan kinerja"
        return "Pembinaan kinerja, konseling dan pelatihan; sanksi bila tidak membaik"


def _window_start(agency_filter: Q) -> int | None:
    latest = (
        Evaluation.objects.filter(agency_filter, status=EvaluationStatus.FINAL)
        .aggregate(year=Max("period__year"))
        .get("year")
    )
    return None if latest is None else latest - YEARS_LOOKED_AT + 1


def _visible(user: User) -> Q:
    return employee_scope(actor_of(user))


def _sequences(employee_ids: Any, since_year: int) -> dict[int, list[Evidence]]:
    """Each employee's final predicates, oldest first (annual standing for its period)."""
    rows = (
        Evaluation.objects.filter(
            employee_id__in=employee_ids,
            status=EvaluationStatus.FINAL,
            period__year__gte=since_year,
        )
        .exclude(predicate="")
        .values(
            "id",
            "employee_id",
            "period_id",
            "kind",
            "subperiod",
            "predicate",
            "finalised_at",
            "period__name",
            "period__start_date",
            "period__end_date",
            "period__frequency",
        )
        .order_by("employee_id", "period__start_date", "period_id", "subperiod")
    )
    blocks: dict[int, dict[int, Any]] = {}
    by_period: dict[int, dict[int, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_period[row["employee_id"]][row["period_id"]].append(row)
    sequences: dict[int, list[Evidence]] = {}
    for employee_id, periods in by_period.items():
        trail: list[Evidence] = []
        for items in periods.values():
            annual = [r for r in items if r["kind"] == EvaluationKind.ANNUAL]
            for row in annual or items:
                trail.append(_evidence(row, blocks))
        sequences[employee_id] = trail
    return sequences


def _evidence(row: dict[str, Any], blocks: dict[int, dict[int, Any]]) -> Evidence:
    if row["kind"] == EvaluationKind.ANNUAL:
        label, end = "Tahunan", row["period__end_date"]
    else:
        if row["period_id"] not in blocks:
            blocks[row["period_id"]] = {
                b.number: b
                for b in subperiods(
                    row["period__frequency"], row["period__start_date"], row["period__end_date"]
                )
            }
        block = blocks[row["period_id"]].get(row["subperiod"])
        label = f"Periodik · {block.label}" if block else f"Periodik ke-{row['subperiod']}"
        end = block.end if block else row["period__end_date"]
    return Evidence(
        row["id"], row["predicate"], row["period__name"], label, row["finalised_at"], end
    )


def _placements(employee_ids: Any) -> dict[int, TalentEvidence]:
    return {
        p.employee_id: TalentEvidence(
            p.box,
            p.get_performance_display(),
            p.get_potential_display(),
            p.computed_at,
            p.basis or {},
            p.pk,
        )
        for p in TalentPlacement.objects.filter(employee_id__in=employee_ids)
    }


def recommendations(user: User, *, q: str = "") -> list[Recommendation]:
    """Award recommendations the user may see: latest final predicate Sangat Baik and/or talent
    box 9, best evidence first, each with the admin's decision if one was recorded."""
    if not user.has_perm("career.view_awards"):
        return []
    scope = Employee.objects.filter(is_active=True).filter(_visible(user))
    if q:
        scope = scope.filter(Q(name__icontains=q) | Q(nip__startswith=q.replace(" ", "")))
    since = _window_start(Q())
    by_predicate = (
        Evaluation.objects.filter(
            status=EvaluationStatus.FINAL, predicate=merit.SANGAT_BAIK, period__year__gte=since
        ).values("employee_id")
        if since is not None
        else Evaluation.objects.none().values("employee_id")
    )
    by_box = TalentPlacement.objects.filter(box=merit.TOP_BOX).values("employee_id")
    candidates = scope.filter(Q(pk__in=by_predicate) | Q(pk__in=by_box))
    employees = {e.pk: e for e in candidates.select_related("unit", "position")}
    ids = list(employees)
    sequences = _sequences(ids, since) if since is not None else {}
    placements = _placements(ids)
    decisions = {
        (d.employee_id, d.basis_key): d
        for d in AwardDecision.objects.filter(employee_id__in=ids).select_related("decided_by")
    }
    found: list[Recommendation] = []
    for employee_id, employee in employees.items():
        trail = sequences.get(employee_id, [])
        latest = trail[-1] if trail else None
        talent = placements.get(employee_id)
        basis = merit.award_basis(
            latest.predicate if latest else None, talent.box if talent else None
        )
        if basis is None:
            continue
        recommendation = Recommendation(employee, basis, latest, talent)
        recommendation.decision = decisions.get((employee_id, recommendation.basis_key))
        found.append(recommendation)
    order = {merit.AwardBasis.BOTH: 0, merit.AwardBasis.PREDICATE: 1, merit.AwardBasis.TALENT: 2}
    found.sort(key=lambda r: (order[r.basis], r.employee.name, r.employee.pk))
    return found


def recommendation_for(user: User, employee: Employee) -> Recommendation | None:
    """The current recommendation of one employee (for the decision form), or None."""
    for found in recommendations(user, q=employee.nip):
        if found.employee.pk == employee.pk:
            return found
    return None


def sanction_cases(user: User, *, q: str = "") -> list[SanctionCase]:
    """Employees on the sanction path (`merit.sanction_path`) the user may see, each with the
    predicates that put them there."""
    if not user.has_perm("career.view_awards"):
        return []
    since = _window_start(Q())
    if since is None:
        return []
    scope = Employee.objects.filter(is_active=True).filter(_visible(user))
    if q:
        scope = scope.filter(Q(name__icontains=q) | Q(nip__startswith=q.replace(" ", "")))
    low = Evaluation.objects.filter(
        status=EvaluationStatus.FINAL,
        predicate__in=list(merit.LOW_PREDICATES),
        period__year__gte=since,
    ).values("employee_id")
    employees = {e.pk: e for e in scope.filter(pk__in=low).select_related("unit", "position")}
    ids = list(employees)
    sequences = _sequences(ids, since)
    placements = _placements(ids)
    cases: list[SanctionCase] = []
    for employee_id, employee in employees.items():
        trail = sequences.get(employee_id, [])
        finding = merit.sanction_path([e.predicate for e in trail])
        if finding is None:
            continue
        cases.append(
            SanctionCase(
                employee,
                finding,
                [trail[i] for i in finding.evidence],
                placements.get(employee_id),
            )
        )
    cases.sort(
        key=lambda c: (c.finding.reason != merit.SanctionReason.SANGAT_KURANG, c.employee.name)
    )
    return cases
