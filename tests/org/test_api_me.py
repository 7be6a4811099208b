"""GET /api/v1/me/: the signed-in user's own profile."""

from __future__ import annotations

from django.urls import reverse

URL = reverse("api-me")


def test_pegawai_sees_their_record_unit_position_and_supervisor(world, login):
    response = login("pegawai").get(URL)

    assert response.status_code == 200
    body = response.json()
    assert {
        key: body[key] for key in ("username", "full_name", "agency", "roles", "subordinate_count")
    } == {
        "username": world.pegawai.nip,
        "full_name": "Budi Santoso",
        "agency": {"id": world.agency.pk, "name": "Pemerintah Kota Palembang"},
        "roles": [],
        "subordinate_count": 0,
    }
    employee = body["employee"]
    assert (employee["id"], employee["unit"], employee["position"]["name"]) == (
        world.pegawai.pk,
        {"id": world.kelurahan.pk, "name": "Kelurahan Plaju Ulu"},
        "Pengadministrasi Umum",
    )
    assert employee["supervisor"] == {
        "id": world.atasan.pk,
        "nip": world.atasan.nip,
        "name": "Siti Aminah",
    }


def test_atasan_counts_their_active_subordinates(world, login):
    assert login("atasan").get(URL).json()["subordinate_count"] == 2


def test_kepala_sees_the_head_role(world, login):
    body = login("kepala").get(URL).json()

    assert body["roles"] == [{"code": "head", "name": "Kepala unit/instansi"}]
    assert (body["employee"]["name"], body["subordinate_count"]) == ("Hendra Saputra", 1)


def test_pemantau_has_no_agency_and_no_employee_record(world, login):
    body = login("pemantau").get(URL).json()

    assert body == {
        "username": "pemantau",
        "full_name": "",
        "agency": None,
        "roles": [{"code": "national_viewer", "name": "Pemantau nasional/provinsi"}],
        "employee": None,
        "subordinate_count": 0,
    }


def test_anonymous_callers_get_no_profile(client, world):
    assert client.get(URL).status_code == 403
