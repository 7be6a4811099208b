"""The demo talent data: potential scores for most employees with a final predicate, every box
filled in each demo agency, some left "belum dapat dipetakan", key positions with candidates;
idempotent, and fast."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.core.models import Agency, User
from kinerja.talent.demo import load_demo_talent
from kinerja.talent.models import KeyPosition, PotentialAssessment, TalentPlacement
from tests.planning.demo_fixtures import demo, demo_media, demo_output  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def talent_demo():
    """`load_demo_talent` for every agency (a no-op where `load_demo` already called it)."""
    started = time.perf_counter()
    for agency in Agency.objects.order_by("pk"):
        load_demo_talent(agency, seed=2026)
    return time.perf_counter() - started


def test_every_box_has_someone_in_every_demo_agency(talent_demo):
    for agency in Agency.objects.all():
        boxes = set(TalentPlacement.objects.filter(agency=agency).values_list("box", flat=True))
        assert boxes == set(range(1, 10)), agency.code
    assert talent_demo < 5


def test_some_employees_stay_unmapped_with_a_reason(talent_demo):
    for agency in Agency.objects.all():
        # Everyone assessed has a final predicate in the demo, so everyone assessed is placed.
        placed = TalentPlacement.objects.filter(agency=agency).count()
        assert PotentialAssessment.objects.filter(agency=agency).count() == placed
        assert placed > 50
    admin = User.objects.get(username="palembang.admin")
    client = Client()
    client.force_login(admin, backend="kinerja.core.auth.NipOrUsernameBackend")
    grid = client.get(reverse("talent:grid")).context["grid"]
    assert grid.unmapped > 0
    assert grid.placed == TalentPlacement.objects.filter(agency=admin.agency).count()


def test_key_positions_have_ranked_candidates(talent_demo):
    admin = User.objects.get(username="palembang.admin")
    keys = KeyPosition.objects.filter(agency=admin.agency).select_related("position")
    assert sorted(k.position.kind for k in keys) == [
        "administrator",
        "administrator",
        "pengawas",
        "pengawas",
    ]
    client = Client()
    client.force_login(admin, backend="kinerja.core.auth.NipOrUsernameBackend")
    ranked = [
        client.get(reverse("talent:succession", args=[key.pk])).context["rows"] for key in keys
    ]
    assert all(rows for rows in ranked)
    assert all(ranked_row.candidate.box >= 7 for rows in ranked for ranked_row, _e in rows)


def test_loading_again_does_nothing(talent_demo):
    before = PotentialAssessment.objects.count()
    for agency in Agency.objects.all():
        assert load_demo_talent(agency, seed=2026) is None
    assert PotentialAssessment.objects.count() == before
