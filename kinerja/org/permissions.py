"""Organisation permissions, declared once.

Single objects are checked with `user.has_perm(code, obj)` (the `rules` predicates below);
lists use `employee_scope(actor)`, the same rule written as a query, so a list never shows a row
that its detail page would refuse.

| permission | who |
|---|---|
| org.view_employee | agency admin, inspector, head (own subtree), the supervisor, the employee themself, national viewer (read) |
| org.list_employees | anyone who can see at least their team: admin, inspector, head, supervisor, national viewer |
| org.manage (create, edit, transfer, deactivate, import, reset passwords, units, positions) | agency admin of the same agency |
| org.view_unit, org.view_org_chart | any member of the agency, national viewer |
| core.view_audit | agency admin, inspector |
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from kinerja.core.models import User
from kinerja.core.permissions import (
    Actor,
    actor_of,
    in_own_agency,
    is_agency_admin,
    is_agency_member,
    is_head,
    is_inspector,
    is_national_viewer,
    path_in_subtree,
)


@rules.predicate
def is_supervisor(user: User) -> bool:
    """Derived role: has at least one active subordinate."""
    actor = actor_of(user)
    if actor.employee_id is None:
        return False
    cached = getattr(user, "_kinerja_is_supervisor", None)
    if cached is None:
        cached = user.employee.subordinates.filter(is_active=True).exists()
        user._kinerja_is_supervisor = cached  # type: ignore[attr-defined]
    return bool(cached)


@rules.predicate
def is_self(user: User, employee: Any) -> bool:
    return employee is not None and actor_of(user).employee_id == employee.pk


@rules.predicate
def supervises(user: User, employee: Any) -> bool:
    own_id = actor_of(user).employee_id
    return employee is not None and own_id is not None and employee.supervisor_id == own_id


@rules.predicate
def heads_unit_of(user: User, employee: Any) -> bool:
    if employee is None:
        return False
    return path_in_subtree(employee.unit.path, actor_of(user).head_unit_paths)


manage = in_own_agency & is_agency_admin
reads_all_of_agency = in_own_agency & (is_agency_admin | is_inspector)

rules.add_perm(
    "org.view_employee",
    is_national_viewer
    | reads_all_of_agency
    | (in_own_agency & (is_self | supervises | heads_unit_of)),
)
rules.add_perm(
    "org.list_employees",
    is_national_viewer | is_agency_admin | is_inspector | is_head | is_supervisor,
)
rules.add_perm("org.manage", manage)
rules.add_perm("org.view_unit", is_national_viewer | (is_agency_member & in_own_agency))
rules.add_perm("core.view_audit", in_own_agency & (is_agency_admin | is_inspector))


def employee_scope(actor: Actor) -> Q:
    """`org.view_employee` as a query over Employee (the agency scope is applied separately)."""
    if actor.is_superuser or actor.is_national_viewer:
        return Q()
    if actor.has_role_any(("agency_admin", "inspector")):
        return Q()
    query = (
        Q(pk__in=[])
        if actor.employee_id is None
        else (Q(pk=actor.employee_id) | Q(supervisor_id=actor.employee_id))
    )
    for path in actor.head_unit_paths:
        query |= Q(unit__path__startswith=path)
    return query
