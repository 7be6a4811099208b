"""Development permissions, declared once.

| permission | who |
|---|---|
| development.view_catalogue (the training catalogue and the internal trainers) | every member of the agency |
| development.manage_catalogue (trainings, internal trainers) | agency admin |
| development.view_development (on an employee: JP, recommendations, plan, records) | the employee, their direct supervisor, a head of their unit's subtree, agency admin, inspector |
| development.edit_plan (on a plan: create, add/remove items, propose) | the employee, their direct supervisor, agency admin |
| development.agree_plan (on a plan: agree or return with a note) | the employee's direct supervisor |
| development.record_completion (on an employee: completion, certificates, records) | the direct supervisor, agency admin |
| development.manage_recommendations (on an employee: refresh, dismiss) | the direct supervisor, agency admin |
| development.refresh_agency (refresh the whole agency's recommendations) | agency admin |
| development.view_reports (JP shortfall list, recommendations and plans in reach) | agency admin, inspector, head, supervisor |
| development.view_savings (the saving of internal training per unit) | agency admin, inspector, head |

Whether a plan is a draft, proposed or agreed is a business rule: the services check it.
Lists are scoped with `employee_scope` (org), so a list never shows a row the detail refuses.
"""

from __future__ import annotations

from typing import Any

import rules

from kinerja.core.models import User
from kinerja.core.permissions import (
    actor_of,
    in_own_agency,
    is_agency_admin,
    is_agency_member,
    is_head,
    is_inspector,
    path_in_subtree,
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


reads_agency = is_agency_admin | is_inspector

rules.add_perm("development.view_catalogue", in_own_agency & is_agency_member)
rules.add_perm("development.manage_catalogue", in_own_agency & is_agency_admin)
rules.add_perm(
    "development.view_development",
    in_own_agency & (is_own | supervises_owner | heads_owner_unit | reads_agency),
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
