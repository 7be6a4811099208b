"""The 360° result beside the behaviour rating on the evaluation page (a template tag of the
behaviour app; appraisal never imports it): advisory, for those who may see the report, and the
page works the same when there is no round."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.appraisal.services import evaluation as appraisal
from kinerja.planning import services as planning
from tests.behaviour.conftest import table_rows
from tests.planning.conftest import fill_plan


@pytest.fixture
def evaluation(world, period, unscoped):
    plan = planning.start_plan(world.pegawai, actor=None, period=period)
    fill_plan(world, plan, "Surat pengantar terlayani")
    plan = planning.submit_plan(plan, actor=world.users["pegawai"], expected_version=None)
    plan = planning.approve_plan(plan, actor=world.users["atasan"], expected_version=None)
    return appraisal.open_evaluation(plan, actor=world.users["atasan"], subperiod=0)


def page(login, persona: str, evaluation) -> str:
    response = login(persona).get(
        reverse("appraisal:evaluation-detail", kwargs={"pk": evaluation.pk})
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_rater_sees_the_result_above_the_rating_form(world, closed_example, evaluation, login):
    body = page(login, "atasan", evaluation)

    block = body[body.index('id="feedback-360"') : body.index("</aside>")]
    assert "Umpan balik 360° (masukan, bukan penentu rating)" in block
    assert "Rating perilaku kerja tetap keputusan pejabat penilai." in block
    rows = table_rows(block, "feedback-360-table")
    assert rows[0] == ["Nilai dasar", "Penilai lain n=4", "Diri sendiri", "Selisih"]
    assert rows[2] == ["2. Akuntabel", "3,83", "5,00", "+1,17"]
    assert rows[7] == ["7. Kolaboratif", "3,25", "5,00", "+1,75"]
    assert "Atasan langsung 1 · Rekan kerja 3 · Diri sendiri 1" in block
    assert 'id="feedback-360-chart"' in block
    assert body.index('id="feedback-360"') < body.index('id="rate-form"')
    report = reverse(
        "behaviour:report",
        kwargs={"round_pk": closed_example.pk, "employee_pk": world.pegawai.pk},
    )
    assert report in block


def test_the_employee_sees_it_on_their_own_evaluation(world, closed_example, evaluation, login):
    assert 'id="feedback-360"' in page(login, "pegawai", evaluation)


@pytest.mark.parametrize("persona", ["inspektur", "pemantau"])
def test_readers_without_the_report_permission_see_no_block(
    world, closed_example, evaluation, auditing, login, persona
):
    """`inspektur` reads the evaluation while auditing the kecamatan, never the 360° report."""
    body = page(login, persona, evaluation)

    assert 'id="feedback-360"' not in body
    assert "3,83" not in body


def test_without_a_round_the_page_is_unchanged(world, evaluation, login):
    body = page(login, "atasan", evaluation)

    assert 'id="feedback-360"' not in body
    assert 'id="rate-form"' in body


def test_while_the_round_runs_the_rater_is_told_results_come_later(
    world, open_round, evaluation, login
):
    body = page(login, "atasan", evaluation)

    block = body[body.index('id="feedback-360"') : body.index("</aside>")]
    assert "Putaran umpan balik 360° Umpan Balik 360° 2026 masih berjalan" in block
    assert "<table" not in block


def test_the_block_costs_a_fixed_number_of_queries(
    world, closed_example, evaluation, login, django_assert_max_num_queries
):
    client = login("atasan")
    url = reverse("appraisal:evaluation-detail", kwargs={"pk": evaluation.pk})
    with django_assert_max_num_queries(80) as counted:
        client.get(url)
    with_block = len(counted.captured_queries)

    from kinerja.behaviour.models import FeedbackRound

    FeedbackRound.objects.all().update(status="draft")
    with django_assert_max_num_queries(80) as without:
        client.get(url)

    assert with_block - len(without.captured_queries) <= 7
