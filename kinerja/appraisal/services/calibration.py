"""Writes of the unit's evaluation in three steps (SE MenPANRB 3/2023): the head above sets the
organisation predicate, the employees' predicates are checked against the distribution pattern
(a breach is confirmed with a written reason), calibration adjusts ratings with a reason, and
finalising (Penetapan Predikat) makes every evaluation of the unit final.

Who sets the predicate: a head whose unit's subtree strictly contains the unit; for a top-level
unit, the agency admin on behalf of the regional head (see permissions.evaluation).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.appraisal.models import (
    CalibrationAdjustment,
    Evaluation,
    EvaluationStatus,
    UnitAssessment,
)
from kinerja.appraisal.predicate import OrganisationPredicate
from kinerja.appraisal.selectors import calibration as selectors
from kinerja.appraisal.selectors.evaluation import evaluation_dates, kind_of
from kinerja.appraisal.services.evaluation import (
    describe,
    distribution_changed,
    evaluation_url,
    lock_evaluation,
    rating_changes,
    refuse_final,
)
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import User
from kinerja.core.notifications import notify_employee
from kinerja.core.permissions import actor_of, require
from kinerja.org.models import Unit
from kinerja.planning.models import Period

ADJUSTABLE = {"results_rating", "behaviour_rating"}
UNIT_FINAL_MESSAGE = gettext_lazy(
    "Predikat unit ini sudah difinalkan dan hanya dapat dibaca. Pembukaan kembali hanya oleh "
    "admin BKPSDM dengan alasan."
)


def _lock(assessment: UnitAssessment, expected_version: int | None) -> UnitAssessment:
    locked: UnitAssessment = (
        UnitAssessment.objects.select_for_update(of=("self",))
        .select_related("unit", "period")
        .get(pk=assessment.pk)
    )
    check_version(locked.version, expected_version)
    if locked.is_final:
        raise ValidationError(str(UNIT_FINAL_MESSAGE))
    return locked


@transaction.atomic
def set_organisation_predicate(
    unit: Unit,
    *,
    actor: User,
    period: Period,
    subperiod: int,
    organisation_predicate: str,
    basis: str,
    expected_version: int | None = None,
) -> UnitAssessment:
    """The head above sets the unit's organisation predicate for a sub-period or the year
    (SE MenPANRB 3/2023, step 1), with its basis; a changed predicate voids a breach
    confirmation."""
    require(actor, "appraisal.assess_unit", unit)
    if period.agency_id != unit.agency_id:
        raise ValidationError({"period": _("Periode harus dari instansi unit ini.")})
    try:
        evaluation_dates(period, subperiod)
    except ValueError as error:
        raise ValidationError({"subperiod": str(error)}) from error
    try:
        value = OrganisationPredicate(organisation_predicate)
    except ValueError:
        official = ", ".join(p.value for p in OrganisationPredicate)
        raise ValidationError(
            {"organisation_predicate": _("Pilih salah satu: %(labels)s.") % {"labels": official}}
        ) from None
    if not basis.strip():
        raise ValidationError({"basis": _("Dasar penetapan predikat organisasi wajib diisi.")})
    kind = kind_of(subperiod)
    existing = (
        UnitAssessment.objects.select_for_update(of=("self",))
        .filter(unit=unit, period=period, kind=kind, subperiod=subperiod)
        .first()
    )
    if existing is None:
        assessment = UnitAssessment.objects.create(
            agency_id=unit.agency_id,
            unit=unit,
            period=period,
            kind=kind,
            subperiod=subperiod,
            organisation_predicate=value.value,
            basis=basis.strip(),
            set_by=actor,
        )
        changes: audit.Changes = {"organisation_predicate": (None, value.value)}
    else:
        assessment = _lock(existing, expected_version)
        before = audit.snapshot(assessment, ["organisation_predicate", "basis"])
        assessment.organisation_predicate = value.value
        assessment.basis = basis.strip()
        assessment.set_by = actor
        changes = audit.diff(assessment, ["organisation_predicate", "basis"], before)
        fields = ["organisation_predicate", "basis", "set_by", "version", "updated_at"]
        if "organisation_predicate" in changes and assessment.breach_confirmed_at:
            assessment.breach_reason = ""
            assessment.breach_confirmed_at = None
            assessment.breach_confirmed_by = None
            fields += ["breach_reason", "breach_confirmed_at", "breach_confirmed_by"]
        assessment.version += 1
        assessment.save(update_fields=fields)
    audit.record(
        assessment,
        "appraisal.unit.predicate_set",
        actor=actor,
        agency_id=assessment.agency_id,
        changes=changes,
        note=assessment.basis,
    )
    return assessment


@transaction.atomic
def confirm_breach(
    assessment: UnitAssessment, *, actor: User, expected_version: int | None, reason: str
) -> UnitAssessment:
    """The head confirms the employees' predicates despite a breach of the pattern, with a
    written reason (SE MenPANRB 3/2023, step 2; the breach is a warning, not a ban)."""
    require(actor, "appraisal.assess_unit", assessment.unit)
    assessment = _lock(assessment, expected_version)
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan penyimpangan pola distribusi.")})
    check = selectors.unit_distribution(
        assessment.organisation_predicate,
        selectors.unit_evaluations(assessment.unit, assessment.period, assessment.subperiod),
    )
    if check.passes:
        raise ValidationError(
            _("Sebaran predikat pegawai sesuai pola distribusi; tidak ada yang perlu dikonfirmasi.")
        )
    assessment.breach_reason = reason.strip()
    assessment.breach_confirmed_by = actor
    assessment.breach_confirmed_at = timezone.now()
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
        "appraisal.unit.breach_confirmed",
        actor=actor,
        agency_id=assessment.agency_id,
        changes={"breach_reason": ("", assessment.breach_reason)},
        note="; ".join(check.messages),
    )
    return assessment


@transaction.atomic
def adjust_rating(
    evaluation: Evaluation,
    *,
    actor: User,
    expected_version: int | None,
    field: str,
    value: str,
    reason: str,
) -> CalibrationAdjustment:
    """In the calibration session the head changes one rating of a rated evaluation, with a
    reason; the predicate is recomputed by the matrix and the adjustment is kept."""
    assessment = selectors.find_assessment(evaluation.unit, evaluation.period, evaluation.subperiod)
    require(actor, "appraisal.assess_unit", evaluation.unit)
    if evaluation.employee_id == actor_of(actor).employee_id:
        raise PermissionDenied(_("Tidak ada yang boleh menilai dirinya sendiri."))
    if assessment is None:
        raise ValidationError(_("Tetapkan predikat kinerja organisasi unit ini terlebih dahulu."))
    if assessment.is_final:
        raise ValidationError(str(UNIT_FINAL_MESSAGE))
    evaluation = lock_evaluation(evaluation, expected_version)
    refuse_final(evaluation)
    if evaluation.status != EvaluationStatus.RATED:
        raise ValidationError(_("Hanya evaluasi yang sudah dinilai yang dapat dikalibrasi."))
    if field not in ADJUSTABLE:
        raise ValidationError({"field": _("Pilih rating hasil kerja atau rating perilaku kerja.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan penyesuaian wajib diisi.")})
    old_value = getattr(evaluation, field)
    changes = rating_changes(evaluation, {field: value})
    if field not in changes:
        raise ValidationError({"value": _("Rating baru sama dengan rating semula.")})
    evaluation.version += 1
    evaluation.save(update_fields=[*changes.keys(), "version", "updated_at"])
    adjustment = CalibrationAdjustment.objects.create(
        agency_id=evaluation.agency_id,
        assessment=assessment,
        evaluation=evaluation,
        field=field,
        old_value=old_value,
        new_value=getattr(evaluation, field),
        reason=reason.strip(),
        actor=actor,
    )
    audit.record(
        evaluation,
        "appraisal.evaluation.calibrated",
        actor=actor,
        agency_id=evaluation.agency_id,
        changes=changes,
        note=reason.strip(),
    )
    if "predicate" in changes:
        distribution_changed(evaluation, actor=actor)
    return adjustment


@transaction.atomic
def finalise_unit(
    assessment: UnitAssessment, *, actor: User, expected_version: int | None
) -> UnitAssessment:
    """Penetapan predikat: every evaluation of the unit becomes final. Everyone must be rated,
    and a breach of the distribution pattern must have been confirmed with a reason."""
    require(actor, "appraisal.assess_unit", assessment.unit)
    assessment = _lock(assessment, expected_version)
    unit, period, subperiod = assessment.unit, assessment.period, assessment.subperiod
    missing = selectors.missing_ratings(unit, period, subperiod)
    if missing:
        raise ValidationError(
            _("Belum semua pegawai dinilai: %(names)s.") % {"names": "; ".join(missing)}
        )
    evaluations = selectors.unit_evaluations(unit, period, subperiod)
    if not evaluations.exists():
        raise ValidationError(_("Belum ada evaluasi pegawai pada unit ini untuk difinalkan."))
    check = selectors.unit_distribution(assessment.organisation_predicate, evaluations)
    if not check.passes and assessment.breach_confirmed_at is None:
        raise ValidationError(
            _(
                "Sebaran predikat menyimpang dari pola distribusi: %(breaches)s. Konfirmasi "
                "penyimpangan dengan alasan tertulis sebelum memfinalkan."
            )
            % {"breaches": "; ".join(check.messages)}
        )
    now = timezone.now()
    for evaluation in evaluations.select_for_update(of=("self",)):
        if evaluation.is_final:
            continue
        evaluation.status = EvaluationStatus.FINAL
        evaluation.finalised_at = now
        evaluation.finalised_by = actor
        evaluation.version += 1
        evaluation.save(
            update_fields=["status", "finalised_at", "finalised_by", "version", "updated_at"]
        )
        audit.record(
            evaluation,
            "appraisal.evaluation.finalised",
            actor=actor,
            agency_id=evaluation.agency_id,
            changes={"status": (EvaluationStatus.RATED, EvaluationStatus.FINAL)},
        )
        notify_employee(
            evaluation.employee,
            code="appraisal.evaluation.finalised",
            text=_(
                "%(what)s Anda telah ditetapkan: predikat %(predicate)s. Anda dapat mengajukan "
                "keberatan dalam %(days)s hari."
            )
            % {
                "what": describe(evaluation),
                "predicate": evaluation.predicate,
                "days": period.objection_days,
            },
            url=evaluation_url(evaluation),
            agency_id=evaluation.agency_id,
        )
    assessment.finalised_at = now
    assessment.finalised_by = actor
    assessment.version += 1
    assessment.save(update_fields=["finalised_at", "finalised_by", "version", "updated_at"])
    audit.record(
        assessment,
        "appraisal.unit.finalised",
        actor=actor,
        agency_id=assessment.agency_id,
        changes={"finalised_at": (None, now)},
        note="; ".join(check.messages),
    )
    return assessment
