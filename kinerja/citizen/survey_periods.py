"""The periods a satisfaction survey is reported over: a quarter, a semester or a year.

PermenPANRB 14/2017 asks each unit to survey at least once a year; in practice units report
per quarter (triwulan), per semester or per year. A period is written in URLs and files as
`2026-T1` … `2026-T4`, `2026-S1`, `2026-S2` or `2026`, and covers whole local days (the
agency's time zone): from its first day at 00:00 up to, not including, the next period's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

ROMAN = ("I", "II", "III", "IV")
_CODE = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[TS])(?P<number>\d))?$")


class PeriodKind(models.TextChoices):
    QUARTER = "T", _("Triwulan")
    SEMESTER = "S", _("Semester")
    YEAR = "Y", _("Tahun")


@dataclass(frozen=True, order=True)
class SurveyPeriod:
    """A quarter (`number` 1–4), a semester (1–2) or a year (`number` 0) of `year`."""

    year: int
    kind: str
    number: int

    @property
    def code(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return str(self.year)
        return f"{self.year}-{self.kind}{self.number}"

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return f"Triwulan {ROMAN[self.number - 1]} {self.year}"
        if self.kind == PeriodKind.SEMESTER:
            return f"Semester {ROMAN[self.number - 1]} {self.year}"
        return f"Tahun {self.year}"

    @property
    def months(self) -> int:
        return {PeriodKind.QUARTER: 3, PeriodKind.SEMESTER: 6}.get(PeriodKind(self.kind), 12)

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        first_month = 1 if self.kind == PeriodKind.YEAR else (self.number - 1) * self.months + 1
        return dt.date(self.year, first_month, 1)

    @property
    def end(self) -> dt.date:
        """The first day after the period (exclusive bound)."""
        month = self.start.month + self.months
        return dt.date(self.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    def quarters(self) -> list[SurveyPeriod]:
        """The quarters the period is made of (itself for a quarter)."""
        first = (self.start.month - 1) // 3 + 1
        return [quarter(self.year, first + offset) for offset in range(self.months // 3)]


def quarter(year: int, number: int) -> SurveyPeriod:
    return SurveyPeriod(year, PeriodKind.QUARTER, number)


def semester(year: int, number: int) -> SurveyPeriod:
    return SurveyPeriod(year, PeriodKind.SEMESTER, number)


def whole_year(year: int) -> SurveyPeriod:
    return SurveyPeriod(year, PeriodKind.YEAR, 0)


def parse_period(code: str) -> SurveyPeriod | None:
    """`2026-T1`, `2026-S2`, `2026` → the period; None for anything else."""
    match = _CODE.match(code.strip().upper())
    if match is None:
        return None
    year = int(match["year"])
    if not 2000 <= year <= 2100:
        return None
    kind = match["kind"]
    if kind is None:
        return whole_year(year)
    number = int(match["number"])
    limit = 4 if kind == PeriodKind.QUARTER else 2
    if not 1 <= number <= limit:
        return None
    return SurveyPeriod(year, kind, number)


def period_containing(day: dt.date, kind: str = PeriodKind.QUARTER) -> SurveyPeriod:
    """The quarter (or semester, or year) in which `day` falls."""
    if kind == PeriodKind.YEAR:
        return whole_year(day.year)
    if kind == PeriodKind.SEMESTER:
        return semester(day.year, 1 if day.month <= 6 else 2)
    return quarter(day.year, (day.month - 1) // 3 + 1)


def previous_quarters(last: SurveyPeriod, count: int) -> list[SurveyPeriod]:
    """`count` quarters ending with the last quarter of `last`, oldest first."""
    end = last.quarters()[-1]
    index = end.year * 4 + end.number - 1
    return [quarter(i // 4, i % 4 + 1) for i in range(index - count + 1, index + 1)]


def choices_around(today: dt.date, *, years: int = 3) -> list[SurveyPeriod]:
    """The periods a report offers: for the current and the previous `years - 1` years, the
    year, its semesters and its quarters that have started, newest first."""
    periods: list[SurveyPeriod] = []
    for year in range(today.year, today.year - years, -1):
        candidates = [
            *(quarter(year, n) for n in (4, 3, 2, 1)),
            *(semester(year, n) for n in (2, 1)),
            whole_year(year),
        ]
        periods += [p for p in candidates if p.start <= today]
    return periods
