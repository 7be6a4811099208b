"""POST /api/v1/employees/: the agency admin adds an employee through `create_employee`."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.core.models import AuditEntry
from kinerja.org.models import Employee, PositionHistory

URL = reverse("api-employee-list")
NIP = "199001152015031001"


def payload(world, **changes) -> dict:
    return {
        "employee_type": "pns",
        "nip": "19900115 201503 1 001",
        "name": "Fajar Nugroho",
        "back_title": "S.Kom.",
        "birth_date": "1990-01-15",
        "sex": "L",
        "rank": "III/a",
        "unit": world.kelurahan.pk,
        "position": world.pegawai.position_id,
        "supervisor": world.atasan.pk,
        **changes,
    }


def post(client, body):
    return client.post(URL, body, content_type="application/json")


def test_admin_adds_an_employee_and_it_is_audited(world, login, unscoped):
    response = post(login("admin_bkpsdm"), payload(world))

    assert response.status_code == 201
    employee = Employee.objects.get(nip=NIP)
    body = response.json()
    assert (body["id"], body["nip"], body["full_name"], body["rank_name"]) == (
        employee.pk,
        NIP,
        "Fajar Nugroho, S.Kom.",
        "Penata Muda",
    )
    assert body["unit"] == {"id": world.kelurahan.pk, "name": "Kelurahan Plaju Ulu"}
    assert body["supervisor"] == {
        "id": world.atasan.pk,
        "nip": world.atasan.nip,
        "name": "Siti Aminah",
    }
    assert employee.agency_id == world.agency.pk
    entry = AuditEntry.objects.get(action="org.employee.created", object_id=str(employee.pk))
    assert entry.actor == world.users["admin_bkpsdm"]
    assert entry.changes["nip"] == [None, NIP]
    assert PositionHistory.objects.filter(employee=employee).count() == 1


def test_a_bad_nip_is_a_400_with_the_reason_and_nothing_is_created(world, login, unscoped):
    response = post(login("admin_bkpsdm"), payload(world, nip="12345"))

    assert response.status_code == 400
    assert response.json() == {"nip": ["NIP harus 18 digit (tertulis 5 digit)"]}
    assert not Employee.objects.filter(name="Fajar Nugroho").exists()


def test_a_nip_disagreeing_with_the_birth_date_is_refused(world, login, unscoped):
    response = post(login("admin_bkpsdm"), payload(world, birth_date="1990-01-16"))

    assert response.status_code == 400
    assert response.json() == {
        "nip": [
            "tanggal lahir dalam NIP (15-01-1990) berbeda dengan tanggal lahir pegawai (16-01-1990)"
        ]
    }


def test_a_nip_already_registered_is_refused(world, login, unscoped):
    response = post(
        login("admin_bkpsdm"), payload(world, nip=world.rekan.nip, birth_date="1986-09-26", sex="P")
    )

    assert response.status_code == 400
    assert response.json() == {"nip": ["NIP / NI PPPK ini sudah terdaftar."]}


def test_a_nip_registered_in_another_agency_is_refused_not_a_500(world, login, unscoped):
    response = post(
        login("admin_bkpsdm"), payload(world, nip=world.pegawai_lain.nip, birth_date="1986-09-26")
    )

    assert response.status_code == 400
    assert response.json() == {"nip": ["NIP / NI PPPK ini sudah terdaftar."]}
    assert Employee.objects.filter(nip=world.pegawai_lain.nip).count() == 1


@pytest.mark.parametrize(
    ("field", "other_agency_object"),
    [
        ("unit", lambda w: w.other_unit.pk),
        ("supervisor", lambda w: w.pegawai_lain.pk),
    ],
)
def test_ids_of_another_agency_are_not_found(world, login, unscoped, field, other_agency_object):
    response = post(login("admin_bkpsdm"), payload(world, **{field: other_agency_object(world)}))

    assert response.status_code == 400
    message = {"unit": "Unit tidak ditemukan.", "supervisor": "Pegawai tidak ditemukan."}[field]
    assert response.json() == {field: [message]}
    assert not Employee.objects.filter(name="Fajar Nugroho").exists()


def test_a_position_of_another_unit_is_refused_by_the_service(world, login, unscoped):
    response = post(login("admin_bkpsdm"), payload(world, unit=world.kecamatan.pk))

    assert response.status_code == 400
    assert response.json() == {"position": ["Jabatan tidak berada di unit kerja yang dipilih."]}


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"birth_date": "15-01-1990"},
            {
                "birth_date": [
                    "Format tanggal salah. Gunakan salah satu format berikut: YYYY-MM-DD."
                ]
            },
        ),
        ({"unit": "dua"}, {"unit": ["Isikan ID berupa angka."]}),
        ({"unit": 10**30}, {"unit": ["Unit tidak ditemukan."]}),
        ({"sex": "X"}, {"sex": ['"X" tidak ada dalam daftar pilihan.']}),
        ({"name": ""}, {"name": ["Bidang ini tidak boleh kosong."]}),
        ({"email": "bukan-email"}, {"email": ["Masukkan alamat email dengan format yang benar."]}),
    ],
)
def test_malformed_input_is_a_400_never_a_500(world, login, changes, errors):
    response = post(login("admin_bkpsdm"), payload(world, **changes))

    assert response.status_code == 400
    assert response.json() == errors


def test_required_fields_are_named(world, login):
    response = post(login("admin_bkpsdm"), {})

    assert response.status_code == 400
    assert sorted(response.json()) == ["birth_date", "name", "nip", "sex", "unit"]


def test_malformed_json_is_a_400(world, login):
    response = login("admin_bkpsdm").post(URL, "{nip:", content_type="application/json")

    assert response.status_code == 400


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "kepala", "inspektur", "pemantau"])
def test_only_the_agency_admin_may_add_employees(world, login, unscoped, persona):
    response = post(login(persona), payload(world))

    assert response.status_code == 403
    assert response.json() == {"detail": "Anda tidak berwenang melakukan tindakan ini."}
    assert not Employee.objects.filter(nip=NIP).exists()


def test_a_denied_caller_gets_403_even_with_an_invalid_body(world, login):
    response = post(login("pemantau"), {"nip": "1"})

    assert response.status_code == 403


def test_the_admin_of_another_agency_adds_to_their_own_agency_only(world, login, unscoped):
    response = post(login("admin_agensi_lain"), payload(world))

    assert response.status_code == 400
    assert response.json() == {
        "unit": ["Unit tidak ditemukan."],
        "position": ["Jabatan tidak ditemukan."],
        "supervisor": ["Pegawai tidak ditemukan."],
    }
    assert not Employee.objects.filter(nip=NIP).exists()


def test_a_superuser_without_agency_is_told_why_not_given_a_500(world, login, unscoped):
    response = post(login("superuser"), payload(world))

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Akun tanpa instansi tidak dapat menambah data organisasi."
    }
