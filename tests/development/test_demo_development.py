"""The demo development data (`load_demo_development` after `load_demo` and the competency
demo): a catalogue per agency, Kertapati's internal trainers, recommendations, plans, savings,
and a 20 JP shortfall list that holds some people, not everyone."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.competency.demo import load_demo_competency
from kinerja.core.models import Agency, User
from kinerja.development.demo import DEMO_YEAR, load_demo_development
from kinerja.development.models import (
    DevelopmentPlan,
    InternalTrainer,
    PlanStatus,
    ReasonKind,
    Recommendation,
    Training,
)
from kinerja.org.models import Unit
from tests.planning.demo_fixtures import demo, demo_media, demo_output  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("demo")


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="kinerja.core.auth.NipOrUsernameBackend"
    )
    return client


def _load() -> tuple[dict[str, object], float]:
    agencies = list(Agency.objects.order_by("pk"))
    for agency in agencies:
        load_demo_competency(agency, seed=2026)
    started = time.perf_counter()
    summaries = {agency.code: load_demo_development(agency, seed=2026) for agency in agencies}
    return summaries, time.perf_counter() - started


def test_the_demo_has_the_shape_of_the_seeds():
    # `load_demo` loaded the development demo of every agency; a second run writes nothing.
    summaries, seconds = _load()
    assert all(summary is None for summary in summaries.values())
    assert seconds < 2
    for agency in Agency.objects.all():
        trainings = Training.objects.filter(agency=agency)
        assert trainings.filter(delivery="eksternal").count() >= 4
        assert trainings.filter(delivery="internal").exists()
    # Kertapati's staff teach their colleagues (seed 001).
    kertapati = Unit.objects.get(agency__code="palembang", name="Kecamatan Kertapati")
    trainers = InternalTrainer.objects.filter(agency__code="palembang")
    assert trainers.count() >= 3
    assert not trainers.exclude(employee__unit__path__startswith=kertapati.path).exists()
    assert Recommendation.objects.filter(reason=ReasonKind.PREDICATE).exists()
    assert Recommendation.objects.filter(reason=ReasonKind.COMPETENCY).exists()
    statuses = set(DevelopmentPlan.objects.values_list("status", flat=True))
    assert {PlanStatus.DONE, PlanStatus.AGREED, PlanStatus.PROPOSED} <= statuses


def test_the_demo_pages_show_savings_a_partial_shortfall_and_an_open_recommendation():
    _load()
    admin = signed_in("palembang.admin")

    savings = admin.get(reverse("development:savings"), {"year": DEMO_YEAR})
    shortfall = admin.get(reverse("development:jp-list"), {"year": DEMO_YEAR})
    own = signed_in("palembang.pegawai").get(reverse("development:mine"))

    assert savings.context["savings"].total > 0
    summary = shortfall.context["summary"]
    assert 0 < summary.short < summary.employees
    assert own.context["found"].recommendations
    assert own.context["found"].plan is None
