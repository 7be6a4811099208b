"""What each role's home page shows, computed in a handful of aggregate queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import Agency, Role, User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee, Position, Unit


def role_labels(user: User) -> list[str]:
    """The user's roles as Indonesian labels: derived ones (employee, supervisor) first."""
    actor = actor_of(user)
    labels: list[str] = []
    if actor.is_superuser:
        labels.append("Superuser")
    if actor.employee_id is not None:
        labels.append(str(_("Pegawai")))
        if Employee.objects.filter(supervisor_id=actor.employee_id, is_active=True).exists():
            labels.append(str(_("Atasan")))
    labels += [str(Role(role).label) for role in sorted(actor.roles)]
    return labels


@dataclass
class Home:
    employee: Employee | None = None
    subordinates: list[Employee] = field(default_factory=list)
    peers_count: int = 0
    agency_figures: dict[str, int] | None = None
    head_units: list[dict[str, Any]] = field(default_factory=list)
    agencies: list[dict[str, Any]] = field(default_factory=list)


def home_for(user: User) -> Home:
    """The signed-in user's profile, team, and the figures of their roles."""
    actor = actor_of(user)
    home = Home()
    if actor.employee_id is not None:
        home.employee = (
            Employee.objects.select_related("unit", "position", "supervisor__position")
            .filter(pk=actor.employee_id)
            .first()
        )
        home.subordinates = list(
            Employee.objects.filter(supervisor_id=actor.employee_id, is_active=True)
            .select_related("position", "unit")
            .order_by("name")[:50]
        )
        if home.employee is not None:
            home.peers_count = (
                Employee.objects.filter(unit_id=home.employee.unit_id, is_active=True)
                .exclude(pk=actor.employee_id)
                .count()
            )
    if user.has_perm("core.view_audit", user.agency) or actor.has_role_any(("agency_admin",)):
        home.agency_figures = agency_figures()
    for path in actor.head_unit_paths:
        unit = Unit.objects.filter(path=path).first()
        if unit is not None:
            home.head_units.append(
                {
                    "unit": unit,
                    "headcount": Employee.objects.filter(
                        is_active=True, unit__path__startswith=path
                    ).count(),
                    "subunits": Unit.objects.filter(parent=unit, is_active=True).count(),
                }
            )
    if actor.is_national_viewer or actor.is_superuser:
        home.agencies = agencies_side_by_side()
    return home


def agency_figures() -> dict[str, int]:
    """Data-quality figures of the agency in scope, for admins and inspectors."""
    employees = Employee.objects.aggregate(
        active=Count("id", filter=Q(is_active=True)),
        inactive=Count("id", filter=Q(is_active=False)),
        pppk=Count("id", filter=Q(is_active=True, employee_type="pppk")),
        no_supervisor=Count("id", filter=Q(is_active=True, supervisor__isnull=True)),
        no_position=Count("id", filter=Q(is_active=True, position__isnull=True)),
        no_account=Count("id", filter=Q(is_active=True, user__isnull=True)),
    )
    employees["units"] = Unit.objects.filter(is_active=True).count()
    employees["vacant_positions"] = (
        Position.objects.filter(is_active=True)
        .annotate(n=Count("holders", filter=Q(holders__is_active=True)))
        .filter(n=0)
        .count()
    )
    return employees


def agencies_side_by_side() -> list[dict[str, Any]]:
    """Every agency with its head-count and units, for national and provincial viewers."""
    counts = {
        row["agency_id"]: row
        for row in Employee.objects.values("agency_id").annotate(
            active=Count("id", filter=Q(is_active=True)),
            pppk=Count("id", filter=Q(is_active=True, employee_type="pppk")),
        )
    }
    units = dict(
        Unit.objects.values("agency_id").annotate(n=Count("id")).values_list("agency_id", "n")
    )
    return [
        {
            "agency": agency,
            "active": counts.get(agency.pk, {}).get("active", 0),
            "pppk": counts.get(agency.pk, {}).get("pppk", 0),
            "units": units.get(agency.pk, 0),
        }
        for agency in Agency.objects.order_by("name")
    ]
