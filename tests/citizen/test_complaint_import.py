"""Import of SP4N-LAPOR! exports: columns by header name (the portal's own names and their
synonyms), a preview with the errors of each row in Indonesian, then every complaint at once
or none; a report already imported is a row error."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from kinerja.citizen.models import Complaint, ComplaintImport, ComplaintStatus
from kinerja.org.models import ImportStatus
from tests.citizen.complaint_fixtures import complaint_in

HEADERS = [
    "No",
    "Tracking ID",
    "Judul",
    "Isi Laporan",
    "Tanggal Laporan",
    "Kategori",
    "Status",
    "Nama Pelapor",
    "Unit Kerja",
    "Tanggal Selesai",
    "Tindak Lanjut",
]


def _xlsx(rows: list[list[object]], headers: list[str] = HEADERS) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Ekspor Laporan SP4N-LAPOR! — Pemerintah Kota Palembang"])  # a title row
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("lapor.xlsx", output.getvalue())


def _upload(client, upload, unit=None):
    data = {"file": upload}
    if unit is not None:
        data["unit"] = unit.pk
    return client.post(reverse("citizen:complaint-import"), data)


GOOD_ROWS = [
    [
        1,
        "LAP-2026-0001",
        "Sampah menumpuk",
        "Sampah di TPS belum diangkut seminggu.",
        dt.datetime(2026, 3, 6, 10, 15),  # noqa: DTZ001 (an Excel cell has no time zone)
        "Lingkungan Hidup",
        "Proses",
        "Warga Plaju",
        "Kelurahan Plaju Ulu",
        None,
        None,
    ],
    [
        2,
        "LAP-2026-0002",
        "Lampu jalan",
        "Lampu jalan mati di gang 5.",
        "02/03/2026 08:00",
        "Infrastruktur",
        "Selesai",
        None,
        "kecamatan plaju",
        "2026-03-05 16:00",
        "Lampu sudah diganti.",
    ],
    [
        3,
        "LAP-2026-0003",
        None,
        "Pelayanan surat pindah lambat sekali.",
        "2 Maret 2026",
        None,
        "Selesai",
        None,
        None,
        "20/03/2026",
        None,
    ],
]


def test_an_export_is_previewed_then_imported_all_at_once(world, login, unscoped):
    client = login("admin_bkpsdm")

    response = _upload(client, _xlsx(GOOD_ROWS), unit=world.kelurahan)

    job = ComplaintImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("citizen:complaint-import-detail", args=[job.pk])
    assert (job.status, job.total_rows, job.errors) == (ImportStatus.READY, 3, [])
    assert not Complaint.objects.exists()  # nothing before the preview is confirmed
    preview = client.get(response["Location"]).content.decode()
    assert "Impor 3 pengaduan" in preview
    assert "Sampah menumpuk" in preview

    committed = client.post(reverse("citizen:complaint-import-commit", args=[job.pk]))

    assert committed.status_code == 302
    complaints = {c.external_id: c for c in Complaint.objects.all()}
    assert set(complaints) == {"LAP-2026-0001", "LAP-2026-0002", "LAP-2026-0003"}
    trash, lamp, transfer = (complaints[f"LAP-2026-000{n}"] for n in (1, 2, 3))
    assert (trash.channel, trash.status, trash.unit) == ("lapor", "diterima", world.kelurahan)
    assert trash.category == "Lingkungan Hidup"
    assert trash.complainant_name == "Warga Plaju"
    assert trash.first_response_due == dt.date(2026, 3, 11)
    assert trash.resolution_due == dt.date(2026, 3, 13)
    assert lamp.unit == world.kecamatan  # matched by name, whatever the case
    assert (lamp.status, lamp.resolved_on_time) == (ComplaintStatus.RESOLVED, True)
    assert lamp.resolution == "Lampu sudah diganti."
    assert transfer.unit == world.kelurahan  # empty unit cell: the chosen unit
    assert transfer.subject == "Pelayanan surat pindah lambat sekali."  # from the text
    assert transfer.resolution_due == dt.date(2026, 3, 9)  # 2 March + 5 working days
    assert transfer.resolved_on_time is False  # resolved on 20 March
    job.refresh_from_db()
    assert (job.status, job.created_rows, job.rows) == (ImportStatus.DONE, 3, [])


def test_a_csv_with_semicolons_and_no_unit_column_uses_the_chosen_unit(world, login, unscoped):
    content = (
        b"ID;Judul;Uraian;Tanggal;Status\n"
        b"9001;Pungli;Diminta uang parkir liar;2026-03-06 09:00;Belum Terverifikasi\n"
    )

    _upload(login("petugas_layanan"), SimpleUploadedFile("lapor.csv", content), world.kelurahan)
    job = ComplaintImport.objects.get()
    login("petugas_layanan").post(reverse("citizen:complaint-import-commit", args=[job.pk]))

    complaint = Complaint.objects.get()
    assert (complaint.external_id, complaint.unit, complaint.status) == (
        "9001",
        world.kelurahan,
        "diterima",
    )


def test_row_errors_are_listed_in_indonesian_and_nothing_is_imported(world, login, unscoped):
    complaint_in(world.kelurahan, external_id="LAP-LAMA")
    rows = [
        [1, "LAP-1", "A", "Isi A", "kemarin", None, None, None, "Kelurahan Plaju Ulu", None, None],
        [2, "LAP-2", "B", "Isi B", "2026-03-02", None, None, None, "Dinas Entah", None, None],
        [3, "LAP-3", "C", "Isi C", "2026-03-02", None, "Selesai", None, None, None, None],
        [4, "LAP-4", "D", "Isi D", "2026-03-02", None, None, None, None, None, None],
        [5, "LAP-4", "E", "Isi E", "2026-03-02", None, None, None, None, None, None],
        [6, "LAP-LAMA", "F", "Isi F", "2026-03-02", None, None, None, None, None, None],
        [7, "LAP-7", "G", None, "2026-03-02", None, None, None, None, None, None],
        [
            8,
            "LAP-8",
            "H",
            "Isi H",
            "2026-03-02",
            None,
            None,
            None,
            "Kelurahan Plaju Ulu",
            None,
            None,
        ],
    ]
    client = login("admin_bkpsdm")

    _upload(client, _xlsx(rows), unit=world.kelurahan)

    job = ComplaintImport.objects.get()
    assert job.status == ImportStatus.INVALID
    assert [(e["row"], e["message"]) for e in job.errors] == [
        (3, "Tanggal Laporan tidak dikenali (tulis 2026-03-02 atau 02/03/2026)."),
        (4, "Unit \u201cDinas Entah\u201d tidak ditemukan di instansi ini."),
        (5, "Laporan berstatus Selesai memerlukan Tanggal Selesai yang valid."),
        (6, "Nomor Laporan LAP-4 tertulis lebih dari sekali di berkas."),
        (7, "Nomor Laporan LAP-4 tertulis lebih dari sekali di berkas."),
        (
            8,
            "Nomor Laporan LAP-LAMA sudah pernah diimpor (tiket "
            f"{Complaint.objects.get(external_id='LAP-LAMA').ticket_code}).",
        ),
        (9, "Isi Laporan kosong."),
    ]
    preview = client.get(reverse("citizen:complaint-import-detail", args=[job.pk]))
    assert (
        "Unit \u201cDinas Entah\u201d tidak ditemukan di instansi ini." in preview.content.decode()
    )
    assert "Impor " not in preview.content.decode().split("import-preview")[-1][:200]

    refused = client.post(reverse("citizen:complaint-import-commit", args=[job.pk]), follow=True)

    assert "Impor ini tidak siap dijalankan" in refused.content.decode()
    assert Complaint.objects.count() == 1  # only the one from before


def test_a_report_imported_meanwhile_stops_the_whole_import(world, login, unscoped):
    client = login("admin_bkpsdm")
    _upload(client, _xlsx(GOOD_ROWS), unit=world.kelurahan)
    job = ComplaintImport.objects.get()
    complaint_in(world.kelurahan, external_id="LAP-2026-0002")  # someone was faster

    refused = client.post(reverse("citizen:complaint-import-commit", args=[job.pk]), follow=True)

    assert "LAP-2026-0002" in refused.content.decode()
    assert Complaint.objects.count() == 1
    job.refresh_from_db()
    assert job.status == ImportStatus.READY


def test_a_file_that_is_not_an_export_is_refused_with_the_reason(world, login, unscoped):
    client = login("admin_bkpsdm")

    no_columns = _upload(client, _xlsx([[1, "x"]], headers=["No", "Nama Barang"]))
    not_sheet = _upload(client, SimpleUploadedFile("lapor.xlsx", b"%PDF-1.4 bukan lembar kerja"))

    assert no_columns.status_code == 400
    assert "Kolom wajib tidak ditemukan: Nomor Laporan, Isi Laporan, Tanggal Laporan." in (
        no_columns.content.decode()
    )
    assert not_sheet.status_code == 400
    assert not ComplaintImport.objects.exists()


def test_only_admins_and_the_desk_import_and_other_agencies_jobs_are_not_found(
    world, login, unscoped
):
    refused = _upload(login("pegawai"), _xlsx(GOOD_ROWS), unit=world.kelurahan)
    assert refused.status_code == 403
    _upload(login("admin_agensi_lain"), _xlsx(GOOD_ROWS[:1]))
    foreign = ComplaintImport.objects.get()

    detail = login("admin_bkpsdm").get(
        reverse("citizen:complaint-import-detail", args=[foreign.pk])
    )
    commit = login("admin_bkpsdm").post(
        reverse("citizen:complaint-import-commit", args=[foreign.pk])
    )

    assert (detail.status_code, commit.status_code) == (404, 404)
    assert not Complaint.objects.exists()
