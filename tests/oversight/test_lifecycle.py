"""The audit's stages and the recommendation's overdue rule, as pure functions."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja.oversight import lifecycle

STAGES = ["direncanakan", "pelaksanaan", "pelaporan", "selesai"]
ALLOWED = {
    ("direncanakan", "pelaksanaan"),
    ("pelaksanaan", "pelaporan"),
    ("pelaporan", "pelaksanaan"),
    ("pelaporan", "selesai"),
}


@pytest.mark.parametrize("current", STAGES)
@pytest.mark.parametrize("target", STAGES)
def test_only_the_listed_stage_moves_are_allowed(current, target):
    assert lifecycle.can_move(current, target) is ((current, target) in ALLOWED)


@pytest.mark.parametrize(
    ("status", "visits", "findings", "follow_ups"),
    [
        ("direncanakan", False, False, False),
        ("pelaksanaan", True, True, True),
        ("pelaporan", False, True, True),
        ("selesai", False, False, True),
    ],
)
def test_what_each_stage_accepts(status, visits, findings, follow_ups):
    assert lifecycle.accepts_visits(status) is visits
    assert lifecycle.accepts_findings(status) is findings
    assert lifecycle.accepts_follow_ups(status) is follow_ups


DUE = dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("status", "today", "overdue"),
    [
        ("terbuka", dt.date(2026, 3, 10), False),  # the due date itself is still on time
        ("terbuka", dt.date(2026, 3, 11), True),
        ("proses", dt.date(2026, 4, 1), True),
        ("selesai", dt.date(2026, 4, 1), False),
        ("tidak_dapat", dt.date(2026, 4, 1), False),
        ("terbuka", dt.date(2026, 3, 1), False),
    ],
)
def test_unfinished_recommendation_past_its_due_date_is_overdue(status, today, overdue):
    assert lifecycle.is_overdue(status, DUE, today) is overdue


@pytest.mark.parametrize(
    ("today", "week"),
    [
        (dt.date(2026, 3, 9), None),
        (dt.date(2026, 3, 10), None),
        (dt.date(2026, 3, 11), 0),
        (dt.date(2026, 3, 17), 0),
        (dt.date(2026, 3, 18), 1),
        (dt.date(2026, 3, 25), 2),
    ],
)
def test_overdue_reminders_come_once_a_week(today, week):
    assert lifecycle.reminder_week(DUE, today) == week


def test_days_overdue_never_negative():
    assert lifecycle.days_overdue(DUE, dt.date(2026, 3, 1)) == 0
    assert lifecycle.days_overdue(DUE, dt.date(2026, 3, 15)) == 5
