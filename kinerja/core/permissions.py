"""Who may do what: the actor's roles, and the predicates every app's rules are built from.

Each app declares its permissions once (`<app>/permissions.py`) with these predicates via the
`rules` package; views, the API and services ask `user.has_perm(code, obj)` or `require(...)`
and never derive roles by hand. Objects of another agency are reported as missing (404) by the
selectors, never as forbidden, so their existence is not revealed.

Inspectors (issue 7) read the performance, citizen and HR data of the units they are auditing
now, and nothing else: `Actor.inspected_unit_paths` holds those units (each standing for its
subtree), filled by the provider the oversight app registers (`register_inspection_scope`);
each app's read rules use `inspects(...)` on an object and `Actor.reading_unit_paths` (heads'
subtrees and audited subtrees together) in its list scopes. Writes never follow from either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kinerja.core.models import Agency, Role, User


@dataclass(frozen=True)
class Actor:
    """What the permission rules need to know about a signed-in user, computed once a request."""

    user_id: int | None
    agency_id: int | None
    roles: frozenset[str]
    employee_id: int | None
    head_unit_paths: tuple[str, ...]
    is_superuser: bool
    inspected_unit_paths: tuple[str, ...] = ()

    @property
    def is_national_viewer(self) -> bool:
        return Role.NATIONAL_VIEWER in self.roles

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def has_role_any(self, roles: tuple[str, ...]) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def reading_unit_paths(self) -> tuple[str, ...]:
        """The subtrees whose records this actor reads as a head or as an inspector auditing
        them: the read side of the list scopes (never a ground for a write)."""
        return self.head_unit_paths + self.inspected_unit_paths


ANONYMOUS = Actor(None, None, frozenset(), None, (), False)

# (user_id, agency_id) -> the unit paths the inspector is auditing now; set by the oversight
# app in AppConfig.ready(). Without it inspectors read nothing of the units.
_inspection_scope: Callable[[int, int], tuple[str, ...]] | None = None


def register_inspection_scope(provider: Callable[[int, int], tuple[str, ...]]) -> None:
    """Let the oversight app say which units an inspector is auditing (core imports no app)."""
    global _inspection_scope
    _inspection_scope = provider


def actor_of(user: Any) -> Actor:
    """The actor of `user`, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated or not isinstance(user, User):
        return ANONYMOUS
    cached: Actor | None = getattr(user, "_kinerja_actor", None)
    if cached is not None:
        return cached
    grants = list(user.role_grants.select_related("unit"))
    employee = getattr(user, "employee", None)
    roles = frozenset(grant.role for grant in grants)
    inspected: tuple[str, ...] = ()
    if Role.INSPECTOR in roles and user.agency_id is not None and _inspection_scope is not None:
        inspected = _inspection_scope(user.pk, user.agency_id)
    actor = Actor(
        user_id=user.pk,
        agency_id=user.agency_id,
        roles=roles,
        employee_id=employee.pk if employee is not None else None,
        head_unit_paths=tuple(
            grant.unit.path for grant in grants if grant.role == Role.HEAD and grant.unit
        ),
        is_superuser=user.is_superuser,
        inspected_unit_paths=inspected,
    )
    user._kinerja_actor = actor
    return actor


def forget_actor(user: User) -> None:
    """Drop the cached actor after the user's roles or employee link changed."""
    if hasattr(user, "_kinerja_actor"):
        del user._kinerja_actor


def require(user: User | AnonymousUser, perm: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless `user` holds `perm` (on `obj`)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


# --- Predicates ---------------------------------------------------------------------------


@rules.predicate
def is_agency_admin(user: User) -> bool:
    return actor_of(user).has_role(Role.AGENCY_ADMIN)


@rules.predicate
def is_head(user: User) -> bool:
    return actor_of(user).has_role(Role.HEAD)


@rules.predicate
def is_inspector(user: User) -> bool:
    return actor_of(user).has_role(Role.INSPECTOR)


@rules.predicate
def is_service_desk(user: User) -> bool:
    return actor_of(user).has_role(Role.SERVICE_DESK)


@rules.predicate
def is_national_viewer(user: User) -> bool:
    return actor_of(user).is_national_viewer


@rules.predicate
def is_employee(user: User) -> bool:
    return actor_of(user).employee_id is not None


@rules.predicate
def is_agency_member(user: User) -> bool:
    return actor_of(user).agency_id is not None


@rules.predicate
def in_own_agency(user: User, obj: Any) -> bool:
    """The object (or the agency itself) is the user's agency; no object: left to the list."""
    if obj is None:
        return True
    agency_id = obj.pk if isinstance(obj, Agency) else getattr(obj, "agency_id", None)
    return actor_of(user).agency_id == agency_id


def path_in_subtree(path: str, roots: tuple[str, ...]) -> bool:
    """Whether a unit path lies in (or is) one of the root paths."""
    return any(path.startswith(root) for root in roots)


def subtree_filter(paths: tuple[str, ...], field: str = "path") -> Any:
    """`Q(field__startswith=p1) | …` over the root paths; matches nothing when there are none."""
    from django.db.models import Q

    if not paths:
        return Q(pk__in=[])
    query = Q()
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def inspects(unit_path_of: Callable[[Any], str | None], name: str) -> Any:
    """A predicate: the user is an inspector auditing the unit of the object now.

    `unit_path_of(obj)` gives the path of the unit the object belongs to (an employee's unit,
    an evaluation's unit, a service's unit …); the object counts when that unit lies in a
    subtree under audit. Issue 7: inspectors read the data of the units under audit only.
    """

    def check(user: User, obj: Any) -> bool:
        if obj is None:
            return False
        paths = actor_of(user).inspected_unit_paths
        if not paths:
            return False
        path = unit_path_of(obj)
        return path is not None and path_in_subtree(path, paths)

    return rules.predicate(check, name=name)


@rules.predicate
def inspects_unit(user: User, unit: Any) -> bool:
    """The user is an inspector auditing `unit` (or a unit above it) right now."""
    if unit is None or getattr(unit, "agency_id", None) != actor_of(user).agency_id:
        return False
    return path_in_subtree(unit.path, actor_of(user).inspected_unit_paths)
