"""Competency fixtures: the agency's dictionary (the standard one plus a technical entry), the
standard of the staff position of `pegawai` and `rekan`, and a few current levels.

`staffed` gives the world with:
  Pengadministrasi Umum (pegawai, rekan) requires Komunikasi 3, Pelayanan publik 2,
  Administrasi kependudukan (T-01) 3;
  pegawai: Komunikasi 1 (assessment), Pelayanan publik 3, T-01 not assessed;
  rekan: Komunikasi 3, Pelayanan publik 2, T-01 2.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kinerja.competency.models import Competency, EmployeeCompetency
from kinerja.competency.services.dictionary import create_competency, load_standard_dictionary
from kinerja.competency.services.requirements import set_position_requirements
from tests.conftest import World

LEVELS = ["Dasar", "Cakap", "Mahir", "Ahli", "Pakar"]


@dataclass
class Staffed:
    world: World
    komunikasi: Competency
    pelayanan: Competency
    adminduk: Competency
    integritas: Competency


def make_level(employee, competency, level, *, source="asesmen", day=dt.date(2026, 3, 1)):
    return EmployeeCompetency.objects.create(
        agency_id=employee.agency_id,
        employee=employee,
        competency=competency,
        level=level,
        source=source,
        assessed_on=day,
    )


@pytest.fixture
def staffed(world, unscoped) -> Staffed:
    standard = {c.code: c for c in load_standard_dictionary(world.agency, actor=None)}
    adminduk = create_competency(
        world.agency,
        actor=None,
        kind="teknis",
        code="T-01",
        name="Administrasi kependudukan",
        level_descriptions=LEVELS,
    )
    komunikasi, pelayanan = standard["M-03"], standard["M-05"]
    set_position_requirements(
        world.pegawai.position,
        actor=None,
        levels={komunikasi.pk: 3, pelayanan.pk: 2, adminduk.pk: 3},
    )
    make_level(world.pegawai, komunikasi, 1)
    make_level(world.pegawai, pelayanan, 3, source="atasan")
    make_level(world.rekan, komunikasi, 3)
    make_level(world.rekan, pelayanan, 2)
    make_level(world.rekan, adminduk, 2)
    return Staffed(world, komunikasi, pelayanan, adminduk, standard["M-01"])
