"""URL × persona rules of the citizen area (survey), merged into tests/core/test_permission_matrix.py.

Public survey pages answer 200 to everyone (no account needed). The report and the responses
list are for the agency admin, inspector, heads (their subtree) and national viewers; posters
and paper imports for the agency admin, heads and service desk officers (within reach).
"""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import ADMINS, Rule, only, statuses

REPORT_READERS = ("kepala", "admin_bkpsdm", "inspektur", "pemantau", *ADMINS[1:])
PAPER_HANDLERS = ("kepala", "admin_bkpsdm", "petugas_layanan", *ADMINS[1:])


def make_service(agency, unit, code: str = "ktp-el", name: str = "Perekaman KTP-el"):
    from kinerja.citizen.models import Service

    return Service.objects.create(
        agency=agency, unit=unit, code=code, name=name, standard_minutes=60
    )


def _unit_with_service(world: World) -> dict[str, Any]:
    make_service(world.agency, world.kelurahan)
    return {"agency_code": world.agency.code, "unit_pk": world.kelurahan.pk}


def _service_page(world: World) -> dict[str, Any]:
    service = make_service(world.agency, world.kelurahan)
    return {
        "agency_code": world.agency.code,
        "unit_pk": world.kelurahan.pk,
        "service_code": service.code,
    }


def _a_service_exists(world: World) -> dict[str, Any]:
    make_service(world.agency, world.kelurahan)
    return {}


def _poster_unit(world: World) -> dict[str, Any]:
    make_service(world.agency, world.kelurahan)
    return {"pk": world.kelurahan.pk}


def _poster_unit_elsewhere(world: World) -> dict[str, Any]:
    make_service(world.other_agency, world.other_unit, code="puskesmas")
    return {"pk": world.other_unit.pk}


def _poster_service(world: World) -> dict[str, Any]:
    return {"pk": make_service(world.agency, world.kelurahan).pk}


def _poster_service_elsewhere(world: World) -> dict[str, Any]:
    return {"pk": make_service(world.other_agency, world.other_unit, code="puskesmas").pk}


# Posters of one unit or service: whoever handles paper there; 404 for everyone else.
POSTER = only(("kepala", "admin_bkpsdm", "petugas_layanan", "superuser"), denied=404)

RULES: dict[str, Rule] = {
    # Public pages: everyone, signed in or not.
    "public:survey-unit": Rule(statuses(200, anon=200), kwargs=_unit_with_service),
    "public:survey-service": Rule(statuses(200, anon=200), kwargs=_service_page),
    "public:survey-thanks": Rule(statuses(200, anon=200), kwargs=_unit_with_service),
    # The report and its downloads (the first unit in reach; another agency has none: 404).
    "citizen:survey-report": Rule(only(REPORT_READERS), kwargs=_a_service_exists),
    "citizen:survey-report-pdf": Rule(
        only(REPORT_READERS, admin_agensi_lain=404), kwargs=_a_service_exists
    ),
    "citizen:survey-report-xlsx": Rule(
        only(REPORT_READERS, admin_agensi_lain=404), kwargs=_a_service_exists
    ),
    "citizen:survey-responses": Rule(only(REPORT_READERS)),
    # Paper questionnaires and posters.
    "citizen:survey-import": Rule(only(PAPER_HANDLERS)),
    "citizen:survey-import-commit": Rule(statuses(405)),  # POST only
    "citizen:survey-import-template": Rule(only(PAPER_HANDLERS)),
    "citizen:survey-posters": Rule(only(PAPER_HANDLERS), kwargs=_a_service_exists),
    "citizen:survey-poster": Rule(
        POSTER, kwargs=_poster_unit, other_agency_kwargs=_poster_unit_elsewhere
    ),
    "citizen:survey-poster-service": Rule(
        POSTER, kwargs=_poster_service, other_agency_kwargs=_poster_service_elsewhere
    ),
    # API: answers are POST only (public); the report needs ?unit= (400 without it).
    "api-survey-response-create": Rule(statuses(405, anon=405)),
    "api-survey-report": Rule(only(REPORT_READERS, ok=400, anon=403)),
}
