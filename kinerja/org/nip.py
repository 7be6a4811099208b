"""NIP (PNS) and NI PPPK: parsing and validation.

Perka BKN 22/2007 (NIP PNS, 18 digits): birth date YYYYMMDD, first CPNS appointment YYYYMM,
sex (1 = pria, 2 = wanita), serial 001–999. Shown 8-6-1-3 with spaces, accepted either way.
NI PPPK (18 digits): birth date YYYYMMDD, year of appointment YYYY, PPPK code `2`, intake
1–9, sex, serial. Pure functions over plain values; no ORM.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Sex(StrEnum):
    MALE = "L"
    FEMALE = "P"


_SEX_DIGIT = {"1": Sex.MALE, "2": Sex.FEMALE}


class NipError(ValueError):
    """A NIP or NI PPPK that is not valid; the message is Indonesian, for the user."""


@dataclass(frozen=True)
class ParsedNip:
    number: str
    birth_date: dt.date
    appointment: dt.date  # first day of the appointment month (PPPK: of the year)
    sex: Sex
    serial: int

    @property
    def display(self) -> str:
        return format_nip(self.number)


def compact(raw: str) -> str:
    """The digits of a NIP typed with spaces (or dots, dashes)."""
    return "".join(ch for ch in raw if ch not in " .-\t")


def format_nip(number: str) -> str:
    """`198609262015051001` → `19860926 201505 1 001`."""
    if len(number) != 18:
        return number
    return f"{number[:8]} {number[8:14]} {number[14]} {number[15:]}"


def _birth_date(digits: str) -> dt.date:
    try:
        return dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as error:
        raise NipError(
            f"tanggal lahir {digits[6:8]}-{digits[4:6]}-{digits[0:4]} tidak ada"
        ) from error


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _common(number: str, *, label: str) -> str:
    digits = compact(number)
    if not digits:
        raise NipError(f"{label} wajib diisi")
    if not digits.isdigit():
        raise NipError(f"{label} hanya boleh berisi angka")
    if len(digits) != 18:
        raise NipError(f"{label} harus 18 digit (tertulis {len(digits)} digit)")
    return digits


def _check_appointment(birth: dt.date, appointment: dt.date, today: dt.date, label: str) -> None:
    if appointment < _add_years(birth, 18).replace(day=1):
        raise NipError(f"{label}: pengangkatan sebelum usia 18 tahun")
    if appointment > today:
        raise NipError(f"{label}: tanggal pengangkatan di masa depan")


def parse_nip(number: str, *, today: dt.date) -> ParsedNip:
    """Parse and validate a NIP PNS (Perka BKN 22/2007); raise NipError with the reason."""
    digits = _common(number, label="NIP")
    birth = _birth_date(digits[0:8])
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12:
        raise NipError(f"NIP: bulan pengangkatan CPNS {digits[12:14]} tidak valid (01–12)")
    appointment = dt.date(year, month, 1)
    _check_appointment(birth, appointment, today, "NIP")
    sex = _SEX_DIGIT.get(digits[14])
    if sex is None:
        raise NipError("NIP: digit ke-15 (jenis kelamin) harus 1 (pria) atau 2 (wanita)")
    serial = int(digits[15:18])
    if serial == 0:
        raise NipError("NIP: nomor urut harus 001–999")
    return ParsedNip(digits, birth, appointment, sex, serial)


def parse_ni_pppk(number: str, *, today: dt.date) -> ParsedNip:
    """Parse and validate a NI PPPK: birth date, year, code 2, intake, sex, serial."""
    digits = _common(number, label="NI PPPK")
    birth = _birth_date(digits[0:8])
    year = int(digits[8:12])
    if digits[12] != "2":
        raise NipError("NI PPPK: digit ke-13 (kode PPPK) harus 2")
    if digits[13] == "0":
        raise NipError("NI PPPK: digit ke-14 (tahap pengadaan) harus 1–9")
    appointment = dt.date(year, 1, 1)
    if appointment.year < _add_years(birth, 18).year:
        raise NipError("NI PPPK: pengangkatan sebelum usia 18 tahun")
    if appointment.year > today.year:
        raise NipError("NI PPPK: tahun pengangkatan di masa depan")
    sex = _SEX_DIGIT.get(digits[14])
    if sex is None:
        raise NipError("NI PPPK: digit ke-15 (jenis kelamin) harus 1 (pria) atau 2 (wanita)")
    serial = int(digits[15:18])
    if serial == 0:
        raise NipError("NI PPPK: nomor urut harus 001–999")
    return ParsedNip(digits, birth, appointment, sex, serial)


def check_agrees(parsed: ParsedNip, *, birth_date: dt.date | None, sex: str | None) -> None:
    """A NIP valid in shape must still agree with the recorded birth date and sex."""
    if birth_date is not None and parsed.birth_date != birth_date:
        raise NipError(
            f"tanggal lahir dalam NIP ({parsed.birth_date:%d-%m-%Y}) berbeda dengan tanggal "
            f"lahir pegawai ({birth_date:%d-%m-%Y})"
        )
    if sex and parsed.sex != sex:
        label = "pria" if parsed.sex == Sex.MALE else "wanita"
        raise NipError(f"jenis kelamin dalam NIP ({label}) berbeda dengan data pegawai")
