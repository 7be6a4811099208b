"""Angka kredit of functional positions from the performance predicate (PermenPANRB 1/2023 on
jabatan fungsional, Pasal 26–27 and Lampiran; PerBKN 3/2023 on angka kredit, kenaikan pangkat
and jenjang of jabatan fungsional). Pure functions over plain values; no ORM.

**Yearly credit** = the predicate's percentage × the level's yearly coefficient:

| predicate          | %   |    | level (jenjang) | coefficient |
|--------------------|-----|----|-----------------|-------------|
| Sangat Baik        | 150 |    | Pemula          | 3,75        |
| Baik               | 100 |    | Terampil        | 5           |
| Butuh Perbaikan    | 75  |    | Mahir           | 12,5        |
| Kurang/Misconduct  | 50  |    | Penyelia        | 25          |
| Sangat Kurang      | 25  |    | Ahli Pertama    | 12,5        |
|                    |     |    | Ahli Muda       | 25          |
|                    |     |    | Ahli Madya      | 37,5        |
|                    |     |    | Ahli Utama      | 50          |

**Part-year (periodic) credit** = months/12 × % × coefficient. BKN's example: 2 months "Baik"
as Ahli Pertama → 2/12 × 100% × 12,5 = 2,08; accumulated 18,75 + 2,08 = 20,83.

**Rounding — the ledger stores rounded entries.** SIASN issues each penetapan angka kredit
(PAK) with two decimals, and each PAK is a figure the employee sees and signs off on; the
cumulative total is the sum of those figures. So each entry is rounded half-up to 2 decimals
when it is computed (`entry_credit`), stored so, and the running total is the plain sum of the
stored entries: every line of the statement adds up to its total, as on BKN's example
(18,75 + 2,08 = 20,83). Summing exact values and rounding only the total would give a total
that differs from the sum of the printed lines (six two-month entries: 6 × 2,08 = 12,48 on
paper, 12,50 exact), which is what an official statement must not do.

**Credit needed** (BKN, integrated regime; `DEFAULT_REQUIREMENTS`): per rank step (kenaikan
pangkat) and for the next level (kenaikan jenjang). The table is data an agency admin may correct
(`career.models.CreditRequirement`); these are only its defaults. A move to the next level also
needs a competency test (uji kompetensi) and a vacant position.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final

CENT: Final = Decimal("0.01")
MONTHS_IN_YEAR: Final = 12


class Level(StrEnum):
    """The eight jenjang of jabatan fungsional (the values of `org.models.PositionLevel`)."""

    PEMULA = "pemula"
    TERAMPIL = "terampil"
    MAHIR = "mahir"
    PENYELIA = "penyelia"
    AHLI_PERTAMA = "ahli_pertama"
    AHLI_MUDA = "ahli_muda"
    AHLI_MADYA = "ahli_madya"
    AHLI_UTAMA = "ahli_utama"


LEVEL_LABELS: Final = MappingProxyType(
    {
        Level.PEMULA: "Pemula",
        Level.TERAMPIL: "Terampil",
        Level.MAHIR: "Mahir",
        Level.PENYELIA: "Penyelia",
        Level.AHLI_PERTAMA: "Ahli Pertama",
        Level.AHLI_MUDA: "Ahli Muda",
        Level.AHLI_MADYA: "Ahli Madya",
        Level.AHLI_UTAMA: "Ahli Utama",
    }
)

# Keterampilan then keahlian, each from the lowest level up: the next level is the next item.
KETERAMPILAN: Final = (Level.PEMULA, Level.TERAMPIL, Level.MAHIR, Level.PENYELIA)
KEAHLIAN: Final = (Level.AHLI_PERTAMA, Level.AHLI_MUDA, Level.AHLI_MADYA, Level.AHLI_UTAMA)

# Predicate labels as `appraisal.predicate.Predicate` stores them.
PREDICATE_PERCENT: Final = MappingProxyType(
    {
        "Sangat Baik": Decimal(150),
        "Baik": Decimal(100),
        "Butuh Perbaikan": Decimal(75),
        "Kurang/Misconduct": Decimal(50),
        "Sangat Kurang": Decimal(25),
    }
)

YEARLY_COEFFICIENT: Final = MappingProxyType(
    {
        Level.PEMULA: Decimal("3.75"),
        Level.TERAMPIL: Decimal(5),
        Level.MAHIR: Decimal("12.5"),
        Level.PENYELIA: Decimal(25),
        Level.AHLI_PERTAMA: Decimal("12.5"),
        Level.AHLI_MUDA: Decimal(25),
        Level.AHLI_MADYA: Decimal("37.5"),
        Level.AHLI_UTAMA: Decimal(50),
    }
)


@dataclass(frozen=True)
class Requirement:
    """Credit needed at one level: the rank range (golongan) of the level, the credit per rank
    step and the credit for the next level (None at the top of its category)."""

    level: Level
    rank_min: str
    rank_max: str
    rank_step_credit: Decimal
    next_level_credit: Decimal | None


DEFAULT_REQUIREMENTS: Final = MappingProxyType(
    {
        Level.PEMULA: Requirement(Level.PEMULA, "II/a", "II/a", Decimal(15), Decimal(15)),
        Level.TERAMPIL: Requirement(Level.TERAMPIL, "II/b", "II/d", Decimal(20), Decimal(60)),
        Level.MAHIR: Requirement(Level.MAHIR, "III/a", "III/b", Decimal(50), Decimal(100)),
        Level.PENYELIA: Requirement(Level.PENYELIA, "III/c", "III/d", Decimal(100), None),
        Level.AHLI_PERTAMA: Requirement(
            Level.AHLI_PERTAMA, "III/a", "III/b", Decimal(50), Decimal(100)
        ),
        Level.AHLI_MUDA: Requirement(Level.AHLI_MUDA, "III/c", "III/d", Decimal(100), Decimal(200)),
        Level.AHLI_MADYA: Requirement(Level.AHLI_MADYA, "IV/a", "IV/c", Decimal(150), Decimal(450)),
        Level.AHLI_UTAMA: Requirement(Level.AHLI_UTAMA, "IV/d", "IV/e", Decimal(200), None),
    }
)


def is_functional_level(value: str) -> bool:
    return value in Level._value2member_map_


def next_level(level: Level) -> Level | None:
    """The next jenjang in the same category (Ahli Pertama → Ahli Muda); None at the top."""
    chain = KEAHLIAN if level in KEAHLIAN else KETERAMPILAN
    index = chain.index(level)
    return chain[index + 1] if index + 1 < len(chain) else None


def previous_level(level: Level) -> Level | None:
    """The jenjang below in the same category; None at the bottom."""
    chain = KEAHLIAN if level in KEAHLIAN else KETERAMPILAN
    index = chain.index(level)
    return chain[index - 1] if index > 0 else None


def yearly_credit(predicate: str, level: Level | str) -> Decimal:
    """Credit of a whole year: % of the predicate × the level's coefficient (exact)."""
    return PREDICATE_PERCENT[predicate] * YEARLY_COEFFICIENT[Level(level)] / 100


def entry_credit(predicate: str, level: Level | str, months: int) -> Decimal:
    """Credit of `months` (1–12) at `level` with `predicate`, rounded half-up to 2 decimals.

    months/12 × % × coefficient (PerBKN 3/2023); 2 months Baik as Ahli Pertama → 2,08.
    """
    if not 1 <= months <= MONTHS_IN_YEAR:
        raise ValueError(f"jumlah bulan harus 1–12, bukan {months}")
    exact = Decimal(months) / MONTHS_IN_YEAR * yearly_credit(predicate, level)
    return exact.quantize(CENT, rounding=ROUND_HALF_UP)


def running_totals(amounts: list[Decimal]) -> list[Decimal]:
    """The cumulative total after each entry (the entries are already rounded)."""
    totals: list[Decimal] = []
    total = Decimal(0)
    for amount in amounts:
        total += amount
        totals.append(total)
    return totals


@dataclass(frozen=True)
class Progress:
    """How far `earned` is towards `needed`; `needed` None means there is nothing further."""

    earned: Decimal
    needed: Decimal | None

    @property
    def is_top(self) -> bool:
        return self.needed is None

    @property
    def remaining(self) -> Decimal:
        if self.needed is None:
            return Decimal(0)
        return max(Decimal(0), self.needed - self.earned)

    @property
    def percent(self) -> int:
        """0–100 for a progress bar (capped at 100)."""
        if not self.needed:
            return 100 if self.needed is not None else 0
        return min(100, int(self.earned * 100 / self.needed))

    @property
    def is_met(self) -> bool:
        return self.needed is not None and self.earned >= self.needed


def rank_progress(earned_in_rank: Decimal, requirement: Requirement, rank: str) -> Progress:
    """Progress to the next rank step: the credit earned in the current rank against the level's
    credit per rank step. At the level's top rank (`rank_max`) the next rank needs the next
    level first, so there is no rank step to show (`needed` None)."""
    if rank == requirement.rank_max:
        return Progress(earned_in_rank, None)
    return Progress(earned_in_rank, requirement.rank_step_credit)


def level_progress(earned_in_level: Decimal, requirement: Requirement) -> Progress:
    """Progress to the next level: the credit earned in the current level against the credit for
    the next level (None at the top of the category)."""
    return Progress(earned_in_level, requirement.next_level_credit)


def months_between(start_year: int, start_month: int, end_year: int, end_month: int) -> int:
    """Calendar months from a start month to an end month, both included (Jan–Mar → 3)."""
    return (end_year - start_year) * 12 + end_month - start_month + 1
