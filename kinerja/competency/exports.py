"""XLSX rows of the competency lists, from the same selectors as the pages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from kinerja.competency.models import Competency
from kinerja.competency.selectors.profiles import Profile
from kinerja.competency.selectors.reports import UnitReport, UnitRow
from kinerja.org.models import Employee, Position


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


DICTIONARY_HEADERS = [
    "Kode",
    "Jenis",
    "Nama kompetensi",
    "Definisi",
    "Level 1",
    "Level 2",
    "Level 3",
    "Level 4",
    "Level 5",
    "Jabatan yang mempersyaratkan",
    "Status",
]


def dictionary_rows(entries: Iterable[Competency]) -> Iterator[list[Any]]:
    for entry in entries:
        levels = list(entry.level_descriptions or []) + [""] * 5
        yield [
            entry.code,
            entry.get_kind_display(),
            entry.name,
            entry.description,
            *levels[:5],
            getattr(entry, "position_count", None),
            "Aktif" if entry.is_active else "Nonaktif",
        ]


POSITION_HEADERS = [
    "Unit kerja",
    "Jabatan",
    "Jenis jabatan",
    "Pemangku",
    "Kompetensi dipersyaratkan",
]


def position_rows(positions: Iterable[Position]) -> Iterator[list[Any]]:
    for position in positions:
        yield [
            position.unit.name,
            position.name,
            position.get_kind_display(),
            getattr(position, "holder_count", None),
            getattr(position, "requirement_count", None),
        ]


PROFILE_HEADERS = [
    "Kode",
    "Kompetensi",
    "Jenis",
    "Level dipersyaratkan",
    "Level saat ini",
    "Kesenjangan",
    "Sumber",
    "Tanggal penilaian",
]


def profile_rows(profile: Profile) -> Iterator[list[Any]]:
    kinds = dict(Competency._meta.get_field("kind").choices or [])
    for row in [*profile.required, *profile.other]:
        yield [
            row.code,
            row.name,
            str(kinds.get(row.kind, row.kind)),
            row.required,
            row.current,
            row.shortfall if row.required is not None else None,
            row.source,
            row.assessed_on,
        ]


TEAM_HEADERS = [
    "NIP",
    "Nama",
    "Unit kerja",
    "Jabatan",
    "Kompetensi dipersyaratkan",
    "Di bawah standar",
]


def team_rows(employees: Iterable[Employee]) -> Iterator[list[Any]]:
    for employee in employees:
        yield [
            employee.nip,
            employee.full_name,
            employee.unit.name,
            employee.position.name if employee.position else "",
            getattr(employee, "required_count", None),
            getattr(employee, "shortfall_count", None),
        ]


UNIT_REPORT_HEADERS = [
    "Kode",
    "Kompetensi",
    "Pegawai dipersyaratkan",
    "Sudah dinilai",
    "Di bawah standar",
    "Rata-rata kesenjangan",
]


def unit_report_rows(report: UnitReport) -> Iterator[list[Any]]:
    for row in report.rows:
        yield [
            row.competency.code,
            row.competency.name,
            row.required,
            row.assessed,
            row.below,
            _number(row.mean_shortfall),
        ]


AGENCY_HEADERS = [
    "Unit kerja",
    "Pegawai aktif",
    "Pegawai dengan standar kompetensi",
    "Sudah dinilai",
    "Di bawah standar",
    "Rata-rata kesenjangan",
]


def agency_rows(rows: Iterable[UnitRow]) -> Iterator[list[Any]]:
    for row in rows:
        yield [
            row.unit.name,
            row.employees,
            row.required,
            row.assessed,
            row.below,
            _number(row.mean_shortfall),
        ]
