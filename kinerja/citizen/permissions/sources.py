"""Permissions of indicators fed by data (an SKP indicator whose realisation is computed from
service requests, survey responses or complaints).

| permission | who |
|---|---|
| (the "Indikator dari data" page of an SKP) | whoever may see the SKP: planning.view_plan, via its selector |
| citizen.bind_indicator_source (SKP) | the SKP's employee while the SKP is editable, its rater, agency admin |
| citizen.override_source_value (SKP) | the SKP's employee, its rater |
| citizen.recompute_plan_sources (SKP) | the SKP's employee, its rater, agency admin |
| citizen.list_indicator_sources (the agency's) | agency admin, head, inspector, national viewer; the rows are the SKP each may see (`planning.plan_scope`: an inspector's, those of the units under audit) |

Whether the sub-period is still open (SKP approved, started, evaluation not final) is a business
rule: the services check it.
"""

from __future__ import annotations

from typing import Any

import rules

from kinerja.core.models import User
from kinerja.core.permissions import (
    in_own_agency,
    is_agency_admin,
    is_head,
    is_inspector,
    is_national_viewer,
)
from kinerja.planning.permissions import owns_plan, rates_plan


@rules.predicate
def plan_is_editable(user: User, plan: Any) -> bool:
    return plan is not None and bool(plan.is_editable)


rules.add_perm(
    "citizen.bind_indicator_source",
    in_own_agency & ((owns_plan & plan_is_editable) | rates_plan | is_agency_admin),
)
rules.add_perm("citizen.override_source_value", in_own_agency & (owns_plan | rates_plan))
rules.add_perm(
    "citizen.recompute_plan_sources", in_own_agency & (owns_plan | rates_plan | is_agency_admin)
)
rules.add_perm(
    "citizen.list_indicator_sources",
    is_national_viewer | is_agency_admin | is_head | is_inspector,
)
