"""A final evaluation is read-only through every page, endpoint and the Django admin; only an
agency admin reopens it, with a reason."""

from __future__ import annotations

from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from kinerja.appraisal.models import (
    CalibrationAdjustment,
    Evaluation,
    EvaluationStatus,
    UnitAssessment,
)
from kinerja.core.models import AuditEntry
from tests.appraisal.evaluation_fixtures import (
    BAWAH,
    annual_evaluations,
    final_unit,
    fresh,
    rated_unit,
    team_plans,
)

__all__ = ["annual_evaluations", "final_unit", "rated_unit", "team_plans"]

STATE_FIELDS = (
    "status",
    "results_rating",
    "behaviour_rating",
    "predicate",
    "version",
    "finalised_at",
)


def _state():
    return {
        "evaluations": list(Evaluation.objects.order_by("pk").values_list(*STATE_FIELDS)),
        "assessments": list(
            UnitAssessment.objects.values_list(
                "organisation_predicate", "basis", "breach_reason", "finalised_at", "version"
            )
        ),
        "adjustments": CalibrationAdjustment.objects.count(),
    }


def test_final_evaluation_cannot_be_changed_through_any_page_or_endpoint(
    world, login, period, final_unit, rated_unit, unscoped
):
    evaluation = fresh(rated_unit["pegawai"])
    assessment = fresh(final_unit)
    before = _state()
    rating = {"results_rating": BAWAH, "behaviour_rating": BAWAH}
    unit = {"version": assessment.version}
    adjust = {
        f"e{evaluation.pk}-version": evaluation.version,
        f"e{evaluation.pk}-field": "results_rating",
        f"e{evaluation.pk}-value": BAWAH,
        f"e{evaluation.pk}-reason": "Kalibrasi ulang",
    }
    attempts = [
        ("atasan", reverse("appraisal:evaluation-rate", args=[evaluation.pk]), rating, False),
        ("kepala", reverse("appraisal:calibration-adjust", args=[evaluation.pk]), adjust, False),
        (
            "kepala",
            reverse("appraisal:calibration-predicate", args=[world.kelurahan.pk]),
            {
                "version": assessment.version,
                "period": period.pk,
                "subperiod": 0,
                "organisation_predicate": "Kurang",
                "basis": "x",
            },
            False,
        ),
        ("kepala", reverse("appraisal:calibration-confirm", args=[assessment.pk]), unit, False),
        ("kepala", reverse("appraisal:calibration-finalise", args=[assessment.pk]), unit, False),
        ("atasan", reverse("api-evaluation-rate", args=[evaluation.pk]), rating, True),
        (
            "kepala",
            reverse("api-evaluation-adjust", args=[evaluation.pk]),
            {"field": "results_rating", "value": BAWAH, "reason": "x"},
            True,
        ),
        (
            "kepala",
            reverse("api-unit-assessment-set"),
            {
                "unit": world.kelurahan.pk,
                "period": period.pk,
                "subperiod": 0,
                "organisation_predicate": "Kurang",
                "basis": "x",
                "version": assessment.version,
            },
            True,
        ),
        ("kepala", reverse("api-unit-assessment-confirm", args=[assessment.pk]), unit, True),
        ("kepala", reverse("api-unit-assessment-finalise", args=[assessment.pk]), unit, True),
    ]
    for persona, url, data, is_api in attempts:
        client = login(persona)
        payload = {"version": evaluation.version, "reason": "Ubah", **data}
        if is_api:
            response = client.post(url, payload, content_type="application/json")
            assert response.status_code == 400, (url, response.content)
            assert "final" in response.content.decode(), url
        else:
            response = client.post(url, payload, follow=True)
            assert response.status_code == 200, url
            text = response.content.decode()
            assert "sudah final" in text or "sudah difinalkan" in text, url
        assert _state() == before, url

    page = login("atasan").get(reverse("appraisal:evaluation-detail", args=[evaluation.pk]))
    text = page.content.decode()
    assert 'id="rate-form"' not in text
    assert "sudah final sejak" in text
    calibration = (
        login("kepala")
        .get(
            reverse("appraisal:calibration", args=[world.kelurahan.pk]),
            {"period": period.pk, "sub": 0},
        )
        .content.decode()
    )
    assert 'id="predicate-form"' not in calibration
    assert "adjust-form" not in calibration
    assert "Finalkan predikat unit" not in calibration


def test_django_admin_refuses_to_change_or_delete_a_final_evaluation(
    world, final_unit, rated_unit, unscoped
):
    request = RequestFactory().get("/admin/")
    request.user = world.users["superuser"]
    evaluation_admin = site._registry[Evaluation]
    assessment_admin = site._registry[UnitAssessment]
    final = fresh(rated_unit["pegawai"])

    assert evaluation_admin.has_change_permission(request, final) is False
    assert evaluation_admin.has_delete_permission(request, final) is False
    assert assessment_admin.has_change_permission(request, fresh(final_unit)) is False
    assert evaluation_admin.has_change_permission(request, None) is True


def test_only_an_agency_admin_reopens_and_only_with_a_reason(
    world, login, final_unit, rated_unit, unscoped
):
    evaluation = fresh(rated_unit["pegawai"])
    url = reverse("appraisal:evaluation-reopen", args=[evaluation.pk])
    for persona in ("atasan", "kepala", "pegawai"):
        response = login(persona).post(url, {"version": evaluation.version, "reason": "Salah"})
        assert response.status_code == 403, persona
    api = login("kepala").post(
        reverse("api-evaluation-reopen", args=[evaluation.pk]),
        {"version": evaluation.version, "reason": "Salah"},
        content_type="application/json",
    )
    assert api.status_code == 403
    client = login("admin_bkpsdm")
    client.post(url, {"version": evaluation.version, "reason": " "})
    assert fresh(evaluation).status == EvaluationStatus.FINAL

    client.post(url, {"version": evaluation.version, "reason": "Salah input rating perilaku."})

    evaluation = fresh(evaluation)
    assert evaluation.status == EvaluationStatus.RATED
    assert evaluation.finalised_at is None
    assert fresh(final_unit).finalised_at is None
    entry = AuditEntry.objects.get(action="appraisal.evaluation.reopened")
    assert entry.note == "Salah input rating perilaku."
    assert entry.actor == world.users["admin_bkpsdm"]
    assert fresh(rated_unit["rekan"]).status == EvaluationStatus.FINAL
