"""Issue 7: an inspector reads the development of the employees of the units under audit, and
nothing else — the employee's page, their plan and certificate, the lists of recommendations,
plans and JP shortfalls with their exports and API, the saving per unit — and writes nothing.

`inspektur` with the `auditing` fixture audits Kecamatan Plaju (pegawai's subtree); Dinas
Pendidikan (Guru Pertama) is a unit of the same agency outside it. Both people have an agreed
plan with a completed internal training (12 JP, short of 20), its certificate, and an open
recommendation.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.development.models import (
    DevelopmentPlan,
    DevelopmentRecord,
    PlanStatus,
    Recommendation,
    RecommendationStatus,
)
from kinerja.org.models import Employee, Unit, UnitKind
from kinerja.oversight.models import AuditStatus
from tests import factories
from tests.development import builders
from tests.oversight.builders import make_audit

pytestmark = pytest.mark.usefixtures("unscoped")

PEOPLE = ("Budi Santoso", "Guru Pertama")
LISTS = {
    "recommendations": "development:recommendation-list",
    "plans": "development:plan-list",
    "jp": "development:jp-list",
}
API_LISTS = {
    "recommendations": ("api-development-recommendation-list", "employee_name"),
    "plans": ("api-development-plan-list", "employee_name"),
    "jp": ("api-development-jp-shortfall", "name"),
}


@dataclass
class Developed:
    dinas: Unit
    guru: Employee
    plan: DevelopmentPlan
    record: DevelopmentRecord
    recommendation: Recommendation


def _develop(employee: Employee, course) -> tuple[DevelopmentPlan, DevelopmentRecord]:
    plan = builders.plan(employee, status=PlanStatus.AGREED)
    record = builders.record(employee, 12, certificate=True, plan_item=builders.item(plan, course))
    return plan, record


def _recommend(employee: Employee) -> Recommendation:
    return Recommendation.objects.create(
        agency=employee.agency,
        employee=employee,
        year=builders.YEAR,
        reason="kompetensi",
        reason_text="Kesenjangan kompetensi Komunikasi",
        source_key=f"kompetensi:{employee.pk}",
    )


@pytest.fixture
def developed(world, unscoped) -> Developed:
    dinas = factories.make_unit(world.agency, "Dinas Pendidikan", UnitKind.DINAS)
    guru = factories.make_employee(dinas, "Guru Pertama")
    course = builders.training(world.agency, of=builders.competency(world.agency))
    plan, record = _develop(world.pegawai, course)
    _develop(guru, course)
    _recommend(guru)
    return Developed(dinas, guru, plan, record, _recommend(world.pegawai))


def object_urls(world, developed: Developed) -> dict[str, str]:
    pegawai, plan = world.pegawai.pk, developed.plan.pk
    return {
        "employee": reverse("development:employee", args=[pegawai]),
        "plan": reverse("development:plan-detail", args=[plan]),
        "certificate": reverse("development:certificate", args=[developed.record.pk]),
        "api employee": reverse("api-development-employee", args=[pegawai]),
        "api plan": reverse("api-development-plan-detail", args=[plan]),
    }


def statuses(client, world, developed) -> dict[str, int]:
    return {
        name: client.get(url).status_code for name, url in object_urls(world, developed).items()
    }


def _sheet_names(content: bytes) -> list[str]:
    cells = {
        str(value)
        for row in load_workbook(BytesIO(content)).active.iter_rows(min_row=2, values_only=True)
        for value in row
    }
    return [name for name in PEOPLE if name in cells]


def listed(client) -> dict[str, list[str]]:
    """Whom each list shows on the page, in its XLSX and through the API; units for savings."""
    shown: dict[str, list[str]] = {}
    for key, name in LISTS.items():
        page = client.get(reverse(name)).context["page"].object_list
        people = {getattr(row, "employee", row).name for row in page}
        shown[key] = [name for name in PEOPLE if name in people]
        shown[f"{key} xlsx"] = _sheet_names(client.get(reverse(name), {"format": "xlsx"}).content)
    for key, (name, field) in API_LISTS.items():
        people = {row[field] for row in client.get(reverse(name)).json()["results"]}
        shown[f"{key} api"] = [name for name in PEOPLE if name in people]
    savings = client.get(reverse("development:savings")).context["savings"]
    shown["savings"] = [row.unit_name for row in savings.rows]
    shown["savings api"] = [
        row["unit_name"] for row in client.get(reverse("api-development-savings")).json()["rows"]
    ]
    return shown


def test_the_inspector_auditing_the_kecamatan_reads_pegawais_development(
    world, developed, auditing, login
):
    client = login("inspektur")

    assert set(statuses(client, world, developed).values()) == {200}
    assert client.get(object_urls(world, developed)["api employee"]).json()["jp_total"] == 12
    shown = listed(client)
    assert shown == {
        **{key: ["Budi Santoso"] for key in shown if not key.startswith("savings")},
        "savings": ["Kelurahan Plaju Ulu"],
        "savings api": ["Kelurahan Plaju Ulu"],
    }


def test_the_inspector_auditing_another_unit_reads_that_unit_and_not_pegawai(
    world, developed, login
):
    make_audit(world).units.set([developed.dinas])
    client = login("inspektur")

    assert set(statuses(client, world, developed).values()) == {404}
    guru = client.get(reverse("development:employee", args=[developed.guru.pk]))
    assert guru.status_code == 200
    shown = listed(client)
    assert shown == {
        **{key: ["Guru Pertama"] for key in shown if not key.startswith("savings")},
        "savings": ["Dinas Pendidikan"],
        "savings api": ["Dinas Pendidikan"],
    }


@pytest.mark.parametrize("status", [None, AuditStatus.PLANNED])
def test_the_inspector_without_an_audit_in_fieldwork_reads_nothing(world, developed, login, status):
    if status is not None:
        make_audit(world, status=status)
    client = login("inspektur")

    assert set(statuses(client, world, developed).values()) == {404}
    shown = listed(client)
    assert shown == {key: [] for key in shown}
    jp = client.get(reverse("development:jp-list"))
    assert jp.context["has_units"] is False


def test_the_inspector_auditing_pegawai_still_writes_nothing(world, developed, auditing, login):
    client = login("inspektur")
    pegawai, plan = world.pegawai.pk, developed.plan
    before = (DevelopmentPlan.objects.count(), DevelopmentRecord.objects.count())

    answers = {
        "plan create": client.post(reverse("development:plan-create", args=[pegawai])),
        "record create": client.post(
            reverse("development:record-create", args=[pegawai]),
            {"title": "Seminar", "jp": "8", "completed_on": "2026-02-10"},
        ),
        "dismiss": client.post(
            reverse("development:recommendation-dismiss", args=[developed.recommendation.pk]),
            {"reason": "Tidak relevan"},
        ),
        "refresh": client.post(reverse("development:recommendation-refresh")),
        "api plan create": client.post(
            reverse("api-development-plan-list"),
            {"employee": pegawai, "year": builders.YEAR + 1},
            content_type="application/json",
        ),
        "api return": client.post(
            reverse("api-development-plan-return", args=[plan.pk]),
            {"version": plan.version, "note": "Perbaiki"},
            content_type="application/json",
        ),
    }

    assert {name: answer.status_code for name, answer in answers.items()} == dict.fromkeys(
        answers, 403
    )
    assert (DevelopmentPlan.objects.count(), DevelopmentRecord.objects.count()) == before
    plan.refresh_from_db()
    developed.recommendation.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    assert developed.recommendation.status == RecommendationStatus.OPEN
    page = client.get(reverse("development:employee", args=[pegawai]))
    assert (page.context["can_edit_plan"], page.context["can_record"]) == (False, False)


def test_the_inspectors_lists_run_a_constant_number_of_queries(
    world, developed, auditing, login, django_assert_max_num_queries
):
    client = login("inspektur")
    client.get(reverse("development:jp-list"))
    for number in range(6):
        builders.record(factories.make_employee(world.kelurahan, f"Staf Tambahan {number}"), 4)

    with django_assert_max_num_queries(15):  # the admin's 14, and the units under audit
        response = client.get(reverse("development:jp-list"))

    assert response.content.decode().count("Staf Tambahan") == 6
