"""Reads of announcements: those addressed to the user and those they manage, one announcement
(the access choke point), and who has read it — all counted in SQL.

The audience is the active employees of the agency (whole agency) or of the chosen units'
subtrees (`unit.path` prefixes). Who has not read is the audience minus the confirmations: a
query, never a stored list, so it follows transfers and deactivations at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.forum.models import Announcement, AnnouncementStatus, ReadConfirmation
from kinerja.forum.permissions import audience_paths, own_unit_path
from kinerja.org.models import Employee, Unit

# Counting stops past this many unread announcements, so the menu badge stays one cheap query.
BADGE_LIMIT = 99

AudienceUnit = Announcement.units.through


def subtree_filter(paths: Iterable[str], field: str = "unit__path") -> Q | None:
    """`field` lies in one of the subtrees rooted at `paths`; None for no paths."""
    query: Q | None = None
    for path in paths:
        term = Q(**{f"{field}__startswith": path})
        query = term if query is None else query | term
    return query


def audience_of(announcement: Announcement) -> QuerySet[Employee]:
    """The active employees an announcement is addressed to."""
    employees = Employee.objects.filter(agency_id=announcement.agency_id, is_active=True)
    if announcement.whole_agency:
        return employees
    query = subtree_filter(audience_paths(announcement))
    return employees.filter(query) if query is not None else employees.none()


def _confirmed_by(employee_id: int | OuterRef) -> Exists:
    return Exists(
        ReadConfirmation.objects.filter(announcement_id=OuterRef("pk"), employee_id=employee_id)
    )


def _ancestor_paths(path: str) -> list[str]:
    """`/1/7/12/` → `/1/`, `/1/7/`, `/1/7/12/`: the units whose subtree holds this one."""
    parts = [part for part in path.split("/") if part]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def addressed_to(user: User) -> QuerySet[Announcement]:
    """Published and withdrawn announcements whose audience holds the user, newest first, with
    `is_confirmed` (whether the user confirmed reading)."""
    employee_id = actor_of(user).employee_id
    path = own_unit_path(user)
    if employee_id is None or path is None:
        return Announcement.objects.none()
    in_units = Exists(
        AudienceUnit.objects.filter(
            announcement_id=OuterRef("pk"), unit__path__in=_ancestor_paths(path)
        )
    )
    return (
        Announcement.objects.visible_to_readers()
        .filter(Q(whole_agency=True) | in_units)
        .annotate(is_confirmed=_confirmed_by(employee_id))
        .order_by("-published_at", "-id")
    )


def managed_by(user: User) -> QuerySet[Announcement]:
    """Announcements the user manages: every one for the agency admin; for a head, those whose
    whole audience lies in their subtree (drafts included), newest first."""
    actor = actor_of(user)
    announcements = Announcement.objects.select_related("created_by").order_by("-created_at", "-id")
    if actor.is_superuser or "agency_admin" in actor.roles:
        return announcements
    inside = subtree_filter(actor.head_unit_paths)
    if inside is None:
        return Announcement.objects.none()
    units = AudienceUnit.objects.filter(announcement_id=OuterRef("pk"))
    return announcements.filter(whole_agency=False, pk__in=units.values("announcement_id")).exclude(
        Exists(units.exclude(inside))
    )


def with_audience(announcements: QuerySet[Announcement]) -> QuerySet[Announcement]:
    return announcements.prefetch_related(
        Prefetch("units", queryset=Unit.objects.order_by("path").only("pk", "name", "path"))
    )


def get_announcement_for(
    user: User, pk: int, *, perm: str = "forum.view_announcement"
) -> Announcement:
    """One announcement of the user's agency that `perm` allows; anything else is 404."""
    found = (
        with_audience(Announcement.objects.select_related("created_by", "published_by"))
        .filter(pk=pk)
        .first()
    )
    if found is None or not user.has_perm(perm, found):
        raise Http404
    return found


def is_confirmed_by(announcement: Announcement, user: User) -> bool:
    employee_id = actor_of(user).employee_id
    return employee_id is not None and (
        ReadConfirmation.objects.filter(announcement=announcement, employee_id=employee_id).exists()
    )


@dataclass(frozen=True)
class Reading:
    """How many of the audience have confirmed reading."""

    read: int
    total: int

    @property
    def unread(self) -> int:
        return self.total - self.read

    @property
    def percent(self) -> int:
        return round(100 * self.read / self.total) if self.total else 0


def reading_of(announcement: Announcement) -> Reading:
    """`read` of `total` in the current audience (two COUNTs in SQL)."""
    audience = audience_of(announcement)
    confirmed = ReadConfirmation.objects.filter(
        announcement=announcement, employee_id=OuterRef("pk")
    )
    return Reading(read=audience.filter(Exists(confirmed)).count(), total=audience.count())


def reading_of_page(announcements: list[Announcement]) -> dict[int, Reading]:
    """Reading counts of a page of announcements in three queries whatever its length: active
    employees per unit path and confirmations per (announcement, unit path), both GROUP BY in
    SQL, summed per audience here. Needs the audience prefetched (`with_audience`)."""
    if not announcements:
        return {}
    per_unit: dict[tuple[int, str], int] = {
        (agency_id, path): n
        for agency_id, path, n in Employee.objects.filter(
            agency_id__in={a.agency_id for a in announcements}, is_active=True
        )
        .order_by()
        .values_list("agency_id", "unit__path")
        .annotate(n=Count("pk"))
    }
    confirmed: dict[int, dict[str, int]] = {}
    for announcement_id, path, n in (
        ReadConfirmation.objects.filter(
            announcement_id__in=[a.pk for a in announcements], employee__is_active=True
        )
        .order_by()
        .values_list("announcement_id", "employee__unit__path")
        .annotate(n=Count("pk"))
    ):
        confirmed.setdefault(announcement_id, {})[path] = n

    def inside(path: str, announcement: Announcement) -> bool:
        return announcement.whole_agency or any(
            path.startswith(root) for root in audience_paths(announcement)
        )

    readings: dict[int, Reading] = {}
    for announcement in announcements:
        total = sum(
            n
            for (agency_id, path), n in per_unit.items()
            if agency_id == announcement.agency_id and inside(path, announcement)
        )
        read = sum(
            n
            for path, n in confirmed.get(announcement.pk, {}).items()
            if inside(path, announcement)
        )
        readings[announcement.pk] = Reading(read=read, total=total)
    return readings


def unread_employees(
    announcement: Announcement, *, unit: Unit | None = None, q: str = ""
) -> QuerySet[Employee]:
    """The audience who have not confirmed yet, by name; narrowed to a unit's subtree and by a
    name or NIP search."""
    confirmed = ReadConfirmation.objects.filter(
        announcement=announcement, employee_id=OuterRef("pk")
    )
    employees = audience_of(announcement).exclude(Exists(confirmed))
    if unit is not None:
        employees = employees.filter(unit__path__startswith=unit.path)
    term = q.strip()
    if term:
        employees = employees.filter(Q(name__icontains=term) | Q(nip__startswith=term))
    return employees.select_related("unit", "position", "user").order_by("name", "id")


def audience_units(announcement: Announcement) -> QuerySet[Unit]:
    """The units of the audience with their subtrees (the unit filter of the unread list)."""
    units = Unit.objects.filter(is_active=True).order_by("path")
    if announcement.whole_agency:
        return units
    query = subtree_filter(audience_paths(announcement), field="path")
    return units.filter(query) if query is not None else units.none()


def unread_badge_count(user: User) -> int:
    """Published announcements needing the user's confirmation that they have not given, up to
    BADGE_LIMIT + 1 — one query: the audience test runs in SQL against the user's unit path."""
    employee_id = actor_of(user).employee_id
    if employee_id is None:
        return 0
    me = Employee.objects.filter(pk=employee_id, is_active=True)
    in_units = Exists(
        AudienceUnit.objects.filter(announcement_id=OuterRef("pk")).filter(
            Exists(me.filter(unit__path__startswith=OuterRef("unit__path")))
        )
    )
    pending = (
        Announcement.objects.filter(status=AnnouncementStatus.PUBLISHED, requires_confirmation=True)
        .filter((Q(whole_agency=True) & Exists(me)) | in_units)
        .exclude(_confirmed_by(employee_id))
    )
    return int(pending.order_by()[: BADGE_LIMIT + 1].count())
