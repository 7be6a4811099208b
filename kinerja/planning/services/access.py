"""Who may act on a plan, and the lock every write to a plan takes.

The SKP is edited as one document: every change takes the plan's `expected_version` and bumps
it, so a rater who approves what they read is refused (StaleEdit) if the employee changed it
meanwhile, and two raters' concurrent decisions cannot both win.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import User
from kinerja.core.permissions import actor_of, require
from kinerja.planning.models import PerformancePlan


def lock_plan(plan: PerformancePlan, expected_version: int | None) -> PerformancePlan:
    locked: PerformancePlan = (
        PerformancePlan.objects.select_for_update(of=("self",))
        .select_related("employee", "employee__unit", "employee__position", "rater", "period")
        .get(pk=plan.pk)
    )
    check_version(locked.version, expected_version)
    return locked


def editable_plan(
    plan: PerformancePlan, actor: User, expected_version: int | None
) -> PerformancePlan:
    """The plan locked for a content edit by its employee, while draft or returned."""
    require(actor, "planning.edit_plan", plan)
    plan = lock_plan(plan, expected_version)
    if not plan.is_editable:
        raise ValidationError(
            _("SKP yang sudah diajukan atau disetujui tidak dapat diubah.")
            if plan.is_current
            else _("Versi SKP ini sudah digantikan revisi dan hanya dapat dibaca.")
        )
    return plan


def mark_edited(plan: PerformancePlan, actor: User, what: str, changes: audit.Changes) -> None:
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


def may_decide(actor: User, plan: PerformancePlan) -> bool:
    return actor.has_perm("planning.decide_plan", plan) and not is_own(actor, plan)


def is_own(actor: User, plan: PerformancePlan) -> bool:
    own_id = actor_of(actor).employee_id
    return plan.rater_id == plan.employee_id or (own_id is not None and own_id == plan.employee_id)


def require_decider(actor: User, plan: PerformancePlan) -> None:
    """Only the plan's rater decides, and nobody decides on their own SKP."""
    if is_own(actor, plan):
        raise PermissionDenied(
            _("Tidak ada yang boleh menyetujui atau mengembalikan SKP-nya sendiri.")
        )
    require(actor, "planning.decide_plan", plan)
