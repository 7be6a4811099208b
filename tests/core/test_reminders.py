"""Scheduled reminders: who is reminded and who not, once per key, in a fixed number of queries.

Dates are injected (`today=`), never frozen: the deadline of the 2026 SKP is 31 January, the
quarterly sub-periods end 31 March, 30 June, 30 September and 31 December.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from celery.schedules import crontab
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinerja.appraisal.models import Realisation
from kinerja.core import reminders
from kinerja.core.models import Notification
from kinerja.core.tasks import send_reminders
from kinerja.org import services as org
from kinerja.planning import services as planning
from kinerja.planning.models import Indicator, PerformancePlan, PlannedResult, PlanStatus
from tests import factories
from tests.conftest import PASSWORD

DEADLINE = "planning.reminder.plan_deadline"
REALISATION = "appraisal.reminder.realisation_due"
WAITING = "planning.reminder.approval_waiting"


def _cycle(sent: dict[str, int]) -> dict[str, int]:
    """The counts of the performance cycle's reminders among everything the run sent."""
    return {code: sent[code] for code in (DEADLINE, REALISATION, WAITING)}


@pytest.fixture
def period(world, unscoped):
    return planning.create_period(
        world.agency,
        actor=None,
        year=2026,
        name="Tahun 2026",
        frequency="triwulanan",
        approach="kuantitatif",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        plan_deadline=dt.date(2026, 1, 31),
    )


def make_plan(period, employee, status, *, submitted_on: dt.date | None = None):
    """A current SKP with one RHK and one indicator, written straight to the tables."""
    submitted_at = (
        timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(10)))
        if submitted_on
        else None
    )
    plan = PerformancePlan.objects.create(
        agency=period.agency,
        period=period,
        employee=employee,
        rater=employee.supervisor,
        status=status,
        submitted_at=submitted_at,
        segment_start=period.start_date,
        segment_end=period.end_date,
    )
    result = PlannedResult.objects.create(
        agency=period.agency, plan=plan, kind="utama", text="Surat pengantar terlayani"
    )
    Indicator.objects.create(
        agency=period.agency,
        result=result,
        aspect="kuantitas",
        text="Jumlah surat pengantar",
        target_value=Decimal(12),
        unit_of_measure="dokumen",
    )
    return plan


def realise(plan, subperiod: int) -> None:
    for indicator in Indicator.objects.filter(result__plan=plan):
        Realisation.objects.create(
            agency=plan.agency, plan=plan, indicator=indicator, subperiod=subperiod, value=3
        )


def run(world, day: dt.date) -> dict[str, int]:
    return reminders.run_for_agency(world.agency.pk, today=day)


def told(code: str) -> dict[str, str]:
    """Username → text of the notifications of one reminder kind."""
    return dict(Notification.objects.filter(code=code).values_list("recipient__username", "text"))


def usernames(world, *personas: str) -> set[str]:
    return {world.users[persona].username for persona in personas}


# --- (a) The SKP deadline approaches ----------------------------------------------------------


def test_deadline_reminds_everyone_without_a_submitted_plan_7_and_1_days_before(world, period):
    make_plan(period, world.pegawai, PlanStatus.SUBMITTED)
    make_plan(period, world.atasan, PlanStatus.APPROVED)
    make_plan(period, world.rekan, PlanStatus.DRAFT)

    sent = run(world, dt.date(2026, 1, 24))

    expected = usernames(world, "rekan", "kepala", "admin_bkpsdm", "inspektur", "petugas_layanan")
    assert sent[DEADLINE] == 5
    assert set(told(DEADLINE)) == expected
    assert told(DEADLINE)[world.users["rekan"].username] == (
        "Batas pengajuan SKP Tahun 2026 tinggal 7 hari lagi (31 Januari 2026). "
        "Lengkapi dan ajukan SKP Anda kepada pejabat penilai."
    )
    assert set(Notification.objects.filter(code=DEADLINE).values_list("url", flat=True)) == {
        reverse("planning:plan-mine")
    }

    assert run(world, dt.date(2026, 1, 25))[DEADLINE] == 0  # 6 days before: not a reminder day
    assert run(world, dt.date(2026, 1, 30))[DEADLINE] == 5  # 1 day before
    assert Notification.objects.filter(code=DEADLINE).count() == 10


def test_deadline_skips_inactive_accounts_and_other_agencies(world, period):
    world.users["rekan"].is_active = False
    world.users["rekan"].save(update_fields=["is_active"])
    world.kepala.is_active = False
    world.kepala.save(update_fields=["is_active"])

    run(world, dt.date(2026, 1, 24))

    recipients = set(told(DEADLINE))
    assert world.users["rekan"].username not in recipients
    assert world.users["kepala"].username not in recipients
    assert world.users["admin_agensi_lain"].username not in recipients
    assert world.users["pegawai"].username in recipients


def test_deadline_days_come_from_the_setting(world, period, settings):
    settings.REMINDER_DAYS_BEFORE = [3]
    assert run(world, dt.date(2026, 1, 24))[DEADLINE] == 0
    assert run(world, dt.date(2026, 1, 28))[DEADLINE] == 7
    assert "tinggal 3 hari lagi" in told(DEADLINE)[world.users["pegawai"].username]


# --- (b) Realisation due ----------------------------------------------------------------------


def test_realisation_due_reminds_approved_plans_missing_a_realisation(world, period):
    missing = make_plan(period, world.pegawai, PlanStatus.APPROVED)
    done = make_plan(period, world.atasan, PlanStatus.APPROVED)
    realise(done, 1)
    make_plan(period, world.rekan, PlanStatus.DRAFT)

    sent = run(world, dt.date(2026, 3, 28))  # the last week of Triwulan I

    assert sent[REALISATION] == 1
    assert told(REALISATION) == {
        world.users["pegawai"].username: "Triwulan I 2026 berakhir 31 Maret 2026. Catat realisasi "
        "setiap indikator SKP Anda beserta bukti dukungnya."
    }
    notification = Notification.objects.get(code=REALISATION)
    assert notification.url == reverse("planning:plan-detail", args=[missing.pk])


def test_realisation_due_reminds_once_while_closing_and_once_after(world, period):
    plan = make_plan(period, world.pegawai, PlanStatus.APPROVED)

    assert run(world, dt.date(2026, 3, 24))[REALISATION] == 0  # 8 days before the end
    assert run(world, dt.date(2026, 3, 25))[REALISATION] == 1  # first day of the last week
    assert run(world, dt.date(2026, 3, 31))[REALISATION] == 0  # same phase: already told
    assert run(world, dt.date(2026, 4, 1))[REALISATION] == 1  # after the end: once more
    assert "telah berakhir" in Notification.objects.filter(code=REALISATION).first().text
    assert run(world, dt.date(2026, 4, 7))[REALISATION] == 0
    Notification.objects.all().delete()
    assert run(world, dt.date(2026, 4, 8))[REALISATION] == 0  # the window has closed

    realise(plan, 1)
    assert run(world, dt.date(2026, 4, 2))[REALISATION] == 0  # recorded: nothing due


def test_realisation_due_needs_every_indicator_realised(world, period):
    plan = make_plan(period, world.pegawai, PlanStatus.APPROVED)
    realise(plan, 1)
    Indicator.objects.create(
        agency=period.agency,
        result=plan.results.get(),
        aspect="waktu",
        text="Waktu penyelesaian",
        target_value=Decimal(3),
        unit_of_measure="hari",
    )
    assert run(world, dt.date(2026, 3, 30))[REALISATION] == 1


# --- (c) SKPs waiting for approval ------------------------------------------------------------


def test_raters_are_reminded_of_plans_waiting_more_than_3_days(world, period):
    make_plan(period, world.pegawai, PlanStatus.SUBMITTED, submitted_on=dt.date(2026, 5, 6))
    make_plan(period, world.rekan, PlanStatus.SUBMITTED, submitted_on=dt.date(2026, 5, 7))
    make_plan(period, world.atasan, PlanStatus.SUBMITTED, submitted_on=dt.date(2026, 5, 9))

    sent = run(world, dt.date(2026, 5, 10))

    assert sent[WAITING] == 1
    assert told(WAITING) == {
        world.users["atasan"].username: "1 SKP bawahan Anda menunggu persetujuan lebih dari 3 "
        "hari. Periksa lalu setujui atau kembalikan dengan catatan."
    }
    assert run(world, dt.date(2026, 5, 10))[WAITING] == 0  # the same day: already told
    sent = run(world, dt.date(2026, 5, 13))  # next run: atasan has 2, kepala 1 (atasan's SKP)
    assert sent[WAITING] == 2
    texts = told(WAITING)
    assert texts[world.users["kepala"].username].startswith("1 SKP bawahan")
    assert Notification.objects.filter(
        code=WAITING, recipient=world.users["atasan"], text__startswith="2 SKP bawahan"
    ).exists()


def test_decided_plans_are_not_waiting(world, period):
    make_plan(period, world.pegawai, PlanStatus.APPROVED, submitted_on=dt.date(2026, 5, 1))
    make_plan(period, world.rekan, PlanStatus.RETURNED, submitted_on=dt.date(2026, 5, 1))
    assert run(world, dt.date(2026, 5, 10))[WAITING] == 0


# --- Dedupe, emails, cost ---------------------------------------------------------------------


def test_running_twice_on_the_same_day_notifies_nobody_twice(world, period):
    make_plan(period, world.pegawai, PlanStatus.APPROVED)
    make_plan(period, world.rekan, PlanStatus.SUBMITTED, submitted_on=dt.date(2026, 1, 20))
    day = dt.date(2026, 1, 30)  # 1 day before the deadline

    first = run(world, day)
    second = run(world, day)

    # Other areas' reminders (complaints, 360°, indicator sources) have nothing to do here.
    assert _cycle(first) == {DEADLINE: 5, REALISATION: 0, WAITING: 1}
    assert _cycle(second) == {DEADLINE: 0, REALISATION: 0, WAITING: 0}
    assert sum(first.values()) == 6
    assert sum(second.values()) == 0
    assert Notification.objects.count() == 6


def test_reminders_are_emailed_to_those_with_an_address(
    world, period, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://kinerja.palembang.go.id"
    for persona in ("pegawai", "rekan"):
        world.users[persona].email = f"{persona}@palembang.go.id"
        world.users[persona].save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True):
        run(world, dt.date(2026, 1, 24))

    assert sorted(m.to[0] for m in mail.outbox) == [
        "pegawai@palembang.go.id",
        "rekan@palembang.go.id",
    ]
    assert "https://kinerja.palembang.go.id/kinerja/skp/" in mail.outbox[0].body
    assert Notification.objects.exclude(emailed_at=None).count() == 2


def _grow(world, period, n: int) -> None:
    """n more employees of each kind: without SKP, approved without realisation, waiting."""
    for number in range(n):
        for kind in ("tanpa", "disetujui", "diajukan"):
            employee = factories.make_employee(
                world.kelurahan, f"Pegawai {kind} {number}", supervisor=world.atasan
            )
            org.create_account(employee, actor=None, password=PASSWORD)
            if kind == "disetujui":
                make_plan(period, employee, PlanStatus.APPROVED)
            elif kind == "diajukan":
                make_plan(period, employee, PlanStatus.SUBMITTED, submitted_on=dt.date(2026, 3, 20))


def test_the_query_count_does_not_grow_with_the_agency(world, unscoped):
    period = planning.create_period(
        world.agency,
        actor=None,
        year=2026,
        name="Tahun 2026",
        frequency="triwulanan",
        approach="kuantitatif",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        plan_deadline=dt.date(2026, 4, 7),
    )
    day = dt.date(2026, 3, 31)  # 7 days before the deadline, last day of Triwulan I

    def measure() -> tuple[int, dict[str, int]]:
        Notification.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            sent = run(world, day)
        return len(captured.captured_queries), sent

    _grow(world, period, 3)
    small_queries, small = measure()
    _grow(world, period, 27)
    large_queries, large = measure()

    assert _cycle(small) == {DEADLINE: 7 + 3, REALISATION: 3, WAITING: 1}
    assert _cycle(large) == {DEADLINE: 7 + 30, REALISATION: 30, WAITING: 1}
    assert large_queries == small_queries


# --- How the reminders run: Celery beat, task, command ----------------------------------------


def test_beat_runs_the_reminders_daily_at_six_jakarta_time(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-reminders"]
    assert entry["task"] == "kinerja.core.send_reminders"
    assert entry["schedule"] == crontab(hour=6, minute=0)
    assert settings.CELERY_TIMEZONE == "Asia/Jakarta"
    assert settings.REMINDER_DAYS_BEFORE == [7, 1]


def test_the_task_runs_every_active_agency(world, period):
    send_reminders("2026-01-24")
    assert Notification.objects.filter(code=DEADLINE).count() == 7
    send_reminders("2026-01-24")
    assert Notification.objects.filter(code=DEADLINE).count() == 7


def test_the_command_sends_the_same_reminders(world, period):
    out = StringIO()
    call_command("send_reminders", "--date", "2026-01-24", stdout=out)
    assert Notification.objects.filter(code=DEADLINE).count() == 7
    assert "7 pengingat baru dikirim (2026-01-24)." in out.getvalue()

    out = StringIO()
    call_command(
        "send_reminders", "--date", "2026-01-24", "--agency", world.agency.code, stdout=out
    )
    assert "0 pengingat baru dikirim" in out.getvalue()


def test_the_command_refuses_bad_input(world):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "24-01-2026")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("send_reminders", "--agency", "tidak-ada")
