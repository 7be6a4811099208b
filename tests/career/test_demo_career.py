"""The career demo (loaded by `manage.py load_demo`): the credit table, opening balances and
posted credits for the functional employees, award recommendations, and a vacant position with
ranked candidates. (The demo holds one final sub-period of predicates, so nobody is on the
sanction path yet: two low predicates in a row are needed.)"""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.career.demo import load_demo_career
from kinerja.career.models import CreditEntry, CreditRequirement
from kinerja.core.models import Agency, User
from kinerja.org.models import Employee, Position
from tests.planning.demo_fixtures import demo, demo_media, demo_output  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def loaded():
    started = time.perf_counter()
    summaries = {a.code: load_demo_career(a, seed=2026) for a in Agency.objects.order_by("pk")}
    return summaries, time.perf_counter() - started


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="kinerja.core.auth.NipOrUsernameBackend"
    )
    return client


def test_every_demo_agency_gets_its_career_data_once(loaded):
    summaries, seconds = loaded
    assert all(summary is None for summary in summaries.values())  # load_demo wrote it
    assert seconds < 2
    for code in ("palembang", "subulussalam", "bengkulu", "kerinci"):
        agency = Agency.objects.get(code=code)
        assert CreditRequirement.objects.filter(agency=agency).count() == 8
        functional = Employee.objects.filter(
            agency=agency, is_active=True, position__kind="fungsional"
        ).count()
        assert CreditEntry.objects.filter(agency=agency, kind="awal").count() == functional
        assert CreditEntry.objects.filter(agency=agency, kind="periodik").exists()
        vacancies = Position.objects.filter(agency=agency, name__endswith="Ahli Muda")
        assert (
            vacancies.exists()
            or Position.objects.filter(agency=agency, name__endswith="(formasi baru)").exists()
        )


def test_the_admin_sees_ledgers_awards_sanctions_and_a_ranking(loaded):
    client = signed_in("palembang.admin")
    ledgers = client.get(reverse("career:ledger-list"))
    assert (
        ledgers.context["page"].paginator.count
        == Employee.objects.filter(
            agency__code="palembang", is_active=True, position__kind="fungsional"
        ).count()
    )
    assert client.get(reverse("api-career-award-list")).json()["count"] > 0
    sanctions = client.get(reverse("api-career-sanction-list"))
    assert sanctions.status_code == 200
    # One final sub-period: only a latest Sangat Kurang puts someone on the path yet.
    for row in sanctions.json()["results"]:
        assert "Sangat Kurang" in {entry["predicate"] for entry in row["trail"]}
    vacancies = client.get(reverse("api-career-vacancy-list")).json()["results"]
    functional = next(v for v in vacancies if v["kind"] == "fungsional")
    ranking = client.get(reverse("api-career-vacancy-ranking", args=[functional["id"]])).json()
    assert ranking["candidates"]
    assert ranking["candidates"][0]["place"] == 1


def test_a_ledger_starts_with_the_opening_balance_and_adds_up(loaded):
    person = (
        Employee.objects.filter(agency__code="kerinci", position__kind="fungsional")
        .order_by("pk")
        .first()
    )
    ledger = (
        signed_in("kerinci.admin").get(reverse("api-career-ledger-detail", args=[person.pk])).json()
    )
    assert ledger["entries"][0]["kind"] == "awal"
    counted = CreditEntry.objects.filter(employee=person, superseded_by=None)
    assert ledger["total"] == str(sum(e.amount for e in counted))
    assert ledger["entries"][-1]["running_total"] == ledger["total"]
