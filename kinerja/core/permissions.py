"""Who may do what: the actor's roles, and the predicates every app's rules are built from.

Each app declares its permissions once (`<app>/permissions.py`) with these predicates via the
`rules` package; views, the API and services ask `user.has_perm(code, obj)` or `require(...)`
and never derive roles by hand. Objects of another agency are reported as missing (404) by the
selectors, never as forbidden, so their existence is not revealed.
"""

from __future__ import annotations

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

    @property
    def is_national_viewer(self) -> bool:
        return Role.NATIONAL_VIEWER in self.roles

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def has_role_any(self, roles: tuple[str, ...]) -> bool:
        return any(role in self.roles for role in roles)


ANONYMOUS = Actor(None, None, frozenset(), None, (), False)


def actor_of(user: Any) -> Actor:
    """The actor of `user`, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated or not isinstance(user, User):
        return ANONYMOUS
    cached: Actor | None = getattr(user, "_kinerja_actor", None)
    if cached is not None:
        return cached
    grants = list(user.role_grants.select_related("unit"))
    employee = getattr(user, "employee", None)
    actor = Actor(
        user_id=user.pk,
        agency_id=user.agency_id,
        roles=frozenset(grant.role for grant in grants),
        employee_id=employee.pk if employee is not None else None,
        head_unit_paths=tuple(
            grant.unit.path for grant in grants if grant.role == Role.HEAD and grant.unit
        ),
        is_superuser=user.is_superuser,
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
