"""Uploading a sheet to import: what files are refused, and which headers are understood.

The helpers at the top (building XLSX/CSV files, uploading, committing) are shared by the
other `test_import_*` modules.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from openpyxl import Workbook, load_workbook

from kinerja.core.models import AuditEntry
from kinerja.org.models import Employee, ImportJob, ImportStatus, Position, PositionHistory, Unit
from tests.factories import make_nip

EMPLOYEE_HEADERS = [
    "NIP",
    "Nama",
    "Tanggal Lahir",
    "Jenis Kelamin",
    "Golongan",
    "Jabatan",
    "Unit Kerja",
    "NIP Atasan",
]


def xlsx_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_bytes(rows: Sequence[Sequence[Any]], *, delimiter: str = ";") -> bytes:
    lines = [delimiter.join("" if value is None else str(value) for value in row) for row in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def upload(
    client: Client, content: bytes, *, name: str = "pegawai.xlsx", kind: str = "employees"
) -> Any:
    return client.post(
        reverse("org:import-start"), {"kind": kind, "file": SimpleUploadedFile(name, content)}
    )


def preview(
    client: Client,
    rows: Sequence[Sequence[Any]],
    *,
    kind: str = "employees",
    name: str = "pegawai.xlsx",
) -> ImportJob:
    """Upload an XLSX of `rows` (headers first) and return the job its preview recorded."""
    response = upload(client, xlsx_bytes(rows), name=name, kind=kind)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert client.get(response["Location"]).status_code == 200
    return job


def commit(client: Client, job: ImportJob, capture_on_commit: Any) -> ImportJob:
    """Press "Terapkan impor" (Celery is eager: the task runs before the redirect)."""
    with capture_on_commit(execute=True):
        response = client.post(reverse("org:import-commit", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def errors_of(job: ImportJob) -> list[tuple[int, str, str]]:
    return [(error["row"], error["column"], error["message"]) for error in job.errors]


def database_counts() -> dict[str, int]:
    """What an import may write, counted across every agency."""
    return {
        "employees": Employee.objects.count(),
        "units": Unit.objects.count(),
        "positions": Position.objects.count(),
        "history": PositionHistory.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def employee_row(world: Any, **values: Any) -> list[Any]:
    """A valid row of EMPLOYEE_HEADERS for a new pelaksana under `atasan`; override by field."""
    row = {
        "nip": make_nip(),
        "name": "Andi Wijaya",
        "birth_date": "26-09-1986",
        "sex": "L",
        "rank": "II/c",
        "position": "Pengadministrasi Umum",
        "unit": "Kelurahan Plaju Ulu",
        "supervisor": world.atasan.nip,
    }
    row.update(values)
    return [
        row[key]
        for key in ("nip", "name", "birth_date", "sex", "rank", "position", "unit", "supervisor")
    ]


def form_error(response: Any) -> list[str]:
    return response.context["form"].errors["file"]


# --- Files that are refused -----------------------------------------------------------------


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "pegawai.xlsx",
            PNG,
            "Berkas ini bukan lembar kerja. Unggah berkas Excel (.xlsx) atau CSV.",
        ),
        ("pegawai.xlsx", b"", "Berkas kosong."),
        (
            "pegawai.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "Format Excel lama (.xls) tidak didukung. Simpan ulang berkas sebagai Excel (.xlsx) atau "
            "CSV.",
        ),
        (
            "pegawai.csv",
            "NIP;Nama;Unit Kerja\r\n1;Andi Wijaya;Kelurahan Plaju Ulu\r\n".encode("utf-16"),
            "Berkas ini bukan lembar kerja. Unggah berkas Excel (.xlsx) atau CSV.",
        ),
        (
            "pegawai.csv",
            "NIP;Nama;Unit Kerja\r\n1;José;Plaju\r\n".encode("cp1252"),
            'Berkas CSV harus disimpan dengan enkode UTF-8 (di Excel: "CSV UTF-8").',
        ),
        (
            "pegawai.xlsx",
            b"PK\x03\x04 but not really a zip archive",
            "Berkas ini bukan lembar kerja. Unggah berkas Excel (.xlsx) atau CSV.",
        ),
        ("pegawai.xlsx", xlsx_bytes([]), "Berkas tidak berisi data."),
        (
            "pegawai.xlsx",
            xlsx_bytes([EMPLOYEE_HEADERS]),
            "Berkas hanya berisi judul kolom, tanpa baris data.",
        ),
        (
            "pegawai.csv",
            csv_bytes([EMPLOYEE_HEADERS]),
            "Berkas hanya berisi judul kolom, tanpa baris data.",
        ),
    ],
    ids=[
        "png-renamed-xlsx",
        "empty",
        "old-xls",
        "utf16-text",
        "not-utf8-csv",
        "broken-zip",
        "no-rows",
        "headers-only",
        "headers-only-csv",
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_with_its_reason(
    world,
    login,
    unscoped,
    name,
    content,
    message,
):
    client = login("admin_bkpsdm")
    before = database_counts()

    response = upload(client, content, name=name)

    assert response.status_code == 400
    assert form_error(response) == [message]
    assert escape(message) in response.content.decode()
    assert ImportJob.objects.count() == 0
    assert database_counts() == before


def test_missing_required_headers_are_named(world, login, unscoped):
    client = login("admin_bkpsdm")

    response = upload(
        client,
        xlsx_bytes([["Nama", "Tanggal Lahir", "Jabatan"], ["Andi Wijaya", "26-09-1986", "Lurah"]]),
    )

    assert response.status_code == 400
    assert form_error(response) == [
        "Kolom wajib tidak ditemukan: NIP, Unit Kerja. Unduh templat untuk melihat judul kolom "
        "yang dikenali."
    ]


def test_two_columns_for_the_same_field_are_refused(world, login, unscoped):
    client = login("admin_bkpsdm")

    response = upload(
        client,
        xlsx_bytes(
            [
                ["NIP", "Nama", "Unit Kerja", "NIP/NI PPPK"],
                [make_nip(), "Andi", "Kelurahan Plaju Ulu", "1"],
            ]
        ),
    )

    assert form_error(response) == [
        'Kolom "NIP" dan "NIP/NI PPPK" sama-sama berisi NIP; hapus salah satunya.'
    ]


def test_a_file_over_the_size_limit_is_refused(world, login, unscoped, settings):
    settings.IMPORT_MAX_BYTES = 1000
    client = login("admin_bkpsdm")
    rows = [EMPLOYEE_HEADERS] + [employee_row(world) for _ in range(40)]
    content = csv_bytes(rows)
    assert len(content) > 1000

    response = upload(client, content, name="pegawai.csv")

    assert form_error(response) == [
        f"Berkas terlalu besar ({len(content) / 1024:.1f} KB); batas ukuran berkas impor "
        f"1000 byte.".replace(".", ",", 1)
    ]
    assert ImportJob.objects.count() == 0


def test_the_page_shows_the_size_limit_and_the_columns_of_each_kind(world, login, unscoped):
    response = login("admin_bkpsdm").get(reverse("org:import-start"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ukuran maksimal 20,0 MB." in page
    assert "<strong>Nama Unit</strong> *" in page
    assert "<strong>NIP</strong> *" in page
    assert "Jabatan Atasan" in page


# --- Headers in any order, CSV, templates -----------------------------------------------------


def test_headers_in_another_order_and_spelling_are_recognised(
    world, login, unscoped, django_capture_on_commit_callbacks
):
    client = login("admin_bkpsdm")
    nip = make_nip(sex="P")
    rows = [
        [
            "Unit Kerja",
            "nip atasan",
            "Agama",
            "NAMA",
            "N I P",
            "Gol. Ruang",
            "Tgl. Lahir",
            "Jabatan",
        ],
        [
            "kelurahan  plaju ulu",
            world.atasan.nip,
            "Islam",
            "Sri Wahyuni",
            nip,
            "2c",
            "26/09/1986",
            "pengadministrasi umum",
        ],
    ]

    job = preview(client, rows)

    assert job.status == ImportStatus.READY
    assert job.message == "Kolom yang tidak dikenali dan diabaikan: Agama."
    assert commit(client, job, django_capture_on_commit_callbacks).status == ImportStatus.DONE
    employee = Employee.objects.get(nip=nip)
    assert (employee.name, employee.rank, employee.sex, str(employee.birth_date)) == (
        "Sri Wahyuni",
        "II/c",
        "P",
        "1986-09-26",
    )
    assert (employee.unit, employee.position.name, employee.supervisor) == (
        world.kelurahan,
        "Pengadministrasi Umum",
        world.atasan,
    )


def test_a_semicolon_csv_with_a_title_row_imports(
    world, login, unscoped, django_capture_on_commit_callbacks
):
    client = login("admin_bkpsdm")
    first, second = make_nip(), make_nip()
    content = csv_bytes(
        [
            ["DAFTAR PEGAWAI KELURAHAN PLAJU ULU"],
            [],
            ["NIP/NI PPPK", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Unit Kerja", "NIP Atasan"],
            [
                f"{first[:8]} {first[8:14]} {first[14]} {first[15:]}",
                "Rudi Hartono",
                "Laki-laki",
                "1986-09-26",
                "Kelurahan Plaju Ulu",
                world.atasan.nip,
            ],
            [second, "Rahmat Hidayat", "Pria", "26.09.1986", "Kelurahan Plaju Ulu", first],
        ]
    )

    response = upload(client, content, name="pegawai.csv")
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert errors_of(job) == []
    commit(client, job, django_capture_on_commit_callbacks)

    assert Employee.objects.get(nip=second).supervisor == Employee.objects.get(nip=first)


def test_a_comma_csv_reports_rows_by_their_line_number(world, login, unscoped):
    client = login("admin_bkpsdm")
    content = csv_bytes(
        [EMPLOYEE_HEADERS, employee_row(world), employee_row(world, unit="Kelurahan Entah")],
        delimiter=",",
    )

    upload(client, content, name="pegawai.csv")

    assert errors_of(ImportJob.objects.get()) == [
        (3, "Unit Kerja", 'Unit kerja "Kelurahan Entah" tidak ditemukan.')
    ]


@pytest.mark.parametrize(
    ("kind", "headers"),
    [
        ("units", ["Nama Unit", "Jenis", "Kode", "Unit Induk", "Alamat"]),
        (
            "positions",
            [
                "Nama Jabatan",
                "Jenis Jabatan",
                "Jenjang",
                "Kelas Jabatan",
                "Unit Kerja",
                "Jabatan Atasan",
            ],
        ),
        (
            "employees",
            [
                "NIP",
                "Nama",
                "Gelar Depan",
                "Gelar Belakang",
                "Tempat Lahir",
                "Tanggal Lahir",
                "Jenis Kelamin",
                "Jenis Pegawai",
                "Golongan",
                "TMT Golongan",
                "Jabatan",
                "TMT Jabatan",
                "Unit Kerja",
                "NIP Atasan",
                "Pendidikan",
                "Email",
                "Telepon",
            ],
        ),
    ],
)
def test_the_template_of_each_kind_has_its_headers(world, login, unscoped, kind, headers):
    response = login("admin_bkpsdm").get(reverse("org:import-template", args=[kind]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == headers
    assert sheet.max_row == 1


def test_an_unknown_template_kind_is_not_found(world, login, unscoped):
    response = login("admin_bkpsdm").get(reverse("org:import-template", args=["gaji"]))

    assert response.status_code == 404
