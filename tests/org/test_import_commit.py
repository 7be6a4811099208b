"""Committing an import: all or nothing, checked again, with progress; who may do it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from kinerja.org import services
from kinerja.org.models import EmployeeType, ImportJob, ImportStatus, Unit
from tests.factories import make_nip
from tests.org.test_import_files import (
    EMPLOYEE_HEADERS,
    commit,
    database_counts,
    employee_row,
    errors_of,
    preview,
)


def test_data_changed_since_the_preview_is_caught_and_nothing_is_written(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
):
    client = login("admin_bkpsdm")
    taken, fine = make_nip(), make_nip()
    job = preview(
        client, [EMPLOYEE_HEADERS, employee_row(world, nip=fine), employee_row(world, nip=taken)]
    )
    assert job.status == ImportStatus.READY
    # Meanwhile another agency registers the same NIP (it is unique nationally).
    services.create_employee(
        world.other_agency,
        actor=None,
        employee_type=EmployeeType.PNS,
        nip=taken,
        name="Orang Lain",
        birth_date=dt.date(1986, 9, 26),
        sex="L",
        unit=world.other_unit,
    )
    before = database_counts()

    job = commit(client, job, django_capture_on_commit_callbacks)

    assert job.status == ImportStatus.INVALID
    assert errors_of(job) == [(3, "NIP", "NIP sudah terdaftar di instansi lain.")]
    assert job.message == (
        "Data instansi berubah sejak pratinjau sehingga ada baris yang kini bermasalah. Tidak "
        "ada data yang disimpan; perbaiki berkas lalu unggah ulang."
    )
    assert database_counts() == before
    page = client.get(reverse("org:import-detail", args=[job.pk])).content.decode()
    assert "2 baris: 1 baru, 0 diperbarui, 1 bermasalah" in page
    assert "Terapkan impor" not in page


def test_a_unit_closed_since_the_preview_stops_the_commit(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
):
    client = login("admin_bkpsdm")
    job = preview(client, [EMPLOYEE_HEADERS, employee_row(world)])
    Unit.objects.filter(pk=world.kelurahan.pk).update(is_active=False)
    before = database_counts()

    job = commit(client, job, django_capture_on_commit_callbacks)

    assert errors_of(job) == [
        (2, "Unit Kerja", 'Unit kerja "Kelurahan Plaju Ulu" sudah tidak aktif.')
    ]
    assert database_counts() == before


FAIL_ON_HISTORY = {
    "sqlite": [
        "CREATE TRIGGER import_test_failure BEFORE INSERT ON org_positionhistory "
        "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION import_test_failure() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$",
        "CREATE TRIGGER import_test_failure BEFORE INSERT ON org_positionhistory "
        "FOR EACH ROW EXECUTE FUNCTION import_test_failure()",
    ],
}


def test_a_database_failure_midway_leaves_nothing_behind(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
    caplog,
):
    """The employees are inserted, then writing their history fails: all is rolled back."""
    client = login("admin_bkpsdm")
    job = preview(
        client,
        [
            EMPLOYEE_HEADERS,
            employee_row(world),
            employee_row(world),
            employee_row(world, nip=world.rekan.nip, name="Dewi Lestari Baru", sex="P"),
        ],
    )
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        for statement in FAIL_ON_HISTORY[connection.vendor]:
            cursor.execute(statement)
    before = database_counts()

    job = commit(client, job, django_capture_on_commit_callbacks)

    assert job.status == ImportStatus.FAILED
    assert job.message == (
        "Impor gagal saat menyimpan (data instansi berubah ketika impor berjalan). Tidak ada "
        "data yang disimpan; terapkan lagi, atau unggah ulang berkasnya."
    )
    assert database_counts() == before
    world.rekan.refresh_from_db()
    assert world.rekan.name == "Dewi Lestari"
    assert "simulated failure" in caplog.text
    page = client.get(reverse("org:import-detail", args=[job.pk])).content.decode()
    assert "Terapkan impor" in page  # a failed commit may be tried again


def test_a_file_with_errors_cannot_be_committed(
    world, login, unscoped, django_capture_on_commit_callbacks
):
    client = login("admin_bkpsdm")
    job = preview(client, [EMPLOYEE_HEADERS, employee_row(world, unit="Entah")])
    before = database_counts()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("org:import-commit", args=[job.pk]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Impor ini tidak dapat diterapkan: sudah diterapkan, sedang berjalan, atau masih ada "
        "kesalahan."
    ]
    assert database_counts() == before


def test_a_committed_job_is_not_committed_twice(
    world, login, unscoped, django_capture_on_commit_callbacks
):
    client = login("admin_bkpsdm")
    job = commit(
        client,
        preview(client, [EMPLOYEE_HEADERS, employee_row(world)]),
        django_capture_on_commit_callbacks,
    )
    before = database_counts()

    job = commit(client, job, django_capture_on_commit_callbacks)

    assert (job.status, job.created_rows) == (ImportStatus.DONE, 1)
    assert database_counts() == before


def test_commit_is_post_only(world, login, unscoped):
    client = login("admin_bkpsdm")
    job = preview(client, [EMPLOYEE_HEADERS, employee_row(world)])

    assert client.get(reverse("org:import-commit", args=[job.pk])).status_code == 405


# --- Progress -------------------------------------------------------------------------------


def running_job(world, *, processed: int) -> ImportJob:
    return ImportJob.objects.create(
        agency=world.agency,
        kind="employees",
        status=ImportStatus.RUNNING,
        file_name="besar.xlsx",
        total_rows=60000,
        processed_rows=processed,
        message="Menyimpan data…",
    )


def test_a_running_import_shows_a_progress_bar_polled_by_htmx(world, login, unscoped):
    client = login("admin_bkpsdm")
    job = running_job(world, processed=15000)
    status_url = reverse("org:import-status", args=[job.pk])

    page = client.get(reverse("org:import-detail", args=[job.pk])).content.decode()
    fragment = client.get(status_url, HTTP_HX_REQUEST="true")

    assert f'hx-get="{status_url}" hx-trigger="every 1s" hx-swap="outerHTML"' in page
    assert '<progress class="progress" max="60000" value="15000">25%</progress>' in page
    assert "Menyimpan data…" in page
    assert " style=" not in page
    assert "<script>" not in page
    body = fragment.content.decode()
    assert fragment.status_code == 200
    assert body.lstrip().startswith('<section id="import-status"')
    assert '<progress class="progress" max="60000" value="15000">' in body
    assert 'hx-trigger="every 1s"' in body


def test_a_running_import_not_yet_writing_shows_an_indeterminate_bar(world, login, unscoped):
    client = login("admin_bkpsdm")
    job = running_job(world, processed=0)

    fragment = client.get(reverse("org:import-status", args=[job.pk]), HTTP_HX_REQUEST="true")

    assert '<progress class="progress" max="60000">Sedang diproses</progress>' in (
        fragment.content.decode()
    )


def test_the_poll_asks_for_a_reload_once_the_import_stops(world, login, unscoped):
    client = login("admin_bkpsdm")
    job = running_job(world, processed=60000)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE)

    fragment = client.get(reverse("org:import-status", args=[job.pk]), HTTP_HX_REQUEST="true")

    assert fragment.status_code == 200
    assert fragment["HX-Refresh"] == "true"


# --- Who may import ---------------------------------------------------------------------------


def test_another_agency_admin_does_not_find_our_jobs(
    world, login, unscoped, django_capture_on_commit_callbacks
):
    job = preview(login("admin_bkpsdm"), [EMPLOYEE_HEADERS, employee_row(world)])
    client = login("admin_agensi_lain")
    before = database_counts()

    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.get(reverse("org:import-detail", args=[job.pk])),
            client.get(reverse("org:import-status", args=[job.pk])),
            client.post(reverse("org:import-commit", args=[job.pk])),
        ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    job.refresh_from_db()
    assert job.status == ImportStatus.READY
    assert database_counts() == before
    start = client.get(reverse("org:import-start"))
    assert "pegawai.xlsx" not in start.content.decode()


@pytest.mark.parametrize(
    "persona",
    ["pegawai", "atasan", "kepala", "inspektur", "petugas_layanan", "pemantau", "superuser"],
)
def test_only_the_agency_admin_may_import(
    world, login, unscoped, persona, django_capture_on_commit_callbacks
):
    job = preview(login("admin_bkpsdm"), [EMPLOYEE_HEADERS, employee_row(world)])
    client = login(persona)
    before = database_counts()

    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.get(reverse("org:import-start")),
            client.post(reverse("org:import-start"), {"kind": "employees"}),
            client.get(reverse("org:import-template", args=["employees"])),
            client.get(reverse("org:import-detail", args=[job.pk])),
            client.get(reverse("org:import-status", args=[job.pk])),
            client.post(reverse("org:import-commit", args=[job.pk])),
        ]

    assert [response.status_code for response in responses] == [403] * 6
    job.refresh_from_db()
    assert job.status == ImportStatus.READY
    assert database_counts() == before


def test_a_visitor_is_sent_to_sign_in(world, client, unscoped):
    response = client.get(reverse("org:import-start"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))
