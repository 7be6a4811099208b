"""GET /api/v1/employees/: the list scoped per persona, its filters, paging and query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.org.models import PositionKind
from tests import factories

URL = reverse("api-employee-list")
PALEMBANG = [
    "Agus Salim",
    "Budi Santoso",
    "Dewi Lestari",
    "Hendra Saputra",
    "Rina Marlina",
    "Siti Aminah",
    "Yuni Kartika",
]
SUBULUSSALAM = ["Cut Nyak Dien", "Teuku Rahmat"]


def names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("pegawai", ["Budi Santoso"]),
        ("atasan", ["Budi Santoso", "Dewi Lestari", "Siti Aminah"]),
        ("kepala", PALEMBANG),
        ("admin_bkpsdm", PALEMBANG),
        ("inspektur", PALEMBANG),
        ("petugas_layanan", ["Yuni Kartika"]),
        ("pemantau", sorted(PALEMBANG + SUBULUSSALAM)),
        ("admin_agensi_lain", SUBULUSSALAM),
    ],
)
def test_each_persona_lists_exactly_the_employees_they_may_see(auditing, login, persona, expected):
    """`inspektur` is auditing Kecamatan Plaju, the whole of Palembang's tree here (issue 7)."""
    response = login(persona).get(URL)

    assert response.status_code == 200
    assert names(response) == expected
    assert response.json()["count"] == len(expected)


def test_anonymous_caller_is_refused(client, world):
    response = client.get(URL)

    assert response.status_code == 403
    assert response.json() == {"detail": "Data autentikasi tidak diberikan."}


def test_a_row_shows_identity_rank_unit_position_and_supervisor(world, login):
    response = login("atasan").get(URL, {"q": "Budi"})

    pegawai = world.pegawai
    assert response.json()["results"] == [
        {
            "id": pegawai.pk,
            "nip": pegawai.nip,
            "nip_display": pegawai.nip_display,
            "employee_type": "pns",
            "name": "Budi Santoso",
            "front_title": "",
            "back_title": "",
            "full_name": "Budi Santoso",
            "sex": "L",
            "birth_place": "",
            "birth_date": "1986-09-26",
            "rank": "II/c",
            "rank_name": "Pengatur",
            "rank_since": None,
            "unit": {"id": world.kelurahan.pk, "name": "Kelurahan Plaju Ulu"},
            "position": {
                "id": pegawai.position_id,
                "name": "Pengadministrasi Umum",
                "kind": "pelaksana",
            },
            "position_since": "2020-01-01",
            "supervisor": {"id": world.atasan.pk, "nip": world.atasan.nip, "name": "Siti Aminah"},
            "education": "",
            "email": "",
            "phone": "",
            "is_active": True,
            "inactive_reason": "",
            "inactive_since": None,
            "version": 1,
        }
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "siti"}, ["Siti Aminah"]),
        ({"rank": "II/d"}, ["Dewi Lestari"]),
        ({"position_kind": PositionKind.PENGAWAS}, ["Siti Aminah"]),
        ({"employee_type": "pppk"}, []),
        ({"status": "inactive"}, []),
    ],
)
def test_filters_match_the_html_list(login, params, expected):
    response = login("admin_bkpsdm").get(URL, params)

    assert response.status_code == 200
    assert names(response) == expected


def test_search_by_a_nip_typed_with_spaces(world, login):
    response = login("admin_bkpsdm").get(URL, {"q": world.rekan.nip_display})

    assert names(response) == ["Dewi Lestari"]


def test_unit_filter_includes_sub_units_unless_asked_not_to(world, login):
    client = login("admin_bkpsdm")

    subtree = client.get(URL, {"unit": world.kecamatan.pk})
    own_unit = client.get(URL, {"unit": world.kecamatan.pk, "include_subunits": "false"})

    assert names(subtree) == PALEMBANG
    assert names(own_unit) == ["Agus Salim", "Hendra Saputra", "Rina Marlina"]


def test_inactive_employees_are_listed_on_request(world, login):
    client = login("admin_bkpsdm")
    client.post(
        reverse("api-employee-deactivate", kwargs={"pk": world.rekan.pk}),
        {"reason": "Pensiun", "since": "2026-10-31", "version": 1},
        content_type="application/json",
    )

    assert names(client.get(URL, {"status": "inactive"})) == ["Dewi Lestari"]
    assert "Dewi Lestari" not in names(client.get(URL))
    assert "Dewi Lestari" in names(client.get(URL, {"status": "all"}))


def test_unit_of_another_agency_as_filter_is_a_400_not_a_leak(world, login):
    response = login("admin_bkpsdm").get(URL, {"unit": world.other_unit.pk})

    assert response.status_code == 400
    assert response.json() == {"unit": ["Unit tidak ditemukan."]}


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"unit": "abc"}, "unit", "Isikan ID berupa angka."),
        ({"status": "deleted"}, "status", '"deleted" tidak ada dalam daftar pilihan.'),
        ({"rank": "V/a"}, "rank", '"V/a" tidak ada dalam daftar pilihan.'),
    ],
)
def test_malformed_filters_answer_400_with_the_reason(login, params, field, message):
    response = login("admin_bkpsdm").get(URL, params)

    assert response.status_code == 400
    assert response.json() == {field: [message]}


def test_pages_are_sized_by_page_size_up_to_200(world, login):
    client = login("admin_bkpsdm")

    first = client.get(URL, {"page_size": 3})
    last = client.get(URL, {"page_size": 3, "page": 3})
    capped = client.get(URL, {"page_size": 5000})

    assert names(first) == PALEMBANG[:3]
    assert first.json()["count"] == 7
    assert first.json()["next"] == "http://testserver/api/v1/employees/?page=2&page_size=3"
    assert names(last) == ["Yuni Kartika"]
    assert names(capped) == PALEMBANG


def test_a_page_past_the_end_is_a_404(login):
    response = login("admin_bkpsdm").get(URL, {"page": 9})

    assert response.status_code == 404


def test_query_count_does_not_grow_with_the_page_size(
    world, login, unscoped, django_assert_num_queries
):
    extra_position = factories.make_position(world.kelurahan, "Analis", PositionKind.PELAKSANA)
    for number in range(60):
        factories.make_employee(
            world.kelurahan, f"Staf {number:02d}", position=extra_position, supervisor=world.atasan
        )
    client = login("admin_bkpsdm")

    with CaptureQueriesContext(connection) as small_page:
        assert len(client.get(URL, {"page_size": 5}).json()["results"]) == 5
    with django_assert_num_queries(len(small_page)):
        assert len(client.get(URL, {"page_size": 50}).json()["results"]) == 50
