"""Ranking the succession candidates of a key position (PermenPANRB 3/2020: the talent pool,
boxes 7–9, feeds the succession plan of key positions).

Pure functions, no ORM. The regulation names the pool but not an order within it; this module
ranks by, in turn: the box (9 before 8 before 7), the fit of the candidate's position level to
the key position's, the performance score, the potential score, then the name.

Position levels follow the equalisation of positions (PermenPANRB 17/2021: pengawas ≈ Ahli
Pertama, administrator ≈ Ahli Muda, JPT Pratama ≈ Ahli Madya):

| level | structural | functional |
|---|---|---|
| 1 | pelaksana | Pemula, Terampil, Mahir |
| 2 | pengawas | Ahli Pertama, Penyelia |
| 3 | administrator | Ahli Muda |
| 4 | JPT Pratama | Ahli Madya |
| 5 | JPT Madya | Ahli Utama |
| 6 | JPT Utama | |

Fit: one level below the key position (the natural next step) is best; the same level (a
rotation) next; two levels below last; candidates above the key position's level, or more
than two levels below, are not proposed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

STRUCTURAL_LEVELS = {"pelaksana": 1, "pengawas": 2, "administrator": 3}
JPT_LEVELS = {"jpt_pratama": 4, "jpt_madya": 5, "jpt_utama": 6}
FUNCTIONAL_LEVELS = {
    "pemula": 1,
    "terampil": 1,
    "mahir": 1,
    "ahli_pertama": 2,
    "penyelia": 2,
    "ahli_muda": 3,
    "ahli_madya": 4,
    "ahli_utama": 5,
}

FIT_ONE_BELOW = 3
FIT_SAME = 2
FIT_TWO_BELOW = 1
FIT_TEXTS = {
    FIT_ONE_BELOW: "satu jenjang di bawah jabatan kunci",
    FIT_SAME: "setara jabatan kunci (rotasi)",
    FIT_TWO_BELOW: "dua jenjang di bawah jabatan kunci",
}
MAX_CANDIDATES = 10


def position_level(kind: str, level: str) -> int | None:
    """The comparable level (1–6) of a position kind and jenjang; None when unknown."""
    if kind in STRUCTURAL_LEVELS:
        return STRUCTURAL_LEVELS[kind]
    if kind == "jpt":
        return JPT_LEVELS.get(level, 4)
    if kind == "fungsional":
        return FUNCTIONAL_LEVELS.get(level)
    return None


def fit(candidate_level: int | None, key_level: int | None) -> int | None:
    """FIT_ONE_BELOW, FIT_SAME, FIT_TWO_BELOW, or None when not a candidate."""
    if candidate_level is None or key_level is None:
        return None
    gap = key_level - candidate_level
    return {1: FIT_ONE_BELOW, 0: FIT_SAME, 2: FIT_TWO_BELOW}.get(gap)


@dataclass(frozen=True)
class Candidate:
    """A pool member as the ranking sees them."""

    employee_id: int
    name: str
    box: int
    position_kind: str
    position_level: str
    performance_score: Decimal
    potential_score: Decimal


@dataclass(frozen=True)
class RankedCandidate:
    rank: int
    candidate: Candidate
    fit: int
    reasons: list[str] = field(default_factory=list)


def rank_candidates(
    candidates: Iterable[Candidate],
    *,
    key_kind: str,
    key_level: str,
    holder_id: int | None,
    limit: int = MAX_CANDIDATES,
) -> list[RankedCandidate]:
    """The ranked candidates for a key position, with the reasons of each (see the docstring)."""
    target = position_level(key_kind, key_level)
    scored: list[tuple[tuple[object, ...], Candidate, int]] = []
    for candidate in candidates:
        if candidate.employee_id == holder_id or candidate.box < 7:
            continue
        found = fit(position_level(candidate.position_kind, candidate.position_level), target)
        if found is None:
            continue
        key = (
            -candidate.box,
            -found,
            -candidate.performance_score,
            -candidate.potential_score,
            candidate.name,
            candidate.employee_id,
        )
        scored.append((key, candidate, found))
    scored.sort(key=lambda item: item[0])
    ranked: list[RankedCandidate] = []
    for rank, (_key, candidate, found) in enumerate(scored[:limit], start=1):
        reasons = [
            f"Kotak {candidate.box}",
            f"Jenjang jabatan {FIT_TEXTS[found]}",
            f"Peringkat {rank}: skor kinerja {_comma(candidate.performance_score)}, "
            f"skor potensial {_comma(candidate.potential_score)}",
        ]
        ranked.append(RankedCandidate(rank, candidate, found, reasons))
    return ranked


def _comma(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")
