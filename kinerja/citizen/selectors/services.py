"""Reads of the services catalogue and of service requests, scoped to what the user may see.

The access choke points are `get_service_for` and `get_request_for` (404 for another agency's
or an out-of-reach object); the lists apply the same rule as a query (`service_scope`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from kinerja.citizen.models import RequestImport, Service, ServiceRequest
from kinerja.citizen.permissions.services import (
    manage_scope,
    record_scope,
    request_scope,
    service_scope,
)
from kinerja.core.models import Role, User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee, Unit


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the current time zone (an indexable bound)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# --- The catalogue --------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceFilters:
    q: str = ""
    unit: Unit | None = None
    status: str = "active"  # active | inactive | all
    year: int | None = None  # of the completions counted; None: this year


def _request_count(condition: Q) -> Any:
    """A correlated count of a service's requests: evaluated only for the rows returned."""
    requests = ServiceRequest.objects.filter(condition, service=OuterRef("pk"))
    counted = requests.order_by().values("service").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def services_visible_to(user: User, filters: ServiceFilters | None = None) -> QuerySet[Service]:
    """The services the user may see, with their unit, the requests completed in the year and
    those still open (SQL subqueries on the (service, completed) index), by unit then name."""
    filters = filters or ServiceFilters()
    year = filters.year or timezone.localdate().year
    services = Service.objects.filter(service_scope(user)).select_related("unit")
    if filters.status == "active":
        services = services.filter(is_active=True)
    elif filters.status == "inactive":
        services = services.filter(is_active=False)
    if filters.q:
        term = filters.q.strip()
        services = services.filter(Q(name__icontains=term) | Q(code__icontains=term))
    if filters.unit is not None:
        services = services.filter(unit__path__startswith=filters.unit.path)
    completed_in_year = Q(
        completed_at__gte=day_start(dt.date(year, 1, 1)),
        completed_at__lt=day_start(dt.date(year + 1, 1, 1)),
    )
    return services.annotate(
        completed_in_year=_request_count(completed_in_year),
        open_count=_request_count(Q(completed_at__isnull=True)),
    ).order_by("unit__path", "name", "id")


def get_service_for(user: User, pk: int) -> Service:
    """One service the user may see; anything else (another agency's included) is a 404."""
    service = Service.objects.select_related("unit").filter(pk=pk).first()
    if service is None or not user.has_perm("citizen.view_service", service):
        raise Http404
    return service


def units_in_view(user: User) -> QuerySet[Unit]:
    """Units for the filters of the lists: the active units the user's reach covers."""
    return Unit.objects.filter(service_scope(user, "path"), is_active=True).order_by("path")


def units_to_manage(user: User) -> QuerySet[Unit]:
    """Active units where the user may add a service (agency admin: all; head: subtree)."""
    return Unit.objects.filter(manage_scope(user), is_active=True).order_by("path")


# --- Requests -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestFilters:
    q: str = ""  # ticket code
    service: Service | None = None
    unit: Unit | None = None
    status: str = ""  # "" | open | completed
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    handled_by: Employee | None = None


def requests_visible_to(
    user: User, filters: RequestFilters | None = None
) -> QuerySet[ServiceRequest]:
    """Requests the user may see, newest first, with service, unit and handler joined."""
    filters = filters or RequestFilters()
    requests = ServiceRequest.objects.filter(request_scope(user)).select_related(
        "service", "unit", "handled_by"
    )
    if filters.q:
        requests = requests.filter(ticket_code__icontains=filters.q.strip())
    if filters.service is not None:
        requests = requests.filter(service=filters.service)
    if filters.unit is not None:
        requests = requests.filter(unit__path__startswith=filters.unit.path)
    if filters.status == "open":
        requests = requests.filter(completed_at__isnull=True)
    elif filters.status == "completed":
        requests = requests.filter(completed_at__isnull=False)
    if filters.received_from is not None:
        requests = requests.filter(received_at__gte=day_start(filters.received_from))
    if filters.received_to is not None:
        next_day = filters.received_to + dt.timedelta(days=1)
        requests = requests.filter(received_at__lt=day_start(next_day))
    if filters.handled_by is not None:
        requests = requests.filter(handled_by=filters.handled_by)
    return requests.order_by("-received_at", "-id")


def get_request_for(user: User, pk: int) -> ServiceRequest:
    """One request the user may see; anything else is a 404."""
    found = (
        ServiceRequest.objects.select_related(
            "service__unit", "unit", "handled_by__unit", "recorded_by"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None or not user.has_perm("citizen.view_service", found):
        raise Http404
    return found


def services_in_view(user: User) -> QuerySet[Service]:
    """Services for the filters of the request list and the turnaround report."""
    return (
        Service.objects.filter(service_scope(user))
        .select_related("unit")
        .order_by("unit__path", "name")
    )


def handlers_in_view(user: User) -> QuerySet[Employee]:
    """Employees for the handler filter: the active staff of the units in the user's reach."""
    return (
        Employee.objects.filter(service_scope(user), is_active=True)
        .select_related("unit")
        .order_by("name", "id")
    )


# --- The desk ----------------------------------------------------------------------------------


def desk_units(user: User) -> list[Unit]:
    """Units with active services whose requests the user records, in tree order."""
    unit_ids = (
        Service.objects.filter(record_scope(user), is_active=True)
        .order_by()
        .values("unit_id")
        .distinct()
    )
    return list(Unit.objects.filter(pk__in=unit_ids).order_by("path"))


def desk_services(user: User, unit: Unit) -> QuerySet[Service]:
    """The active services of one desk unit the user may record."""
    return (
        Service.objects.filter(record_scope(user), unit=unit, is_active=True)
        .select_related("unit")
        .order_by("name")
    )


def services_to_record(user: User, *, keep: Service | None = None) -> QuerySet[Service]:
    """Active services whose requests the user records, and `keep` (a request's own service,
    so that correcting it never silently changes it)."""
    condition = record_scope(user) & Q(is_active=True)
    if keep is not None:
        condition |= Q(pk=keep.pk)
    return Service.objects.filter(condition).select_related("unit").order_by("unit__path", "name")


def desk_handlers(unit: Unit) -> QuerySet[Employee]:
    """Who may be named as handler at a unit's desk: its active staff and its sub-units'."""
    return Employee.objects.filter(unit__path__startswith=unit.path, is_active=True).order_by(
        "name", "id"
    )


def open_requests(user: User, unit: Unit) -> QuerySet[ServiceRequest]:
    """A desk unit's requests not completed yet, oldest first (the queue to work through)."""
    return (
        ServiceRequest.objects.filter(record_scope(user), unit=unit, completed_at__isnull=True)
        .select_related("service", "handled_by")
        .order_by("received_at", "id")
    )


# --- Imports -----------------------------------------------------------------------------------


def imports_visible_to(user: User) -> QuerySet[RequestImport]:
    """The agency's imports for its admin; a service-desk officer's own imports for them."""
    jobs = RequestImport.objects.defer("rows", "errors").select_related("created_by")
    actor = actor_of(user)
    if actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN):
        return jobs
    return jobs.filter(created_by_id=actor.user_id)


def get_import_for(user: User, pk: int, *, with_errors: bool = True) -> RequestImport:
    """One import the user may follow; another agency's or another officer's is a 404."""
    jobs = imports_visible_to(user)
    if with_errors:
        jobs = jobs.defer("rows")
    job = jobs.filter(pk=pk).first()
    if job is None:
        raise Http404
    return job
