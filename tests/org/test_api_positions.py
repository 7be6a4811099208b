"""/api/v1/positions/: the agency admin's list of positions, creating and editing them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.core.models import AuditEntry
from kinerja.org.models import Position, PositionKind
from tests import factories

LIST = reverse("api-position-list")


def detail(position_id: int) -> str:
    return reverse("api-position-detail", kwargs={"pk": position_id})


def rows(response) -> list[tuple[str, str, int]]:
    return [
        (row["name"], row["unit"]["name"], row["holder_count"])
        for row in response.json()["results"]
    ]


def test_admin_lists_the_positions_in_tree_order_with_holder_counts(world, login):
    response = login("admin_bkpsdm").get(LIST)

    assert response.status_code == 200
    assert rows(response) == [
        ("Camat Plaju", "Kecamatan Plaju", 1),
        ("Lurah Plaju Ulu", "Kelurahan Plaju Ulu", 1),
        ("Pengadministrasi Umum", "Kelurahan Plaju Ulu", 2),
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "lurah"}, ["Lurah Plaju Ulu"]),
        ({"kind": "administrator"}, ["Camat Plaju"]),
        ({"unit": "KELURAHAN"}, ["Lurah Plaju Ulu", "Pengadministrasi Umum"]),
    ],
)
def test_position_filters(world, login, params, expected):
    if params.get("unit") == "KELURAHAN":
        params = {"unit": world.kelurahan.pk}

    response = login("admin_bkpsdm").get(LIST, params)

    assert [row["name"] for row in response.json()["results"]] == expected


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "kepala", "inspektur", "pemantau"])
def test_positions_are_for_the_agency_admin(world, login, persona):
    assert login(persona).get(LIST).status_code == 403
    assert login(persona).get(detail(world.pegawai.position_id)).status_code == 404


def test_a_position_of_another_agency_answers_404(world, login):
    assert login("admin_agensi_lain").get(detail(world.pegawai.position_id)).status_code == 404


def test_admin_creates_a_functional_position_and_it_is_audited(world, login, unscoped):
    response = login("admin_bkpsdm").post(
        LIST,
        {
            "name": "Pranata Komputer Ahli Pertama",
            "kind": "fungsional",
            "level": "ahli_pertama",
            "grade": 8,
            "unit": world.kecamatan.pk,
            "superior": world.kepala.position_id,
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    position = Position.objects.get(name="Pranata Komputer Ahli Pertama")
    assert response.json() == {
        "id": position.pk,
        "name": "Pranata Komputer Ahli Pertama",
        "kind": "fungsional",
        "level": "ahli_pertama",
        "grade": 8,
        "unit": {"id": world.kecamatan.pk, "name": "Kecamatan Plaju"},
        "superior": {"id": world.kepala.position_id, "name": "Camat Plaju"},
        "is_active": True,
        "version": 1,
    }
    assert (
        AuditEntry.objects.filter(action="org.position.created", object_id=str(position.pk)).count()
        == 1
    )


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {"kind": "fungsional"},
            {"level": ["Jenjang wajib diisi untuk jabatan JPT dan fungsional."]},
        ),
        (
            {"level": "ahli_muda"},
            {"level": ["Jenjang ini tidak berlaku untuk jenis jabatan tersebut."]},
        ),
        ({"grade": 18}, {"grade": ["Isi bidang ini harus kurang atau sama dengan 17."]}),
    ],
)
def test_invalid_positions_are_400s_with_the_reason(world, login, unscoped, body, errors):
    payload = {"name": "Analis Data", "kind": "pelaksana", "unit": world.kecamatan.pk, **body}

    response = login("admin_bkpsdm").post(LIST, payload, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == errors
    assert Position.objects.filter(unit=world.kecamatan).count() == 1


def test_a_duplicate_name_in_the_unit_is_a_400_not_a_500(world, login, unscoped):
    response = login("admin_bkpsdm").post(
        LIST,
        {
            "name": "Camat Plaju",
            "kind": "pelaksana",
            "unit": world.kecamatan.pk,
        },
        content_type="application/json",
    )

    assert response.status_code == 400
    # The text comes from Django's Indonesian catalogue, which mistranslates "already exists".
    assert list(response.json()) == ["non_field_errors"]
    assert Position.objects.filter(name="Camat Plaju").count() == 1


def test_a_unit_of_another_agency_is_not_found(world, login, unscoped):
    response = login("admin_bkpsdm").post(
        LIST,
        {
            "name": "Analis",
            "kind": "pelaksana",
            "unit": world.other_unit.pk,
        },
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json() == {"unit": ["Unit tidak ditemukan."]}


def test_pemantau_cannot_create_positions(world, login, unscoped):
    response = login("pemantau").post(
        LIST,
        {
            "name": "Analis",
            "kind": "pelaksana",
            "unit": world.kecamatan.pk,
        },
        content_type="application/json",
    )

    assert response.status_code == 403
    assert not Position.objects.filter(name="Analis").exists()


def test_admin_edits_a_position_and_a_stale_edit_is_a_409(world, login, unscoped):
    client = login("admin_bkpsdm")
    position_id = world.pegawai.position_id

    edited = client.patch(
        detail(position_id), {"grade": 5, "version": 1}, content_type="application/json"
    )
    stale = client.patch(
        detail(position_id), {"grade": 6, "version": 1}, content_type="application/json"
    )

    assert (edited.status_code, edited.json()["grade"], edited.json()["version"]) == (200, 5, 2)
    assert stale.status_code == 409
    position = Position.objects.get(pk=position_id)
    assert (position.grade, position.version) == (5, 2)


def test_position_list_query_count_does_not_grow_with_the_page_size(
    world, login, unscoped, django_assert_num_queries
):
    for number in range(60):
        factories.make_position(world.kelurahan, f"Staf {number:02d}", PositionKind.PELAKSANA)
    client = login("admin_bkpsdm")

    with CaptureQueriesContext(connection) as small_page:
        assert len(client.get(LIST, {"page_size": 5}).json()["results"]) == 5
    with django_assert_num_queries(len(small_page)):
        assert len(client.get(LIST, {"page_size": 50}).json()["results"]) == 50
