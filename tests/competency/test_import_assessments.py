"""Import of assessment results: every row checked with a message per row, then all written
(each level audited old → new) or none; the template to start from."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kinerja.competency.models import AssessmentImport, EmployeeCompetency
from kinerja.core.models import AuditEntry

pytestmark = pytest.mark.usefixtures("unscoped")

HEADER = ["NIP", "Kode Kompetensi", "Level", "Tanggal Asesmen", "Catatan"]


def xlsx(rows: list[list[object]], header: list[str] = HEADER, name: str = "asesmen.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, file):
    return client.post(reverse("competency:import-start"), {"file": file})


def levels(employee) -> dict[str, int]:
    return dict(
        EmployeeCompetency.objects.filter(employee=employee).values_list(
            "competency__code", "level"
        )
    )


def test_a_file_with_errors_writes_nothing_and_says_what_is_wrong_on_each_row(staffed, login):
    world = staffed.world
    before = (levels(world.pegawai), levels(world.rekan))
    file = xlsx(
        [
            [world.pegawai.nip, "M-03", 3, "2026-04-01", "Assessment center"],  # fine alone
            ["199912312020121001", "M-03", 3, "2026-04-01", ""],  # unknown NIP
            [world.pegawai_lain.nip, "M-03", 3, "2026-04-01", ""],  # another agency
            [world.rekan.nip, "X-99", 3, "2026-04-01", ""],  # unknown code
            [world.rekan.nip, "M-05", 7, "2026-04-01", ""],  # level out of range
            [world.rekan.nip, "T-01", 3, "2026-04-01", ""],  # duplicate …
            [world.rekan.nip, "t-01", 4, "2026-04-02", ""],  # … of this row
            [world.rekan.nip, "M-01", 3, "2099-01-01", ""],  # future date
        ]
    )
    client = login("admin_bkpsdm")

    response = upload(client, file)

    job = AssessmentImport.objects.get()
    assert response.status_code == 302
    assert job.status == "invalid"
    assert [(error["row"], error["message"]) for error in job.errors] == [
        (3, "NIP 199912312020121001 tidak ditemukan."),
        (4, f"NIP {world.pegawai_lain.nip} milik pegawai instansi lain."),
        (5, "Kode kompetensi X-99 tidak ada di kamus instansi."),
        (6, "Level 7 di luar rentang 1 sampai 5."),
        (7, f"NIP {world.rekan.nip} dengan kompetensi T-01 tertulis lebih dari sekali di berkas."),
        (8, f"NIP {world.rekan.nip} dengan kompetensi T-01 tertulis lebih dari sekali di berkas."),
        (9, "Tanggal asesmen tidak boleh di masa depan."),
    ]
    page = client.get(reverse("competency:import-detail", args=[job.pk])).content.decode()
    assert "tidak ada yang dicatat" in page
    assert "Impor 1 hasil asesmen" not in page
    assert client.post(reverse("competency:import-commit", args=[job.pk])).status_code == 302
    assert (levels(world.pegawai), levels(world.rekan)) == before
    assert not AuditEntry.objects.filter(action="competency.level.set").exists()


def test_a_clean_file_is_previewed_then_written_with_an_audit_entry_per_level(staffed, login):
    world = staffed.world
    file = xlsx(
        [
            [world.pegawai.nip, "M-03", 3, "2026-04-01", "Assessment center BKD"],
            [world.pegawai.nip, "T-01", "2", "01-04-2026", ""],
            [world.rekan.nip, "M-05", 2, "2026-03-01", ""],  # as recorded: no change
        ]
    )
    client = login("admin_bkpsdm")
    upload(client, file)
    job = AssessmentImport.objects.get()
    assert job.status == "ready"
    preview = client.get(reverse("competency:import-detail", args=[job.pk])).content.decode()
    assert "1 → 3" in preview

    client.post(reverse("competency:import-commit", args=[job.pk]))

    job.refresh_from_db()
    assert (job.status, job.created_rows, job.updated_rows) == ("done", 1, 1)
    assert levels(world.pegawai) == {"M-03": 3, "M-05": 3, "T-01": 2}
    komunikasi = EmployeeCompetency.objects.get(
        employee=world.pegawai, competency=staffed.komunikasi
    )
    assert (komunikasi.source, komunikasi.note) == ("asesmen", "Assessment center BKD")
    entries = AuditEntry.objects.filter(action="competency.level.set").order_by("pk")
    assert [entry.changes["level"] for entry in entries] == [[1, 3], [None, 2]]
    assert "asesmen.xlsx, baris 2" in entries[0].note
    assert AuditEntry.objects.filter(action="competency.import.committed").count() == 1
    again = client.post(reverse("competency:import-commit", args=[job.pk]), follow=True)
    assert "tidak siap dijalankan" in again.content.decode()


def test_an_older_result_cannot_overwrite_a_newer_level(staffed, login):
    world = staffed.world

    upload(login("admin_bkpsdm"), xlsx([[world.pegawai.nip, "M-03", 5, "2025-01-01", ""]]))

    job = AssessmentImport.objects.get()
    assert job.errors == [
        {
            "row": 2,
            "message": "Sudah ada penilaian M-03 yang lebih baru untuk pegawai ini (01-03-2026, level 1).",
        }
    ]


def test_columns_are_found_by_header_in_any_order_and_a_numeric_nip_is_explained(staffed, login):
    world = staffed.world
    file = xlsx(
        [
            ["2026-04-01", 4, "M-03", world.rekan.nip],
            ["2026-04-01", 4, "M-03", 198609262015051001.0],
        ],
        header=["Tanggal", "Level Kompetensi", "Kode", "NIP Pegawai"],
    )

    upload(login("admin_bkpsdm"), file)

    job = AssessmentImport.objects.get()
    assert [error["row"] for error in job.errors] == [3]
    assert "format kolom NIP sebagai teks" in job.errors[0]["message"]


def test_a_file_that_is_not_a_sheet_is_a_field_error(staffed, login):
    response = upload(
        login("admin_bkpsdm"), SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n0000")
    )

    assert response.status_code == 400
    assert AssessmentImport.objects.count() == 0


def test_missing_columns_are_named(staffed, login):
    response = upload(login("admin_bkpsdm"), xlsx([["x", "y"]], header=["NIP", "Level"]))

    assert response.status_code == 400
    assert (
        "Kolom wajib tidak ditemukan: Kode Kompetensi, Tanggal Asesmen" in response.content.decode()
    )


def test_the_template_has_the_columns_the_import_reads(staffed, login):
    response = login("admin_bkpsdm").get(reverse("competency:import-template"))

    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0] == tuple(HEADER)
    assert len(rows) == 2


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "kepala", "inspektur"])
def test_only_the_agency_admin_imports(staffed, login, persona):
    world = staffed.world

    response = upload(login(persona), xlsx([[world.pegawai.nip, "M-03", 5, "2026-04-01", ""]]))

    assert response.status_code == 403
    assert AssessmentImport.objects.count() == 0


def test_another_agencys_import_answers_404(staffed, login, world):
    theirs = AssessmentImport.objects.create(
        agency=world.other_agency, status="ready", file_name="x.xlsx"
    )

    client = login("admin_bkpsdm")

    assert client.get(reverse("competency:import-detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("competency:import-commit", args=[theirs.pk])).status_code == 404
