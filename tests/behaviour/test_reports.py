"""A person's report of a closed round, on the page, in XLSX, in PDF and through the API: the
hand-computed example of test_aggregation.py end to end (`closed_example`)."""

from __future__ import annotations

import io
import re

from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.behaviour.conftest import answer, report_url, scores, table_rows


def test_the_employee_sees_the_exact_means_gap_and_chart(world, closed_example, login):
    body = login("pegawai").get(report_url(closed_example, world.pegawai)).content.decode()

    assert "Hasil umpan balik 360° saya" in body
    rows = table_rows(body, "report-table")
    assert rows[0] == [
        "Nilai dasar",
        "Atasan langsung n=1",
        "Rekan kerja n=3",
        "Diri sendiri n=1",
        "Penilai lain",
        "Selisih diri − lain",
    ]
    assert rows[1:] == [
        ["1. Berorientasi Pelayanan", "4,00", "4,00", "5,00", "4,00", "+1,00"],
        ["2. Akuntabel", "4,00", "3,78", "5,00", "3,83", "+1,17"],
        ["3. Kompeten", "4,00", "4,00", "5,00", "4,00", "+1,00"],
        ["4. Harmonis", "4,00", "4,00", "5,00", "4,00", "+1,00"],
        ["5. Loyal", "4,00", "4,00", "5,00", "4,00", "+1,00"],
        ["6. Adaptif", "4,00", "4,00", "5,00", "4,00", "+1,00"],
        ["7. Kolaboratif", "4,00", "3,00", "5,00", "3,25", "+1,75"],
    ]
    assert 'class="radar-chart"' in body
    assert body.count('class="radar-series"') == 3
    assert "Atasan langsung (Siti Aminah): 1 · Rekan kerja: 3 · Diri sendiri: 1" in body


def test_comments_are_shown_without_names_sorted_by_value(world, closed_example, login):
    body = login("pegawai").get(report_url(closed_example, world.pegawai)).content.decode()
    comments = body[body.index('id="comments"') :]

    items = [
        re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r"<li>(.*?)</li>", comments, re.S)
    ]
    assert items == [
        "Atasan langsung Tanggap terhadap warga.",
        "Rekan kerja Kurang terbuka.",
        "Rekan kerja Perlu berbagi informasi.",
    ]
    for name in ("Dewi Lestari", "Bambang Irawan", "Agus Wijaya"):
        assert name not in body


def test_highlights_name_the_strongest_and_weakest_values(world, closed_example, login):
    body = login("pegawai").get(report_url(closed_example, world.pegawai)).content.decode()
    highlights = body[body.index('id="highlights"') : body.index('id="summary"')]

    weakest = highlights[highlights.index("Paling perlu dikembangkan") :]
    assert weakest.index("Kolaboratif") < weakest.index("Akuntabel")
    assert "Dinilai diri jauh lebih tinggi daripada oleh orang lain" in highlights


def test_the_xlsx_holds_the_same_numbers(world, closed_example, login):
    response = login("pegawai").get(report_url(closed_example, world.pegawai), {"format": "xlsx"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "Nilai dasar",
        "Perilaku",
        "Atasan langsung (n=1)",
        "Rekan kerja (n=3)",
        "Diri sendiri (n=1)",
        "Penilai lain",
        "Selisih diri − penilai lain",
    )
    akuntabel = next(row for row in rows if row[0] == "2. Akuntabel")
    assert akuntabel == ("2. Akuntabel", "Rata-rata nilai", 4.0, 3.78, 5.0, 3.83, 1.17)
    behaviour = rows[rows.index(akuntabel) + 2]
    assert behaviour[1].startswith("b. Menggunakan kekayaan dan barang milik negara")
    assert behaviour[2:6] == (4.0, 3.67, 5.0, 3.75)
    comments = [row for row in rows if str(row[0]).startswith("Komentar")]
    assert comments == [
        (
            "Komentar · Berorientasi Pelayanan",
            "Tanggap terhadap warga.",
            "Atasan langsung",
            None,
            None,
            None,
            None,
        ),
        ("Komentar · Kolaboratif", "Kurang terbuka.", "Rekan kerja", None, None, None, None),
        (
            "Komentar · Kolaboratif",
            "Perlu berbagi informasi.",
            "Rekan kerja",
            None,
            None,
            None,
            None,
        ),
    ]
    assert response["Cache-Control"] == "private, no-store"


def test_the_pdf_holds_the_table_the_chart_and_the_comments(world, closed_example, login):
    response = login("pegawai").get(
        report_url(closed_example, world.pegawai, "behaviour:report-pdf")
    )

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "LAPORAN UMPAN BALIK PERILAKU 360°" in text
    assert "Budi Santoso" in text
    for figure in ("3,83", "+1,17", "3,25", "+1,75", "3,78"):
        assert figure in text
    assert "Perlu berbagi informasi." in text
    assert "Halaman 1 dari" in text


def test_the_api_report_has_the_same_numbers(world, closed_example, login):
    body = (
        login("pegawai")
        .get(report_url(closed_example, world.pegawai, "api-behaviour-report"))
        .json()
    )

    assert [g["relation"] for g in body["groups"]] == ["atasan", "rekan", "diri"]
    assert body["groups"][1]["count"] == 3
    assert body["groups"][1]["value_means"][1] == "3.78"
    assert body["others"]["value_means"] == ["4.00", "3.83", "4.00", "4.00", "4.00", "4.00", "3.25"]
    assert body["gaps"][1] == "1.17"
    assert body["hidden"] == []
    assert body["supervisor_name"] == "Siti Aminah"
    assert {c["text"] for c in body["comments"]} == {
        "Tanggap terhadap warga.",
        "Kurang terbuka.",
        "Perlu berbagi informasi.",
    }


def test_who_may_see_a_report(world, closed_example, login):
    url = report_url(closed_example, world.pegawai)

    seen = {
        persona: login(persona).get(url).status_code
        for persona in (
            "pegawai",
            "atasan",
            "kepala",
            "admin_bkpsdm",
            "rekan",
            "inspektur",
            "pemantau",
            "admin_agensi_lain",
        )
    }

    assert seen == {
        "pegawai": 200,
        "atasan": 200,
        "kepala": 200,
        "admin_bkpsdm": 200,
        "rekan": 404,
        "inspektur": 404,
        "pemantau": 404,
        "admin_agensi_lain": 404,
    }


def test_an_open_round_has_no_report_yet(world, open_round, staff, login):
    for rater in (world.rekan, staff["staf_a"], staff["staf_b"], world.atasan):
        answer(world, open_round, world.pegawai, rater, scores(4))

    assert login("pegawai").get(report_url(open_round, world.pegawai)).status_code == 404
    assert (
        login("pegawai")
        .get(report_url(open_round, world.pegawai, "api-behaviour-report"))
        .status_code
        == 404
    )


def test_only_people_rated_in_the_round_have_a_report(world, closed_example, login):
    other = world.users["admin_bkpsdm"].employee  # rated in the round (the kecamatan)
    assert login("admin_bkpsdm").get(report_url(closed_example, other)).status_code == 200
    assert (
        login("admin_bkpsdm").get(report_url(closed_example, world.pegawai_lain)).status_code == 404
    )


def test_the_employee_finds_their_results_on_the_feedback_page(world, closed_example, login):
    body = login("pegawai").get(reverse("behaviour:mine")).content.decode()

    assert report_url(closed_example, world.pegawai) in body
