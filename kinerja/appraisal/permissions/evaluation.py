"""Evaluation permissions, declared once: predicates for one object, scopes for lists.

| permission | who |
|---|---|
| appraisal.list_evaluations (the Evaluasi menu) | employees, heads, agency admin, inspector, national viewer |
| appraisal.view_evaluation | the employee, the rater, head (subtree of the evaluation's unit), agency admin, inspector, national viewer, the decider of an objection to it |
| appraisal.open_evaluation (on an SKP) | the SKP's rater, never the employee themself |
| appraisal.rate_evaluation | the evaluation's rater, never the employee themself |
| appraisal.reopen_evaluation | agency admin |
| appraisal.recompute_predicates (on a period: the agency-wide predicate run) | agency admin |
| appraisal.assess_unit (on a unit: organisation predicate, calibration, breach, finalise) | a head whose unit's subtree strictly contains the unit; for a top-level unit the agency admin, on behalf of the regional head |
| appraisal.view_unit_assessment (on a unit) | heads of the unit's subtree (the unit included), agency admin, inspector, national viewer |
| appraisal.file_objection | the evaluated employee |
| appraisal.decide_objection | the objection's decider (the rater's superior); agency admin when there is none |
| appraisal.view_objection | the filer, the decider, the rater, head (subtree), agency admin, inspector, national viewer |

The organisation predicate of a top-level unit (a Dinas, a Kecamatan) belongs to the regional
head (kepala daerah), who has no account here: the agency admin (BKPSDM) records it on their
behalf (SE MenPANRB 3/2023, step 1).
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from kinerja.appraisal.models import Evaluation, Objection
from kinerja.core.models import Role, User
from kinerja.core.permissions import (
    Actor,
    actor_of,
    in_own_agency,
    inspects,
    inspects_unit,
    is_agency_admin,
    is_employee,
    is_head,
    is_inspector,
    is_national_viewer,
    path_in_subtree,
)
from kinerja.org.models import Unit


@rules.predicate
def owns_evaluation(user: User, evaluation: Any) -> bool:
    own_id = actor_of(user).employee_id
    return evaluation is not None and own_id is not None and evaluation.employee_id == own_id


@rules.predicate
def rates_evaluation(user: User, evaluation: Any) -> bool:
    own_id = actor_of(user).employee_id
    return evaluation is not None and own_id is not None and evaluation.rater_id == own_id


@rules.predicate
def heads_unit_of_evaluation(user: User, evaluation: Any) -> bool:
    if evaluation is None:
        return False
    return path_in_subtree(evaluation.unit.path, actor_of(user).head_unit_paths)


@rules.predicate
def decides_objection_to(user: User, evaluation: Any) -> bool:
    own_id = actor_of(user).employee_id
    if evaluation is None or own_id is None:
        return False
    return bool(evaluation.objections.filter(decider_id=own_id).exists())


@rules.predicate
def rates_plan(user: User, plan: Any) -> bool:
    own_id = actor_of(user).employee_id
    return plan is not None and own_id is not None and plan.rater_id == own_id


@rules.predicate
def owns_plan(user: User, plan: Any) -> bool:
    own_id = actor_of(user).employee_id
    return plan is not None and own_id is not None and plan.employee_id == own_id


def heads_above(path: str, head_paths: tuple[str, ...]) -> bool:
    """Whether one of the head paths strictly contains the unit path (a unit above it)."""
    return any(path.startswith(root) and path != root for root in head_paths)


@rules.predicate
def heads_unit_above(user: User, unit: Any) -> bool:
    return unit is not None and heads_above(unit.path, actor_of(user).head_unit_paths)


@rules.predicate
def is_top_level_unit(user: User, unit: Any) -> bool:
    return unit is not None and unit.parent_id is None


@rules.predicate
def heads_unit_or_above(user: User, unit: Any) -> bool:
    return unit is not None and path_in_subtree(unit.path, actor_of(user).head_unit_paths)


@rules.predicate
def files_objection(user: User, objection: Any) -> bool:
    return objection is not None and objection.filed_by_id == user.pk


@rules.predicate
def decides_objection(user: User, objection: Any) -> bool:
    own_id = actor_of(user).employee_id
    return objection is not None and own_id is not None and objection.decider_id == own_id


@rules.predicate
def objection_without_decider(user: User, objection: Any) -> bool:
    return objection is not None and objection.decider_id is None


@rules.predicate
def objection_in_reach(user: User, objection: Any) -> bool:
    """The rater or a head of the unit of the evaluation objected to."""
    if objection is None:
        return False
    evaluation = objection.evaluation
    return bool(rates_evaluation(user, evaluation) or heads_unit_of_evaluation(user, evaluation))


inspects_evaluation = inspects(lambda evaluation: evaluation.unit.path, "inspects_evaluation")
inspects_unit_of_objection = inspects(
    lambda objection: objection.evaluation.unit.path, "inspects_unit_of_objection"
)

rules.add_perm(
    "appraisal.view_evaluation",
    is_national_viewer
    | (in_own_agency & (is_agency_admin | inspects_evaluation))
    | (
        in_own_agency
        & (owns_evaluation | rates_evaluation | heads_unit_of_evaluation | decides_objection_to)
    ),
)
rules.add_perm(
    "appraisal.list_evaluations",
    is_employee | is_agency_admin | is_inspector | is_head | is_national_viewer,
)
rules.add_perm("appraisal.open_evaluation", in_own_agency & rates_plan & ~owns_plan)
rules.add_perm("appraisal.rate_evaluation", in_own_agency & rates_evaluation & ~owns_evaluation)
rules.add_perm("appraisal.reopen_evaluation", in_own_agency & is_agency_admin)
rules.add_perm("appraisal.recompute_predicates", in_own_agency & is_agency_admin)
rules.add_perm(
    "appraisal.assess_unit",
    in_own_agency & (heads_unit_above | (is_top_level_unit & is_agency_admin)),
)
rules.add_perm(
    "appraisal.view_unit_assessment",
    is_national_viewer | (in_own_agency & (is_agency_admin | inspects_unit | heads_unit_or_above)),
)
rules.add_perm("appraisal.file_objection", in_own_agency & owns_evaluation)
rules.add_perm(
    "appraisal.decide_objection",
    in_own_agency
    & ~files_objection
    & (decides_objection | (objection_without_decider & is_agency_admin)),
)
rules.add_perm(
    "appraisal.view_objection",
    is_national_viewer
    | (in_own_agency & (is_agency_admin | inspects_unit_of_objection))
    | (in_own_agency & (files_objection | decides_objection | objection_in_reach)),
)


def evaluation_scope(actor: Actor) -> Q:
    """`appraisal.view_evaluation` as a query over Evaluation (agency scope applied separately).

    The person's own reach is one `pk IN (… UNION …)` of indexed id sets (employee, rater,
    objections decided) instead of an OR of conditions, which makes PostgreSQL scan every
    evaluation of the agency; a head's subtree is `unit_id IN (units of the subtree)`.
    """
    if actor.is_superuser or actor.is_national_viewer:
        return Q()
    if actor.has_role(Role.AGENCY_ADMIN):
        return Q()
    if actor.employee_id is None:
        query = Q(pk__in=[])
    else:
        own = actor.employee_id
        ids = Evaluation.objects.order_by().filter(employee_id=own).values("pk")
        query = Q(
            pk__in=ids.union(
                Evaluation.objects.order_by().filter(rater_id=own).values("pk"),
                _objected_evaluations(own),
            )
        )
    if actor.reading_unit_paths:  # heads' subtrees and the subtrees under audit
        query |= Q(unit_id__in=_subtree_units(actor.reading_unit_paths))
    return query


def _subtree_units(paths: tuple[str, ...]) -> Any:
    units = Q()
    for path in paths:
        units |= Q(path__startswith=path)
    return Unit.objects.order_by().filter(units).values("pk")


def _objected_evaluations(employee_id: int) -> Any:
    return Objection.objects.order_by().filter(decider_id=employee_id).values("evaluation_id")


def objection_scope(actor: Actor, user_id: int | None) -> Q:
    """`appraisal.view_objection` as a query over Objection."""
    if actor.is_superuser or actor.is_national_viewer:
        return Q()
    if actor.has_role(Role.AGENCY_ADMIN):
        return Q()
    query = Q(filed_by_id=user_id) if user_id is not None else Q(pk__in=[])
    if actor.employee_id is not None:
        query |= Q(decider_id=actor.employee_id) | Q(evaluation__rater_id=actor.employee_id)
    for path in actor.reading_unit_paths:
        query |= Q(evaluation__unit__path__startswith=path)
    return query
