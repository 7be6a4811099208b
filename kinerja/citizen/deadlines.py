"""Time limits of complaints (SP4N-LAPOR!, Perpres 76/2013, PermenPANRB 62/2018) as pure
functions.

A complaint is registered and routed (first response) within 3 days; it is resolved within 5
days (requests for information, simple grievances), 14 days (disputes or violations needing no
field examination) or 60 days (those needing one); some units publish a light class of 2
working days. Whether days are working days or calendar days is the agency's setting: working
days skip Saturdays, Sundays and the agency's holidays. Day N is counted from the day after the
complaint arrived, and the limit is the end of that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.db import models
from django.utils.translation import gettext_lazy as _

FIRST_RESPONSE_DAYS = 3


class ComplaintClass(models.TextChoices):
    LIGHT = "ringan", _("Ringan (2 hari kerja)")
    INFORMATION = "informasi", _("Permintaan informasi / keluhan sederhana (5 hari)")
    NO_FIELD_CHECK = (
        "tanpa_pemeriksaan",
        _("Sengketa/pelanggaran tanpa pemeriksaan lapangan (14 hari)"),
    )
    FIELD_CHECK = "pemeriksaan_lapangan", _("Memerlukan pemeriksaan lapangan (60 hari)")


RESOLUTION_DAYS: dict[ComplaintClass, int] = {
    ComplaintClass.LIGHT: 2,
    ComplaintClass.INFORMATION: 5,
    ComplaintClass.NO_FIELD_CHECK: 14,
    ComplaintClass.FIELD_CHECK: 60,
}


class DayCounting(models.TextChoices):
    WORKING = "hari_kerja", _("Hari kerja (tanpa Sabtu, Minggu dan hari libur)")
    CALENDAR = "hari_kalender", _("Hari kalender")


def is_working_day(day: dt.date, holidays: Collection[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_days(
    start: dt.date,
    days: int,
    *,
    counting: DayCounting | str,
    holidays: Collection[dt.date] = (),
) -> dt.date:
    """The last day of a limit of `days` days counted from the day after `start`. The light
    class is always in working days, whatever the agency counts."""
    if days < 0:
        raise ValueError("days must not be negative")
    if counting == DayCounting.CALENDAR:
        return start + dt.timedelta(days=days)
    day = start
    left = days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            left -= 1
    return day


def resolution_days(complaint_class: ComplaintClass | str) -> int:
    return RESOLUTION_DAYS[ComplaintClass(complaint_class)]


def counting_for(complaint_class: ComplaintClass | str, agency_counting: DayCounting | str) -> str:
    """The light class is published as working days; the others follow the agency's setting."""
    if ComplaintClass(complaint_class) == ComplaintClass.LIGHT:
        return DayCounting.WORKING
    return DayCounting(agency_counting)


def days_late(due: dt.date, on: dt.date) -> int:
    """Calendar days past the limit on `on` (0 when not late)."""
    return max(0, (on - due).days)
