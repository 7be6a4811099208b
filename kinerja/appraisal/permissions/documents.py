"""Who may download the official appraisal documents and export the appraisal data.

| permission | who |
|---|---|
| appraisal.download_evaluation_pdf | the employee, the rater, head (own subtree), agency admin, inspector (units under audit), national viewer |
| appraisal.download_assessment_pdf | head (own subtree), agency admin, inspector (units under audit), national viewer |
| appraisal.export_data | agency admin (whole agency), inspector (units under audit), head (own subtree) |

`export_scope` is the same rule as a query over unit paths.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from kinerja.appraisal.permissions.evaluation import owns_evaluation, rates_evaluation
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
)


@rules.predicate
def heads_unit_of(user: User, obj: Any) -> bool:
    """The evaluation's or the assessment's unit lies in a unit the user heads."""
    if obj is None:
        return False
    return path_in_subtree(obj.unit.path, actor_of(user).head_unit_paths)


inspects_unit_of = inspects(lambda obj: obj.unit.path, "inspects_unit_of")

rules.add_perm(
    "appraisal.download_evaluation_pdf",
    is_national_viewer
    | (
        in_own_agency
        & (is_agency_admin | inspects_unit_of | owns_evaluation | rates_evaluation | heads_unit_of)
    ),
)
rules.add_perm(
    "appraisal.download_assessment_pdf",
    is_national_viewer | (in_own_agency & (is_agency_admin | inspects_unit_of | heads_unit_of)),
)
rules.add_perm("appraisal.export_data", is_agency_admin | is_inspector | is_head)


def export_scope(actor: Actor, unit_path_field: str) -> Q:
    """`appraisal.export_data` as a query: everything of the agency for admins (and
    superusers), the headed subtrees for a head and the subtrees under audit for an inspector,
    nothing otherwise."""
    if actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN):
        return Q()
    query = Q(pk__in=[])
    for path in actor.reading_unit_paths:
        query |= Q(**{f"{unit_path_field}__startswith": path})
    return query
