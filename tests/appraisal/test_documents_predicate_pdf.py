"""The Penetapan Predikat Kinerja of a unit as a PDF: the organisation predicate, every
employee's predicate, the distribution against the pattern, the head's signature and seal."""

# ruff: noqa: F811  (pytest fixtures imported from the shared fixture modules)

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.appraisal.models import EvaluationKind, UnitAssessment
from kinerja.core.models import IssuedDocument
from tests.appraisal.documents_fixtures import BREACH_REASON, quarter  # noqa: F401
from tests.appraisal.test_documents_evaluation_pdf import pdf_text
from tests.planning.conftest import approved_plan, period  # noqa: F401  (fixtures)


def url_of(assessment: UnitAssessment) -> str:
    return reverse("appraisal:assessment-pdf", args=[assessment.pk])


def test_the_head_downloads_the_finalised_penetapan_predikat(world, quarter, login, tmp_path):
    response = login("kepala").get(url_of(quarter.assessment))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="Penetapan-Predikat-{world.kelurahan.pk}-2026-p1.pdf"'
    )
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "PENETAPAN PREDIKAT KINERJA PEGAWAI",
        "KELURAHAN PLAJU ULU",
        "EVALUASI PERIODIK · PERIODE: TRIWULAN I 2026",
        "Periode Penilaian: 1 Januari 2026 s.d. 31 Maret 2026",
        "Predikat Kinerja Organisasi BAIK",
        "Dasar Penetapan Capaian rencana aksi Triwulan I 100%",
        "Budi Santoso",
        f"NIP. {world.pegawai.nip_display}",
        "Dewi Lestari",
        f"NIP. {world.rekan.nip_display}",
        "Pengadministrasi Umum",
        "Sangat Baik 1 50,0%",
        "Baik 1 50,0%",
        "Butuh Perbaikan 0 0,0%",
        "Jumlah 2 100,0%",
        "Jumlah pegawai per predikat",  # the bar chart
        "Paling banyak 70% Baik Terpenuhi",
        "Harus ada Butuh Perbaikan dan/atau Kurang/Misconduct Tidak terpenuhi",
        "Butuh Perbaikan dan/atau Kurang/Misconduct 0 dari 2 pegawai (0,0%)",
        "penyimpangan dikonfirmasi oleh Hendra Saputra 10 April 2026 dengan alasan:",
        BREACH_REASON,
        "Palembang, 10 April 2026",
        "Yang menetapkan, Camat Plaju",
        "Hendra Saputra",
        f"NIP. {world.kepala.nip_display}",
        "Verifikasi keaslian:",
    ):
        assert expected in text, expected
    assert "DRAF" not in text
    record = IssuedDocument.objects.get()
    assert record.kind == IssuedDocument.Kind.PREDICATE
    assert record.title == "Penetapan Predikat Kinerja Kelurahan Plaju Ulu Triwulan I 2026"
    assert record.subject_name == "Kelurahan Plaju Ulu"
    assert record.approved_by_name == "Hendra Saputra"
    assert f"/verifikasi/{record.token}/" in text


def test_an_assessment_not_finalised_is_a_draft_and_not_sealed(quarter, login, tmp_path):
    UnitAssessment.objects.filter(pk=quarter.assessment.pk).update(
        finalised_at=None,
        finalised_by=None,
        breach_reason="",
        breach_confirmed_by=None,
        breach_confirmed_at=None,
    )

    response = login("admin_bkpsdm").get(url_of(quarter.assessment))

    text = pdf_text(response.content, tmp_path)
    assert "DRAF — belum ditetapkan" in text
    assert "menyimpang dari pola distribusi dan belum dikonfirmasi oleh pimpinan" in text
    assert "Palembang, ...................." in text
    assert not IssuedDocument.objects.exists()


def test_a_unit_assessed_on_its_own_is_left_out_of_its_parents_table(
    world, quarter, login, tmp_path
):
    parent = UnitAssessment.objects.create(
        agency=world.agency,
        unit=world.kecamatan,
        period=quarter.assessment.period,
        kind=EvaluationKind.PERIODIC,
        subperiod=1,
        organisation_predicate="Istimewa",
        set_by=world.users["kepala"],
    )

    text = pdf_text(login("kepala").get(url_of(parent)).content, tmp_path)

    assert "Budi Santoso" not in text
    assert "Belum ada evaluasi pegawai pada unit ini." in text
    assert "Unit tidak memiliki pegawai yang dinilai" in text
    assert "Paling banyak 70% Sangat Baik" in text


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("kepala", 200),
        ("admin_bkpsdm", 200),
        ("inspektur", 200),  # auditing Kecamatan Plaju (the `auditing` fixture)
        ("pemantau", 200),
        ("pegawai", 404),
        ("atasan", 404),
        ("petugas_layanan", 404),
        ("admin_agensi_lain", 404),
    ],
)
def test_who_may_download_the_penetapan_predikat(quarter, auditing, login, persona, status):
    response = login(persona).get(url_of(quarter.assessment))

    assert response.status_code == status
    if status == 404:
        assert not IssuedDocument.objects.exists()


def test_the_verification_page_of_a_penetapan_predikat_names_the_unit_not_a_person(
    quarter, login, client
):
    login("kepala").get(url_of(quarter.assessment))
    record = IssuedDocument.objects.get()

    page = client.get(f"/verifikasi/{record.token}/").content.decode()

    assert "Dokumen asli." in page
    assert "<dt>Unit kerja</dt>" in page
    assert "<dd>Kelurahan Plaju Ulu</dd>" in page
    assert "<dt>NIP</dt>" not in page
    assert "<dt>Pegawai</dt>" not in page
