"""Talent-management permissions, declared once.

| permission | who |
|---|---|
| talent.manage (cut-offs, potential scores and their import, recomputing, key positions) | agency admin |
| talent.view_grid (the 9-box, its boxes, the talent pool, the unmapped list) | agency admin and inspector (whole agency, inspector read-only); heads (their unit subtree) |
| talent.view_succession (key positions and their ranked candidates) | agency admin, inspector |
| talent.view_potential (the potential scores recorded) | agency admin, inspector |
| talent.view_placement (on an employee: their box) | the employee, their direct supervisor, a head of their subtree, agency admin, inspector |
| talent.view_mine (the "my box" page: own card, direct reports' boxes) | any employee |

National viewers see nothing here: a box is a personnel judgement of one agency. Lists use
`placement_scope(actor)`, the same rule written as a query, so a list never shows a row its
detail would refuse.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from kinerja.core.permissions import (
    Actor,
    in_own_agency,
    is_agency_admin,
    is_employee,
    is_head,
    is_inspector,
)
from kinerja.org.permissions import heads_unit_of, is_self, supervises

reads_agency = in_own_agency & (is_agency_admin | is_inspector)

rules.add_perm("talent.manage", in_own_agency & is_agency_admin)
rules.add_perm("talent.view_grid", in_own_agency & (is_agency_admin | is_inspector | is_head))
rules.add_perm("talent.view_succession", reads_agency)
rules.add_perm("talent.view_potential", reads_agency)
rules.add_perm(
    "talent.view_placement",
    reads_agency | (in_own_agency & (is_self | supervises | heads_unit_of)),
)
rules.add_perm("talent.view_mine", is_employee)


def grid_scope(actor: Actor, prefix: str = "employee__") -> Q:
    """The employees whose boxes the grid of `actor` counts: whole agency or head subtrees."""
    if actor.is_superuser or actor.has_role_any(("agency_admin", "inspector")):
        return Q()
    query = Q(pk__in=[])
    for path in actor.head_unit_paths:
        query |= Q(**{f"{prefix}unit__path__startswith": path})
    return query
