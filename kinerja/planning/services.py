"""Every write to the planning data: one function per use case, permission-checked, audited.

The SKP is edited as one document: every change to its results, indicators, expectations or
appendix takes the plan's `expected_version` and bumps it, so a rater who approves what they
read is refused (StaleEdit) if the employee changed it meanwhile, and two raters' concurrent
decisions cannot both win. Workflow (PermenPANRB 6/2022): draft → submitted → approved, or
returned with a note → submitted again; an approved SKP is revised into a new draft version.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import Agency, User
from kinerja.core.permissions import actor_of, require
from kinerja.org.models import Employee, PositionKind
from kinerja.org.services import effective_supervisor
from kinerja.planning.berakhlak import CORE_VALUES
from kinerja.planning.models import (
    Approach,
    BehaviourExpectation,
    Indicator,
    PerformancePlan,
    Period,
    PlannedResult,
    PlanStatus,
    ResultKind,
)

PERIOD_FIELDS = [
    "year",
    "name",
    "frequency",
    "approach",
    "start_date",
    "end_date",
    "plan_deadline",
]
APPENDIX_FIELDS = ["resources", "accountability", "consequences"]
RESULT_FIELDS = ["kind", "text", "parent", "perspective"]
INDICATOR_FIELDS = ["aspect", "text", "target_value", "target_text", "unit_of_measure"]


def register_audit_actions() -> None:
    audit.register_actions(
        {
            "planning.period.created": gettext_lazy("Periode penilaian dibuat"),
            "planning.plan.started": gettext_lazy("SKP dimulai"),
            "planning.plan.edited": gettext_lazy("Isi SKP diubah"),
            "planning.plan.submitted": gettext_lazy("SKP diajukan"),
            "planning.plan.returned": gettext_lazy("SKP dikembalikan untuk diperbaiki"),
            "planning.plan.approved": gettext_lazy("SKP disetujui"),
            "planning.plan.revised": gettext_lazy("SKP direvisi (versi baru dibuat)"),
            "planning.plan.rater_overridden": gettext_lazy(
                "Pejabat penilai SKP diganti oleh admin"
            ),
        }
    )


# --- Periods -----------------------------------------------------------------------------------


@transaction.atomic
def create_period(agency: Agency, *, actor: User | None, **fields: Any) -> Period:
    """Open a performance period for the agency (agency admin)."""
    period = Period(agency=agency, **fields)
    if actor is not None:
        require(actor, "planning.manage_periods", period)
    if period.plan_deadline and not (period.start_date <= period.plan_deadline <= period.end_date):
        raise ValidationError(
            {"plan_deadline": _("Batas pengajuan SKP harus berada di dalam periode.")}
        )
    period.full_clean()
    period.save()
    audit.record(
        period,
        "planning.period.created",
        actor=actor,
        agency_id=agency.pk,
        changes={f: (None, getattr(period, f)) for f in PERIOD_FIELDS if getattr(period, f)},
    )
    return period


# --- Starting, copying and revising a plan ----------------------------------------------------


def person_snapshot(employee: Employee | None) -> dict[str, str]:
    """What the SKP header shows of a person, frozen as it was (name, NIP, rank, position, unit)."""
    if employee is None:
        return {}
    return {
        "name": employee.full_name,
        "nip": employee.nip_display,
        "rank": f"{employee.rank_name} ({employee.rank})" if employee.rank else "",
        "position": employee.position.name if employee.position else "",
        "unit": employee.unit.name,
    }


def _freeze_snapshot(plan: PerformancePlan) -> dict[str, Any]:
    return {
        "employee": person_snapshot(plan.employee),
        "rater": person_snapshot(plan.rater),
        "taken_at": timezone.now().isoformat(),
    }


def _copy_contents(source: PerformancePlan, target: PerformancePlan, *, keep_cascade: bool) -> None:
    """Copy results (with indicators), expectations and the appendix of `source` into `target`."""
    for name in APPENDIX_FIELDS:
        setattr(target, name, getattr(source, name))
    target.save(update_fields=APPENDIX_FIELDS)
    results = source.results.prefetch_related("indicators").order_by("kind", "order", "id")
    for result in results:
        copy = PlannedResult.objects.create(
            agency_id=target.agency_id,
            plan=target,
            kind=result.kind,
            text=result.text,
            parent_id=result.parent_id if keep_cascade else None,
            perspective=result.perspective,
            order=result.order,
        )
        Indicator.objects.bulk_create(
            Indicator(
                agency_id=target.agency_id,
                result=copy,
                aspect=indicator.aspect,
                text=indicator.text,
                target_value=indicator.target_value,
                target_text=indicator.target_text,
                unit_of_measure=indicator.unit_of_measure,
                order=indicator.order,
            )
            for indicator in result.indicators.all()
        )
    BehaviourExpectation.objects.bulk_create(
        BehaviourExpectation(agency_id=target.agency_id, plan=target, value=e.value, text=e.text)
        for e in source.expectations.all()
    )


def previous_plan(employee: Employee, period: Period) -> PerformancePlan | None:
    """The employee's latest approved plan of an earlier period (the starting point to copy)."""
    return (
        PerformancePlan.objects.current()
        .filter(
            employee=employee,
            status=PlanStatus.APPROVED,
            period__start_date__lt=period.start_date,
        )
        .order_by("-period__start_date", "-segment_start")
        .first()
    )


@transaction.atomic
def start_plan(
    employee: Employee,
    *,
    actor: User | None,
    period: Period,
    copy_previous: bool = False,
    segment_start: dt.date | None = None,
    segment_end: dt.date | None = None,
) -> PerformancePlan:
    """Start a draft SKP for the employee and period, with the rater resolved from the org data.

    `segment_start`/`segment_end` give a transferred employee a second plan for the new position.
    """
    if actor is not None:
        require(actor, "planning.start_plan", employee)
    if period.agency_id != employee.agency_id:
        raise ValidationError({"period": _("Periode harus dari instansi pegawai.")})
    if not period.is_active:
        raise ValidationError({"period": _("Periode ini sudah tidak aktif.")})
    start = segment_start or period.start_date
    end = segment_end or period.end_date
    if not (period.start_date <= start <= end <= period.end_date):
        raise ValidationError(_("Rentang berlaku SKP harus berada di dalam periode."))
    if (
        PerformancePlan.objects.current()
        .filter(employee=employee, period=period, segment_start=start)
        .exists()
    ):
        raise ValidationError({"period": _("Pegawai ini sudah memiliki SKP untuk periode ini.")})
    on = min(max(timezone.localdate(), start), end)
    plan = PerformancePlan.objects.create(
        agency_id=employee.agency_id,
        period=period,
        employee=employee,
        rater=effective_supervisor(employee, on=on),
        segment_start=start,
        segment_end=end,
    )
    source = previous_plan(employee, period) if copy_previous else None
    if source is not None:
        _copy_contents(source, plan, keep_cascade=False)
    audit.record(
        plan,
        "planning.plan.started",
        actor=actor,
        agency_id=plan.agency_id,
        changes={"rater": (None, plan.rater)},
        note=_("Disalin dari %(plan)s") % {"plan": source} if source else "",
    )
    return plan


@transaction.atomic
def revise_plan(
    plan: PerformancePlan, *, actor: User, expected_version: int | None, reason: str
) -> PerformancePlan:
    """A mid-year revision: the approved SKP is kept read-only and a new draft version follows."""
    require(actor, "planning.revise_plan", plan)
    plan = _lock(plan, expected_version)
    if plan.status != PlanStatus.APPROVED or not plan.is_current:
        raise ValidationError(_("Hanya SKP yang berlaku dan sudah disetujui yang dapat direvisi."))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan revisi wajib diisi.")})
    plan.is_current = False
    plan.version += 1
    plan.save(update_fields=["is_current", "version", "updated_at"])
    revised = PerformancePlan.objects.create(
        agency_id=plan.agency_id,
        period=plan.period,
        employee=plan.employee,
        rater=plan.rater,
        revision=plan.revision + 1,
        previous=plan,
        revision_reason=reason.strip(),
        segment_start=plan.segment_start,
        segment_end=plan.segment_end,
    )
    _copy_contents(plan, revised, keep_cascade=True)
    audit.record(
        revised,
        "planning.plan.revised",
        actor=actor,
        agency_id=plan.agency_id,
        changes={"revision": (plan.revision, revised.revision)},
        note=reason.strip(),
    )
    return revised


@transaction.atomic
def override_rater(
    plan: PerformancePlan,
    *,
    actor: User,
    expected_version: int | None,
    rater: Employee,
    reason: str,
) -> PerformancePlan:
    """Name another rater than the org structure gives (agency admin, with a reason)."""
    require(actor, "planning.override_rater", plan)
    plan = _lock(plan, expected_version)
    if plan.status == PlanStatus.APPROVED or not plan.is_current:
        raise ValidationError(_("Pejabat penilai SKP yang sudah disetujui tidak dapat diganti."))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan penggantian pejabat penilai wajib diisi.")})
    if rater.agency_id != plan.agency_id or not rater.is_active:
        raise ValidationError({"rater": _("Pejabat penilai harus pegawai aktif instansi ini.")})
    if rater.pk == plan.employee_id:
        raise ValidationError({"rater": _("Pegawai tidak dapat menjadi penilai SKP-nya sendiri.")})
    before = plan.rater
    plan.rater = rater
    plan.version += 1
    plan.save(update_fields=["rater", "version", "updated_at"])
    audit.record(
        plan,
        "planning.plan.rater_overridden",
        actor=actor,
        agency_id=plan.agency_id,
        changes={"rater": (before, rater)},
        note=reason.strip(),
    )
    return plan


# --- Editing the content of a draft -----------------------------------------------------------


def _lock(plan: PerformancePlan, expected_version: int | None) -> PerformancePlan:
    locked: PerformancePlan = (
        PerformancePlan.objects.select_for_update()
        .select_related("employee", "employee__unit", "employee__position", "rater", "period")
        .get(pk=plan.pk)
    )
    check_version(locked.version, expected_version)
    return locked


def _editable(plan: PerformancePlan, actor: User, expected_version: int | None) -> PerformancePlan:
    """The plan locked for a content edit by its employee, while draft or returned."""
    require(actor, "planning.edit_plan", plan)
    plan = _lock(plan, expected_version)
    if not plan.is_editable:
        raise ValidationError(
            _("SKP yang sudah diajukan atau disetujui tidak dapat diubah.")
            if plan.is_current
            else _("Versi SKP ini sudah digantikan revisi dan hanya dapat dibaca.")
        )
    return plan


def _edited(plan: PerformancePlan, actor: User, what: str, changes: audit.Changes) -> None:
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    audit.record(
        plan,
        "planning.plan.edited",
        actor=actor,
        agency_id=plan.agency_id,
        changes=changes,
        note=what,
    )


def _check_parent(plan: PerformancePlan, parent: PlannedResult | None) -> None:
    """The cascade: an RHK intervenes an RHK of its rater's approved SKP of the same period."""
    if parent is None:
        return
    source = parent.plan
    if (
        plan.rater_id is None
        or source.employee_id != plan.rater_id
        or source.period_id != plan.period_id
        or source.status != PlanStatus.APPROVED
    ):
        raise ValidationError(
            {
                "parent": _(
                    "RHK pimpinan yang diintervensi harus berasal dari SKP pejabat penilai yang "
                    "sudah disetujui pada periode yang sama."
                )
            }
        )


@transaction.atomic
def add_result(
    plan: PerformancePlan,
    *,
    actor: User,
    expected_version: int | None,
    kind: str,
    text: str,
    parent: PlannedResult | None = None,
    perspective: str = "",
) -> PlannedResult:
    """Add an RHK (main or additional) to a draft SKP, cascaded from the rater's RHK."""
    plan = _editable(plan, actor, expected_version)
    _check_parent(plan, parent)
    result = PlannedResult(
        agency_id=plan.agency_id,
        plan=plan,
        kind=kind,
        text=text.strip(),
        parent=parent,
        perspective=perspective,
        order=plan.results.filter(kind=kind).count() + 1,
    )
    result.full_clean(exclude=["agency", "plan", "parent"])
    result.save()
    _edited(plan, actor, _("RHK ditambahkan: %(text)s") % {"text": result}, {})
    return result


@transaction.atomic
def update_result(
    result: PlannedResult, *, actor: User, expected_version: int | None, **fields: Any
) -> PlannedResult:
    """Change an RHK of a draft SKP."""
    plan = _editable(result.plan, actor, expected_version)
    result = PlannedResult.objects.select_for_update().get(pk=result.pk)
    before = audit.snapshot(result, RESULT_FIELDS)
    for name, value in fields.items():
        setattr(result, name, value)
    _check_parent(plan, result.parent)
    result.full_clean(exclude=["agency", "plan", "parent"])
    changes = audit.diff(result, RESULT_FIELDS, before)
    if changes:
        result.version += 1
        result.save(update_fields=[*changes.keys(), "version", "updated_at"])
        _edited(plan, actor, _("RHK diubah: %(text)s") % {"text": result}, changes)
    return result


@transaction.atomic
def delete_result(result: PlannedResult, *, actor: User, expected_version: int | None) -> None:
    """Remove an RHK (and its indicators) from a draft SKP."""
    plan = _editable(result.plan, actor, expected_version)
    if result.interventions.exists():
        raise ValidationError(
            _("RHK ini sudah diintervensi oleh RHK bawahan; tidak dapat dihapus.")
        )
    text = str(result)
    result.delete()
    _edited(plan, actor, _("RHK dihapus: %(text)s") % {"text": text}, {})


def _check_indicator(indicator: Indicator, approach: str) -> None:
    if approach == Approach.QUANTITATIVE and indicator.target_value is None:
        raise ValidationError(
            {"target_value": _("Pendekatan kuantitatif: isikan target berupa angka.")}
        )
    if approach == Approach.QUALITATIVE and not indicator.target_text.strip():
        raise ValidationError(
            {"target_text": _("Pendekatan kualitatif: isikan kriteria keberhasilan.")}
        )


@transaction.atomic
def add_indicator(
    result: PlannedResult,
    *,
    actor: User,
    expected_version: int | None,
    aspect: str,
    text: str,
    target_value: Decimal | None = None,
    target_text: str = "",
    unit_of_measure: str = "",
) -> Indicator:
    """Add an individual performance indicator with its target to an RHK of a draft SKP."""
    plan = _editable(result.plan, actor, expected_version)
    indicator = Indicator(
        agency_id=plan.agency_id,
        result=result,
        aspect=aspect,
        text=text.strip(),
        target_value=target_value,
        target_text=target_text.strip(),
        unit_of_measure=unit_of_measure.strip(),
        order=result.indicators.count() + 1,
    )
    _check_indicator(indicator, plan.period.approach)
    indicator.full_clean(exclude=["agency", "result"])
    indicator.save()
    _edited(plan, actor, _("Indikator ditambahkan: %(text)s") % {"text": indicator}, {})
    return indicator


@transaction.atomic
def update_indicator(
    indicator: Indicator, *, actor: User, expected_version: int | None, **fields: Any
) -> Indicator:
    """Change an indicator of a draft SKP."""
    plan = _editable(indicator.result.plan, actor, expected_version)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    before = audit.snapshot(indicator, INDICATOR_FIELDS)
    for name, value in fields.items():
        setattr(indicator, name, value)
    _check_indicator(indicator, plan.period.approach)
    indicator.full_clean(exclude=["agency", "result"])
    changes = audit.diff(indicator, INDICATOR_FIELDS, before)
    if changes:
        indicator.version += 1
        indicator.save(update_fields=[*changes.keys(), "version", "updated_at"])
        _edited(plan, actor, _("Indikator diubah: %(text)s") % {"text": indicator}, changes)
    return indicator


@transaction.atomic
def delete_indicator(indicator: Indicator, *, actor: User, expected_version: int | None) -> None:
    """Remove an indicator from a draft SKP."""
    plan = _editable(indicator.result.plan, actor, expected_version)
    text = str(indicator)
    indicator.delete()
    _edited(plan, actor, _("Indikator dihapus: %(text)s") % {"text": text}, {})


@transaction.atomic
def update_appendix(
    plan: PerformancePlan,
    *,
    actor: User,
    expected_version: int | None,
    resources: str,
    accountability: str,
    consequences: str,
) -> PerformancePlan:
    """Set the appendix: resources, accountability scheme and consequences."""
    plan = _editable(plan, actor, expected_version)
    before = audit.snapshot(plan, APPENDIX_FIELDS)
    plan.resources, plan.accountability, plan.consequences = (
        resources.strip(),
        accountability.strip(),
        consequences.strip(),
    )
    changes = audit.diff(plan, APPENDIX_FIELDS, before)
    if changes:
        plan.save(update_fields=list(changes))
        _edited(plan, actor, _("Lampiran SKP diubah"), changes)
    return plan


@transaction.atomic
def set_expectations(
    plan: PerformancePlan,
    *,
    actor: User,
    expected_version: int | None,
    texts: dict[str, str],
) -> PerformancePlan:
    """Set the leader's specific expectation per BerAKHLAK value.

    The employee writes them while drafting; the rater may complete them before approving.
    """
    if not (actor.has_perm("planning.edit_plan", plan) or _may_decide(actor, plan)):
        require(actor, "planning.edit_plan", plan)
    plan = _lock(plan, expected_version)
    if not plan.is_current or plan.status == PlanStatus.APPROVED:
        raise ValidationError(_("SKP yang sudah disetujui tidak dapat diubah."))
    if plan.status == PlanStatus.SUBMITTED and not _may_decide(actor, plan):
        raise ValidationError(_("SKP yang sudah diajukan tidak dapat diubah."))
    existing = {e.value: e for e in plan.expectations.all()}
    changes: audit.Changes = {}
    for value in CORE_VALUES:
        text = texts.get(value.code, "").strip()
        current = existing.get(value.code)
        old = current.text if current else ""
        if text == old:
            continue
        changes[value.code] = (old, text)
        if current is None:
            BehaviourExpectation.objects.create(
                agency_id=plan.agency_id, plan=plan, value=value.code, text=text
            )
        else:
            current.text = text
            current.save(update_fields=["text"])
    if changes:
        _edited(plan, actor, _("Ekspektasi perilaku diubah"), changes)
    return plan


# --- Workflow ---------------------------------------------------------------------------------


def _may_decide(actor: User, plan: PerformancePlan) -> bool:
    return actor.has_perm("planning.decide_plan", plan) and not _is_own(actor, plan)


def _is_own(actor: User, plan: PerformancePlan) -> bool:
    own_id = actor_of(actor).employee_id
    return plan.rater_id == plan.employee_id or (own_id is not None and own_id == plan.employee_id)


def _require_decider(actor: User, plan: PerformancePlan) -> None:
    """Only the plan's rater decides, and nobody decides on their own SKP."""
    if _is_own(actor, plan):
        raise PermissionDenied(
            _("Tidak ada yang boleh menyetujui atau mengembalikan SKP-nya sendiri.")
        )
    require(actor, "planning.decide_plan", plan)


def _check_complete(plan: PerformancePlan) -> None:
    """What an SKP needs before it goes to the rater."""
    if plan.rater_id is None:
        raise ValidationError(
            _("SKP ini belum memiliki pejabat penilai. Hubungi admin BKPSDM untuk menetapkannya.")
        )
    if plan.rater_id == plan.employee_id:
        raise ValidationError(_("Pejabat penilai tidak boleh pegawai itu sendiri."))
    results = list(plan.results.prefetch_related("indicators"))
    main = [r for r in results if r.kind == ResultKind.MAIN]
    if not main:
        raise ValidationError(_("Isikan sedikitnya satu rencana hasil kerja utama."))
    if any(not r.indicators.all() for r in results):
        raise ValidationError(_("Setiap RHK harus memiliki sedikitnya satu indikator kinerja."))
    position = plan.employee.position
    is_leader_of_agency = position is not None and position.kind == PositionKind.JPT
    rater_has_plan = PerformancePlan.objects.filter(
        employee_id=plan.rater_id, period_id=plan.period_id, status=PlanStatus.APPROVED
    ).exists()
    if not is_leader_of_agency and rater_has_plan and any(r.parent_id is None for r in main):
        raise ValidationError(
            _("Setiap RHK utama harus menyebut RHK pimpinan yang diintervensi (cascading).")
        )


@transaction.atomic
def submit_plan(
    plan: PerformancePlan, *, actor: User, expected_version: int | None
) -> PerformancePlan:
    """The employee submits the SKP to their rater."""
    require(actor, "planning.submit_plan", plan)
    plan = _editable(plan, actor, expected_version)
    _check_complete(plan)
    before = plan.status
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.snapshot = _freeze_snapshot(plan)
    plan.version += 1
    plan.save(update_fields=["status", "submitted_at", "snapshot", "version", "updated_at"])
    audit.record(
        plan,
        "planning.plan.submitted",
        actor=actor,
        agency_id=plan.agency_id,
        changes={"status": (before, plan.status)},
    )
    return plan


@transaction.atomic
def return_plan(
    plan: PerformancePlan, *, actor: User, expected_version: int | None, note: str
) -> PerformancePlan:
    """The rater returns the SKP to the employee with a note of what to fix."""
    _require_decider(actor, plan)
    plan = _lock(plan, expected_version)
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(_("Hanya SKP yang sedang diajukan yang dapat dikembalikan."))
    if not note.strip():
        raise ValidationError({"note": _("Tuliskan catatan perbaikan untuk pegawai.")})
    plan.status = PlanStatus.RETURNED
    plan.return_note = note.strip()
    plan.version += 1
    plan.save(update_fields=["status", "return_note", "version", "updated_at"])
    audit.record(
        plan,
        "planning.plan.returned",
        actor=actor,
        agency_id=plan.agency_id,
        changes={"status": (PlanStatus.SUBMITTED, plan.status)},
        note=plan.return_note,
    )
    return plan


@transaction.atomic
def approve_plan(
    plan: PerformancePlan, *, actor: User, expected_version: int | None
) -> PerformancePlan:
    """The rater approves the SKP; the header snapshot is frozen as it is now."""
    _require_decider(actor, plan)
    plan = _lock(plan, expected_version)
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(_("Hanya SKP yang sedang diajukan yang dapat disetujui."))
    plan.status = PlanStatus.APPROVED
    plan.approved_at = timezone.now()
    plan.approved_by = actor
    plan.snapshot = _freeze_snapshot(plan)
    plan.version += 1
    plan.save(
        update_fields=["status", "approved_at", "approved_by", "snapshot", "version", "updated_at"]
    )
    audit.record(
        plan,
        "planning.plan.approved",
        actor=actor,
        agency_id=plan.agency_id,
        changes={"status": (PlanStatus.SUBMITTED, plan.status)},
    )
    return plan
