"""Career permissions, declared once.

| permission | who |
|---|---|
| career.view_own_ledger (the "my credit" entry point) | any employee |
| career.view_ledger (on an employee: their angka kredit ledger and its PDF) | the employee, their direct supervisor, a head of their unit's subtree, agency admin, inspector (units under audit) |
| career.list_ledgers (the agency's functional employees with their credit) | agency admin, inspector (units under audit), heads (their subtree) |
| career.manage_credits (post credits, opening balances, the credit-needed table) | agency admin |
| career.view_credit_table | agency admin, inspector |
| career.view_awards (award recommendations and the sanction path) | agency admin, inspector (units under audit), heads (their subtree) |
| career.decide_award | agency admin |
| career.list_vacancies (vacant positions) | agency admin, inspector (positions of the units under audit), heads (positions in their subtree) |
| career.view_ranking (on a position: the ranked candidates and their export) | agency admin, inspector (units under audit), a head of the position's unit subtree |
| career.manage_vacancy (on a position: its candidate requirements) | agency admin |

The inspector reads only the units they are auditing now (issue 7): `inspects` on an object,
`Actor.reading_unit_paths` in the list scopes (org's `employee_scope` for people, and
`position_scope` below for vacancies); they write nothing. The credit-needed table is the
agency's configuration, not a unit's data, and stays readable to them. The ranking of a vacancy
under audit lists its candidates wherever they work, as a head of the position's unit sees it.
Objects of another agency are 404 (the selectors), not 403.
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
    is_employee,
    is_head,
    is_inspector,
    path_in_subtree,
    subtree_filter,
)
from kinerja.org.permissions import heads_unit_of, is_self, supervises


@rules.predicate
def heads_position_unit(user: User, position: Any) -> bool:
    return position is not None and path_in_subtree(
        position.unit.path, actor_of(user).head_unit_paths
    )


inspects_employee_unit = inspects(lambda employee: employee.unit.path, "inspects_employee_unit")
inspects_position_unit = inspects(lambda position: position.unit.path, "inspects_position_unit")

admin = in_own_agency & is_agency_admin

rules.add_perm("career.view_own_ledger", is_employee)
rules.add_perm(
    "career.view_ledger",
    in_own_agency
    & (is_agency_admin | is_self | supervises | heads_unit_of | inspects_employee_unit),
)
rules.add_perm("career.list_ledgers", in_own_agency & (is_agency_admin | is_inspector | is_head))
rules.add_perm("career.manage_credits", admin)
rules.add_perm("career.view_credit_table", in_own_agency & (is_agency_admin | is_inspector))
rules.add_perm("career.view_awards", in_own_agency & (is_agency_admin | is_inspector | is_head))
rules.add_perm("career.decide_award", admin)
rules.add_perm("career.list_vacancies", in_own_agency & (is_agency_admin | is_inspector | is_head))
rules.add_perm(
    "career.view_ranking",
    in_own_agency & (is_agency_admin | heads_position_unit | inspects_position_unit),
)
rules.add_perm("career.manage_vacancy", admin)


def position_scope(actor: Actor) -> Q:
    """`career.view_ranking` as a query over Position (the agency scope applies besides): every
    position for the admin, else those of the subtrees the actor heads or is auditing."""
    if actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN):
        return Q()
    return subtree_filter(actor.reading_unit_paths, "unit__path")
