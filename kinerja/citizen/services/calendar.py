"""The agency's complaint calendar: its holidays, whether limits count working or calendar days,
and the limits of a complaint computed from both (`kinerja.citizen.deadlines` holds the rules).

Changing the calendar or the counting applies to complaints registered afterwards: the limits a
complaint was given when it arrived are the ones the complainant was told.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.citizen.deadlines import (
    FIRST_RESPONSE_DAYS,
    ComplaintClass,
    DayCounting,
    add_days,
    counting_for,
    resolution_days,
)
from kinerja.citizen.models import CitizenSettings, Holiday
from kinerja.core import audit
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require

# Holidays read around a complaint: 60 working days with a year's holidays fit in a year.
HORIZON = dt.timedelta(days=366)
HOLIDAY_NAME_MAX = 120
HOLIDAY_LINES_MAX = 400


@dataclass(frozen=True)
class DeadlineCalendar:
    """An agency's counting and holidays over a span of dates: the limits of complaints."""

    counting: str
    holidays: frozenset[dt.date]

    def first_response_due(self, received_on: dt.date) -> dt.date:
        """3 days (SP4N-LAPOR!: registered and routed), counted as the agency counts."""
        return add_days(
            received_on, FIRST_RESPONSE_DAYS, counting=self.counting, holidays=self.holidays
        )

    def resolution_due(self, received_on: dt.date, complaint_class: str) -> dt.date:
        """5, 14 or 60 days by class (2 working days for the light class)."""
        return add_days(
            received_on,
            resolution_days(complaint_class),
            counting=counting_for(complaint_class, self.counting),
            holidays=self.holidays,
        )


def day_counting_of(agency_id: int) -> str:
    """The agency's setting; working days when it never chose."""
    chosen = CitizenSettings.objects.filter(agency_id=agency_id).values_list(
        "day_counting", flat=True
    )
    return next(iter(chosen), DayCounting.WORKING)


def calendar_of(agency_id: int, start: dt.date, end: dt.date | None = None) -> DeadlineCalendar:
    """The calendar for complaints received from `start` to `end` (one day by default)."""
    last = (end or start) + HORIZON
    holidays = Holiday.objects.filter(agency_id=agency_id, date__gte=start, date__lte=last)
    return DeadlineCalendar(
        counting=day_counting_of(agency_id),
        holidays=frozenset(holidays.values_list("date", flat=True)),
    )


def limits_for(
    agency_id: int, received_on: dt.date, complaint_class: str
) -> tuple[dt.date, dt.date]:
    """(first response due, resolution due) of a complaint received on `received_on`."""
    calendar = calendar_of(agency_id, received_on)
    return (
        calendar.first_response_due(received_on),
        calendar.resolution_due(received_on, ComplaintClass(complaint_class)),
    )


# --- Writes (agency admin) ---------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Tuliskan keterangan hari libur.")})
    if len(name) > HOLIDAY_NAME_MAX:
        raise ValidationError(
            {"name": _("Keterangan paling panjang %(max)s karakter.") % {"max": HOLIDAY_NAME_MAX}}
        )
    return name


@transaction.atomic
def add_holiday(agency: Agency, *, actor: User | None, date: dt.date, name: str) -> Holiday:
    """Add a public holiday or collective leave day to the agency's calendar."""
    if actor is not None:
        require(actor, "citizen.manage_calendar", agency)
    name = _clean_name(name)
    if Holiday.objects.filter(agency=agency, date=date).exists():
        raise ValidationError({"date": _("Tanggal ini sudah tercatat sebagai hari libur.")})
    holiday = Holiday.objects.create(agency=agency, date=date, name=name)
    audit.record(
        holiday,
        "citizen.holiday.added",
        actor=actor,
        agency_id=agency.pk,
        changes={"date": (None, date), "name": (None, name)},
    )
    return holiday


@transaction.atomic
def remove_holiday(holiday: Holiday, *, actor: User | None) -> None:
    """Take a day off the agency's calendar."""
    if actor is not None:
        require(actor, "citizen.manage_calendar", holiday.agency)
    audit.record(
        holiday,
        "citizen.holiday.removed",
        actor=actor,
        agency_id=holiday.agency_id,
        changes={"date": (holiday.date, None), "name": (holiday.name, None)},
    )
    holiday.delete()


_LINE = re.compile(r"^\s*(?P<date>\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})\s*[;,\t ]?\s*(?P<name>.*)$")


def _parse_day(text: str) -> dt.date:
    """`2026-08-17`, `17-08-2026`, `17/08/2026` or `17.08.2026`."""
    parts = re.split(r"[-/.]", text)
    if len(parts[0]) == 4:
        year, month, day = (int(part) for part in parts)
    else:
        day, month, year = (int(part) for part in parts)
    return dt.date(year, month, day)


def parse_holiday_lines(text: str) -> tuple[list[tuple[dt.date, str]], list[str]]:
    """Each non-empty line `tanggal keterangan` → (date, name); errors per line in Indonesian."""
    days: list[tuple[dt.date, str]] = []
    errors: list[str] = []
    seen: set[dt.date] = set()
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > HOLIDAY_LINES_MAX:
        return [], [_("Paling banyak %(max)s baris sekali impor.") % {"max": HOLIDAY_LINES_MAX}]
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        try:
            if match is None:
                raise ValueError
            day = _parse_day(match["date"])
        except ValueError:
            errors.append(
                _("Baris %(line)s: tanggal tidak dikenali (tulis 2026-08-17 atau 17-08-2026).")
                % {"line": number}
            )
            continue
        name = " ".join(match["name"].split()) or _("Hari libur")
        if len(name) > HOLIDAY_NAME_MAX:
            errors.append(
                _("Baris %(line)s: keterangan paling panjang %(max)s karakter.")
                % {"line": number, "max": HOLIDAY_NAME_MAX}
            )
            continue
        if day in seen:
            errors.append(
                _("Baris %(line)s: tanggal %(date)s tertulis dua kali.")
                % {"line": number, "date": day.isoformat()}
            )
            continue
        seen.add(day)
        days.append((day, name))
    if not days and not errors:
        errors.append(_("Tidak ada tanggal yang dapat dibaca."))
    return days, errors


@transaction.atomic
def import_holidays(agency: Agency, *, actor: User | None, text: str) -> int:
    """Add every date of a pasted list (one `tanggal keterangan` per line), all or none; dates
    already on the calendar are kept as they are. Returns how many were added."""
    if actor is not None:
        require(actor, "citizen.manage_calendar", agency)
    days, errors = parse_holiday_lines(text)
    if errors:
        raise ValidationError({"lines": errors})
    existing = set(
        Holiday.objects.filter(agency=agency, date__in=[day for day, _name in days]).values_list(
            "date", flat=True
        )
    )
    fresh = [
        Holiday(agency=agency, date=day, name=name) for day, name in days if day not in existing
    ]
    Holiday.objects.bulk_create(fresh)
    for holiday in Holiday.objects.filter(
        agency=agency, date__in=[holiday.date for holiday in fresh]
    ):
        audit.record(
            holiday,
            "citizen.holiday.added",
            actor=actor,
            agency_id=agency.pk,
            changes={"date": (None, holiday.date), "name": (None, holiday.name)},
            note=_("Impor daftar hari libur"),
        )
    return len(fresh)


@transaction.atomic
def set_day_counting(agency: Agency, *, actor: User | None, day_counting: str) -> CitizenSettings:
    """Choose whether complaint limits count working days (with the holidays) or calendar
    days; applies to complaints registered from now on."""
    if actor is not None:
        require(actor, "citizen.manage_calendar", agency)
    if day_counting not in DayCounting.values:
        raise ValidationError({"day_counting": _("Pilih hari kerja atau hari kalender.")})
    settings, _created = CitizenSettings.objects.select_for_update(of=("self",)).get_or_create(
        agency=agency
    )
    old = settings.day_counting if not _created else None
    if old == day_counting:
        return settings
    settings.day_counting = day_counting
    settings.save(update_fields=["day_counting", "updated_at"])
    audit.record(
        settings,
        "citizen.settings.updated",
        actor=actor,
        agency_id=agency.pk,
        changes={"day_counting": (old, day_counting)},
    )
    return settings
