"""The seal of issued documents and the public verification page `/verifikasi/<token>/`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kinerja.core import verification
from kinerja.core.documents import issue_document, sha256_of
from kinerja.core.models import AuditEntry, IssuedDocument
from kinerja.planning import services
from tests.planning.conftest import fill_plan

RHK = "Pelayanan administrasi kelurahan yang prima"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The upload counter lives in the cache, shared by every test of a worker."""
    cache.clear()


@pytest.fixture
def sealed_pdf(world, unscoped, login) -> tuple[IssuedDocument, bytes]:
    """Pegawai's approved SKP, downloaded once by pegawai: its record and its bytes."""
    period = services.create_period(
        world.agency,
        actor=None,
        year=2026,
        name="Tahun 2026",
        frequency="triwulanan",
        approach="kuantitatif",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    plan = services.start_plan(world.pegawai, actor=None, period=period)
    fill_plan(world, plan, RHK)
    plan = services.submit_plan(plan, actor=world.users["pegawai"], expected_version=None)
    plan = services.approve_plan(plan, actor=world.users["atasan"], expected_version=None)
    content = login("pegawai").get(reverse("planning:plan-pdf", args=[plan.pk])).content
    login("pegawai").logout()
    return IssuedDocument.objects.get(), content


def _page(token: str) -> str:
    return reverse("verification", kwargs={"token": token})


def _upload(content: bytes) -> dict[str, SimpleUploadedFile]:
    return {"document": SimpleUploadedFile("skp.pdf", content, "application/pdf")}


def test_the_seal_records_hash_people_and_an_unguessable_token(world, sealed_pdf):
    record, content = sealed_pdf

    assert record.sha256 == sha256_of(content)
    assert len(record.token) >= 22
    assert record.subject_name == "Budi Santoso"
    assert record.subject_nip == world.pegawai.nip_display
    assert record.approved_by_name == "Siti Aminah"
    assert record.agency_id == world.agency.pk
    assert record.issued_by == world.users["pegawai"]
    assert record.superseded is False
    assert AuditEntry.objects.filter(action="core.document.issued").count() == 1


def test_anyone_sees_that_the_document_is_genuine_without_its_content(
    world, sealed_pdf, client: Client
):
    record, _ = sealed_pdf

    response = client.get(_page(record.token))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dokumen asli" in page
    assert "Budi Santoso" in page
    assert world.pegawai.nip_display in page
    assert "Siti Aminah" in page
    assert record.sha256 in page
    assert "Sasaran Kinerja Pegawai Tahun 2026" in page
    assert RHK not in page
    assert "Jumlah pelayanan" not in page  # the indicator
    assert "12 dokumen" not in page  # its target
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_uploading_the_same_bytes_confirms_the_document_is_unchanged(sealed_pdf, client):
    record, content = sealed_pdf

    response = client.post(_page(record.token), _upload(content))

    assert response.status_code == 200
    assert "Dokumen asli dan tidak berubah" in response.content.decode()


def test_uploading_a_modified_pdf_says_it_differs(sealed_pdf, client):
    record, content = sealed_pdf
    tampered = content.replace(b"Budi Santoso", b"Budi Santosa")

    response = client.post(_page(record.token), _upload(tampered))

    assert response.status_code == 200
    assert "Berkas ini BERBEDA dari dokumen yang diterbitkan" in response.content.decode()


def test_an_unknown_token_answers_404_in_indonesian(db, client):
    response = client.get(_page("bukan-token-yang-pernah-diterbitkan"))

    assert response.status_code == 404
    assert "Dokumen tidak ditemukan" in response.content.decode()


def test_the_upload_needs_a_csrf_token(sealed_pdf):
    record, content = sealed_pdf
    client = Client(enforce_csrf_checks=True)

    response = client.post(_page(record.token), _upload(content))

    assert response.status_code == 403


def test_an_upload_over_10_mb_is_refused(sealed_pdf, client):
    record, _ = sealed_pdf

    response = client.post(_page(record.token), _upload(b"0" * (10 * 1024 * 1024 + 1)))

    assert response.status_code == 400
    assert "Berkas terlalu besar (maksimal 10 MB)." in response.content.decode()


def test_uploads_are_limited_per_address_per_hour(sealed_pdf, client, monkeypatch):
    record, content = sealed_pdf
    monkeypatch.setattr(verification, "CHECKS_PER_HOUR", 2)
    for _ in range(2):
        assert client.post(_page(record.token), _upload(content)).status_code == 200

    response = client.post(_page(record.token), _upload(content))

    assert response.status_code == 429
    assert "Terlalu banyak pemeriksaan berkas" in response.content.decode()
    assert client.get(_page(record.token)).status_code == 200


def _issue(subject, render):
    return issue_document(
        subject,
        actor=None,
        kind=IssuedDocument.Kind.SKP,
        title="Sasaran Kinerja Pegawai Tahun 2026",
        subject_name="Budi Santoso",
        subject_nip="19860926 201505 1 001",
        approved_by_name="Siti Aminah",
        approved_at=None,
        render=render,
    )


def test_reissuing_unchanged_content_returns_the_same_record(world, unscoped):
    first = _issue(world.pegawai, lambda token: b"%PDF isi tetap")
    again = _issue(world.pegawai, lambda token: b"%PDF isi tetap")

    assert again.record.pk == first.record.pk
    assert IssuedDocument.objects.count() == 1


def test_changed_content_gets_a_new_record_and_supersedes_the_old(world, unscoped, client):
    old = _issue(world.pegawai, lambda token: b"%PDF versi pertama").record

    new = _issue(world.pegawai, lambda token: b"%PDF versi kedua " + token.encode()).record

    old.refresh_from_db()
    assert new.pk != old.pk
    assert new.token != old.token
    assert (old.superseded, new.superseded) == (True, False)
    page = client.get(_page(old.token)).content.decode()
    assert "sudah digantikan oleh versi yang lebih baru" in page
