"""The career demo (`load_demo_career` after `manage.py load_demo`): the credit table, the closed
2025 year, opening balances and posted credits for the functional employees, award
recommendations and the sanction path, and a vacant position with ranked candidates."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.appraisal.models import Evaluation
from kinerja.career.demo import load_demo_career
from kinerja.career.models import CreditEntry, CreditRequirement
from kinerja.core.models import Agency, User
from kinerja.org.models import Employee
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


def test_every_demo_agency_gets_its_career_data_quickly_and_once(loaded):
    summaries, seconds = loaded
    demo_agencies = {code for code, summary in summaries.items() if summary is not None}
    assert demo_agencies == {"palembang", "subulussalam", "bengkulu", "kerinci"}
    assert seconds < 5
    for code in demo_agencies:
        agency = Agency.objects.get(code=code)
        assert CreditRequirement.objects.filter(agency=agency).count() == 8
        functional = Employee.objects.filter(
            agency=agency, is_active=True, position__kind="fungsional"
        ).count()
        assert summaries[code].openings == functional
        assert CreditEntry.objects.filter(agency=agency, kind="tahunan").exists()
        assert summaries[code].vacancy.endswith(("Ahli Muda", "(formasi baru)"))
        assert load_demo_career(agency, seed=2026) is None


def test_the_2025_year_is_closed_with_final_annual_predicates(loaded):
    annual = Evaluation.objects.filter(period__year=2025, kind="tahunan", status="final")
    assert annual.count() == sum(s.evaluations_2025 for s in loaded[0].values() if s)
    assert set(annual.values_list("predicate", flat=True)) >= {"Sangat Baik", "Baik"}


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
    assert client.get(reverse("api-career-sanction-list")).json()["count"] > 0
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
