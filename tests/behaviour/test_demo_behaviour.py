"""The demo 360° rounds (`manage.py load_demo`): a closed round at Kecamatan Siulak (Kerinci,
seed 004's "sistem 360 derajat") whose reports show every group, and an open round at Kecamatan
Plaju (Palembang) where palembang.pegawai still has everything to answer."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.appraisal.models import Evaluation
from kinerja.behaviour.demo import load_demo_behaviour
from kinerja.behaviour.models import Answer, Assignment, AssignmentStatus, FeedbackRound
from kinerja.core.models import Agency, User
from tests.planning.demo_fixtures import demo, demo_media, demo_output  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("demo")


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="kinerja.core.auth.NipOrUsernameBackend"
    )
    return client


def test_siulak_has_a_closed_round_and_plaju_an_open_one():
    rounds = {r.agency.code: r for r in FeedbackRound.objects.select_related("agency")}

    assert set(rounds) == {"kerinci", "palembang"}
    assert rounds["kerinci"].status == "closed"
    assert rounds["kerinci"].name.endswith("Kecamatan Siulak")
    assert rounds["palembang"].status == "open"
    answers = Answer.objects.filter(round=rounds["kerinci"])
    sent = Assignment.objects.filter(round=rounds["kerinci"], status=AssignmentStatus.SUBMITTED)
    assert answers.count() == sent.count()
    assert sent.count() >= 0.8 * Assignment.objects.filter(round=rounds["kerinci"]).count()
    assert answers.filter(counted=True).exists()


def test_the_kerinci_employee_opens_a_report_with_every_group():
    pegawai = User.objects.get(username="kerinci.pegawai").employee
    feedback_round = FeedbackRound.objects.get(agency__code="kerinci")

    body = (
        signed_in("kerinci.pegawai")
        .get(
            reverse(
                "behaviour:report",
                kwargs={"round_pk": feedback_round.pk, "employee_pk": pegawai.pk},
            )
        )
        .content.decode()
    )

    assert "Hasil umpan balik 360° saya" in body
    assert body.count('class="radar-series"') == 3
    assert "Rekan kerja <span" in body
    assert "Atasan langsung <span" in body


def test_the_kerinci_supervisor_sees_it_on_the_evaluation():
    pegawai = User.objects.get(username="kerinci.pegawai").employee
    evaluation = Evaluation.objects.filter(employee=pegawai).order_by("subperiod").first()

    body = (
        signed_in("kerinci.atasan")
        .get(reverse("appraisal:evaluation-detail", kwargs={"pk": evaluation.pk}))
        .content.decode()
    )

    assert 'id="feedback-360"' in body
    assert 'id="feedback-360-chart"' in body


def test_the_palembang_employee_has_questionnaires_to_answer():
    body = signed_in("palembang.pegawai").get(reverse("behaviour:mine")).content.decode()

    assert "Umpan Balik 360° 2026 · Kecamatan Plaju" in body
    assert "0 dari 6 terkirim" in body


def test_the_demo_round_loads_quickly_and_once():
    kerinci = Agency.objects.get(code="kerinci")
    FeedbackRound.objects.filter(agency=kerinci).delete()

    started = time.perf_counter()
    loaded = load_demo_behaviour(kerinci, seed=1)
    seconds = time.perf_counter() - started

    assert loaded is not None
    assert loaded.answers >= 0.8 * loaded.assignments
    assert seconds < 5
    assert load_demo_behaviour(kerinci, seed=1) is None
