"""Reading one cell of a request export: the service's time stamps, in the formats queue
systems write them. Pure functions, no ORM."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel


class CellError(ValueError):
    """A cell whose value cannot be used; the message is for the user."""


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_TIME = r"(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?)?"
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME)
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})" + _TIME)
_SERIAL = re.compile(r"\d{5}(?:[.,]\d+)?")
_EARLIEST = 2000
SERIAL_RANGE = (36526, 73051)  # Excel serials of 1 January 2000 and 1 January 2100


def _bad_time(raw: str) -> CellError:
    return CellError(
        _(
            'Waktu "%(value)s" tidak dikenali; tulis tanggal dan jam, mis. 01/03/2026 08:15 '
            "atau 2026-03-01 08:15."
        )
        % {"value": raw}
    )


def _date_only(raw: str) -> CellError:
    return CellError(
        _('Jam tidak ada pada "%(value)s"; tulis tanggal dan jam, mis. 01/03/2026 08:15.')
        % {"value": raw}
    )


def parse_when(value: Any, local: dt.tzinfo | None = None) -> dt.datetime:
    """A cell as an aware datetime; naive times are in `local` (default: the current time
    zone; pass it when reading many cells, looking it up costs more than the parsing)."""
    raw = as_text(value).strip()
    naive: dt.datetime | None = None
    if isinstance(value, int | float) or _SERIAL.fullmatch(raw):
        serial = float(raw.replace(",", "."))
        if not SERIAL_RANGE[0] <= serial < SERIAL_RANGE[1]:
            raise _bad_time(raw)
        if serial.is_integer():
            raise _date_only(raw)
        converted = from_excel(serial)
        naive = (converted + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
    else:
        naive = _parse_text(raw)
    if naive.year < _EARLIEST:
        raise _bad_time(raw)
    if naive.tzinfo is not None:
        return naive
    return naive.replace(tzinfo=local or timezone.get_current_timezone())


def _parse_text(raw: str) -> dt.datetime:
    for pattern, order in ((_YMD, (0, 1, 2)), (_DMY, (2, 1, 0))):
        match = pattern.fullmatch(raw)
        if match is None:
            continue
        parts = match.groups()
        if parts[3] is None:
            raise _date_only(raw)
        try:
            return dt.datetime(  # noqa: DTZ001 (made aware by the caller)
                int(parts[order[0]]),
                int(parts[order[1]]),
                int(parts[order[2]]),
                int(parts[3]),
                int(parts[4]),
                int(parts[5] or 0),
            )
        except ValueError:
            raise _bad_time(raw) from None
    try:
        return dt.datetime.fromisoformat(raw)  # ISO 8601 with a time-zone offset
    except ValueError:
        raise _bad_time(raw) from None
