"""The rules of competency development as pure functions over plain values (no ORM).

- 20 JP a year. "Setiap PNS memiliki hak dan kesempatan yang sama untuk diikutsertakan dalam
  pengembangan kompetensi … paling sedikit 20 (dua puluh) jam pelajaran dalam 1 (satu) tahun"
  (PP 11/2017 tentang Manajemen PNS, Pasal 203 ayat (4); PermenPANRB/Peraturan LAN 10/2018
  on competency development counts it in JP, one JP = 45 minutes).
- Predicates that call for development: PermenPANRB 6/2022 ties Butuh Perbaikan, Kurang and
  Sangat Kurang to a development follow-up ("pembinaan/pengembangan kompetensi").
- Indicators under target: below 90% of the target is "di bawah ekspektasi" (the same threshold
  as the results-rating suggestion, `appraisal.suggestion.SuggestionThresholds.below_under`).
- A weak BerAKHLAK value: others' mean under 3,00 on the 1–5 frequency scale ("kadang-kadang")
  — Kinerja's documented choice; only aggregates shown under the 360° anonymity rule are used.
- A competency gap: required level − current level, positive only (PermenPANRB 38/2017).
- Internal trainers: a colleague may teach a competency from level 3 upwards, and a training
  asks a level of its own (default 4, "mahir"); the learner never teaches themself.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kinerja.appraisal.predicate import Predicate
from kinerja.appraisal.suggestion import DEFAULT_THRESHOLDS

MINIMUM_JP_PER_YEAR = 20
LOWEST_TRAINER_LEVEL = 3
WEAK_VALUE_BELOW = Decimal("3.00")
INDICATOR_BELOW = DEFAULT_THRESHOLDS.below_under  # 90%

PREDICATES_NEEDING_DEVELOPMENT = frozenset(
    {Predicate.BUTUH_PERBAIKAN, Predicate.KURANG, Predicate.SANGAT_KURANG}
)


def jp_shortfall(total_jp: int) -> int:
    """How many JP are still owed this year (0 once the 20 JP are reached)."""
    if total_jp < 0:
        raise ValueError("JP tidak boleh negatif")
    return max(0, MINIMUM_JP_PER_YEAR - total_jp)


def is_short_of_jp(total_jp: int) -> bool:
    """Whether the year's JP total falls short of the 20 JP (PP 11/2017 Pasal 203 ayat 4)."""
    return jp_shortfall(total_jp) > 0


def needs_development(predicate: str) -> bool:
    """Whether a predicate calls for development: Butuh Perbaikan or worse."""
    return predicate in PREDICATES_NEEDING_DEVELOPMENT


def is_indicator_below_target(percent: Decimal) -> bool:
    """An indicator's achievement strictly under 90% of its target."""
    return percent < INDICATOR_BELOW


def is_weak_value(mean: Decimal) -> bool:
    """A BerAKHLAK value others rate strictly under 3,00 of 5."""
    return mean < WEAK_VALUE_BELOW


def competency_gap(required: int, current: int | None) -> int:
    """Levels missing to the position's requirement (0 when met; no level counts as 0)."""
    return max(0, required - (current or 0))


def may_teach(level: int, required_level: int) -> bool:
    """Whether an employee's level lets them teach a training asking `required_level`."""
    return level >= max(required_level, LOWEST_TRAINER_LEVEL)


def is_available(
    available_from: dt.date | None,
    available_until: dt.date | None,
    start: dt.date,
    end: dt.date,
) -> bool:
    """Whether a trainer's availability window covers the whole training (open ends: always)."""
    if end < start:
        raise ValueError("tanggal selesai sebelum tanggal mulai")
    return (available_from is None or available_from <= start) and (
        available_until is None or end <= available_until
    )


def saving(external_cost: Decimal | None, internal_cost: Decimal) -> Decimal:
    """The external cost avoided by an internal training (never negative; none without a
    comparable external cost)."""
    if external_cost is None:
        return Decimal(0)
    return max(Decimal(0), external_cost - internal_cost)
