"""Issue 7: an inspector reads the competency profiles and gap reports of the units under audit,
and nothing else — on the profile page, its PDF and XLSX, the API, the team list and its export,
the gap reports per unit and per competency — and never sets a level.

`inspektur` with the `auditing` fixture audits Kecamatan Plaju (pegawai's subtree); Dinas
Pendidikan (Guru Pertama) is a unit of the same agency outside it.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.competency.models import EmployeeCompetency
from kinerja.core.models import AuditEntry
from kinerja.org.models import UnitKind
from kinerja.oversight.models import AuditStatus
from tests import factories
from tests.competency.conftest import make_level
from tests.oversight.builders import make_audit

pytestmark = pytest.mark.usefixtures("unscoped")

TEAM = reverse("competency:team")
AGENCY_GAPS = reverse("competency:agency-gaps")


@pytest.fixture
def dinas(staffed):
    """Dinas Pendidikan, outside Kecamatan Plaju, with a teacher assessed in Komunikasi."""
    world = staffed.world
    unit = factories.make_unit(world.agency, "Dinas Pendidikan", UnitKind.DINAS)
    guru = factories.make_employee(unit, "Guru Pertama")
    make_level(guru, staffed.komunikasi, 2)
    return unit


def object_urls(world) -> dict[str, str]:
    pegawai, kecamatan = world.pegawai.pk, world.kecamatan.pk
    return {
        "profile": reverse("competency:profile", args=[pegawai]),
        "profile xlsx": reverse("competency:profile", args=[pegawai]) + "?format=xlsx",
        "profile pdf": reverse("competency:profile-pdf", args=[pegawai]),
        "api levels": reverse("api-competency-employee-levels", args=[pegawai]),
        "api gaps": reverse("api-competency-employee-gaps", args=[pegawai]),
        "unit gaps": reverse("competency:unit-gaps", args=[kecamatan]),
        "unit gaps xlsx": reverse("competency:unit-gaps", args=[kecamatan]) + "?format=xlsx",
        "unit gaps pdf": reverse("competency:unit-gaps-pdf", args=[kecamatan]),
        "api unit gaps": reverse("api-competency-unit-gaps", args=[kecamatan]),
    }


def statuses(client, world) -> dict[str, int]:
    return {name: client.get(url).status_code for name, url in object_urls(world).items()}


def listed(client) -> dict[str, list[str]]:
    """Who the team list shows (page and XLSX) and which units the gap report per unit shows."""
    page = client.get(TEAM).context["page"].object_list
    team_sheet = load_workbook(BytesIO(client.get(TEAM, {"format": "xlsx"}).content)).active
    units = client.get(AGENCY_GAPS).context["rows"]
    units_sheet = load_workbook(BytesIO(client.get(AGENCY_GAPS, {"format": "xlsx"}).content)).active
    return {
        "team": sorted(employee.name for employee in page),
        "team xlsx": sorted(row[1] for row in team_sheet.iter_rows(min_row=2, values_only=True)),
        "units": [row.unit.name for row in units],
        "units xlsx": [row[0] for row in units_sheet.iter_rows(min_row=2, values_only=True)],
    }


def test_the_inspector_auditing_the_kecamatan_reads_pegawais_competencies(
    staffed, dinas, auditing, login
):
    client = login("inspektur")

    assert set(statuses(client, staffed.world).values()) == {200}
    levels = client.get(object_urls(staffed.world)["api levels"]).json()
    assert [row["code"] for row in levels["required"]] == ["M-03", "M-05", "T-01"]
    shown = listed(client)
    assert shown["team"] == shown["team xlsx"]
    assert "Budi Santoso" in shown["team"]
    assert "Guru Pertama" not in shown["team"]
    assert shown["units"] == shown["units xlsx"] == ["Kecamatan Plaju", "Kelurahan Plaju Ulu"]


def test_the_inspector_auditing_another_unit_reads_that_unit_and_not_pegawai(staffed, dinas, login):
    make_audit(staffed.world).units.set([dinas])
    client = login("inspektur")

    assert set(statuses(client, staffed.world).values()) == {404}
    assert client.get(reverse("competency:unit-gaps", args=[dinas.pk])).status_code == 200
    assert listed(client) == {
        "team": ["Guru Pertama"],
        "team xlsx": ["Guru Pertama"],
        "units": ["Dinas Pendidikan"],
        "units xlsx": ["Dinas Pendidikan"],
    }


@pytest.mark.parametrize("status", [None, AuditStatus.PLANNED])
def test_the_inspector_without_an_audit_in_fieldwork_reads_nothing(staffed, dinas, login, status):
    if status is not None:
        make_audit(staffed.world, status=status)
    client = login("inspektur")

    assert set(statuses(client, staffed.world).values()) == {404}
    assert listed(client) == {"team": [], "team xlsx": [], "units": [], "units xlsx": []}
    assert "Belum ada pegawai dalam jangkauan Anda." in client.get(TEAM).content.decode()


def test_the_inspector_auditing_pegawai_still_cannot_set_a_level(staffed, auditing, login):
    world = staffed.world
    client = login("inspektur")
    payload = {"competency": staffed.komunikasi.pk, "level": "5", "assessed_on": "2026-05-02"}

    page = client.post(reverse("competency:level-set", args=[world.pegawai.pk]), payload)
    api = client.post(
        reverse("api-competency-employee-levels", args=[world.pegawai.pk]),
        {**payload, "source": "atasan"},
        content_type="application/json",
    )

    assert (page.status_code, api.status_code) == (403, 403)
    level = EmployeeCompetency.objects.get(employee=world.pegawai, competency=staffed.komunikasi)
    assert level.level == 1
    assert not AuditEntry.objects.filter(action="competency.level.set").exists()
    profile = client.get(reverse("competency:profile", args=[world.pegawai.pk]))
    assert profile.context["can_set"] is False


def test_the_inspectors_team_list_runs_a_constant_number_of_queries(
    staffed, auditing, login, django_assert_max_num_queries
):
    world = staffed.world
    client = login("inspektur")
    client.get(TEAM)
    for number in range(8):
        extra = factories.make_employee(
            world.kelurahan, f"Staf Tambahan {number}", position=world.pegawai.position
        )
        make_level(extra, staffed.komunikasi, 2)

    with django_assert_max_num_queries(15):
        response = client.get(TEAM)

    assert response.content.decode().count("Staf Tambahan") == 8
