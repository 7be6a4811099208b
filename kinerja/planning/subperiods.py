"""Sub-periods of a performance year: the periodic evaluation runs monthly, quarterly or per
semester, as the agency decides (PermenPANRB 6/2022, Pasal 12 — evaluasi periodik).

Pure functions over dates; no ORM. A period of a full year is cut into 12, 4 or 2 calendar
blocks; a period that starts or ends mid-year keeps the same calendar blocks, clipped to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinerja.core.formatting import MONTHS

MONTHS_PER_SUBPERIOD = {"bulanan": 1, "triwulanan": 3, "semesteran": 6}

_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class SubPeriod:
    """One block of the periodic evaluation: number (1-based), its dates and its label."""

    number: int
    start: dt.date
    end: dt.date
    label: str

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _label(frequency: str, number: int, start_month: int, year: int) -> str:
    if frequency == "bulanan":
        return f"{MONTHS[start_month - 1]} {year}"
    if frequency == "triwulanan":
        return f"Triwulan {_ROMAN[number - 1]} {year}"
    return f"Semester {_ROMAN[number - 1]} {year}"


def subperiods(frequency: str, start: dt.date, end: dt.date) -> list[SubPeriod]:
    """The sub-periods of a period from `start` to `end` (inclusive) at `frequency`.

    Blocks follow the calendar year of `start` (Triwulan I = January–March, Semester II =
    July–December) and are clipped to the period; a block wholly outside is left out.
    Numbers are the calendar block numbers, so Triwulan III stays number 3 even when the period
    starts in July.
    """
    try:
        months = MONTHS_PER_SUBPERIOD[frequency]
    except KeyError:
        raise ValueError(f"frekuensi tidak dikenal: {frequency!r}") from None
    if end < start:
        raise ValueError("tanggal selesai periode sebelum tanggal mulai")
    blocks: list[SubPeriod] = []
    year = start.year
    for number in range(1, 12 // months + 1):
        first_month = (number - 1) * months + 1
        block_start = dt.date(year, first_month, 1)
        block_end = _month_end(year, first_month + months - 1)
        if block_end < start or block_start > end:
            continue
        blocks.append(
            SubPeriod(
                number=number,
                start=max(block_start, start),
                end=min(block_end, end),
                label=_label(frequency, number, first_month, year),
            )
        )
    return blocks


def subperiod_of(frequency: str, start: dt.date, end: dt.date, day: dt.date) -> SubPeriod | None:
    """The sub-period that contains `day`, or None outside the period."""
    for block in subperiods(frequency, start, end):
        if block.contains(day):
            return block
    return None


def subperiod_by_number(frequency: str, start: dt.date, end: dt.date, number: int) -> SubPeriod:
    """The sub-period numbered `number`; ValueError with an Indonesian message when absent."""
    for block in subperiods(frequency, start, end):
        if block.number == number:
            return block
    raise ValueError(f"periode ke-{number} tidak ada dalam periode penilaian ini")
