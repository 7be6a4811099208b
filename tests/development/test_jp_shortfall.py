"""The 20 JP shortfall list: who falls short, per unit, searchable, exportable, scoped, fast."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from tests.development import builders

YEAR = builders.YEAR


@pytest.fixture
def jp(world, unscoped):
    """pegawai 8 JP (+ 30 last year), rekan 20 JP (met), atasan 12 JP; kepala and the rest 0."""
    builders.record(world.pegawai, 8)
    builders.record(world.pegawai, 30, year=YEAR - 1)
    builders.record(world.rekan, 12)
    builders.record(world.rekan, 8, title="E-learning")
    builders.record(world.atasan, 12)


def _rows(response):
    return [(e.name, e.jp, e.shortfall) for e in response.context["page"].object_list]


def test_the_admin_sees_everyone_short_of_20_jp_fewest_first(world, jp, login):
    client = login("admin_bkpsdm")

    response = client.get(reverse("development:jp-list"))

    rows = _rows(response)
    assert response.status_code == 200
    assert ("Budi Santoso", 8, 12) in rows
    assert ("Siti Aminah", 12, 8) in rows
    assert "Dewi Lestari" not in [name for name, _jp, _short in rows]
    assert [jp for _name, jp, _short in rows] == sorted(jp for _name, jp, _short in rows)
    summary = response.context["summary"]
    assert (summary.employees, summary.short, summary.total_jp) == (7, 6, 40)


def test_last_years_jp_do_not_count_this_year(world, jp, login):
    client = login("admin_bkpsdm")

    response = client.get(reverse("development:jp-list"), {"year": YEAR - 1})

    assert ("Budi Santoso", 30, 0) not in _rows(response)
    assert response.context["summary"].total_jp == 30


def test_search_unit_and_everyone_filters(world, jp, login):
    client = login("admin_bkpsdm")
    url = reverse("development:jp-list")

    assert _rows(client.get(url, {"q": "budi"})) == [("Budi Santoso", 8, 12)]
    assert _rows(client.get(url, {"q": world.atasan.nip})) == [("Siti Aminah", 12, 8)]
    everyone = _rows(client.get(url, {"q": "dewi", "everyone": "on"}))
    assert everyone == [("Dewi Lestari", 20, 0)]
    in_kelurahan = {name for name, _jp, _s in _rows(client.get(url, {"unit": world.kelurahan.pk}))}
    assert "Hendra Saputra" not in in_kelurahan  # the camat sits in the kecamatan itself
    assert "Budi Santoso" in in_kelurahan


def test_a_supervisor_sees_only_their_team_and_themself(world, jp, login):
    client = login("atasan")

    rows = _rows(client.get(reverse("development:jp-list")))

    assert {name for name, _jp, _s in rows} == {"Budi Santoso", "Siti Aminah"}


def test_the_xlsx_and_pdf_hold_the_same_rows(world, jp, login):
    client = login("admin_bkpsdm")
    url = reverse("development:jp-list")

    xlsx = client.get(url, {"q": "budi", "format": "xlsx"})
    pdf = client.get(url, {"format": "pdf"})

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.values)
    assert values[0] == ("Nama", "NIP", "Unit kerja", "Jabatan", "JP tercapai", "Kekurangan JP")
    assert values[1][0] == "Budi Santoso"
    assert values[1][4:] == (8, 12)
    assert len(values) == 2
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_list_takes_a_fixed_number_of_queries(world, jp, login, django_assert_max_num_queries):
    for index in range(30):
        person = factories.make_employee(world.kelurahan, f"Staf {index:02d}")
        builders.record(person, 1 + index % 25)
    client = login("admin_bkpsdm")

    with django_assert_max_num_queries(14):
        response = client.get(reverse("development:jp-list"))

    assert response.status_code == 200
    assert response.context["summary"].employees == 37


def test_the_api_lists_the_shortfall(world, jp, login):
    client = login("admin_bkpsdm")

    response = client.get(reverse("api-development-jp-shortfall"), {"q": "budi"})

    assert response.status_code == 200
    assert [(r["name"], r["jp"], r["shortfall"]) for r in response.json()["results"]] == [
        ("Budi Santoso", 8, 12)
    ]


def test_the_employee_sees_their_own_jp_on_their_page(world, jp, login):
    client = login("pegawai")

    response = client.get(reverse("development:mine"))

    body = response.content.decode()
    assert response.context["found"].standing.total == 8
    assert "Kurang 12 JP dari hak minimal 20 JP" in body
