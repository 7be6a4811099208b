"""The competency gap rule, as pure functions over plain values.

PermenPANRB 38/2017 (standar kompetensi jabatan ASN) sets, per position, the level (1–5) of
each managerial, socio-cultural and technical competency the holder must have; an employee's
current level comes from an assessment or from their supervisor. The gap is

    gap = required level − current level

where a competency the employee was never assessed in counts as level 0 (so an unassessed
required competency is a full shortfall). Only a positive gap is a shortfall (kesenjangan):
an employee above the requirement has no gap to close, and their surplus does not offset a
colleague's shortfall in aggregates, which therefore average `shortfall`, never `gap`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

LEVEL_MIN, LEVEL_MAX = 1, 5
UNASSESSED_LEVEL = 0

# Kinds in the order the regulation lists them (managerial, socio-cultural, technical).
KIND_ORDER = {"manajerial": 0, "sosial_kultural": 1, "teknis": 2}


def is_valid_level(level: int) -> bool:
    """A level of the scale: 1 to 5."""
    return LEVEL_MIN <= level <= LEVEL_MAX


def gap(required: int, current: int | None) -> int:
    """Required − current; a missing current level counts as 0."""
    return required - (UNASSESSED_LEVEL if current is None else current)


def shortfall(required: int, current: int | None) -> int:
    """The positive part of the gap: how many levels the employee is below the requirement."""
    return max(gap(required, current), 0)


def is_shortfall(required: int, current: int | None) -> bool:
    """Whether the employee is below the required level (unassessed included)."""
    return shortfall(required, current) > 0


def mean_shortfall(pairs: Iterable[tuple[int, int | None]]) -> Decimal | None:
    """The mean shortfall over (required, current) pairs, to two decimals; None for none."""
    values = [shortfall(required, current) for required, current in pairs]
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Gap:
    """One required competency of one employee: what the position requires, what the employee
    has (None: never assessed), and the resulting gap. The stable shape other apps read."""

    competency_id: int
    code: str
    name: str
    kind: str
    required: int
    current: int | None

    @property
    def gap(self) -> int:
        return gap(self.required, self.current)

    @property
    def shortfall(self) -> int:
        return shortfall(self.required, self.current)

    @property
    def is_shortfall(self) -> bool:
        return self.shortfall > 0

    @property
    def is_assessed(self) -> bool:
        return self.current is not None


def sort_key(kind: str, code: str) -> tuple[int, str]:
    """Managerial first, then socio-cultural, then technical; by code (the regulation's order
    for the standard dictionary) within a kind."""
    return KIND_ORDER.get(kind, len(KIND_ORDER)), code.upper()
