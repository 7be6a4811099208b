"""Writes of the execution stage: realisation with evidence, continuous feedback, dialogues.

PermenPANRB 6/2022 (Pasal 11–12, Lampiran): during the year the employee documents what was
achieved with evidence (pendokumentasian kinerja, bukti dukung), and the rater gives continuous
feedback (umpan balik berkelanjutan) on each indicator and each BerAKHLAK value and holds
performance dialogues. All of it happens on an approved, current SKP, per sub-period of the
periodic evaluation, once that sub-period has started; when the sub-period's evaluation is
final, its realisation, evidence, feedback and dialogues become read-only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.appraisal import evidence as sniffing
from kinerja.appraisal.models import (
    Dialogue,
    DialogueStatus,
    Evidence,
    EvidenceKind,
    Feedback,
    Realisation,
    evidence_path,
)
from kinerja.appraisal.selectors.execution import (
    final_subperiods,
    is_subperiod_final,
    subperiod_of_plan,
    uses_numbers,
)
from kinerja.core import audit
from kinerja.core.exceptions import StaleEdit, check_version
from kinerja.core.models import User
from kinerja.core.notifications import notify_employee
from kinerja.core.permissions import actor_of, require
from kinerja.planning.berakhlak import CORE_VALUES, core_value
from kinerja.planning.models import Indicator, PerformancePlan, PlanStatus
from kinerja.planning.subperiods import SubPeriod

REALISATION_FIELDS = ["value", "text", "note"]
COMPUTED_FIELDS = ["computed_value", "value"]
FED_BY_DATA = gettext_lazy(
    "Realisasi indikator ini dihitung otomatis dari data. Nilai lain hanya dapat dipakai "
    'melalui "Ubah nilai dari data" dengan alasan tertulis.'
)


def register_audit_actions() -> None:
    """Register this subject's audit action codes (called from AppraisalConfig.ready)."""
    audit.register_actions(
        {
            "appraisal.realisation.recorded": gettext_lazy("Realisasi kinerja dicatat"),
            "appraisal.realisation.updated": gettext_lazy("Realisasi kinerja diubah"),
            "appraisal.realisation.computed": gettext_lazy("Realisasi kinerja dihitung dari data"),
            "appraisal.realisation.overridden": gettext_lazy(
                "Realisasi dari data diganti nilai manual (dengan alasan)"
            ),
            "appraisal.realisation.override_cleared": gettext_lazy(
                "Realisasi kembali memakai nilai dari data"
            ),
            "appraisal.realisation.detached": gettext_lazy(
                "Realisasi tidak lagi dihitung dari data"
            ),
            "appraisal.evidence.added": gettext_lazy("Bukti dukung ditambahkan"),
            "appraisal.evidence.deleted": gettext_lazy("Bukti dukung dihapus"),
            "appraisal.feedback.given": gettext_lazy("Umpan balik kinerja diberikan"),
            "appraisal.dialogue.recorded": gettext_lazy("Dialog kinerja dicatat"),
        }
    )


def evidence_max_bytes() -> int:
    return int(settings.EVIDENCE_MAX_MB) * 1024 * 1024


# --- Rules shared by every write of this stage -------------------------------------------------


def _open_subperiod(plan: PerformancePlan, number: int) -> SubPeriod:
    """The sub-period in which the plan may still be documented, or a ValidationError saying why.

    The SKP must be approved and current; the sub-period must belong to the period and the SKP's
    segment, must have started (no realisation for a future sub-period) and its periodic
    evaluation must not be final yet.
    """
    if plan.status != PlanStatus.APPROVED or not plan.is_current:
        raise ValidationError(
            _("Pelaksanaan kinerja hanya dicatat pada SKP berlaku yang sudah disetujui.")
        )
    try:
        block = subperiod_of_plan(plan, number)
    except ValueError as error:
        raise ValidationError({"subperiod": str(error)}) from None
    start = max(block.start, plan.segment_start)
    if start > timezone.localdate():
        raise ValidationError(
            {
                "subperiod": _(
                    "%(label)s belum dimulai; pencatatan dapat dilakukan mulai %(date)s."
                )
                % {"label": block.label, "date": start.strftime("%d-%m-%Y")}
            }
        )
    if is_subperiod_final(plan, number):
        raise ValidationError(
            _(
                "Evaluasi kinerja %(label)s sudah ditetapkan final; realisasi, bukti dukung, "
                "umpan balik dan dialog periode ini hanya dapat dibaca."
            )
            % {"label": block.label}
        )
    return block


def _require_owner(actor: User, plan: PerformancePlan) -> None:
    """Only the plan's employee documents their own performance."""
    require(actor, "appraisal.record_realisation", plan)
    if actor_of(actor).employee_id != plan.employee_id:
        raise PermissionDenied(_("Hanya pegawai pemilik SKP yang mencatat realisasinya."))


def _require_rater(actor: User, plan: PerformancePlan) -> None:
    """Only the plan's rater gives feedback, and never on their own SKP."""
    own_id = actor_of(actor).employee_id
    if own_id is not None and own_id == plan.employee_id:
        raise PermissionDenied(_("Pegawai tidak dapat memberi umpan balik pada SKP-nya sendiri."))
    require(actor, "appraisal.give_feedback", plan)
    if own_id is None or own_id != plan.rater_id:
        raise PermissionDenied(_("Hanya pejabat penilai SKP ini yang memberi umpan balik."))


def _plan_url(plan: PerformancePlan, subperiod: int) -> str:
    return reverse("appraisal:realisation", kwargs={"pk": plan.pk, "subperiod": subperiod})


# --- Realisation ------------------------------------------------------------------------------


def _check_values(
    plan: PerformancePlan, indicator: Indicator, value: Decimal | None, text: str
) -> None:
    """A number for a quantitative indicator with a numeric target, a description otherwise."""
    if uses_numbers(plan.period, indicator):
        if value is None:
            raise ValidationError({"value": _("Isikan realisasi berupa angka.")})
        if value < 0:
            raise ValidationError({"value": _("Realisasi tidak boleh negatif.")})
    elif not text:
        raise ValidationError({"text": _("Uraikan realisasi terhadap kriteria keberhasilan.")})


@transaction.atomic
def record_realisation(
    plan: PerformancePlan,
    *,
    actor: User,
    indicator: Indicator,
    subperiod: int,
    value: Decimal | None = None,
    text: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> Realisation:
    """Record (or correct) an indicator's realisation for a sub-period (the employee).

    `expected_version` is the version of the realisation the employee read; 0 means they saw
    none yet, so a realisation recorded meanwhile (another tab, the API) is refused as stale.
    """
    _require_owner(actor, plan)
    plan = PerformancePlan.objects.select_related("period").get(pk=plan.pk)
    if indicator.result.plan_id != plan.pk:
        raise ValidationError({"indicator": _("Indikator ini bukan bagian dari SKP tersebut.")})
    _open_subperiod(plan, subperiod)
    text, note = text.strip(), note.strip()
    if not uses_numbers(plan.period, indicator):
        value = None
    elif value is not None:
        value = value.quantize(Decimal("0.01"))
    realisation = (
        Realisation.objects.select_for_update(of=("self",))
        .filter(indicator=indicator, subperiod=subperiod)
        .first()
    )
    is_fed = realisation is not None and realisation.computed_at is not None
    if not is_fed:
        _check_values(plan, indicator, value, text)
    if realisation is None:
        if expected_version not in (None, 0):
            check_version(0, expected_version)
        try:
            with transaction.atomic():
                realisation = Realisation.objects.create(
                    agency_id=plan.agency_id,
                    plan=plan,
                    indicator=indicator,
                    subperiod=subperiod,
                    value=value,
                    text=text,
                    note=note,
                    recorded_by=actor,
                )
        except IntegrityError:
            raise StaleEdit() from None  # recorded meanwhile by another request
        audit.record(
            realisation,
            "appraisal.realisation.recorded",
            actor=actor,
            agency_id=plan.agency_id,
            changes={
                name: (None, getattr(realisation, name))
                for name in REALISATION_FIELDS
                if getattr(realisation, name) not in (None, "")
            },
        )
        return realisation
    check_version(realisation.version, expected_version)
    if is_fed and value != realisation.value:
        # Fed by data: a different number needs the override with a reason (never silently).
        raise ValidationError({"value": FED_BY_DATA})
    before = audit.snapshot(realisation, REALISATION_FIELDS)
    realisation.value, realisation.text, realisation.note = value, text, note
    changes = audit.diff(realisation, REALISATION_FIELDS, before)
    if changes:
        realisation.recorded_by = actor
        realisation.version += 1
        realisation.save(update_fields=[*changes, "recorded_by", "version", "updated_at"])
        audit.record(
            realisation,
            "appraisal.realisation.updated",
            actor=actor,
            agency_id=plan.agency_id,
            changes=changes,
        )
    return realisation


# --- Realisation computed from data ----------------------------------------------------------
#
# An indicator may be fed by data (the citizen area binds it to a metric such as a service's
# median turnaround or a unit's IKM and computes it per sub-period). These are the only writes
# of computed values; appraisal never imports the citizen area, so "fed by data" is read from
# the realisation itself: `computed_at` is set. The callers check who may act.


def _accepts_computed(plan: PerformancePlan, number: int) -> bool:
    """Approved, current SKP; the sub-period is the plan's, has started and is not final."""
    if plan.status != PlanStatus.APPROVED or not plan.is_current:
        return False
    try:
        block = subperiod_of_plan(plan, number)
    except ValueError:
        return False
    if max(block.start, plan.segment_start) > timezone.localdate():
        return False
    return not is_subperiod_final(plan, number)


@transaction.atomic
def store_computed_realisation(
    plan: PerformancePlan,
    *,
    indicator: Indicator,
    subperiod: int,
    value: Decimal | None,
    actor: User | None = None,
) -> Realisation | None:
    """Store the value computed from data for an indicator in a sub-period (a system write).

    `computed_value` always follows the data, `value` too unless it was overridden with a
    reason. Nothing is written (None) unless the SKP is approved and current and the sub-period
    has started, nor while there is no value and no realisation yet; a sub-period whose
    evaluation is final is locked and never changed. Audited when a figure changes; `actor` is
    whoever asked for the computation (None: the system).
    """
    if indicator.result.plan_id != plan.pk:
        raise ValueError("indicator outside the plan")
    if not _accepts_computed(plan, subperiod):
        return None
    if value is not None:
        value = value.quantize(Decimal("0.01"))
    now = timezone.now()
    realisation = (
        Realisation.objects.select_for_update(of=("self",))
        .filter(indicator=indicator, subperiod=subperiod)
        .first()
    )
    if realisation is None and value is None:
        return None  # nothing to record yet (no data for this sub-period)
    if realisation is None:
        try:
            with transaction.atomic():
                realisation = Realisation.objects.create(
                    agency_id=plan.agency_id,
                    plan=plan,
                    indicator=indicator,
                    subperiod=subperiod,
                    value=value,
                    computed_value=value,
                    computed_at=now,
                    recorded_by=actor,
                )
        except IntegrityError:  # recorded meanwhile: update that one below
            realisation = Realisation.objects.select_for_update(of=("self",)).get(
                indicator=indicator, subperiod=subperiod
            )
        else:
            audit.record(
                realisation,
                "appraisal.realisation.computed",
                actor=actor,
                agency_id=plan.agency_id,
                changes={name: (None, value) for name in COMPUTED_FIELDS if value is not None},
            )
            return realisation
    was_fed = realisation.computed_at is not None
    before = audit.snapshot(realisation, COMPUTED_FIELDS)
    realisation.computed_value = value
    if not realisation.override_reason:
        realisation.value = value
    changes = audit.diff(realisation, COMPUTED_FIELDS, before)
    realisation.computed_at = now
    fields = ["computed_at"]
    if changes or not was_fed:
        # A new figure (or a manual realisation becoming fed) invalidates open forms.
        realisation.version += 1
        fields += [*changes, "version", "updated_at"]
    realisation.save(update_fields=fields)
    if changes:
        audit.record(
            realisation,
            "appraisal.realisation.computed",
            actor=actor,
            agency_id=plan.agency_id,
            changes=changes,
        )
    return realisation


@transaction.atomic
def override_computed_realisation(
    realisation: Realisation,
    *,
    actor: User,
    value: Decimal | None,
    reason: str,
    expected_version: int | None = None,
) -> Realisation:
    """Use a manual value instead of the one computed from data, with a written reason; with
    neither value nor reason, return to the computed value. Only while the sub-period is open.
    """
    realisation = (
        Realisation.objects.select_for_update(of=("self",))
        .select_related("plan__period")
        .get(pk=realisation.pk)
    )
    _open_subperiod(realisation.plan, realisation.subperiod)
    if realisation.computed_at is None:
        raise ValidationError(_("Realisasi ini tidak dihitung dari data."))
    check_version(realisation.version, expected_version)
    reason = reason.strip()
    before = audit.snapshot(realisation, ["value", "override_reason"])
    if value is None and not reason:
        action = "appraisal.realisation.override_cleared"
        realisation.value, realisation.override_reason = realisation.computed_value, ""
    else:
        if value is None:
            raise ValidationError({"value": _("Isikan nilai yang dipakai sebagai realisasi.")})
        if value < 0:
            raise ValidationError({"value": _("Realisasi tidak boleh negatif.")})
        if not reason:
            raise ValidationError(
                {"reason": _("Tuliskan alasan mengganti nilai yang dihitung dari data.")}
            )
        action = "appraisal.realisation.overridden"
        realisation.value, realisation.override_reason = value.quantize(Decimal("0.01")), reason
    changes = audit.diff(realisation, ["value", "override_reason"], before)
    if changes:
        realisation.recorded_by = actor
        realisation.version += 1
        realisation.save(update_fields=[*changes, "recorded_by", "version", "updated_at"])
        audit.record(
            realisation, action, actor=actor, agency_id=realisation.agency_id, changes=changes
        )
    return realisation


@transaction.atomic
def detach_computed_realisations(indicator: Indicator, *, actor: User | None) -> int:
    """The indicator is no longer fed by data: its realisations of sub-periods not yet final
    become ordinary ones (the value stays, the employee may correct it); final ones keep their
    record. Returns how many changed."""
    plan = indicator.result.plan
    finals = final_subperiods(plan)
    changed = 0
    for realisation in Realisation.objects.select_for_update(of=("self",)).filter(
        indicator=indicator, computed_at__isnull=False
    ):
        if realisation.subperiod in finals:
            continue
        audit.record(
            realisation,
            "appraisal.realisation.detached",
            actor=actor,
            agency_id=realisation.agency_id,
            changes={
                "computed_value": (realisation.computed_value, None),
                "override_reason": (realisation.override_reason, ""),
            },
        )
        realisation.computed_value, realisation.computed_at = None, None
        realisation.override_reason = ""
        realisation.version += 1
        realisation.save(
            update_fields=[
                "computed_value",
                "computed_at",
                "override_reason",
                "version",
                "updated_at",
            ]
        )
        changed += 1
    return changed


# --- Evidence ---------------------------------------------------------------------------------


def _editable_realisation(realisation: Realisation, actor: User) -> Realisation:
    plan = realisation.plan
    _require_owner(actor, plan)
    _open_subperiod(plan, realisation.subperiod)
    return realisation


@transaction.atomic
def add_evidence_file(
    realisation: Realisation, *, actor: User, upload: File, description: str = ""
) -> Evidence:
    """Attach a file to a realisation after checking what it really is (by its bytes only).

    Stored under its SHA-256 (content-addressed, outside the web root); the original name, the
    sniffed content type, the size and the fingerprint are recorded beside it.
    """
    realisation = _editable_realisation(realisation, actor)
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
    evidence = Evidence(
        agency_id=realisation.agency_id,
        realisation=realisation,
        kind=EvidenceKind.FILE,
        original_name=(upload.name or "")[:255],
        content_type=verdict.content_type,
        size=len(content),
        sha256=sniffing.sha256_of(content),
        description=description.strip()[:255],
        uploaded_by=actor,
    )
    name = evidence_path(evidence, "")
    # Same content, same name: an identical file already stored is shared, not copied.
    evidence.file.name = (
        name if default_storage.exists(name) else default_storage.save(name, ContentFile(content))
    )
    evidence.save()
    audit.record(
        evidence,
        "appraisal.evidence.added",
        actor=actor,
        agency_id=evidence.agency_id,
        changes={
            "original_name": (None, evidence.original_name),
            "content_type": (None, evidence.content_type),
            "size": (None, evidence.size),
            "sha256": (None, evidence.sha256),
        },
        note=str(realisation),
    )
    return evidence


@transaction.atomic
def add_evidence_link(
    realisation: Realisation, *, actor: User, url: str, description: str = ""
) -> Evidence:
    """Attach a link (http or https only) to a realisation."""
    realisation = _editable_realisation(realisation, actor)
    reason = sniffing.check_link(url)
    if reason:
        raise ValidationError({"url": _("Tautan ditolak: %(reason)s.") % {"reason": reason}})
    evidence = Evidence(
        agency_id=realisation.agency_id,
        realisation=realisation,
        kind=EvidenceKind.LINK,
        url=url.strip(),
        description=description.strip()[:255],
        uploaded_by=actor,
    )
    evidence.full_clean(exclude=["agency", "realisation", "file"])
    evidence.save()
    audit.record(
        evidence,
        "appraisal.evidence.added",
        actor=actor,
        agency_id=evidence.agency_id,
        changes={"url": (None, evidence.url)},
        note=str(realisation),
    )
    return evidence


@transaction.atomic
def delete_evidence(evidence: Evidence, *, actor: User) -> None:
    """Remove evidence while its sub-period is open; the stored file goes when nothing shares it."""
    _editable_realisation(evidence.realisation, actor)
    name = evidence.file.name if evidence.kind == EvidenceKind.FILE else ""
    audit.record(
        evidence,
        "appraisal.evidence.deleted",
        actor=actor,
        agency_id=evidence.agency_id,
        changes={"original_name": (evidence.original_name or evidence.url, None)},
        note=str(evidence.realisation),
    )
    evidence.delete()
    if name and not Evidence.objects.filter(file=name).exists():
        transaction.on_commit(lambda: default_storage.delete(name))


# --- Continuous feedback and dialogues ---------------------------------------------------------


@transaction.atomic
def give_feedback(
    plan: PerformancePlan,
    *,
    actor: User,
    subperiod: int,
    text: str,
    indicator: Indicator | None = None,
    value: str = "",
) -> Feedback:
    """The rater's continuous feedback on one indicator or one BerAKHLAK value in a sub-period.

    The employee is notified with a link to the realisation page.
    """
    _require_rater(actor, plan)
    plan = PerformancePlan.objects.select_related("period", "employee__user").get(pk=plan.pk)
    block = _open_subperiod(plan, subperiod)
    if (indicator is None) == (not value):
        raise ValidationError(
            _("Umpan balik diberikan untuk satu indikator atau satu nilai BerAKHLAK.")
        )
    if indicator is not None and indicator.result.plan_id != plan.pk:
        raise ValidationError({"indicator": _("Indikator ini bukan bagian dari SKP tersebut.")})
    if value and value not in {v.code for v in CORE_VALUES}:
        raise ValidationError({"value": _("Nilai BerAKHLAK tidak dikenal.")})
    if not text.strip():
        raise ValidationError({"text": _("Tuliskan umpan balik.")})
    feedback = Feedback.objects.create(
        agency_id=plan.agency_id,
        plan=plan,
        subperiod=subperiod,
        indicator=indicator,
        value=value,
        text=text.strip(),
        author=actor,
    )
    subject = str(indicator) if indicator is not None else core_value(value).name
    audit.record(
        feedback,
        "appraisal.feedback.given",
        actor=actor,
        agency_id=plan.agency_id,
        changes={"text": (None, feedback.text)},
        note=f"{block.label} · {subject}",
    )
    notify_employee(
        plan.employee,
        code="appraisal.feedback.given",
        text=_("Umpan balik dari %(rater)s untuk %(label)s: %(subject)s")
        % {
            "rater": actor.get_full_name() or actor.username,
            "label": block.label,
            "subject": subject,
        },
        url=_plan_url(plan, subperiod),
        agency_id=plan.agency_id,
    )
    return feedback


@transaction.atomic
def record_dialogue(
    plan: PerformancePlan,
    *,
    actor: User,
    subperiod: int,
    held_on: dt.date,
    status: str,
    explanation: str,
    cause: str = "",
    follow_up: str = "",
) -> Dialogue:
    """The rater records a performance dialogue: Tercapai / Tidak Tercapai, why, what next."""
    _require_rater(actor, plan)
    plan = PerformancePlan.objects.select_related("period", "employee__user").get(pk=plan.pk)
    block = _open_subperiod(plan, subperiod)
    if status not in DialogueStatus.values:
        raise ValidationError({"status": _("Pilih status Tercapai atau Tidak Tercapai.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Tanggal dialog tidak boleh di masa depan.")})
    if not (plan.period.start_date <= held_on <= plan.period.end_date):
        raise ValidationError({"held_on": _("Tanggal dialog harus di dalam periode penilaian.")})
    if not explanation.strip():
        raise ValidationError({"explanation": _("Tuliskan penjelasan hasil dialog.")})
    if status == DialogueStatus.NOT_ACHIEVED and not cause.strip():
        raise ValidationError({"cause": _("Tuliskan penyebab bila hasilnya tidak tercapai.")})
    dialogue = Dialogue.objects.create(
        agency_id=plan.agency_id,
        plan=plan,
        subperiod=subperiod,
        held_on=held_on,
        status=status,
        explanation=explanation.strip(),
        cause=cause.strip(),
        follow_up=follow_up.strip(),
        recorded_by=actor,
    )
    audit.record(
        dialogue,
        "appraisal.dialogue.recorded",
        actor=actor,
        agency_id=plan.agency_id,
        changes={"status": (None, dialogue.status), "held_on": (None, held_on)},
        note=block.label,
    )
    notify_employee(
        plan.employee,
        code="appraisal.dialogue.recorded",
        text=_("Dialog kinerja %(label)s dicatat oleh %(rater)s: %(status)s")
        % {
            "label": block.label,
            "rater": actor.get_full_name() or actor.username,
            "status": dialogue.get_status_display(),
        },
        url=_plan_url(plan, subperiod),
        agency_id=plan.agency_id,
    )
    return dialogue
