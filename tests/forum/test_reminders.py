"""Reminders of announcements not yet confirmed: on the `remind_after_days`-th day after
publication and every as many days after, to those who have not confirmed, once a day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kinerja.core.models import Notification
from kinerja.core.reminders import run_for_agency
from kinerja.forum.reminders import UNREAD_CODE, is_reminder_day
from kinerja.forum.services import announcements as services


@pytest.mark.parametrize(
    ("days", "every", "due"),
    [
        (0, 3, False),
        (2, 3, False),
        (3, 3, True),
        (4, 3, False),
        (6, 3, True),
        (30, 3, True),
        (33, 3, False),
        (1, 1, True),
        (7, 7, True),
        (8, 7, False),
    ],
)
def test_reminder_days(days, every, due):
    published = dt.date(2026, 11, 1)

    assert is_reminder_day(published, published + dt.timedelta(days=days), every) is due


def _reminded(world) -> set[str]:
    return set(
        Notification.objects.filter(code=UNREAD_CODE).values_list("recipient__username", flat=True)
    )


def test_those_who_have_not_confirmed_are_reminded_once_a_day(world, unscoped, announce):
    published = announce(units=[world.kelurahan], remind_after_days=3)
    services.confirm_read(published, actor=world.users["pegawai"])
    due = timezone.localdate(published.published_at) + dt.timedelta(days=3)

    first = run_for_agency(world.agency.pk, today=due, codes=[UNREAD_CODE])
    again = run_for_agency(world.agency.pk, today=due, codes=[UNREAD_CODE])
    not_due = run_for_agency(world.agency.pk, today=due + dt.timedelta(days=1), codes=[UNREAD_CODE])

    assert first == {UNREAD_CODE: 3}
    assert again == {UNREAD_CODE: 0}
    assert not_due == {UNREAD_CODE: 0}
    assert _reminded(world) == {
        world.users[p].username for p in ("rekan", "atasan", "petugas_layanan")
    }


def test_withdrawn_and_unconfirmable_announcements_remind_nobody(world, unscoped, announce):
    withdrawn = announce(units=[world.kelurahan])
    services.withdraw_announcement(
        withdrawn, actor=world.users["admin_bkpsdm"], expected_version=None, reason="Keliru"
    )
    announce(units=[world.kelurahan], requires_confirmation=False)
    due = timezone.localdate(withdrawn.published_at) + dt.timedelta(days=3)

    assert run_for_agency(world.agency.pk, today=due, codes=[UNREAD_CODE]) == {UNREAD_CODE: 0}
