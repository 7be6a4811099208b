"""Writes to service requests: the desk records a request when it is received, marks it
completed, and corrects a mistake. Views, the API and the queue-system import all use these.

The turnaround is the whole minutes between receipt and completion; a request is within
standard when that is at most the service's standard time (the service standard of
UU 25/2009 Pasal 21 and PermenPANRB 15/2014). Both are stored on completion so that medians,
percentiles and shares are SQL aggregates (`kinerja.citizen.metrics`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.citizen.models import RequestSource, Service, ServiceRequest
from kinerja.citizen.services import catalogue
from kinerja.citizen.sources_hooks import data_changed
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.org.models import Employee

REQUEST_FIELDS = [
    "service",
    "ticket_code",
    "received_at",
    "completed_at",
    "handled_by",
    "note",
    "turnaround_minutes",
    "within_standard",
]
CORRECTABLE = {"service", "ticket_code", "received_at", "completed_at", "handled_by", "note"}
# A phone's or a PC's clock runs a little ahead of the server's: tolerate that, not more.
CLOCK_SKEW = dt.timedelta(minutes=5)
TICKET_MAX_LENGTH = 40


def register_audit_actions() -> None:
    """Register the audit action codes of the services area, the catalogue's included (called
    from CitizenConfig.ready)."""
    catalogue.register_audit_actions()
    audit.register_actions(
        {
            "citizen.request.recorded": gettext_lazy("Permohonan layanan dicatat"),
            "citizen.request.completed": gettext_lazy("Permohonan layanan diselesaikan"),
            "citizen.request.corrected": gettext_lazy("Data permohonan layanan dikoreksi"),
            "citizen.request.imported": gettext_lazy("Permohonan layanan diimpor"),
        }
    )


def turnaround_minutes(received_at: dt.datetime, completed_at: dt.datetime) -> int:
    """Whole minutes from receipt to completion (seconds left over are dropped)."""
    return int((completed_at - received_at).total_seconds() // 60)


def is_within_standard(minutes: int, standard_minutes: int) -> bool:
    """Completed within the service standard: a turnaround of at most the standard time."""
    return minutes <= standard_minutes


def _check_times(received_at: dt.datetime, completed_at: dt.datetime | None) -> None:
    latest = timezone.now() + CLOCK_SKEW
    if timezone.is_naive(received_at) or (completed_at and timezone.is_naive(completed_at)):
        raise ValueError("received_at and completed_at must be timezone-aware")
    if received_at > latest:
        raise ValidationError({"received_at": _("Waktu diterima tidak boleh di masa depan.")})
    if completed_at is None:
        return
    if completed_at > latest:
        raise ValidationError({"completed_at": _("Waktu selesai tidak boleh di masa depan.")})
    if completed_at < received_at:
        raise ValidationError(
            {"completed_at": _("Waktu selesai tidak boleh sebelum waktu diterima.")}
        )


def _check_handler(service: Service, handler: Employee | None) -> None:
    """The handler is an active employee of the service's unit or one of its sub-units."""
    if handler is None:
        return
    if handler.agency_id != service.agency_id or not handler.is_active:
        raise ValidationError({"handled_by": _("Petugas harus pegawai aktif instansi ini.")})
    if not handler.unit.path.startswith(service.unit.path):
        raise ValidationError(
            {
                "handled_by": _("%(name)s bukan pegawai %(unit)s.")
                % {"name": handler.full_name, "unit": service.unit.name}
            }
        )


def _check_ticket(service: Service, ticket_code: str, *, exclude_pk: int | None = None) -> None:
    if len(ticket_code) > TICKET_MAX_LENGTH:
        raise ValidationError(
            {"ticket_code": _("Nomor antrean paling panjang 40 karakter.")}, code="max_length"
        )
    if not ticket_code:
        return
    taken = ServiceRequest.objects.filter(service=service, ticket_code=ticket_code).exclude(
        ticket_code=""  # so the partial unique index answers
    )
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"ticket_code": _duplicate_ticket(service, ticket_code)})


def _duplicate_ticket(service: Service, ticket_code: str) -> str:
    return _("Nomor antrean %(ticket)s sudah tercatat untuk layanan %(service)s.") % {
        "ticket": ticket_code,
        "service": service.name,
    }


def _local(value: Any) -> Any:
    return timezone.localtime(value) if isinstance(value, dt.datetime) else value


def _in_local_time(changes: audit.Changes) -> audit.Changes:
    """Times in the audit trail as the desk read them (local time), old and new alike."""
    return {name: (_local(old), _local(new)) for name, (old, new) in changes.items()}


def _set_outcome(service_request: ServiceRequest, service: Service) -> None:
    """Turnaround and verdict from the times (none while the request is open)."""
    if service_request.completed_at is None:
        service_request.turnaround_minutes = None
        service_request.within_standard = None
        return
    minutes = turnaround_minutes(service_request.received_at, service_request.completed_at)
    service_request.turnaround_minutes = minutes
    service_request.within_standard = is_within_standard(minutes, service.standard_minutes)


def _feed_indicators(
    agency_id: int,
    *,
    service_id: int,
    unit_id: int,
    employee_id: int | None,
    completed_at: dt.datetime | None,
) -> None:
    """Indicators computed from this service, its unit or the handler recompute the
    sub-period of the completion, once the transaction has committed."""
    if completed_at is None:
        return
    data_changed(
        agency_id,
        service_id=service_id,
        unit_id=unit_id,
        employee_id=employee_id,
        day=timezone.localdate(completed_at),
    )


def _save(service_request: ServiceRequest, **kwargs: Any) -> None:
    try:
        with transaction.atomic():
            service_request.save(**kwargs)
    except IntegrityError:  # the same ticket recorded meanwhile by another desk
        raise ValidationError(
            {"ticket_code": _duplicate_ticket(service_request.service, service_request.ticket_code)}
        ) from None


@transaction.atomic
def record_request(
    service: Service,
    *,
    actor: User | None,
    received_at: dt.datetime,
    ticket_code: str = "",
    handled_by: Employee | None = None,
    completed_at: dt.datetime | None = None,
    note: str = "",
) -> ServiceRequest:
    """Record a request received at the desk (or already completed, with both times).

    `actor=None` is the system (demo data, tests): no permission check, still audited.
    """
    if actor is not None:
        require(actor, "citizen.record_request", service)
    service = Service.objects.select_related("unit").get(pk=service.pk)
    if not service.is_active:
        raise ValidationError({"service": _("Layanan ini sudah tidak aktif.")})
    ticket_code = ticket_code.strip()
    _check_ticket(service, ticket_code)
    _check_times(received_at, completed_at)
    _check_handler(service, handled_by)
    service_request = ServiceRequest(
        agency_id=service.agency_id,
        service=service,
        unit_id=service.unit_id,
        handled_by=handled_by,
        ticket_code=ticket_code,
        received_at=received_at,
        completed_at=completed_at,
        note=note.strip(),
        source=RequestSource.DESK,
        recorded_by=actor,
    )
    _set_outcome(service_request, service)
    _save(service_request)
    _feed_indicators(
        service.agency_id,
        service_id=service.pk,
        unit_id=service.unit_id,
        employee_id=service_request.handled_by_id,
        completed_at=service_request.completed_at,
    )
    audit.record(
        service_request,
        "citizen.request.recorded",
        actor=actor,
        agency_id=service.agency_id,
        changes=_in_local_time(
            {
                name: (None, getattr(service_request, name))
                for name in REQUEST_FIELDS
                if getattr(service_request, name) not in (None, "")
            }
        ),
    )
    return service_request


def _locked(service_request: ServiceRequest) -> ServiceRequest:
    return (
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("service__unit", "handled_by__unit")
        .get(pk=service_request.pk)
    )


@transaction.atomic
def complete_request(
    service_request: ServiceRequest,
    *,
    actor: User | None,
    completed_at: dt.datetime,
    expected_version: int | None,
) -> ServiceRequest:
    """Mark an open request completed: turnaround and verdict against the standard time."""
    if actor is not None:
        require(actor, "citizen.record_request", service_request)
    service_request = _locked(service_request)
    check_version(service_request.version, expected_version)
    if service_request.completed_at is not None:
        raise ValidationError(
            _("Permohonan ini sudah diselesaikan; koreksi datanya bila waktunya keliru.")
        )
    _check_times(service_request.received_at, completed_at)
    before = audit.snapshot(service_request, REQUEST_FIELDS)
    service_request.completed_at = completed_at
    _set_outcome(service_request, service_request.service)
    service_request.version += 1
    service_request.save(
        update_fields=[
            "completed_at",
            "turnaround_minutes",
            "within_standard",
            "version",
            "updated_at",
        ]
    )
    _feed_indicators(
        service_request.agency_id,
        service_id=service_request.service_id,
        unit_id=service_request.unit_id,
        employee_id=service_request.handled_by_id,
        completed_at=completed_at,
    )
    audit.record(
        service_request,
        "citizen.request.completed",
        actor=actor,
        agency_id=service_request.agency_id,
        changes=_in_local_time(audit.diff(service_request, REQUEST_FIELDS, before)),
    )
    return service_request


@transaction.atomic
def correct_request(
    service_request: ServiceRequest,
    *,
    actor: User,
    expected_version: int | None,
    **fields: Any,
) -> ServiceRequest:
    """Correct a recorded request: service, ticket, times (clearing the completion reopens it),
    handler or note. The turnaround and the verdict follow the corrected times."""
    unknown = set(fields) - CORRECTABLE
    if unknown:
        raise TypeError(f"unknown request fields: {sorted(unknown)}")
    require(actor, "citizen.record_request", service_request)
    service_request = _locked(service_request)
    check_version(service_request.version, expected_version)
    before = audit.snapshot(service_request, REQUEST_FIELDS)
    was = (service_request.service_id, service_request.unit_id, service_request.handled_by_id)
    service = fields.get("service", service_request.service)
    if service.pk != service_request.service_id:
        require(actor, "citizen.record_request", service)
        service = Service.objects.select_related("unit").get(pk=service.pk)
        if not service.is_active:
            raise ValidationError({"service": _("Layanan ini sudah tidak aktif.")})
    for name, value in fields.items():
        setattr(service_request, name, value)
    service_request.service = service
    service_request.unit_id = service.unit_id
    service_request.ticket_code = service_request.ticket_code.strip()
    service_request.note = service_request.note.strip()
    _check_ticket(service, service_request.ticket_code, exclude_pk=service_request.pk)
    _check_times(service_request.received_at, service_request.completed_at)
    if "handled_by" in fields or "service" in fields:
        _check_handler(service, service_request.handled_by)
    _set_outcome(service_request, service)
    changes = audit.diff(service_request, REQUEST_FIELDS, before)
    if changes:
        service_request.version += 1
        update = [name for name in changes if name != "service"]
        if "service" in changes:
            update += ["service", "unit"]
        _save(service_request, update_fields=[*update, "version", "updated_at"])
        for (service_id, unit_id, employee_id), completed in (
            (was, before["completed_at"]),
            (
                (service.pk, service.unit_id, service_request.handled_by_id),
                service_request.completed_at,
            ),
        ):
            _feed_indicators(
                service_request.agency_id,
                service_id=service_id,
                unit_id=unit_id,
                employee_id=employee_id,
                completed_at=completed,
            )
        audit.record(
            service_request,
            "citizen.request.corrected",
            actor=actor,
            agency_id=service_request.agency_id,
            changes=_in_local_time(changes),
        )
    return service_request
