"""Competency permissions, declared once.

| permission | who |
|---|---|
| competency.view_dictionary (the dictionary and its level descriptions) | every member of the agency, national viewer |
| competency.manage_dictionary (dictionary entries, the default dictionary, required levels per position, assessment imports) | agency admin |
| competency.view_profile (on an employee: required vs current levels and gaps) | the employee, their direct supervisor, a head of their unit's subtree, agency admin, inspector (units under audit) |
| competency.set_level (on an employee: their current level, as supervisor's judgement) | the direct supervisor, agency admin |
| competency.view_team (the list of employees with their shortfalls) | supervisors (their reports), heads (their subtree), agency admin, inspector (units under audit) |
| competency.view_gap_report (the gaps per unit and per competency; on a unit: its subtree) | heads (their subtree), agency admin, inspector (units under audit) |

Lists use `profile_scope(actor)`, the same rule written as a query over Employee, so a list
never counts a person whose profile the viewer could not open. Inspectors read only the units
they are auditing now (issue 7): `inspects` on an object, `Actor.reading_unit_paths` in the
scopes; they write nothing. Objects of another agency are missing (404), never forbidden.
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
    inspects_unit,
    is_agency_admin,
    is_agency_member,
    is_head,
    is_inspector,
    is_national_viewer,
    path_in_subtree,
    subtree_filter,
)
from kinerja.org.permissions import heads_unit_of, is_self, is_supervisor, supervises


@rules.predicate
def heads_unit(user: User, unit: Any) -> bool:
    return unit is not None and path_in_subtree(unit.path, actor_of(user).head_unit_paths)


inspects_employee_unit = inspects(lambda employee: employee.unit.path, "inspects_employee_unit")

admin = in_own_agency & is_agency_admin

rules.add_perm(
    "competency.view_dictionary", is_national_viewer | (is_agency_member & in_own_agency)
)
rules.add_perm("competency.manage_dictionary", admin)
rules.add_perm(
    "competency.view_profile",
    in_own_agency
    & (is_agency_admin | is_self | supervises | heads_unit_of | inspects_employee_unit),
)
rules.add_perm("competency.set_level", in_own_agency & (supervises | is_agency_admin))
rules.add_perm("competency.view_team", is_agency_admin | is_inspector | is_head | is_supervisor)
rules.add_perm(
    "competency.view_gap_report", in_own_agency & (is_agency_admin | heads_unit | inspects_unit)
)
rules.add_perm("competency.view_gap_reports", is_agency_admin | is_inspector | is_head)


def reads_whole_agency(actor: Actor) -> bool:
    """Admins read everyone of their agency (superusers: of every agency); inspectors only the
    subtrees under audit (`reading_unit_paths`)."""
    return actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN)


def profile_scope(actor: Actor) -> Q:
    """`competency.view_profile` as a query over Employee (the tenant scope applies besides)."""
    if reads_whole_agency(actor):
        return Q()
    query = (
        Q(pk__in=[])
        if actor.employee_id is None
        else (Q(pk=actor.employee_id) | Q(supervisor_id=actor.employee_id))
    )
    return query | subtree_filter(actor.reading_unit_paths, "unit__path")


def team_scope(actor: Actor) -> Q:
    """Whom the team list shows: as `profile_scope`, without the viewer themself."""
    if reads_whole_agency(actor):
        return Q()
    query = Q(pk__in=[]) if actor.employee_id is None else Q(supervisor_id=actor.employee_id)
    return query | subtree_filter(actor.reading_unit_paths, "unit__path")


def unit_scope(actor: Actor) -> Q:
    """The units whose gap report the actor may read, as a query over Unit."""
    if reads_whole_agency(actor):
        return Q()
    return subtree_filter(actor.reading_unit_paths)
