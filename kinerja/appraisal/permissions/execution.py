"""Execution permissions (PermenPANRB 6/2022: documenting performance, continuous feedback).

| permission | who |
|---|---|
| (the realisation page of a plan) | whoever may see the plan: planning.view_plan, via its selector |
| appraisal.record_realisation (realisation, evidence) | the plan's employee themself |
| appraisal.give_feedback (feedback, dialogues) | the plan's rater, never the employee themself |
| appraisal.view_team_performance | supervisors, and a Plt./Plh. while the assignment runs |
| appraisal.list_realisations (a unit's or the agency's) | agency admin, head, inspector, national viewer |

Whether the plan is approved and the sub-period open is a business rule: the services check it.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from kinerja.core.permissions import (
    actor_of,
    in_own_agency,
    is_agency_admin,
    is_head,
    is_inspector,
    is_national_viewer,
)
from kinerja.org.models import ActingAssignment
from kinerja.org.permissions import is_supervisor
from kinerja.planning.permissions import owns_plan, rates_plan


@rules.predicate
def is_acting_official(user: Any) -> bool:
    """Derived role: a Plt./Plh. whose assignment runs today (rates that position's reports)."""
    employee_id = actor_of(user).employee_id
    if employee_id is None:
        return False
    cached = getattr(user, "_kinerja_is_acting", None)
    if cached is None:
        today = timezone.localdate()
        cached = ActingAssignment.objects.filter(
            acting_employee_id=employee_id, start_date__lte=today, end_date__gte=today
        ).exists()
        user._kinerja_is_acting = cached
    return bool(cached)


rules.add_perm("appraisal.record_realisation", in_own_agency & owns_plan)
rules.add_perm("appraisal.give_feedback", in_own_agency & rates_plan & ~owns_plan)
rules.add_perm("appraisal.view_team_performance", is_supervisor | is_acting_official)
rules.add_perm(
    "appraisal.list_realisations",
    is_national_viewer | is_agency_admin | is_head | is_inspector,
)
