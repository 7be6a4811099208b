"""The competency REST API: the same selectors, services and permissions as the pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from kinerja.competency.models import EmployeeCompetency, PositionRequirement
from kinerja.core.models import AuditEntry

pytestmark = pytest.mark.usefixtures("unscoped")


@pytest.fixture
def api(world):
    def as_persona(persona: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(world.users[persona])
        return client

    return as_persona


def test_everyone_in_the_agency_lists_the_dictionary(staffed, api, django_assert_max_num_queries):
    client = api("pegawai")
    client.get(reverse("api-competency-dictionary-list"))

    with django_assert_max_num_queries(8):
        response = client.get(reverse("api-competency-dictionary-list"), {"kind": "teknis"})

    assert response.status_code == 200
    assert [row["code"] for row in response.json()["results"]] == ["T-01"]
    detail = client.get(
        reverse("api-competency-dictionary-detail", args=[staffed.komunikasi.pk])
    ).json()
    assert detail["name"] == "Komunikasi"
    assert len(detail["level_descriptions"]) == 5


def test_another_agency_gets_404_for_entries_employees_and_units(staffed, api):
    world = staffed.world
    client = api("admin_agensi_lain")

    assert (
        client.get(
            reverse("api-competency-dictionary-detail", args=[staffed.komunikasi.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("api-competency-employee-levels", args=[world.pegawai.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("api-competency-employee-gaps", args=[world.pegawai.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("api-competency-unit-gaps", args=[world.kecamatan.pk])).status_code
        == 404
    )


def test_the_employee_reads_their_gaps(staffed, api):
    world = staffed.world

    response = api("pegawai").get(reverse("api-competency-employee-gaps", args=[world.pegawai.pk]))

    assert response.json() == {
        "employee": world.pegawai.pk,
        "gaps": [
            {
                "competency": staffed.komunikasi.pk,
                "code": "M-03",
                "name": "Komunikasi",
                "kind": "manajerial",
                "required": 3,
                "current": 1,
                "gap": 2,
                "shortfall": 2,
            },
            {
                "competency": staffed.pelayanan.pk,
                "code": "M-05",
                "name": "Pelayanan publik",
                "kind": "manajerial",
                "required": 2,
                "current": 3,
                "gap": -1,
                "shortfall": 0,
            },
            {
                "competency": staffed.adminduk.pk,
                "code": "T-01",
                "name": "Administrasi kependudukan",
                "kind": "teknis",
                "required": 3,
                "current": None,
                "gap": 3,
                "shortfall": 3,
            },
        ],
    }


def test_the_supervisor_sets_a_level_through_the_api(staffed, api):
    world = staffed.world
    current = EmployeeCompetency.objects.get(employee=world.pegawai, competency=staffed.komunikasi)

    response = api("atasan").post(
        reverse("api-competency-employee-levels", args=[world.pegawai.pk]),
        {
            "competency": staffed.komunikasi.pk,
            "level": 2,
            "assessed_on": "2026-05-01",
            "version": current.version,
        },
        format="json",
    )

    assert response.status_code == 200
    row = next(r for r in response.json()["required"] if r["code"] == "M-03")
    assert (row["current"], row["shortfall"]) == (2, 1)
    assert AuditEntry.objects.get(action="competency.level.set").changes["level"] == [1, 2]


def test_the_employee_cannot_set_their_own_level_and_nothing_changes(staffed, api):
    world = staffed.world

    response = api("pegawai").post(
        reverse("api-competency-employee-levels", args=[world.pegawai.pk]),
        {"competency": staffed.komunikasi.pk, "level": 5},
        format="json",
    )

    assert response.status_code == 403
    assert (
        EmployeeCompetency.objects.get(employee=world.pegawai, competency=staffed.komunikasi).level
        == 1
    )


def test_invalid_and_stale_writes_answer_400_and_409(staffed, api):
    world = staffed.world
    url = reverse("api-competency-employee-levels", args=[world.pegawai.pk])
    client = api("atasan")

    invalid = client.post(url, {"competency": staffed.komunikasi.pk, "level": 9}, format="json")
    stale = client.post(
        url, {"competency": staffed.komunikasi.pk, "level": 2, "version": 7}, format="json"
    )
    missing = client.post(url, {"competency": 999999, "level": 2}, format="json")

    assert invalid.status_code == 400
    assert "Level harus 1 sampai 5." in str(invalid.json())
    assert stale.status_code == 409
    assert missing.status_code == 404


def test_the_head_reads_the_unit_gaps(staffed, api):
    response = api("kepala").get(
        reverse("api-competency-unit-gaps", args=[staffed.world.kecamatan.pk])
    )

    body = response.json()
    assert body["totals"]["below"] == 2
    assert [(row["code"], row["below"], row["mean_shortfall"]) for row in body["competencies"]] == [
        ("M-03", 1, "1.00"),
        ("M-05", 0, "0.00"),
        ("T-01", 2, "2.00"),
    ]


def test_the_admin_sets_a_positions_standard_through_the_api(staffed, api):
    position = staffed.world.pegawai.position

    response = api("admin_bkpsdm").put(
        reverse("api-competency-position-requirements", args=[position.pk]),
        {
            "requirements": [
                {"competency": staffed.komunikasi.pk, "level": 4},
                {"competency": staffed.pelayanan.pk, "level": None},
            ]
        },
        format="json",
    )

    assert response.status_code == 200
    assert dict(
        PositionRequirement.objects.filter(position=position).values_list(
            "competency__code", "level"
        )
    ) == {
        "M-03": 4,
        "T-01": 3,
    }
    denied = api("atasan").put(
        reverse("api-competency-position-requirements", args=[position.pk]),
        {"requirements": [{"competency": staffed.komunikasi.pk, "level": 1}]},
        format="json",
    )
    assert denied.status_code == 404
