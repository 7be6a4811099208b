"""/api/v1/units/: the unit list, one unit, its org chart, and creating and editing units."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.core.models import AuditEntry
from kinerja.org import services
from kinerja.org.models import Unit

LIST = reverse("api-unit-list")


def detail(unit: Unit) -> str:
    return reverse("api-unit-detail", kwargs={"pk": unit.pk})


def chart(unit: Unit) -> str:
    return reverse("api-unit-chart", kwargs={"pk": unit.pk})


def rows(response) -> list[tuple[str, int]]:
    return [(row["name"], row["active_employees"]) for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("pegawai", [("Kecamatan Plaju", 3), ("Kelurahan Plaju Ulu", 4)]),
        ("admin_bkpsdm", [("Kecamatan Plaju", 3), ("Kelurahan Plaju Ulu", 4)]),
        ("pemantau", [("Kecamatan Plaju", 3), ("Kelurahan Plaju Ulu", 4), ("Dinas Kesehatan", 2)]),
        ("admin_agensi_lain", [("Dinas Kesehatan", 2)]),
    ],
)
def test_units_of_the_own_agency_are_listed_in_tree_order_with_head_counts(
    login, persona, expected
):
    response = login(persona).get(LIST)

    assert response.status_code == 200
    assert rows(response) == expected


def test_a_unit_row_names_its_agency_and_parent(world, login):
    response = login("pegawai").get(LIST, {"q": "ulu"})

    assert response.json()["results"] == [
        {
            "id": world.kelurahan.pk,
            "agency": {"id": world.agency.pk, "name": "Pemerintah Kota Palembang"},
            "name": "Kelurahan Plaju Ulu",
            "kind": "kelurahan",
            "code": "",
            "parent": {"id": world.kecamatan.pk, "name": "Kecamatan Plaju"},
            "depth": 1,
            "address": "",
            "is_active": True,
            "version": 1,
            "active_employees": 4,
        }
    ]


def test_a_unit_of_another_agency_answers_404(world, login):
    client = login("admin_agensi_lain")

    assert client.get(detail(world.kecamatan)).status_code == 404
    assert client.get(chart(world.kecamatan)).status_code == 404
    assert (
        client.patch(
            detail(world.kecamatan), {"name": "X", "version": 1}, content_type="application/json"
        ).status_code
        == 404
    )


def test_the_org_chart_shows_leaders_people_and_sub_units(world, login):
    response = login("pegawai").get(chart(world.kecamatan))

    assert response.status_code == 200
    body = response.json()
    assert body["unit"] == {
        "id": world.kecamatan.pk,
        "name": "Kecamatan Plaju",
        "kind": "kecamatan",
    }
    assert body["headcount"] == 7
    assert [(p["name"], p["position"]["name"]) for p in body["leaders"]] == [
        ("Hendra Saputra", "Camat Plaju")
    ]
    assert [(p["name"], p["position"]) for p in body["people"]] == [
        ("Agus Salim", None),
        ("Rina Marlina", None),
    ]
    assert [
        (c["unit"]["name"], c["headcount"], [p["name"] for p in c["leaders"]])
        for c in body["children"]
    ] == [("Kelurahan Plaju Ulu", 4, ["Siti Aminah"])]


def test_admin_creates_a_sub_unit_and_it_is_audited(world, login, unscoped):
    response = login("admin_bkpsdm").post(
        LIST,
        {
            "name": "Kelurahan Plaju Ilir",
            "kind": "kelurahan",
            "code": "PLJ-IL",
            "parent": world.kecamatan.pk,
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    unit = Unit.objects.get(name="Kelurahan Plaju Ilir")
    assert response.json()["parent"] == {"id": world.kecamatan.pk, "name": "Kecamatan Plaju"}
    assert (unit.agency_id, unit.depth, unit.path) == (
        world.agency.pk,
        1,
        f"{world.kecamatan.path}{unit.pk}/",
    )
    assert AuditEntry.objects.filter(action="org.unit.created", object_id=str(unit.pk)).count() == 1


def test_a_parent_of_another_agency_is_not_found(world, login, unscoped):
    response = login("admin_bkpsdm").post(
        LIST,
        {"name": "Seksi X", "kind": "seksi", "parent": world.other_unit.pk},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json() == {"parent": ["Unit tidak ditemukan."]}
    assert not Unit.objects.filter(name="Seksi X").exists()


def test_a_duplicate_name_under_the_same_parent_is_a_400_not_a_500(world, login, unscoped):
    response = login("admin_bkpsdm").post(
        LIST,
        {"name": "Kelurahan Plaju Ulu", "kind": "kelurahan", "parent": world.kecamatan.pk},
        content_type="application/json",
    )

    assert response.status_code == 400
    # The text comes from Django's Indonesian catalogue, which mistranslates "already exists".
    assert list(response.json()) == ["non_field_errors"]
    assert Unit.objects.filter(name="Kelurahan Plaju Ulu").count() == 1


@pytest.mark.parametrize("persona", ["pegawai", "kepala", "inspektur", "pemantau"])
def test_only_the_agency_admin_creates_units(world, login, unscoped, persona):
    response = login(persona).post(
        LIST, {"name": "Seksi X", "kind": "seksi"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert not Unit.objects.filter(name="Seksi X").exists()


def test_admin_renames_a_unit(world, login, unscoped):
    response = login("admin_bkpsdm").patch(
        detail(world.kelurahan),
        {"name": "Kelurahan Plaju Ulu Baru", "version": 1},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert (response.json()["name"], response.json()["version"]) == ("Kelurahan Plaju Ulu Baru", 2)
    world.kelurahan.refresh_from_db()
    assert world.kelurahan.name == "Kelurahan Plaju Ulu Baru"


def test_a_stale_unit_edit_is_a_409_and_nothing_changes(world, login, unscoped):
    services.update_unit(
        world.kelurahan,
        actor=world.users["admin_bkpsdm"],
        expected_version=1,
        address="Jl. Kapten Robani Kadir",
    )

    response = login("admin_bkpsdm").patch(
        detail(world.kelurahan),
        {"name": "Nama Lama", "version": 1},
        content_type="application/json",
    )

    assert response.status_code == 409
    world.kelurahan.refresh_from_db()
    assert (world.kelurahan.name, world.kelurahan.version) == ("Kelurahan Plaju Ulu", 2)


def test_moving_a_unit_under_itself_is_refused(world, login, unscoped):
    response = login("admin_bkpsdm").patch(
        detail(world.kecamatan),
        {"parent": world.kelurahan.pk, "version": 1},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "parent": ["Unit induk tidak boleh unit itu sendiri atau bawahannya."]
    }
    world.kecamatan.refresh_from_db()
    assert world.kecamatan.parent_id is None


def test_an_edit_without_version_is_refused(world, login):
    response = login("admin_bkpsdm").patch(
        detail(world.kelurahan), {"name": "X"}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {"version": ["Versi data wajib dikirim."]}


def test_pemantau_reads_units_of_every_agency_but_cannot_edit(world, login, unscoped):
    client = login("pemantau")

    assert client.get(detail(world.other_unit)).status_code == 200
    response = client.patch(
        detail(world.other_unit), {"name": "X", "version": 1}, content_type="application/json"
    )

    assert response.status_code == 403
    world.other_unit.refresh_from_db()
    assert world.other_unit.name == "Dinas Kesehatan"


def test_unit_list_query_count_does_not_grow_with_the_page_size(
    world, login, unscoped, django_assert_num_queries
):
    for number in range(60):
        services.create_unit(
            world.agency,
            actor=None,
            name=f"Seksi {number:02d}",
            kind="seksi",
            parent=world.kelurahan,
        )
    client = login("admin_bkpsdm")

    with CaptureQueriesContext(connection) as small_page:
        assert len(client.get(LIST, {"page_size": 5}).json()["results"]) == 5
    with django_assert_num_queries(len(small_page)):
        assert len(client.get(LIST, {"page_size": 50}).json()["results"]) == 50
