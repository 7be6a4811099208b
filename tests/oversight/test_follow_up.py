"""The owner's follow-up with its evidence file, the team's review, and the lock of a finished
recommendation — through the services, and the upload through the page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from kinerja.appraisal.evidence import sha256_of
from kinerja.core.models import AuditEntry
from kinerja.oversight import services
from kinerja.oversight.models import FollowUp, Recommendation
from tests.oversight.builders import PDF_BYTES, make_follow_up, pdf_upload


def test_owner_submits_a_follow_up_stored_by_its_fingerprint(setup, world):
    follow_up = services.submit_follow_up(
        setup.recommendation,
        actor=world.users["atasan"],
        text="Register dipantau tiap Senin.",
        upload=pdf_upload("laporan.exe"),
    )

    assert follow_up.status == "diajukan"
    assert follow_up.content_type == "application/pdf"
    assert follow_up.sha256 == sha256_of(PDF_BYTES)
    assert (
        follow_up.file.name
        == f"oversight/{world.agency.pk}/{follow_up.sha256[:2]}/{follow_up.sha256}"
    )
    assert default_storage.open(follow_up.file.name).read() == PDF_BYTES
    assert Recommendation.objects.get(pk=setup.recommendation.pk).status == "proses"
    entry = AuditEntry.objects.get(action="oversight.follow_up.submitted")
    assert entry.actor == world.users["atasan"]
    assert entry.changes["status"] == ["terbuka", "proses"]


@pytest.mark.parametrize("persona", ["pegawai", "kepala", "inspektur", "admin_bkpsdm"])
def test_only_the_owner_submits_follow_ups(setup, world, persona):
    with pytest.raises(PermissionDenied):
        services.submit_follow_up(
            setup.recommendation, actor=world.users[persona], text="x", upload=pdf_upload()
        )
    assert FollowUp.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "halaman web (HTML) tidak boleh diunggah",
        ),
        (b"MZ\x90\x00\x03" + b"\x00" * 64, "berkas program Windows (EXE/DLL) tidak boleh diunggah"),
        (b"%PDF-1.4 but cut short", "berkas PDF tidak utuh (penanda akhir %%EOF tidak ada)"),
    ],
)
def test_a_disguised_file_is_refused_and_nothing_is_stored(setup, world, tmp_path, content, reason):
    with pytest.raises(ValidationError) as error:
        services.submit_follow_up(
            setup.recommendation,
            actor=world.users["atasan"],
            text="Bukti terlampir.",
            upload=pdf_upload("bukti.pdf", content),
        )
    assert error.value.message_dict["file"] == [f"Berkas ditolak: {reason}."]
    assert FollowUp.objects.count() == 0
    assert not (tmp_path / "media" / "oversight").exists()
    assert Recommendation.objects.get(pk=setup.recommendation.pk).status == "terbuka"


def test_page_refuses_html_disguised_as_pdf_with_a_field_error(setup, world, client):
    client.force_login(world.users["atasan"], backend="kinerja.core.auth.NipOrUsernameBackend")
    url = reverse("oversight:follow-up-submit", args=[setup.recommendation.pk])
    response = client.post(
        url,
        {"text": "Bukti", "file": pdf_upload("bukti.pdf", b"<html><body>hai</body></html>")},
    )
    assert response.status_code == 400
    assert "Berkas ditolak: halaman web (HTML) tidak boleh diunggah." in response.content.decode()
    assert FollowUp.objects.count() == 0


def test_one_follow_up_awaits_review_at_a_time(setup, world):
    make_follow_up(world, setup)
    with pytest.raises(ValidationError) as error:
        services.submit_follow_up(
            setup.recommendation, actor=world.users["atasan"], text="lagi", upload=pdf_upload()
        )
    assert error.value.messages == [
        "Tindak lanjut sebelumnya masih menunggu tinjauan tim pemeriksa."
    ]
    assert FollowUp.objects.count() == 1


def test_accepting_completes_the_recommendation_which_is_then_read_only(setup, world):
    follow_up = make_follow_up(world, setup)
    reviewed = services.review_follow_up(
        follow_up,
        actor=setup.lead,
        accept=True,
        note="Sesuai.",
        expected_version=follow_up.version,
    )

    recommendation = Recommendation.objects.get(pk=setup.recommendation.pk)
    assert (reviewed.status, reviewed.reviewed_by) == ("diterima", setup.lead)
    assert recommendation.status == "selesai"
    assert recommendation.finished_at == reviewed.reviewed_at
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {
        "oversight.follow_up.accepted",
        "oversight.recommendation.completed",
    }
    with pytest.raises(ValidationError):
        services.submit_follow_up(
            recommendation, actor=world.users["atasan"], text="lagi", upload=pdf_upload()
        )
    with pytest.raises(ValidationError):
        services.declare_not_applicable(
            recommendation, actor=setup.lead, reason="x", expected_version=None
        )
    assert FollowUp.objects.count() == 1
    assert Recommendation.objects.get(pk=recommendation.pk).version == recommendation.version


def test_rejecting_needs_a_note_and_lets_the_owner_try_again(setup, world):
    follow_up = make_follow_up(world, setup)
    with pytest.raises(ValidationError) as error:
        services.review_follow_up(
            follow_up, actor=setup.lead, accept=False, note=" ", expected_version=None
        )
    assert "note" in error.value.message_dict
    services.review_follow_up(
        follow_up, actor=setup.lead, accept=False, note="Bukti kurang.", expected_version=None
    )
    assert Recommendation.objects.get(pk=setup.recommendation.pk).status == "proses"
    again = services.submit_follow_up(
        setup.recommendation, actor=world.users["atasan"], text="Lengkap", upload=pdf_upload()
    )
    assert again.status == "diajukan"


@pytest.mark.parametrize("persona", ["kepala", "admin_bkpsdm", "atasan"])
def test_only_the_team_reviews(setup, world, persona):
    follow_up = make_follow_up(world, setup)
    with pytest.raises(PermissionDenied):
        services.review_follow_up(
            follow_up, actor=world.users[persona], accept=True, expected_version=None
        )
    assert FollowUp.objects.get(pk=follow_up.pk).status == "diajukan"


def test_not_applicable_needs_a_reason_and_finishes_the_recommendation(setup, world):
    with pytest.raises(ValidationError):
        services.declare_not_applicable(
            setup.recommendation, actor=setup.lead, reason="", expected_version=None
        )
    done = services.declare_not_applicable(
        setup.recommendation,
        actor=setup.lead,
        reason="Kelurahan digabung.",
        expected_version=setup.recommendation.version,
    )
    assert (done.status, done.closing_reason) == ("tidak_dapat", "Kelurahan digabung.")
    assert AuditEntry.objects.filter(action="oversight.recommendation.not_applicable").count() == 1


def test_team_extends_the_due_date_and_the_change_is_recorded(setup, world):
    import datetime as dt

    from django.utils import timezone

    from kinerja.core.exceptions import StaleEdit

    later = timezone.localdate() + dt.timedelta(days=90)
    updated = services.update_recommendation(
        setup.recommendation,
        actor=setup.lead,
        expected_version=setup.recommendation.version,
        text=setup.recommendation.text,
        owner=world.kepala,
        due_date=later,
    )
    assert (updated.due_date, updated.owner) == (later, world.kepala)
    entry = AuditEntry.objects.get(action="oversight.recommendation.updated")
    assert entry.changes == {
        "owner": ["Siti Aminah", "Hendra Saputra"],
        "due_date": [setup.recommendation.due_date.isoformat(), later.isoformat()],
    }
    with pytest.raises(StaleEdit):
        services.update_recommendation(
            updated,
            actor=setup.lead,
            expected_version=setup.recommendation.version,
            text="x",
            owner=world.kepala,
            due_date=later,
        )
    with pytest.raises(PermissionDenied):
        services.update_recommendation(
            updated,
            actor=world.users["kepala"],
            expected_version=None,
            text="x",
            owner=world.kepala,
            due_date=later,
        )
    assert Recommendation.objects.get(pk=updated.pk).text == setup.recommendation.text


def test_a_finished_recommendation_cannot_be_revised(setup, world, login):
    from django.utils import timezone

    follow_up = make_follow_up(world, setup)
    services.review_follow_up(follow_up, actor=setup.lead, accept=True, expected_version=None)
    with pytest.raises(ValidationError):
        services.update_recommendation(
            setup.recommendation,
            actor=setup.lead,
            expected_version=None,
            text="x",
            owner=world.atasan,
            due_date=timezone.localdate(),
        )
    response = login("inspektur").get(
        reverse("oversight:recommendation-edit", args=[setup.recommendation.pk])
    )
    assert response.status_code == 302
    assert Recommendation.objects.get(pk=setup.recommendation.pk).text == (
        setup.recommendation.text
    )
