"""Rating an evaluation through the pages and the API: who may rate, the predicate matrix,
the suggestion beside the decision, concurrency and the rater's list."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.appraisal.models import Evaluation, EvaluationStatus
from kinerja.appraisal.services import execution
from kinerja.core.models import AuditEntry, Notification
from tests.appraisal.evaluation_fixtures import (
    ATAS,
    BAWAH,
    SESUAI,
    annual_evaluations,
    fresh,
    open_evaluation,
    rate,
    team_plans,
)

__all__ = ["annual_evaluations", "team_plans"]


def _post_rating(client, evaluation, results, behaviour, version=None):
    return client.post(
        reverse("appraisal:evaluation-rate", kwargs={"pk": evaluation.pk}),
        {
            "version": evaluation.version if version is None else version,
            "results_rating": results,
            "behaviour_rating": behaviour,
            "results_note": "Target surat terpenuhi.",
            "behaviour_note": "",
        },
        follow=True,
    )


def test_rater_opens_an_evaluation_from_the_list_page(world, login, team_plans, unscoped):
    client = login("atasan")
    page = client.get(reverse("appraisal:evaluation-list"))
    assert page.status_code == 200
    assert "Budi Santoso" in page.content.decode()

    response = client.post(
        reverse("appraisal:evaluation-open"),
        {"plan": team_plans["pegawai"].pk, "subperiod": 2},
    )

    evaluation = Evaluation.objects.get(employee=world.pegawai)
    assert response.status_code == 302
    assert response["Location"] == reverse("appraisal:evaluation-detail", args=[evaluation.pk])
    assert (evaluation.kind, evaluation.subperiod, evaluation.status) == ("periodik", 2, "draft")
    assert evaluation.rater == world.atasan
    assert evaluation.unit == world.kelurahan


def test_employee_cannot_open_or_rate_their_own_evaluation(
    world, login, annual_evaluations, unscoped
):
    evaluation = annual_evaluations["pegawai"]
    client = login("pegawai")

    opened = client.post(
        reverse("appraisal:evaluation-open"),
        {"plan": evaluation.plan_id, "subperiod": 1},
    )
    rated = _post_rating(client, evaluation, ATAS, ATAS)

    assert opened.status_code == 403
    assert rated.status_code == 403
    evaluation = fresh(evaluation)
    assert (evaluation.status, evaluation.predicate) == ("draft", "")
    assert Evaluation.objects.filter(employee=world.pegawai).count() == 1


def test_the_rater_named_on_their_own_evaluation_still_cannot_rate_it(
    world, login, annual_evaluations, unscoped
):
    evaluation = annual_evaluations["pegawai"]
    Evaluation.objects.filter(pk=evaluation.pk).update(rater=world.pegawai)

    response = _post_rating(login("pegawai"), fresh(evaluation), ATAS, ATAS)

    assert response.status_code == 403
    assert fresh(evaluation).status == "draft"


def test_another_units_supervisor_gets_404(world, login, annual_evaluations, unscoped):
    from kinerja.core.models import Role
    from kinerja.org.models import UnitKind
    from tests import factories
    from tests.conftest import _account

    other_unit = factories.make_unit(world.agency, "Kelurahan Talang Putri", UnitKind.KELURAHAN)
    lurah = factories.make_employee(other_unit, "Joko Widodo")
    factories.make_employee(other_unit, "Staf Talang", supervisor=lurah)
    user = _account(lurah)
    assert Role.HEAD not in {g.role for g in user.role_grants.all()}
    evaluation = annual_evaluations["pegawai"]
    client = login("pegawai")
    client.force_login(user, backend="kinerja.core.auth.NipOrUsernameBackend")

    detail = client.get(reverse("appraisal:evaluation-detail", args=[evaluation.pk]))
    rated = client.post(
        reverse("appraisal:evaluation-rate", args=[evaluation.pk]),
        {"version": evaluation.version, "results_rating": ATAS, "behaviour_rating": ATAS},
    )
    api = client.get(reverse("api-evaluation-detail", args=[evaluation.pk]))

    assert (detail.status_code, rated.status_code, api.status_code) == (404, 404, 404)
    assert fresh(evaluation).status == "draft"


MATRIX = [
    (ATAS, BAWAH, "Kurang/Misconduct"),
    (ATAS, SESUAI, "Baik"),
    (ATAS, ATAS, "Sangat Baik"),
    (SESUAI, BAWAH, "Kurang/Misconduct"),
    (SESUAI, SESUAI, "Baik"),
    (SESUAI, ATAS, "Baik"),
    (BAWAH, BAWAH, "Sangat Kurang"),
    (BAWAH, SESUAI, "Butuh Perbaikan"),
    (BAWAH, ATAS, "Butuh Perbaikan"),
]


@pytest.mark.parametrize(("results", "behaviour", "expected"), MATRIX)
def test_rater_rates_through_the_page_and_the_predicate_follows_the_matrix(
    world, login, annual_evaluations, unscoped, results, behaviour, expected
):
    evaluation = annual_evaluations["pegawai"]

    response = _post_rating(login("atasan"), evaluation, results, behaviour)

    assert response.status_code == 200
    evaluation = fresh(evaluation)
    assert (evaluation.results_rating, evaluation.behaviour_rating) == (results, behaviour)
    assert evaluation.predicate == expected
    assert evaluation.status == EvaluationStatus.RATED
    assert evaluation.rated_by == world.users["atasan"]
    assert evaluation.snapshot["employee"]["name"] == "Budi Santoso"
    assert evaluation.snapshot["rater"]["position"] == "Lurah Plaju Ulu"
    assert expected in response.content.decode()
    entry = AuditEntry.objects.get(action="appraisal.evaluation.rated")
    assert entry.changes["predicate"] == ["", expected]


def test_suggestion_is_stored_and_shown_beside_the_decision(world, login, team_plans, unscoped):
    plan = team_plans["pegawai"]
    indicator = plan.results.get().indicators.get()
    execution.record_realisation(
        plan,
        actor=world.users["pegawai"],
        indicator=indicator,
        subperiod=1,
        value=Decimal(5),
    )
    evaluation = open_evaluation(world, plan, subperiod=1)
    client = login("atasan")

    before = client.get(reverse("appraisal:evaluation-detail", args=[evaluation.pk]))
    page = before.content.decode()
    assert "Saran sistem: rating hasil kerja" in page
    # quarter target 12 / 4 = 3; realisation 5 → 166,67% → above expectation
    assert "166.67%" in page or "166,67%" in page
    assert "1 dari 1 indikator (100,0%) di atas ekspektasi" in page

    _post_rating(client, evaluation, SESUAI, SESUAI)

    evaluation = fresh(evaluation)
    assert evaluation.suggested_results_rating == ATAS
    assert evaluation.results_rating == SESUAI  # the rater's decision stands
    assert evaluation.suggestion_reasons[0] == (
        "1 dari 1 indikator (100,0%) di atas ekspektasi (capaian > 110%)"
    )


def test_concurrent_ratings_are_detected_on_the_page_and_in_the_api(
    world, login, annual_evaluations, unscoped
):
    evaluation = annual_evaluations["pegawai"]
    read_version = evaluation.version
    client = login("atasan")
    _post_rating(client, evaluation, ATAS, ATAS, version=read_version)

    stale_page = _post_rating(client, evaluation, BAWAH, BAWAH, version=read_version)
    stale_api = client.post(
        reverse("api-evaluation-rate", args=[evaluation.pk]),
        {"version": read_version, "results_rating": BAWAH, "behaviour_rating": BAWAH},
        content_type="application/json",
    )

    assert "telah diubah oleh pengguna lain" in stale_page.content.decode()
    assert stale_api.status_code == 409
    assert stale_api.json()["code"] == "stale"
    assert fresh(evaluation).predicate == "Sangat Baik"


def test_employee_is_notified_when_rated_and_sees_the_evaluation(
    world, login, annual_evaluations, unscoped
):
    evaluation = rate(world, annual_evaluations["pegawai"], SESUAI, ATAS)

    notification = Notification.objects.get(
        recipient=world.users["pegawai"], code="appraisal.evaluation.rated"
    )
    assert notification.text == ("Evaluasi tahunan Tahun 2026 Anda telah dinilai: predikat Baik.")
    page = login("pegawai").get(reverse("appraisal:evaluation-detail", args=[evaluation.pk]))
    assert page.status_code == 200
    assert 'id="rate-form"' not in page.content.decode()


def test_head_above_is_notified_when_every_evaluation_of_the_unit_is_rated(
    world, annual_evaluations, unscoped
):
    rate(world, annual_evaluations["pegawai"], SESUAI, SESUAI)
    assert not Notification.objects.filter(code="appraisal.unit.all_rated").exists()

    rate(world, annual_evaluations["rekan"], SESUAI, SESUAI)

    notification = Notification.objects.get(code="appraisal.unit.all_rated")
    assert notification.recipient == world.users["kepala"]
    assert "Kelurahan Plaju Ulu" in notification.text


def test_rater_list_filters_exports_and_pages_in_few_queries(
    world, login, annual_evaluations, unscoped, django_assert_max_num_queries
):
    rate(world, annual_evaluations["pegawai"], SESUAI, SESUAI)
    client = login("atasan")
    url = reverse("appraisal:evaluation-list")

    with django_assert_max_num_queries(20):
        page = client.get(url, {"status": "rated"})
    rated = client.get(url, {"status": "rated"}).content.decode()
    searched = client.get(url, {"q": "Dewi"}).content.decode()
    export = client.get(url, {"format": "xlsx"})

    assert page.status_code == 200
    assert "Budi Santoso" in rated
    assert "Dewi Lestari" not in rated.split('id="results"')[1]
    assert "Dewi Lestari" in searched.split('id="results"')[1]
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_api_lists_and_rates_with_reasons(world, login, annual_evaluations, unscoped):
    client = login("atasan")
    evaluation = annual_evaluations["rekan"]

    listing = client.get(reverse("api-evaluation-list"), {"kind": "tahunan"})
    bad = client.post(
        reverse("api-evaluation-rate", args=[evaluation.pk]),
        {"version": evaluation.version, "results_rating": "Luar Biasa", "behaviour_rating": ATAS},
        content_type="application/json",
    )
    good = client.post(
        reverse("api-evaluation-rate", args=[evaluation.pk]),
        {"version": evaluation.version, "results_rating": BAWAH, "behaviour_rating": SESUAI},
        content_type="application/json",
    )

    assert listing.status_code == 200
    assert sorted(row["employee_name"] for row in listing.json()["results"]) == [
        "Budi Santoso",
        "Dewi Lestari",
    ]
    assert bad.status_code == 400
    assert "results_rating" in bad.json()
    assert good.status_code == 200
    assert good.json()["predicate"] == "Butuh Perbaikan"
