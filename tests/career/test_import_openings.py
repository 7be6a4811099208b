"""Importing opening balances from a sheet: all rows booked, or none with messages per row."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kinerja.career.models import CreditEntry
from kinerja.core.models import AuditEntry
from tests.career.conftest import make_functional


def _sheet(rows: list[list[object]]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["NIP", "Angka Kredit", "Tanggal Berlaku", "Keterangan"])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "saldo.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_a_clean_sheet_books_every_row(world, functional, login):
    other = make_functional(world, "Sari Dewi", "ahli_muda", rank="III/c")
    client = login("admin_bkpsdm")
    response = client.post(
        reverse("career:opening-import"),
        {
            "file": _sheet(
                [
                    [functional.nip, "18,75", "31/12/2024", "PAK integrasi 800/12"],
                    [other.nip, 120.5, "2024-12-31", ""],
                ]
            )
        },
        follow=True,
    )
    assert "2 saldo awal diimpor (jumlah 139,25)" in response.content.decode()
    booked = dict(CreditEntry.objects.values_list("employee_id", "amount"))
    assert booked == {functional.pk: Decimal("18.75"), other.pk: Decimal("120.50")}
    assert AuditEntry.objects.get(action="career.credit.imported").note == "saldo.xlsx"


def test_one_bad_row_books_nothing_and_names_the_rows(world, functional, login):
    response = login("admin_bkpsdm").post(
        reverse("career:opening-import"),
        {
            "file": _sheet(
                [
                    [functional.nip, "18,75", "31/12/2024"],
                    [world.pegawai.nip, "10", "31/12/2024"],
                    ["199999999999999999", "-3", "kemarin"],
                ]
            )
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Baris 3: pegawai tidak menduduki jabatan fungsional berjenjang." in page
    assert "Baris 4: NIP 199999999999999999 tidak ditemukan di instansi ini" in page
    assert "tanggal berlaku tidak dikenali" in page
    assert not CreditEntry.objects.exists()


def test_an_employee_of_another_agency_is_not_found(world, functional, login):
    response = login("admin_bkpsdm").post(
        reverse("api-career-opening-import"),
        {"file": _sheet([[world.pegawai_lain.nip, "5", "31/12/2024"]])},
    )
    assert response.status_code == 400
    assert "tidak ditemukan di instansi ini" in response.json()["non_field_errors"][0]
    assert not CreditEntry.objects.exists()


def test_the_api_imports_and_the_template_has_the_columns(world, functional, login):
    client = login("admin_bkpsdm")
    response = client.post(
        reverse("api-career-opening-import"),
        {"file": _sheet([[functional.nip, "40", "31/12/2024", "PAK"]])},
    )
    assert response.status_code == 201
    assert response.json() == {"created": 1, "total_amount": "40.00"}
    template = client.get(reverse("career:opening-import"), {"format": "xlsx"})
    headers = next(load_workbook(BytesIO(template.content)).active.iter_rows(values_only=True))
    assert headers == ("NIP", "Angka Kredit", "Tanggal Berlaku", "Keterangan")


def test_a_file_that_is_not_a_sheet_is_refused(world, functional, login):
    response = login("admin_bkpsdm").post(
        reverse("career:opening-import"),
        {
            "file": SimpleUploadedFile(
                "saldo.pdf", b"%PDF-1.4 nothing", content_type="application/pdf"
            )
        },
    )
    assert response.status_code == 400
    assert not CreditEntry.objects.exists()


def test_the_inspector_cannot_import(world, functional, login):
    response = login("inspektur").post(
        reverse("api-career-opening-import"),
        {"file": _sheet([[functional.nip, "40", "31/12/2024"]])},
    )
    assert response.status_code == 403
    assert not CreditEntry.objects.exists()
