"""The demo's evaluation stage: the first sub-period rated, calibrated and finalised unit by unit,
the second partly rated, and the objections (see `kinerja.appraisal.demo`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from kinerja.appraisal.demo_execution import AppraisalBuilder, DemoPlan
from kinerja.appraisal.distribution import check_distribution
from kinerja.appraisal.models import (
    CalibrationAdjustment,
    Evaluation,
    EvaluationKind,
    EvaluationStatus,
    Objection,
    ObjectionStatus,
    UnitAssessment,
)
from kinerja.appraisal.predicate import OrganisationPredicate, Predicate, Rating, predicate
from kinerja.core.models import User


def _calibrate(
    evaluations: list[Evaluation], forms: dict[int, float]
) -> list[tuple[Evaluation, str, str, str]]:
    """Move ratings towards the Baik pattern (≤ 70% Baik, some Butuh Perbaikan/Kurang).

    Returns (evaluation, field, old, new) per change, as a calibration session records them.
    """
    changes: list[tuple[Evaluation, str, str, str]] = []
    by_form = sorted(evaluations, key=lambda e: forms[id(e)])

    def change(evaluation: Evaluation, name: str, new: Rating) -> None:
        old = getattr(evaluation, name)
        if old != new:
            setattr(evaluation, name, new.value)
            changes.append((evaluation, name, old, new.value))
        evaluation.predicate = predicate(
            Rating(evaluation.results_rating), Rating(evaluation.behaviour_rating)
        )

    weak = {Predicate.BUTUH_PERBAIKAN, Predicate.KURANG}
    if not any(e.predicate in weak for e in evaluations):
        change(by_form[0], "results_rating", Rating.DI_BAWAH)
    for evaluation in reversed(by_form):
        baik = sum(1 for e in evaluations if e.predicate == Predicate.BAIK)
        if baik * 10 <= len(evaluations) * 7:
            break
        if evaluation.predicate == Predicate.BAIK:
            change(evaluation, "results_rating", Rating.DI_ATAS)
            change(evaluation, "behaviour_rating", Rating.DI_ATAS)
    return changes


def evaluate_subperiods(
    builder: AppraisalBuilder, kepala: User | None, admin: User | None, atasan: User | None
) -> tuple[list[Evaluation], int, int]:
    """Sub-period 1 final and calibrated; sub-period 2 partly rated."""
    now, rng = builder.now, builder.rng
    rated = [item for item in builder.plans if item.plan.rater is not None]
    first, second = builder.blocks[0], builder.blocks[1]
    rated_at, final_at = now - dt.timedelta(days=16), now - dt.timedelta(days=10)
    items = {item.plan.pk: item for item in rated}
    # Sub-period 1: rate everybody, then calibrate and finalise unit by unit.
    finished = []
    for item in rated:
        evaluation = builder.evaluation(item, first.number)
        builder.rate(evaluation, item, rated_at + dt.timedelta(minutes=rng.randint(0, 3000)))
        finished.append(evaluation)
    by_unit: dict[int, list[Evaluation]] = defaultdict(list)
    for evaluation in finished:
        by_unit[evaluation.unit_id].append(evaluation)
    forms = {id(e): items[e.plan_id].form for e in finished}
    assessments, adjustments = [], []
    breach_left = False
    units = {e.unit_id: e.unit for e in finished}
    for unit_id in sorted(by_unit, key=lambda pk: units[pk].path):
        unit, group = units[unit_id], by_unit[unit_id]
        set_by = builder.assessor(unit.path, kepala, admin)
        org = OrganisationPredicate.ISTIMEWA if rng.random() < 0.2 else OrganisationPredicate.BAIK
        counts = _counts(group)
        initial = check_distribution(org, counts)
        changes: list[tuple[Evaluation, str, str, str]] = []
        if org == OrganisationPredicate.BAIK and not initial.passes and len(group) >= 4:
            if breach_left:
                changes = _calibrate(group, forms)
            else:
                breach_left = True  # the head keeps this unit's ratings and explains why
        check = check_distribution(org, _counts(group))
        assessment = UnitAssessment(
            agency=builder.agency,
            unit=unit,
            period=builder.period,
            kind=EvaluationKind.PERIODIC,
            subperiod=first.number,
            organisation_predicate=org,
            basis=f"Capaian rencana aksi {first.label}: {rng.randint(8, 10)} dari 10 kegiatan "
            "sesuai jadwal.",
            set_by=set_by,
            finalised_at=final_at,
            finalised_by=set_by,
            version=2,
        )
        if not check.passes:
            assessment.breach_reason = (
                f"Unit {unit.name} hanya {check.total} pegawai yang dinilai; penilaian sudah "
                "sesuai bukti dukung sehingga dipertahankan. " + "; ".join(check.messages) + "."
            )
            assessment.breach_confirmed_by = set_by
            assessment.breach_confirmed_at = final_at - dt.timedelta(hours=1)
            assessment.version = 3
        assessments.append(assessment)
        for evaluation in group:
            evaluation.status = EvaluationStatus.FINAL
            evaluation.finalised_at, evaluation.finalised_by = final_at, set_by
            evaluation.version = 3
        adjustments += [(assessment, *change, set_by) for change in changes]
    # Sub-period 2: about half rated; the demo head's own unit fully rated, to calibrate.
    atasan_id = getattr(getattr(atasan, "employee", None), "pk", None)
    calibrating = _units_to_calibrate(rated, kepala, atasan_id)
    second_rows, team_seen = [], 0
    for item in rated:
        evaluation = builder.evaluation(item, second.number)
        unit_id = item.plan.employee.unit_id
        if item.plan.rater_id == atasan_id and unit_id not in calibrating:
            # The demo supervisor's team: every other one rated, the demo employee still open.
            team_seen += 1
            to_rate = team_seen % 2 == 0 and item.user is None
        else:
            to_rate = unit_id in calibrating or rng.random() < 0.5
        if to_rate:
            builder.rate(evaluation, item, now - dt.timedelta(days=rng.randint(1, 4)))
        second_rows.append(evaluation)
    Evaluation.objects.bulk_create(finished + second_rows)
    assessments += [
        UnitAssessment(
            agency=builder.agency,
            unit_id=unit_id,
            period=builder.period,
            kind=EvaluationKind.PERIODIC,
            subperiod=second.number,
            organisation_predicate=OrganisationPredicate.BAIK,
            basis=f"Capaian rencana aksi {second.label}: 9 dari 10 kegiatan sesuai jadwal.",
            set_by=kepala,
        )
        for unit_id in sorted(calibrating)
    ]
    UnitAssessment.objects.bulk_create(assessments)
    CalibrationAdjustment.objects.bulk_create(
        CalibrationAdjustment(
            agency=builder.agency,
            assessment=assessment,
            evaluation=evaluation,
            field=name,
            old_value=old,
            new_value=new,
            reason="Disesuaikan dalam kalibrasi agar sebaran predikat mengikuti pola distribusi "
            "predikat organisasi Baik (SE MenPANRB 3/2023).",
            actor=actor,
        )
        for assessment, evaluation, name, old, new, actor in adjustments
    )
    return finished + second_rows, len(assessments), len(adjustments)


def _units_to_calibrate(
    rated: list[DemoPlan], kepala: User | None, atasan_id: int | None
) -> set[int]:
    """The demo head's own unit and the biggest other unit under them (not the atasan's team)."""
    head = getattr(kepala, "employee", None)
    if head is None:
        return set()
    sizes: dict[int, int] = defaultdict(int)
    for item in rated:
        unit = item.plan.employee.unit
        if unit.path.startswith(head.unit.path) and item.plan.rater_id != atasan_id:
            sizes[unit.pk] += 1
    chosen = {head.unit_id} if sizes.get(head.unit_id) else set()
    others = sorted((-n, pk) for pk, n in sizes.items() if pk != head.unit_id)
    return chosen | {others[0][1]} if others else chosen


def _counts(group: list[Evaluation]) -> dict[Predicate, int]:
    counts: dict[Predicate, int] = defaultdict(int)
    for evaluation in group:
        counts[Predicate(evaluation.predicate)] += 1
    return counts


def file_objections(
    builder: AppraisalBuilder, evaluations: list[Evaluation], atasan: User | None
) -> int:
    """One pending objection (the atasan's team when possible) and one decided."""
    period, now = builder.period, builder.now
    final = [
        e
        for e in evaluations
        if e.status == EvaluationStatus.FINAL
        and e.predicate != Predicate.SANGAT_BAIK
        and e.rater is not None
        and e.rater.supervisor_id is not None
    ]
    if len(final) < 2:
        return 0
    atasan_id = getattr(getattr(atasan, "employee", None), "pk", None)
    pegawai_ids = {e.employee_id for e in evaluations if e.employee.user_id}
    team = [e for e in final if e.rater_id == atasan_id and e.employee_id not in pegawai_ids]
    pending = team[0] if team else final[0]
    others = [e for e in final if e is not pending]
    decided = next((e for e in others if e.rater_id != pending.rater_id), others[0])
    filed_pending = now - dt.timedelta(days=3)
    filed_decided = now - dt.timedelta(days=9)
    rows = []
    for evaluation, filed in ((pending, filed_pending), (decided, filed_decided)):
        supervisor = evaluation.rater.supervisor if evaluation.rater else None
        is_pending = evaluation is pending
        rows.append(
            Objection(
                agency=builder.agency,
                evaluation=evaluation,
                filed_by=evaluation.employee.user,
                reason=(
                    "Realisasi saya pada periode ini sudah melampaui target sebagaimana bukti "
                    "dukung yang saya unggah, namun rating hasil kerja belum mencerminkannya."
                ),
                requested_results_rating=Rating.DI_ATAS
                if evaluation.results_rating == Rating.SESUAI
                else Rating.SESUAI,
                decide_by=(filed + dt.timedelta(days=period.decision_days)).date(),
                decider=supervisor,
                status=ObjectionStatus.PENDING if is_pending else ObjectionStatus.REJECTED,
                decision=""
                if is_pending
                else "Keberatan ditolak: rating sudah sesuai capaian dan bukti dukung periode ini.",
                decided_by=None if is_pending else getattr(supervisor, "user", None),
                decided_at=None if is_pending else now - dt.timedelta(days=5),
                old_predicate="" if is_pending else evaluation.predicate,
                new_predicate="" if is_pending else evaluation.predicate,
                version=1 if is_pending else 2,
            )
        )
    Objection.objects.bulk_create(rows)
    for row, filed in zip(rows, (filed_pending, filed_decided), strict=True):
        Objection.objects.filter(pk=row.pk).update(created_at=filed, updated_at=filed)
    return len(rows)
