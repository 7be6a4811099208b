"""The SKM report of a unit and its services: IKM pooled over the unit's answers (not the mean
of the services' IKMs), the minimum sample from the requests received, the profile, the
priorities, the comments and the trend — the same exact figures on the page, in the XLSX, in
the PDF and in the API, in a number of queries that does not grow with the answers."""

# ruff: noqa: F811  (pytest fixtures imported from the survey fixture module)

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.citizen import metrics
from kinerja.citizen.ikm import Grade
from kinerja.citizen.models import SurveyResponse
from kinerja.citizen.selectors.survey import survey_report
from kinerja.citizen.survey_periods import quarter
from tests.citizen.survey_fixtures import (  # noqa: F401  (fixtures)
    _fresh_rate_limits,
    add_requests,
    add_responses,
    answers,
    kk,
    ktp,
    local,
)

REPORT = reverse("citizen:survey-report")


@pytest.fixture
def first_quarter(world, ktp, kk, unscoped):
    """Triwulan I 2026 at Kelurahan Plaju Ulu, computed by hand:

    KTP-el  r1 4 4 3 4 3 4 4 3 3 · r2 3 4 3 4 3 4 4 – 2 · r3 4 3 2 4 3 3 4 3 3  → IKM 84,26 (B)
    KK      r4 2 2 1 4 2 2 3 1 2                                              → IKM 52,78 (D)
    The services' mean would be 68,52. Pooled per element: 13/4, 13/4, 9/4, 16/4, 11/4, 13/4,
    15/4, 7/3 (one blank), 10/4 → Σ 27,333… → IKM 3,0370 → 75,93 (C, Kurang Baik).
    Requests received in the quarter: KTP-el 3 (sample 3 reached), KK 4 (1 of 4: not
    reached), the unit 7 (4 of 7: not reached). One more KTP-el answer in Triwulan IV 2025
    (all 4) and one request in April are outside the quarter.
    """
    unit = world.kelurahan
    add_responses(
        unit,
        ktp,
        [
            answers(4, 4, 3, 4, 3, 4, 4, 3, 3)
            | {"age": 34, "sex": "P", "education": "s1", "occupation": "swasta"}
            | {"comment": "Ruang tunggu panas."},
        ],
        at=local(2026, 1, 10),
    )
    add_responses(
        unit,
        ktp,
        [
            answers(3, 4, 3, 4, 3, 4, 4, None, 2)
            | {"age": 19, "sex": "L", "education": "sma", "occupation": "pelajar"},
            answers(4, 3, 2, 4, 3, 3, 4, 3, 3) | {"age": 62, "sex": "P"},
        ],
        at=local(2026, 3, 31, 23),
    )
    add_responses(
        unit,
        kk,
        [
            answers(2, 2, 1, 4, 2, 2, 3, 1, 2)
            | {"education": "sd", "occupation": "wirausaha", "comment": "Petugas kurang ramah."}
        ],
        at=local(2026, 2, 20),
    )
    add_responses(unit, ktp, [answers(4)], at=local(2025, 12, 5))
    add_requests(ktp, 3, at=local(2026, 1, 5))
    add_requests(kk, 4, at=local(2026, 3, 2))
    add_requests(ktp, 1, at=local(2026, 4, 1, 0))
    return quarter(2026, 1)


def test_the_unit_ikm_pools_the_answers_and_differs_from_the_mean_of_its_services(
    world, ktp, kk, first_quarter
):
    report = survey_report(world.kelurahan, service=None, period=first_quarter)

    by_service = {item.service.code: item.figures.result for item in report.per_service}
    assert by_service["ktp-el"].value == Decimal("84.26")
    assert by_service["kk"].value == Decimal("52.78")
    assert (by_service["ktp-el"].value + by_service["kk"].value) / 2 == Decimal("68.52")
    assert report.figures.result.value == Decimal("75.93")
    assert report.figures.result.grade == Grade.C
    assert report.figures.result.respondents == 4
    assert report.figures.index_text == "3,0370"
    # The same figure as one aggregate over every answer of the unit in the quarter:
    in_quarter = SurveyResponse.objects.filter(
        unit=world.kelurahan,
        submitted_at__gte=local(2026, 1, 1, 0),
        submitted_at__lt=local(2026, 4, 1, 0),
    )
    assert metrics.ikm_of(in_quarter).value == Decimal("75.93")


def test_the_minimum_sample_comes_from_the_requests_received_in_the_period(
    world, ktp, kk, first_quarter
):
    report = survey_report(world.kelurahan, service=None, period=first_quarter)

    samples = {item.service.code: item.figures.sample for item in report.per_service}
    assert (report.figures.sample.population, report.figures.sample.minimum) == (7, 7)
    assert report.figures.sample.reached is False
    assert (samples["ktp-el"].population, samples["ktp-el"].reached) == (3, True)
    assert (samples["kk"].population, samples["kk"].minimum, samples["kk"].reached) == (4, 4, False)


def test_the_report_page_shows_the_exact_figures(world, first_quarter, login):
    body = login("admin_bkpsdm").get(REPORT, {"unit": world.kelurahan.pk, "period": "2026-T1"})

    page = body.content.decode()
    assert body.status_code == 200
    assert "Kelurahan Plaju Ulu · Triwulan I 2026" in page
    assert "75,93" in page
    assert "3,0370" in page
    assert 'ikm-grade-C" aria-label="Mutu">C</span>' in page
    assert "Kinerja: Kurang Baik" in page
    assert 'NRR × bobot <span class="nowrap">1/9 (0,111…)</span>' in page
    flat = " ".join(page.split())
    # Element 8 had one blank: 3 answered, 7/3.
    assert (
        "<td>8</td> <td>Penanganan Pengaduan, Saran dan Masukan</td> "
        '<td class="num">3</td> <td class="num">2,333</td> <td class="num">0,2593</td>'
    ) in flat
    assert (
        '<td>1</td> <td>Persyaratan</td> <td class="num">4</td> '
        '<td class="num">3,250</td> <td class="num">0,3611</td>'
    ) in flat
    assert "Sampel minimum belum tercapai" in page
    assert "Minimum 7 responden untuk populasi 7 permohonan" in page
    assert "84,26" in page
    assert "52,78" in page
    priorities = page[page.index('id="ikm-priorities"') :]
    assert priorities.index("Waktu Penyelesaian — NRR 2,250") < priorities.index(
        "Penanganan Pengaduan, Saran dan Masukan — NRR 2,333"
    )
    assert priorities.index("Penanganan Pengaduan") < priorities.index(
        "Sarana dan Prasarana — NRR 2,500"
    )
    assert page.index("Petugas kurang ramah.") < page.index("Ruang tunggu panas.")
    assert "25,0%" in page
    assert "50,0%" in page
    assert "<svg" in page
    assert page.count('<rect x="0"') == 18  # a track and a bar per element


def test_the_chart_draws_each_bar_to_scale(world, first_quarter, login):
    page = (
        login("admin_bkpsdm")
        .get(REPORT, {"unit": world.kelurahan.pk, "period": "2026-T1"})
        .content.decode()
    )

    # NRR 4 fills the 290-wide track (grade A, blue); 3,25 → 236 (B, green); 2,25 → 163 (red).
    assert 'width="290" height="16" rx="3" fill="#0f5c8c"' in page
    assert 'width="236" height="16" rx="3" fill="#1c7c4a"' in page
    assert 'width="163" height="16" rx="3" fill="#b42318"' in page


def test_the_trend_lists_the_last_eight_quarters(world, first_quarter, login):
    page = (
        login("admin_bkpsdm")
        .get(REPORT, {"unit": world.kelurahan.pk, "period": "2026-T1"})
        .content.decode()
    )

    trend = page[page.index('id="ikm-trend"') :]
    assert trend.count('<td data-label="Triwulan">') == 8
    assert "Triwulan II 2024" in trend
    assert (
        '<td data-label="Triwulan">Triwulan IV 2025</td>\n              '
        '<td data-label="Responden" class="num">1</td>\n              '
        '<td data-label="IKM" class="num">100,00</td>'
    ) in trend
    assert '<td data-label="Responden" class="num">4</td>' in trend


def test_one_service_shows_its_own_ikm_and_sample(world, ktp, first_quarter, login):
    page = (
        login("admin_bkpsdm")
        .get(REPORT, {"unit": world.kelurahan.pk, "service": ktp.pk, "period": "2026-T1"})
        .content.decode()
    )

    assert "Kelurahan Plaju Ulu · Perekaman KTP-el · Triwulan I 2026" in page
    assert "84,26" in page
    assert "Sampel minimum tercapai" in page
    assert "Petugas kurang ramah." not in page
    assert 'id="ikm-services"' not in page


def test_a_period_without_answers_says_so(world, first_quarter, login):
    page = (
        login("admin_bkpsdm")
        .get(REPORT, {"unit": world.kelurahan.pk, "period": "2026-T3"})
        .content.decode()
    )

    assert "Belum ada jawaban survei pada periode ini." in page
    assert "Sampel minimum tidak dapat ditentukan" in page


def test_the_head_of_the_kecamatan_reads_the_kelurahan_another_agency_gets_404(
    world, first_quarter, login
):
    params = {"unit": world.kelurahan.pk, "period": "2026-T1"}

    assert login("kepala").get(REPORT, params).status_code == 200
    assert login("admin_agensi_lain").get(REPORT, params).status_code == 404
    assert login("pegawai").get(REPORT, params).status_code == 403


def test_the_xlsx_holds_the_same_figures(world, first_quarter, auditing, login):
    """`inspektur` is auditing the kecamatan, so downloads the kelurahan's report."""
    response = login("inspektur").get(
        reverse("citizen:survey-report-xlsx"), {"unit": world.kelurahan.pk, "period": "2026-T1"}
    )

    assert response.status_code == 200
    assert "laporan-skm-unit-" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Unsur", "Layanan", "Profil", "Tren", "Jawaban"]
    elements = list(book["Unsur"].iter_rows(values_only=True))
    assert elements[0] == (
        "No",
        "Unsur",
        "Menjawab",
        "Jumlah nilai",
        "NRR",
        "NRR × bobot 1/9 (0,111…)",
    )
    assert elements[1] == (1, "Persyaratan", 4, 13, 3.25, 0.3611)
    assert elements[8] == (8, "Penanganan Pengaduan, Saran dan Masukan", 3, 7, 2.333, 0.2593)
    summary = {row[1]: row[2] for row in elements[11:]}
    assert summary["IKM (1–4)"] == "3,0370"
    assert summary["IKM unit pelayanan (25–100)"] == "75,93"
    assert summary["Mutu pelayanan"] == "C"
    assert summary["Kinerja unit pelayanan"] == "Kurang Baik"
    assert summary["Sampel minimum (Krejcie–Morgan)"] == "7"
    services = list(book["Layanan"].iter_rows(values_only=True))
    assert services[1:] == [
        ("Kartu Keluarga", 1, 2.1111, 52.78, "D", 4, 4),
        ("Perekaman KTP-el", 3, 3.3704, 84.26, "B", 3, 3),
    ]
    profile = list(book["Profil"].iter_rows(values_only=True))
    assert ("Jenis kelamin", "Perempuan", 2, "50,0%") in profile
    assert ("Umur", "Tidak diisi", 1, "25,0%") in profile
    trend = list(book["Tren"].iter_rows(values_only=True))
    assert trend[-1] == ("Triwulan I 2026", 4, 75.93, "C")
    assert trend[-2] == ("Triwulan IV 2025", 1, 100, "A")
    responses = list(book["Jawaban"].iter_rows(values_only=True))
    assert len(responses) == 1 + 4
    assert [row[0].date().isoformat() for row in responses[1:]] == [
        "2026-03-31",
        "2026-03-31",
        "2026-02-20",
        "2026-01-10",
    ]
    assert responses[3][2] == "Kartu Keluarga"
    assert responses[3][3:12] == (2, 2, 1, 4, 2, 2, 3, 1, 2)


def test_the_pdf_reads_the_same_figures(world, first_quarter, login):
    response = login("pemantau").get(
        reverse("citizen:survey-report-pdf"), {"unit": world.kelurahan.pk, "period": "2026-T1"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "LAPORAN SURVEI KEPUASAN MASYARAKAT (SKM)" in text
    assert "Kelurahan Plaju Ulu" in text
    assert "Triwulan I 2026 (1 Januari 2026 – 31 Maret 2026)" in text
    assert "75,93" in text
    assert "3,0370" in text
    assert "Kurang Baik" in text
    assert "Bobot setiap unsur 1/9 (0,111…)" in text
    assert "NRR × bobot 1/9 (0,111…)" in text
    assert "8 Penanganan Pengaduan, Saran dan Masukan 3 2,333 0,2593" in text
    assert "IKM (Σ NRR × bobot) 3,0370 IKM unit pelayanan (× 25) 75,93" in text
    assert "Sampel minimum belum tercapai" in text
    assert "Perekaman KTP-el 3 84,26 B 3 (tercapai)" in text
    assert "8. Penanganan Pengaduan, Saran dan Masukan" in text  # the chart's label, whole
    assert "3. Waktu Penyelesaian — NRR 2,250" in text
    assert "Triwulan IV 2025 1 100,00 Triwulan I 2026 4 75,93" in text
    assert "20 Februari 2026 Petugas kurang ramah. 10 Januari 2026 Ruang tunggu panas." in text
    assert "Halaman 3 dari 3" in text


def test_the_api_gives_the_report_figures(world, first_quarter, login):
    response = login("kepala").get(
        reverse("api-survey-report"), {"unit": world.kelurahan.pk, "period": "2026-T1"}
    )

    body = response.json()
    assert response.status_code == 200
    assert (body["value"], body["index"], body["grade"], body["grade_label"]) == (
        "75.93",
        "3.0370",
        "C",
        "Kurang Baik",
    )
    assert (body["population"], body["minimum_sample"], body["sample_reached"]) == (7, 7, False)
    assert body["elements"][7] == {
        "code": "pengaduan",
        "label": "Penanganan Pengaduan, Saran dan Masukan",
        "answered": 3,
        "nrr": "2.333",
        "weighted_nrr": "0.2593",
    }
    assert body["priorities"] == ["waktu", "pengaduan", "sarana"]
    assert [s["value"] for s in body["services"]] == ["52.78", "84.26"]
    assert body["trend"][-2:] == [
        {"period": "2025-T4", "respondents": 1, "value": "100.00"},
        {"period": "2026-T1", "respondents": 4, "value": "75.93"},
    ]


def test_the_api_report_is_404_outside_reach(world, first_quarter, login):
    response = login("admin_agensi_lain").get(
        reverse("api-survey-report"), {"unit": world.kelurahan.pk}
    )

    assert response.status_code == 404


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(REPORT, params).status_code == 200
    return len(captured.captured_queries)


def test_the_report_reads_the_same_number_of_queries_for_4_or_400_answers(
    world, ktp, kk, first_quarter, login, unscoped
):
    client = login("admin_bkpsdm")
    params = {"unit": world.kelurahan.pk, "period": "2026-T1"}
    few = _queries(client, params)

    for day in range(1, 29):
        add_responses(
            world.kelurahan,
            ktp if day % 2 else kk,
            [answers(3) | {"comment": f"Saran {day}-{n}"} for n in range(14)],
            at=local(2026, 2, day),
        )
    many = _queries(client, params)

    assert few == many
    assert many <= 20
