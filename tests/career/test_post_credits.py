"""Posting angka kredit from final evaluations: BKN's example end to end, part-year periods,
idempotency, annual superseding periodic, the opening balance, and who may do it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.career.models import CreditEntry
from kinerja.career.services.credits import post_credits, record_opening_balance
from kinerja.core.models import AuditEntry
from kinerja.org.models import Employee
from tests.career.conftest import make_final, make_functional, make_period


def _late_joiner(functional) -> Employee:
    """Rudi entered the Ahli Pertama position on 1 November 2026 (two months of the year)."""
    Employee.objects.filter(pk=functional.pk).update(position_since=dt.date(2026, 11, 1))
    functional.refresh_from_db()
    return functional


def test_bkn_example_two_months_baik_as_ahli_pertama_adds_2_08_to_18_75(world, functional, login):
    rudi = _late_joiner(functional)
    record_opening_balance(
        rudi,
        actor=world.users["admin_bkpsdm"],
        amount=Decimal("18.75"),
        effective_date=dt.date(2026, 10, 31),
        note="PAK integrasi",
    )
    make_final(rudi, make_period(world.agency), "Baik")

    client = login("admin_bkpsdm")
    response = client.post(reverse("career:posting"), {"period": ""}, follow=True)

    entry = CreditEntry.objects.get(employee=rudi, kind="tahunan")
    assert (entry.months, entry.percent, entry.coefficient, entry.amount) == (
        2,
        Decimal(100),
        Decimal("12.50"),
        Decimal("2.08"),
    )
    assert "1 entri angka kredit dibukukan (jumlah 2,08)" in response.content.decode()
    page = client.get(reverse("career:ledger", args=[rudi.pk])).content.decode()
    assert "2/12 × 100% × 12,50 (Ahli Pertama)" in page
    assert '<p class="stat" id="credit-total">20,83</p>' in page
    api = client.get(reverse("api-career-ledger-detail", args=[rudi.pk])).json()
    assert api["total"] == "20.83"
    assert [(e["amount"], e["running_total"]) for e in api["entries"]] == [
        ("18.75", "18.75"),
        ("2.08", "20.83"),
    ]


def test_monthly_periodic_evaluations_give_one_month_each(world, functional):
    rudi = _late_joiner(functional)
    period = make_period(world.agency, frequency="bulanan")
    make_final(rudi, period, "Baik", kind="periodik", subperiod=11)
    make_final(rudi, period, "Baik", kind="periodik", subperiod=12)

    result = post_credits(world.agency, actor=world.users["admin_bkpsdm"])

    amounts = list(
        CreditEntry.objects.filter(employee=rudi)
        .order_by("effective_date")
        .values_list("months", "amount", "effective_date")
    )
    assert amounts == [
        (1, Decimal("1.04"), dt.date(2026, 11, 30)),
        (1, Decimal("1.04"), dt.date(2026, 12, 31)),
    ]
    assert (result.created, result.total_amount) == (2, Decimal("2.08"))


def test_a_quarter_before_the_tmt_jabatan_is_not_posted(world, functional):
    rudi = _late_joiner(functional)
    period = make_period(world.agency)
    make_final(rudi, period, "Baik", kind="periodik", subperiod=1)

    result = post_credits(world.agency, actor=None)

    assert (result.created, result.skipped) == (0, 1)


def test_posting_twice_books_each_evaluation_once(world, functional):
    make_final(functional, make_period(world.agency), "Sangat Baik")
    first = post_credits(world.agency, actor=None)
    second = post_credits(world.agency, actor=None)
    assert (first.created, second.created) == (1, 0)
    assert CreditEntry.objects.get(employee=functional).amount == Decimal("18.75")


def test_the_annual_predicate_supersedes_the_periodic_entries_of_its_year(world, functional):
    period = make_period(world.agency)
    make_final(functional, period, "Baik", kind="periodik", subperiod=1)
    make_final(functional, period, "Baik", kind="periodik", subperiod=2)
    post_credits(world.agency, actor=None)
    make_final(functional, period, "Sangat Baik")
    make_final(functional, period, "Baik", kind="periodik", subperiod=3)

    result = post_credits(world.agency, actor=None)

    annual = CreditEntry.objects.get(employee=functional, kind="tahunan")
    periodic = CreditEntry.objects.filter(employee=functional, kind="periodik")
    assert (result.created, result.superseded) == (1, 2)
    assert [e.superseded_by_id for e in periodic] == [annual.pk, annual.pk]
    # The third quarter came after the annual entry: not posted, the year counts once.
    assert periodic.count() == 2
    from kinerja.career.selectors.credits import ledger_of

    assert ledger_of(functional).total == Decimal("18.75")


def test_only_functional_employees_get_credit(world, functional):
    period = make_period(world.agency)
    make_final(world.pegawai, period, "Baik")
    make_final(functional, period, "Baik")
    post_credits(world.agency, actor=None)
    assert list(CreditEntry.objects.values_list("employee_id", flat=True)) == [functional.pk]


def test_the_level_at_posting_time_gives_the_coefficient(world):
    madya = make_functional(world, "Sari Dewi", "ahli_madya", rank="IV/a")
    make_final(madya, make_period(world.agency), "Butuh Perbaikan")
    post_credits(world.agency, actor=None)
    entry = CreditEntry.objects.get(employee=madya)
    assert (entry.level, entry.coefficient, entry.amount) == (
        "ahli_madya",
        Decimal("37.50"),
        Decimal("28.13"),
    )


@pytest.mark.parametrize("persona", ["inspektur", "kepala", "atasan", "pegawai"])
def test_only_the_agency_admin_posts_credits(world, functional, login, persona):
    make_final(functional, make_period(world.agency), "Baik")
    response = login(persona).post(reverse("career:posting"), {"period": ""})
    assert response.status_code == 403
    assert not CreditEntry.objects.exists()


def test_posting_is_audited(world, functional):
    make_final(functional, make_period(world.agency), "Baik")
    post_credits(world.agency, actor=world.users["admin_bkpsdm"])
    entry = AuditEntry.objects.get(action="career.credit.posted")
    assert entry.changes["entri"] == [0, 1]


def test_the_api_posts_credits_for_one_period(world, functional, login):
    period = make_period(world.agency)
    make_final(functional, period, "Baik")
    client = login("admin_bkpsdm")
    response = client.post(
        reverse("api-career-posting"), {"period": period.pk}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "created": 1,
        "superseded": 0,
        "skipped": 0,
        "total_amount": "12.50",
    }


def test_opening_balance_form_checks_the_amount(world, functional, login):
    client = login("admin_bkpsdm")
    url = reverse("career:opening-balance", args=[functional.pk])
    response = client.post(url, {"amount": "-1", "effective_date": "2026-01-01"})
    assert response.status_code == 400
    assert not CreditEntry.objects.exists()
    response = client.post(url, {"amount": "40.5", "effective_date": "2026-01-01", "note": "PAK"})
    assert response.status_code == 302
    assert CreditEntry.objects.get().amount == Decimal("40.50")
    assert AuditEntry.objects.filter(action="career.credit.opening").count() == 1


def test_an_opening_balance_needs_a_functional_position(world, login):
    response = login("admin_bkpsdm").post(
        reverse("api-career-opening-balance", args=[world.pegawai.pk]),
        {"amount": "10", "effective_date": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "jabatan fungsional" in response.json()["non_field_errors"][0]
    assert not CreditEntry.objects.exists()


def test_the_inspector_cannot_enter_an_opening_balance(world, functional, auditing, login):
    """Even while auditing Kecamatan Plaju (Rudi Hartono's subtree) the inspector only reads."""
    response = login("inspektur").post(
        reverse("api-career-opening-balance", args=[functional.pk]),
        {"amount": "10", "effective_date": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not CreditEntry.objects.exists()
