"""The saving of internal over external training, per unit, with the total."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.development.models import PlanStatus
from tests import factories
from tests.development import builders


@pytest.fixture
def completed(world, unscoped):
    """Two completed internal trainings in the kelurahan (3.5 M → 250 k each), one planned but
    not completed, one completed external one, one in the kecamatan (2 M → 500 k)."""
    komunikasi = builders.competency(world.agency)
    internal = builders.training(world.agency, of=komunikasi)
    cheaper = builders.training(
        world.agency, title="Kearsipan", of=komunikasi, cost="500000", external_cost="2000000"
    )
    external = builders.training(world.agency, title="Diklat", internal=False, cost="4000000")
    for person in (world.pegawai, world.rekan):
        plan = builders.plan(person, status=PlanStatus.AGREED)
        builders.record(person, 12, plan_item=builders.item(plan, internal))
        builders.record(person, 20, plan_item=builders.item(plan, external))
    builders.item(builders.plan(world.atasan, status=PlanStatus.AGREED), internal)
    staff = factories.make_employee(world.kecamatan, "Staf Kecamatan")
    builders.record(
        staff, 12, plan_item=builders.item(builders.plan(staff, status=PlanStatus.AGREED), cheaper)
    )


def test_savings_per_unit_and_total(world, completed, login):
    client = login("admin_bkpsdm")

    response = client.get(reverse("development:savings"))

    savings = response.context["savings"]
    rows = [(r.unit_name, r.items, r.participants, r.jp, r.saving) for r in savings.rows]
    assert rows == [
        ("Kelurahan Plaju Ulu", 2, 2, 24, Decimal("6500000.00")),
        ("Kecamatan Plaju", 1, 1, 12, Decimal("1500000.00")),
    ]
    assert savings.total == Decimal("8000000.00")
    assert "Rp8.000.000" in response.content.decode()


def test_savings_as_xlsx_end_with_the_total(world, completed, login):
    client = login("admin_bkpsdm")

    response = client.get(reverse("development:savings"), {"format": "xlsx"})

    values = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert values[-1][0] == "Jumlah"
    assert Decimal(str(values[-1][-1])) == Decimal("8000000")


def test_the_api_gives_the_same_savings(world, completed, auditing, login):
    response = login("inspektur").get(reverse("api-development-savings"))  # auditing Plaju

    assert response.status_code == 200
    assert response.json()["total"] == "8000000.00"
    assert [r["unit_name"] for r in response.json()["rows"]] == [
        "Kelurahan Plaju Ulu",
        "Kecamatan Plaju",
    ]


def test_an_employee_cannot_see_the_savings(world, completed, login):
    assert login("pegawai").get(reverse("development:savings")).status_code == 403
