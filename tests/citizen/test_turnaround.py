"""Turnaround figures on hand-computed examples: median and 90th percentile as
`percentile_cont` computes them (linear between neighbours), the share within standard, per
service, unit, handler and period (local calendar), in a fixed number of queries; the page,
its XLSX and the API."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.citizen.metrics import Turnaround
from kinerja.citizen.selectors.turnaround import (
    range_period,
    report_period,
    turnaround_report,
)
from tests.citizen.services_fixtures import at, make_request, make_service

pytestmark = pytest.mark.usefixtures("unscoped")


@pytest.fixture
def figures(world):
    """KTP-el (Kelurahan, standard 30): 10, 20, 30, 40 and 100 minutes;
    Kartu Keluarga (Kecamatan, standard 1440): 100 and 200 minutes; all done in March 2026.

    Handlers: Budi (pegawai) 10, 30 (KTP) and 100 (KK); Dewi (rekan) 20, 40, 100 (KTP);
    nobody named for the KK request of 200 minutes. One KTP request is still open."""
    ktp = make_service(world.kelurahan, standard=30)
    kk = make_service(world.kecamatan, name="Kartu Keluarga", code="kk", standard=1440)
    budi, dewi = world.pegawai, world.rekan
    for day, (minutes, handler) in enumerate(
        [(10, budi), (20, dewi), (30, budi), (40, dewi), (100, dewi)], start=2
    ):
        make_request(ktp, received=at(2026, 3, day), minutes=minutes, handler=handler)
    make_request(kk, received=at(2026, 3, 9), minutes=100, handler=budi)
    make_request(kk, received=at(2026, 3, 10), minutes=200)
    make_request(ktp, received=at(2026, 3, 11))
    return ktp, kk


MARCH = report_period("bulan", 2026, 3)


def figures_of(completed: int, within: int, median: float, p90: float) -> Turnaround:
    """Expected figures; percentiles compared to 1e-9 (interpolation is floating point)."""
    return Turnaround(completed, within, pytest.approx(median), pytest.approx(p90))


@pytest.mark.parametrize(
    ("kind", "number", "start", "end", "label"),
    [
        ("bulan", 11, dt.date(2026, 11, 1), dt.date(2026, 11, 30), "November 2026"),
        ("bulan", 12, dt.date(2026, 12, 1), dt.date(2026, 12, 31), "Desember 2026"),
        ("bulan", 2, dt.date(2026, 2, 1), dt.date(2026, 2, 28), "Februari 2026"),
        ("triwulan", 4, dt.date(2026, 10, 1), dt.date(2026, 12, 31), "Triwulan IV 2026"),
        ("semester", 2, dt.date(2026, 7, 1), dt.date(2026, 12, 31), "Semester II 2026"),
        ("tahun", 1, dt.date(2026, 1, 1), dt.date(2026, 12, 31), "Tahun 2026"),
    ],
)
def test_every_period_has_its_days_and_its_name(kind, number, start, end, label):
    period = report_period(kind, 2026, number)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_per_service_median_p90_and_share_match_the_hand_computation(world, figures):
    report = turnaround_report(world.users["admin_bkpsdm"], MARCH)

    assert {row.service.code: row.figures for row in report.services} == {
        # 10 20 30 40 100: median the 3rd; p90 at position 3.6 → 40 + 0.6 × 60 = 76
        "ktp-el": figures_of(5, 3, 30.0, 76.0),
        # 100 200: median 150; p90 at position 0.9 → 100 + 0.9 × 100 = 190
        "kk": figures_of(2, 2, 150.0, 190.0),
    }
    assert report.services[0].figures.within_standard_share == Decimal("100.00")  # KK first
    assert report.services[1].figures.within_standard_share == Decimal("60.00")
    # all seven: 10 20 30 40 100 100 200 → median 40; p90 at 5.4 → 100 + 0.4 × 100 = 140
    assert report.total == figures_of(7, 5, 40.0, 140.0)
    assert report.total.within_standard_share == Decimal("71.43")


def test_per_unit_and_per_handler(world, figures):
    report = turnaround_report(world.users["admin_bkpsdm"], MARCH)

    assert [(row.unit.name, row.figures) for row in report.units] == [
        ("Kecamatan Plaju", figures_of(2, 2, 150.0, 190.0)),
        ("Kelurahan Plaju Ulu", figures_of(5, 3, 30.0, 76.0)),
    ]
    assert [
        (row.employee.name if row.employee else None, row.figures) for row in report.employees
    ] == [
        # Budi 10 30 100: p90 at 1.8 → 30 + 0.8 × 70 = 86; all within their standards
        ("Budi Santoso", figures_of(3, 3, 30.0, 86.0)),
        # Dewi 20 40 100 (KTP, standard 30): only 20 within
        ("Dewi Lestari", figures_of(3, 1, 40.0, 88.0)),
        (None, figures_of(1, 1, 200.0, 200.0)),
    ]
    assert report.employees[1].figures.within_standard_share == Decimal("33.33")


def test_a_request_counts_in_the_local_month_it_was_completed(world, figures):
    ktp, _kk = figures
    # 31 March 23:30 WIB is 16:30 UTC: still March; 23:50 + 30 minutes is 1 April WIB
    make_request(ktp, received=at(2026, 3, 31, 23, 0), minutes=30)
    make_request(ktp, received=at(2026, 3, 31, 23, 50), minutes=30)
    admin = world.users["admin_bkpsdm"]

    march = turnaround_report(admin, MARCH).total
    april = turnaround_report(admin, report_period("bulan", 2026, 4)).total
    first_quarter = turnaround_report(admin, report_period("triwulan", 2026, 1)).total
    semester = turnaround_report(admin, report_period("semester", 2026, 1)).total

    assert (march.completed, april.completed) == (8, 1)
    assert april == figures_of(1, 1, 30.0, 30.0)
    assert (first_quarter.completed, semester.completed) == (8, 9)


def test_the_trend_lists_each_month_of_the_year_with_completions(world, figures, auditing):
    """Read as `inspektur`, auditing the kecamatan (issue 7)."""
    ktp, _kk = figures
    make_request(ktp, received=at(2026, 5, 4, 8), minutes=45)

    report = turnaround_report(world.users["inspektur"], report_period("tahun", 2026))

    assert [(row.label, row.figures.completed) for row in report.trend] == [
        ("Maret 2026", 7),
        ("Mei 2026", 1),
    ]
    assert report.trend[1].figures == figures_of(1, 0, 45.0, 45.0)


def test_a_range_of_years_trends_per_year(world, figures):
    ktp, _kk = figures
    make_request(ktp, received=at(2025, 12, 31, 23, 0), minutes=30)

    report = turnaround_report(
        world.users["admin_bkpsdm"], range_period(dt.date(2025, 1, 1), dt.date(2026, 12, 31))
    )

    assert [(row.label, row.figures.completed) for row in report.trend] == [
        ("2025", 1),
        ("2026", 7),
    ]


def test_narrowing_to_a_unit_or_a_service(world, figures):
    ktp, _kk = figures
    admin = world.users["admin_bkpsdm"]

    kelurahan = turnaround_report(admin, MARCH, unit=world.kelurahan)
    only_ktp = turnaround_report(admin, MARCH, service=ktp)

    assert [row.service.code for row in kelurahan.services] == ["ktp-el"]
    assert kelurahan.total == only_ktp.total == figures_of(5, 3, 30.0, 76.0)


def test_the_head_sees_their_subtree_and_an_idle_service_shows_with_no_figures(world, figures):
    from kinerja.org.models import UnitKind
    from tests import factories

    elsewhere = factories.make_unit(world.agency, "Kecamatan Kertapati", UnitKind.KECAMATAN)
    outside = make_service(elsewhere, name="Surat Pindah", code="pindah")
    make_request(outside, received=at(2026, 3, 3), minutes=5)
    make_service(world.kelurahan, name="Legalisir", code="legalisir")

    report = turnaround_report(world.users["kepala"], MARCH)

    assert [(row.service.code, row.figures.completed) for row in report.services] == [
        ("kk", 2),
        ("ktp-el", 5),
        ("legalisir", 0),
    ]
    assert report.total.completed == 7


def test_the_report_takes_the_same_number_of_queries_whatever_its_size(
    world, figures, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = world.users["admin_bkpsdm"]
    turnaround_report(admin, MARCH)  # the actor's roles are read once per request
    with CaptureQueriesContext(connection) as small:
        turnaround_report(admin, MARCH)
    # the total and per service/unit/handler/month: on PostgreSQL one GROUPING SETS query
    # (with its work_mem setting, in a savepoint here: 4 statements); on SQLite two queries
    # each, the percentiles interpolated in Python. Then the services, units and handlers.
    assert len(small) == (4 if connection.vendor == "postgresql" else 10) + 3
    for n in range(6):
        extra = make_service(world.kelurahan, name=f"Layanan {n}", code=f"l-{n}")
        for minutes in (5, 15, 25):
            make_request(extra, received=at(2026, 3, 12 + n), minutes=minutes, handler=world.rekan)
    with django_assert_num_queries(len(small)):
        bigger = turnaround_report(admin, MARCH)
    assert bigger.total.completed == 7 + 18


# --- The page, its XLSX and the API ---------------------------------------------------------


def test_the_page_shows_the_figures_and_a_bar_per_service(world, figures, login):
    response = login("kepala").get(
        reverse("citizen:turnaround"), {"kind": "bulan", "year": 2026, "number": 3}
    )

    page = response.content.decode()
    assert response.context["report"].period.label == "Maret 2026"
    assert "71,43%" in page
    assert [(bar.label, bar.share, bar.width) for bar in response.context["bars"]] == [
        ("KTP Elektronik", Decimal("60.00"), "180.0"),
        ("Kartu Keluarga", Decimal("100.00"), "300.0"),
    ]
    assert '<rect x="0" y="17" width="180.0"' in page


def test_an_invalid_period_falls_back_to_this_year_with_a_message(world, figures, login):
    response = login("admin_bkpsdm").get(
        reverse("citizen:turnaround"), {"kind": "triwulan", "year": 2026, "number": 5}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"number": ["Pilih triwulan ke-1 sampai ke-4."]}
    assert response.context["report"].period.kind == "tahun"


def test_the_xlsx_has_a_sheet_per_table(world, figures, login):
    response = login("admin_bkpsdm").get(
        reverse("citizen:turnaround"),
        {"kind": "bulan", "year": 2026, "number": 3, "format": "xlsx"},
    )

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Per layanan", "Per unit", "Per petugas", "Per periode"]
    assert list(workbook["Per layanan"].iter_rows(values_only=True)) == [
        (
            "Kode",
            "Layanan",
            "Unit kerja",
            "Waktu standar (menit)",
            "Permohonan selesai",
            "Median (menit)",
            "Persentil ke-90 (menit)",
            "Sesuai standar",
            "Sesuai standar (%)",
        ),
        ("kk", "Kartu Keluarga", "Kecamatan Plaju", 1440, 2, 150, 190, 2, 100),
        ("ktp-el", "KTP Elektronik", "Kelurahan Plaju Ulu", 30, 5, 30, 76, 3, 60),
    ]
    assert list(workbook["Per periode"].iter_rows(values_only=True))[1] == (
        "Maret 2026",
        7,
        40,
        140,
        5,
        71.43,
    )


def test_the_api_gives_the_same_figures(world, figures, auditing, login):
    """`inspektur` is auditing the kecamatan, whose requests these are."""
    response = login("inspektur").get(
        "/api/v1/citizen/turnaround/", {"kind": "bulan", "year": 2026, "number": 3}
    )
    bad = login("inspektur").get("/api/v1/citizen/turnaround/", {"kind": "windu"})

    body = response.json()
    assert body["period"] == {
        "kind": "bulan",
        "start": "2026-03-01",
        "end": "2026-03-31",
        "label": "Maret 2026",
    }
    assert body["total"] == {
        "completed": 7,
        "within_standard": 5,
        "median_minutes": 40.0,
        "p90_minutes": 140.0,
        "within_standard_share": "71.43",
    }
    assert [(s["name"], s["figures"]["p90_minutes"]) for s in body["services"]] == [
        ("Kartu Keluarga", 190.0),
        ("KTP Elektronik", 76.0),
    ]
    assert bad.status_code == 400
