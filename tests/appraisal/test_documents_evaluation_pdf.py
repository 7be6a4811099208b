"""The Dokumen Evaluasi Kinerja Pegawai as a PDF: contents, DRAF until final, the seal and its
public verification, and who may download it."""

# ruff: noqa: F811  (pytest fixtures imported from the shared fixture modules)

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from kinerja.appraisal.models import Evaluation, EvaluationKind, EvaluationStatus, Feedback
from kinerja.core.models import IssuedDocument
from tests.appraisal.documents_fixtures import (  # noqa: F401  (fixtures)
    EXTRA_RHK,
    RHK,
    evaluate,
    quarter,
    realise,
)
from tests.planning.conftest import approved_plan, period  # noqa: F401  (fixtures)


def pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "dokumen.pdf"
    path.write_bytes(content)
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def url_of(evaluation: Evaluation) -> str:
    return reverse("appraisal:evaluation-pdf", args=[evaluation.pk])


def test_employee_downloads_the_final_evaluation_as_a_sealed_pdf(world, quarter, login, tmp_path):
    response = login("pegawai").get(url_of(quarter.evaluation))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="Evaluasi-{world.pegawai.nip}-2026-p1.pdf"'
    )
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        "EVALUASI PERIODIK · PERIODE: TRIWULAN I 2026",
        "Periode Penilaian: 1 Januari 2026 s.d. 31 Maret 2026",
        "PEMERINTAH KOTA PALEMBANG",
        "Budi Santoso",
        world.pegawai.nip_display,
        "Pengatur (II/c)",
        "Siti Aminah",
        world.atasan.nip_display,
        "Lurah Plaju Ulu",
        "Capaian Kinerja Organisasi BAIK (Kelurahan Plaju Ulu)",
        "Paling banyak 70% Baik; harus ada Butuh Perbaikan dan/atau Kurang/Misconduct.",
        "A. UTAMA",
        "B. TAMBAHAN",
        "Pelayanan administrasi kelurahan yang prima",  # the leader's RHK it intervenes
        RHK,
        EXTRA_RHK,
        "12 dokumen",
        "3 dokumen",  # Triwulan I only; Triwulan II's 4,5 is not this evaluation's
        "2,5 bulan",
        "2 bulan; Arsip 2025 selesai ditata",
        "Pertahankan kecepatan layanan surat",
        "Laporan tepat waktu",  # the leader's expectation for Akuntabel
        "Laporan selalu tepat waktu",  # the feedback on Akuntabel
        "Rating Hasil Kerja DI ATAS EKSPEKTASI",
        "Rating Perilaku Kerja DI ATAS EKSPEKTASI",
        "Predikat Kinerja Pegawai SANGAT BAIK",
        "Palembang, 10 April 2026",
        "Pegawai yang Dinilai",
        "Pejabat Penilai Kinerja",
        "Halaman 1 dari",
        "Verifikasi keaslian:",
    ):
        assert expected in text, expected
    assert "4,5 dokumen" not in text
    assert "DRAF" not in text
    record = IssuedDocument.objects.get()
    assert record.kind == IssuedDocument.Kind.EVALUATION
    assert record.title == "Dokumen Evaluasi Kinerja Pegawai Triwulan I 2026"
    assert (record.subject_name, record.subject_nip) == ("Budi Santoso", world.pegawai.nip_display)
    assert record.approved_by_name == "Siti Aminah"
    assert f"/verifikasi/{record.token}/" in text


def test_the_seal_verifies_publicly_and_checks_the_hash(quarter, login, client):
    content = login("pegawai").get(url_of(quarter.evaluation)).content
    token = IssuedDocument.objects.get().token
    client.logout()

    page = client.get(reverse("verification", args=[token]))
    same = client.post(
        reverse("verification", args=[token]),
        {"document": SimpleUploadedFile("evaluasi.pdf", content, "application/pdf")},
    )
    forged = client.post(
        reverse("verification", args=[token]),
        {"document": SimpleUploadedFile("evaluasi.pdf", content + b"%", "application/pdf")},
    )

    assert page.status_code == 200
    assert page.context["document"].subject_name == "Budi Santoso"
    assert "Dokumen Evaluasi Kinerja Pegawai" in page.content.decode()
    assert same.context["matches"] is True
    assert forged.context["matches"] is False


def test_downloading_an_unchanged_evaluation_again_keeps_its_seal(quarter, login):
    client = login("atasan")

    first = client.get(url_of(quarter.evaluation)).content
    second = client.get(url_of(quarter.evaluation)).content

    assert first == second
    assert IssuedDocument.objects.count() == 1


def test_an_evaluation_not_yet_final_is_a_draft_and_not_sealed(quarter, login, tmp_path):
    Evaluation.objects.filter(pk=quarter.evaluation.pk).update(
        status=EvaluationStatus.RATED, finalised_at=None, finalised_by=None
    )

    response = login("atasan").get(url_of(quarter.evaluation))

    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "DRAF" in text
    assert "DRAF — belum ditetapkan" in text
    assert "Palembang, ...................." in text
    assert "Verifikasi keaslian" not in text
    assert not IssuedDocument.objects.exists()


def test_the_annual_evaluation_adds_up_the_year(world, quarter, login, tmp_path):
    Feedback.objects.create(
        agency=world.agency,
        plan=quarter.plan,
        subperiod=2,
        indicator=quarter.indicator,
        text="Percepat surat domisili",
        author=world.users["atasan"],
    )
    realise(world, quarter.plan, quarter.extra_indicator, 2, Decimal(3))
    annual = evaluate(
        world,
        quarter.plan,
        kind=EvaluationKind.ANNUAL,
        subperiod=0,
        results="Sesuai Ekspektasi",
        behaviour="Di Atas Ekspektasi",
        predicate="Baik",
        final=False,
    )

    response = login("pegawai").get(url_of(annual))

    text = pdf_text(response.content, tmp_path)
    assert "EVALUASI TAHUNAN · PERIODE: TAHUNAN 2026" in text
    assert "Periode Penilaian: 1 Januari 2026 s.d. 31 Desember 2026" in text
    assert "7,5 dokumen" in text  # quantity: 3 + 4,5
    assert "2,5 bulan; Arsip 2025 selesai ditata" in text  # time: the mean of 2 and 3
    assert "Triwulan I 2026: Pertahankan kecepatan layanan surat" in text
    assert "Triwulan II 2026: Percepat surat domisili" in text
    assert "Capaian Kinerja Organisasi Belum ditetapkan" in text  # no annual assessment yet
    assert "Predikat Kinerja Pegawai BAIK" in text
    assert "DRAF" in text
    assert response["Content-Disposition"].endswith('-2026-tahunan.pdf"')


def test_the_header_falls_back_to_the_plan_when_the_evaluation_kept_no_snapshot(
    world, quarter, login, tmp_path
):
    Evaluation.objects.filter(pk=quarter.evaluation.pk).update(snapshot={})

    response = login("pegawai").get(url_of(quarter.evaluation))

    text = pdf_text(response.content, tmp_path)
    assert "Budi Santoso" in text
    assert world.atasan.nip_display in text


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("pegawai", 200),
        ("atasan", 200),
        ("kepala", 200),
        ("admin_bkpsdm", 200),
        ("inspektur", 200),  # auditing Kecamatan Plaju (the `auditing` fixture)
        ("pemantau", 200),
        ("petugas_layanan", 404),
        ("admin_agensi_lain", 404),
    ],
)
def test_who_may_download_the_evaluation(quarter, auditing, login, persona, status):
    response = login(persona).get(url_of(quarter.evaluation))

    assert response.status_code == status
    if status == 404:
        assert not IssuedDocument.objects.exists()


def test_a_peer_cannot_download_a_colleagues_evaluation(world, quarter, client):
    client.force_login(world.users["rekan"], backend="kinerja.core.auth.NipOrUsernameBackend")

    response = client.get(url_of(quarter.evaluation))

    assert response.status_code == 404
    assert not IssuedDocument.objects.exists()


def test_a_long_rhk_wraps_and_the_table_continues_on_the_next_page(world, quarter, tmp_path):
    from kinerja.appraisal.documents import build_evaluation_pdf
    from kinerja.planning.models import Indicator, PlannedResult

    long_text = "Tersusunnya laporan pelayanan administrasi kependudukan " * 8
    for number in range(12):
        result = PlannedResult.objects.create(
            agency=world.agency, plan=quarter.plan, kind="utama", text=f"{number} {long_text}"
        )
        Indicator.objects.create(
            agency=world.agency,
            result=result,
            aspect="kuantitas",
            text="Jumlah laporan",
            target_value=Decimal(4),
            unit_of_measure="laporan",
        )

    content = build_evaluation_pdf(Evaluation.objects.get(pk=quarter.evaluation.pk))

    reader = PdfReader(BytesIO(content))
    header = "Rencana Hasil Kerja Pimpinan yang Diintervensi"
    assert len(reader.pages) >= 3
    assert header in reader.pages[1].extract_text().replace("\n", " ")  # header row repeated
    assert "11 Tersusunnya laporan" in pdf_text(content, tmp_path)
