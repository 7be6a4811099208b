"""Import of service requests from queue-system exports (CSV and XLSX): headers found by name
in Indonesian or English, times in the common formats, every row checked with an Indonesian
message per problem, nothing written unless every row is right, all rows written at once."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.utils.datetime import to_excel

from kinerja.citizen import importing_requests as importing
from kinerja.citizen.models import RequestImport, RequestSource, ServiceRequest
from kinerja.core.models import AuditEntry, Role, RoleGrant, User
from kinerja.org.models import ImportStatus, UnitKind
from tests import factories
from tests.citizen.services_fixtures import at, make_request, make_service
from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("unscoped")


@pytest.fixture
def catalogue(world):
    """KTP-el (60 minutes) and Kartu Keluarga (one day) at Kelurahan Plaju Ulu."""
    return (
        make_service(world.kelurahan),
        make_service(world.kelurahan, name="Kartu Keluarga", code="kk", standard=1440),
    )


def _csv(lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "antrean.csv", ("\n".join(lines) + "\n").encode("utf-8-sig"), "text/csv"
    )


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(
        "antrean.xlsx",
        output.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _preview(world, upload, persona: str = "admin_bkpsdm") -> RequestImport:
    return importing.preview_request_import(world.agency, actor=world.users[persona], upload=upload)


def _commit(world, job, captured, persona: str = "admin_bkpsdm") -> RequestImport:
    with captured(execute=True):
        importing.request_commit(job, actor=world.users[persona])
    job.refresh_from_db()
    return job


def _stored(world) -> list[tuple]:
    return list(
        ServiceRequest.objects.order_by("ticket_code").values_list(
            "service__code",
            "ticket_code",
            "received_at",
            "completed_at",
            "turnaround_minutes",
            "within_standard",
            "handled_by__name",
            "source",
            "note",
        )
    )


# --- Valid files ------------------------------------------------------------------------------


def test_a_valid_csv_is_previewed_then_written_in_one_go(
    world, catalogue, django_capture_on_commit_callbacks
):
    upload = _csv(
        [
            "Kode Layanan;Nomor Antrean;Waktu Masuk;Waktu Selesai;NIP Petugas;Keterangan;Loket",
            f"ktp-el;A-001;2026-03-02 08:15;2026-03-02 08:50;{world.pegawai.nip};;1",
            "Kartu Keluarga;B-001;02/03/2026 09.00;03/03/2026 09.00;Budi Santoso;cetak ulang;2",
            "KTP-EL;A-002;2026-03-02T10:00;;;;1",
        ]
    )

    job = _preview(world, upload)
    assert (job.status, job.total_rows, job.errors) == (ImportStatus.READY, 3, [])
    assert job.message == "Kolom yang tidak dikenali dan diabaikan: Loket."
    assert ServiceRequest.objects.count() == 0

    job = _commit(world, job, django_capture_on_commit_callbacks)

    assert (job.status, job.created_rows, job.message) == (
        ImportStatus.DONE,
        3,
        "Impor selesai: 3 permohonan dicatat.",
    )
    assert _stored(world) == [
        (
            "ktp-el",
            "A-001",
            at(2026, 3, 2, 8, 15),
            at(2026, 3, 2, 8, 50),
            35,
            True,
            "Budi Santoso",
            RequestSource.IMPORT,
            "",
        ),
        ("ktp-el", "A-002", at(2026, 3, 2, 10), None, None, None, None, "impor", ""),
        (
            "kk",
            "B-001",
            at(2026, 3, 2, 9),
            at(2026, 3, 3, 9),
            1440,
            True,
            "Budi Santoso",
            "impor",
            "cetak ulang",
        ),
    ]
    entry = AuditEntry.objects.get(action="citizen.request.imported")
    assert (entry.changes, entry.note) == ({"created_rows": [None, 3]}, "Impor antrean.csv")


def test_an_xlsx_with_english_headers_date_cells_and_serial_numbers(
    world, catalogue, django_capture_on_commit_callbacks
):
    # Spreadsheets hold local times without a zone: naive datetimes, as Excel writes them.
    serial = to_excel(dt.datetime(2026, 3, 2, 9, 0))  # noqa: DTZ001 (a number, as some exports write it)
    upload = _xlsx(
        [
            ["Export antrean Kelurahan Plaju Ulu"],
            [],
            ["  SERVICE ", "Ticket No", "Received At", "Completed", "Handler"],
            [
                "ktp-el",
                "A-1",
                dt.datetime(2026, 3, 2, 8, 0),  # noqa: DTZ001
                dt.datetime(2026, 3, 2, 9, 1),  # noqa: DTZ001
                None,
            ],
            ["kk", 17, serial, serial + 0.5, world.rekan.nip],
        ]
    )

    job = _commit(world, _preview(world, upload), django_capture_on_commit_callbacks)

    assert job.status == ImportStatus.DONE
    assert [row[1:7] for row in _stored(world)] == [
        ("17", at(2026, 3, 2, 9), at(2026, 3, 2, 21), 720, True, "Dewi Lestari"),
        ("A-1", at(2026, 3, 2, 8), at(2026, 3, 2, 9, 1), 61, False, None),
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-03-01 08:15", at(2026, 3, 1, 8, 15)),
        ("2026-03-01 08:15:40", dt.datetime(2026, 3, 1, 8, 15, 40, tzinfo=at(2026, 1, 1).tzinfo)),
        ("2026-03-01T08:15", at(2026, 3, 1, 8, 15)),
        ("01/03/2026 08:15", at(2026, 3, 1, 8, 15)),
        ("1/3/2026 8.15", at(2026, 3, 1, 8, 15)),
        ("01-03-2026 08:15", at(2026, 3, 1, 8, 15)),
        ("01.03.2026 08.15", at(2026, 3, 1, 8, 15)),
        ("2026-03-01T01:15:00+00:00", at(2026, 3, 1, 8, 15)),
        (46082.34375, at(2026, 3, 1, 8, 15)),
        ("46082,34375", at(2026, 3, 1, 8, 15)),
    ],
)
def test_times_are_read_in_the_common_formats_as_local_time(written, expected):
    assert importing.parse_when(written) == expected


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "01/03/2026",
            'Jam tidak ada pada "01/03/2026"; tulis tanggal dan jam, mis. 01/03/2026 08:15.',
        ),
        (
            "31/02/2026 08:00",
            'Waktu "31/02/2026 08:00" tidak dikenali; tulis tanggal dan jam, mis. '
            "01/03/2026 08:15 atau 2026-03-01 08:15.",
        ),
        (46082, 'Jam tidak ada pada "46082"; tulis tanggal dan jam, mis. 01/03/2026 08:15.'),
        (
            "1999-12-31 23:00",
            'Waktu "1999-12-31 23:00" tidak dikenali; tulis tanggal dan jam, mis. '
            "01/03/2026 08:15 atau 2026-03-01 08:15.",
        ),
    ],
)
def test_unreadable_times_say_how_to_write_them(written, message):
    with pytest.raises(importing.CellError) as raised:
        importing.parse_when(written)
    assert str(raised.value) == message


# --- Invalid rows -----------------------------------------------------------------------------


def test_every_invalid_row_is_listed_with_its_column_and_nothing_is_written(
    world, catalogue, django_capture_on_commit_callbacks
):
    ktp, _kk = catalogue
    make_request(ktp, received=at(2026, 2, 1), ticket="A-500")
    future = (dt.datetime.now() + dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")  # noqa: DTZ005
    upload = _csv(
        [
            "Layanan,No. Antrean,Diterima,Selesai,Petugas",
            "paspor,A-100,2026-03-02 08:00,,",
            "ktp-el,A-101,kemarin,,",
            "ktp-el,A-102,02/03/2026,,",
            "ktp-el,A-103,2026-03-02 08:00,2026-03-02 07:59,",
            "ktp-el,A-104,2026-03-02 08:00,,199001012015011999",
            f"ktp-el,A-105,2026-03-02 08:00,,{world.kepala.nip}",
            "ktp-el,A-010,2026-03-02 08:00,,",
            "ktp-el,A-010,2026-03-02 09:00,,",
            "ktp-el,A-500,2026-03-02 08:00,,",
            "ktp-el,A-106,,,",
            ",A-107,2026-03-02 08:00,,",
            f"ktp-el,A-108,{future},,",
            "kk,A-010,2026-03-02 08:00,,",
        ]
    )

    job = _preview(world, upload)

    assert job.status == ImportStatus.INVALID
    assert [(e["row"], e["column"], e["value"], e["message"]) for e in job.errors] == [
        (2, "Layanan", "paspor", 'Layanan "paspor" tidak ada di katalog layanan instansi.'),
        (
            3,
            "Diterima",
            "kemarin",
            'Waktu "kemarin" tidak dikenali; tulis tanggal dan jam, mis. 01/03/2026 08:15 '
            "atau 2026-03-01 08:15.",
        ),
        (
            4,
            "Diterima",
            "02/03/2026",
            'Jam tidak ada pada "02/03/2026"; tulis tanggal dan jam, mis. 01/03/2026 08:15.',
        ),
        (5, "Selesai", "2026-03-02 07:59", "Waktu selesai sebelum waktu diterima."),
        (
            6,
            "Petugas",
            "199001012015011999",
            "Pegawai dengan NIP 199001012015011999 tidak ditemukan.",
        ),
        (
            7,
            "Petugas",
            world.kepala.nip,
            "Hendra Saputra bukan pegawai Kelurahan Plaju Ulu.",
        ),
        (
            9,
            "No. Antrean",
            "A-010",
            "Nomor antrean A-010 untuk layanan KTP Elektronik sudah ada di baris 8.",
        ),
        (
            10,
            "No. Antrean",
            "A-500",
            "Nomor antrean A-500 sudah tercatat untuk layanan KTP Elektronik.",
        ),
        (11, "Diterima", "", "Isikan waktu diterima."),
        (12, "Layanan", "", "Isikan kode atau nama layanan."),
        (13, "Diterima", future, "Waktu diterima di masa depan."),
    ]
    assert job.rows == {}
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        importing.request_commit(job, actor=world.users["admin_bkpsdm"])
    assert ServiceRequest.objects.count() == 1


def test_rows_checked_again_at_commit_write_nothing_if_one_became_invalid(
    world, catalogue, django_capture_on_commit_callbacks
):
    ktp, _kk = catalogue
    upload = _csv(
        [
            "Kode Layanan;Nomor Antrean;Waktu Diterima",
            "ktp-el;A-1;2026-03-02 08:00",
            "ktp-el;A-2;2026-03-02 08:05",
        ]
    )
    job = _preview(world, upload)
    make_request(ktp, received=at(2026, 3, 2, 8), ticket="A-2")  # recorded at the desk meanwhile

    job = _commit(world, job, django_capture_on_commit_callbacks)

    assert job.status == ImportStatus.INVALID
    assert [(e["row"], e["message"]) for e in job.errors] == [
        (3, "Nomor antrean A-2 sudah tercatat untuk layanan KTP Elektronik.")
    ]
    assert list(ServiceRequest.objects.values_list("ticket_code", flat=True)) == ["A-2"]


def test_a_desk_officer_imports_only_services_within_their_subtree(world, catalogue):
    kertapati = factories.make_unit(world.agency, "Kecamatan Kertapati", UnitKind.KECAMATAN)
    make_service(kertapati, name="Surat Domisili", code="domisili")
    officer = User.objects.create_user("loket.kertapati", password=PASSWORD, agency=world.agency)
    RoleGrant.objects.create(user=officer, role=Role.SERVICE_DESK, unit=kertapati)
    world.users["loket"] = officer
    upload = _csv(
        [
            "Kode Layanan;Nomor Antrean;Waktu Diterima",
            "domisili;D-1;2026-03-02 08:00",
            "ktp-el;A-1;2026-03-02 08:00",
        ]
    )

    job = _preview(world, upload, persona="loket")

    assert [(e["row"], e["message"]) for e in job.errors] == [
        (3, 'Layanan "KTP Elektronik" di luar unit yang dapat Anda catat.')
    ]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            ["Kode Layanan;Nomor Antrean;Waktu Selesai", "ktp-el;A-1;2026-03-02 08:00"],
            "Kolom wajib tidak ditemukan: Waktu Diterima. Unduh templat untuk melihat judul "
            "kolom yang dikenali.",
        ),
        (["Kode Layanan;Waktu Diterima"], "Berkas hanya berisi judul kolom, tanpa baris data."),
        (
            ["Layanan;Kode Layanan;Waktu Masuk", "ktp;ktp-el;2026-03-02 08:00"],
            'Kolom "Layanan" dan "Kode Layanan" sama-sama berisi Kode Layanan; hapus salah '
            "satunya.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_keeps_nothing(world, catalogue, lines, message):
    with pytest.raises(importing.ImportFileError) as raised:
        _preview(world, _csv(lines))
    assert raised.value.message == message
    assert RequestImport.objects.count() == 0


def test_only_importers_may_import(world, catalogue):
    from django.core.exceptions import PermissionDenied

    for persona in ("inspektur", "kepala", "pegawai"):
        with pytest.raises(PermissionDenied):
            _preview(
                world, _csv(["Kode Layanan;Waktu Diterima", "ktp-el;2026-03-02 08:00"]), persona
            )
    assert RequestImport.objects.count() == 0


def test_a_large_file_is_checked_and_written_with_a_few_queries(
    world, catalogue, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    lines = ["Kode Layanan;Nomor Antrean;Waktu Diterima;Waktu Selesai;NIP Petugas"]
    base = dt.datetime(2026, 3, 2, 7, 0)  # noqa: DTZ001 (written as local time in the file)
    for n in range(3000):
        received = base + dt.timedelta(minutes=n)
        lines.append(
            f"{'ktp-el' if n % 2 else 'kk'};Q-{n:05d};{received:%d/%m/%Y %H:%M};"
            f"{received + dt.timedelta(minutes=n % 90):%d/%m/%Y %H:%M};{world.pegawai.nip}"
        )
    with django_assert_max_num_queries(30):
        job = _preview(world, _csv(lines))
    # one INSERT run for all rows; then the indicators fed by the 2 services and the handler
    # are looked up once each
    with django_assert_max_num_queries(30):
        job = _commit(world, job, django_capture_on_commit_callbacks)

    assert (job.status, job.created_rows) == (ImportStatus.DONE, 3000)
    late = sum(1 for n in range(3000) if n % 2 and n % 90 > 60)  # KTP-el's standard: 60
    assert ServiceRequest.objects.filter(within_standard=False).count() == late


# --- Pages ------------------------------------------------------------------------------------


def test_upload_preview_and_commit_through_the_pages(
    world, catalogue, login, django_capture_on_commit_callbacks
):
    client = login("petugas_layanan")
    upload = _csv(["Kode Layanan;Nomor Antrean;Waktu Diterima", "ktp-el;A-1;2026-03-02 08:00"])

    response = client.post(reverse("citizen:request-import"), {"file": upload})
    job = RequestImport.objects.get()
    assert response["Location"] == reverse("citizen:request-import-detail", args=[job.pk])
    preview = client.get(response["Location"])
    assert preview.context["can_commit"] is True
    assert "Terapkan: catat 1 permohonan" in preview.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("citizen:request-import-commit", args=[job.pk]))
    committed = client.get(reverse("citizen:request-import-detail", args=[job.pk]))

    assert "Impor selesai: 1 permohonan dicatat." in committed.content.decode()
    assert ServiceRequest.objects.get().ticket_code == "A-1"


def test_preview_page_lists_the_errors_and_offers_no_commit(world, catalogue, login):
    client = login("admin_bkpsdm")
    upload = _csv(["Kode Layanan;Waktu Diterima", "paspor;2026-03-02 08:00"])

    response = client.post(reverse("citizen:request-import"), {"file": upload}, follow=True)

    assert response.context["can_commit"] is False
    page = response.content.decode()
    assert "Layanan &quot;paspor&quot; tidak ada di katalog layanan instansi." in page
    assert "Tidak ada data yang disimpan sampai semua baris benar." in page


def test_an_unreadable_upload_is_explained_on_the_form(world, login):
    upload = SimpleUploadedFile("antrean.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    response = login("admin_bkpsdm").post(reverse("citizen:request-import"), {"file": upload})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": [
            "Format Excel lama (.xls) tidak didukung. Simpan ulang berkas sebagai Excel "
            "(.xlsx) atau CSV."
        ]
    }


def test_template_has_the_recognised_headers(world, login):
    from openpyxl import load_workbook

    response = login("admin_bkpsdm").get(reverse("citizen:request-import-template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert next(sheet.iter_rows(values_only=True)) == (
        "Kode Layanan",
        "Nomor Antrean",
        "Waktu Diterima",
        "Waktu Selesai",
        "NIP Petugas",
        "Catatan",
    )
