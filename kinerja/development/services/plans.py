"""Development plans: the employee (or the supervisor) drafts, the employee proposes, the direct
supervisor agrees or returns it with a note, and completion is recorded with the certificate.
Completing an item writes the `DevelopmentRecord` whose JP count towards the 20 JP a year."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.appraisal.evidence import JPEG, PDF, PNG, inspect_file
from kinerja.core import audit
from kinerja.core.exceptions import ValidationError, check_version
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.development.matching import matching_trainers
from kinerja.development.models import (
    DevelopmentPlan,
    DevelopmentRecord,
    InternalTrainer,
    PlanItem,
    PlanStatus,
    Recommendation,
    RecommendationStatus,
    Training,
)
from kinerja.org.models import Employee

MAX_CERTIFICATE_BYTES = 5 * 1024 * 1024
CERTIFICATE_TYPES = {PDF: "pdf", PNG: "png", JPEG: "jpg"}


@transaction.atomic
def create_plan(employee: Employee, *, actor: User, year: int) -> DevelopmentPlan:
    """Start the employee's plan for a year (the employee, their supervisor or the admin)."""
    require(actor, "development.edit_plan", employee)
    if not employee.is_active:
        raise ValidationError(_("Pegawai tidak aktif."))
    if year < 2000 or year > 2100:
        raise ValidationError({"year": _("Tahun tidak valid.")})
    if DevelopmentPlan.objects.filter(employee=employee, year=year).exists():
        raise ValidationError(
            {"year": _("Rencana pengembangan %(year)s sudah ada.") % {"year": year}}
        )
    plan = DevelopmentPlan.objects.create(
        agency_id=employee.agency_id, employee=employee, year=year
    )
    audit.record(plan, "development.plan.created", actor=actor, agency_id=plan.agency_id)
    return plan


def _lock(plan: DevelopmentPlan, expected_version: int | None) -> DevelopmentPlan:
    locked = DevelopmentPlan.objects.select_for_update().select_related("employee").get(pk=plan.pk)
    check_version(locked.version, expected_version)
    return locked


def _bump(plan: DevelopmentPlan, *fields: str) -> None:
    plan.version += 1
    plan.save(update_fields=[*fields, "version", "updated_at"])


@transaction.atomic
def add_item(
    plan: DevelopmentPlan,
    *,
    actor: User,
    training: Training,
    start_date: dt.date,
    end_date: dt.date,
    trainer: InternalTrainer | None = None,
    recommendation: Recommendation | None = None,
) -> PlanItem:
    """Add a training to a draft plan. An internal training needs a matching trainer
    (`matching.matching_trainers`); JP and cost come from the catalogue."""
    require(actor, "development.edit_plan", plan)
    locked = _lock(plan, None)
    if not locked.is_editable:
        raise ValidationError(_("Rencana yang sudah diajukan atau disetujui tidak dapat diubah."))
    errors: dict[str, str] = {}
    if training.agency_id != locked.agency_id or not training.is_active:
        errors["training"] = _("Pelatihan tidak ditemukan atau tidak aktif.")
    if end_date < start_date:
        errors["end_date"] = _("Tanggal selesai sebelum tanggal mulai.")
    elif start_date.year != locked.year:
        errors["start_date"] = _("Pelatihan harus dimulai pada tahun rencana (%(year)s).") % {
            "year": locked.year
        }
    if not errors and training.is_internal:
        if trainer is None:
            errors["trainer"] = _("Pilih pengajar internal untuk pelatihan internal.")
        elif (
            not matching_trainers(
                training, start=start_date, end=end_date, learner_id=locked.employee_id
            )
            .filter(pk=trainer.pk)
            .exists()
        ):
            errors["trainer"] = _(
                "Pengajar ini tidak memenuhi level kompetensi yang diminta atau tidak tersedia "
                "pada tanggal tersebut."
            )
    elif not errors and trainer is not None:
        errors["trainer"] = _("Pelatihan eksternal tidak memakai pengajar internal.")
    if recommendation is not None and (
        recommendation.employee_id != locked.employee_id
        or recommendation.status != RecommendationStatus.OPEN
    ):
        errors["recommendation"] = _("Rekomendasi ini tidak terbuka untuk pegawai ini.")
    if errors:
        raise ValidationError(errors)
    item = PlanItem.objects.create(
        agency_id=locked.agency_id,
        plan=locked,
        training=training,
        trainer=trainer if training.is_internal else None,
        recommendation=recommendation,
        start_date=start_date,
        end_date=end_date,
        jp=training.jp,
        cost=training.cost,
    )
    if recommendation is not None:
        Recommendation.objects.filter(pk=recommendation.pk).update(
            status=RecommendationStatus.PLANNED, version=recommendation.version + 1
        )
    _bump(locked)
    audit.record(
        locked,
        "development.plan.item_added",
        actor=actor,
        agency_id=locked.agency_id,
        note=str(item),
    )
    return item


@transaction.atomic
def remove_item(item: PlanItem, *, actor: User) -> None:
    """Remove a training from a draft plan; its recommendation opens again."""
    require(actor, "development.edit_plan", item.plan)
    locked = _lock(item.plan, None)
    if not locked.is_editable:
        raise ValidationError(_("Rencana yang sudah diajukan atau disetujui tidak dapat diubah."))
    if item.recommendation_id:
        Recommendation.objects.filter(pk=item.recommendation_id).update(
            status=RecommendationStatus.OPEN
        )
    note = str(item)
    item.delete()
    _bump(locked)
    audit.record(
        locked, "development.plan.item_removed", actor=actor, agency_id=locked.agency_id, note=note
    )


@transaction.atomic
def propose_plan(
    plan: DevelopmentPlan, *, actor: User, expected_version: int | None
) -> DevelopmentPlan:
    """The employee (or whoever drafted it) sends the plan to the direct supervisor."""
    require(actor, "development.edit_plan", plan)
    locked = _lock(plan, expected_version)
    if locked.status != PlanStatus.DRAFT:
        raise ValidationError(_("Hanya rencana berstatus draf yang dapat diajukan."))
    if not locked.items.exists():
        raise ValidationError(_("Tambahkan sekurang-kurangnya satu pelatihan sebelum mengajukan."))
    if locked.employee.supervisor_id is None:
        raise ValidationError(
            _("Pegawai ini belum memiliki atasan langsung yang dapat menyetujui rencana.")
        )
    locked.status = PlanStatus.PROPOSED
    locked.proposed_at = timezone.now()
    _bump(locked, "status", "proposed_at")
    audit.record(
        locked,
        "development.plan.proposed",
        actor=actor,
        agency_id=locked.agency_id,
        changes={"status": (PlanStatus.DRAFT, PlanStatus.PROPOSED)},
    )
    return locked


@transaction.atomic
def agree_plan(
    plan: DevelopmentPlan, *, actor: User, expected_version: int | None
) -> DevelopmentPlan:
    """The direct supervisor agrees the proposed plan."""
    require(actor, "development.agree_plan", plan)
    locked = _lock(plan, expected_version)
    if locked.status != PlanStatus.PROPOSED:
        raise ValidationError(_("Hanya rencana yang diajukan yang dapat disetujui."))
    locked.status = PlanStatus.AGREED
    locked.agreed_at = timezone.now()
    locked.agreed_by = actor
    locked.return_note = ""
    _bump(locked, "status", "agreed_at", "agreed_by", "return_note")
    audit.record(
        locked,
        "development.plan.agreed",
        actor=actor,
        agency_id=locked.agency_id,
        changes={"status": (PlanStatus.PROPOSED, PlanStatus.AGREED)},
    )
    return locked


@transaction.atomic
def return_plan(
    plan: DevelopmentPlan, *, actor: User, expected_version: int | None, note: str
) -> DevelopmentPlan:
    """The direct supervisor returns the proposed plan to draft, with a note."""
    require(actor, "development.agree_plan", plan)
    locked = _lock(plan, expected_version)
    if locked.status != PlanStatus.PROPOSED:
        raise ValidationError(_("Hanya rencana yang diajukan yang dapat dikembalikan."))
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan catatan mengapa rencana dikembalikan.")})
    locked.status = PlanStatus.DRAFT
    locked.return_note = note
    _bump(locked, "status", "return_note")
    audit.record(
        locked,
        "development.plan.returned",
        actor=actor,
        agency_id=locked.agency_id,
        changes={"status": (PlanStatus.PROPOSED, PlanStatus.DRAFT)},
        note=note,
    )
    return locked


def _store_certificate(record: DevelopmentRecord, content: bytes, original_name: str) -> None:
    verdict = inspect_file(content, max_bytes=MAX_CERTIFICATE_BYTES)
    if not verdict.accepted:
        raise ValidationError({"certificate": verdict.reason})
    if verdict.content_type not in CERTIFICATE_TYPES:
        raise ValidationError({"certificate": _("Sertifikat harus berupa PDF, PNG atau JPEG.")})
    extension = CERTIFICATE_TYPES[verdict.content_type]
    record.certificate.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
    record.certificate_name = (original_name or f"sertifikat.{extension}")[-255:]
    record.certificate_type = verdict.content_type


@transaction.atomic
def complete_item(
    item: PlanItem,
    *,
    actor: User,
    completed_on: dt.date,
    certificate: bytes | None = None,
    certificate_name: str = "",
) -> DevelopmentRecord:
    """Record that a training of an agreed plan was completed (supervisor or admin): the JP
    count from now on; the plan is done once every item is."""
    plan = item.plan
    require(actor, "development.record_completion", plan)
    locked = _lock(plan, None)
    if locked.status not in (PlanStatus.AGREED, PlanStatus.DONE):
        raise ValidationError(_("Penyelesaian dicatat setelah rencana disetujui atasan."))
    if DevelopmentRecord.objects.filter(plan_item=item).exists():
        raise ValidationError(_("Penyelesaian pelatihan ini sudah dicatat."))
    if completed_on < item.start_date:
        raise ValidationError({"completed_on": _("Tanggal selesai sebelum pelatihan dimulai.")})
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("Tanggal selesai tidak boleh di masa depan.")})
    record = DevelopmentRecord(
        agency_id=locked.agency_id,
        employee_id=locked.employee_id,
        year=completed_on.year,
        title=item.training.title,
        jp=item.jp,
        completed_on=completed_on,
        training=item.training,
        plan_item=item,
        recorded_by=actor,
    )
    if certificate:
        _store_certificate(record, certificate, certificate_name)
    record.save()
    audit.record(record, "development.record.created", actor=actor, agency_id=record.agency_id)
    if not locked.items.filter(record__isnull=True).exists() and locked.status != PlanStatus.DONE:
        locked.status = PlanStatus.DONE
        _bump(locked, "status")
        audit.record(
            locked,
            "development.plan.done",
            actor=actor,
            agency_id=locked.agency_id,
            changes={"status": (PlanStatus.AGREED, PlanStatus.DONE)},
        )
    return record


@transaction.atomic
def record_learning(
    employee: Employee,
    *,
    actor: User,
    title: str,
    jp: int,
    completed_on: dt.date,
    certificate: bytes | None = None,
    certificate_name: str = "",
) -> DevelopmentRecord:
    """Record learning done outside a plan (a seminar, an e-learning course) for its JP."""
    require(actor, "development.record_completion", employee)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Tuliskan nama kegiatan pengembangan.")
    if not 1 <= jp <= 500:
        errors["jp"] = _("JP harus antara 1 dan 500.")
    if completed_on > timezone.localdate():
        errors["completed_on"] = _("Tanggal selesai tidak boleh di masa depan.")
    if errors:
        raise ValidationError(errors)
    record = DevelopmentRecord(
        agency_id=employee.agency_id,
        employee=employee,
        year=completed_on.year,
        title=title.strip()[:200],
        jp=jp,
        completed_on=completed_on,
        recorded_by=actor,
    )
    if certificate:
        _store_certificate(record, certificate, certificate_name)
    record.save()
    audit.record(record, "development.record.created", actor=actor, agency_id=record.agency_id)
    return record
