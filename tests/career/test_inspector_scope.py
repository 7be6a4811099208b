"""Issue 7: an inspector reads the career data of the units under audit, and nothing else — an
employee's credit ledger, the ledger list, the award recommendations, the sanction path and the
vacancies (pages, XLSX and API), a vacancy's merit ranking — and changes nothing.

`inspektur` with the `auditing` fixture audits Kecamatan Plaju: Rudi Hartono (functional, a
final Sangat Baik: recommended), Dedi Rendah (Sangat Kurang: on the sanction path), a vacant
Sekretaris Kecamatan. Dinas Pendidikan, outside it, has the same three of its own.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.career.models import AwardDecision, CreditEntry, VacancyRequirement
from kinerja.core.models import AuditEntry
from kinerja.org.models import Position, PositionKind, UnitKind
from kinerja.oversight.models import AuditStatus
from tests import factories
from tests.career.conftest import make_final, make_functional, make_period
from tests.oversight.builders import make_audit

PLAJU = {"Kecamatan Plaju", "Kelurahan Plaju Ulu"}
DINAS = "Dinas Pendidikan"


@pytest.fixture
def careers(world, functional):
    """Both sides of the agency with a recommended, a sanctioned and a vacancy each."""
    period = make_period(world.agency)
    dinas = factories.make_unit(world.agency, DINAS, UnitKind.DINAS)
    make_final(functional, period, "Sangat Baik")
    make_final(make_functional(world, "Dedi Rendah"), period, "Sangat Kurang")
    make_final(make_functional(world, "Guru Bintang", unit=dinas), period, "Sangat Baik")
    make_final(make_functional(world, "Guru Rendah", unit=dinas), period, "Sangat Kurang")
    world.dinas = dinas
    world.vacancy = Position.objects.create(
        agency=world.agency,
        unit=world.kecamatan,
        name="Sekretaris Kecamatan",
        kind=PositionKind.ADMINISTRATOR,
    )
    world.dinas_vacancy = Position.objects.create(
        agency=world.agency, unit=dinas, name="Sekretaris Dinas", kind=PositionKind.ADMINISTRATOR
    )
    return world


def object_urls(world) -> dict[str, str]:
    rudi = world.users["fungsional"].employee.pk
    ledger = reverse("career:ledger", args=[rudi])
    ranking = reverse("career:vacancy-ranking", args=[world.vacancy.pk])
    return {
        "ledger": ledger,
        "ledger pdf": ledger + "?format=pdf",
        "api ledger": reverse("api-career-ledger-detail", args=[rudi]),
        "ranking": ranking,
        "ranking xlsx": ranking + "?format=xlsx",
        "api ranking": reverse("api-career-vacancy-ranking", args=[world.vacancy.pk]),
    }


def statuses(client, world) -> dict[str, int]:
    return {name: client.get(url).status_code for name, url in object_urls(world).items()}


def _sides(unit_names) -> list[str]:
    """Which side of the agency the rows come from: the audited kecamatan, the dinas."""
    names = set(unit_names)
    return [side for side, hit in (("plaju", names & PLAJU), ("dinas", DINAS in names)) if hit]


def _xlsx_sides(client, url: str) -> list[str]:
    sheet = load_workbook(BytesIO(client.get(url, {"format": "xlsx"}).content)).active
    return _sides(value for row in sheet.iter_rows(min_row=2, values_only=True) for value in row)


PAGES = {
    "career:ledger-list": lambda c: [r.employee.unit.name for r in c["rows"]],
    "career:award-list": lambda c: [r.employee.unit.name for r in c["page"].object_list],
    "career:sanction-list": lambda c: [r.employee.unit.name for r in c["page"].object_list],
    "career:vacancy-list": lambda c: [p.unit.name for p in c["page"].object_list],
}
API = {
    "api-career-ledger-list": lambda row: row["unit"],
    "api-career-award-list": lambda row: row["employee"]["unit"],
    "api-career-sanction-list": lambda row: row["employee"]["unit"],
    "api-career-vacancy-list": lambda row: row["unit_name"],
}


def listed(client) -> dict[str, list[str]]:
    """Where the rows of every list come from, on the page, in its XLSX and through the API."""
    shown: dict[str, list[str]] = {}
    for name, units in PAGES.items():
        shown[name] = _sides(units(client.get(reverse(name)).context))
        shown[f"{name} xlsx"] = _xlsx_sides(client, reverse(name))
    for name, unit in API.items():
        shown[name] = _sides(unit(row) for row in client.get(reverse(name)).json()["results"])
    return shown


def test_the_inspector_auditing_the_kecamatan_reads_its_careers_only(careers, auditing, login):
    client = login("inspektur")

    assert set(statuses(client, careers).values()) == {200}
    assert client.get(object_urls(careers)["api ledger"]).json()["name"] == "Rudi Hartono"
    shown = listed(client)
    assert shown == {key: ["plaju"] for key in shown}
    elsewhere = reverse("career:vacancy-ranking", args=[careers.dinas_vacancy.pk])
    assert client.get(elsewhere).status_code == 404
    guru = careers.dinas.employees.get(name="Guru Bintang")
    assert client.get(reverse("career:ledger", args=[guru.pk])).status_code == 404


def test_the_inspector_auditing_another_unit_reads_that_unit_and_not_rudi(careers, login):
    make_audit(careers).units.set([careers.dinas])
    client = login("inspektur")

    assert set(statuses(client, careers).values()) == {404}
    shown = listed(client)
    assert shown == {key: ["dinas"] for key in shown}
    elsewhere = reverse("career:vacancy-ranking", args=[careers.dinas_vacancy.pk])
    assert client.get(elsewhere).status_code == 200


@pytest.mark.parametrize("status", [None, AuditStatus.PLANNED])
def test_the_inspector_without_an_audit_in_fieldwork_reads_no_career(careers, login, status):
    if status is not None:
        make_audit(careers, status=status)
    client = login("inspektur")

    assert set(statuses(client, careers).values()) == {404}
    shown = listed(client)
    assert shown == {key: [] for key in shown}
    # The credit-needed table is the agency's configuration, not a unit's data.
    assert client.get(reverse("career:credit-table")).status_code == 200


def test_the_inspector_auditing_the_kecamatan_changes_nothing(careers, auditing, login):
    client = login("inspektur")
    rudi = careers.users["fungsional"].employee.pk
    entries = AuditEntry.objects.count()
    balance = {"amount": "10", "effective_date": "2026-01-01"}

    answers = {
        "opening balance": client.post(reverse("career:opening-balance", args=[rudi]), balance),
        "api opening balance": client.post(
            reverse("api-career-opening-balance", args=[rudi]),
            balance,
            content_type="application/json",
        ),
        "posting": client.post(reverse("career:posting"), {"period": ""}),
        "vacancy requirement": client.post(
            reverse("career:vacancy-requirement", args=[careers.vacancy.pk]),
            {"min_rank": "III/c"},
        ),
        "credit table": client.post(
            reverse("career:credit-requirement-edit", args=["ahli_pertama"]), {"rank_min": "III/a"}
        ),
    }
    decide = client.post(
        reverse("career:award-decide", args=[rudi]), {"outcome": "diberikan", "award": "Piagam"}
    )

    assert {name: answer.status_code for name, answer in answers.items()} == dict.fromkeys(
        answers, 403
    )
    assert decide.status_code == 404  # deciding is the admin's: no such form for anyone else
    assert not CreditEntry.objects.exists()
    assert not VacancyRequirement.objects.exists()
    assert not AwardDecision.objects.exists()
    assert AuditEntry.objects.count() == entries
