"""Overdue complaints go up the line (SP4N-LAPOR!): the daily job — run here through the real
`send_reminders` command — escalates each open complaint past a limit once, to the assignee's
supervisor (or the Plt./Plh. acting for them), or to the head of the unit when nobody has it;
the supervisor is told and the escalation is audited."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kinerja.citizen.services import complaints as services
from kinerja.citizen.services.complaint_escalation import ESCALATED, unit_head
from kinerja.core import reminders
from kinerja.core.models import AuditEntry, Notification
from kinerja.org.models import ActingAssignment
from tests import factories
from tests.citizen.complaint_fixtures import complaint_in, fresh

ESCALATION = "citizen.complaint.escalated"


def _run(day: dt.date) -> str:
    out = StringIO()
    call_command("send_reminders", "--date", day.isoformat(), stdout=out)
    return out.getvalue()


def _overdue(unit, **fields):
    """A complaint received 12 days ago: both its limits (3 and 5 working days) have passed."""
    return complaint_in(unit, received_at=timezone.now() - dt.timedelta(days=12), **fields)


def _assign(complaint, employee):
    return services.assign_complaint(
        complaint, actor=None, expected_version=None, assignee=employee
    )


def test_the_escalation_runs_in_the_daily_reminders(world, unscoped):
    assert ESCALATION in reminders.REMINDERS


def test_an_overdue_assigned_complaint_goes_to_the_assignees_supervisor_once(world, unscoped):
    complaint = _assign(_overdue(world.kelurahan), world.pegawai)
    today = timezone.localdate()

    first = _run(today)
    second = _run(today + dt.timedelta(days=1))

    complaint = fresh(complaint)
    assert complaint.escalated_to == world.atasan
    assert complaint.escalated_at is not None
    assert f"{ESCALATION}: 1" in first
    assert f"{ESCALATION}: 0" in second
    note = Notification.objects.get(code=ESCALATION)
    assert note.recipient == world.users["atasan"]
    assert note.text.startswith(
        f"Pengaduan {complaint.ticket_code} \u201cAntrean KTP-el terlalu lama\u201d melewati "
        "batas tanggapan pertama ("
    )
    assert note.text.endswith(") dan dieskalasi kepada Anda.")
    assert note.url == reverse("citizen:complaint-detail", args=[complaint.pk])
    entries = AuditEntry.objects.filter(action=ESCALATED, object_id=str(complaint.pk))
    assert entries.count() == 1
    assert entries.get().actor is None
    assert entries.get().note.startswith("Melewati batas tanggapan pertama ")


def test_an_answered_complaint_past_its_resolution_limit_names_that_limit(world, unscoped):
    complaint = _assign(_overdue(world.kelurahan), world.atasan)
    services.respond_to_complaint(
        complaint, actor=None, expected_version=None, response="Sedang kami tangani."
    )

    _run(timezone.localdate())

    complaint = fresh(complaint)
    assert complaint.escalated_to == world.kepala  # the lurah's supervisor, the camat
    note = Notification.objects.get(code=ESCALATION, recipient=world.users["kepala"])
    assert "melewati batas penyelesaian (" in note.text


def test_an_unassigned_complaint_goes_to_the_head_of_its_unit(world, unscoped):
    in_kelurahan = _overdue(world.kelurahan)
    in_kecamatan = _overdue(world.kecamatan, subject="Parkir liar di depan kantor camat")

    _run(timezone.localdate())

    assert fresh(in_kelurahan).escalated_to == world.atasan  # the lurah leads the kelurahan
    assert fresh(in_kecamatan).escalated_to == world.kepala  # head granted the kecamatan


def test_an_acting_official_takes_the_escalation_for_the_days_they_act(world, unscoped):
    complaint = _assign(_overdue(world.kelurahan), world.pegawai)
    today = timezone.localdate()
    plh = factories.make_employee(world.kelurahan, "Sekretaris Lurah")
    ActingAssignment.objects.create(
        agency=world.agency,
        acting_employee=plh,
        position=world.atasan.position,
        kind="plh",
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=5),
    )

    _run(today)

    assert fresh(complaint).escalated_to == plh
    assert unit_head(world.kelurahan, on=today) == plh
    assert unit_head(world.kelurahan, on=today + dt.timedelta(days=10)) == world.atasan


def test_complaints_within_their_limits_or_closed_are_left_alone(world, unscoped):
    recent = complaint_in(world.kelurahan)
    answered = complaint_in(world.kelurahan, received_at=timezone.now() - dt.timedelta(days=4))
    services.respond_to_complaint(answered, actor=None, expected_version=None, response="Diterima.")
    resolved = _overdue(world.kelurahan)
    services.resolve_complaint(
        resolved, actor=None, expected_version=None, resolution="Selesai terlambat."
    )
    elsewhere = _overdue(world.other_unit)

    output = _run(timezone.localdate())

    for complaint in (recent, answered, resolved):
        assert fresh(complaint).escalated_at is None
    assert fresh(elsewhere).escalated_at is None  # nobody there holds a leading position
    assert Notification.objects.filter(code=ESCALATION).count() == 0
    assert "0 pengingat baru dikirim" in output


def test_the_escalation_shows_on_the_complaint_page_for_the_supervisor(world, login, unscoped):
    complaint = _assign(_overdue(world.kelurahan), world.pegawai)
    _run(timezone.localdate())

    page = login("atasan").get(reverse("citizen:complaint-detail", args=[complaint.pk]))

    body = page.content.decode()
    assert page.status_code == 200
    assert "Dieskalasi kepada" in body
    assert "Pengaduan dieskalasi ke atasan" in body  # the timeline entry
