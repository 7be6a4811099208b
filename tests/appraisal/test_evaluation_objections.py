"""Objections (keberatan): filed by the employee within the deadline, decided by the rater's
superior only, outcome visible to the employee, notifications both ways."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from kinerja.appraisal.models import Evaluation, Objection, ObjectionStatus
from kinerja.core.models import AuditEntry, Notification
from tests.appraisal.evaluation_fixtures import (
    ATAS,
    SESUAI,
    annual_evaluations,
    final_unit,
    fresh,
    rated_unit,
    team_plans,
)

__all__ = ["annual_evaluations", "final_unit", "rated_unit", "team_plans"]


def _file(client, evaluation, **extra):
    data = {"reason": "Target surat terlampaui, rating hasil kerja terlalu rendah.", **extra}
    return client.post(reverse("appraisal:objection-file", args=[evaluation.pk]), data, follow=True)


def test_employee_files_an_objection_within_the_deadline_and_the_superior_is_told(
    world, login, final_unit, rated_unit, unscoped
):
    evaluation = fresh(rated_unit["rekan"])  # Sesuai / Sesuai → Baik
    client = login("rekan")
    page = client.get(reverse("appraisal:evaluation-detail", args=[evaluation.pk]))
    assert 'id="objection-form"' in page.content.decode()

    _file(client, evaluation, requested_results_rating=ATAS, requested_behaviour_rating=ATAS)

    objection = Objection.objects.get()
    assert objection.decider == world.kepala  # the rater's (atasan's) superior
    assert objection.filed_by == world.users["rekan"]
    assert objection.decide_by == timezone.localdate() + dt.timedelta(days=7)
    assert objection.requested_results_rating == ATAS
    note = Notification.objects.get(code="appraisal.objection.filed")
    assert note.recipient == world.users["kepala"]
    assert note.text.startswith("Dewi Lestari mengajukan keberatan atas evaluasi tahunan")
    assert AuditEntry.objects.filter(action="appraisal.objection.filed").count() == 1
    listing = client.get(reverse("appraisal:objection-list")).content.decode()
    assert "Keberatan saya" in listing


def test_late_objection_is_refused_with_the_deadline(
    world, login, final_unit, rated_unit, unscoped
):
    evaluation = rated_unit["rekan"]
    finalised = timezone.now() - dt.timedelta(days=15)
    Evaluation.objects.filter(pk=evaluation.pk).update(finalised_at=finalised)
    deadline = timezone.localdate(finalised) + dt.timedelta(days=14)

    response = login("rekan").post(
        reverse("api-objection-file", args=[evaluation.pk]),
        {"reason": "Terlambat"},
        content_type="application/json",
    )

    assert response.status_code == 400
    message = response.json()["non_field_errors"][0]
    assert message.startswith("Batas pengajuan keberatan sudah lewat: paling lambat ")
    assert str(deadline.year) in message
    assert "(14 hari sejak evaluasi ditetapkan)" in message
    assert not Objection.objects.exists()


def test_objection_before_finalisation_and_by_someone_else_is_refused(
    world, login, rated_unit, unscoped
):
    evaluation = rated_unit["rekan"]

    not_final = login("rekan").post(
        reverse("api-objection-file", args=[evaluation.pk]),
        {"reason": "Belum final"},
        content_type="application/json",
    )
    someone_else = login("atasan").post(
        reverse("api-objection-file", args=[evaluation.pk]),
        {"reason": "Atas nama pegawai"},
        content_type="application/json",
    )

    assert not_final.status_code == 400
    assert someone_else.status_code == 403
    assert not Objection.objects.exists()


def test_only_the_superior_decides_and_acceptance_changes_the_predicate(
    world, login, final_unit, rated_unit, unscoped
):
    evaluation = fresh(rated_unit["rekan"])
    _file(
        login("rekan"), evaluation, requested_results_rating=ATAS, requested_behaviour_rating=ATAS
    )
    objection = Objection.objects.get()
    url = reverse("appraisal:objection-decide", args=[objection.pk])
    data = {
        "version": objection.version,
        "outcome": ObjectionStatus.ACCEPTED,
        "results_rating": ATAS,
        "behaviour_rating": ATAS,
        "decision": "Bukti realisasi menunjukkan target terlampaui.",
    }
    for persona in ("atasan", "rekan", "admin_bkpsdm"):
        assert login(persona).post(url, data).status_code == 403, persona
    assert fresh(objection).status == ObjectionStatus.PENDING
    assert login("pegawai").post(url, data).status_code == 404

    login("kepala").post(url, data)

    objection = fresh(objection)
    evaluation = fresh(evaluation)
    assert objection.status == ObjectionStatus.ACCEPTED
    assert (objection.old_predicate, objection.new_predicate) == ("Baik", "Sangat Baik")
    assert (evaluation.results_rating, evaluation.predicate) == (ATAS, "Sangat Baik")
    assert evaluation.status == "final"
    note = Notification.objects.get(code="appraisal.objection.decided")
    assert note.recipient == world.users["rekan"]
    assert "diterima" in note.text
    page = login("rekan").get(reverse("appraisal:objection-detail", args=[objection.pk]))
    assert "Bukti realisasi menunjukkan target terlampaui." in page.content.decode()
    assert "Baik → Sangat Baik" in page.content.decode()


def test_rejection_needs_a_written_decision_and_keeps_the_ratings(
    world, login, final_unit, rated_unit, unscoped
):
    evaluation = fresh(rated_unit["rekan"])
    _file(login("rekan"), evaluation)
    objection = Objection.objects.get()
    client = login("kepala")
    url = reverse("api-objection-decide", args=[objection.pk])

    empty = client.post(
        url,
        {"version": objection.version, "outcome": "ditolak", "decision": ""},
        content_type="application/json",
    )
    rejected = client.post(
        url,
        {"version": objection.version, "outcome": "ditolak", "decision": "Rating sudah sesuai."},
        content_type="application/json",
    )

    assert empty.status_code == 400
    assert rejected.status_code == 200
    assert rejected.json()["status"] == "ditolak"
    assert (rejected.json()["old_predicate"], rejected.json()["new_predicate"]) == ("Baik", "Baik")
    assert fresh(evaluation).results_rating == SESUAI


def test_without_a_superior_the_agency_admin_decides(
    world, login, final_unit, rated_unit, unscoped
):
    from kinerja.org.models import Employee

    Employee.objects.filter(pk=world.atasan.pk).update(supervisor=None)
    _file(login("pegawai"), fresh(rated_unit["pegawai"]))
    objection = Objection.objects.get()
    assert objection.decider is None
    assert (
        Notification.objects.get(code="appraisal.objection.filed").recipient
        == (world.users["admin_bkpsdm"])
    )

    listing = login("admin_bkpsdm").get(reverse("appraisal:objection-list")).content.decode()
    response = login("admin_bkpsdm").post(
        reverse("appraisal:objection-decide", args=[objection.pk]),
        {"version": objection.version, "outcome": "ditolak", "decision": "Sudah sesuai."},
    )

    assert "Menunggu keputusan Anda" in listing
    assert response.status_code == 302
    assert fresh(objection).status == ObjectionStatus.REJECTED
