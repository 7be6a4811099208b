"""Socialisation and forum permissions, declared once.

| permission | who |
|---|---|
| forum.publish_announcements (write a new announcement; the "managed by me" list) | agency admin (any audience), heads (an audience inside their subtree) |
| forum.manage_announcement (on one: edit a draft, publish, withdraw, who has not read it) | agency admin; a head whose subtree holds the whole audience |
| forum.view_announcement (on one: read it) | those who manage it; once published, the employees of the audience, its author and heads whose subtree meets the audience |
| forum.confirm_read (on one: confirm having read it) | the employees of the audience |
| forum.view_forum, forum.start_thread (the thread list, search, a new thread) | any member of an agency |
| forum.reply (on a thread) | any member of the thread's agency |
| forum.mark_answered (on a thread) | the thread's author, heads, the agency admin |
| forum.moderate (hide a thread or post with a reason, lock a thread) | agency admin |
| forum.export_threads (XLSX of the thread list) | agency admin |

Other agencies' announcements and threads are never found (404, by the tenant scope). Whether an
announcement is a draft, a thread locked, or a reason given is a business rule: the services
check it.
"""

from __future__ import annotations

from typing import Any

import rules

from kinerja.core.models import User
from kinerja.core.permissions import (
    actor_of,
    in_own_agency,
    is_agency_admin,
    is_agency_member,
    is_head,
    path_in_subtree,
)
from kinerja.org.models import Employee


def audience_paths(announcement: Any) -> tuple[str, ...]:
    """The unit paths of an announcement's audience (`units.all()`: served by a prefetch)."""
    cached: tuple[str, ...] | None = getattr(announcement, "_audience_paths", None)
    if cached is None:
        cached = tuple(unit.path for unit in announcement.units.all())
        announcement._audience_paths = cached
    return cached


def own_unit_path(user: User) -> str | None:
    """The unit path of the user's employee record (None without one), cached on the user."""
    actor = actor_of(user)
    if actor.employee_id is None:
        return None
    if not hasattr(user, "_forum_unit_path"):
        found = (
            Employee.objects.filter(pk=actor.employee_id, is_active=True)
            .values_list("unit__path", flat=True)
            .first()
        )
        user._forum_unit_path = found  # type: ignore[attr-defined]
    path: str | None = user._forum_unit_path  # type: ignore[attr-defined]
    return path


def audience_within(paths: tuple[str, ...], *, whole_agency: bool, roots: tuple[str, ...]) -> bool:
    """Whether an audience lies wholly inside the subtrees `roots` (a head's reach)."""
    return not whole_agency and bool(paths) and all(path_in_subtree(p, roots) for p in paths)


@rules.predicate
def heads_whole_audience(user: User, announcement: Any) -> bool:
    if announcement is None:
        return False
    return audience_within(
        audience_paths(announcement),
        whole_agency=announcement.whole_agency,
        roots=actor_of(user).head_unit_paths,
    )


@rules.predicate
def in_audience(user: User, announcement: Any) -> bool:
    """The user's employee record is active in a unit of the audience (or its subtree)."""
    if announcement is None:
        return False
    path = own_unit_path(user)
    if path is None:
        return False
    return announcement.whole_agency or path_in_subtree(path, audience_paths(announcement))


@rules.predicate
def head_meets_audience(user: User, announcement: Any) -> bool:
    """A head whose subtree overlaps the audience (either contains the other)."""
    roots = actor_of(user).head_unit_paths
    if announcement is None or not roots:
        return False
    if announcement.whole_agency:
        return True
    return any(
        p.startswith(r) or r.startswith(p) for p in audience_paths(announcement) for r in roots
    )


@rules.predicate
def wrote_announcement(user: User, announcement: Any) -> bool:
    return announcement is not None and announcement.created_by_id == user.pk


@rules.predicate
def is_published_or_withdrawn(user: User, announcement: Any) -> bool:
    return announcement is not None and announcement.status != "draft"


@rules.predicate
def wrote_thread(user: User, thread: Any) -> bool:
    return thread is not None and thread.author_id == user.pk


manages = in_own_agency & (is_agency_admin | heads_whole_audience)

rules.add_perm("forum.publish_announcements", is_agency_admin | is_head)
rules.add_perm("forum.manage_announcement", manages)
rules.add_perm(
    "forum.view_announcement",
    manages
    | (
        in_own_agency
        & is_published_or_withdrawn
        & (in_audience | wrote_announcement | head_meets_audience | is_agency_admin)
    ),
)
rules.add_perm("forum.confirm_read", in_own_agency & in_audience)
rules.add_perm("forum.view_forum", is_agency_member)
rules.add_perm("forum.start_thread", is_agency_member)
rules.add_perm("forum.reply", in_own_agency & is_agency_member)
rules.add_perm("forum.mark_answered", in_own_agency & (wrote_thread | is_head | is_agency_admin))
rules.add_perm("forum.moderate", in_own_agency & is_agency_admin)
rules.add_perm("forum.export_threads", is_agency_admin)
