"""Career permissions, declared once.

| permission | who |
|---|---|
| career.view_own_ledger (the "my credit" entry point) | any employee |
| career.view_ledger (on an employee: their angka kredit ledger and its PDF) | the employee, their direct supervisor, a head of their unit's subtree, agency admin, inspector |
| career.list_ledgers (the agency's functional employees with their credit) | agency admin, inspector, heads (their subtree) |
| career.manage_credits (post credits, opening balances, the credit-needed table) | agency admin |
| career.view_credit_table | agency admin, inspector |
| career.view_awards (award recommendations and the sanction path) | agency admin, inspector, heads (their subtree) |
| career.decide_award | agency admin |
| career.list_vacancies (vacant positions) | agency admin, inspector, heads (positions in their subtree) |
| career.view_ranking (on a position: the ranked candidates and their export) | agency admin, inspector, a head of the position's unit subtree |
| career.manage_vacancy (on a position: its candidate requirements) | agency admin |

The inspector reads everything of the agency and writes nothing. Objects of another agency are
404 (the selectors), not 403.
"""

from __future__ import annotations

from typing import Any

import rules

from kinerja.core.models import User
from kinerja.core.permissions import (
    actor_of,
    in_own_agency,
    is_agency_admin,
    is_employee,
    is_head,
    is_inspector,
    path_in_subtree,
)
from kinerja.org.permissions import heads_unit_of, is_self, supervises


@rules.predicate
def heads_position_unit(user: User, position: Any) -> bool:
    return position is not None and path_in_subtree(
        position.unit.path, actor_of(user).head_unit_paths
    )


admin = in_own_agency & is_agency_admin
reads_agency = in_own_agency & (is_agency_admin | is_inspector)

rules.add_perm("career.view_own_ledger", is_employee)
rules.add_perm(
    "career.view_ledger", reads_agency | (in_own_agency & (is_self | supervises | heads_unit_of))
)
rules.add_perm("career.list_ledgers", in_own_agency & (is_agency_admin | is_inspector | is_head))
rules.add_perm("career.manage_credits", admin)
rules.add_perm("career.view_credit_table", reads_agency)
rules.add_perm("career.view_awards", in_own_agency & (is_agency_admin | is_inspector | is_head))
rules.add_perm("career.decide_award", admin)
rules.add_perm("career.list_vacancies", in_own_agency & (is_agency_admin | is_inspector | is_head))
rules.add_perm("career.view_ranking", reads_agency | (in_own_agency & heads_position_unit))
rules.add_perm("career.manage_vacancy", admin)
