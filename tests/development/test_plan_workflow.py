"""A development plan per employee: drafted, proposed, agreed by the direct supervisor (or
returned with a note), completion recorded with a certificate, the JP total updated."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.appraisal.predicate import Predicate
from kinerja.core.models import AuditEntry
from kinerja.development.models import (
    DevelopmentPlan,
    DevelopmentRecord,
    PlanItem,
    PlanStatus,
    Recommendation,
    RecommendationStatus,
)
from kinerja.development.selectors.people import jp_of
from kinerja.development.services.recommendations import refresh_recommendations
from tests.development import builders

YEAR = builders.YEAR
START = dt.date(YEAR, 3, 2)


@pytest.fixture
def setting(world, unscoped):
    komunikasi = builders.competency(world.agency)
    course = builders.training(world.agency, of=komunikasi)
    teacher = builders.trainer(world.rekan, komunikasi, at_level=5)
    return course, teacher


def _plan_with_item(world, setting):
    course, teacher = setting
    plan = builders.plan(world.pegawai)
    builders.item(plan, course, teacher=teacher, start=START)
    return plan


def test_the_employee_starts_fills_and_proposes_their_plan(world, setting, login):
    course, teacher = setting
    builders.final_evaluation(world.pegawai, Predicate.BUTUH_PERBAIKAN)
    refresh_recommendations(world.agency, actor=world.users["admin_bkpsdm"], year=YEAR)
    recommendation = Recommendation.objects.get(employee=world.pegawai)
    client = login("pegawai")

    created = client.post(
        reverse("development:plan-create", args=[world.pegawai.pk]), {"year": YEAR}
    )
    plan = DevelopmentPlan.objects.get(employee=world.pegawai, year=YEAR)
    assert created.url == reverse("development:plan-detail", args=[plan.pk])
    client.post(
        reverse("development:item-add", args=[plan.pk]),
        {
            "training": course.pk,
            "start_date": START,
            "end_date": START + dt.timedelta(days=2),
            "trainer": teacher.pk,
            "recommendation": recommendation.pk,
        },
    )
    item = PlanItem.objects.get(plan=plan)
    assert (item.trainer, item.jp, item.cost) == (teacher, 12, course.cost)
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.PLANNED

    client.post(reverse("development:plan-propose", args=[plan.pk]), {"version": 2})

    plan.refresh_from_db()
    assert plan.status == PlanStatus.PROPOSED
    assert AuditEntry.objects.filter(
        action="development.plan.proposed", object_id=str(plan.pk)
    ).exists()


def test_an_empty_plan_cannot_be_proposed(world, setting, login):
    plan = builders.plan(world.pegawai)

    response = login("pegawai").post(
        reverse("development:plan-propose", args=[plan.pk]), {"version": 1}, follow=True
    )

    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert "sekurang-kurangnya satu pelatihan" in response.content.decode()


def test_only_the_direct_supervisor_agrees(world, setting, login):
    plan = _plan_with_item(world, setting)
    plan.status = PlanStatus.PROPOSED
    plan.save()
    url = reverse("development:plan-agree", args=[plan.pk])

    for persona in ("pegawai", "kepala", "admin_bkpsdm"):
        assert login(persona).post(url, {"version": plan.version}).status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PROPOSED

    login("atasan").post(url, {"version": plan.version})

    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    assert plan.agreed_by == world.users["atasan"]


def test_the_supervisor_returns_a_plan_with_a_note(world, setting, login):
    plan = _plan_with_item(world, setting)
    plan.status = PlanStatus.PROPOSED
    plan.save()
    client = login("atasan")
    url = reverse("development:plan-return", args=[plan.pk])

    client.post(url, {"version": plan.version, "note": ""})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PROPOSED

    client.post(url, {"version": plan.version, "note": "Tambahkan pelatihan pengaduan."})
    plan.refresh_from_db()
    assert (plan.status, plan.return_note) == (PlanStatus.DRAFT, "Tambahkan pelatihan pengaduan.")
    page = login("pegawai").get(reverse("development:plan-detail", args=[plan.pk]))
    assert "Tambahkan pelatihan pengaduan." in page.content.decode()


def test_an_agreed_plan_is_read_only(world, setting, login):
    plan = _plan_with_item(world, setting)
    plan.status = PlanStatus.AGREED
    plan.save()
    item = PlanItem.objects.get(plan=plan)

    login("pegawai").post(reverse("development:item-remove", args=[item.pk]))

    assert PlanItem.objects.filter(pk=item.pk).exists()


def test_completion_with_a_certificate_updates_the_jp_and_finishes_the_plan(world, setting, login):
    plan = _plan_with_item(world, setting)
    plan.status = PlanStatus.AGREED
    plan.save()
    item = PlanItem.objects.get(plan=plan)
    assert jp_of(world.pegawai.pk, YEAR) == 0
    client = login("atasan")

    response = client.post(
        reverse("development:item-complete", args=[item.pk]),
        {
            "completed_on": START + dt.timedelta(days=2),
            "certificate": SimpleUploadedFile(
                "sertifikat budi.pdf", builders.PDF_BYTES, content_type="application/pdf"
            ),
        },
    )

    assert response.status_code == 302
    record = DevelopmentRecord.objects.get(plan_item=item)
    assert (record.jp, record.year, record.certificate_type) == (12, YEAR, "application/pdf")
    assert jp_of(world.pegawai.pk, YEAR) == 12
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DONE
    download = login("pegawai").get(reverse("development:certificate", args=[record.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="sertifikat budi.pdf"'
    assert b"".join(download.streaming_content) == builders.PDF_BYTES
    assert download["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert download["X-Content-Type-Options"] == "nosniff"
    record.certificate.storage.delete(record.certificate.name)  # lost from the storage
    missing = login("pegawai").get(reverse("development:certificate", args=[record.pk]))
    assert missing.status_code == 404


def test_a_certificate_that_is_not_a_pdf_or_image_is_refused(world, setting, login):
    plan = _plan_with_item(world, setting)
    plan.status = PlanStatus.AGREED
    plan.save()
    item = PlanItem.objects.get(plan=plan)

    response = login("atasan").post(
        reverse("development:item-complete", args=[item.pk]),
        {
            "completed_on": START,
            "certificate": SimpleUploadedFile("sertifikat.pdf", b"MZ\x90\x00 program"),
        },
    )

    assert response.status_code == 400
    assert not DevelopmentRecord.objects.exists()


def test_the_employee_cannot_record_their_own_completion(world, setting, login):
    plan = _plan_with_item(world, setting)
    plan.status = PlanStatus.AGREED
    plan.save()
    item = PlanItem.objects.get(plan=plan)

    response = login("pegawai").post(
        reverse("development:item-complete", args=[item.pk]), {"completed_on": START}
    )

    assert response.status_code == 403
    assert not DevelopmentRecord.objects.exists()


def test_completion_waits_for_the_agreement(world, setting, login):
    plan = _plan_with_item(world, setting)
    item = PlanItem.objects.get(plan=plan)

    response = login("atasan").post(
        reverse("development:item-complete", args=[item.pk]), {"completed_on": START}
    )

    assert response.status_code == 400
    assert "setelah rencana disetujui" in response.content.decode()


def test_a_second_plan_for_the_same_year_is_refused(world, setting, login):
    builders.plan(world.pegawai)

    login("pegawai").post(
        reverse("development:plan-create", args=[world.pegawai.pk]), {"year": YEAR}
    )

    assert DevelopmentPlan.objects.filter(employee=world.pegawai).count() == 1


def test_the_supervisor_records_other_learning(world, setting, login):
    response = login("atasan").post(
        reverse("development:record-create", args=[world.pegawai.pk]),
        {"title": "Webinar Pelayanan Prima", "jp": 4, "completed_on": dt.date(YEAR, 2, 1)},
    )

    assert response.status_code == 302
    assert jp_of(world.pegawai.pk, YEAR) == 4


def test_the_plan_list_is_scoped_exported_and_query_bounded(
    world, setting, login, django_assert_max_num_queries
):
    _plan_with_item(world, setting)
    builders.plan(world.rekan)
    builders.plan(world.kepala)
    client = login("atasan")

    with django_assert_max_num_queries(12):
        response = client.get(reverse("development:plan-list"))

    assert sorted(p.employee.name for p in response.context["page"].object_list) == [
        "Budi Santoso",
        "Dewi Lestari",
    ]
    pdf = client.get(reverse("development:plan-list"), {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")


def test_the_whole_workflow_through_the_api(world, setting, login, client):
    course, teacher = setting
    employee = login("pegawai")
    plan = employee.post(
        reverse("api-development-plan-list"),
        {"employee": world.pegawai.pk, "year": YEAR},
        content_type="application/json",
    ).json()
    added = employee.post(
        reverse("api-development-plan-items", args=[plan["id"]]),
        {
            "training": course.pk,
            "start_date": START.isoformat(),
            "end_date": START.isoformat(),
            "trainer": teacher.pk,
        },
        content_type="application/json",
    )
    assert added.status_code == 201
    stale = employee.post(
        reverse("api-development-plan-propose", args=[plan["id"]]),
        {"version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409
    proposed = employee.post(
        reverse("api-development-plan-propose", args=[plan["id"]]),
        {"version": 2},
        content_type="application/json",
    )
    assert proposed.json()["status"] == "diajukan"

    supervisor = login("atasan")
    agreed = supervisor.post(
        reverse("api-development-plan-agree", args=[plan["id"]]),
        {"version": 3},
        content_type="application/json",
    )
    assert agreed.json()["status"] == "disetujui"
    done = supervisor.post(
        reverse("api-development-item-complete", args=[added.json()["id"]]),
        {"completed_on": START.isoformat()},
    )
    assert done.status_code == 201

    summary = supervisor.get(reverse("api-development-employee", args=[world.pegawai.pk]))
    assert (summary.json()["jp_total"], summary.json()["jp_shortfall"]) == (12, 8)
    assert summary.json()["plan"]["status"] == "selesai"


def test_the_api_refuses_another_agencys_plan(world, setting, login):
    foreign = builders.plan(world.pegawai_lain)

    response = login("admin_bkpsdm").get(reverse("api-development-plan-detail", args=[foreign.pk]))

    assert response.status_code == 404


def test_an_agreed_plan_offers_no_new_training(world, setting, login):
    plan = _plan_with_item(world, setting)
    plan.status = PlanStatus.AGREED
    plan.save()

    response = login("pegawai").get(reverse("development:item-add", args=[plan.pk]))

    assert response.status_code == 302
    assert response.url == reverse("development:plan-detail", args=[plan.pk])
    page = login("pegawai").get(reverse("development:plan-detail", args=[plan.pk]))
    assert "Tambah pelatihan" not in page.content.decode()
