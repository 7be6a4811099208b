"""The team list (drill-down of every count) and the gap reports per unit and per competency,
as each persona sees them; counts in SQL with a constant number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.competency.services.requirements import set_position_requirements
from tests import factories
from tests.competency.conftest import make_level

pytestmark = pytest.mark.usefixtures("unscoped")


def _names(response) -> set[str]:
    body = response.content.decode().split('id="team"')[1]  # the table, not the top bar
    people = ("Budi Santoso", "Dewi Lestari", "Siti Aminah", "Hendra Saputra", "Rina Marlina")
    return {name for name in people if name in body}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("atasan", {"Budi Santoso", "Dewi Lestari"}),
        ("kepala", {"Budi Santoso", "Dewi Lestari", "Siti Aminah", "Rina Marlina"}),  # not himself
        # Rina Marlina is the admin herself: the list shows the others.
        ("admin_bkpsdm", {"Budi Santoso", "Dewi Lestari", "Siti Aminah", "Hendra Saputra"}),
    ],
)
def test_the_team_list_shows_whom_each_persona_may_see(staffed, login, persona, expected):
    assert _names(login(persona).get(reverse("competency:team"))) == expected


@pytest.mark.parametrize("persona", ["pegawai", "petugas_layanan", "pemantau"])
def test_employees_without_a_team_get_403(staffed, login, persona):
    assert login(persona).get(reverse("competency:team")).status_code == 403


def test_the_team_list_counts_shortfalls_per_person(staffed, login):
    body = login("atasan").get(reverse("competency:team")).content.decode()

    budi = body.split("Budi Santoso")[1].split("</tr>")[0]
    dewi = body.split("Dewi Lestari")[1].split("</tr>")[0]
    assert "2 kompetensi" in budi
    assert "1 kompetensi" in dewi


def test_drill_down_to_the_employees_below_the_standard_in_one_competency(staffed, login):
    world = staffed.world
    url = reverse("competency:team")
    client = login("kepala")

    below = client.get(
        url, {"unit": world.kecamatan.pk, "competency": staffed.komunikasi.pk, "state": "below"}
    )
    assessed = client.get(
        url, {"unit": world.kecamatan.pk, "competency": staffed.adminduk.pk, "state": "assessed"}
    )
    required = client.get(
        url, {"unit": world.kecamatan.pk, "competency": staffed.adminduk.pk, "state": "required"}
    )

    assert _names(below) == {"Budi Santoso"}
    assert _names(assessed) == {"Dewi Lestari"}
    assert _names(required) == {"Budi Santoso", "Dewi Lestari"}


def test_the_team_list_runs_a_constant_number_of_queries(
    staffed, login, django_assert_max_num_queries
):
    world = staffed.world
    client = login("admin_bkpsdm")
    client.get(reverse("competency:team"))
    for number in range(8):
        extra = factories.make_employee(
            world.kelurahan,
            f"Staf Tambahan {number}",
            position=world.pegawai.position,
            supervisor=world.atasan,
        )
        make_level(extra, staffed.komunikasi, 2)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("competency:team"))

    assert response.content.decode().count("Staf Tambahan") == 8


def test_the_agency_view_lists_units_with_their_gaps(staffed, login, django_assert_max_num_queries):
    client = login("admin_bkpsdm")
    client.get(reverse("competency:agency-gaps"))

    with django_assert_max_num_queries(14):
        body = client.get(reverse("competency:agency-gaps")).content.decode()

    row = body.split("Kelurahan Plaju Ulu")[1].split("</tr>")[0]
    assert ">2</a>" in row  # two below the standard, linked to the list
    assert "1,00" in row  # mean shortfall: (2 + 0 + 3 + 0 + 0 + 1) / 6


def test_a_head_sees_only_the_units_of_their_subtree(staffed, login, world):
    other = factories.make_unit(world.agency, "Kecamatan Kertapati")

    body = login("kepala").get(reverse("competency:agency-gaps")).content.decode()

    assert "Kelurahan Plaju Ulu" in body
    assert other.name not in body
    assert login("kepala").get(reverse("competency:unit-gaps", args=[other.pk])).status_code == 404


def test_the_unit_report_per_competency_with_links_to_the_people(staffed, login):
    world = staffed.world

    body = (
        login("kepala")
        .get(reverse("competency:unit-gaps", args=[world.kecamatan.pk]))
        .content.decode()
    )

    row = body.split('data-code="T-01"')[1].split("</tr>")[0]
    assert f'competency={staffed.adminduk.pk}&amp;state=below">2</a>' in row
    assert "2,00" in row
    assert "Sudah dinilai" in body


def test_the_unit_report_pdf_and_xlsx(staffed, auditing, login):
    world = staffed.world
    client = login("inspektur")  # auditing Kecamatan Plaju

    pdf = client.get(reverse("competency:unit-gaps-pdf", args=[world.kecamatan.pk]))
    xlsx = client.get(
        reverse("competency:unit-gaps", args=[world.kecamatan.pk]), {"format": "xlsx"}
    )

    assert pdf.content.startswith(b"%PDF")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(xlsx.content)).active.values)
    assert rows[1:] == [
        ("M-03", "Komunikasi", 2, 2, 1, 1.0),
        ("M-05", "Pelayanan publik", 2, 2, 0, 0.0),
        ("T-01", "Administrasi kependudukan", 2, 1, 2, 2.0),
    ]


def test_a_position_without_standard_adds_no_rows(staffed, world):
    from kinerja.competency.selectors.reports import unit_report

    set_position_requirements(world.atasan.position, actor=None, levels={staffed.integritas.pk: 3})
    report = unit_report(world.kelurahan)

    assert {row.competency.code for row in report.rows} == {"M-01", "M-03", "M-05", "T-01"}
    assert report.totals.required == 3
