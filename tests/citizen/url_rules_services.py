"""URL × persona rules of the services area, merged into tests/core/test_permission_matrix.py.

The catalogue, the request list and turnaround are for the agency admin, heads, service-desk
officers, inspectors and national viewers; the desk for service-desk officers and the agency
admin; a service or a request outside the viewer's reach (another agency's included) answers
404. The world's service sits in Kelurahan Plaju Ulu, under the kepala's Kecamatan Plaju;
the petugas_layanan's grant names no unit, so they serve the whole agency. Imports belong to
an agency and (for desk officers) to whoever uploaded them; the superuser has no agency to
import into. Writes are POST only.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only, statuses

VIEWERS = (
    "kepala",
    "admin_bkpsdm",
    "inspektur",
    "petugas_layanan",
    "pemantau",
    "superuser",
    "admin_agensi_lain",
)
OBJECT_VIEWERS = ("kepala", "admin_bkpsdm", "inspektur", "petugas_layanan", "pemantau", "superuser")
MANAGERS = ("kepala", "admin_bkpsdm", "superuser", "admin_agensi_lain")
DESK = ("admin_bkpsdm", "petugas_layanan", "superuser", "admin_agensi_lain")
IMPORTERS = ("admin_bkpsdm", "petugas_layanan", "admin_agensi_lain")


def _service(world: World, *, other: bool = False) -> Any:
    from tests.citizen.services_fixtures import make_service

    return make_service(world.other_unit if other else world.kelurahan)


def _service_kwargs(world: World) -> dict[str, Any]:
    return {"pk": _service(world).pk}


def _other_service_kwargs(world: World) -> dict[str, Any]:
    return {"pk": _service(world, other=True).pk}


def _request_kwargs(world: World, *, other: bool = False) -> dict[str, Any]:
    from django.utils import timezone

    from tests.citizen.services_fixtures import make_request

    received = timezone.now().replace(microsecond=0)
    return {"pk": make_request(_service(world, other=other), received=received, ticket="A-1").pk}


def _import_kwargs(world: World, *, other: bool = False) -> dict[str, Any]:
    from kinerja.citizen.models import RequestImport

    job = RequestImport.objects.create(
        agency=world.other_agency if other else world.agency,
        status="invalid",
        file_name="antrean.xlsx",
        created_by=world.users["admin_agensi_lain" if other else "admin_bkpsdm"],
    )
    return {"pk": job.pk}


SERVICE = {"kwargs": _service_kwargs, "other_agency_kwargs": _other_service_kwargs}
REQUEST = {
    "kwargs": _request_kwargs,
    "other_agency_kwargs": lambda w: _request_kwargs(w, other=True),
}
IMPORT = {
    "kwargs": _import_kwargs,
    "other_agency_kwargs": lambda w: _import_kwargs(w, other=True),
}

RULES: dict[str, Rule] = {
    "citizen:service-list": Rule(only(VIEWERS)),
    "citizen:service-create": Rule(only(MANAGERS)),
    "citizen:service-edit": Rule(
        only(
            ("kepala", "admin_bkpsdm", "superuser"),
            pegawai=404,
            atasan=404,
            admin_agensi_lain=404,
        ),
        **SERVICE,
    ),
    "citizen:service-deactivate": Rule(statuses(405), **SERVICE),
    "citizen:service-reactivate": Rule(statuses(405), **SERVICE),
    "citizen:request-desk": Rule(only(DESK)),
    "citizen:request-list": Rule(only(VIEWERS)),
    "citizen:request-detail": Rule(only(OBJECT_VIEWERS, denied=404), **REQUEST),
    "citizen:request-complete": Rule(statuses(405), **REQUEST),
    "citizen:turnaround": Rule(only(VIEWERS)),
    "citizen:request-import": Rule(only(IMPORTERS)),
    "citizen:request-import-template": Rule(only(IMPORTERS)),
    "citizen:request-import-detail": Rule(
        only(("admin_bkpsdm",), petugas_layanan=404, admin_agensi_lain=404), **IMPORT
    ),
    "citizen:request-import-status": Rule(
        only(("admin_bkpsdm",), petugas_layanan=404, admin_agensi_lain=404), **IMPORT
    ),
    "citizen:request-import-commit": Rule(statuses(405), **IMPORT),
    # REST API: the same rules; anonymous callers get 403 (session auth answers first).
    "api-service-list": Rule(only(VIEWERS, anon=403)),
    "api-service-detail": Rule(only(OBJECT_VIEWERS, denied=404, anon=403), **SERVICE),
    "api-request-list": Rule(only(VIEWERS, anon=403)),
    "api-request-detail": Rule(only(OBJECT_VIEWERS, denied=404, anon=403), **REQUEST),
    "api-request-complete": Rule(statuses(405, anon=403), **REQUEST),
    "api-turnaround": Rule(only(VIEWERS, anon=403)),
}
