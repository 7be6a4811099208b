"""URL × persona rules of the competency area, merged into tests/core/test_permission_matrix.py.

The objects: a technical competency of Palembang (and of Subulussalam for the 404 check),
pegawai (a pelaksana whose supervisor is atasan, in kepala's subtree) and their position,
Kecamatan Plaju, and an import of each agency.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import ADMINS, Rule, only, statuses


def _competency(agency: Any) -> dict[str, Any]:
    from kinerja.competency.services.dictionary import create_competency

    created = create_competency(
        agency,
        actor=None,
        kind="teknis",
        code="T-01",
        name="Pelayanan administrasi kependudukan",
        level_descriptions=["1", "2", "3", "4", "5"],
    )
    return {"pk": created.pk}


def _job(agency: Any) -> dict[str, Any]:
    from kinerja.competency.models import AssessmentImport

    job = AssessmentImport.objects.create(agency=agency, status="invalid", file_name="asesmen.xlsx")
    return {"pk": job.pk}


def _other_position(world: World) -> dict[str, Any]:
    from kinerja.org.models import Position

    position = Position.objects.create(
        agency=world.other_agency, unit=world.other_unit, name="Analis", kind="pelaksana"
    )
    return {"pk": position.pk}


COMPETENCY = {
    "kwargs": lambda w: _competency(w.agency),
    "other_agency_kwargs": lambda w: _competency(w.other_agency),
}
EMPLOYEE = {
    "kwargs": lambda w: {"pk": w.pegawai.pk},
    "other_agency_kwargs": lambda w: {"pk": w.pegawai_lain.pk},
}
POSITION = {
    "kwargs": lambda w: {"pk": w.pegawai.position_id},
    "other_agency_kwargs": _other_position,
}
UNIT = {
    "kwargs": lambda w: {"pk": w.kecamatan.pk},
    "other_agency_kwargs": lambda w: {"pk": w.other_unit.pk},
}
JOB = {"kwargs": lambda w: _job(w.agency), "other_agency_kwargs": lambda w: _job(w.other_agency)}

# Importers need an agency to import into: a superuser (no agency) is refused.
IMPORTERS = ("admin_bkpsdm", "admin_agensi_lain")
# pegawai's profile: pegawai, the supervisor, the head of the subtree, admin, inspector.
PROFILE_READERS = ("pegawai", "atasan", "kepala", "admin_bkpsdm", "inspektur", "superuser")
# Setting pegawai's levels: the direct supervisor and the agency admin; readers get 403.
LEVEL_SETTERS = ("atasan", "admin_bkpsdm", "superuser")
LEVEL_PAGE = only(
    LEVEL_SETTERS,
    petugas_layanan=404,
    pemantau=404,
    admin_agensi_lain=404,
)
TEAM_READERS = ("atasan", "kepala", "admin_bkpsdm", "inspektur", "superuser", "admin_agensi_lain")
REPORT_READERS = ("kepala", "admin_bkpsdm", "inspektur", "superuser", "admin_agensi_lain")
UNIT_READERS = ("kepala", "admin_bkpsdm", "inspektur", "superuser")
DICTIONARY_EDIT = only(("admin_bkpsdm", "superuser"), admin_agensi_lain=404)

RULES: dict[str, Rule] = {
    "competency:mine": Rule(statuses(302)),  # to one's profile, or the dictionary
    "competency:dictionary-list": Rule(statuses(200)),
    "competency:dictionary-create": Rule(only(IMPORTERS)),
    "competency:dictionary-load-standard": Rule(statuses(405)),
    "competency:dictionary-detail": Rule(statuses(200, admin_agensi_lain=404), **COMPETENCY),
    "competency:dictionary-edit": Rule(DICTIONARY_EDIT, **COMPETENCY),
    "competency:dictionary-deactivate": Rule(statuses(405), **COMPETENCY),
    "competency:dictionary-reactivate": Rule(statuses(405), **COMPETENCY),
    "competency:position-list": Rule(only(ADMINS)),
    "competency:position-requirements": Rule(
        only(("admin_bkpsdm", "superuser"), denied=404), **POSITION
    ),
    "competency:team": Rule(only(TEAM_READERS)),
    "competency:profile": Rule(only(PROFILE_READERS, denied=404), **EMPLOYEE),
    "competency:profile-pdf": Rule(only(PROFILE_READERS, denied=404), **EMPLOYEE),
    "competency:level-set": Rule(LEVEL_PAGE, **EMPLOYEE),
    "competency:agency-gaps": Rule(only(REPORT_READERS)),
    "competency:unit-gaps": Rule(only(UNIT_READERS, denied=404), **UNIT),
    "competency:unit-gaps-pdf": Rule(only(UNIT_READERS, denied=404), **UNIT),
    "competency:import-start": Rule(only(IMPORTERS)),
    "competency:import-template": Rule(only(IMPORTERS)),
    "competency:import-detail": Rule(only(("admin_bkpsdm", "superuser"), denied=404), **JOB),
    "competency:import-commit": Rule(statuses(405), **JOB),
    # REST API: the same rules; anonymous callers get 403.
    "api-competency-dictionary-list": Rule(statuses(200, anon=403)),
    "api-competency-dictionary-detail": Rule(
        statuses(200, anon=403, admin_agensi_lain=404), **COMPETENCY
    ),
    "api-competency-position-requirements": Rule(
        only(("admin_bkpsdm", "superuser"), denied=404, anon=403), **POSITION
    ),
    "api-competency-employee-levels": Rule(only(PROFILE_READERS, denied=404, anon=403), **EMPLOYEE),
    "api-competency-employee-gaps": Rule(only(PROFILE_READERS, denied=404, anon=403), **EMPLOYEE),
    "api-competency-unit-gaps": Rule(only(UNIT_READERS, denied=404, anon=403), **UNIT),
}
