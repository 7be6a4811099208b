"""360° feedback permissions, declared once.

| permission | who |
|---|---|
| behaviour.manage_rounds (create, open, close, delete a round; send reminders) | agency admin |
| behaviour.view_rounds (the round list) | agency admin; inspector (the rounds rating people of the units under audit); heads see the list (to reach their units' view) |
| behaviour.view_progress (on a round: progress, who has not answered) | agency admin; inspector (units under audit: a round rating people there, its figures and raters of those units) |
| behaviour.adjust_raters (on an employee: add or remove raters while the round is a draft) | the employee's direct supervisor, agency admin |
| behaviour.answer (on an assignment: draft, send) | the assignment's rater, nobody else |
| behaviour.view_report (on an employee: their aggregated report) | the employee, their direct supervisor, the rater of their current SKP, a head of their unit's subtree, agency admin |
| behaviour.view_unit_summary (on a closed round: the weakest values per unit) | heads (their subtree), agency admin, inspector (a round rating people of the units under audit: those units) |

No permission lets anyone read one rater's answers: the answers of a sent questionnaire are
stored without the rater (see `models`), and every read is an aggregate (`selectors.reports`).
Whether the round is a draft, open or closed is a business rule: the services check it.
What an inspector reads of a round is narrowed to the units under audit by the selectors
(`selectors.rounds.progress_reach`, `selectors.reports.units_in_reach`).
"""

from __future__ import annotations

from typing import Any

import rules

from kinerja.behaviour.models import Tally
from kinerja.core.models import Role, User
from kinerja.core.permissions import (
    actor_of,
    in_own_agency,
    is_agency_admin,
    is_head,
    is_inspector,
    path_in_subtree,
    subtree_filter,
)
from kinerja.org.permissions import heads_unit_of, is_self, supervises
from kinerja.planning.models import PerformancePlan


@rules.predicate
def rates_assignment(user: User, assignment: Any) -> bool:
    own_id = actor_of(user).employee_id
    return assignment is not None and own_id is not None and assignment.rater_id == own_id


@rules.predicate
def rates_current_plan_of(user: User, employee: Any) -> bool:
    """The rater (pejabat penilai) of the employee's current SKP, acting officials included."""
    own_id = actor_of(user).employee_id
    if employee is None or own_id is None:
        return False
    return bool(
        PerformancePlan.objects.filter(
            employee_id=employee.pk, rater_id=own_id, is_current=True
        ).exists()
    )


@rules.predicate
def heads_unit(user: User, unit: Any) -> bool:
    return unit is not None and path_in_subtree(unit.path, actor_of(user).head_unit_paths)


@rules.predicate
def inspects_round(user: User, feedback_round: Any) -> bool:
    """The round rates people of a unit the user is auditing now (its counters name the unit);
    without a round, whether the user is an inspector (their round list holds only those)."""
    actor = actor_of(user)
    if feedback_round is None:
        return actor.has_role(Role.INSPECTOR)
    paths = actor.inspected_unit_paths
    if not paths:
        return False
    tallies = Tally.objects.filter(round=feedback_round).filter(subtree_filter(paths, "unit__path"))
    return bool(tallies.exists())


rules.add_perm("behaviour.manage_rounds", in_own_agency & is_agency_admin)
rules.add_perm("behaviour.view_rounds", in_own_agency & (is_agency_admin | is_inspector | is_head))
rules.add_perm("behaviour.view_progress", in_own_agency & (is_agency_admin | inspects_round))
rules.add_perm("behaviour.adjust_raters", in_own_agency & (supervises | is_agency_admin))
rules.add_perm("behaviour.answer", in_own_agency & rates_assignment)
rules.add_perm(
    "behaviour.view_report",
    in_own_agency
    & (is_self | supervises | heads_unit_of | is_agency_admin | rates_current_plan_of),
)
rules.add_perm(
    "behaviour.view_unit_summary", in_own_agency & (is_head | is_agency_admin | inspects_round)
)
