"""A good employee sheet: new people with their supervisor chain and history, updates audited."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import AuditEntry
from kinerja.org.models import Employee, EmployeeType, ImportStatus, PositionHistory
from tests.factories import make_nip
from tests.org.test_import_files import (
    EMPLOYEE_HEADERS,
    commit,
    database_counts,
    employee_row,
    preview,
)


def test_a_good_file_creates_everyone_with_their_supervisor_chain(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
):
    client = login("admin_bkpsdm")
    first, second, third = make_nip(), make_nip(sex="P"), make_nip()
    rows = [  # the chain third → second → first → atasan, written bottom-up
        employee_row(world, nip=third, name="Citra Dewi", supervisor=second, sex=""),
        employee_row(world, nip=second, name="Bunga Lestari", supervisor=first, sex="P"),
        employee_row(world, nip=first, name="Andi Wijaya", supervisor=world.atasan.nip),
    ]
    before = database_counts()

    job = preview(client, [EMPLOYEE_HEADERS, *rows])
    page = client.get(reverse("org:import-detail", args=[job.pk])).content.decode()
    assert "3 baris: 3 baru, 0 diperbarui, 0 bermasalah" in page
    assert "Terapkan impor" in page
    job = commit(client, job, django_capture_on_commit_callbacks)

    assert (job.status, job.created_rows, job.updated_rows, job.processed_rows) == (
        ImportStatus.DONE,
        3,
        0,
        3,
    )
    assert job.message == "Impor selesai: 3 baru, 0 diperbarui."
    assert job.rows == {}
    people = {e.nip: e for e in Employee.objects.filter(nip__in=[first, second, third])}
    assert people[third].supervisor == people[second]
    assert people[second].supervisor == people[first]
    assert people[first].supervisor == world.atasan
    assert {
        (e.agency, e.unit, e.position.name, e.rank, e.employee_type, e.birth_date)
        for e in people.values()
    } == {
        (
            world.agency,
            world.kelurahan,
            "Pengadministrasi Umum",
            "II/c",
            EmployeeType.PNS,
            dt.date(1986, 9, 26),
        )
    }
    assert people[third].sex == "L"  # taken from the NIP when the cell is blank
    history = PositionHistory.objects.filter(employee__in=people.values())
    assert sorted(
        (h.employee.nip, h.unit_id, h.start_date, h.end_date, h.note) for h in history
    ) == sorted(
        (nip, world.kelurahan.pk, timezone.localdate(), None, "Data awal (impor)") for nip in people
    )
    after = database_counts()
    assert {name: after[name] - before[name] for name in after} == {
        "employees": 3,
        "units": 0,
        "positions": 0,
        "history": 3,
        "audit": 1,
    }
    entry = AuditEntry.objects.get(action="org.import.committed")
    assert (entry.agency, entry.actor, entry.object_id, entry.object_repr) == (
        world.agency,
        world.users["admin_bkpsdm"],
        str(job.pk),
        "Pegawai · pegawai.xlsx",
    )
    assert entry.changes == {"created_rows": [None, 3], "updated_rows": [None, 0]}
    detail = client.get(reverse("org:import-detail", args=[job.pk])).content.decode()
    assert "Impor selesai: 3 baru, 0 diperbarui." in detail


def test_an_existing_nip_updates_that_employee_and_the_change_is_audited(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
):
    client = login("admin_bkpsdm")
    pegawai = world.pegawai
    Employee.objects.filter(pk=pegawai.pk).update(email="budi@palembang.go.id")
    new = make_nip()
    rows = [
        employee_row(world, nip=pegawai.nip, name="Budi Santoso Putra", rank="III/a"),
        employee_row(world, nip=new),
    ]
    before = database_counts()

    job = preview(client, [EMPLOYEE_HEADERS, *rows])
    assert (job.created_rows, job.updated_rows) == (1, 1)
    job = commit(client, job, django_capture_on_commit_callbacks)

    pegawai.refresh_from_db()
    assert (job.status, job.created_rows, job.updated_rows) == (ImportStatus.DONE, 1, 1)
    assert (pegawai.name, pegawai.rank, pegawai.version) == ("Budi Santoso Putra", "III/a", 2)
    assert pegawai.email == "budi@palembang.go.id"  # not a column of the file: left alone
    assert pegawai.supervisor == world.atasan
    after = database_counts()
    assert {name: after[name] - before[name] for name in after} == {
        "employees": 1,
        "units": 0,
        "positions": 0,
        "history": 1,
        "audit": 2,
    }
    entry = AuditEntry.objects.get(action="org.employee.updated", object_id=str(pegawai.pk))
    assert entry.actor == world.users["admin_bkpsdm"]
    assert entry.changes == {
        "name": ["Budi Santoso", "Budi Santoso Putra"],
        "rank": ["II/c", "III/a"],
    }
    assert entry.note == "Impor pegawai.xlsx"


def test_moving_an_employee_closes_the_old_history_row(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
):
    client = login("admin_bkpsdm")
    rekan = world.rekan
    old_since = rekan.position_since
    rows = [
        ["NIP", "Nama", "Unit Kerja", "Jabatan", "TMT Jabatan", "NIP Atasan"],
        [rekan.nip, rekan.name, "Kecamatan Plaju", "", "01-07-2026", world.kepala.nip],
    ]

    job = commit(client, preview(client, rows), django_capture_on_commit_callbacks)

    rekan.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (rekan.unit, rekan.position, rekan.supervisor, rekan.position_since) == (
        world.kecamatan,
        None,
        world.kepala,
        dt.date(2026, 7, 1),
    )
    assert [(h.unit, h.end_date) for h in rekan.history.order_by("start_date")] == [
        (world.kelurahan, dt.date(2026, 6, 30)),
        (world.kecamatan, None),
    ]
    entry = AuditEntry.objects.get(action="org.employee.updated", object_id=str(rekan.pk))
    assert entry.changes == {
        "unit": ["Kelurahan Plaju Ulu", "Kecamatan Plaju"],
        "position": ["Pengadministrasi Umum", None],
        "position_since": [old_since and old_since.isoformat(), "2026-07-01"],
        "supervisor": ["Siti Aminah", "Hendra Saputra"],
    }


def test_a_pppk_employee_is_imported_with_their_ni_pppk_and_grade(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
):
    client = login("admin_bkpsdm")
    ni_pppk = "199003152022211001"  # born 15-03-1990, 2022, PPPK code 2, intake 1, male, 001
    rows = [
        ["NI PPPK", "Nama", "Jenis Pegawai", "Golongan", "Unit Kerja", "Email"],
        [ni_pppk, "Joko Susilo", "PPPK", "9", "KELURAHAN PLAJU ULU", "joko@palembang.go.id"],
    ]

    job = commit(client, preview(client, rows), django_capture_on_commit_callbacks)

    employee = Employee.objects.get(nip=ni_pppk)
    assert job.status == ImportStatus.DONE
    assert (
        employee.employee_type,
        employee.rank,
        employee.birth_date,
        employee.sex,
        employee.email,
    ) == (EmployeeType.PPPK, "PPPK-IX", dt.date(1990, 3, 15), "L", "joko@palembang.go.id")


def test_importing_the_same_file_twice_updates_without_changes(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
):
    client = login("admin_bkpsdm")
    rows = [EMPLOYEE_HEADERS, employee_row(world), employee_row(world)]
    commit(client, preview(client, rows), django_capture_on_commit_callbacks)
    before = database_counts()

    job = commit(
        client, preview(client, rows, name="lagi.xlsx"), django_capture_on_commit_callbacks
    )

    assert (job.status, job.created_rows, job.updated_rows) == (ImportStatus.DONE, 0, 2)
    after = database_counts()
    assert {name: after[name] - before[name] for name in after} == {
        "employees": 0,
        "units": 0,
        "positions": 0,
        "history": 0,
        "audit": 1,
    }
