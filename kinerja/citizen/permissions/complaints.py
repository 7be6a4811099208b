"""Complaint permissions, declared once: predicates for one object, a scope for lists.

| permission | who |
|---|---|
| citizen.list_complaints (the Pengaduan menu) | employees (those assigned to them), service desk, heads, agency admin, inspector (the rows of the units under audit), national viewer |
| citizen.view_complaint | service desk, agency admin (the agency); heads (the unit's subtree); inspector (units under audit); the assignee, the assignee's supervisor, whom it was escalated to; national viewer |
| citizen.register_complaint (on a unit: desk entry) | service desk, agency admin; heads for a unit of their subtree |
| citizen.assign_complaint, citizen.classify_complaint, citizen.reject_complaint | service desk, agency admin; heads (the unit's subtree) |
| citizen.respond_complaint, citizen.resolve_complaint | the assignee; agency admin; heads (the unit's subtree) |
| citizen.import_complaints (SP4N-LAPOR! exports) | agency admin, service desk |
| citizen.manage_calendar (holidays, day counting; on the agency) | agency admin |

The anonymous public registers complaints through the public form (the service is called with
no actor), follows them and rates the resolution by ticket code: no permission is involved,
only the ticket. Objects of another agency are not found (404) — the tenant scope hides them.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from kinerja.core.models import Role, User
from kinerja.core.permissions import (
    Actor,
    actor_of,
    in_own_agency,
    inspects,
    is_agency_admin,
    is_agency_member,
    is_employee,
    is_head,
    is_inspector,
    is_national_viewer,
    is_service_desk,
    path_in_subtree,
)
from kinerja.org.models import Employee, Unit


@rules.predicate
def is_assignee(user: User, complaint: Any) -> bool:
    own_id = actor_of(user).employee_id
    return complaint is not None and own_id is not None and complaint.assigned_to_id == own_id


@rules.predicate
def is_escalated_to(user: User, complaint: Any) -> bool:
    own_id = actor_of(user).employee_id
    return complaint is not None and own_id is not None and complaint.escalated_to_id == own_id


@rules.predicate
def supervises_assignee(user: User, complaint: Any) -> bool:
    own_id = actor_of(user).employee_id
    if complaint is None or own_id is None or complaint.assigned_to_id is None:
        return False
    return bool(complaint.assigned_to.supervisor_id == own_id)


@rules.predicate
def heads_complaint_unit(user: User, complaint: Any) -> bool:
    if complaint is None:
        return False
    return path_in_subtree(complaint.unit.path, actor_of(user).head_unit_paths)


@rules.predicate
def heads_unit_or_none(user: User, unit: Any) -> bool:
    """A head may register at a unit of their subtree (no unit yet: the form chooses one)."""
    paths = actor_of(user).head_unit_paths
    if unit is None:
        return bool(paths)
    return path_in_subtree(unit.path, paths)


inspects_complaint_unit = inspects(lambda complaint: complaint.unit.path, "inspects_complaint_unit")

triage = is_service_desk | is_agency_admin | heads_complaint_unit
handles = is_assignee | is_agency_admin | heads_complaint_unit

rules.add_perm(
    "citizen.list_complaints",
    is_employee | is_service_desk | is_head | is_agency_admin | is_inspector | is_national_viewer,
)
rules.add_perm(
    "citizen.view_complaint",
    is_national_viewer
    | (
        in_own_agency
        & (
            is_agency_admin
            | is_service_desk
            | heads_complaint_unit
            | inspects_complaint_unit
            | is_assignee
            | is_escalated_to
            | supervises_assignee
        )
    ),
)
rules.add_perm(
    "citizen.register_complaint",
    is_agency_member & in_own_agency & (is_service_desk | is_agency_admin | heads_unit_or_none),
)
rules.add_perm("citizen.assign_complaint", in_own_agency & triage)
rules.add_perm("citizen.classify_complaint", in_own_agency & triage)
rules.add_perm("citizen.reject_complaint", in_own_agency & triage)
rules.add_perm("citizen.respond_complaint", in_own_agency & handles)
rules.add_perm("citizen.resolve_complaint", in_own_agency & handles)
rules.add_perm(
    "citizen.import_complaints",
    is_agency_member & in_own_agency & (is_agency_admin | is_service_desk),
)
rules.add_perm("citizen.manage_calendar", is_agency_member & in_own_agency & is_agency_admin)


def complaint_scope(actor: Actor) -> Q:
    """`citizen.view_complaint` as a query over Complaint (the agency scope applies apart).

    A person's own reach is `assigned_to`/`escalated_to` (indexed foreign keys) or an assignee
    among their subordinates (an id subquery); a head's, the units of their subtree; an
    inspector's, the units of the subtrees under audit.
    """
    if actor.is_superuser or actor.is_national_viewer:
        return Q()
    if actor.has_role_any((Role.AGENCY_ADMIN, Role.SERVICE_DESK)):
        return Q()
    query = Q(pk__in=[])
    if actor.employee_id is not None:
        own = actor.employee_id
        subordinates = Employee.objects.order_by().filter(supervisor_id=own).values("pk")
        query = Q(assigned_to_id=own) | Q(escalated_to_id=own) | Q(assigned_to_id__in=subordinates)
    if actor.reading_unit_paths:
        units = Unit.objects.order_by().subtree_of(actor.reading_unit_paths)
        query |= Q(unit_id__in=units.values("pk"))
    return query
