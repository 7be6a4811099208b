"""The 9-box of ASN talent management (PermenPANRB 3/2020 tentang Manajemen Talenta ASN).

Pure functions over plain values, no ORM. The regulation fixes the grid and the box numbers;
it leaves the cut-offs of both axes to the agency, so they are settings (`Cutoffs`, stored per
agency in `TalentSettings`). The choices this module makes, and why:

* **Performance axis** — from the employee's last predicates (PermenPANRB 6/2022), one per
  year, over the last `years` years (2 by default, as most talent-management guidelines
  read "the last two years"). Each predicate becomes points (`PREDICATE_POINTS`: Sangat Baik
  5 … Sangat Kurang 1, the order of the predicate scale), the points are averaged, and two
  cut-offs give the level: below `as_expected_from` → di bawah ekspektasi; from it up to below
  `above_from` → sesuai ekspektasi; from `above_from` → di atas ekspektasi. Defaults 4,00 and
  4,50: a "Baik" on average is as expected, "Sangat Baik" in at least half the years above.
* **Potential axis** — the latest assessment score (0–100, assessment centre or competency
  test), with two cut-offs: below `middle_from` → rendah, from `high_from` → tinggi, between
  them → menengah. Defaults 60 and 80.

Grid (potential rows high → low, performance columns below → above):

|                     | kinerja di bawah | sesuai | di atas |
|---------------------|------------------|--------|---------|
| **potensial tinggi**   | 6             | 8      | 9       |
| **potensial menengah** | 3             | 5      | 7       |
| **potensial rendah**   | 1             | 2      | 4       |
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType

from kinerja.appraisal.predicate import Predicate


class Performance(StrEnum):
    """Performance level (the values of `models.PerformanceLevel`)."""

    BELOW = "below"
    AS_EXPECTED = "as"
    ABOVE = "above"


class Potential(StrEnum):
    """Potential level (the values of `models.PotentialLevel`)."""

    LOW = "low"
    MIDDLE = "middle"
    HIGH = "high"


PREDICATE_POINTS: Mapping[Predicate, int] = MappingProxyType(
    {
        Predicate.SANGAT_BAIK: 5,
        Predicate.BAIK: 4,
        Predicate.BUTUH_PERBAIKAN: 3,
        Predicate.KURANG: 2,
        Predicate.SANGAT_KURANG: 1,
    }
)
POINTS_PREDICATE: Mapping[int, Predicate] = MappingProxyType(
    {points: predicate for predicate, points in PREDICATE_POINTS.items()}
)

# PermenPANRB 3/2020: the box of each (potential, performance) pair.
BOX_TABLE: Mapping[tuple[Potential, Performance], int] = MappingProxyType(
    {
        (Potential.HIGH, Performance.BELOW): 6,
        (Potential.HIGH, Performance.AS_EXPECTED): 8,
        (Potential.HIGH, Performance.ABOVE): 9,
        (Potential.MIDDLE, Performance.BELOW): 3,
        (Potential.MIDDLE, Performance.AS_EXPECTED): 5,
        (Potential.MIDDLE, Performance.ABOVE): 7,
        (Potential.LOW, Performance.BELOW): 1,
        (Potential.LOW, Performance.AS_EXPECTED): 2,
        (Potential.LOW, Performance.ABOVE): 4,
    }
)
BOX_LEVELS: Mapping[int, tuple[Potential, Performance]] = MappingProxyType(
    {box: levels for levels, box in BOX_TABLE.items()}
)

# The grid as drawn officially: potential rows high → low, performance columns below → above.
GRID_ROWS: tuple[tuple[int, int, int], ...] = ((6, 8, 9), (3, 5, 7), (1, 2, 4))

# PermenPANRB 3/2020: the recommended actions of each box.
BOX_ACTIONS: Mapping[int, tuple[str, ...]] = MappingProxyType(
    {
        9: (
            "Dipromosikan dan dipertahankan",
            "Masuk kelompok rencana suksesi instansi/nasional",
            "Penghargaan",
        ),
        8: (
            "Dipertahankan",
            "Masuk kelompok rencana suksesi instansi",
            "Rotasi/perluasan jabatan",
            "Bimbingan kinerja",
        ),
        7: (
            "Dipertahankan",
            "Masuk kelompok rencana suksesi instansi",
            "Rotasi/pengayaan jabatan",
            "Pengembangan kompetensi",
            "Tugas belajar",
        ),
        6: ("Penempatan yang sesuai", "Bimbingan kinerja", "Konseling kinerja"),
        5: ("Penempatan yang sesuai", "Bimbingan kinerja", "Pengembangan kompetensi"),
        4: ("Rotasi", "Pengembangan kompetensi"),
        3: (
            "Bimbingan kinerja",
            "Konseling kinerja",
            "Pengembangan kompetensi",
            "Penempatan yang sesuai",
        ),
        2: ("Bimbingan kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"),
        1: ("Diproses sesuai ketentuan peraturan perundang-undangan",),
    }
)

BOX_NAMES: Mapping[int, str] = MappingProxyType(
    {
        9: "Kinerja di atas ekspektasi, potensial tinggi",
        8: "Kinerja sesuai ekspektasi, potensial tinggi",
        7: "Kinerja di atas ekspektasi, potensial menengah",
        6: "Kinerja di bawah ekspektasi, potensial tinggi",
        5: "Kinerja sesuai ekspektasi, potensial menengah",
        4: "Kinerja di atas ekspektasi, potensial rendah",
        3: "Kinerja di bawah ekspektasi, potensial menengah",
        2: "Kinerja sesuai ekspektasi, potensial rendah",
        1: "Kinerja di bawah ekspektasi, potensial rendah",
    }
)

# Boxes 7–9 form the talent pool (kelompok rencana suksesi), PermenPANRB 3/2020.
POOL_BOXES: tuple[int, ...] = (9, 8, 7)

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Cutoffs:
    """An agency's cut-offs of both axes (see the module docstring for their meaning)."""

    years: int = 2
    performance_as_from: Decimal = Decimal("4.00")
    performance_above_from: Decimal = Decimal("4.50")
    potential_middle_from: Decimal = Decimal("60.00")
    potential_high_from: Decimal = Decimal("80.00")


def cutoff_problems(cutoffs: Cutoffs) -> dict[str, str]:
    """Why the cut-offs cannot be used, per field (empty when they are ordered and in range)."""
    problems: dict[str, str] = {}
    if not 1 <= cutoffs.years <= 5:
        problems["years"] = "Jumlah tahun predikat antara 1 dan 5."
    if not Decimal(1) < cutoffs.performance_as_from <= Decimal(5):
        problems["performance_as_from"] = (
            "Batas kinerja sesuai ekspektasi harus di atas 1 dan paling tinggi 5."
        )
    elif not cutoffs.performance_as_from < cutoffs.performance_above_from <= Decimal(5):
        problems["performance_above_from"] = (
            "Batas kinerja di atas ekspektasi harus lebih tinggi daripada batas sesuai "
            "ekspektasi dan paling tinggi 5."
        )
    if not Decimal(0) < cutoffs.potential_middle_from <= Decimal(100):
        problems["potential_middle_from"] = (
            "Batas potensial menengah harus di atas 0 dan paling tinggi 100."
        )
    elif not cutoffs.potential_middle_from < cutoffs.potential_high_from <= Decimal(100):
        problems["potential_high_from"] = (
            "Batas potensial tinggi harus lebih tinggi daripada batas potensial menengah dan "
            "paling tinggi 100."
        )
    return problems


def predicate_points(predicate: Predicate | str) -> int:
    """The points of one predicate (Sangat Baik 5 … Sangat Kurang 1)."""
    return PREDICATE_POINTS[Predicate(predicate)]


def performance_score(yearly_points: Sequence[Decimal | int]) -> Decimal:
    """The mean of the yearly points, two decimals (half up); at least one year.

    A year's points are its annual predicate's points, or (when the agency uses the fallback)
    the mean points of the year's final periodic predicates."""
    if not yearly_points:
        raise ValueError("performance_score needs at least one year")
    total = sum((Decimal(points) for points in yearly_points), Decimal(0))
    return (total / len(yearly_points)).quantize(TWO_PLACES, ROUND_HALF_UP)


def performance_level(score: Decimal, cutoffs: Cutoffs) -> Performance:
    """Below / as / above expectation: a score equal to a cut-off belongs to the higher level."""
    if score >= cutoffs.performance_above_from:
        return Performance.ABOVE
    if score >= cutoffs.performance_as_from:
        return Performance.AS_EXPECTED
    return Performance.BELOW


def potential_level(score: Decimal, cutoffs: Cutoffs) -> Potential:
    """Low / middle / high: a score equal to a cut-off belongs to the higher level."""
    if score >= cutoffs.potential_high_from:
        return Potential.HIGH
    if score >= cutoffs.potential_middle_from:
        return Potential.MIDDLE
    return Potential.LOW


def box_of(potential: Potential | str, performance: Performance | str) -> int:
    """The box (1–9) of a potential and a performance level (PermenPANRB 3/2020)."""
    return BOX_TABLE[(Potential(potential), Performance(performance))]


def place(
    yearly_points: Sequence[Decimal | int], potential_score: Decimal, cutoffs: Cutoffs
) -> tuple[int, Performance, Potential, Decimal]:
    """Box, both levels and the performance score from the yearly points and the potential."""
    score = performance_score(yearly_points)
    performance = performance_level(score, cutoffs)
    potential = potential_level(potential_score, cutoffs)
    return box_of(potential, performance), performance, potential, score


def is_in_pool(box: int) -> bool:
    return box in POOL_BOXES
