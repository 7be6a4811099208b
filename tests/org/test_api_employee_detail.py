"""GET and PATCH /api/v1/employees/<pk>/: who may read one employee, and editing through
`update_employee` with optimistic concurrency."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.core.models import AuditEntry
from kinerja.org import services

STALE = (
    "Data ini telah diubah oleh pengguna lain sejak Anda membukanya. "
    "Muat ulang halaman untuk melihat perubahan terbaru, lalu ulangi."
)


def url(employee) -> str:
    return reverse("api-employee-detail", kwargs={"pk": employee.pk})


def patch(client, employee, body):
    return client.patch(url(employee), body, content_type="application/json")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("pegawai", 200),
        ("rekan", 404),
        ("atasan", 200),
        ("kepala", 200),
        ("admin_bkpsdm", 200),
        ("inspektur", 200),
        ("petugas_layanan", 404),
        ("pemantau", 200),
        ("superuser", 200),
        ("admin_agensi_lain", 404),
    ],
)
def test_who_may_read_pegawai(world, auditing, login, persona, status):
    """`inspektur` is auditing pegawai's kecamatan (issue 7: without it, 404)."""
    response = login(persona).get(url(world.pegawai))

    assert response.status_code == status
    if status == 200:
        assert response.json()["nip"] == world.pegawai.nip
    else:
        assert response.json() == {"detail": "Data tidak ditemukan."}


def test_an_unknown_or_non_numeric_id_is_a_404(world, login):
    client = login("admin_bkpsdm")

    assert client.get("/api/v1/employees/abc/").status_code == 404
    assert client.get(f"/api/v1/employees/{10**30}/").status_code == 404


def test_admin_edits_personnel_data_and_it_is_audited(world, login, unscoped):
    response = patch(
        login("admin_bkpsdm"),
        world.pegawai,
        {"front_title": "Ir.", "phone": "0811-7000-123", "version": 1},
    )

    assert response.status_code == 200
    assert (response.json()["full_name"], response.json()["version"]) == ("Ir. Budi Santoso", 2)
    world.pegawai.refresh_from_db()
    assert (world.pegawai.front_title, world.pegawai.phone, world.pegawai.version) == (
        "Ir.",
        "0811-7000-123",
        2,
    )
    entry = AuditEntry.objects.get(action="org.employee.updated", object_id=str(world.pegawai.pk))
    assert entry.changes == {"front_title": ["", "Ir."], "phone": ["", "0811-7000-123"]}


def test_a_stale_version_is_a_409_and_nothing_changes(world, login, unscoped):
    services.update_employee(
        world.pegawai, actor=world.users["admin_bkpsdm"], expected_version=1, education="S1"
    )

    response = patch(login("admin_bkpsdm"), world.pegawai, {"name": "Budi S.", "version": 1})

    assert response.status_code == 409
    assert response.json() == {"detail": STALE, "code": "stale"}
    world.pegawai.refresh_from_db()
    assert (world.pegawai.name, world.pegawai.education, world.pegawai.version) == (
        "Budi Santoso",
        "S1",
        2,
    )


def test_an_edit_without_version_is_refused(world, login, unscoped):
    response = patch(login("admin_bkpsdm"), world.pegawai, {"name": "Budi S."})

    assert response.status_code == 400
    assert response.json() == {"version": ["Versi data wajib dikirim."]}
    world.pegawai.refresh_from_db()
    assert world.pegawai.name == "Budi Santoso"


def test_unit_and_position_change_only_through_a_transfer(world, login, unscoped):
    response = patch(
        login("admin_bkpsdm"), world.pegawai, {"unit": world.kecamatan.pk, "version": 1}
    )

    assert response.status_code == 400
    assert response.json() == {"unit": ["Unit kerja dan jabatan diubah melalui mutasi (transfer)."]}
    world.pegawai.refresh_from_db()
    assert world.pegawai.unit_id == world.kelurahan.pk


def test_a_supervisor_cycle_is_refused(world, login, unscoped):
    response = patch(
        login("admin_bkpsdm"), world.kepala, {"supervisor": world.pegawai.pk, "version": 1}
    )

    assert response.status_code == 400
    assert response.json() == {
        "supervisor": ["Atasan ini membuat rantai atasan yang berputar (siklus)."]
    }
    world.kepala.refresh_from_db()
    assert world.kepala.supervisor_id is None


def test_a_supervisor_of_another_agency_is_not_found(world, login, unscoped):
    response = patch(
        login("admin_bkpsdm"), world.pegawai, {"supervisor": world.pegawai_lain.pk, "version": 1}
    )

    assert response.status_code == 400
    assert response.json() == {"supervisor": ["Pegawai tidak ditemukan."]}


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"version": "satu"}, {"version": ["Nilai bidang ini harus berupa bilangan bulat."]}),
        (
            {"rank_since": "2020-13-01", "version": 1},
            {
                "rank_since": [
                    "Format tanggal salah. Gunakan salah satu format berikut: YYYY-MM-DD."
                ]
            },
        ),
        (
            {"rank": "PPPK-IX", "version": 1},
            {"rank": ["Golongan tidak sesuai dengan jenis pegawai (PNS/PPPK)."]},
        ),
    ],
)
def test_bad_input_is_a_400_with_the_reason(world, login, unscoped, body, errors):
    response = patch(login("admin_bkpsdm"), world.pegawai, body)

    assert response.status_code == 400
    assert response.json() == errors
    world.pegawai.refresh_from_db()
    assert world.pegawai.version == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("pegawai", 403),
        ("atasan", 403),
        ("kepala", 403),
        ("inspektur", 403),
        ("pemantau", 403),
        ("admin_agensi_lain", 404),
    ],
)
def test_only_the_agency_admin_edits_and_a_denied_edit_changes_nothing(
    world, auditing, login, unscoped, persona, status
):
    """`inspektur` is auditing pegawai's kecamatan: they read pegawai, and still may not edit."""
    response = patch(login(persona), world.pegawai, {"name": "Diubah", "version": 1})

    assert response.status_code == status
    world.pegawai.refresh_from_db()
    assert (world.pegawai.name, world.pegawai.version) == ("Budi Santoso", 1)
