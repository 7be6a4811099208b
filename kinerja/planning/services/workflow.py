"""The SKP workflow: submit to the rater, return with a note, approve.

PermenPANRB 6/2022: draft → submitted → approved, or returned with a note → submitted again.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.models import User
from kinerja.core.notifications import notify_employee
from kinerja.core.permissions import require
from kinerja.org.models import Employee, PositionKind
from kinerja.planning.models import PerformancePlan, PlanStatus, ResultKind
from kinerja.planning.services.access import editable_plan, lock_plan, require_decider
from kinerja.planning.services.plans import freeze_snapshot


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


def _tell(
    recipient: Employee | None, plan: PerformancePlan, actor: User, code: str, text: str
) -> None:
    """Notify the other party of a workflow step, linking to the plan (never the actor)."""
    notify_employee(
        recipient,
        code=code,
        text=text,
        url=reverse("planning:plan-detail", args=[plan.pk]),
        agency_id=plan.agency_id,
        actor=actor,
    )


@transaction.atomic
def submit_plan(
    plan: PerformancePlan, *, actor: User, expected_version: int | None
) -> PerformancePlan:
    """The employee submits the SKP to their rater."""
    require(actor, "planning.submit_plan", plan)
    plan = editable_plan(plan, actor, expected_version)
    _check_complete(plan)
    before = plan.status
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.snapshot = freeze_snapshot(plan)
    plan.version += 1
    plan.save(update_fields=["status", "submitted_at", "snapshot", "version", "updated_at"])
    audit.record(
        plan,
        "planning.plan.submitted",
        actor=actor,
        agency_id=plan.agency_id,
        changes={"status": (before, plan.status)},
    )
    _tell(
        plan.rater,
        plan,
        actor,
        "planning.plan.submitted",
        _("SKP %(name)s menunggu persetujuan Anda (%(period)s).")
        % {"name": plan.employee.full_name, "period": plan.period.name},
    )
    return plan


@transaction.atomic
def return_plan(
    plan: PerformancePlan, *, actor: User, expected_version: int | None, note: str
) -> PerformancePlan:
    """The rater returns the SKP to the employee with a note of what to fix."""
    require_decider(actor, plan)
    plan = lock_plan(plan, expected_version)
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
    _tell(
        plan.employee,
        plan,
        actor,
        "planning.plan.returned",
        _("SKP Anda (%(period)s) dikembalikan untuk diperbaiki. Catatan: %(note)s")
        % {"period": plan.period.name, "note": plan.return_note},
    )
    return plan


@transaction.atomic
def approve_plan(
    plan: PerformancePlan, *, actor: User, expected_version: int | None
) -> PerformancePlan:
    """The rater approves the SKP; the header snapshot is frozen as it is now."""
    require_decider(actor, plan)
    plan = lock_plan(plan, expected_version)
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(_("Hanya SKP yang sedang diajukan yang dapat disetujui."))
    plan.status = PlanStatus.APPROVED
    plan.approved_at = timezone.now()
    plan.approved_by = actor
    plan.snapshot = freeze_snapshot(plan)
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
    _tell(
        plan.employee,
        plan,
        actor,
        "planning.plan.approved",
        _("SKP Anda (%(period)s) telah disetujui.") % {"period": plan.period.name},
    )
    return plan
