"""POST /api/v1/employees/<pk>/{transfer,deactivate,reactivate}/: the personnel actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import AuditEntry, User
from kinerja.org.models import PositionHistory, PositionKind
from tests import factories

# After the start of everyone's current post (the day the test world was made).
EFFECTIVE = timezone.localdate() + dt.timedelta(days=7)


def action(client, name, employee, body):
    return client.post(
        reverse(f"api-employee-{name}", kwargs={"pk": employee.pk}),
        body,
        content_type="application/json",
    )


def test_admin_transfers_an_employee_and_the_history_follows(world, login, unscoped):
    new_position = factories.make_position(
        world.kecamatan, "Pengelola Umum", PositionKind.PELAKSANA
    )

    response = action(
        login("admin_bkpsdm"),
        "transfer",
        world.pegawai,
        {
            "unit": world.kecamatan.pk,
            "position": new_position.pk,
            "supervisor": world.kepala.pk,
            "effective_date": EFFECTIVE.isoformat(),
            "note": "SK 800/123/2026",
            "version": 1,
        },
    )

    assert response.status_code == 200
    body = response.json()
    assert body["unit"] == {"id": world.kecamatan.pk, "name": "Kecamatan Plaju"}
    assert body["position"] == {
        "id": new_position.pk,
        "name": "Pengelola Umum",
        "kind": "pelaksana",
    }
    assert body["supervisor"] == {
        "id": world.kepala.pk,
        "nip": world.kepala.nip,
        "name": "Hendra Saputra",
    }
    assert (body["position_since"], body["version"]) == (EFFECTIVE.isoformat(), 2)
    history = list(
        PositionHistory.objects.filter(employee=world.pegawai)
        .order_by("start_date")
        .values_list("unit_id", "end_date", "note")
    )
    assert history[-1] == (world.kecamatan.pk, None, "SK 800/123/2026")
    assert history[-2][:2] == (world.kelurahan.pk, EFFECTIVE - dt.timedelta(days=1))
    entry = AuditEntry.objects.get(
        action="org.employee.transferred", object_id=str(world.pegawai.pk)
    )
    assert entry.note == "SK 800/123/2026"


def test_a_transfer_into_another_agency_unit_is_not_found(world, login, unscoped):
    response = action(
        login("admin_bkpsdm"),
        "transfer",
        world.pegawai,
        {"unit": world.other_unit.pk, "effective_date": EFFECTIVE.isoformat(), "version": 1},
    )

    assert response.status_code == 400
    assert response.json() == {"unit": ["Unit tidak ditemukan."]}
    world.pegawai.refresh_from_db()
    assert (world.pegawai.unit_id, world.pegawai.version) == (world.kelurahan.pk, 1)


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {"effective_date": "kemarin"},
            {
                "effective_date": [
                    "Format tanggal salah. Gunakan salah satu format berikut: YYYY-MM-DD."
                ]
            },
        ),
        (
            {"effective_date": None},
            {"effective_date": ['Bidang ini tidak boleh diisi dengan "null".']},
        ),
        ({"position": "x"}, {"position": ["Isikan ID berupa angka."]}),
    ],
)
def test_malformed_transfers_are_400s(world, login, unscoped, body, errors):
    payload = {
        "unit": world.kecamatan.pk,
        "effective_date": EFFECTIVE.isoformat(),
        "version": 1,
        **body,
    }

    response = action(login("admin_bkpsdm"), "transfer", world.pegawai, payload)

    assert response.status_code == 400
    assert response.json() == errors


def test_a_stale_transfer_is_a_409_and_nothing_moves(world, login, unscoped):
    response = action(
        login("admin_bkpsdm"),
        "transfer",
        world.pegawai,
        {"unit": world.kecamatan.pk, "effective_date": EFFECTIVE.isoformat(), "version": 7},
    )

    assert response.status_code == 409
    world.pegawai.refresh_from_db()
    assert world.pegawai.unit_id == world.kelurahan.pk
    assert PositionHistory.objects.filter(employee=world.pegawai).count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [("atasan", 403), ("kepala", 403), ("pemantau", 403), ("admin_agensi_lain", 404)],
)
def test_only_the_agency_admin_transfers(world, login, unscoped, persona, status):
    response = action(
        login(persona),
        "transfer",
        world.pegawai,
        {"unit": world.kecamatan.pk, "effective_date": EFFECTIVE.isoformat(), "version": 1},
    )

    assert response.status_code == status
    world.pegawai.refresh_from_db()
    assert world.pegawai.unit_id == world.kelurahan.pk


def test_deactivation_locks_the_account_and_hands_subordinates_up(world, login, unscoped):
    response = action(
        login("admin_bkpsdm"),
        "deactivate",
        world.atasan,
        {"reason": "Pensiun", "since": "2026-11-30", "version": 1},
    )

    assert response.status_code == 200
    body = response.json()
    assert (
        body["is_active"],
        body["inactive_reason"],
        body["inactive_since"],
        body["version"],
    ) == (False, "Pensiun", "2026-11-30", 2)
    world.pegawai.refresh_from_db()
    assert world.pegawai.supervisor_id == world.kepala.pk
    assert User.objects.get(pk=world.users["atasan"].pk).is_active is False


def test_deactivation_needs_a_reason_and_a_date(world, login, unscoped):
    response = action(
        login("admin_bkpsdm"),
        "deactivate",
        world.pegawai,
        {"reason": "", "since": "30-11-2026", "version": 1},
    )

    assert response.status_code == 400
    assert response.json() == {
        "reason": ["Bidang ini tidak boleh kosong."],
        "since": ["Format tanggal salah. Gunakan salah satu format berikut: YYYY-MM-DD."],
    }
    world.pegawai.refresh_from_db()
    assert world.pegawai.is_active is True


def test_deactivating_twice_is_refused(world, login, unscoped):
    client = login("admin_bkpsdm")
    action(
        client,
        "deactivate",
        world.pegawai,
        {"reason": "Pindah instansi", "since": "2026-11-30", "version": 1},
    )

    response = action(
        client,
        "deactivate",
        world.pegawai,
        {"reason": "Pindah instansi", "since": "2026-11-30", "version": 2},
    )

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Pegawai ini sudah nonaktif."]}


def test_reactivation_brings_back_the_employee_and_the_account(world, login, unscoped):
    client = login("admin_bkpsdm")
    action(
        client,
        "deactivate",
        world.pegawai,
        {"reason": "Cuti di luar tanggungan negara", "since": "2026-11-30", "version": 1},
    )

    response = action(client, "reactivate", world.pegawai, {"version": 2})

    assert response.status_code == 200
    assert (response.json()["is_active"], response.json()["version"]) == (True, 3)
    assert User.objects.get(pk=world.users["pegawai"].pk).is_active is True


def test_reactivation_with_a_stale_version_is_a_409(world, login, unscoped):
    client = login("admin_bkpsdm")
    action(
        client,
        "deactivate",
        world.pegawai,
        {"reason": "Pensiun", "since": "2026-11-30", "version": 1},
    )

    response = action(client, "reactivate", world.pegawai, {"version": 1})

    assert response.status_code == 409
    world.pegawai.refresh_from_db()
    assert world.pegawai.is_active is False


def test_reactivation_needs_the_version(world, login):
    response = action(login("admin_bkpsdm"), "reactivate", world.pegawai, {})

    assert response.status_code == 400
    assert response.json() == {"version": ["Bidang ini harus diisi."]}


@pytest.mark.parametrize("name", ["deactivate", "reactivate"])
@pytest.mark.parametrize(("persona", "status"), [("pemantau", 403), ("admin_agensi_lain", 404)])
def test_viewers_and_other_agencies_cannot_change_the_status(
    world, login, unscoped, name, persona, status
):
    response = action(
        login(persona),
        name,
        world.pegawai,
        {"reason": "Pensiun", "since": "2026-11-30", "version": 1},
    )

    assert response.status_code == status
    world.pegawai.refresh_from_db()
    assert (world.pegawai.is_active, world.pegawai.version) == (True, 1)


@pytest.mark.parametrize("name", ["transfer", "deactivate", "reactivate"])
def test_actions_only_accept_post(world, login, name):
    response = login("admin_bkpsdm").get(
        reverse(f"api-employee-{name}", kwargs={"pk": world.pegawai.pk})
    )

    assert response.status_code == 405
