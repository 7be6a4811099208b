"""A round's life: opening tells the raters, reminders reach those who have not answered (by
hand once a day, and by the daily run before the closing date), closing marks which answers
count and tells the people rated, a draft can be deleted, and only the agency admin does it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kinerja.behaviour.models import (
    Answer,
    Assignment,
    AssignmentStatus,
    FeedbackRound,
    RoundStatus,
)
from kinerja.behaviour.reminders import FEEDBACK_DUE, feedback_due_notices
from kinerja.behaviour.services import answering, rounds
from kinerja.core.models import AuditEntry, Notification
from kinerja.core.reminders import run_for_agency
from tests.behaviour.conftest import answer, assignment_of, close, scores


def admin(world):
    return world.users["admin_bkpsdm"]


def test_opening_tells_every_rater_with_an_account_how_many_to_answer(world, draft_round):
    rounds.open_round(draft_round, actor=admin(world), expected_version=draft_round.version)

    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.OPEN
    told = {
        n.recipient.username: n.text
        for n in Notification.objects.filter(code="behaviour.round.opened").select_related(
            "recipient"
        )
    }
    # Every account in the kecamatan: 10 people, all with accounts in the test world.
    assert len(told) == 10
    pegawai = world.users["pegawai"].username
    assert told[pegawai].startswith(
        "Putaran umpan balik 360° “Umpan Balik 360° 2026” dibuka: mohon isi 6 penilaian"
    )
    assert AuditEntry.objects.filter(action="behaviour.round.opened").count() == 1


def test_a_stale_version_is_refused(world, draft_round):
    with pytest.raises(ValidationError, match="telah diubah"):
        rounds.open_round(draft_round, actor=admin(world), expected_version=draft_round.version + 1)

    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.DRAFT


def test_a_round_opens_once_and_closes_once(world, open_round):
    with pytest.raises(ValidationError, match="draf"):
        rounds.open_round(open_round, actor=admin(world), expected_version=None)
    closed = close(world, open_round)
    with pytest.raises(ValidationError, match="sedang dibuka"):
        rounds.close_round(closed, actor=admin(world), expected_version=None)


def test_closing_marks_only_groups_that_reach_the_threshold(world, open_round, staff):
    answer(world, open_round, world.pegawai, world.atasan, scores(4))
    answer(world, open_round, world.pegawai, world.rekan, scores(3))
    answer(world, open_round, world.pegawai, staff["staf_a"], scores(4))  # two peers only
    answer(world, open_round, world.rekan, world.pegawai, scores(4))
    answer(world, open_round, world.rekan, staff["staf_a"], scores(4))
    answer(world, open_round, world.rekan, staff["staf_b"], scores(4))  # three peers
    answer(world, open_round, world.pegawai, world.pegawai, scores(5))

    close(world, open_round)

    counted = set(
        Answer.objects.filter(round=open_round, counted=True).values_list(
            "subject__name", "relation"
        )
    )
    assert counted == {
        ("Budi Santoso", "atasan"),
        ("Budi Santoso", "diri"),
        ("Dewi Lestari", "rekan"),
    }
    assert Answer.objects.filter(round=open_round, counted=False).count() == 2
    entry = AuditEntry.objects.get(action="behaviour.round.closed")
    assert entry.note == "5 jawaban ditampilkan dalam laporan."


def test_closing_discards_unsent_drafts_and_tells_the_people_rated(world, open_round, staff):
    draft = assignment_of(open_round, world.atasan, world.pegawai)
    answering.save_draft(
        draft,
        actor=world.users["pegawai"],
        expected_version=None,
        scores={"score_1_1": 2},
        comments={},
    )
    answer(world, open_round, world.rekan, world.atasan, scores(4))

    close(world, open_round)

    draft.refresh_from_db()
    assert draft.draft == {}
    assert draft.status == AssignmentStatus.DRAFT
    told = Notification.objects.filter(code="behaviour.round.closed")
    assert [n.recipient for n in told] == [world.users["rekan"]]
    assert told[0].url == f"/umpan-balik/hasil/{open_round.pk}/{world.rekan.pk}/"


def test_a_draft_round_can_be_deleted_with_its_proposal(world, draft_round):
    rounds.delete_round(draft_round, actor=admin(world), expected_version=None)

    assert FeedbackRound.objects.count() == 0
    assert Assignment.objects.count() == 0
    assert AuditEntry.objects.filter(action="behaviour.round.deleted").count() == 1


def test_an_open_round_cannot_be_deleted(world, open_round):
    with pytest.raises(ValidationError, match="tidak dapat dihapus"):
        rounds.delete_round(open_round, actor=admin(world), expected_version=None)

    assert FeedbackRound.objects.filter(pk=open_round.pk).exists()


@pytest.mark.parametrize("persona", ["atasan", "kepala", "inspektur", "admin_agensi_lain"])
def test_only_the_agency_admin_opens_closes_or_deletes(world, draft_round, persona):
    actor = world.users[persona]
    for action in (rounds.open_round, rounds.delete_round):
        with pytest.raises(PermissionDenied):
            action(draft_round, actor=actor, expected_version=None)

    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.DRAFT


def test_a_reminder_by_hand_reaches_raters_with_unsent_questionnaires_once_a_day(
    world, open_round, staff
):
    for subject in Assignment.objects.filter(round=open_round, rater=world.rekan):
        answering.submit_answers(
            subject,
            actor=world.users["rekan"],
            expected_version=None,
            scores=scores(4),
            comments={},
        )

    first = rounds.remind_raters(open_round, actor=admin(world))
    again = rounds.remind_raters(open_round, actor=admin(world))

    assert first == 9  # everyone but rekan, who sent all theirs
    assert again == 0
    reminded = Notification.objects.filter(code="behaviour.round.reminded")
    assert world.users["rekan"].pk not in reminded.values_list("recipient_id", flat=True)
    text = reminded.get(recipient=world.users["pegawai"]).text
    assert text.startswith("Pengingat: 6 penilaian umpan balik 360° “Umpan Balik 360° 2026”")


def test_the_daily_run_reminds_three_days_before_and_on_the_closing_day(world, open_round):
    closes = open_round.closes_on

    early = feedback_due_notices(agency_id=world.agency.pk, today=closes - dt.timedelta(days=4))
    soon = feedback_due_notices(agency_id=world.agency.pk, today=closes - dt.timedelta(days=3))
    last = feedback_due_notices(agency_id=world.agency.pk, today=closes)

    assert early == []
    assert len(soon) == 10
    assert {n.dedupe_key for n in soon} == {f"feedback-due:{open_round.pk}:closing"}
    assert {n.dedupe_key for n in last} == {f"feedback-due:{open_round.pk}:last-day"}
    assert "Hari ini batas terakhir" in last[0].text


def test_the_daily_run_tells_nobody_twice(world, open_round):
    day = open_round.closes_on - dt.timedelta(days=2)

    first = run_for_agency(world.agency.pk, today=day, codes=[FEEDBACK_DUE])
    second = run_for_agency(world.agency.pk, today=day + dt.timedelta(days=1), codes=[FEEDBACK_DUE])

    assert first == {FEEDBACK_DUE: 10}
    assert second == {FEEDBACK_DUE: 0}


def test_draft_and_closed_rounds_are_not_reminded(world, draft_round):
    today = timezone.localdate()

    assert feedback_due_notices(agency_id=world.agency.pk, today=draft_round.closes_on) == []
    assert feedback_due_notices(agency_id=world.agency.pk, today=today) == []


def test_remind_by_hand_needs_an_open_round(world, draft_round):
    with pytest.raises(ValidationError, match="sedang dibuka"):
        rounds.remind_raters(draft_round, actor=admin(world))
