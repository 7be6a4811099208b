"""The SKP as an official PDF: contents, sealing of approved plans, DRAF for the rest."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kinerja.core import pdf
from kinerja.core.formatting import indonesian_date, indonesian_number
from kinerja.core.models import IssuedDocument
from kinerja.planning import documents, services
from kinerja.planning.models import PerformancePlan
from tests.planning.conftest import fill_plan, user_of

RHK = "Surat pengantar terlayani"


def pdf_text(content: bytes, tmp_path: Path) -> str:
    """The text of a PDF as pypdf extracts it (layout-free, one string)."""
    path = tmp_path / "skp.pdf"
    path.write_bytes(content)
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def full_plan(world, period, approved_plan) -> PerformancePlan:
    """Pegawai's SKP cascaded from atasan's, with an additional RHK, expectations and appendix,
    still a draft."""
    leader = approved_plan(world.atasan)
    plan = services.start_plan(world.pegawai, actor=None, period=period)
    owner = user_of(world, world.pegawai)
    fill_plan(world, plan, RHK, parent=leader.results.get())
    extra = services.add_result(
        plan, actor=owner, expected_version=None, kind="tambahan", text="Arsip kelurahan tertata"
    )
    services.add_indicator(
        extra,
        actor=owner,
        expected_version=None,
        aspect="waktu",
        text="Arsip tertata tepat waktu",
        target_value=Decimal("2.5"),
        unit_of_measure="bulan",
    )
    services.set_expectations(
        plan, actor=owner, expected_version=None, texts={"akuntabel": "Laporan tepat waktu"}
    )
    services.update_appendix(
        plan,
        actor=owner,
        expected_version=None,
        resources="PC, printer, scanner",
        accountability="Laporan triwulan",
        consequences="Bila target tercapai, apresiasi dari atasan langsung",
    )
    return PerformancePlan.objects.get(pk=plan.pk)


@pytest.fixture
def sealed_plan(world, full_plan) -> PerformancePlan:
    plan = services.submit_plan(full_plan, actor=world.users["pegawai"], expected_version=None)
    return services.approve_plan(plan, actor=world.users["atasan"], expected_version=None)


def test_employee_downloads_the_approved_skp_as_a_sealed_pdf(world, sealed_plan, login, tmp_path):
    # When
    response = login("pegawai").get(reverse("planning:plan-pdf", args=[sealed_plan.pk]))

    # Then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="SKP-{world.pegawai.nip}-2026.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "SASARAN KINERJA PEGAWAI",
        "Budi Santoso",
        world.pegawai.nip_display,
        "Siti Aminah",
        world.atasan.nip_display,
        RHK,
        "Pelayanan administrasi kelurahan yang prima",  # the leader's RHK it intervenes
        "12 dokumen",
        "2,5 bulan",
        "Laporan tepat waktu",
        "PC, printer, scanner",
        "1 Januari 2026 s.d. 31 Desember 2026",
        "Halaman 1 dari",
        "Verifikasi keaslian:",
    ):
        assert expected in text, expected
    assert "DRAF" not in text
    record = IssuedDocument.objects.get()
    assert record.kind == "skp"
    assert record.subject_nip == world.pegawai.nip_display
    assert record.approved_by_name == "Siti Aminah"
    assert f"/verifikasi/{record.token}/" in text


def test_downloading_an_unchanged_skp_again_keeps_its_seal(world, sealed_plan, login):
    client = login("pegawai")
    url = reverse("planning:plan-pdf", args=[sealed_plan.pk])

    first = client.get(url).content
    second = client.get(url).content

    assert first == second
    assert IssuedDocument.objects.count() == 1


def test_the_signature_line_names_the_city_and_the_approval_date(sealed_plan, login, tmp_path):
    response = login("atasan").get(reverse("planning:plan-pdf", args=[sealed_plan.pk]))

    approved = sealed_plan.approved_at
    expected = f"Palembang, {indonesian_date(timezone.localtime(approved).date())}"
    text = pdf_text(response.content, tmp_path)
    assert expected in text
    assert "Pegawai yang Dinilai" in text
    assert "Pejabat Penilai Kinerja" in text


def test_a_draft_has_the_draf_watermark_and_is_not_sealed(world, full_plan, login, tmp_path):
    response = login("pegawai").get(reverse("planning:plan-pdf", args=[full_plan.pk]))

    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "DRAF" in text
    assert "Verifikasi keaslian" not in text
    assert not IssuedDocument.objects.exists()


def test_a_submitted_plan_is_not_sealed_either(world, full_plan, login):
    services.submit_plan(full_plan, actor=world.users["pegawai"], expected_version=None)

    response = login("atasan").get(reverse("planning:plan-pdf", args=[full_plan.pk]))

    assert response.status_code == 200
    assert not IssuedDocument.objects.exists()


def test_another_agencys_admin_gets_404_and_nothing_is_issued(world, sealed_plan, login):
    response = login("admin_agensi_lain").get(reverse("planning:plan-pdf", args=[sealed_plan.pk]))

    assert response.status_code == 404
    assert not IssuedDocument.objects.exists()


def test_a_peer_cannot_download_a_colleagues_skp(world, sealed_plan, client):
    client.force_login(world.users["rekan"], backend="kinerja.core.auth.NipOrUsernameBackend")

    response = client.get(reverse("planning:plan-pdf", args=[sealed_plan.pk]))

    assert response.status_code == 404


def test_the_pdf_builds_without_the_dejavu_font(full_plan, monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "FONT_DIR", tmp_path / "no-fonts")

    content = documents.build_plan_pdf(full_plan)

    assert "Budi Santoso" in pdf_text(content, tmp_path)
    assert b"DejaVu" not in content


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", "12"),
        ("12.00", "12"),
        ("2.50", "2,5"),
        ("1250.75", "1.250,75"),
        ("100000", "100.000"),
    ],
)
def test_targets_are_written_the_indonesian_way(value, expected):
    assert indonesian_number(Decimal(value)) == expected


@pytest.mark.parametrize(
    ("region", "name", "expected"),
    [
        ("", "Pemerintah Kota Palembang", "Palembang"),
        ("", "Pemerintah Kabupaten Ogan Ilir", "Ogan Ilir"),
        ("Sumatera Selatan", "Pemerintah Kota Palembang", "Palembang"),
        ("Indralaya", "Sekretariat DPRD", "Indralaya"),
    ],
)
def test_the_place_is_the_seat_named_by_the_agency_or_else_the_region(region, name, expected):
    assert documents.place_of(region, name) == expected
