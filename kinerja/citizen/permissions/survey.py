"""Who may see the satisfaction survey (SKM) results and handle its paper forms and posters.

| permission | who |
|---|---|
| (answer the survey: public pages and the kiosk API) | anyone, no account (rate-limited) |
| citizen.view_survey_report (report, IKM, responses list, downloads) | agency admin (whole agency), head (own subtree), inspector (units under audit), national viewer (read) |
| citizen.print_survey_poster (QR posters of a unit or service) | agency admin, head (own subtree), service desk officer (within reach) |
| citizen.import_survey_responses (paper questionnaires from XLSX) | agency admin, head (own subtree), service desk officer (within reach) |

Checked on a unit (a service is checked on its unit); without an object the permission says
whether the user may see or handle at least one unit (menus, list pages). `survey_unit_scope`
is the same rule written as a query over units, so a list never offers a unit its page refuses.
A service desk officer's reach is the one of the services area (`permissions.services.desk_paths`):
the subtree of the unit their role grant names, the whole agency for a grant without a unit.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from kinerja.citizen.permissions.services import desk_paths
from kinerja.core.models import Role, User
from kinerja.core.permissions import (
    actor_of,
    in_own_agency,
    is_agency_admin,
    is_national_viewer,
    path_in_subtree,
)

REPORT = "citizen.view_survey_report"
POSTER = "citizen.print_survey_poster"
IMPORT = "citizen.import_survey_responses"


@rules.predicate
def heads_the_unit(user: User, unit: Any) -> bool:
    """The unit lies in a subtree the user heads (no unit: the user heads some unit)."""
    if unit is None:
        return actor_of(user).has_role(Role.HEAD)
    return path_in_subtree(unit.path, actor_of(user).head_unit_paths)


@rules.predicate
def serves_the_unit(user: User, unit: Any) -> bool:
    """The unit is (below) the service desk officer's unit (no unit: the user is one)."""
    if unit is None:
        return actor_of(user).has_role(Role.SERVICE_DESK)
    return path_in_subtree(unit.path, desk_paths(user))


@rules.predicate
def inspects_the_unit(user: User, unit: Any) -> bool:
    """The unit lies in a subtree the user is auditing now (no unit: the user is an inspector,
    whose menu stays; the units offered are those under audit)."""
    if unit is None:
        return actor_of(user).has_role(Role.INSPECTOR)
    return path_in_subtree(unit.path, actor_of(user).inspected_unit_paths)


handles_paper = in_own_agency & (is_agency_admin | heads_the_unit | serves_the_unit)

rules.add_perm(
    REPORT,
    is_national_viewer | (in_own_agency & (is_agency_admin | heads_the_unit | inspects_the_unit)),
)
rules.add_perm(POSTER, handles_paper)
rules.add_perm(IMPORT, handles_paper)


def survey_unit_scope(user: Any, perm: str = REPORT, *, path_field: str = "path") -> Q:
    """`perm` as a query over units: every unit for whoever reads or handles the whole agency
    (the tenant scope keeps it to their agency); otherwise the headed subtrees, and for the
    report those under audit, for paper and posters those served."""
    actor = actor_of(user)
    whole = actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN)
    if perm == REPORT:
        whole = whole or actor.is_national_viewer
    if whole:
        return Q()
    paths = list(actor.reading_unit_paths if perm == REPORT else actor.head_unit_paths)
    if perm != REPORT:
        paths += desk_paths(user)
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{path_field}__startswith": path})
    return query
