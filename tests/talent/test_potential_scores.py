"""Potential scores: manual entry by the agency admin, the all-or-nothing import with per-row
messages, the template, deletion; inspectors read only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from kinerja.core.models import AuditEntry
from kinerja.core.tenancy import tenant_scope
from kinerja.talent.models import PotentialAssessment
from tests.talent.conftest import potential

pytestmark = pytest.mark.django_db


def _xlsx(rows, headers=("NIP", "Skor", "Tanggal Asesmen", "Penyelenggara")):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "potensial.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _scores(world):
    with tenant_scope(world.agency):
        return sorted(
            (a.employee.name, a.score, a.assessed_on, a.assessor)
            for a in PotentialAssessment.objects.select_related("employee")
        )


def test_admin_records_a_score_by_nip(world, login):
    response = login("admin_bkpsdm").post(
        reverse("talent:potential-list"),
        {
            "nip": world.pegawai.nip,
            "score": "78,5",
            "assessed_on": "2026-03-15",
            "assessor": "UPT Penilaian Kompetensi",
        },
        follow=True,
    )

    assert "Skor potensial Budi Santoso dicatat." in response.content.decode()
    assert _scores(world) == [
        ("Budi Santoso", Decimal("78.50"), dt.date(2026, 3, 15), "UPT Penilaian Kompetensi")
    ]
    with tenant_scope(world.agency):
        assert AuditEntry.objects.filter(action="talent.potential.recorded").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"nip": "199001012015011999"}, "nip", "bukan pegawai aktif instansi Anda"),
        ({"score": "100,5"}, "score", "100"),
        ({"assessed_on": "2099-01-01"}, "assessed_on", "tidak boleh di masa depan"),
    ],
)
def test_invalid_entry_shows_field_errors_and_saves_nothing(world, login, changes, field, message):
    data = {"nip": world.pegawai.nip, "score": "70", "assessed_on": "2026-03-15", **changes}
    response = login("admin_bkpsdm").post(reverse("talent:potential-list"), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert _scores(world) == []


def test_another_agencys_employee_cannot_be_scored(world, login):
    response = login("admin_bkpsdm").post(
        reverse("talent:potential-list"),
        {"nip": world.pegawai_lain.nip, "score": "70", "assessed_on": "2026-03-15"},
    )
    assert response.status_code == 400
    assert _scores(world) == []


def test_inspector_reads_the_scores_but_cannot_add(world, auditing, login):
    """`inspektur` is auditing Kecamatan Plaju (pegawai's subtree)."""
    potential(world.pegawai, 70)
    client = login("inspektur")
    response = client.get(reverse("talent:potential-list"))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert response.context["page"].paginator.count == 1
    refused = client.post(
        reverse("talent:potential-list"),
        {"nip": world.rekan.nip, "score": "70", "assessed_on": "2026-03-15"},
    )
    assert refused.status_code == 403
    assert len(_scores(world)) == 1


def test_import_creates_every_row(world, login):
    upload = _xlsx(
        [
            (world.pegawai.nip, "78,5", "15-03-2026", "UPT Asesmen"),
            (world.rekan.nip, 64, dt.date(2026, 2, 1), ""),
        ]
    )
    response = login("admin_bkpsdm").post(
        reverse("talent:potential-import"), {"file": upload}, follow=True
    )

    assert "2 skor potensial diimpor" in response.content.decode()
    assert _scores(world) == [
        ("Budi Santoso", Decimal("78.50"), dt.date(2026, 3, 15), "UPT Asesmen"),
        ("Dewi Lestari", Decimal("64.00"), dt.date(2026, 2, 1), ""),
    ]


def test_import_with_a_bad_row_saves_nothing_and_lists_each_problem(world, login):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d-%m-%Y")
    upload = _xlsx(
        [
            (world.pegawai.nip, "78", "15-03-2026", ""),
            ("199001012015011999", "70", "15-03-2026", ""),
            (world.rekan.nip, "abc", "31-02-2026", ""),
            (world.atasan.nip, "101", tomorrow, ""),
            (world.pegawai.nip, "80", "15-03-2026", ""),
            (world.pegawai_lain.nip, "80", "15-03-2026", ""),
        ]
    )
    response = login("admin_bkpsdm").post(reverse("talent:potential-import"), {"file": upload})

    assert response.status_code == 400
    errors = dict(response.context["result"].errors)
    assert sorted(errors) == [3, 4, 5, 6, 7]
    assert "bukan pegawai aktif instansi ini" in errors[3]
    assert 'Skor "abc" bukan angka.' in errors[4]
    assert "Tanggal" in errors[4]
    assert "Skor potensial antara 0 dan 100." in errors[5]
    assert "tidak boleh di masa depan" in errors[5]
    assert "sudah ada di baris 2" in errors[6]
    assert "bukan pegawai aktif instansi ini" in errors[7]
    assert "Baris 3" in response.content.decode()
    assert _scores(world) == []


def test_import_refuses_a_file_without_the_columns(world, login):
    upload = _xlsx([("x", "y")], headers=("Nama", "Alamat"))
    response = login("admin_bkpsdm").post(reverse("talent:potential-import"), {"file": upload})
    assert response.status_code == 400
    assert "Kolom wajib tidak ditemukan" in response.context["result"].file_error


def test_template_has_the_recognised_headers(world, login):
    response = login("admin_bkpsdm").get(reverse("talent:potential-template"))
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("NIP", "Skor", "Tanggal Asesmen", "Penyelenggara")
    assert len(rows) == 2


def test_template_round_trips_through_the_import(world, login):
    client = login("admin_bkpsdm")
    template = load_workbook(BytesIO(client.get(reverse("talent:potential-template")).content))
    sheet = template.active
    sheet["A2"] = world.pegawai.nip
    buffer = BytesIO()
    template.save(buffer)
    upload = SimpleUploadedFile("templat.xlsx", buffer.getvalue())
    response = client.post(reverse("talent:potential-import"), {"file": upload})
    assert response.status_code == 302
    assert _scores(world)[0][:3] == ("Budi Santoso", Decimal("78.50"), dt.date(2026, 3, 15))


def test_admin_deletes_a_mistaken_score(world, login):
    assessment = potential(world.pegawai, 70)
    response = login("admin_bkpsdm").post(reverse("talent:potential-delete", args=[assessment.pk]))
    assert response.status_code == 302
    assert _scores(world) == []
    with tenant_scope(world.agency):
        assert AuditEntry.objects.filter(action="talent.potential.deleted").count() == 1


def test_other_agency_cannot_delete_our_score(world, login):
    assessment = potential(world.pegawai, 70)
    response = login("admin_agensi_lain").post(
        reverse("talent:potential-delete", args=[assessment.pk])
    )
    assert response.status_code == 404
    assert len(_scores(world)) == 1


def test_potential_list_exports(world, login):
    potential(world.pegawai, 70, assessor="BKN")
    client = login("admin_bkpsdm")
    rows = list(
        load_workbook(
            BytesIO(client.get(reverse("talent:potential-list"), {"format": "xlsx"}).content)
        ).active.iter_rows(values_only=True)
    )
    assert rows[1][0] == "Budi Santoso"
    assert rows[1][3] == 70
    assert client.get(reverse("talent:potential-list"), {"format": "pdf"}).content[:4] == b"%PDF"
