"""Writes to the catalogue of public services: a unit's services and their standard times.

UU 25/2009 (Pasal 21) and PermenPANRB 15/2014 require each unit to publish a service standard
(standar pelayanan) that states, among others, the time to complete each service; that time is
the `standard_minutes` every request's turnaround is measured against.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.citizen.models import Service
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.org.models import Unit

SERVICE_FIELDS = ["unit", "code", "name", "description", "standard_minutes"]
MAX_STANDARD_MINUTES = 366 * 24 * 60  # a year: anything longer is a typing error


def register_audit_actions() -> None:
    """Register this subject's audit action codes (called from CitizenConfig.ready)."""
    audit.register_actions(
        {
            "citizen.service.created": gettext_lazy("Layanan publik ditambahkan"),
            "citizen.service.updated": gettext_lazy("Layanan publik diubah"),
            "citizen.service.deactivated": gettext_lazy("Layanan publik dinonaktifkan"),
            "citizen.service.reactivated": gettext_lazy("Layanan publik diaktifkan kembali"),
        }
    )


def _clean_code(code: str, name: str) -> str:
    """The code as a lower-case slug; derived from the name when left blank."""
    return slugify(code.strip() or name)[:40]


def _check_fields(service: Service) -> None:
    """Business rules of a service, with Indonesian messages per field."""
    unit = service.unit
    if unit.agency_id != service.agency_id:
        raise ValidationError({"unit": _("Unit harus unit kerja instansi Anda sendiri.")})
    if not unit.is_active:
        raise ValidationError({"unit": _("Unit kerja ini sudah tidak aktif.")})
    if not service.name:
        raise ValidationError({"name": _("Isikan nama layanan.")})
    if not service.code:
        raise ValidationError({"code": _("Isikan kode layanan (huruf, angka, tanda hubung).")})
    minutes = service.standard_minutes
    if minutes is None or minutes < 1:
        raise ValidationError({"standard_minutes": _("Waktu standar harus lebih dari 0 menit.")})
    if minutes > MAX_STANDARD_MINUTES:
        raise ValidationError(
            {"standard_minutes": _("Waktu standar paling lama satu tahun (527.040 menit).")}
        )
    taken = Service.objects.filter(agency_id=service.agency_id, code=service.code)
    if service.pk:
        taken = taken.exclude(pk=service.pk)
    if taken.exists():
        raise ValidationError(
            {"code": _("Kode layanan ini sudah dipakai di instansi Anda.")}, code="unique"
        )


def _save(service: Service, **kwargs: Any) -> None:
    try:
        with transaction.atomic():
            service.save(**kwargs)
    except IntegrityError:  # the same code saved meanwhile by another request
        raise ValidationError(
            {"code": _("Kode layanan ini sudah dipakai di instansi Anda.")}, code="unique"
        ) from None


@transaction.atomic
def create_service(
    unit: Unit,
    *,
    actor: User | None,
    name: str,
    standard_minutes: int,
    code: str = "",
    description: str = "",
) -> Service:
    """Add a service to a unit's catalogue (agency admin; head of the unit's subtree).

    `actor=None` is the system (demo data, tests): no permission check, still audited.
    """
    if actor is not None:
        require(actor, "citizen.manage_service", unit)
    name = " ".join(name.split())
    service = Service(
        agency_id=unit.agency_id,
        unit=unit,
        code=_clean_code(code, name),
        name=name,
        description=description.strip(),
        standard_minutes=standard_minutes,
    )
    _check_fields(service)
    _save(service)
    audit.record(
        service,
        "citizen.service.created",
        actor=actor,
        agency_id=service.agency_id,
        changes={
            f: (None, getattr(service, f)) for f in SERVICE_FIELDS if getattr(service, f) != ""
        },
    )
    return service


@transaction.atomic
def update_service(
    service: Service, *, actor: User, expected_version: int | None, **fields: Any
) -> Service:
    """Edit a service (any of unit, code, name, description, standard_minutes).

    Moving it to another unit needs the right to manage both units. A new standard time applies
    to requests completed from now on; those completed earlier keep the verdict they got.
    """
    require(actor, "citizen.manage_service", service)
    unknown = set(fields) - set(SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown service fields: {sorted(unknown)}")
    service = (
        Service.objects.select_for_update(of=("self",)).select_related("unit").get(pk=service.pk)
    )
    check_version(service.version, expected_version)
    before = audit.snapshot(service, SERVICE_FIELDS)
    if "unit" in fields and fields["unit"].pk != service.unit_id:
        require(actor, "citizen.manage_service", fields["unit"])
    for name, value in fields.items():
        setattr(service, name, value)
    service.name = " ".join(service.name.split())
    service.description = service.description.strip()
    service.code = _clean_code(service.code, service.name)
    _check_fields(service)
    changes = audit.diff(service, SERVICE_FIELDS, before)
    if changes:
        service.version += 1
        _save(service, update_fields=[*changes, "version", "updated_at"])
        audit.record(
            service,
            "citizen.service.updated",
            actor=actor,
            agency_id=service.agency_id,
            changes=changes,
        )
    return service


def _set_active(
    service: Service, *, actor: User, expected_version: int | None, active: bool
) -> Service:
    require(actor, "citizen.manage_service", service)
    service = (
        Service.objects.select_for_update(of=("self",)).select_related("unit").get(pk=service.pk)
    )
    check_version(service.version, expected_version)
    if service.is_active == active:
        return service
    service.is_active = active
    service.version += 1
    service.save(update_fields=["is_active", "version", "updated_at"])
    audit.record(
        service,
        "citizen.service.reactivated" if active else "citizen.service.deactivated",
        actor=actor,
        agency_id=service.agency_id,
        changes={"is_active": (not active, active)},
    )
    return service


@transaction.atomic
def deactivate_service(service: Service, *, actor: User, expected_version: int | None) -> Service:
    """Withdraw a service: no new requests; its recorded requests and figures stay."""
    return _set_active(service, actor=actor, expected_version=expected_version, active=False)


@transaction.atomic
def reactivate_service(service: Service, *, actor: User, expected_version: int | None) -> Service:
    """Offer a withdrawn service again."""
    return _set_active(service, actor=actor, expected_version=expected_version, active=True)
