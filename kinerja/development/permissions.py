"""Development permissions, declared once.

| permission | who |
|---|---|
| development.view_catalogue (the training catalogue and the internal trainers) | every member of the agency |
| development.manage_catalogue (trainings, internal trainers) | agency admin |
| development.view_development (on an employee: JP, recommendations, plan, records) | the employee, their direct supervisor, a head of their unit's subtree, agency admin, inspector (units under audit) |
| development.edit_plan (on a plan: create, add/remove items, propose) | the employee, their direct supervisor, agency admin |
| development.agree_plan (on a plan: agree or return with a note) | the employee's direct supervisor |
| development.record_completion (on an employee: completion, certificates, records) | the direct supervisor, agency admin |
| development.manage_recommendations (on an employee: refresh, dismiss) | the direct supervisor, agency admin |
| development.refresh_agency (refresh the whole agency's recommendations) | agency admin |
| development.view_reports (JP shortfall list, recommendations and plans in reach) | agency admin, inspector (units under audit), head, supervisor |
| development.view_savings (the saving of internal training per unit) | agency admin, inspector (units under audit), head |

Whether a plan is a draft, proposed or agreed is a business rule: the services check it.
Lists are scoped with `employee_scope` (org), so a list never shows a row the detail refuses;
the units listed and the savings per unit follow `reading_scope`. Inspectors read only the units
they are auditing now (issue 7) and write nothing.
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
    path_in_subtree,
    subtree_filter,
)
from kinerja.org.permissions import is_self, is_supervisor, supervises


def _employee_of(obj: Any) -> Any:
    """An employee, or the employee a plan/recommendation/record belongs to."""
    return getattr(obj, "employee", obj)


@rules.predicate
def is_own(user: User, obj: Any) -> bool:
    return obj is not None and is_self.test(user, _employee_of(obj))


@rules.predicate
def supervises_owner(user: User, obj: Any) -> bool:
    return obj is not None and supervises.test(user, _employee_of(obj))


@rules.predicate
def heads_owner_unit(user: User, obj: Any) -> bool:
    if obj is None:
        return False
    employee = _employee_of(obj)
    return path_in_subtree(employee.unit.path, actor_of(user).head_unit_paths)


inspects_owner_unit = inspects(
    lambda obj: _employee_of(obj).unit.path, "development.inspects_owner_unit"
)

rules.add_perm("development.view_catalogue", in_own_agency & is_agency_member)
rules.add_perm("development.manage_catalogue", in_own_agency & is_agency_admin)
rules.add_perm(
    "development.view_development",
    in_own_agency
    & (is_agency_admin | is_own | supervises_owner | heads_owner_unit | inspects_owner_unit),
)
rules.add_perm(
    "development.edit_plan", in_own_agency & (is_own | supervises_owner | is_agency_admin)
)
rules.add_perm("development.agree_plan", in_own_agency & supervises_owner)
rules.add_perm(
    "development.record_completion", in_own_agency & (supervises_owner | is_agency_admin)
)
rules.add_perm(
    "development.manage_recommendations", in_own_agency & (supervises_owner | is_agency_admin)
)
rules.add_perm("development.refresh_agency", in_own_agency & is_agency_admin)
rules.add_perm(
    "development.view_reports",
    in_own_agency & (is_agency_admin | is_inspector | is_head | is_supervisor),
)
rules.add_perm(
    "development.view_savings", in_own_agency & (is_agency_admin | is_inspector | is_head)
)


def reading_scope(actor: Actor, field: str = "path") -> Q:
    """The units whose employees the reports count, as a query over `field` (a unit path): the
    whole agency for its admin (superusers: every agency), else the subtrees the actor heads or
    is auditing as an inspector."""
    if actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN):
        return Q()
    return subtree_filter(actor.reading_unit_paths, field)
