"""Talent-management permissions, declared once.

| permission | who |
|---|---|
| talent.manage (cut-offs, potential scores and their import, recomputing, key positions) | agency admin |
| talent.view_grid (the 9-box, its boxes, the talent pool, the unmapped list) | agency admin (whole agency); heads (their unit subtree); inspector (units under audit, read-only) |
| talent.view_succession (key positions and their ranked candidates; the rows: `key_position_scope`) | agency admin, inspector (key positions of the units under audit) |
| talent.view_potential (the potential scores recorded, the cut-offs; the rows: `grid_scope`) | agency admin, inspector (scores of the units under audit) |
| talent.view_key_position (on a key position: its ranked candidates) | agency admin, inspector (units under audit) |
| talent.view_placement (on an employee: their box) | the employee, their direct supervisor, a head of their subtree, agency admin, inspector (units under audit) |
| talent.view_mine (the "my box" page: own card, direct reports' boxes) | any employee |

National viewers see nothing here: a box is a personnel judgement of one agency. Lists use
`grid_scope(actor)`, the same rule written as a query, so a list never shows a row its detail
would refuse. Inspectors read only the units they are auditing now (issue 7) and write nothing;
the candidates of a key position under audit are its ranking as a whole, wherever they work.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from kinerja.core.models import Role
from kinerja.core.permissions import (
    Actor,
    in_own_agency,
    inspects,
    is_agency_admin,
    is_employee,
    is_head,
    is_inspector,
    subtree_filter,
)
from kinerja.org.permissions import heads_unit_of, is_self, supervises

inspects_employee_unit = inspects(lambda employee: employee.unit.path, "inspects_employee_unit")
inspects_key_position_unit = inspects(
    lambda key: key.position.unit.path, "inspects_key_position_unit"
)
lists_agency = in_own_agency & (is_agency_admin | is_inspector)

rules.add_perm("talent.manage", in_own_agency & is_agency_admin)
rules.add_perm("talent.view_grid", in_own_agency & (is_agency_admin | is_inspector | is_head))
rules.add_perm("talent.view_succession", lists_agency)
rules.add_perm("talent.view_potential", lists_agency)
rules.add_perm(
    "talent.view_key_position", in_own_agency & (is_agency_admin | inspects_key_position_unit)
)
rules.add_perm(
    "talent.view_placement",
    in_own_agency
    & (is_agency_admin | is_self | supervises | heads_unit_of | inspects_employee_unit),
)
rules.add_perm("talent.view_mine", is_employee)


def reads_whole_agency(actor: Actor) -> bool:
    """Admins read the whole agency (superusers: every agency); inspectors and heads do not."""
    return actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN)


def grid_scope(actor: Actor, prefix: str = "employee__") -> Q:
    """The employees whose boxes (and potential scores) `actor` lists: the whole agency for its
    admin, else the subtrees the actor heads or is auditing as an inspector."""
    if reads_whole_agency(actor):
        return Q()
    return subtree_filter(actor.reading_unit_paths, f"{prefix}unit__path")


def key_position_scope(actor: Actor) -> Q:
    """`talent.view_key_position` as a query over KeyPosition (the agency scope applies
    besides): every key position for the admin, those of the audited units for an inspector."""
    if reads_whole_agency(actor):
        return Q()
    return subtree_filter(actor.inspected_unit_paths, "position__unit__path")
