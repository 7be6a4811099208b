"""Issue 7: an inspector reads the 360° rounds of the units under audit — the round list, a
round's progress with the raters still to answer (page, export, API) and the weakest values
per unit — narrowed to those units, nothing else, and acts on none of it."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.behaviour.models import RoundStatus
from kinerja.org.models import UnitKind
from tests import factories
from tests.behaviour.conftest import make_round, table_rows
from tests.behaviour.test_round_pages import another_period, count_queries
from tests.oversight.builders import make_audit

LIST = reverse("behaviour:round-list")
API_LIST = reverse("api-behaviour-round-list")


def detail_url(feedback_round, name: str = "behaviour:round-detail") -> str:
    return reverse(name, kwargs={"pk": feedback_round.pk})


def unanswered(client, feedback_round) -> list[str]:
    """The raters still to answer on the progress page (name and NIP)."""
    page = client.get(detail_url(feedback_round)).content.decode()
    return [row[0] for row in table_rows(page, "unanswered")[1:]]


def listed(employee) -> str:
    return f"{employee.name} {employee.nip_display}"


def exported_raters(client, feedback_round) -> list[str]:
    response = client.get(detail_url(feedback_round), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    return sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True))


@pytest.fixture
def dinas(world, unscoped):
    """Dinas Pendidikan, outside Kecamatan Plaju, with one teacher."""
    unit = factories.make_unit(world.agency, "Dinas Pendidikan", UnitKind.DINAS)
    factories.make_employee(unit, "Guru Pertama")
    return unit


@pytest.fixture
def audit_of_dinas(world, dinas, unscoped):
    """`inspektur` is auditing Dinas Pendidikan only."""
    audit = make_audit(world)
    audit.units.set([dinas])
    return audit


def test_inspector_auditing_the_kecamatan_follows_its_round(world, draft_round, auditing, login):
    client = login("inspektur")

    page = client.get(LIST).content.decode()
    detail = client.get(detail_url(draft_round)).content.decode()
    api = client.get(detail_url(draft_round, "api-behaviour-round-detail")).json()

    assert "Umpan Balik 360° 2026" in page
    assert "0 / 42 (0%)" in page
    assert [row["id"] for row in client.get(API_LIST).json()["results"]] == [draft_round.pk]
    assert "0 dari 42 penilaian terkirim" in detail
    assert listed(world.pegawai) in unanswered(client, draft_round)
    assert "Budi Santoso" in exported_raters(client, draft_round)
    assert api["progress"]["total"] == 42


def test_inspector_without_an_audit_finds_no_round(world, draft_round, login):
    client = login("inspektur")

    page = client.get(LIST).content.decode()

    assert "Umpan Balik 360° 2026" not in page
    assert "Belum ada putaran umpan balik 360°." in page
    assert client.get(API_LIST).json()["results"] == []
    assert client.get(detail_url(draft_round)).status_code == 404
    assert client.get(detail_url(draft_round), {"format": "xlsx"}).status_code == 404
    assert client.get(detail_url(draft_round, "api-behaviour-round-detail")).status_code == 404


def test_inspector_auditing_another_unit_reads_only_that_units_part_of_a_round(
    world, period, staff, audit_of_dinas, dinas, login
):
    both = make_round(world, period, units=[world.kecamatan, dinas])
    kecamatan_only = make_round(
        world, another_period(world, 2027), units=[world.kecamatan], name="Kecamatan saja"
    )
    client = login("inspektur")

    page = client.get(LIST).content.decode()
    detail = client.get(detail_url(both)).content.decode()
    api = client.get(detail_url(both, "api-behaviour-round-detail")).json()

    assert "Kecamatan saja" not in page
    assert "0 / 1 (0%)" in page  # the teacher's self-view, not the kecamatan's 42
    assert client.get(detail_url(kecamatan_only)).status_code == 404
    assert "0 dari 1 penilaian terkirim" in detail
    assert unanswered(client, both) == [listed(dinas.employees.get())]
    assert exported_raters(client, both) == ["Guru Pertama"]
    assert api["progress"]["total"] == 1
    assert [row["id"] for row in client.get(API_LIST).json()["results"]] == [both.pk]


def summary_units(client, feedback_round) -> tuple[list[str], list[str]]:
    """The units of the weakest-values page (first cell, with the head-count) and API."""
    page = client.get(detail_url(feedback_round, "behaviour:unit-summary")).content.decode()
    api = client.get(detail_url(feedback_round, "api-behaviour-unit-summary")).json()
    rows = [row[0] for row in table_rows(page, "unit-summary")[1:]]
    return rows, [row["name"] for row in api]


def summary_statuses(client, feedback_round) -> tuple[int, int]:
    return (
        client.get(detail_url(feedback_round, "behaviour:unit-summary")).status_code,
        client.get(detail_url(feedback_round, "api-behaviour-unit-summary")).status_code,
    )


def test_the_weakest_values_per_unit_are_for_the_units_under_audit(
    world, closed_example, dinas, login, unscoped
):
    client = login("inspektur")
    assert summary_statuses(client, closed_example) == (404, 404)

    audit = make_audit(world)
    assert summary_units(client, closed_example) == (
        ["Kelurahan Plaju Ulu 1 pegawai"],
        ["Kelurahan Plaju Ulu"],
    )
    list_page = client.get(LIST).content.decode()
    assert detail_url(closed_example, "behaviour:unit-summary") in list_page
    assert detail_url(closed_example) in list_page

    audit.units.set([dinas])  # the round rates nobody there
    assert summary_statuses(client, closed_example) == (404, 404)


@pytest.mark.parametrize("action", ["open", "delete", "remind"])
def test_the_inspector_under_audit_acts_on_no_round(world, draft_round, auditing, login, action):
    response = login("inspektur").post(
        reverse(f"behaviour:round-{action}", kwargs={"pk": draft_round.pk}), {"version": 1}
    )

    assert response.status_code == 403
    draft_round.refresh_from_db()
    assert (draft_round.status, draft_round.version) == (RoundStatus.DRAFT, 1)


def test_the_inspectors_round_list_costs_the_same_for_one_or_three_rounds(
    world, period, staff, auditing, login, django_assert_max_num_queries
):
    client = login("inspektur")
    make_round(world, period, units=[world.kelurahan])
    one = count_queries(client, LIST, django_assert_max_num_queries)
    for year in (2027, 2028):
        make_round(world, another_period(world, year), units=[world.kelurahan], name=f"P {year}")

    assert count_queries(client, LIST, django_assert_max_num_queries) == one
