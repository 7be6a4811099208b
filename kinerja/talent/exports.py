"""Rows of the talent lists for XLSX (`core.spreadsheets`) and PDF (`documents`), from the same
selectors as the pages: a box or the pool, those not yet mappable, potential scores, and a key
position's succession candidates."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from kinerja.core.formatting import indonesian_date
from kinerja.talent.basis import basis_lines
from kinerja.talent.boxes import BOX_ACTIONS
from kinerja.talent.models import PotentialAssessment, TalentPlacement
from kinerja.talent.selectors import Succession, unmapped_reason

PLACEMENT_HEADERS = [
    "Kotak",
    "Nama",
    "NIP",
    "Unit kerja",
    "Jabatan",
    "Kinerja",
    "Skor kinerja",
    "Potensial",
    "Skor potensial",
    "Dasar penempatan",
    "Rekomendasi tindakan",
]
UNMAPPED_HEADERS = ["Nama", "NIP", "Unit kerja", "Jabatan", "Alasan"]
POTENTIAL_HEADERS = ["Nama", "NIP", "Unit kerja", "Skor", "Tanggal asesmen", "Penyelenggara"]
SUCCESSION_HEADERS = [
    "Peringkat",
    "Nama",
    "NIP",
    "Unit kerja",
    "Jabatan",
    "Kotak",
    "Skor kinerja",
    "Skor potensial",
    "Alasan",
]


def basis_text(basis: dict[str, Any]) -> str:
    """The evidence trail in one cell."""
    return "; ".join(basis_lines(basis))


def _number(value: Any) -> float:
    return float(value)


def placement_rows(placements: Iterable[TalentPlacement]) -> Iterator[list[Any]]:
    for placement in placements:
        employee = placement.employee
        yield [
            placement.box,
            employee.full_name,
            employee.nip,
            employee.unit.name,
            employee.position.name if employee.position else "",
            placement.get_performance_display(),
            _number(placement.performance_score),
            placement.get_potential_display(),
            _number(placement.potential_score),
            basis_text(placement.basis),
            "; ".join(BOX_ACTIONS[placement.box]),
        ]


def unmapped_rows(employees: Iterable[Any]) -> Iterator[list[Any]]:
    for employee in employees:
        yield [
            employee.full_name,
            employee.nip,
            employee.unit.name,
            employee.position.name if employee.position else "",
            unmapped_reason(employee),
        ]


def potential_rows(assessments: Iterable[PotentialAssessment]) -> Iterator[list[Any]]:
    for assessment in assessments:
        yield [
            assessment.employee.full_name,
            assessment.employee.nip,
            assessment.employee.unit.name,
            _number(assessment.score),
            indonesian_date(assessment.assessed_on),
            assessment.assessor,
        ]


def succession_rows(found: Succession) -> Iterator[list[Any]]:
    for ranked in found.candidates:
        employee = found.employees[ranked.candidate.employee_id]
        yield [
            ranked.rank,
            employee.full_name,
            employee.nip,
            employee.unit.name,
            employee.position.name if employee.position else "",
            ranked.candidate.box,
            _number(ranked.candidate.performance_score),
            _number(ranked.candidate.potential_score),
            "; ".join(ranked.reasons),
        ]
