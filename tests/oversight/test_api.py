"""The oversight API: the same permissions and services as the pages, 4xx with a reason."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kinerja.oversight.models import Audit, FollowUp, Recommendation
from tests.oversight.builders import make_audit, make_follow_up, pdf_upload

TODAY = timezone.localdate()
BASE = "/api/v1/oversight"


def test_inspector_plans_an_audit_and_moves_it(world, login, unscoped):
    client = login("inspektur")
    created = client.post(
        f"{BASE}/audits/",
        {
            "title": "Pemeriksaan API",
            "letter_number": "700/3/ST",
            "objectives": "Uji",
            "planned_start": TODAY.isoformat(),
            "planned_end": TODAY.isoformat(),
            "units": [world.kecamatan.pk],
            "team": [world.users["inspektur"].pk],
            "lead": world.users["inspektur"].pk,
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["status"], body["team"], body["units"]) == (
        "direncanakan",
        [world.users["inspektur"].pk],
        [world.kecamatan.pk],
    )
    stale = client.post(
        f"{BASE}/audits/{body['id']}/status/",
        {"target": "pelaksanaan", "version": body["version"] + 5},
        content_type="application/json",
    )
    assert stale.status_code == 409
    moved = client.post(
        f"{BASE}/audits/{body['id']}/status/",
        {"target": "pelaksanaan", "version": body["version"]},
        content_type="application/json",
    )
    assert moved.json()["status"] == "pelaksanaan"
    skipped = client.post(
        f"{BASE}/audits/{body['id']}/status/",
        {"target": "selesai", "version": moved.json()["version"]},
        content_type="application/json",
    )
    assert skipped.status_code == 400
    assert "tidak dapat dipindahkan" in skipped.json()["non_field_errors"][0]


def test_invalid_plan_answers_400_per_field(world, login, unscoped):
    response = login("inspektur").post(
        f"{BASE}/audits/",
        {
            "title": "X",
            "letter_number": "1",
            "objectives": "Y",
            "planned_start": TODAY.isoformat(),
            "planned_end": (TODAY - dt.timedelta(days=2)).isoformat(),
            "units": [world.kecamatan.pk],
            "team": [world.users["inspektur"].pk],
            "lead": world.users["inspektur"].pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "planned_end": ["Rencana selesai tidak boleh sebelum rencana mulai."]
    }
    assert Audit.objects.count() == 0


def test_non_inspector_cannot_plan(world, login, unscoped):
    response = login("admin_bkpsdm").post(f"{BASE}/audits/", {}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Anda tidak berwenang melakukan tindakan ini."


def test_findings_recommendations_and_follow_ups_round_trip(world, login, unscoped):
    audit = make_audit(world)
    team = login("inspektur")
    finding = team.post(
        f"{BASE}/audits/{audit.pk}/findings/",
        {
            "unit": world.kelurahan.pk,
            "title": "Loket tutup",
            "category": "pelayanan",
            "condition": "a",
            "criteria": "b",
            "cause": "c",
            "effect": "d",
        },
        content_type="application/json",
    ).json()
    assert finding["number"] == 1
    recommendation = team.post(
        f"{BASE}/findings/{finding['id']}/recommendations/",
        {"text": "Buka tepat waktu", "owner": world.atasan.pk, "due_date": TODAY.isoformat()},
        content_type="application/json",
    ).json()
    assert recommendation["status"] == "terbuka"

    owner = login("atasan")
    refused = owner.post(
        f"{BASE}/recommendations/{recommendation['id']}/follow-ups/",
        {"text": "Bukti", "file": pdf_upload("x.pdf", b"<html><script>1</script></html>")},
    )
    assert refused.status_code == 400
    assert refused.json() == {"file": ["Berkas ditolak: halaman web (HTML) tidak boleh diunggah."]}
    submitted = owner.post(
        f"{BASE}/recommendations/{recommendation['id']}/follow-ups/",
        {"text": "Bukti", "file": pdf_upload()},
    )
    assert submitted.status_code == 201
    assert submitted.json()["content_type"] == "application/pdf"
    mine = owner.get(f"{BASE}/recommendations/").json()
    assert [r["id"] for r in mine["results"]] == [recommendation["id"]]

    reviewed = login("inspektur").post(
        f"{BASE}/follow-ups/{submitted.json()['id']}/review/",
        {"accept": True, "version": submitted.json()["version"]},
        content_type="application/json",
    )
    assert reviewed.json()["status"] == "diterima"
    assert Recommendation.objects.get(pk=recommendation["id"]).status == "selesai"
    findings = login("kepala").get(f"{BASE}/audits/{audit.pk}/findings/").json()
    assert findings[0]["recommendations"][0]["status"] == "selesai"


def test_non_owner_cannot_submit_and_other_agency_is_404(world, login, unscoped):
    from tests.oversight.builders import make_setup

    setup = make_setup(world)
    denied = login("pegawai").post(
        f"{BASE}/recommendations/{setup.recommendation.pk}/follow-ups/",
        {"text": "x", "file": pdf_upload()},
    )
    assert denied.status_code == 403
    other = make_setup(world, other=True)
    assert login("admin_bkpsdm").get(f"{BASE}/audits/{other.audit.pk}/").status_code == 404
    assert (
        login("admin_bkpsdm").get(f"{BASE}/recommendations/{other.recommendation.pk}/").status_code
        == 404
    )
    assert FollowUp.objects.count() == 0


def test_overdue_view_of_the_recommendation_list(world, login, unscoped):
    from tests.oversight.builders import make_setup

    setup = make_setup(world)
    make_follow_up(world, setup)
    Recommendation.objects.filter(pk=setup.recommendation.pk).update(
        due_date=TODAY - dt.timedelta(days=1)
    )
    response = login("kepala").get(f"{BASE}/recommendations/", {"view": "overdue"})
    assert [r["id"] for r in response.json()["results"]] == [setup.recommendation.pk]
    assert login("pegawai").get(f"{BASE}/recommendations/", {"view": "overdue"}).status_code == 403


def test_audit_list_api_queries_do_not_grow_with_rows(world, login, unscoped):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.oversight.builders import make_setup

    make_setup(world)
    client = login("admin_bkpsdm")
    with CaptureQueriesContext(connection) as few:
        client.get(f"{BASE}/audits/")
    for _ in range(4):
        make_setup(world)
    with CaptureQueriesContext(connection) as many:
        response = client.get(f"{BASE}/audits/")
    assert response.json()["count"] == 5
    assert len(many) == len(few)
