"""Writes of findings and what follows them: the team records a finding (kondisi, kriteria,
sebab, akibat) and its recommendations with an owner and a due date; the owner submits a
follow-up with an evidence file; the team accepts it (the recommendation is completed) or
rejects it with a note, or declares the recommendation not applicable with a reason.

Evidence files are judged by their bytes only, with the appraisal area's checks
(`kinerja.appraisal.evidence`), and stored by SHA-256 outside the web root.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.appraisal import evidence as sniffing
from kinerja.core import audit as audit_trail
from kinerja.core.exceptions import check_version
from kinerja.core.models import User
from kinerja.core.notifications import notify, notify_employee
from kinerja.core.permissions import require
from kinerja.org.models import Employee, Unit
from kinerja.oversight import lifecycle
from kinerja.oversight.models import (
    Audit,
    Finding,
    FindingCategory,
    FollowUp,
    FollowUpStatus,
    Recommendation,
    RecommendationStatus,
    follow_up_path,
)
from kinerja.oversight.services.audits import lock_audit, refuse_if_closed, unit_in_audit

FINDING_TEXT_FIELDS = ("title", "condition", "criteria", "cause", "effect")


def evidence_max_bytes() -> int:
    return int(settings.EVIDENCE_MAX_MB) * 1024 * 1024


def recommendation_url(recommendation: Recommendation) -> str:
    return reverse("oversight:recommendation-detail", args=[recommendation.pk])


def _writable_audit(audit: Audit, actor: User) -> Audit:
    require(actor, "oversight.work_in_audit", audit)
    current = lock_audit(audit)
    refuse_if_closed(current)
    if not lifecycle.accepts_findings(current.status):
        raise ValidationError(
            _("Temuan dan rekomendasi dicatat pada tahap pemeriksaan lapangan atau pelaporan.")
        )
    return current


@transaction.atomic
def add_finding(
    audit: Audit,
    *,
    actor: User,
    unit: Unit,
    title: str,
    category: str,
    condition: str,
    criteria: str,
    cause: str,
    effect: str,
) -> Finding:
    """A team member records a finding on an audited unit; it takes the next number."""
    current = _writable_audit(audit, actor)
    values = {
        "title": title.strip(),
        "condition": condition.strip(),
        "criteria": criteria.strip(),
        "cause": cause.strip(),
        "effect": effect.strip(),
    }
    errors = {name: _("Wajib diisi.") for name, value in values.items() if not value}
    if not unit_in_audit(current, unit):
        errors["unit"] = _("Unit ini tidak termasuk unit yang diperiksa.")
    if category not in FindingCategory.values:
        errors["category"] = _("Pilih kategori temuan.")
    if errors:
        raise ValidationError(errors)
    number = (current.findings.aggregate(last=Max("number"))["last"] or 0) + 1
    finding = Finding.objects.create(
        agency_id=current.agency_id,
        audit=current,
        number=number,
        unit=unit,
        category=category,
        created_by=actor,
        **values,
    )
    audit_trail.record(
        finding,
        "oversight.finding.recorded",
        actor=actor,
        agency_id=current.agency_id,
        changes={
            "number": (None, number),
            "unit": (None, unit.name),
            "category": (None, category),
            **{name: (None, value) for name, value in values.items()},
        },
        note=str(current),
    )
    return finding


@transaction.atomic
def update_finding(
    finding: Finding,
    *,
    actor: User,
    expected_version: int | None,
    unit: Unit,
    title: str,
    category: str,
    condition: str,
    criteria: str,
    cause: str,
    effect: str,
) -> Finding:
    """A team member revises a finding (e.g. after the unit's response) until the audit is
    closed; each changed part is recorded, old and new."""
    audit = _writable_audit(finding.audit, actor)
    current: Finding = Finding.objects.select_for_update(of=("self",)).get(pk=finding.pk)
    check_version(current.version, expected_version)
    values = {
        "title": title.strip(),
        "condition": condition.strip(),
        "criteria": criteria.strip(),
        "cause": cause.strip(),
        "effect": effect.strip(),
    }
    errors = {name: _("Wajib diisi.") for name, value in values.items() if not value}
    if not unit_in_audit(audit, unit):
        errors["unit"] = _("Unit ini tidak termasuk unit yang diperiksa.")
    if category not in FindingCategory.values:
        errors["category"] = _("Pilih kategori temuan.")
    if errors:
        raise ValidationError(errors)
    fields = [*values, "unit", "category"]
    before = audit_trail.snapshot(current, fields)
    for name, value in values.items():
        setattr(current, name, value)
    current.unit = unit
    current.category = category
    current.version += 1
    current.save(update_fields=[*fields, "version", "updated_at"])
    audit_trail.record(
        current,
        "oversight.finding.updated",
        actor=actor,
        agency_id=current.agency_id,
        changes=audit_trail.diff(current, fields, before),
        note=str(audit),
    )
    return current


@transaction.atomic
def add_recommendation(
    finding: Finding, *, actor: User, text: str, owner: Employee, due_date: dt.date
) -> Recommendation:
    """A team member sets a recommendation on a finding, owned by an employee of the agency
    (usually the head of the unit) with a due date; the owner is notified."""
    _writable_audit(finding.audit, actor)
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = _("Isikan rekomendasi.")
    if owner.agency_id != finding.agency_id or not owner.is_active:
        errors["owner"] = _("Penanggung jawab harus pegawai aktif instansi ini.")
    if due_date < timezone.localdate():
        errors["due_date"] = _("Batas waktu tidak boleh sebelum hari ini.")
    if errors:
        raise ValidationError(errors)
    recommendation = Recommendation.objects.create(
        agency_id=finding.agency_id,
        finding=finding,
        text=text.strip(),
        owner=owner,
        due_date=due_date,
        created_by=actor,
    )
    audit_trail.record(
        recommendation,
        "oversight.recommendation.added",
        actor=actor,
        agency_id=finding.agency_id,
        changes={
            "text": (None, recommendation.text),
            "owner": (None, owner.full_name),
            "due_date": (None, due_date),
        },
        note=str(finding),
    )
    if finding.audit.status != lifecycle.PLANNED:
        notify_employee(
            owner,
            code="oversight.recommendation.added",
            text=_("Rekomendasi pemeriksaan “%(audit)s” untuk Anda tindak lanjuti: %(text)s")
            % {"audit": finding.audit.title, "text": recommendation.text[:200]},
            url=recommendation_url(recommendation),
            agency_id=finding.agency_id,
            actor=actor,
        )
    return recommendation


@transaction.atomic
def update_recommendation(
    recommendation: Recommendation,
    *,
    actor: User,
    expected_version: int | None,
    text: str,
    owner: Employee,
    due_date: dt.date,
) -> Recommendation:
    """A team member revises an unfinished recommendation — its text, owner or due date (an
    extension) — until the audit is closed; the change is recorded, old and new."""
    _writable_audit(recommendation.finding.audit, actor)
    current = lock_recommendation(recommendation, expected_version)
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = _("Isikan rekomendasi.")
    if owner.agency_id != current.agency_id or not owner.is_active:
        errors["owner"] = _("Penanggung jawab harus pegawai aktif instansi ini.")
    if due_date != current.due_date and due_date < timezone.localdate():
        errors["due_date"] = _("Batas waktu baru tidak boleh sebelum hari ini.")
    if errors:
        raise ValidationError(errors)
    fields = ["text", "owner", "due_date"]
    before = audit_trail.snapshot(current, fields)
    current.text = text.strip()
    current.owner = owner
    current.due_date = due_date
    current.version += 1
    current.save(update_fields=[*fields, "version", "updated_at"])
    audit_trail.record(
        current,
        "oversight.recommendation.updated",
        actor=actor,
        agency_id=current.agency_id,
        changes=audit_trail.diff(current, fields, before),
    )
    if before["owner"] != owner:
        notify_employee(
            owner,
            code="oversight.recommendation.added",
            text=_("Rekomendasi pemeriksaan “%(audit)s” untuk Anda tindak lanjuti: %(text)s")
            % {"audit": current.finding.audit.title, "text": current.text[:200]},
            url=recommendation_url(current),
            agency_id=current.agency_id,
            actor=actor,
        )
    return current


def lock_recommendation(
    recommendation: Recommendation, expected_version: int | None = None
) -> Recommendation:
    locked: Recommendation = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("finding__audit", "owner")
        .get(pk=recommendation.pk)
    )
    check_version(locked.version, expected_version)
    if locked.is_finished:
        raise ValidationError(_("Rekomendasi ini sudah selesai dan tidak dapat diubah lagi."))
    return locked


@transaction.atomic
def declare_not_applicable(
    recommendation: Recommendation, *, actor: User, reason: str, expected_version: int | None
) -> Recommendation:
    """The team declares a recommendation not applicable (e.g. the unit was dissolved), with
    the reason; it is finished and read-only from then on."""
    require(actor, "oversight.work_in_audit", recommendation.finding.audit)
    current = lock_recommendation(recommendation, expected_version)
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Isikan alasan rekomendasi tidak dapat ditindaklanjuti.")}
        )
    old = current.status
    current.status = RecommendationStatus.NOT_APPLICABLE
    current.closing_reason = reason.strip()
    current.finished_at = timezone.now()
    current.version += 1
    current.save(update_fields=["status", "closing_reason", "finished_at", "version", "updated_at"])
    audit_trail.record(
        current,
        "oversight.recommendation.not_applicable",
        actor=actor,
        agency_id=current.agency_id,
        changes={"status": (old, current.status)},
        note=current.closing_reason,
    )
    return current


def _store_evidence(follow_up: FollowUp, upload: File) -> None:
    """Check the upload by its bytes and store it by its SHA-256 (identical content shared)."""
    limit = evidence_max_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {
                "file": _("Ukuran berkas melebihi batas %(mb)s MB.")
                % {"mb": settings.EVIDENCE_MAX_MB}
            }
        )
    upload.seek(0)
    content = upload.read(limit + 1)
    verdict = sniffing.inspect_file(content, max_bytes=limit)
    if not verdict.accepted:
        raise ValidationError(
            {"file": _("Berkas ditolak: %(reason)s.") % {"reason": verdict.reason}}
        )
    follow_up.original_name = (upload.name or "")[:255]
    follow_up.content_type = verdict.content_type
    follow_up.size = len(content)
    follow_up.sha256 = sniffing.sha256_of(content)
    name = follow_up_path(follow_up, "")
    follow_up.file.name = (
        name if default_storage.exists(name) else default_storage.save(name, ContentFile(content))
    )


@transaction.atomic
def submit_follow_up(
    recommendation: Recommendation, *, actor: User, text: str, upload: File | None
) -> FollowUp:
    """The owner reports what was done, with an evidence file; the recommendation is then in
    progress and the audit's lead is told to review it. One follow-up awaits review at a time."""
    require(actor, "oversight.submit_follow_up", recommendation)
    current = lock_recommendation(recommendation)
    audit = current.finding.audit
    if not lifecycle.accepts_follow_ups(audit.status):
        raise ValidationError(_("Pemeriksaan ini belum dimulai."))
    if current.follow_ups.filter(status=FollowUpStatus.SUBMITTED).exists():
        raise ValidationError(_("Tindak lanjut sebelumnya masih menunggu tinjauan tim pemeriksa."))
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = _("Uraikan tindak lanjut yang telah dilakukan.")
    if upload is None:
        errors["file"] = _("Lampirkan berkas bukti tindak lanjut.")
    if errors:
        raise ValidationError(errors)
    assert upload is not None
    follow_up = FollowUp(
        agency_id=current.agency_id,
        recommendation=current,
        text=text.strip(),
        submitted_by=actor,
    )
    _store_evidence(follow_up, upload)
    follow_up.save()
    old = current.status
    if current.status == RecommendationStatus.OPEN:
        current.status = RecommendationStatus.IN_PROGRESS
        current.version += 1
        current.save(update_fields=["status", "version", "updated_at"])
    audit_trail.record(
        follow_up,
        "oversight.follow_up.submitted",
        actor=actor,
        agency_id=current.agency_id,
        changes={
            "status": (old, current.status),
            "original_name": (None, follow_up.original_name),
            "content_type": (None, follow_up.content_type),
            "size": (None, follow_up.size),
            "sha256": (None, follow_up.sha256),
        },
        note=str(current),
    )
    notify(
        audit.lead,
        code="oversight.follow_up.submitted",
        text=_("Tindak lanjut rekomendasi “%(text)s” menunggu tinjauan Anda.")
        % {"text": current.text[:120]},
        url=recommendation_url(current),
        agency_id=current.agency_id,
        actor=actor,
    )
    return follow_up


@transaction.atomic
def review_follow_up(
    follow_up: FollowUp,
    *,
    actor: User,
    accept: bool,
    note: str = "",
    expected_version: int | None,
) -> FollowUp:
    """A team member accepts a follow-up (the recommendation is completed, read-only from
    then on) or rejects it with a note (the owner submits another)."""
    recommendation = follow_up.recommendation
    require(actor, "oversight.work_in_audit", recommendation.finding.audit)
    current_recommendation = lock_recommendation(recommendation)
    current: FollowUp = FollowUp.objects.select_for_update(of=("self",)).get(pk=follow_up.pk)
    check_version(current.version, expected_version)
    if current.status != FollowUpStatus.SUBMITTED:
        raise ValidationError(_("Tindak lanjut ini sudah ditinjau."))
    if not accept and not note.strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan agar dapat diperbaiki.")})
    current.status = FollowUpStatus.ACCEPTED if accept else FollowUpStatus.REJECTED
    current.reviewed_by = actor
    current.reviewed_at = timezone.now()
    current.review_note = note.strip()
    current.version += 1
    current.save(
        update_fields=[
            "status",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "version",
            "updated_at",
        ]
    )
    audit_trail.record(
        current,
        "oversight.follow_up.accepted" if accept else "oversight.follow_up.rejected",
        actor=actor,
        agency_id=current.agency_id,
        changes={"status": (FollowUpStatus.SUBMITTED.value, current.status)},
        note=current.review_note,
    )
    if accept:
        old = current_recommendation.status
        current_recommendation.status = RecommendationStatus.COMPLETED
        current_recommendation.finished_at = current.reviewed_at
        current_recommendation.version += 1
        current_recommendation.save(
            update_fields=["status", "finished_at", "version", "updated_at"]
        )
        audit_trail.record(
            current_recommendation,
            "oversight.recommendation.completed",
            actor=actor,
            agency_id=current.agency_id,
            changes={"status": (old, current_recommendation.status)},
        )
    text = (
        _("Tindak lanjut Anda atas rekomendasi “%(text)s” diterima; rekomendasi selesai.")
        if accept
        else _("Tindak lanjut Anda atas rekomendasi “%(text)s” ditolak: %(note)s")
    ) % {"text": current_recommendation.text[:120], "note": current.review_note[:200]}
    notify_employee(
        current_recommendation.owner,
        code=f"oversight.follow_up.{'accepted' if accept else 'rejected'}",
        text=text,
        url=recommendation_url(current_recommendation),
        agency_id=current.agency_id,
        actor=actor,
    )
    return current
