"""Service requests: recorded at the desk, completed (turnaround and verdict against the
standard time), corrected; who may do it (a desk officer within the subtree their grant
names); the desk page, the request list and the API."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.citizen.models import ServiceRequest
from kinerja.citizen.services import requests
from kinerja.core.exceptions import StaleEdit
from kinerja.core.models import AuditEntry, Role, RoleGrant, User
from kinerja.org.models import UnitKind
from tests import factories
from tests.citizen.services_fixtures import at, make_request, make_service
from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("unscoped")


@pytest.fixture
def ktp(world):
    """KTP-el at Kelurahan Plaju Ulu, standard 60 minutes."""
    return make_service(world.kelurahan)


def _desk_officer(world, unit) -> User:
    """A service-desk officer whose grant names `unit` (they serve its subtree only)."""
    user = User.objects.create_user("loket.kertapati", password=PASSWORD, agency=world.agency)
    RoleGrant.objects.create(user=user, role=Role.SERVICE_DESK, unit=unit)
    return user


# --- Recording and completing ---------------------------------------------------------------


def test_desk_records_a_request_and_completing_it_stores_whole_minutes_and_the_verdict(world, ktp):
    desk = world.users["petugas_layanan"]
    received = at(2026, 3, 2, 8, 15)

    recorded = requests.record_request(
        ktp, actor=desk, received_at=received, ticket_code=" A-001 ", handled_by=world.pegawai
    )
    assert (recorded.ticket_code, recorded.unit_id, recorded.turnaround_minutes) == (
        "A-001",
        world.kelurahan.pk,
        None,
    )
    done = requests.complete_request(
        recorded,
        actor=desk,
        completed_at=received + dt.timedelta(minutes=60, seconds=59),
        expected_version=1,
    )

    assert (done.turnaround_minutes, done.within_standard, done.version) == (60, True, 2)
    entry = AuditEntry.objects.get(action="citizen.request.completed")
    assert entry.changes == {
        "completed_at": [None, "2026-03-02T09:15:59+07:00"],
        "turnaround_minutes": [None, 60],
        "within_standard": [None, True],
    }
    assert entry.actor == desk


@pytest.mark.parametrize(("minutes", "within"), [(0, True), (59, True), (60, True), (61, False)])
def test_within_standard_means_at_most_the_standard_time(world, ktp, minutes, within):
    done = make_request(ktp, received=at(2026, 3, 2), minutes=minutes)
    assert (done.turnaround_minutes, done.within_standard) == (minutes, within)


def test_a_request_is_completed_once(world, ktp):
    done = make_request(ktp, received=at(2026, 3, 2), minutes=10)
    with pytest.raises(ValidationError) as raised:
        requests.complete_request(
            done,
            actor=world.users["petugas_layanan"],
            completed_at=at(2026, 3, 2, 9),
            expected_version=1,
        )
    assert raised.value.messages == [
        "Permohonan ini sudah diselesaikan; koreksi datanya bila waktunya keliru."
    ]
    done.refresh_from_db()
    assert (done.turnaround_minutes, done.version) == (10, 1)


def test_completion_before_receipt_or_in_the_future_is_refused(world, ktp):
    open_request = make_request(ktp, received=at(2026, 3, 2, 10))
    desk = world.users["petugas_layanan"]

    with pytest.raises(ValidationError) as before:
        requests.complete_request(
            open_request, actor=desk, completed_at=at(2026, 3, 2, 9, 59), expected_version=1
        )
    with pytest.raises(ValidationError) as future:
        requests.complete_request(
            open_request,
            actor=desk,
            completed_at=timezone.now() + dt.timedelta(hours=1),
            expected_version=1,
        )

    assert before.value.message_dict == {
        "completed_at": ["Waktu selesai tidak boleh sebelum waktu diterima."]
    }
    assert future.value.message_dict == {
        "completed_at": ["Waktu selesai tidak boleh di masa depan."]
    }
    open_request.refresh_from_db()
    assert open_request.completed_at is None


def test_a_ticket_is_recorded_once_per_service(world, ktp):
    kk = make_service(world.kelurahan, name="Kartu Keluarga", code="kk")
    make_request(ktp, received=at(2026, 3, 2), ticket="A-001")

    with pytest.raises(ValidationError) as raised:
        make_request(ktp, received=at(2026, 3, 3), ticket="A-001")
    other_service = make_request(kk, received=at(2026, 3, 3), ticket="A-001")

    assert raised.value.message_dict == {
        "ticket_code": ["Nomor antrean A-001 sudah tercatat untuk layanan KTP Elektronik."]
    }
    assert other_service.service == kk
    assert ServiceRequest.objects.filter(ticket_code="A-001").count() == 2


def test_the_handler_works_in_the_service_unit_or_below(world, ktp):
    kecamatan_service = make_service(world.kecamatan, name="Surat Pindah", code="pindah")

    with pytest.raises(ValidationError) as raised:
        make_request(ktp, received=at(2026, 3, 2), handler=world.kepala)
    below = make_request(kecamatan_service, received=at(2026, 3, 2), handler=world.pegawai)

    assert raised.value.message_dict == {
        "handled_by": ["Hendra Saputra bukan pegawai Kelurahan Plaju Ulu."]
    }
    assert below.handled_by == world.pegawai


def test_a_withdrawn_service_takes_no_new_requests(world, ktp):
    from kinerja.citizen.services import catalogue

    catalogue.deactivate_service(ktp, actor=world.users["admin_bkpsdm"], expected_version=1)
    with pytest.raises(ValidationError) as raised:
        make_request(ktp, received=at(2026, 3, 2))
    assert raised.value.message_dict == {"service": ["Layanan ini sudah tidak aktif."]}


def test_a_desk_officer_whose_grant_names_a_unit_serves_only_its_subtree(world, ktp):
    kertapati = factories.make_unit(world.agency, "Kecamatan Kertapati", UnitKind.KECAMATAN)
    there = make_service(kertapati, name="Surat Domisili", code="domisili")
    officer = _desk_officer(world, kertapati)

    recorded = requests.record_request(there, actor=officer, received_at=at(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        requests.record_request(ktp, actor=officer, received_at=at(2026, 3, 2))
    open_here = make_request(ktp, received=at(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        requests.complete_request(
            open_here, actor=officer, completed_at=at(2026, 3, 2, 9), expected_version=1
        )

    assert list(ServiceRequest.objects.order_by("id").values_list("service_id", flat=True)) == [
        there.pk,
        ktp.pk,
    ]
    assert recorded.recorded_by == officer
    open_here.refresh_from_db()
    assert open_here.completed_at is None


@pytest.mark.parametrize("persona", ["inspektur", "kepala", "pegawai", "pemantau"])
def test_readers_cannot_record_or_complete(world, ktp, persona):
    open_request = make_request(ktp, received=at(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        requests.record_request(ktp, actor=world.users[persona], received_at=at(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        requests.complete_request(
            open_request,
            actor=world.users[persona],
            completed_at=at(2026, 3, 2, 9),
            expected_version=1,
        )
    assert ServiceRequest.objects.count() == 1
    open_request.refresh_from_db()
    assert open_request.completed_at is None


# --- Correcting -----------------------------------------------------------------------------


def test_a_correction_recomputes_the_turnaround_and_is_audited(world, ktp):
    done = make_request(ktp, received=at(2026, 3, 2, 8), minutes=30, ticket="A-7")
    desk = world.users["petugas_layanan"]

    corrected = requests.correct_request(
        done, actor=desk, expected_version=1, received_at=at(2026, 3, 2, 7), note="jam salah"
    )

    assert (corrected.turnaround_minutes, corrected.within_standard, corrected.version) == (
        90,
        False,
        2,
    )
    entry = AuditEntry.objects.get(action="citizen.request.corrected")
    assert entry.changes == {
        "received_at": ["2026-03-02T08:00:00+07:00", "2026-03-02T07:00:00+07:00"],
        "note": ["", "jam salah"],
        "turnaround_minutes": [30, 90],
        "within_standard": [True, False],
    }


def test_clearing_the_completion_reopens_the_request(world, ktp):
    done = make_request(ktp, received=at(2026, 3, 2, 8), minutes=30)
    reopened = requests.correct_request(
        done, actor=world.users["admin_bkpsdm"], expected_version=1, completed_at=None
    )
    assert (reopened.completed_at, reopened.turnaround_minutes, reopened.within_standard) == (
        None,
        None,
        None,
    )


def test_moving_a_request_to_another_service_follows_its_unit_and_standard(world, ktp):
    kk = make_service(world.kecamatan, name="Kartu Keluarga", code="kk", standard=20)
    done = make_request(ktp, received=at(2026, 3, 2, 8), minutes=30)

    moved = requests.correct_request(
        done, actor=world.users["admin_bkpsdm"], expected_version=1, service=kk
    )

    moved.refresh_from_db()
    assert (moved.service, moved.unit, moved.within_standard) == (kk, world.kecamatan, False)


def test_a_correction_on_an_outdated_version_is_refused(world, ktp):
    done = make_request(ktp, received=at(2026, 3, 2, 8), minutes=30)
    desk = world.users["petugas_layanan"]
    requests.correct_request(done, actor=desk, expected_version=1, note="pertama")

    with pytest.raises(StaleEdit):
        requests.correct_request(done, actor=desk, expected_version=1, note="kedua")

    done.refresh_from_db()
    assert (done.note, done.version) == ("pertama", 2)


# --- The desk page --------------------------------------------------------------------------


def test_desk_page_records_a_request_with_the_officer_as_default_handler(world, ktp, login):
    client = login("petugas_layanan")
    url = reverse("citizen:request-desk")

    page = client.get(url)
    assert page.status_code == 200
    desk_employee = world.users["petugas_layanan"].employee
    assert page.context["form"].initial["handled_by"] == desk_employee.pk

    received = timezone.localtime().replace(second=0, microsecond=0) - dt.timedelta(minutes=5)
    response = client.post(
        url,
        {
            "unit": world.kelurahan.pk,
            "service": ktp.pk,
            "ticket_code": "B-12",
            "received_at": received.strftime("%Y-%m-%dT%H:%M"),
            "handled_by": desk_employee.pk,
            "note": "",
        },
    )

    assert response.status_code == 302
    recorded = ServiceRequest.objects.get()
    assert (recorded.ticket_code, recorded.received_at, recorded.handled_by) == (
        "B-12",
        received,
        desk_employee,
    )
    queue = client.get(response["Location"])
    assert [r.ticket_code for r in queue.context["open_requests"]] == ["B-12"]
    assert "Permohonan B-12 untuk KTP Elektronik dicatat." in queue.content.decode()


def test_desk_page_shows_service_errors_on_the_form(world, ktp, login):
    make_request(ktp, received=at(2026, 3, 2), ticket="B-12")
    response = login("petugas_layanan").post(
        reverse("citizen:request-desk"),
        {
            "unit": world.kelurahan.pk,
            "service": ktp.pk,
            "ticket_code": "B-12",
            "received_at": "2026-03-03T08:00",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "ticket_code": ["Nomor antrean B-12 sudah tercatat untuk layanan KTP Elektronik."]
    }
    assert ServiceRequest.objects.count() == 1


def test_selesai_completes_now_by_default_and_returns_to_the_desk(world, ktp, login):
    received = timezone.now().replace(microsecond=0) - dt.timedelta(minutes=75)
    open_request = make_request(ktp, received=received, ticket="C-3")
    desk_url = reverse("citizen:request-desk") + f"?unit={world.kelurahan.pk}"

    response = login("petugas_layanan").post(
        reverse("citizen:request-complete", args=[open_request.pk]),
        {"version": 1, "next": desk_url},
        follow=True,
    )

    open_request.refresh_from_db()
    assert response.redirect_chain == [(desk_url, 302)]
    assert open_request.turnaround_minutes in (75, 76)  # the clock moves on during the test
    assert open_request.within_standard is False
    assert "Permohonan C-3 selesai dalam 1 jam 1" in response.content.decode()


def test_selesai_with_a_given_time_and_a_foreign_next_url_stays_on_the_site(world, ktp, login):
    open_request = make_request(ktp, received=at(2026, 3, 2, 8))
    response = login("admin_bkpsdm").post(
        reverse("citizen:request-complete", args=[open_request.pk]),
        {"version": 1, "completed_at": "2026-03-02T08:45", "next": "https://contoh.id/"},
    )
    assert response["Location"] == reverse("citizen:request-detail", args=[open_request.pk])
    open_request.refresh_from_db()
    assert (open_request.turnaround_minutes, open_request.within_standard) == (45, True)


def test_inspector_cannot_complete_a_request(world, ktp, auditing, login):
    """`inspektur` is auditing the kecamatan, so reads the request: reading is not recording."""
    open_request = make_request(ktp, received=at(2026, 3, 2, 8))
    response = login("inspektur").post(
        reverse("citizen:request-complete", args=[open_request.pk]), {"version": 1}
    )
    assert response.status_code == 403
    open_request.refresh_from_db()
    assert open_request.completed_at is None


def test_desk_without_services_explains_what_to_do(world, login):
    response = login("petugas_layanan").get(reverse("citizen:request-desk"))
    assert response.status_code == 200
    assert "Belum ada layanan aktif di unit yang Anda layani." in response.content.decode()


# --- The request list and one request -----------------------------------------------------------


def _history(world, ktp, count: int) -> None:
    for n in range(count):
        make_request(
            ktp,
            received=at(2026, 3, 2 + n % 20, 8),
            minutes=30 + n if n % 3 else None,
            ticket=f"T-{n:03d}",
            handler=world.pegawai if n % 2 else world.rekan,
        )


def test_request_list_filters_and_pages_in_a_constant_number_of_queries(
    world, ktp, login, django_assert_num_queries
):
    _history(world, ktp, 6)
    client = login("kepala")
    url = reverse("citizen:request-list")
    client.get(url)

    with django_assert_num_queries(15):  # incl. the side menu's unread announcements
        few = client.get(url)
    _history_more = [
        make_request(ktp, received=at(2026, 4, 1 + n, 8), minutes=10, ticket=f"U-{n}")
        for n in range(20)
    ]
    with django_assert_num_queries(15):  # incl. the side menu's unread announcements
        many = client.get(url)
    assert few.context["page"].paginator.count == 6
    assert many.context["page"].paginator.count == 26 == 6 + len(_history_more)

    open_only = client.get(url, {"status": "open"}).context["page"].object_list
    assert [r.ticket_code for r in open_only] == ["T-003", "T-000"]
    by_handler = client.get(
        url,
        {
            "handled_by": world.pegawai.pk,
            "received_from": "2026-03-03",
            "received_to": "2026-03-04",
        },
    ).context["page"]
    assert [r.ticket_code for r in by_handler.object_list] == ["T-001"]


def test_request_list_exports_xlsx(world, ktp, login):
    make_request(ktp, received=at(2026, 3, 2, 8), minutes=75, ticket="A-1", handler=world.pegawai)
    response = login("admin_bkpsdm").get(reverse("citizen:request-list"), {"format": "xlsx"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1] == (
        "KTP Elektronik",
        "ktp-el",
        "Kelurahan Plaju Ulu",
        "A-1",
        dt.datetime(2026, 3, 2, 8, 0),  # noqa: DTZ001 (local time, as the sheet shows it)
        dt.datetime(2026, 3, 2, 9, 15),  # noqa: DTZ001
        75,
        60,
        "Tidak",
        world.pegawai.nip,
        "Budi Santoso",
        "Dicatat petugas",
        None,
    )


def test_request_page_corrects_for_the_desk_and_only_shows_for_the_head(world, ktp, login):
    done = make_request(ktp, received=at(2026, 3, 2, 8), minutes=30, ticket="A-1")
    url = reverse("citizen:request-detail", args=[done.pk])

    assert login("kepala").get(url).context["form"] is None
    assert login("kepala").post(url, {"version": 1}).status_code == 403
    response = login("petugas_layanan").post(
        url,
        {
            "service": ktp.pk,
            "ticket_code": "A-1",
            "received_at": "2026-03-02T08:00",
            "completed_at": "2026-03-02T08:50",
            "handled_by": "",
            "note": "",
            "version": 1,
        },
    )

    assert response.status_code == 302
    done.refresh_from_db()
    assert (done.turnaround_minutes, done.version) == (50, 2)


# --- API --------------------------------------------------------------------------------------


def test_api_records_completes_and_corrects_a_request(world, ktp, login):
    client = login("petugas_layanan")

    created = client.post(
        "/api/v1/citizen/requests/",
        {"service": ktp.pk, "ticket_code": "A-9", "received_at": "2026-03-02T08:00:00+07:00"},
        content_type="application/json",
    )
    pk = created.json()["id"]
    completed = client.post(
        f"/api/v1/citizen/requests/{pk}/complete/",
        {"completed_at": "2026-03-02T08:40:00+07:00", "version": 1},
        content_type="application/json",
    )
    stale = client.patch(
        f"/api/v1/citizen/requests/{pk}/",
        {"note": "x", "version": 1},
        content_type="application/json",
    )
    again = client.post(
        f"/api/v1/citizen/requests/{pk}/complete/",
        {"version": 2},
        content_type="application/json",
    )

    assert created.status_code == 201
    assert (completed.status_code, completed.json()["turnaround_minutes"]) == (200, 40)
    assert completed.json()["within_standard"] is True
    assert stale.status_code == 409
    assert (again.status_code, again.json()) == (
        400,
        {
            "non_field_errors": [
                "Permohonan ini sudah diselesaikan; koreksi datanya bila waktunya keliru."
            ]
        },
    )


def test_api_request_list_is_filtered_and_scoped(world, ktp, auditing, login):
    """`inspektur` is auditing the kecamatan (issue 7): its requests, not another agency's."""
    make_request(ktp, received=at(2026, 3, 2, 8), minutes=30, ticket="A-1")
    make_request(ktp, received=at(2026, 3, 3, 8), ticket="A-2")
    other = make_service(world.other_unit)
    make_request(other, received=at(2026, 3, 3, 8), ticket="Z-1")

    mine = login("inspektur").get("/api/v1/citizen/requests/", {"status": "open"}).json()
    bad = login("inspektur").get("/api/v1/citizen/requests/", {"status": "kemarin"})

    assert [r["ticket_code"] for r in mine["results"]] == ["A-2"]
    assert (bad.status_code, bad.json()) == (400, {"status": ["Pilih open atau completed."]})
