"""Organisation permissions, declared once.

Single objects are checked with `user.has_perm(code, obj)` (the `rules` predicates below);
lists use `employee_scope(actor)`, the same rule written as a query, so a list never shows a row
that its detail page would refuse.

| permission | who |
|---|---|
| org.view_employee | agency admin, inspector (units under audit), head (own subtree), the supervisor, the employee themself, national viewer (read) |
| org.list_employees | anyone who can see at least their team: admin, inspector (the rows of the units under audit), head, supervisor, national viewer |
| org.manage (create, edit, transfer, deactivate, import, reset passwords, units, positions) | agency admin of the same agency |
| org.view_unit, org.view_org_chart | any member of the agency, national viewer |
| core.view_audit | agency admin, inspector |
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
    is_head,
    is_inspector,
    is_national_viewer,
    path_in_subtree,
    subtree_filter,
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


inspects_employee = inspects(lambda employee: employee.unit.path, "inspects_employee")

manage = in_own_agency & is_agency_admin

rules.add_perm(
    "org.view_employee",
    is_national_viewer
    | (
        in_own_agency & (is_agency_admin | is_self | supervises | heads_unit_of | inspects_employee)
    ),
)
rules.add_perm(
    "org.list_employees",
    is_national_viewer | is_agency_admin | is_inspector | is_head | is_supervisor,
)
rules.add_perm("org.manage", manage)
rules.add_perm("org.view_unit", is_national_viewer | (is_agency_member & in_own_agency))
rules.add_perm("core.view_audit", in_own_agency & (is_agency_admin | is_inspector))


def employee_scope(actor: Actor) -> Q:
    """`org.view_employee` as a query over Employee (the agency scope is applied separately):
    the whole agency for its admin; oneself, one's direct reports, and the units of the
    subtrees one heads or is auditing as an inspector."""
    if actor.is_superuser or actor.is_national_viewer:
        return Q()
    if actor.has_role(Role.AGENCY_ADMIN):
        return Q()
    query = (
        Q(pk__in=[])
        if actor.employee_id is None
        else (Q(pk=actor.employee_id) | Q(supervisor_id=actor.employee_id))
    )
    if actor.reading_unit_paths:
        query |= subtree_filter(actor.reading_unit_paths, "unit__path")
    return query
