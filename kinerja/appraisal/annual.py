"""From sub-period realisations to the figures the evaluation compares with the SKP target.

PermenPANRB 6/2022 (Lampiran, Dokumen Evaluasi Kinerja) asks for "realisasi berdasarkan bukti
dukung" per indicator, periodically and for the year, but prescribes no arithmetic. We choose,
per aspect of the indicator:

- **Kuantitas** and **Biaya** are amounts that accumulate: the year's realisation is the *sum*
  of the sub-periods' realisations (12 letters in Q1 and 15 in Q2 make 27 letters; money spent
  adds up). For a periodic evaluation the yearly target is spread evenly over the sub-periods
  the SKP segment covers, so a quarter of a four-quarter segment is compared with a quarter of
  the target.
- **Kualitas** and **Waktu** are levels, not amounts (a score of 90, a turnaround of 3 days):
  adding them would be meaningless, so the year's realisation is the *mean of the sub-periods
  that recorded one* (a quarter without realisation does not count as 0 — that would punish a
  quarter in which the work simply did not occur). The periodic target is the target itself.

Whether a higher figure is better follows `suggestion.achievement`: quantity and quality are
"higher is better"; time and cost are "lower is better". A segment (a mid-year transfer gives
two SKP segments) is aggregated on its own indicators and targets; the annual evaluation lists
the indicators of every segment. Pure functions over plain values; no ORM.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

QUANTITY = "kuantitas"
QUALITY = "kualitas"
TIME = "waktu"
COST = "biaya"

SUMMED_ASPECTS = frozenset({QUANTITY, COST})
AVERAGED_ASPECTS = frozenset({QUALITY, TIME})
LOWER_IS_BETTER = frozenset({TIME, COST})
_CENT = Decimal("0.01")


def _check_aspect(aspect: str) -> None:
    if aspect not in SUMMED_ASPECTS | AVERAGED_ASPECTS:
        raise ValueError(f"aspek indikator tidak dikenal: {aspect!r}")


def lower_is_better(aspect: str) -> bool:
    """Time and cost: the lower the realisation, the better (PermenPANRB 6/2022)."""
    _check_aspect(aspect)
    return aspect in LOWER_IS_BETTER


def annual_realisation(aspect: str, values: Iterable[Decimal | None]) -> Decimal | None:
    """The year's realisation of one indicator from its sub-period realisations.

    Quantity and cost: the sum; quality and time: the mean (2 decimals, half up) of the
    sub-periods that recorded a value. None when no sub-period recorded a value.
    """
    _check_aspect(aspect)
    recorded = [value for value in values if value is not None]
    if not recorded:
        return None
    total = sum(recorded, Decimal(0))
    if aspect in SUMMED_ASPECTS:
        return total
    return (total / len(recorded)).quantize(_CENT, rounding=ROUND_HALF_UP)


def periodic_target(aspect: str, target: Decimal, subperiod_count: int) -> Decimal:
    """The target one sub-period is compared with, when the SKP states the segment's target.

    Quantity and cost: the target spread evenly over the `subperiod_count` sub-periods of the
    segment (2 decimals, half up); quality and time: the target itself.
    """
    _check_aspect(aspect)
    if subperiod_count < 1:
        raise ValueError("jumlah periode harus sedikitnya 1")
    if aspect in SUMMED_ASPECTS:
        return (target / subperiod_count).quantize(_CENT, rounding=ROUND_HALF_UP)
    return target
