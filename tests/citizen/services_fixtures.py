"""Builders for the services-area tests: services of a unit and their requests, written through
the services (actor=None: the system) so they are what the pages and the API would record."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kinerja.citizen.models import Service, ServiceRequest
from kinerja.citizen.services import catalogue, requests
from kinerja.org.models import Employee, Unit

JAKARTA = timezone.get_fixed_timezone(7 * 60)


def at(year: int, month: int, day: int, hour: int = 8, minute: int = 0) -> dt.datetime:
    """A local (WIB) time, aware."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


def make_service(
    unit: Unit, name: str = "KTP Elektronik", code: str = "ktp-el", standard: int = 60
) -> Service:
    return catalogue.create_service(
        unit, actor=None, name=name, code=code, standard_minutes=standard
    )


def make_request(
    service: Service,
    *,
    received: dt.datetime,
    minutes: int | None = None,
    ticket: str = "",
    handler: Employee | None = None,
) -> ServiceRequest:
    """A request received at `received`, completed `minutes` later (open when None)."""
    return requests.record_request(
        service,
        actor=None,
        received_at=received,
        completed_at=received + dt.timedelta(minutes=minutes) if minutes is not None else None,
        ticket_code=ticket,
        handled_by=handler,
    )
