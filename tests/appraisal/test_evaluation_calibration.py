"""The unit's evaluation (SE MenPANRB 3/2023) through the calibration page and the API: who sets
the organisation predicate, the distribution breach blocking finalisation until confirmed,
calibration adjustments, and finalisation."""

from __future__ import annotations

from django.urls import reverse

from kinerja.appraisal.models import CalibrationAdjustment, Evaluation, UnitAssessment
from kinerja.core.models import AuditEntry, Notification
from tests.appraisal.evaluation_fixtures import (
    ATAS,
    BAWAH,
    SESUAI,
    annual_evaluations,
    fresh,
    rated_unit,
    set_predicate,
    team_plans,
)

__all__ = ["annual_evaluations", "rated_unit", "team_plans"]


def _page(client, world, period, sub=0):
    url = reverse("appraisal:calibration", kwargs={"unit_pk": world.kelurahan.pk})
    return client.get(url, {"period": period.pk, "sub": sub})


def _set(client, world, period, predicate, basis="Capaian rencana aksi kelurahan."):
    return client.post(
        reverse("appraisal:calibration-predicate", kwargs={"unit_pk": world.kelurahan.pk}),
        {"period": period.pk, "subperiod": 0, "organisation_predicate": predicate, "basis": basis},
        follow=True,
    )


def test_only_the_head_above_sets_the_organisation_predicate(
    world, login, period, rated_unit, unscoped
):
    for persona in ("atasan", "pegawai", "inspektur"):
        response = login(persona).post(
            reverse("appraisal:calibration-predicate", kwargs={"unit_pk": world.kelurahan.pk}),
            {"period": period.pk, "subperiod": 0, "organisation_predicate": "Baik", "basis": "x"},
        )
        assert response.status_code in (403, 404), persona
    assert not UnitAssessment.objects.exists()

    response = _set(login("kepala"), world, period, "Istimewa")

    assessment = UnitAssessment.objects.get()
    assert response.status_code == 200
    assert (assessment.organisation_predicate, assessment.kind, assessment.subperiod) == (
        "Istimewa",
        "tahunan",
        0,
    )
    assert assessment.set_by == world.users["kepala"]
    assert AuditEntry.objects.filter(action="appraisal.unit.predicate_set").count() == 1


def test_agency_admin_sets_the_predicate_of_a_top_level_unit_not_the_head(
    world, login, period, unscoped
):
    url = reverse("appraisal:calibration-predicate", kwargs={"unit_pk": world.kecamatan.pk})
    data = {"period": period.pk, "subperiod": 0, "organisation_predicate": "Baik", "basis": "PK"}

    refused = login("kepala").post(url, data)
    accepted = login("admin_bkpsdm").post(url, data)

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert UnitAssessment.objects.get().unit == world.kecamatan


def test_distribution_breach_blocks_finalisation_until_confirmed_with_a_reason(
    world, login, period, rated_unit, unscoped
):
    client = login("kepala")
    _set(client, world, period, "Baik")  # Sangat Baik + Baik: nobody under Baik → breach
    assessment = UnitAssessment.objects.get()

    page = _page(client, world, period).content.decode()
    assert "Sebaran predikat menyimpang dari pola distribusi" in page
    assert (
        "Butuh Perbaikan dan/atau Kurang/Misconduct 0 dari 2 pegawai (0,0%), padahal harus ada "
        "paling sedikit satu"
    ) in page
    assert 'id="distribution-chart"' in page
    assert "1 (50,0%)" in page

    blocked = client.post(
        reverse("appraisal:calibration-finalise", args=[assessment.pk]),
        {"version": assessment.version},
        follow=True,
    )
    assert "Konfirmasi penyimpangan dengan alasan tertulis" in blocked.content.decode()
    assert fresh(assessment).finalised_at is None
    assert set(Evaluation.objects.values_list("status", flat=True)) == {"rated"}

    no_reason = client.post(
        reverse("appraisal:calibration-confirm", args=[assessment.pk]),
        {"version": assessment.version, "reason": " "},
        follow=True,
    )
    assert fresh(assessment).breach_confirmed_at is None
    assert no_reason.status_code == 200

    client.post(
        reverse("appraisal:calibration-confirm", args=[assessment.pk]),
        {"version": assessment.version, "reason": "Unit kecil: dua pegawai berkinerja baik."},
    )
    assessment = fresh(assessment)
    assert assessment.breach_reason == "Unit kecil: dua pegawai berkinerja baik."
    assert assessment.breach_confirmed_by == world.users["kepala"]
    entry = AuditEntry.objects.get(action="appraisal.unit.breach_confirmed")
    assert "padahal harus ada paling sedikit satu" in entry.note

    client.post(
        reverse("appraisal:calibration-finalise", args=[assessment.pk]),
        {"version": assessment.version},
    )

    assessment = fresh(assessment)
    assert assessment.finalised_by == world.users["kepala"]
    assert set(Evaluation.objects.values_list("status", flat=True)) == {"final"}
    assert Notification.objects.filter(code="appraisal.evaluation.finalised").count() == 2


def test_finalisation_lists_who_is_not_rated_yet(
    world, login, period, annual_evaluations, unscoped
):
    from tests.appraisal.evaluation_fixtures import rate

    rate(world, annual_evaluations["pegawai"], SESUAI, SESUAI)
    assessment = set_predicate(world, period, "Istimewa")

    response = login("kepala").post(
        reverse("appraisal:calibration-finalise", args=[assessment.pk]),
        {"version": assessment.version},
        follow=True,
    )

    assert "Belum semua pegawai dinilai: Dewi Lestari (belum dinilai)." in (
        response.content.decode()
    )
    assert fresh(assessment).finalised_at is None


def test_calibration_adjustment_is_recorded_and_the_predicate_recomputed(
    world, login, period, rated_unit, unscoped
):
    client = login("kepala")
    _set(client, world, period, "Baik")
    evaluation = rated_unit["pegawai"]  # Di Atas / Di Atas → Sangat Baik
    url = reverse("appraisal:calibration-adjust", args=[evaluation.pk])
    prefix = f"e{evaluation.pk}"

    refused = login("atasan").post(
        url,
        {
            f"{prefix}-version": evaluation.version,
            f"{prefix}-field": "behaviour_rating",
            f"{prefix}-value": BAWAH,
            f"{prefix}-reason": "x",
        },
    )
    assert refused.status_code == 403

    client = login("kepala")
    client.post(
        url,
        {
            f"{prefix}-version": evaluation.version,
            f"{prefix}-field": "results_rating",
            f"{prefix}-value": BAWAH,
            f"{prefix}-reason": "Dua laporan utama terlambat diserahkan.",
        },
    )

    evaluation = fresh(evaluation)
    assert (evaluation.results_rating, evaluation.predicate) == (BAWAH, "Butuh Perbaikan")
    adjustment = CalibrationAdjustment.objects.get()
    assert (adjustment.field, adjustment.old_value, adjustment.new_value) == (
        "results_rating",
        ATAS,
        BAWAH,
    )
    assert adjustment.reason == "Dua laporan utama terlambat diserahkan."
    assert AuditEntry.objects.get(action="appraisal.evaluation.calibrated").changes[
        "predicate"
    ] == ["Sangat Baik", "Butuh Perbaikan"]
    page = _page(client, world, period).content.decode()
    assert "Dua laporan utama terlambat diserahkan." in page
    assert "Sebaran predikat 2 pegawai sesuai pola distribusi." in page


def test_calibration_page_shows_every_employee_with_ratings_and_suggestion(
    world, login, period, rated_unit, unscoped
):
    set_predicate(world, period, "Istimewa")

    page = _page(login("kepala"), world, period).content.decode()

    assert "Budi Santoso" in page
    assert "Dewi Lestari" in page
    assert page.count(">Sangat Baik<") >= 1
    assert 'id="distribution-table"' in page
    assert "maks. 70%" in page
    assert 'id="predicate-form"' in page


def test_api_sets_confirms_and_finalises_with_reasons(world, login, period, rated_unit, unscoped):
    client = login("kepala")
    created = client.post(
        reverse("api-unit-assessment-set"),
        {
            "unit": world.kelurahan.pk,
            "period": period.pk,
            "subperiod": 0,
            "organisation_predicate": "Baik",
            "basis": "PK kelurahan",
        },
        content_type="application/json",
    )
    assert created.status_code == 200
    body = created.json()
    assert body["distribution"]["passes"] is False
    assert body["distribution"]["counts"] == {
        "Sangat Baik": 1,
        "Baik": 1,
        "Butuh Perbaikan": 0,
        "Kurang/Misconduct": 0,
        "Sangat Kurang": 0,
    }
    finalise = reverse("api-unit-assessment-finalise", args=[body["id"]])

    blocked = client.post(finalise, {"version": body["version"]}, content_type="application/json")
    assert blocked.status_code == 400
    assert "Konfirmasi penyimpangan" in blocked.json()["non_field_errors"][0]

    confirmed = client.post(
        reverse("api-unit-assessment-confirm", args=[body["id"]]),
        {"version": body["version"], "reason": "Unit kecil."},
        content_type="application/json",
    )
    assert confirmed.status_code == 200
    done = client.post(
        finalise, {"version": confirmed.json()["version"]}, content_type="application/json"
    )
    assert done.status_code == 200
    assert done.json()["finalised_at"] is not None

    other = login("admin_agensi_lain").get(reverse("api-unit-assessment-detail", args=[body["id"]]))
    assert other.status_code == 404
