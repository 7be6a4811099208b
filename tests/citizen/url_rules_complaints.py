"""URL × persona rules of the citizen area (complaints), merged into tests/core/test_permission_matrix.py.

The objects: a complaint to Kelurahan Plaju Ulu assigned to `pegawai` (supervised by `atasan`,
under `kepala`'s Kecamatan Plaju) and an import of an SP4N-LAPOR! export; for the 404 check, a
complaint of the other agency. Public pages and endpoints answer everyone alike.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import PERSONAS, World
from tests.matrix import ALL, Rule, only, statuses


def _complaint(unit: Any, assignee: Any = None) -> Any:
    from kinerja.citizen.models import Channel
    from kinerja.citizen.services import complaints

    complaint = complaints.register_complaint(
        unit,
        actor=None,
        channel=Channel.WEB,
        subject="Antrean KTP-el terlalu lama",
        description="Menunggu empat jam.",
    )
    if assignee is not None:
        complaint = complaints.assign_complaint(
            complaint, actor=None, expected_version=None, assignee=assignee
        )
    return complaint


def _assigned(world: World) -> dict[str, Any]:
    return {"pk": _complaint(world.kelurahan, world.pegawai).pk}


def _elsewhere(world: World) -> dict[str, Any]:
    return {"pk": _complaint(world.other_unit).pk}


def _sent(world: World) -> dict[str, Any]:
    return {"agency_code": world.agency.code, "ticket": _complaint(world.kelurahan).ticket_code}


def _ticket(world: World) -> dict[str, Any]:
    return {"ticket": _complaint(world.kelurahan).ticket_code}


def _import(world: World) -> dict[str, Any]:
    from kinerja.citizen.models import ComplaintImport

    job = ComplaintImport.objects.create(agency=world.agency, status="ready", file_name="x.xlsx")
    return {"pk": job.pk}


COMPLAINT = {"kwargs": _assigned, "other_agency_kwargs": _elsewhere}
# Who sees the assigned complaint: the assignee and their supervisor, the head of the
# kecamatan, the desk, admin, inspector; national viewer and superuser read everything.
VIEWERS = (
    "pegawai",
    "atasan",
    "kepala",
    "admin_bkpsdm",
    "inspektur",
    "petugas_layanan",
    "pemantau",
    "superuser",
)
# Desk entry and imports need an agency to write into: a superuser or viewer has none.
REGISTRARS = ("kepala", "admin_bkpsdm", "petugas_layanan", "admin_agensi_lain")
IMPORTERS = ("admin_bkpsdm", "petugas_layanan", "admin_agensi_lain")
CALENDAR = ("admin_bkpsdm", "admin_agensi_lain")
PUBLIC_OK = dict.fromkeys(ALL, 200)
PUBLIC_POST_ONLY = dict.fromkeys(ALL, 405)

RULES: dict[str, Rule] = {
    "citizen:complaint-list": Rule(statuses(200)),
    "citizen:complaint-create": Rule(only(REGISTRARS)),
    "citizen:complaint-detail": Rule(only(VIEWERS, denied=404), **COMPLAINT),
    "citizen:complaint-assign": Rule(statuses(405), **COMPLAINT),
    "citizen:complaint-classify": Rule(statuses(405), **COMPLAINT),
    "citizen:complaint-respond": Rule(statuses(405), **COMPLAINT),
    "citizen:complaint-resolve": Rule(statuses(405), **COMPLAINT),
    "citizen:complaint-reject": Rule(statuses(405), **COMPLAINT),
    "citizen:complaint-import": Rule(only(IMPORTERS)),
    # Another agency's import is not found; within the agency only importers may open it.
    "citizen:complaint-import-detail": Rule(
        only(("admin_bkpsdm", "petugas_layanan", "superuser"), pemantau=404, admin_agensi_lain=404),
        kwargs=_import,
    ),
    "citizen:complaint-import-commit": Rule(statuses(405), kwargs=_import),
    "citizen:holiday-list": Rule(only(CALENDAR)),
    "citizen:holiday-import": Rule(statuses(405)),
    "citizen:holiday-delete": Rule(statuses(405), kwargs=lambda w: {"pk": 1}),
    "citizen:citizen-settings": Rule(only(CALENDAR)),
    # Public pages: no account; the status form without a code, the ticket page of a complaint.
    "public:complaint-form": Rule(PUBLIC_OK, kwargs=lambda w: {"agency_code": w.agency.code}),
    "public:complaint-sent": Rule(PUBLIC_OK, kwargs=_sent),
    "public:complaint-status": Rule(PUBLIC_OK),
    "public:complaint-rate": Rule(PUBLIC_POST_ONLY),
    # REST API: staff endpoints as the pages (anonymous callers 403); public ones for all.
    "api-complaint-list": Rule(statuses(200, anon=403)),
    "api-complaint-detail": Rule(only(VIEWERS, denied=404, anon=403), **COMPLAINT),
    "api-complaint-assign": Rule(statuses(405, anon=403), **COMPLAINT),
    "api-complaint-classify": Rule(statuses(405, anon=403), **COMPLAINT),
    "api-complaint-respond": Rule(statuses(405, anon=403), **COMPLAINT),
    "api-complaint-resolve": Rule(statuses(405, anon=403), **COMPLAINT),
    "api-complaint-reject": Rule(statuses(405, anon=403), **COMPLAINT),
    "api-public-complaint-create": Rule(PUBLIC_POST_ONLY),
    "api-public-complaint-status": Rule(PUBLIC_OK, kwargs=_ticket),
    "api-public-complaint-rate": Rule(PUBLIC_POST_ONLY, kwargs=_ticket),
}

assert all(set(rule.expected) == {*PERSONAS, "anon"} for rule in RULES.values())
