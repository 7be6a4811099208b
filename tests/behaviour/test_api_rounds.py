"""The rounds API under /api/v1/behaviour/: the same services and rules as the pages, refusals
with a reason (400/403/409), objects outside reach 404."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from kinerja.behaviour.models import Assignment, FeedbackRound, RoundStatus
from tests.behaviour.conftest import assignment_of


def create_payload(world, period, **extra):
    payload = {
        "name": "Umpan Balik 360° 2026",
        "period": period.pk,
        "units": [world.kelurahan.pk],
        "closes_on": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
    }
    payload.update(extra)
    return payload


def test_the_admin_creates_opens_and_closes_a_round(world, period, staff, login):
    client = login("admin_bkpsdm")

    created = client.post(
        reverse("api-behaviour-round-list"),
        create_payload(world, period),
        content_type="application/json",
    )
    pk = created.json()["id"]
    opened = client.post(
        reverse("api-behaviour-round-open", kwargs={"pk": pk}),
        {"version": 1},
        content_type="application/json",
    )
    closed = client.post(
        reverse("api-behaviour-round-close", kwargs={"pk": pk}),
        {"version": 2},
        content_type="application/json",
    )

    assert created.status_code == 201
    assert created.json()["status"] == "draft"
    assert created.json()["units"] == [world.kelurahan.pk]
    assert created.json()["progress"]["total"] == Assignment.objects.filter(round_id=pk).count()
    assert created.json()["progress"]["subjects"] == 7
    assert opened.json()["status"] == "open"
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"


def test_invalid_settings_answer_400_with_the_reason(world, period, staff, login):
    response = login("admin_bkpsdm").post(
        reverse("api-behaviour-round-list"),
        create_payload(world, period, min_respondents=2),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "min_respondents" in response.json()
    assert FeedbackRound.objects.count() == 0


def test_a_stale_version_answers_409(world, draft_round, login):
    response = login("admin_bkpsdm").post(
        reverse("api-behaviour-round-open", kwargs={"pk": draft_round.pk}),
        {"version": 5},
        content_type="application/json",
    )

    assert response.status_code == 409
    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.DRAFT


def test_only_the_admin_creates_or_opens(world, period, draft_round, auditing, login):
    """`inspektur` is auditing the kecamatan, so finds the round: reading is not opening."""
    created = login("atasan").post(
        reverse("api-behaviour-round-list"),
        create_payload(world, period),
        content_type="application/json",
    )
    opened = login("inspektur").post(
        reverse("api-behaviour-round-open", kwargs={"pk": draft_round.pk}),
        {"version": 1},
        content_type="application/json",
    )

    assert created.status_code == 403
    assert opened.status_code == 403
    assert FeedbackRound.objects.count() == 1
    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.DRAFT


def test_another_agency_does_not_find_the_round(world, draft_round, login):
    response = login("admin_agensi_lain").get(
        reverse("api-behaviour-round-detail", kwargs={"pk": draft_round.pk})
    )

    assert response.status_code == 404


def test_the_supervisor_adjusts_raters_through_the_api(world, draft_round, login):
    client = login("atasan")
    url = reverse(
        "api-behaviour-subject-raters",
        kwargs={"pk": draft_round.pk, "employee_pk": world.pegawai.pk},
    )
    peer = assignment_of(draft_round, world.pegawai, world.rekan)

    listed = client.get(url).json()
    added = client.post(url, {"rater": world.kepala.pk}, content_type="application/json")
    removed = client.delete(reverse("api-behaviour-rater-remove", kwargs={"pk": peer.pk}))

    assert {row["rater_name"] for row in listed} >= {"Dewi Lestari", "Siti Aminah", "Budi Santoso"}
    assert set(listed[0]) == {"id", "rater", "rater_name", "rater_nip", "relation", "status"}
    assert added.status_code == 201
    assert added.json()["relation"] == "rekan"
    assert removed.status_code == 204
    assert not Assignment.objects.filter(pk=peer.pk).exists()


def test_adjusting_an_open_round_answers_400_with_the_reason(world, open_round, login):
    url = reverse(
        "api-behaviour-subject-raters",
        kwargs={"pk": open_round.pk, "employee_pk": world.pegawai.pk},
    )

    response = login("atasan").post(
        url, {"rater": world.kepala.pk}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Penilai hanya dapat diubah sebelum putaran dibuka."]
    }


def test_reminders_through_the_api(world, open_round, login):
    response = login("admin_bkpsdm").post(
        reverse("api-behaviour-round-remind", kwargs={"pk": open_round.pk})
    )

    assert response.json() == {"reminded": 10}


def test_the_round_list_is_for_admins_inspectors_and_heads(world, draft_round, login):
    url = reverse("api-behaviour-round-list")

    assert login("pegawai").get(url).status_code == 403
    listed = login("kepala").get(url).json()
    assert [row["name"] for row in listed["results"]] == ["Umpan Balik 360° 2026"]
