"""Complaint limits (SP4N-LAPOR!, Perpres 76/2013, PermenPANRB 62/2018): counted from the day
after the complaint arrived, in working days (skipping weekends and the agency's holidays) or
calendar days as the agency sets; the light class always in working days."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja.citizen.deadlines import (
    ComplaintClass,
    DayCounting,
    add_days,
    counting_for,
    days_late,
    resolution_days,
)
from kinerja.citizen.models import Holiday
from kinerja.citizen.services import calendar

FRIDAY = dt.date(2026, 3, 6)
INDEPENDENCE_DAY = dt.date(2026, 8, 17)  # a Monday
WORKING = DayCounting.WORKING
CALENDAR = DayCounting.CALENDAR


def test_three_working_days_from_a_friday_end_on_wednesday():
    assert add_days(FRIDAY, 3, counting=WORKING) == dt.date(2026, 3, 11)


def test_a_holiday_in_between_shifts_the_limit_by_a_day():
    friday_before = dt.date(2026, 8, 14)

    assert add_days(friday_before, 3, counting=WORKING) == dt.date(2026, 8, 19)
    assert add_days(friday_before, 3, counting=WORKING, holidays={INDEPENDENCE_DAY}) == dt.date(
        2026, 8, 20
    )


def test_consecutive_holidays_and_a_weekend_are_all_skipped():
    # Lebaran-like: Thursday and Friday off, then the weekend.
    holidays = {dt.date(2026, 3, 19), dt.date(2026, 3, 20)}

    assert add_days(dt.date(2026, 3, 18), 1, counting=WORKING, holidays=holidays) == dt.date(
        2026, 3, 23
    )


def test_calendar_days_count_weekends_and_ignore_holidays():
    assert add_days(FRIDAY, 3, counting=CALENDAR, holidays={dt.date(2026, 3, 9)}) == dt.date(
        2026, 3, 9
    )


def test_a_complaint_received_on_saturday_starts_counting_on_monday():
    assert add_days(dt.date(2026, 3, 7), 1, counting=WORKING) == dt.date(2026, 3, 9)


@pytest.mark.parametrize(
    ("complaint_class", "days", "working_due", "calendar_due"),
    [
        (ComplaintClass.LIGHT, 2, dt.date(2026, 3, 10), dt.date(2026, 3, 10)),
        (ComplaintClass.INFORMATION, 5, dt.date(2026, 3, 13), dt.date(2026, 3, 11)),
        (ComplaintClass.NO_FIELD_CHECK, 14, dt.date(2026, 3, 26), dt.date(2026, 3, 20)),
        (ComplaintClass.FIELD_CHECK, 60, dt.date(2026, 5, 29), dt.date(2026, 5, 5)),
    ],
)
def test_resolution_limits_by_class_in_both_countings(
    complaint_class, days, working_due, calendar_due
):
    assert resolution_days(complaint_class) == days
    for agency_counting, expected in ((WORKING, working_due), (CALENDAR, calendar_due)):
        counting = counting_for(complaint_class, agency_counting)
        assert add_days(FRIDAY, days, counting=counting) == expected


def test_the_light_class_is_always_counted_in_working_days():
    assert counting_for(ComplaintClass.LIGHT, CALENDAR) == WORKING
    assert counting_for(ComplaintClass.INFORMATION, CALENDAR) == CALENDAR


def test_zero_days_is_the_day_itself_and_negative_days_are_refused():
    assert add_days(FRIDAY, 0, counting=WORKING) == FRIDAY
    with pytest.raises(ValueError, match="negative"):
        add_days(FRIDAY, -1, counting=WORKING)


def test_days_late_counts_calendar_days_past_the_limit():
    assert days_late(dt.date(2026, 3, 11), dt.date(2026, 3, 11)) == 0
    assert days_late(dt.date(2026, 3, 11), dt.date(2026, 3, 14)) == 3


# --- With the agency's calendar and setting ------------------------------------------------------


def test_an_agency_that_never_chose_counts_working_days_with_its_holidays(world, unscoped):
    Holiday.objects.create(agency=world.agency, date=dt.date(2026, 3, 9), name="Cuti bersama")
    Holiday.objects.create(agency=world.other_agency, date=dt.date(2026, 3, 10), name="Lain")

    first, resolution = calendar.limits_for(world.agency.pk, FRIDAY, ComplaintClass.INFORMATION)

    assert first == dt.date(2026, 3, 12)  # Mon off: Tue, Wed, Thu (the other agency's day counts)
    assert resolution == dt.date(2026, 3, 16)


def test_an_agency_counting_calendar_days_keeps_the_light_class_in_working_days(world, unscoped):
    calendar.set_day_counting(world.agency, actor=None, day_counting=CALENDAR)
    Holiday.objects.create(agency=world.agency, date=dt.date(2026, 3, 9), name="Cuti bersama")

    first, information = calendar.limits_for(world.agency.pk, FRIDAY, ComplaintClass.INFORMATION)
    _first, light = calendar.limits_for(world.agency.pk, FRIDAY, ComplaintClass.LIGHT)

    assert first == dt.date(2026, 3, 9)
    assert information == dt.date(2026, 3, 11)
    assert light == dt.date(2026, 3, 11)  # Mon is a holiday: Tue, Wed
