"""XLSX exports of the appraisal data: exact rows, formula neutralising, scope by role, a
constant number of queries, and the export page's messages."""

# ruff: noqa: F811  (pytest fixtures imported from the shared fixture modules)

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.appraisal.exports import EVALUATION_HEADERS, PLAN_HEADERS, REALISATION_HEADERS
from kinerja.org.models import PositionKind, UnitKind
from kinerja.planning import services
from kinerja.planning.models import Period, PlannedResult
from tests import factories
from tests.appraisal.documents_fixtures import (  # noqa: F401  (fixtures)
    EXTRA_RHK,
    RHK,
    evaluate,
    quarter,
)
from tests.planning.conftest import approved_plan, period  # noqa: F401  (fixtures)

URL = reverse("appraisal:export")
# Spreadsheets hold naive local times (WIB).
FINALISED = dt.datetime(2026, 4, 10, 9, 30)  # noqa: DTZ001
LEADER_RHK = "Pelayanan administrasi kelurahan yang prima"


def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = load_workbook(BytesIO(response.content), read_only=True)
    return [tuple(row) for row in workbook.active.iter_rows(values_only=True)]


def download(client, what: str, period, unit=None):
    query = {"what": what, "period": period.pk}
    if unit is not None:
        query["unit"] = unit.pk
    return client.get(URL, query)


def test_admin_exports_the_evaluations_with_ratings_and_predicates(world, quarter, login, period):
    rows = sheet_rows(download(login("admin_bkpsdm"), "evaluasi", period))

    assert rows[0] == tuple(EVALUATION_HEADERS)
    common = ("Kelurahan Plaju Ulu", "Siti Aminah", "Final", None)
    assert rows[1:] == [
        (
            "Tahun 2026", "Periodik", "Triwulan I 2026", world.pegawai.nip, "Budi Santoso",
            "Pengadministrasi Umum", *common, "Di Atas Ekspektasi", "Di Atas Ekspektasi",
            "Sangat Baik", "Baik", FINALISED,
        ),
        (
            "Tahun 2026", "Periodik", "Triwulan I 2026", world.rekan.nip, "Dewi Lestari",
            "Pengadministrasi Umum", *common, "Sesuai Ekspektasi", "Sesuai Ekspektasi",
            "Baik", "Baik", FINALISED,
        ),
    ]  # fmt: skip


def test_admin_exports_the_realisations_with_their_achievement(world, quarter, login, period):
    rows = sheet_rows(download(login("admin_bkpsdm"), "realisasi", period))

    assert rows[0] == tuple(REALISATION_HEADERS)
    person = (world.pegawai.nip, "Budi Santoso", "Kelurahan Plaju Ulu")
    main = ("Utama", RHK, "Kuantitas", f"Jumlah {RHK.lower()}", 12, "dokumen")
    extra = ("Tambahan", EXTRA_RHK, "Waktu", "Arsip tertata tepat waktu", 2.5, "bulan")
    assert rows[1:] == [
        ("Tahun 2026", "Triwulan I 2026", *person, *main, 3, None, 25, 0, None),
        ("Tahun 2026", "Triwulan I 2026", *person, *extra, 2, "Arsip 2025 selesai ditata", 125,
         0, None),
        ("Tahun 2026", "Triwulan II 2026", *person, *main, 4.5, None, 37.5, 0, None),
    ]  # fmt: skip


def test_admin_exports_the_plans_with_every_indicator(world, quarter, login, period):
    rows = sheet_rows(download(login("admin_bkpsdm"), "skp", period))

    assert rows[0] == tuple(PLAN_HEADERS)
    assert [(r[2], r[6], r[10], r[11], r[12], r[13], r[15], r[16]) for r in rows[1:]] == [
        ("Budi Santoso", "Disetujui", "Utama", LEADER_RHK, RHK, "Kuantitas", 12, "dokumen"),
        ("Budi Santoso", "Disetujui", "Tambahan", None, EXTRA_RHK, "Waktu", 2.5, "bulan"),
        ("Dewi Lestari", "Disetujui", "Utama", LEADER_RHK, "Data kependudukan mutakhir",
         "Kuantitas", 12, "dokumen"),
        ("Siti Aminah", "Disetujui", "Utama", None, LEADER_RHK, "Kuantitas", 12, "dokumen"),
    ]  # fmt: skip
    assert rows[1][:10] == (
        "Tahun 2026", world.pegawai.nip, "Budi Santoso", "Pengadministrasi Umum",
        "Kelurahan Plaju Ulu", "Siti Aminah", "Disetujui", 0,
        dt.datetime(2026, 1, 1), dt.datetime(2026, 12, 31),  # noqa: DTZ001
    )  # fmt: skip


def test_text_that_looks_like_a_formula_is_written_as_text(world, quarter, login, period):
    PlannedResult.objects.filter(plan=quarter.plan, kind="tambahan").update(
        text='=HYPERLINK("http://jahat.example","klik")'
    )

    rows = sheet_rows(download(login("admin_bkpsdm"), "skp", period))

    assert rows[2][12] == '\'=HYPERLINK("http://jahat.example","klik")'


@pytest.fixture
def other_district(world, period):
    """Kecamatan Ilir Barat (outside kepala's Kecamatan Plaju) with one evaluated employee."""
    unit = factories.make_unit(world.agency, "Kecamatan Ilir Barat", UnitKind.KECAMATAN)
    position = factories.make_position(unit, "Pengolah Data", PositionKind.PELAKSANA)
    employee = factories.make_employee(unit, "Rudi Hartono", position=position, rank="II/b")
    plan = services.start_plan(employee, actor=None, period=period)
    evaluate(
        world, plan, results="Sesuai Ekspektasi", behaviour="Sesuai Ekspektasi", predicate="Baik"
    )
    return unit


def test_a_head_exports_only_the_units_they_head(quarter, other_district, login, period):
    head_rows = sheet_rows(download(login("kepala"), "evaluasi", period))
    admin_rows = sheet_rows(download(login("admin_bkpsdm"), "evaluasi", period))

    assert [row[4] for row in head_rows[1:]] == ["Budi Santoso", "Dewi Lestari"]
    assert [row[4] for row in admin_rows[1:]] == ["Budi Santoso", "Dewi Lestari", "Rudi Hartono"]


def test_a_head_cannot_pick_a_unit_outside_their_subtree(quarter, other_district, login, period):
    response = download(login("kepala"), "evaluasi", period, unit=other_district)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "field-error" in response.content.decode()


def test_an_admin_narrows_the_export_to_one_unit(world, quarter, other_district, login, period):
    rows = sheet_rows(download(login("admin_bkpsdm"), "evaluasi", period, unit=other_district))

    assert [row[4] for row in rows[1:]] == ["Rudi Hartono"]


@pytest.mark.parametrize("what", ["skp", "realisasi", "evaluasi"])
def test_the_export_takes_the_same_queries_for_more_rows(
    world, quarter, login, period, what, django_assert_max_num_queries
):
    client = login("admin_bkpsdm")
    with CaptureQueriesContext(connection) as few:
        download(client, what, period)
    for index in range(5):
        unit = factories.make_unit(world.agency, f"Kelurahan Baru {index}", UnitKind.KELURAHAN)
        employee = factories.make_employee(unit, f"Pegawai Baru {index}")
        plan = services.start_plan(employee, actor=None, period=period)
        result = PlannedResult.objects.create(agency=world.agency, plan=plan, text="RHK baru")
        indicator = result.indicators.create(
            agency=world.agency, aspect="kuantitas", text="Jumlah", target_value=Decimal(4)
        )
        plan.realisations.create(
            agency=world.agency, indicator=indicator, subperiod=1, value=Decimal(1)
        )
        evaluate(world, plan, results="Sesuai Ekspektasi", behaviour="Sesuai Ekspektasi",
                 predicate="Baik")  # fmt: skip

    with django_assert_max_num_queries(len(few)):
        rows = sheet_rows(download(client, what, period))

    assert len(rows) > 5


def test_the_export_page_offers_the_form(quarter, login):
    response = login("admin_bkpsdm").get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ekspor data penilaian" in page
    assert "Evaluasi: rating dan predikat" in page
    assert "Seluruh instansi" in page


def test_a_head_is_offered_only_their_units(quarter, other_district, login):
    page = login("kepala").get(URL).content.decode()

    assert "Semua unit yang saya pimpin" in page
    assert "Kelurahan Plaju Ulu" in page
    assert "Kecamatan Ilir Barat" not in page


def test_an_export_without_rows_says_so_instead_of_an_empty_file(world, login, period):
    response = download(login("admin_bkpsdm"), "evaluasi", period)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Tidak ada data untuk pilihan ini." in response.content.decode()


def test_the_page_explains_that_there_is_no_period_yet(world, login):
    assert not Period.objects.exists()

    response = login("admin_bkpsdm").get(URL)

    assert "Belum ada periode penilaian." in response.content.decode()


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "petugas_layanan", "pemantau"])
def test_who_may_not_export(quarter, login, period, persona):
    response = download(login(persona), "evaluasi", period)

    assert response.status_code == 403
