"""Handling complaints: desk entry, assignment, first response, resolution (on time or not),
re-classification, rejection, the list with its filters and summary, and the same through the
API. Every denied action leaves the complaint as it was."""

from __future__ import annotations

import datetime as dt
import io
import re

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.citizen.deadlines import ComplaintClass
from kinerja.citizen.models import Complaint, ComplaintStatus
from kinerja.core.models import AuditEntry, Notification
from tests.citizen.complaint_fixtures import (
    FRIDAY_MORNING,
    clear_rate_limits,
    complaint_in,
    fresh,
)

__all__ = ["clear_rate_limits"]
TICKET = re.compile(r"^ADU-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$")


def _version_post(client, name, complaint, **data):
    url = reverse(f"citizen:{name}", args=[complaint.pk])
    return client.post(url, {"version": fresh(complaint).version, **data}, follow=True)


def test_the_desk_records_a_phone_complaint_with_a_ticket_and_its_limits(world, login, unscoped):
    client = login("petugas_layanan")

    response = client.post(
        reverse("citizen:complaint-create"),
        {
            "unit": world.kelurahan.pk,
            "channel": "telepon",
            "complaint_class": ComplaintClass.INFORMATION,
            "received_at": "2026-03-06T09:30",
            "complainant_name": "Ibu Sari",
            "complainant_contact": "0813-1111-2222",
            "subject": "Surat pengantar tidak kunjung selesai",
            "description": "Sudah tiga kali datang, surat belum ditandatangani.",
        },
    )

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("citizen:complaint-detail", args=[complaint.pk])
    assert TICKET.match(complaint.ticket_code)
    assert complaint.channel == "telepon"
    assert complaint.status == ComplaintStatus.RECEIVED
    assert complaint.first_response_due == dt.date(2026, 3, 11)  # Fri + 3 working days
    assert complaint.resolution_due == dt.date(2026, 3, 13)  # Fri + 5 working days
    entry = AuditEntry.objects.get(object_type="citizen.complaint", object_id=str(complaint.pk))
    assert entry.action == "citizen.complaint.registered"
    assert entry.actor == world.users["petugas_layanan"]
    page = client.get(response["Location"]).content.decode()
    assert complaint.ticket_code in page
    assert "Ibu Sari" in page


def test_desk_entry_without_a_subject_shows_the_error_and_saves_nothing(world, login, unscoped):
    response = login("petugas_layanan").post(
        reverse("citizen:complaint-create"),
        {"unit": world.kelurahan.pk, "channel": "langsung", "complaint_class": "informasi"},
    )

    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert not Complaint.objects.exists()


def test_an_employee_cannot_record_complaints_at_the_desk(world, login, unscoped):
    response = login("pegawai").post(
        reverse("citizen:complaint-create"),
        {"unit": world.kelurahan.pk, "channel": "langsung", "subject": "x", "description": "y"},
    )

    assert response.status_code == 403
    assert not Complaint.objects.exists()


def test_assigned_complaint_is_answered_and_resolved_on_time_through_the_pages(
    world, login, unscoped
):
    complaint = complaint_in(world.kelurahan)

    _version_post(
        login("petugas_layanan"), "complaint-assign", complaint, assignee=world.pegawai.pk
    )
    complaint = fresh(complaint)
    assert complaint.assigned_to == world.pegawai
    note = Notification.objects.get(code="citizen.complaint.assigned")
    assert note.recipient == world.users["pegawai"]
    assert note.text.startswith(f"Pengaduan {complaint.ticket_code} ")
    assert note.url == reverse("citizen:complaint-detail", args=[complaint.pk])

    client = login("pegawai")
    detail = client.get(reverse("citizen:complaint-detail", args=[complaint.pk])).content.decode()
    assert 'id="respond"' in detail
    assert 'id="assign"' not in detail  # the assignee does not re-assign
    _version_post(client, "complaint-respond", complaint, response="Sedang kami periksa.")
    complaint = fresh(complaint)
    assert complaint.status == ComplaintStatus.IN_PROGRESS
    assert complaint.first_responded_at is not None
    assert complaint.response == "Sedang kami periksa."

    _version_post(client, "complaint-resolve", complaint, resolution="Loket tambahan dibuka.")

    complaint = fresh(complaint)
    assert complaint.status == ComplaintStatus.RESOLVED
    assert complaint.resolved_on_time is True
    assert complaint.resolution == "Loket tambahan dibuka."
    assert complaint.version == 4  # registered 1, assigned, responded, resolved
    actions = list(
        AuditEntry.objects.filter(object_type="citizen.complaint", object_id=str(complaint.pk))
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "citizen.complaint.registered",
        "citizen.complaint.assigned",
        "citizen.complaint.responded",
        "citizen.complaint.resolved",
    ]
    timeline = client.get(reverse("citizen:complaint-detail", args=[complaint.pk])).content
    assert "Pengaduan diselesaikan" in timeline.decode()


def test_a_resolution_after_the_limit_is_not_on_time_and_counts_in_the_summary(
    world, login, unscoped
):
    late = complaint_in(world.kelurahan, received_at=timezone.now() - dt.timedelta(days=30))
    timely = complaint_in(world.kelurahan, subject="Lampu jalan mati")
    client = login("kepala")  # heads the kecamatan: everything in its subtree

    _version_post(client, "complaint-resolve", late, resolution="Sudah ditangani.")
    _version_post(client, "complaint-resolve", timely, resolution="Lampu diganti.")

    assert fresh(late).resolved_on_time is False
    assert fresh(late).first_responded_at == fresh(late).resolved_at  # resolution answers too
    assert fresh(timely).resolved_on_time is True
    listing = client.get(reverse("citizen:complaint-list")).content.decode()
    assert re.search(r'id="on-time-share">\s*50,0%', listing)
    assert "1 dari 2 pengaduan yang selesai" in listing


def test_reclassification_recomputes_the_limit_from_the_day_received_with_a_reason(
    world, login, unscoped
):
    complaint = complaint_in(world.kelurahan, received_at=FRIDAY_MORNING)
    client = login("admin_bkpsdm")

    _version_post(
        client,
        "complaint-classify",
        complaint,
        complaint_class=ComplaintClass.FIELD_CHECK,
        reason="Perlu pemeriksaan ke lokasi pasar.",
    )

    complaint = fresh(complaint)
    assert complaint.complaint_class == ComplaintClass.FIELD_CHECK
    assert complaint.resolution_due == dt.date(2026, 5, 29)  # 60 working days from 6 March
    assert complaint.first_response_due == dt.date(2026, 3, 11)
    entry = AuditEntry.objects.get(action="citizen.complaint.classified")
    assert entry.note == "Perlu pemeriksaan ke lokasi pasar."
    assert entry.changes["resolution_due"] == ["2026-03-13", "2026-05-29"]


def test_a_complaint_that_cannot_be_followed_up_is_closed_with_the_reason(world, login, unscoped):
    complaint = complaint_in(world.kelurahan)

    _version_post(
        login("petugas_layanan"),
        "complaint-reject",
        complaint,
        reason="Bukan kewenangan kelurahan; silakan ke Dinas Perhubungan.",
    )

    complaint = fresh(complaint)
    assert complaint.status == ComplaintStatus.REJECTED
    assert complaint.resolution == "Bukan kewenangan kelurahan; silakan ke Dinas Perhubungan."
    assert complaint.resolved_at is None  # not counted as resolved on time or late


def test_those_without_the_right_are_refused_and_nothing_changes(world, auditing, login, unscoped):
    """`inspektur` is auditing the kecamatan, so sees the complaint: reading is not handling."""
    complaint = complaint_in(world.kelurahan)
    _version_post(
        login("petugas_layanan"), "complaint-assign", complaint, assignee=world.pegawai.pk
    )
    before = fresh(complaint)

    respond = reverse("citizen:complaint-respond", args=[complaint.pk])
    data = {"version": before.version, "response": "Bukan saya yang menangani."}
    statuses = {
        persona: login(persona).post(respond, data).status_code
        for persona in ("atasan", "inspektur", "petugas_layanan", "rekan", "admin_agensi_lain")
    }
    assign = login("pegawai").post(
        reverse("citizen:complaint-assign", args=[complaint.pk]),
        {"version": before.version, "assignee": world.rekan.pk},
    )

    # atasan sees the team's complaint, the inspector the audited units', the desk all: refused
    # (403); others 404.
    assert statuses == {
        "atasan": 403,
        "inspektur": 403,
        "petugas_layanan": 403,
        "rekan": 404,
        "admin_agensi_lain": 404,
    }
    assert assign.status_code == 403
    after = fresh(complaint)
    assert (after.status, after.version, after.response, after.assigned_to_id) == (
        before.status,
        before.version,
        "",
        world.pegawai.pk,
    )


def test_an_assignee_from_outside_the_unit_is_refused(world, login, unscoped):
    complaint = complaint_in(world.kelurahan)

    response = login("admin_bkpsdm").post(
        reverse("api-complaint-assign", args=[complaint.pk]),
        {"version": complaint.version, "assignee": world.kepala.pk},  # in the kecamatan above
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json() == {"assignee": ["Pilih pegawai aktif dari unit Kelurahan Plaju Ulu."]}
    assert fresh(complaint).assigned_to is None


def test_the_api_runs_the_workflow_and_refuses_a_stale_version(world, login, unscoped):
    complaint = complaint_in(world.kelurahan)
    desk = login("petugas_layanan")

    assigned = desk.post(
        reverse("api-complaint-assign", args=[complaint.pk]),
        {"version": 1, "assignee": world.pegawai.pk},
        content_type="application/json",
    )
    stale = desk.post(
        reverse("api-complaint-assign", args=[complaint.pk]),
        {"version": 1, "assignee": world.rekan.pk},
        content_type="application/json",
    )
    assert assigned.status_code == 200
    assert assigned.json()["assigned_to"] == world.pegawai.pk
    assert stale.status_code == 409
    assert fresh(complaint).assigned_to == world.pegawai

    employee = login("pegawai")
    responded = employee.post(
        reverse("api-complaint-respond", args=[complaint.pk]),
        {"version": 2, "response": "Diterima, kami cek."},
        content_type="application/json",
    )
    again = employee.post(
        reverse("api-complaint-respond", args=[complaint.pk]),
        {"version": 3, "response": "Lagi"},
        content_type="application/json",
    )
    resolved = employee.post(
        reverse("api-complaint-resolve", args=[complaint.pk]),
        {"version": 3, "resolution": "Selesai diperbaiki."},
        content_type="application/json",
    )
    missing = employee.post(
        reverse("api-complaint-resolve", args=[complaint.pk]), {}, content_type="application/json"
    )

    assert responded.json()["status"] == "diproses"
    assert again.status_code == 400
    assert again.json() == {"non_field_errors": ["Pengaduan ini sudah ditanggapi."]}
    body = resolved.json()
    assert (body["status"], body["resolved_on_time"], body["version"]) == ("selesai", True, 4)
    assert missing.status_code == 400
    assert set(missing.json()) == {"version", "resolution"}
    detail = employee.get(reverse("api-complaint-detail", args=[complaint.pk])).json()
    assert detail["complainant_name"] == "Rahmat Hidayat"


def test_an_employee_lists_only_the_complaints_given_to_them(world, login, unscoped):
    mine = complaint_in(world.kelurahan, subject="Ditangani Budi")
    complaint_in(world.kelurahan, subject="Belum ditugaskan")
    _version_post(login("admin_bkpsdm"), "complaint-assign", mine, assignee=world.pegawai.pk)

    listing = login("pegawai").get(reverse("citizen:complaint-list")).content.decode()
    api = login("pegawai").get(reverse("api-complaint-list")).json()

    assert "Ditangani Budi" in listing
    assert "Belum ditugaskan" not in listing
    assert [row["subject"] for row in api["results"]] == ["Ditangani Budi"]
    desk_mine = login("petugas_layanan").get(reverse("citizen:complaint-list"), {"mine": "on"})
    assert "Belum ditugaskan" not in desk_mine.content.decode()


def test_the_list_filters_overdue_searches_by_ticket_and_shows_badges(world, login, unscoped):
    overdue = complaint_in(
        world.kelurahan,
        subject="Sudah lewat batas",
        received_at=timezone.now() - dt.timedelta(days=20),
    )
    fresh_one = complaint_in(world.kelurahan, subject="Baru masuk")
    client = login("admin_bkpsdm")

    late = client.get(reverse("citizen:complaint-list"), {"overdue": "on"}).content.decode()
    found = client.get(
        reverse("citizen:complaint-list"), {"q": fresh_one.ticket_code.lower()}
    ).content.decode()

    assert "Sudah lewat batas" in late
    assert "Baru masuk" not in late
    assert "Terlambat" in late
    assert overdue.ticket_code in late
    assert "Baru masuk" in found
    assert "Sudah lewat batas" not in found
    nothing = client.get(reverse("citizen:complaint-list"), {"q": "tidak ada yang cocok"})
    assert "Tidak ada pengaduan yang cocok dengan filter ini." in nothing.content.decode()


def _queries(client, url, params=None) -> tuple[int, object]:
    """How many SQL queries one request runs (counted at the cursor), and the response."""
    count = 0

    def counter(execute, sql, sql_params, many, context):
        nonlocal count
        count += 1
        return execute(sql, sql_params, many, context)

    with connection.execute_wrapper(counter):
        response = client.get(url, params or {})
    return count, response


def test_the_list_and_the_api_list_take_the_same_queries_for_few_or_many(world, login, unscoped):
    client = login("admin_bkpsdm")
    for index in range(3):
        complaint = complaint_in(world.kelurahan, subject=f"Pengaduan {index}")
        _version_post(client, "complaint-assign", complaint, assignee=world.pegawai.pk)
    url, api = reverse("citizen:complaint-list"), reverse("api-complaint-list")
    client.get(url)
    page_few, _response = _queries(client, url)
    api_few, _response = _queries(client, api)
    for index in range(30):
        complaint = complaint_in(world.kelurahan, subject=f"Lagi {index}")
        _version_post(client, "complaint-assign", complaint, assignee=world.rekan.pk)

    page_many, page = _queries(client, url, {"page": 2})
    api_many, listed = _queries(client, api)

    assert (page_many, api_many) == (page_few, api_few)
    assert page_few <= 15  # incl. the side menu's unread announcements
    assert "Halaman 2 dari 2" in page.content.decode()
    assert listed.json()["count"] == 33


def test_the_excel_export_leaves_out_who_complained(world, login, unscoped):
    complaint_in(world.kelurahan)

    response = login("admin_bkpsdm").get(reverse("citizen:complaint-list"), {"format": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Kode tiket", "Nomor SP4N-LAPOR!", "Diterima")
    assert rows[1][8] == "Antrean KTP-el terlalu lama"
    flat = " ".join(str(cell) for row in rows for cell in row)
    assert "Rahmat Hidayat" not in flat
    assert "0812-7000-1234" not in flat


def test_another_agencys_complaint_is_not_found(world, login, unscoped):
    complaint = complaint_in(world.other_unit)

    page = login("admin_bkpsdm").get(reverse("citizen:complaint-detail", args=[complaint.pk]))
    api = login("admin_bkpsdm").get(reverse("api-complaint-detail", args=[complaint.pk]))

    assert (page.status_code, api.status_code) == (404, 404)
