"""Writes of the evaluation stage: opening and rating an employee's periodic or annual
evaluation, and reopening a final one (PermenPANRB 6/2022, Pasal 12–13 and Lampiran).

The rater (pejabat penilai: the SKP's rater, acting officials included as planning resolved
them) sets the results and behaviour ratings; the predicate follows from the matrix
(`predicate.predicate`), and the suggested results rating is stored beside the decision, never
instead of it. A final evaluation is read-only; only an agency admin reopens it, with a reason.
The unit's predicate, calibration and finalisation live in `calibration`, objections in
`objections`; this module registers every audit code of the subject.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.appraisal.models import (
    Evaluation,
    EvaluationKind,
    EvaluationStatus,
    UnitAssessment,
)
from kinerja.appraisal.predicate import Rating, predicate
from kinerja.appraisal.selectors import calibration as unit_selectors
from kinerja.appraisal.selectors import evaluation as selectors
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import User
from kinerja.core.notifications import notify, notify_employee
from kinerja.core.permissions import actor_of, require
from kinerja.org.models import Employee
from kinerja.planning.models import PerformancePlan, PlanStatus

RATING_FIELDS = ["results_rating", "behaviour_rating", "predicate"]
FINAL_MESSAGE = gettext_lazy(
    "Evaluasi ini sudah final dan hanya dapat dibaca. Pembukaan kembali hanya oleh admin "
    "BKPSDM dengan alasan."
)


def register_audit_actions() -> None:
    """Register this subject's audit action codes (called from AppraisalConfig.ready)."""
    audit.register_actions(
        {
            "appraisal.evaluation.opened": gettext_lazy("Evaluasi kinerja dibuka"),
            "appraisal.evaluation.rated": gettext_lazy("Evaluasi kinerja dinilai"),
            "appraisal.evaluation.calibrated": gettext_lazy("Rating disesuaikan dalam kalibrasi"),
            "appraisal.evaluation.finalised": gettext_lazy("Evaluasi kinerja ditetapkan final"),
            "appraisal.evaluation.reopened": gettext_lazy(
                "Evaluasi kinerja dibuka kembali oleh admin"
            ),
            "appraisal.evaluation.objection_applied": gettext_lazy(
                "Rating diubah berdasarkan keputusan keberatan"
            ),
            "appraisal.unit.predicate_set": gettext_lazy("Predikat kinerja organisasi ditetapkan"),
            "appraisal.unit.breach_confirmed": gettext_lazy(
                "Penyimpangan pola distribusi dikonfirmasi"
            ),
            "appraisal.unit.breach_cleared": gettext_lazy(
                "Konfirmasi penyimpangan dibatalkan karena predikat berubah"
            ),
            "appraisal.unit.finalised": gettext_lazy("Penetapan predikat unit difinalkan"),
            "appraisal.unit.reopened": gettext_lazy("Penetapan predikat unit dibuka kembali"),
            "appraisal.objection.filed": gettext_lazy("Keberatan diajukan"),
            "appraisal.objection.decided": gettext_lazy("Keberatan diputuskan"),
        }
    )


# --- Shared steps ------------------------------------------------------------------------------


def person_snapshot(employee: Employee | None) -> dict[str, str]:
    """What the evaluation header shows of a person, frozen as it was."""
    if employee is None:
        return {}
    return {
        "name": employee.full_name,
        "nip": employee.nip_display,
        "rank": f"{employee.rank_name} ({employee.rank})" if employee.rank else "",
        "position": employee.position.name if employee.position else "",
        "unit": employee.unit.name,
    }


def lock_evaluation(evaluation: Evaluation, expected_version: int | None) -> Evaluation:
    """The evaluation locked for a write, refused when stale (optimistic concurrency)."""
    locked: Evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related(
            "employee",
            "employee__unit",
            "employee__position",
            "rater",
            "rater__unit",
            "rater__position",
            "period",
            "unit",
        )
        .get(pk=evaluation.pk)
    )
    check_version(locked.version, expected_version)
    return locked


def refuse_final(evaluation: Evaluation) -> None:
    if evaluation.is_final:
        raise ValidationError(str(FINAL_MESSAGE))


def clean_rating(value: str, field: str) -> Rating:
    """A rating by its official label; a field error otherwise."""
    try:
        return Rating(value)
    except ValueError:
        official = ", ".join(r.value for r in Rating)
        raise ValidationError(
            {field: _("Pilih salah satu: %(labels)s.") % {"labels": official}}
        ) from None


def evaluation_url(evaluation: Evaluation) -> str:
    return reverse("appraisal:evaluation-detail", kwargs={"pk": evaluation.pk})


def describe(evaluation: Evaluation) -> str:
    """ "Evaluasi Triwulan I 2026 (Tahun 2026)" for messages and notifications."""
    label = selectors.subperiod_label(evaluation.period, evaluation.subperiod)
    if evaluation.kind == EvaluationKind.ANNUAL:
        return _("Evaluasi tahunan %(period)s") % {"period": evaluation.period.name}
    return _("Evaluasi %(label)s (%(period)s)") % {
        "label": label,
        "period": evaluation.period.name,
    }


def distribution_changed(evaluation: Evaluation, *, actor: User) -> None:
    """A changed predicate voids the head's confirmation of a distribution breach."""
    assessment = (
        UnitAssessment.objects.select_for_update(of=("self",))
        .filter(
            unit_id=evaluation.unit_id,
            period_id=evaluation.period_id,
            kind=evaluation.kind,
            subperiod=evaluation.subperiod,
            breach_confirmed_at__isnull=False,
        )
        .first()
    )
    if assessment is None:
        return
    before = assessment.breach_reason
    assessment.breach_reason = ""
    assessment.breach_confirmed_by = None
    assessment.breach_confirmed_at = None
    assessment.version += 1
    assessment.save(
        update_fields=[
            "breach_reason",
            "breach_confirmed_by",
            "breach_confirmed_at",
            "version",
            "updated_at",
        ]
    )
    audit.record(
        assessment,
        "appraisal.unit.breach_cleared",
        actor=actor,
        agency_id=assessment.agency_id,
        changes={"breach_reason": (before, "")},
        note=str(evaluation),
    )


def _notify_deciders_when_complete(evaluation: Evaluation) -> None:
    """Tell whoever sets the unit's predicate once every evaluation of the unit is rated."""
    unit, period, subperiod = evaluation.unit, evaluation.period, evaluation.subperiod
    if unit_selectors.missing_ratings(unit, period, subperiod):
        return
    label = selectors.subperiod_label(period, subperiod)
    url = reverse("appraisal:calibration", kwargs={"unit_pk": unit.pk})
    for user in unit_selectors.unit_deciders(unit):
        notify(
            user,
            code="appraisal.unit.all_rated",
            text=_(
                "Semua pegawai %(unit)s sudah dinilai untuk %(label)s (%(period)s). Tetapkan "
                "predikat kinerja organisasi dan finalkan."
            )
            % {"unit": unit.name, "label": label, "period": period.name},
            url=f"{url}?period={period.pk}&sub={subperiod}",
            agency_id=evaluation.agency_id,
            dedupe_key=f"unit-rated:{unit.pk}:{period.pk}:{subperiod}:{user.pk}",
        )


# --- Opening -----------------------------------------------------------------------------------


@transaction.atomic
def open_evaluation(plan: PerformancePlan, *, actor: User, subperiod: int) -> Evaluation:
    """The rater opens the periodic (sub-period 1..n) or annual (0) evaluation of an SKP.

    Opening twice returns the evaluation already open. The annual evaluation is rated by the
    rater of the employee's last SKP segment in the period and covers every segment.
    """
    if plan.employee_id == actor_of(actor).employee_id:
        raise PermissionDenied(_("Tidak ada yang boleh menilai dirinya sendiri."))
    require(actor, "appraisal.open_evaluation", plan)
    if plan.status != PlanStatus.APPROVED or not plan.is_current:
        raise ValidationError(_("Evaluasi hanya dibuka untuk SKP yang berlaku dan disetujui."))
    period = plan.period
    try:
        start, end = selectors.evaluation_dates(period, subperiod)
    except ValueError as error:
        raise ValidationError({"subperiod": str(error)}) from error
    if subperiod == 0:
        segments = selectors.annual_segments(plan.employee_id, plan.period_id)
        plan = segments[-1]
        if plan.rater_id != actor_of(actor).employee_id:
            raise PermissionDenied(
                _("Evaluasi tahunan dinilai oleh pejabat penilai SKP terakhir pegawai ini.")
            )
    elif not (plan.segment_start <= end and plan.segment_end >= start):
        raise ValidationError({"subperiod": _("SKP ini tidak berlaku pada periode yang dipilih.")})
    kind = selectors.kind_of(subperiod)
    existing = Evaluation.objects.filter(
        employee_id=plan.employee_id, period_id=plan.period_id, kind=kind, subperiod=subperiod
    ).first()
    if existing is not None:
        return existing
    employee = Employee.objects.select_related("unit").get(pk=plan.employee_id)
    evaluation = Evaluation.objects.create(
        agency_id=plan.agency_id,
        period=period,
        employee=employee,
        plan=plan,
        unit=selectors.unit_on(employee, min(end, plan.segment_end)),
        rater_id=plan.rater_id,
        kind=kind,
        subperiod=subperiod,
    )
    audit.record(
        evaluation,
        "appraisal.evaluation.opened",
        actor=actor,
        agency_id=evaluation.agency_id,
        changes={"status": (None, evaluation.status)},
        note=describe(evaluation),
    )
    return evaluation


# --- Rating ------------------------------------------------------------------------------------


def require_rater(actor: User, evaluation: Evaluation) -> None:
    """Only the evaluation's rater rates, and nobody rates themself."""
    own_id = actor_of(actor).employee_id
    if evaluation.employee_id in (own_id, evaluation.rater_id):
        raise PermissionDenied(_("Tidak ada yang boleh menilai dirinya sendiri."))
    if own_id is None or evaluation.rater_id != own_id:
        raise PermissionDenied(_("Hanya pejabat penilai pegawai ini yang dapat menilai."))
    require(actor, "appraisal.rate_evaluation", evaluation)


@transaction.atomic
def rate_evaluation(
    evaluation: Evaluation,
    *,
    actor: User,
    expected_version: int | None,
    results_rating: str,
    behaviour_rating: str,
    results_note: str = "",
    behaviour_note: str = "",
) -> Evaluation:
    """The rater sets both ratings; the predicate follows the matrix (PermenPANRB 6/2022).

    The suggested results rating and its reasons are stored as they were at rating time; the
    header of the employee and the rater is frozen.
    """
    require_rater(actor, evaluation)
    evaluation = lock_evaluation(evaluation, expected_version)
    refuse_final(evaluation)
    results = clean_rating(results_rating, "results_rating")
    behaviour = clean_rating(behaviour_rating, "behaviour_rating")
    before = audit.snapshot(evaluation, [*RATING_FIELDS, "status"])
    suggestion = selectors.evaluation_document(evaluation).suggestion
    evaluation.results_rating = results.value
    evaluation.behaviour_rating = behaviour.value
    evaluation.predicate = predicate(results, behaviour).value
    evaluation.suggested_results_rating = suggestion.rating.value if suggestion.rating else ""
    evaluation.suggestion_reasons = list(suggestion.reasons)
    evaluation.results_note = results_note.strip()
    evaluation.behaviour_note = behaviour_note.strip()
    evaluation.snapshot = {
        "employee": person_snapshot(evaluation.employee),
        "rater": person_snapshot(evaluation.rater),
        "taken_at": timezone.now().isoformat(),
    }
    evaluation.status = EvaluationStatus.RATED
    evaluation.rated_at = timezone.now()
    evaluation.rated_by = actor
    evaluation.version += 1
    evaluation.save(
        update_fields=[
            "results_rating",
            "behaviour_rating",
            "predicate",
            "suggested_results_rating",
            "suggestion_reasons",
            "results_note",
            "behaviour_note",
            "snapshot",
            "status",
            "rated_at",
            "rated_by",
            "version",
            "updated_at",
        ]
    )
    changes = audit.diff(evaluation, [*RATING_FIELDS, "status"], before)
    audit.record(
        evaluation,
        "appraisal.evaluation.rated",
        actor=actor,
        agency_id=evaluation.agency_id,
        changes=changes,
        note=describe(evaluation),
    )
    if "predicate" in changes:
        distribution_changed(evaluation, actor=actor)
    notify_employee(
        evaluation.employee,
        code="appraisal.evaluation.rated",
        text=_("%(what)s Anda telah dinilai: predikat %(predicate)s.")
        % {"what": describe(evaluation), "predicate": evaluation.predicate},
        url=evaluation_url(evaluation),
        agency_id=evaluation.agency_id,
    )
    _notify_deciders_when_complete(evaluation)
    return evaluation


# --- Reopening ---------------------------------------------------------------------------------


@transaction.atomic
def reopen_evaluation(
    evaluation: Evaluation, *, actor: User, expected_version: int | None, reason: str
) -> Evaluation:
    """An agency admin reopens a final evaluation with a reason; it goes back to rated and the
    unit's finalisation is lifted (DESIGN §4: final is read-only, reopening is audited)."""
    require(actor, "appraisal.reopen_evaluation", evaluation)
    evaluation = lock_evaluation(evaluation, expected_version)
    if not evaluation.is_final:
        raise ValidationError(_("Hanya evaluasi yang sudah final yang dapat dibuka kembali."))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan pembukaan kembali wajib diisi.")})
    evaluation.status = EvaluationStatus.RATED
    evaluation.finalised_at = None
    evaluation.finalised_by = None
    evaluation.version += 1
    evaluation.save(
        update_fields=["status", "finalised_at", "finalised_by", "version", "updated_at"]
    )
    audit.record(
        evaluation,
        "appraisal.evaluation.reopened",
        actor=actor,
        agency_id=evaluation.agency_id,
        changes={"status": (EvaluationStatus.FINAL, EvaluationStatus.RATED)},
        note=reason.strip(),
    )
    assessment = (
        UnitAssessment.objects.select_for_update(of=("self",))
        .filter(
            unit_id=evaluation.unit_id,
            period_id=evaluation.period_id,
            kind=evaluation.kind,
            subperiod=evaluation.subperiod,
            finalised_at__isnull=False,
        )
        .first()
    )
    if assessment is not None:
        finalised_at = assessment.finalised_at
        assessment.finalised_at = None
        assessment.finalised_by = None
        assessment.version += 1
        assessment.save(update_fields=["finalised_at", "finalised_by", "version", "updated_at"])
        audit.record(
            assessment,
            "appraisal.unit.reopened",
            actor=actor,
            agency_id=assessment.agency_id,
            changes={"finalised_at": (finalised_at, None)},
            note=reason.strip(),
        )
    return evaluation


def rating_changes(evaluation: Evaluation, values: dict[str, Any]) -> audit.Changes:
    """Apply new ratings to a locked evaluation and recompute the predicate; the changes."""
    before = audit.snapshot(evaluation, RATING_FIELDS)
    for name in ("results_rating", "behaviour_rating"):
        if values.get(name):
            setattr(evaluation, name, clean_rating(values[name], name).value)
    evaluation.predicate = predicate(
        Rating(evaluation.results_rating), Rating(evaluation.behaviour_rating)
    ).value
    return audit.diff(evaluation, RATING_FIELDS, before)
