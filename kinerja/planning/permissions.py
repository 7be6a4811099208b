"""Planning permissions, declared once: predicates for one plan, `plan_scope` for lists.

| permission | who |
|---|---|
| planning.view_plan | the employee, the rater, head (own subtree), agency admin, inspector (units under audit), national viewer |
| planning.list_plans (all plans in reach, rows by `plan_scope`) | agency admin, inspector (units under audit), head, national viewer |
| planning.start_plan (for an employee) | the employee themself, agency admin |
| planning.edit_plan, planning.submit_plan | the employee themself (status is checked by the service) |
| planning.decide_plan (approve, return) | the plan's rater, never the employee themself |
| planning.revise_plan | the employee, the rater, agency admin |
| planning.override_rater, planning.manage_periods | agency admin |
| planning.view_team | supervisors |
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
    is_head,
    is_inspector,
    is_national_viewer,
    path_in_subtree,
    subtree_filter,
)
from kinerja.org.models import Employee, Unit
from kinerja.org.permissions import is_self, is_supervisor
from kinerja.planning.models import PerformancePlan


@rules.predicate
def owns_plan(user: User, plan: Any) -> bool:
    own_id = actor_of(user).employee_id
    return plan is not None and own_id is not None and plan.employee_id == own_id


@rules.predicate
def rates_plan(user: User, plan: Any) -> bool:
    own_id = actor_of(user).employee_id
    return plan is not None and own_id is not None and plan.rater_id == own_id


@rules.predicate
def heads_unit_of_plan(user: User, plan: Any) -> bool:
    if plan is None:
        return False
    return path_in_subtree(plan.employee.unit.path, actor_of(user).head_unit_paths)


inspects_plan = inspects(lambda plan: plan.employee.unit.path, "inspects_plan")

admin = in_own_agency & is_agency_admin

rules.add_perm(
    "planning.view_plan",
    is_national_viewer
    | (in_own_agency & (is_agency_admin | inspects_plan))
    | (in_own_agency & (owns_plan | rates_plan | heads_unit_of_plan)),
)
rules.add_perm("planning.list_plans", is_national_viewer | is_agency_admin | is_inspector | is_head)
rules.add_perm("planning.start_plan", in_own_agency & (is_self | is_agency_admin))
rules.add_perm("planning.edit_plan", in_own_agency & owns_plan)
rules.add_perm("planning.submit_plan", in_own_agency & owns_plan)
rules.add_perm("planning.decide_plan", in_own_agency & rates_plan & ~owns_plan)
rules.add_perm("planning.revise_plan", in_own_agency & (owns_plan | rates_plan | is_agency_admin))
rules.add_perm("planning.override_rater", admin)
rules.add_perm("planning.manage_periods", admin)
rules.add_perm("planning.view_periods", is_agency_admin | is_inspector | is_national_viewer)
rules.add_perm("planning.view_team", is_supervisor)


def plan_scope(actor: Actor) -> Q:
    """`planning.view_plan` as a query over PerformancePlan (agency scope applied separately).

    The person's own reach is one `pk IN (… UNION …)` of indexed id sets (employee, rater)
    rather than an OR, which PostgreSQL answers by scanning every plan of the agency; a head's
    subtree is `employee_id IN (employees of the subtree's units)`, and so are the subtrees an
    inspector is auditing.
    """
    if actor.is_superuser or actor.is_national_viewer:
        return Q()
    if actor.has_role(Role.AGENCY_ADMIN):
        return Q()
    if actor.employee_id is None:
        query = Q(pk__in=[])
    else:
        own = PerformancePlan.objects.order_by().filter(employee_id=actor.employee_id)
        rated = PerformancePlan.objects.order_by().filter(rater_id=actor.employee_id)
        query = Q(pk__in=own.values("pk").union(rated.values("pk")))
    if actor.reading_unit_paths:
        units = subtree_filter(actor.reading_unit_paths)
        people = Employee.objects.order_by().filter(
            unit_id__in=Unit.objects.order_by().filter(units).values("pk")
        )
        query |= Q(employee_id__in=people.values("pk"))
    return query
