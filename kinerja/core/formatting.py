"""Indonesian dates and numbers as the official documents and pages write them:
"14 Februari 2026", "1.250,5"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def indonesian_date(day: dt.date) -> str:
    """`14 Februari 2026`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def indonesian_number(value: Decimal) -> str:
    """`1250.50` → `1.250,5`; whole numbers without decimals."""
    normalized = value.normalize()
    if normalized == normalized.to_integral():
        return f"{int(normalized):,}".replace(",", ".")
    whole, _, fraction = f"{normalized:f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction
