"""Reading one cell: dates, sex, employee type, rank, unit and position kinds, numbers, text.

Each parser takes what `reading.cell_value` produced and returns the model's value, or raises
`CellError` with an Indonesian message naming the problem. Pure functions, no ORM.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from kinerja.org.models import (
    EmployeeType,
    PositionKind,
    PositionLevel,
    Sex,
    UnitKind,
)
from kinerja.org.ranks import normalise_rank

_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d")
_EARLIEST_YEAR = 1900


class CellError(ValueError):
    """A cell whose value cannot be used; the message is for the user."""


def as_text(value: Any) -> str:
    """The cell as text (numbers without a trailing `.0`)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@lru_cache(maxsize=65536)  # unit and position names repeat on almost every row
def key(value: Any) -> str:
    """A case- and space-insensitive lookup key for names and codes."""
    return " ".join(as_text(value).lower().split())


def text(value: Any, *, max_length: int) -> str:
    result = as_text(value)
    if len(result) > max_length:
        raise CellError(
            _("Terlalu panjang: %(length)s karakter (maksimal %(max)s).")
            % {"length": len(result), "max": max_length}
        )
    return result


@lru_cache(maxsize=65536)  # a sheet of 60,000 people has far fewer distinct dates
def date(value: Any) -> dt.date:
    """`26-09-1986`, `26/09/1986`, `1986-09-26` (or a date cell) → a date."""
    raw = as_text(value)
    parsed: dt.date | None = None
    if len(raw) == 10 and raw[4] == "-":
        try:
            parsed = dt.date.fromisoformat(raw)
        except ValueError:
            parsed = None
    if parsed is None:
        for pattern in _DATE_FORMATS:
            try:
                parsed = dt.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 (a date)
                break
            except ValueError:
                continue
    if parsed is None or parsed.year < _EARLIEST_YEAR:
        raise CellError(
            _('Tanggal "%(value)s" tidak valid; gunakan format dd-mm-yyyy (mis. 26-09-1986).')
            % {"value": raw}
        )
    return parsed


_SEXES = {
    "l": Sex.MALE,
    "lk": Sex.MALE,
    "laki-laki": Sex.MALE,
    "laki laki": Sex.MALE,
    "lakilaki": Sex.MALE,
    "pria": Sex.MALE,
    "p": Sex.FEMALE,
    "pr": Sex.FEMALE,
    "perempuan": Sex.FEMALE,
    "wanita": Sex.FEMALE,
}


def sex(value: Any) -> str:
    found = _SEXES.get(key(value))
    if found is None:
        raise CellError(
            _('Jenis kelamin "%(value)s" tidak dikenal; isi L atau P.') % {"value": as_text(value)}
        )
    return found


_EMPLOYEE_TYPES = {
    "pns": EmployeeType.PNS,
    "cpns": EmployeeType.PNS,
    "pegawai negeri sipil": EmployeeType.PNS,
    "pppk": EmployeeType.PPPK,
    "p3k": EmployeeType.PPPK,
    "pegawai pemerintah dengan perjanjian kerja": EmployeeType.PPPK,
}


def employee_type(value: Any) -> str:
    found = _EMPLOYEE_TYPES.get(key(value))
    if found is None:
        raise CellError(
            _('Jenis pegawai "%(value)s" tidak dikenal; isi PNS atau PPPK.')
            % {"value": as_text(value)}
        )
    return found


@lru_cache(maxsize=1024)
def rank(value: Any, *, is_pppk: bool) -> str:
    found = normalise_rank(as_text(value), is_pppk=is_pppk)
    if found is None:
        message = (
            _('Golongan PPPK "%(value)s" tidak dikenal (I sampai XVII).')
            if is_pppk
            else _('Golongan "%(value)s" tidak dikenal (mis. III/a).')
        )
        raise CellError(message % {"value": as_text(value)})
    return found


# A strict subset of what Django's EmailValidator accepts, to spare it on ordinary addresses.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def email(value: Any) -> str:
    address = text(value, max_length=254)
    if _PLAIN_EMAIL.fullmatch(address):
        return address
    try:
        validate_email(address)
    except ValidationError as error:
        raise CellError(_('Alamat email "%(value)s" tidak valid.') % {"value": address}) from error
    return address


def _choice_index(choices: list[tuple[str, Any]], extra: dict[str, str]) -> dict[str, str]:
    """Every way of writing a choice: its code, its label and each part of a `A / B` label."""
    index: dict[str, str] = {}
    for code, label in choices:
        for part in str(label).split("/"):
            index.setdefault(key(part), code)
        index.setdefault(key(label), code)
    index.update(extra)
    for code, _label in choices:
        index[key(code)] = code
    return index


_UNIT_KINDS = _choice_index(
    UnitKind.choices,
    {
        "setda": UnitKind.SECRETARIAT,
        "sekretariat daerah": UnitKind.SECRETARIAT,
        "subbagian": UnitKind.SEKSI,
        "sub bagian": UnitKind.SEKSI,
        "subbag": UnitKind.SEKSI,
        "desa": UnitKind.KELURAHAN,
        "uptd": UnitKind.UPT,
    },
)


def unit_kind(value: Any) -> str:
    found = _UNIT_KINDS.get(key(value))
    if found is None:
        raise CellError(
            _(
                'Jenis unit "%(value)s" tidak dikenal (mis. Dinas, Badan, Bidang, '
                "Seksi, Kecamatan, Kelurahan)."
            )
            % {"value": as_text(value)}
        )
    return found


_POSITION_KINDS = _choice_index(
    PositionKind.choices,
    {
        "jpt": PositionKind.JPT,
        "pimpinan tinggi": PositionKind.JPT,
        "jf": PositionKind.FUNGSIONAL,
        "jabatan fungsional": PositionKind.FUNGSIONAL,
        "jfu": PositionKind.PELAKSANA,
        "jabatan pelaksana": PositionKind.PELAKSANA,
        "jabatan administrator": PositionKind.ADMINISTRATOR,
        "jabatan pengawas": PositionKind.PENGAWAS,
    },
)


def position_kind(value: Any) -> str:
    found = _POSITION_KINDS.get(key(value))
    if found is None:
        raise CellError(
            _(
                'Jenis jabatan "%(value)s" tidak dikenal (JPT, Administrator, '
                "Pengawas, Pelaksana, Fungsional)."
            )
            % {"value": as_text(value)}
        )
    return found


_LEVELS = _choice_index(PositionLevel.choices, {})


def position_level(value: Any, *, kind: str) -> str:
    """`Ahli Muda`, `JPT Pratama`; a bare `Madya`/`Utama` is read by the kind of position."""
    raw = key(value)
    prefix = "jpt" if kind == PositionKind.JPT else "ahli"
    found = _LEVELS.get(raw) or _LEVELS.get(f"{prefix} {raw}")
    if found is None:
        raise CellError(
            _('Jenjang "%(value)s" tidak dikenal (mis. JPT Pratama, Ahli Muda, Terampil).')
            % {"value": as_text(value)}
        )
    return found


def grade(value: Any) -> int:
    raw = as_text(value)
    if not raw.isdigit() or not 1 <= int(raw) <= 17:
        raise CellError(_('Kelas jabatan "%(value)s" harus angka 1 sampai 17.') % {"value": raw})
    return int(raw)
