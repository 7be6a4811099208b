"""Starting, copying and revising a plan, naming another rater, freezing the header snapshot."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.models import User
from kinerja.core.notifications import notify_employee
from kinerja.core.permissions import require
from kinerja.org.models import Employee
from kinerja.org.services import effective_supervisor
from kinerja.planning.models import (
    BehaviourExpectation,
    Indicator,
    PerformancePlan,
    Period,
    PlannedResult,
    PlanStatus,
)
from kinerja.planning.services.access import lock_plan

APPENDIX_FIELDS = ["resources", "accountability", "consequences"]


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


def freeze_snapshot(plan: PerformancePlan) -> dict[str, Any]:
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
    plan = lock_plan(plan, expected_version)
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
    plan = lock_plan(plan, expected_version)
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
    notify_employee(
        rater,
        code="planning.plan.rater_overridden",
        text=_("Anda ditetapkan sebagai pejabat penilai SKP %(name)s (%(period)s).")
        % {"name": plan.employee.full_name, "period": plan.period.name},
        url=reverse("planning:plan-detail", args=[plan.pk]),
        agency_id=plan.agency_id,
        actor=actor,
    )
    return plan
