"""Who may manage the catalogue of public services, record requests and read turnaround.

| permission | who |
|---|---|
| citizen.view_services (the catalogue, the request list, turnaround; no object) | agency admin, head, service-desk officer, inspector (the rows of the units under audit), national viewer |
| citizen.view_service (a Service or a ServiceRequest) | agency admin, national viewer (read-only), head of the unit's subtree, inspector (units under audit), service-desk officer within reach |
| citizen.manage_services (may create at all; no object) | agency admin, head |
| citizen.manage_service (a Unit, or a Service) | agency admin of the agency; head whose subtree holds the unit |
| citizen.record_requests (the desk; no object) | service-desk officer, agency admin |
| citizen.record_request (a Service, or a ServiceRequest: record, complete, correct) | agency admin of the agency; service-desk officer within reach |
| citizen.import_requests | agency admin, service-desk officer (each row's service must lie within reach) |

A service-desk officer's reach is the subtree of the unit their role grant names (a grant
without a unit: the whole agency). `service_scope`/`request_scope` are the same rules as
queries, so a list never shows a row its detail page would refuse.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from kinerja.core.models import Role, RoleGrant, User
from kinerja.core.permissions import (
    actor_of,
    in_own_agency,
    inspects,
    is_agency_admin,
    is_head,
    is_inspector,
    is_national_viewer,
    is_service_desk,
    path_in_subtree,
)
from kinerja.org.models import Unit

WHOLE_AGENCY = ("/",)  # every unit path starts with "/"


def desk_paths(user: Any) -> tuple[str, ...]:
    """The unit subtrees a service-desk officer serves (`("/",)` for the whole agency), cached
    on the user for the rest of the request; empty for anyone else."""
    actor = actor_of(user)
    if not actor.has_role(Role.SERVICE_DESK) or actor.user_id is None:
        return ()
    cached: tuple[str, ...] | None = getattr(user, "_kinerja_desk_paths", None)
    if cached is None:
        paths = list(
            RoleGrant.objects.filter(user_id=actor.user_id, role=Role.SERVICE_DESK).values_list(
                "unit__path", flat=True
            )
        )
        cached = WHOLE_AGENCY if None in paths else tuple(p for p in paths if p)
        user._kinerja_desk_paths = cached
    return cached


def unit_path_of(obj: Any) -> str | None:
    """The unit path of a Unit, or of the unit of a Service or a ServiceRequest."""
    if obj is None:
        return None
    if isinstance(obj, Unit):
        return obj.path
    unit = getattr(obj, "unit", None)
    return unit.path if unit is not None else None


@rules.predicate
def heads_unit_of(user: User, obj: Any) -> bool:
    path = unit_path_of(obj)
    return path is not None and path_in_subtree(path, actor_of(user).head_unit_paths)


@rules.predicate
def serves_unit_of(user: User, obj: Any) -> bool:
    path = unit_path_of(obj)
    return path is not None and path_in_subtree(path, desk_paths(user))


inspects_unit_of = inspects(unit_path_of, "inspects_unit_of")

rules.add_perm(
    "citizen.view_services",
    is_agency_admin | is_head | is_service_desk | is_inspector | is_national_viewer,
)
rules.add_perm(
    "citizen.view_service",
    is_national_viewer
    | (in_own_agency & (is_agency_admin | heads_unit_of | inspects_unit_of | serves_unit_of)),
)
rules.add_perm("citizen.manage_services", is_agency_admin | is_head)
rules.add_perm("citizen.manage_service", in_own_agency & (is_agency_admin | heads_unit_of))
rules.add_perm("citizen.record_requests", is_agency_admin | is_service_desk)
rules.add_perm("citizen.record_request", in_own_agency & (is_agency_admin | serves_unit_of))
rules.add_perm("citizen.import_requests", is_agency_admin | is_service_desk)


def _paths_query(paths: tuple[str, ...], field: str) -> Q:
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def service_scope(user: Any, unit_path_field: str = "unit__path") -> Q:
    """`citizen.view_service` as a query (over Service, or ServiceRequest: both have `unit`):
    the agency for its admin; the subtrees headed, under audit or served otherwise."""
    actor = actor_of(user)
    if actor.is_superuser or actor.is_national_viewer:
        return Q()
    if actor.has_role(Role.AGENCY_ADMIN):
        return Q()
    return _paths_query((*actor.reading_unit_paths, *desk_paths(user)), unit_path_field)


request_scope = service_scope


def manage_scope(user: Any, unit_path_field: str = "path") -> Q:
    """`citizen.manage_service` as a query over units: where the user may put services."""
    actor = actor_of(user)
    if actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN):
        return Q()
    return _paths_query(actor.head_unit_paths, unit_path_field)


def record_scope(user: Any, unit_path_field: str = "unit__path") -> Q:
    """`citizen.record_request` as a query: the services whose requests the user records."""
    actor = actor_of(user)
    if actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN):
        return Q()
    return _paths_query(desk_paths(user), unit_path_field)
