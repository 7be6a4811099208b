"""The list of survey responses: only units in reach, filters by unit, service, period, source
and comment, 50 a page, an XLSX of the filtered rows, and the same number of queries for few
or many rows. Plus the periods the report reads (local time) and the QR posters."""

# ruff: noqa: F811  (pytest fixtures imported from the survey fixture module)

from __future__ import annotations

from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.citizen.models import ResponseSource
from kinerja.citizen.selectors.survey import survey_report
from kinerja.citizen.survey_periods import parse_period, quarter
from tests.citizen.survey_fixtures import (  # noqa: F401  (fixtures)
    _fresh_rate_limits,
    add_responses,
    answers,
    kk,
    ktp,
    local,
    make_service,
)

LIST = reverse("citizen:survey-responses")


def test_the_list_filters_by_service_source_period_and_comment(world, ktp, kk, login, unscoped):
    add_responses(world.kelurahan, ktp, [answers(4)] * 2, at=local(2026, 1, 5))
    add_responses(world.kelurahan, kk, [answers(3) | {"comment": "Cepat"}], at=local(2026, 2, 5))
    add_responses(
        world.kelurahan, kk, [answers(2) | {"source": ResponseSource.PAPER}], at=local(2026, 5, 5)
    )
    client = login("admin_bkpsdm")

    def count(**params) -> str:
        page = client.get(LIST, params).content.decode()
        return page.split('<p class="subtitle">')[1].split("<")[0].strip()

    assert count() == "4 jawaban"
    assert count(service=kk.pk) == "2 jawaban"
    assert count(source="kertas") == "1 jawaban"
    assert count(period="2026-T1") == "3 jawaban"
    assert count(with_comment="on") == "1 jawaban"
    assert count(unit=world.kelurahan.pk, service=ktp.pk, period="2026-T2") == "0 jawaban"


def test_a_head_sees_only_the_responses_of_the_units_below_them(world, ktp, login, unscoped):
    office = make_service(world.other_unit, "rawat-jalan", "Rawat jalan")
    add_responses(world.kelurahan, ktp, [answers(4)], at=local(2026, 1, 5))
    add_responses(world.other_unit, office, [answers(1)], at=local(2026, 1, 5))

    page = login("kepala").get(LIST).content.decode()

    assert "1 jawaban" in page
    assert "Rawat jalan" not in page


def test_the_list_shows_fifty_a_page_in_constant_queries(world, ktp, login, unscoped):
    client = login("admin_bkpsdm")
    add_responses(world.kelurahan, ktp, [answers(3)] * 3, at=local(2026, 1, 5))
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    add_responses(world.kelurahan, ktp, [answers(4) | {"comment": "x"}] * 120, at=local(2026, 1, 6))

    with CaptureQueriesContext(connection) as many:
        first = client.get(LIST).content.decode()
    third = client.get(LIST, {"page": 3}).content.decode()

    assert len(few.captured_queries) == len(many.captured_queries)
    assert first.count('<td data-label="Waktu"') == 50
    assert third.count('<td data-label="Waktu"') == 23
    assert "Halaman 1 dari 3" in first


def test_the_list_downloads_the_filtered_rows_as_xlsx(world, ktp, kk, auditing, login, unscoped):
    """`inspektur` is auditing the kecamatan, so downloads the kelurahan's responses."""
    add_responses(
        world.kelurahan, ktp, [answers(4, 3, 3, 4, 2, 3, 4, None, 3)], at=local(2026, 1, 5)
    )
    add_responses(world.kelurahan, kk, [answers(1)], at=local(2026, 1, 6))

    response = login("inspektur").get(LIST, {"service": ktp.pk, "format": "xlsx"})

    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Tanggal", "Unit", "Layanan", "Persyaratan")
    assert len(rows) == 2
    assert rows[1][1:12] == (
        "Kelurahan Plaju Ulu",
        "Perekaman KTP-el",
        4,
        3,
        3,
        4,
        2,
        3,
        4,
        None,
        3,
    )


# --- Periods in local time -------------------------------------------------------------------


def test_a_quarter_runs_from_local_midnight_to_local_midnight(world, ktp, unscoped):
    add_responses(world.kelurahan, ktp, [answers(4)], at=local(2026, 3, 31, 23))
    add_responses(world.kelurahan, ktp, [answers(1)], at=local(2026, 4, 1, 0))

    first = survey_report(world.kelurahan, service=None, period=quarter(2026, 1))
    second = survey_report(world.kelurahan, service=None, period=quarter(2026, 2))

    assert (first.figures.result.respondents, str(first.figures.result.value)) == (1, "100.00")
    assert (second.figures.result.respondents, str(second.figures.result.value)) == (1, "25.00")


def test_a_semester_and_a_year_cover_their_quarters(world, ktp, unscoped):
    for month in (2, 5, 8, 11):
        add_responses(world.kelurahan, ktp, [answers(3)], at=local(2026, month, 1))

    def respondents(code: str) -> int:
        period = parse_period(code)
        assert period is not None
        report = survey_report(world.kelurahan, service=None, period=period)
        return report.figures.result.respondents

    assert [respondents(c) for c in ("2026-S1", "2026-S2", "2026", "2025")] == [2, 2, 4, 0]


def test_unknown_period_codes_are_refused():
    assert [parse_period(c) for c in ("2026-T5", "2026-S3", "26", "2026-X1", "1999")] == [None] * 5
    assert parse_period("2026-t2").label == "Triwulan II 2026"


# --- Posters -----------------------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages).split())


def test_the_service_poster_points_at_the_service_survey(world, ktp, login, settings):
    settings.SITE_URL = "https://kinerja.palembang.go.id/"

    response = login("petugas_layanan").get(
        reverse("citizen:survey-poster-service", kwargs={"pk": ktp.pk})
    )

    text = _pdf_text(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="poster-skm-ktp-el.pdf"'
    assert "PEMERINTAH KOTA PALEMBANG" in text
    assert "SURVEI KEPUASAN MASYARAKAT" in text
    assert "Kelurahan Plaju Ulu" in text
    assert "Perekaman KTP-el" in text
    assert "Pindai kode QR untuk mengisi Survei Kepuasan Masyarakat" in text
    url = f"https://kinerja.palembang.go.id/publik/survei/palembang/{world.kelurahan.pk}/ktp-el/"
    assert url in text
    assert len(PdfReader(BytesIO(response.content)).pages) == 1


def test_the_unit_poster_points_at_the_unit_survey(world, ktp, login, settings):
    settings.SITE_URL = "https://kinerja.palembang.go.id"

    response = login("kepala").get(
        reverse("citizen:survey-poster", kwargs={"pk": world.kelurahan.pk})
    )

    text = _pdf_text(response.content)
    assert f"https://kinerja.palembang.go.id/publik/survei/palembang/{world.kelurahan.pk}/" in text
    assert "Perekaman KTP-el" not in text


def test_an_inactive_service_has_no_poster(world, login, unscoped):
    closed = make_service(world.kelurahan, "legalisir", "Legalisir", is_active=False)

    response = login("admin_bkpsdm").get(
        reverse("citizen:survey-poster-service", kwargs={"pk": closed.pk})
    )

    assert response.status_code == 404


def test_the_posters_page_lists_units_and_services_with_their_addresses(world, ktp, kk, login):
    page = login("petugas_layanan").get(reverse("citizen:survey-posters")).content.decode()

    assert "Kelurahan Plaju Ulu" in page
    assert page.index("Kartu Keluarga") < page.index("Perekaman KTP-el")
    assert f"/publik/survei/palembang/{world.kelurahan.pk}/kk/" in page
    assert reverse("citizen:survey-poster-service", kwargs={"pk": kk.pk}) in page
