"""The oversight pages as the personas use them: what each sees, the forms, the exports."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.oversight import services
from kinerja.oversight.models import Audit, FieldVisit, Finding, Recommendation
from tests.oversight.builders import make_audit, make_follow_up, make_setup

TODAY = timezone.localdate()


def test_inspector_plans_an_audit_through_the_form(world, login, unscoped):
    client = login("inspektur")
    response = client.post(
        reverse("oversight:audit-create"),
        {
            "title": "Pemeriksaan Kelurahan Plaju Ulu",
            "letter_number": "700/5/ST/2026",
            "objectives": "Menilai pelayanan surat.",
            "scope": "",
            "planned_start": TODAY.isoformat(),
            "planned_end": (TODAY + dt.timedelta(days=7)).isoformat(),
            "units": [world.kelurahan.pk],
            "team": [world.users["inspektur"].pk],
            "lead": world.users["inspektur"].pk,
        },
    )
    audit = Audit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("oversight:audit-detail", args=[audit.pk])
    assert audit.lead == world.users["inspektur"]


def test_plan_form_shows_field_errors(world, login, unscoped):
    client = login("inspektur")
    response = client.post(
        reverse("oversight:audit-create"),
        {
            "title": "X",
            "letter_number": "1",
            "objectives": "Y",
            "planned_start": TODAY.isoformat(),
            "planned_end": (TODAY - dt.timedelta(days=1)).isoformat(),
            "units": [world.kelurahan.pk],
            "team": [world.users["inspektur"].pk],
            "lead": world.users["inspektur"].pk,
        },
    )
    assert response.status_code == 400
    assert "Rencana selesai tidak boleh sebelum rencana mulai." in response.content.decode()
    assert Audit.objects.count() == 0


def test_head_sees_the_audit_and_findings_of_their_subtree_only(setup, world, login):
    services.add_finding(
        setup.audit,
        actor=setup.lead,
        unit=world.kecamatan,
        title="Temuan di kantor camat",
        category="disiplin",
        condition="a",
        criteria="b",
        cause="c",
        effect="d",
    )
    # A head of the kelurahan only (below the audited kecamatan) sees the kelurahan's finding.
    from kinerja.core.models import RoleGrant

    RoleGrant.objects.create(user=world.users["atasan"], role="head", unit=world.kelurahan)
    kepala_page = login("kepala").get(reverse("oversight:audit-detail", args=[setup.audit.pk]))
    assert kepala_page.status_code == 200
    assert [f.title for f in kepala_page.context["findings"]] == [
        "Surat keterangan terlambat",
        "Temuan di kantor camat",
    ]
    lurah_page = login("atasan").get(reverse("oversight:audit-detail", args=[setup.audit.pk]))
    assert [f.title for f in lurah_page.context["findings"]] == ["Surat keterangan terlambat"]


def test_heads_do_not_see_a_planned_audit(world, login, unscoped):
    audit = make_audit(world, status="direncanakan")
    client = login("kepala")
    assert client.get(reverse("oversight:audit-detail", args=[audit.pk])).status_code == 403
    assert list(client.get(reverse("oversight:audit-list")).context["page"].object_list) == []


def test_audit_detail_shows_the_team_forms_to_the_team_only(setup, login):
    url = reverse("oversight:audit-detail", args=[setup.audit.pk])
    own = login("inspektur").get(url).content.decode()
    assert reverse("oversight:finding-create", args=[setup.audit.pk]) in own
    assert reverse("oversight:visit-create", args=[setup.audit.pk]) in own
    admin = login("admin_bkpsdm").get(url).content.decode()
    assert reverse("oversight:finding-create", args=[setup.audit.pk]) not in admin
    assert "Surat keterangan terlambat" in admin


def test_team_records_a_visit_and_a_finding_through_the_pages(setup, world, login):
    client = login("inspektur")
    visit = client.post(
        reverse("oversight:visit-create", args=[setup.audit.pk]),
        {"unit": world.kelurahan.pk, "visited_on": TODAY.isoformat(), "notes": "Loket ramai."},
    )
    assert visit.status_code == 302
    assert FieldVisit.objects.get().notes == "Loket ramai."
    finding = client.post(
        reverse("oversight:finding-create", args=[setup.audit.pk]),
        {
            "unit": world.kelurahan.pk,
            "category": "disiplin",
            "title": "Apel",
            "condition": "a",
            "criteria": "b",
            "cause": "c",
            "effect": "d",
        },
    )
    created = Finding.objects.get(number=2)
    assert finding["Location"] == reverse("oversight:recommendation-create", args=[created.pk])
    recommendation = client.post(
        reverse("oversight:recommendation-create", args=[created.pk]),
        {"text": "Tertibkan apel.", "owner": world.kepala.pk, "due_date": TODAY.isoformat()},
    )
    assert recommendation.status_code == 302
    assert Recommendation.objects.get(finding=created).owner == world.kepala


def test_status_step_through_the_page(setup, login):
    client = login("inspektur")
    response = client.post(
        reverse("oversight:audit-status", args=[setup.audit.pk]),
        {"target": "pelaporan", "version": setup.audit.version},
    )
    assert response.status_code == 302
    assert Audit.objects.get(pk=setup.audit.pk).status == "pelaporan"


def test_audit_list_searches_filters_and_exports(world, login, unscoped):
    make_setup(world)
    planned = make_audit(world, status="direncanakan")
    services.update_audit(
        planned,
        actor=world.users["inspektur"],
        expected_version=None,
        title="Audit Arsip",
        letter_number="800/77/ST",
        objectives="x",
        scope="",
        planned_start=planned.planned_start,
        planned_end=planned.planned_end,
        units=[world.kelurahan],
        team=[world.users["inspektur"]],
        lead=world.users["inspektur"],
    )
    client = login("inspektur")
    url = reverse("oversight:audit-list")
    assert [a.title for a in client.get(url, {"q": "800/77"}).context["page"].object_list] == [
        "Audit Arsip"
    ]
    by_status = client.get(url, {"status": "pelaksanaan"}).context["page"].object_list
    assert [a.title for a in by_status] == ["Pemeriksaan Pelayanan Kecamatan Plaju"]
    export = client.get(url, {"status": "pelaksanaan", "format": "xlsx"})
    sheet = load_workbook(BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Judul pemeriksaan"
    assert rows[1][:3] == (
        "Pemeriksaan Pelayanan Kecamatan Plaju",
        "700/01/ST/2026",
        "Kecamatan Plaju",
    )
    assert rows[1][7:] == (1, 1)
    assert len(rows) == 2


def test_audit_list_queries_do_not_grow_with_rows(
    world, login, unscoped, django_assert_max_num_queries
):
    for _ in range(6):
        make_setup(world)
    client = login("admin_bkpsdm")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("oversight:audit-list"))
    assert len(response.context["page"].object_list) == 6


def test_audit_detail_queries_do_not_grow_with_findings(
    setup, world, login, django_assert_max_num_queries
):
    for number in range(5):
        finding = services.add_finding(
            setup.audit,
            actor=setup.lead,
            unit=world.kelurahan,
            title=f"Temuan {number}",
            category="kinerja",
            condition="a",
            criteria="b",
            cause="c",
            effect="d",
        )
        services.add_recommendation(
            finding, actor=setup.lead, text="r", owner=world.atasan, due_date=TODAY
        )
    client = login("inspektur")
    with django_assert_max_num_queries(22):
        response = client.get(reverse("oversight:audit-detail", args=[setup.audit.pk]))
    assert len(response.context["findings"]) == 6


def test_lhp_pdf_is_a_pdf_with_the_findings(setup, login):
    response = login("admin_bkpsdm").get(reverse("oversight:audit-pdf", args=[setup.audit.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "LAPORAN HASIL PEMERIKSAAN" in text
    assert "Surat keterangan terlambat" in text
    assert "Pantau register setiap minggu." in text


def test_evidence_downloads_as_an_attachment_that_never_renders(setup, world, login):
    follow_up = make_follow_up(world, setup)
    response = login("kepala").get(reverse("oversight:follow-up-file", args=[follow_up.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bukti.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert (
        login("pegawai").get(reverse("oversight:follow-up-file", args=[follow_up.pk])).status_code
        == 403
    )


def test_owner_sees_their_recommendations_and_the_submit_form(setup, world, login):
    client = login("atasan")
    mine = client.get(reverse("oversight:my-recommendations"))
    assert [r.pk for r in mine.context["page"].object_list] == [setup.recommendation.pk]
    detail = client.get(reverse("oversight:recommendation-detail", args=[setup.recommendation.pk]))
    assert detail.context["follow_up_form"] is not None
    assert detail.context["review_form"] is None
    assert (
        login("pegawai")
        .get(reverse("oversight:my-recommendations"))
        .context["page"]
        .paginator.count
        == 0
    )


def test_team_reviews_through_the_page(setup, world, login):
    follow_up = make_follow_up(world, setup)
    client = login("inspektur")
    detail = client.get(reverse("oversight:recommendation-detail", args=[setup.recommendation.pk]))
    assert detail.context["review_form"] is not None
    response = client.post(
        reverse("oversight:follow-up-review", args=[follow_up.pk]),
        {"decision": "reject", "note": "", "version": follow_up.version},
    )
    assert response.status_code == 400
    assert "Tuliskan alasan penolakan agar dapat diperbaiki." in response.content.decode()
    response = client.post(
        reverse("oversight:follow-up-review", args=[follow_up.pk]),
        {"decision": "accept", "note": "", "version": follow_up.version},
    )
    assert response.status_code == 302
    assert Recommendation.objects.get(pk=setup.recommendation.pk).status == "selesai"


@pytest.mark.parametrize("name", ["oversight:audit-detail", "oversight:audit-pdf"])
def test_another_agencys_audit_answers_404_to_its_inspector_too(world, login, unscoped, name):
    other = make_audit(world, other=True)
    assert login("inspektur").get(reverse(name, args=[other.pk])).status_code == 404


def test_team_revises_a_finding_through_the_page(setup, world, login):
    client = login("inspektur")
    url = reverse("oversight:finding-edit", args=[setup.finding.pk])
    form = client.get(url)
    assert form.context["form"].initial["title"] == "Surat keterangan terlambat"
    response = client.post(
        url,
        {
            "unit": world.kelurahan.pk,
            "category": "pelayanan",
            "title": "Surat keterangan melampaui standar",
            "condition": "a",
            "criteria": "b",
            "cause": "c",
            "effect": "d",
            "version": setup.finding.version,
        },
    )
    assert response["Location"].endswith("#finding-1")
    assert Finding.objects.get(pk=setup.finding.pk).title == "Surat keterangan melampaui standar"
    stale = client.post(
        url,
        {
            "unit": world.kelurahan.pk,
            "category": "pelayanan",
            "title": "Versi lama",
            "condition": "a",
            "criteria": "b",
            "cause": "c",
            "effect": "d",
            "version": setup.finding.version,
        },
    )
    assert stale.status_code == 400
    assert "telah diubah oleh pengguna lain" in stale.content.decode()


def test_team_extends_a_recommendation_through_the_page(setup, world, login):
    client = login("inspektur")
    detail = client.get(reverse("oversight:recommendation-detail", args=[setup.recommendation.pk]))
    edit_url = reverse("oversight:recommendation-edit", args=[setup.recommendation.pk])
    assert edit_url in detail.content.decode()
    later = TODAY + dt.timedelta(days=75)
    response = client.post(
        edit_url,
        {
            "text": setup.recommendation.text,
            "owner": world.atasan.pk,
            "due_date": later.isoformat(),
            "version": setup.recommendation.version,
        },
    )
    assert response.status_code == 302
    assert Recommendation.objects.get(pk=setup.recommendation.pk).due_date == later
    owner_view = login("atasan").get(
        reverse("oversight:recommendation-detail", args=[setup.recommendation.pk])
    )
    assert edit_url not in owner_view.content.decode()
