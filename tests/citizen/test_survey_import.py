"""Importing paper SKM questionnaires from XLSX: columns by header name (8 and 9 swapped on
many forms), "U8" alone refused, every row checked in a preview, then all rows stored or none,
audited once."""

# ruff: noqa: F811  (pytest fixtures imported from the survey fixture module)

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kinerja.citizen.models import ResponseSource, SurveyResponse
from kinerja.citizen.services.survey import import_paper_responses, preview_paper_responses
from kinerja.citizen.survey_sheet import SheetError, field_of_header
from kinerja.core.models import AuditEntry
from tests.citizen.survey_fixtures import (  # noqa: F401  (fixtures)
    _fresh_rate_limits,
    kk,
    ktp,
    make_service,
)

IMPORT = reverse("citizen:survey-import")
COMMIT = reverse("citizen:survey-import-commit")

# A form that swaps elements 8 and 9, with the profile first and a "No" column.
SWAPPED = [
    "No",
    "Tanggal Pengisian",
    "Jenis Layanan",
    "Umur",
    "JK",
    "Pendidikan",
    "Pekerjaan",
    "U1 Persyaratan",
    "U2 Prosedur",
    "U3 Waktu Penyelesaian",
    "U4 Biaya/Tarif",
    "U5 Produk Spesifikasi Jenis Pelayanan",
    "U6 Kompetensi Pelaksana",
    "U7 Perilaku Pelaksana",
    "U8 Sarana dan Prasarana",
    "U9 Penanganan Pengaduan",
    "Saran/Masukan",
    "Nomor Tiket",
]


def xlsx(headers: list[str], rows: list[list[object]], *, title_rows: int = 1) -> bytes:
    book = Workbook()
    sheet = book.active
    for _ in range(title_rows):
        sheet.append(["REKAP KUESIONER SKM KELURAHAN PLAJU ULU"])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def upload(content: bytes, name: str = "skm-kertas.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


GOOD_ROWS = [
    [
        1,
        dt.date(2026, 2, 3),
        "ktp-el",
        41,
        "P",
        "SMA",
        "Wiraswasta",
        4,
        3,
        3,
        4,
        3,
        4,
        4,
        1,
        2,
        "Kursi kurang",
        "A-10",
    ],
    [
        2,
        "04-02-2026",
        "Kartu Keluarga",
        None,
        "L",
        "S1",
        "PNS",
        3,
        "Sangat mudah",
        2,
        4,
        "-",
        3,
        3,
        2,
        4,
        None,
        None,
    ],
    [
        3,
        "05/02/2026",
        "KTP-el",
        "27",
        "Laki-laki",
        "D3",
        "Mahasiswa",
        4,
        4,
        4,
        4,
        4,
        4,
        4,
        3,
        3,
        "",
        "A-11",
    ],
]


def _preview(client, world, content: bytes, **extra):
    return client.post(IMPORT, {"unit": world.kelurahan.pk, "file": upload(content), **extra})


def test_a_swapped_form_is_read_by_header_and_stored_after_the_preview(
    world, ktp, kk, login, unscoped
):
    client = login("petugas_layanan")

    preview = _preview(client, world, xlsx(SWAPPED, GOOD_ROWS))

    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Semua baris benar." in page
    assert "Simpan 3 kuesioner" in page
    assert "Kolom yang tidak dipakai: No" in page
    assert SurveyResponse.objects.count() == 0
    token = page.split('name="token" value="')[1].split('"')[0]

    done = client.post(COMMIT, {"token": token})

    assert done.status_code == 302
    assert done["Location"] == f"{IMPORT}?unit={world.kelurahan.pk}"  # desk officers read no report
    stored = list(SurveyResponse.objects.order_by("submitted_at"))
    assert len(stored) == 3
    first, second, third = stored
    # Column "U8 Sarana dan Prasarana" held the facilities: it lands on sarana, not pengaduan.
    assert (first.answer_sarana, first.answer_pengaduan) == (1, 2)
    assert (second.answer_prosedur, second.answer_produk) == (4, None)  # "Sangat mudah", "-"
    assert first.service == ktp
    assert second.service == kk
    assert third.service == ktp
    assert [r.submitted_at.date().isoformat() for r in stored] == [
        "2026-02-03",
        "2026-02-04",
        "2026-02-05",
    ]
    assert (first.age, first.sex, first.education, first.occupation) == (
        41,
        "P",
        "sma",
        "wirausaha",
    )
    assert (third.sex, third.education, third.occupation) == ("L", "diploma", "pelajar")
    assert (first.comment, first.ticket_code, second.ticket_code) == ("Kursi kurang", "A-10", "")
    assert {r.source for r in stored} == {ResponseSource.PAPER}
    audit = AuditEntry.objects.get(action="citizen.survey.imported")
    assert audit.note == "3 kuesioner dari skm-kertas.xlsx"
    assert audit.actor == world.users["petugas_layanan"]
    listing = client.get(done["Location"]).content.decode()
    assert "3 kuesioner kertas untuk Kelurahan Plaju Ulu tersimpan." in listing


def test_a_bare_u8_header_is_refused_because_8_and_9_differ_between_forms(
    world, ktp, login, unscoped
):
    headers = ["Tanggal", "Layanan", *(f"U{n}" for n in range(1, 10))]
    response = _preview(
        login("admin_bkpsdm"), world, xlsx(headers, [["01-02-2026", "ktp-el", *[3] * 9]])
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Kolom &quot;U1&quot; hanya menyebut nomor unsur." in page
    assert "urutan unsur 8 dan 9 berbeda antarformulir" in page
    assert SurveyResponse.objects.count() == 0


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Persyaratan", "answer_persyaratan"),
        ("U8 Sarana dan Prasarana", "answer_sarana"),
        ("U8 - Penanganan Pengaduan, Saran dan Masukan", "answer_pengaduan"),
        ("Unsur 9: Sarana Prasarana", "answer_sarana"),
        ("BIAYA / TARIF", "answer_biaya"),
        ("sistem, mekanisme, dan prosedur", "answer_prosedur"),
        ("Nomor Tiket", "ticket_code"),
        ("No", None),
    ],
)
def test_headers_are_matched_by_name(header, field):
    assert field_of_header(header) == field


def test_a_missing_element_column_is_named(world, ktp, login, unscoped):
    headers = [h for h in SWAPPED if h != "U4 Biaya/Tarif"]
    rows = [[c for i, c in enumerate(r) if SWAPPED[i] != "U4 Biaya/Tarif"] for r in GOOD_ROWS]

    response = _preview(login("admin_bkpsdm"), world, xlsx(headers, rows))

    assert response.status_code == 400
    assert "Kolom wajib tidak ditemukan: Biaya/Tarif." in response.content.decode()


def test_every_bad_row_is_listed_and_nothing_can_be_saved(world, ktp, kk, login, unscoped):
    rows = [
        GOOD_ROWS[0],
        [2, "04-02-2026", "SIM", 30, "X", "S1", "PNS", 5, 3, 3, 3, 3, 3, 3, 3, 3, "", ""],
        [3, "01-01-2099", "kk", 30, "P", "S1", "PNS", 3, 3, 3, 3, 3, 3, 3, 3, 3, "", "A-10"],
        [4, "05-02-2026", "kk", 30, "P", "S1", "PNS", *["-"] * 9, "", ""],
    ]

    response = _preview(login("admin_bkpsdm"), world, xlsx(SWAPPED, rows))

    page = response.content.decode()
    assert response.status_code == 400
    assert '<div class="stat" id="error-count">3</div>' in page
    assert "Persyaratan: jawaban harus 1–4, bukan 5." in page
    assert "Layanan &quot;SIM&quot; tidak dikenal di unit ini." in page
    assert "Jenis kelamin &quot;X&quot; tidak dikenali." in page
    assert "Tanggal pengisian di masa depan." in page
    assert "Jawab setidaknya satu unsur pelayanan." in page
    assert "Simpan" not in page
    assert SurveyResponse.objects.count() == 0


def test_a_ticket_repeated_in_the_file_or_already_surveyed_is_caught(world, ktp, login, unscoped):
    SurveyResponse.objects.create(
        agency=world.agency,
        unit=world.kelurahan,
        service=ktp,
        submitted_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
        answer_persyaratan=4,
        ticket_code="A-11",
    )
    rows = [GOOD_ROWS[0], [2, *GOOD_ROWS[0][1:]], GOOD_ROWS[2]]

    page = _preview(login("admin_bkpsdm"), world, xlsx(SWAPPED, rows)).content.decode()

    assert "Nomor tiket A-10 sudah ada di baris 3." in page
    assert "Nomor tiket A-11 sudah disurvei." in page


def test_the_commit_stores_nothing_when_a_ticket_was_surveyed_since_the_preview(
    world, ktp, kk, login, unscoped, client
):
    officer = login("admin_bkpsdm")
    page = _preview(officer, world, xlsx(SWAPPED, GOOD_ROWS)).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    SurveyResponse.objects.create(
        agency=world.agency,
        unit=world.kelurahan,
        service=ktp,
        submitted_at=dt.datetime(2026, 2, 6, tzinfo=dt.UTC),
        answer_persyaratan=3,
        ticket_code="A-11",
    )

    response = officer.post(COMMIT, {"token": token})

    assert response.status_code == 400
    assert "Baris 5: Nomor tiket A-11 sudah disurvei." in response.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert not AuditEntry.objects.filter(action="citizen.survey.imported").exists()


def test_a_default_service_is_used_when_the_file_has_no_service_column(
    world, ktp, kk, login, unscoped
):
    headers = [h for h in SWAPPED if h != "Jenis Layanan"]
    rows = [[c for i, c in enumerate(r) if SWAPPED[i] != "Jenis Layanan"] for r in GOOD_ROWS]
    client = login("kepala")

    without = _preview(client, world, xlsx(headers, rows))
    default = _preview(client, world, xlsx(headers, rows), service=kk.pk)

    assert without.status_code == 400
    assert "Layanan tidak diisi" in without.content.decode()
    assert default.status_code == 200


def test_someone_elses_preview_cannot_be_committed(world, ktp, kk, login, unscoped):
    page = _preview(login("admin_bkpsdm"), world, xlsx(SWAPPED, GOOD_ROWS)).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]

    response = login("petugas_layanan").post(COMMIT, {"token": token}, follow=True)

    assert "Pratinjau sudah kedaluwarsa." in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_only_officers_handling_paper_may_import(world, ktp, kk, login, unscoped):
    content = xlsx(SWAPPED, GOOD_ROWS)

    assert (
        login("pegawai")
        .post(IMPORT, {"unit": world.kelurahan.pk, "file": upload(content)})
        .status_code
        == 403
    )
    assert login("inspektur").get(IMPORT).status_code == 403
    other = login("admin_agensi_lain").post(
        IMPORT, {"unit": world.kelurahan.pk, "file": upload(content)}
    )
    assert other.status_code == 400  # not a unit of their agency: not offered
    assert SurveyResponse.objects.count() == 0
    with pytest.raises(PermissionDenied):
        preview_paper_responses(
            world.kelurahan,
            actor=world.users["inspektur"],
            upload=BytesIO(content),
            file_name="x.xlsx",
            default_service=None,
        )


def test_the_import_service_refuses_a_preview_of_another_unit(world, ktp, kk, unscoped):
    paper = preview_paper_responses(
        world.kelurahan,
        actor=world.users["admin_bkpsdm"],
        upload=BytesIO(xlsx(SWAPPED, GOOD_ROWS)),
        file_name="x.xlsx",
        default_service=None,
    )

    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Pratinjau ini untuk unit lain"):
        import_paper_responses(world.kecamatan, actor=world.users["admin_bkpsdm"], paper=paper)
    assert (
        import_paper_responses(world.kelurahan, actor=world.users["admin_bkpsdm"], paper=paper) == 3
    )


def test_the_template_headers_are_all_recognised(world, login):
    response = login("admin_bkpsdm").get(reverse("citizen:survey-import-template"))

    sheet = load_workbook(BytesIO(response.content))["Kuesioner"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[2:11] == [
        "U1 Persyaratan",
        "U2 Sistem, Mekanisme, dan Prosedur",
        "U3 Waktu Penyelesaian",
        "U4 Biaya/Tarif",
        "U5 Produk Spesifikasi Jenis Pelayanan",
        "U6 Kompetensi Pelaksana",
        "U7 Perilaku Pelaksana",
        "U8 Penanganan Pengaduan, Saran dan Masukan",
        "U9 Sarana dan Prasarana",
    ]
    assert all(field_of_header(header) is not None for header in headers)


def test_a_file_that_is_not_xlsx_is_refused_with_a_message(world, ktp, login):
    response = login("admin_bkpsdm").post(
        IMPORT, {"unit": world.kelurahan.pk, "file": upload(b"Tanggal;Persyaratan\n", "a.csv")}
    )

    assert response.status_code == 400
    assert "Berkas ini bukan berkas Excel (.xlsx)." in response.content.decode()


def test_a_sheet_error_is_raised_for_a_bare_number_header():
    with pytest.raises(SheetError):
        field_of_header("u9")
