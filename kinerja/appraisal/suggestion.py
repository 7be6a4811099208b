"""A suggested results rating from the indicators' achievement (PermenPANRB 6/2022, Lampiran).

The regulation prescribes no weighting: the rater judges the results rating. The guidance
(confidence M, so every threshold is a `SuggestionThresholds` field with the domain default):

- *Di Atas Ekspektasi*: most or all results above expectation and no main result below;
- *Sesuai Ekspektasi*: most or all results as expected or above, at most a small part
  (default ≤ 20%) of main results below;
- *Di Bawah Ekspektasi*: otherwise (most results below).

An indicator is above expectation when its achievement is above 110%, below when under 90%, as
expected otherwise (both ends inclusive). "Most" means more than half of all indicators, main and
additional together; a tie (half and half) is not "most" and falls to the next rating down.
Indicators without realisation count as below expectation by default (nothing was delivered).
The suggestion is shown beside the rater's decision; it never replaces it.
Pure functions over plain values; no ORM.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from typing import NamedTuple

from kinerja.appraisal.distribution import format_limit, format_percent
from kinerja.appraisal.predicate import Rating

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


class UndefinedAchievementError(ValueError):
    """An achievement that no percentage expresses (division by zero); the rater judges it."""


def achievement(target: Decimal, realisation: Decimal, *, lower_is_better: bool = False) -> Decimal:
    """The percentage of the target achieved, 2 decimals, rounded half up (PermenPANRB 6/2022).

    Higher is better (quantity, quality): realisation / target × 100. Lower is better (time,
    cost): target / realisation × 100, so finishing in 3 months against a target of 6 gives 200%.
    Zero rules: target and realisation both 0 → 100% (the target was exactly met, e.g. "0 keluhan");
    lower is better with target 0 and realisation above 0 → 0%; a target of 0 where higher is
    better, or a realisation of 0 against a positive target where lower is better, has no finite
    percentage and raises `UndefinedAchievementError`. Negative values raise `ValueError`.
    """
    if target < 0 or realisation < 0:
        raise ValueError(
            f"target dan realisasi tidak boleh negatif (target {target}, realisasi {realisation})"
        )
    if target == realisation:
        return Decimal("100.00")
    numerator, denominator = (target, realisation) if lower_is_better else (realisation, target)
    if denominator == 0:
        if lower_is_better:
            raise UndefinedAchievementError(
                f"realisasi 0 terhadap target {target} tidak dapat dinyatakan dalam persen; "
                "nilai capaian ini secara langsung"
            )
        raise UndefinedAchievementError(
            "target 0 tidak dapat menjadi dasar persentase capaian bila makin besar makin baik; "
            "tetapkan target lebih dari 0"
        )
    return (numerator / denominator * _HUNDRED).quantize(_CENT, rounding=ROUND_HALF_UP)


class IndicatorAchievement(NamedTuple):
    """One indicator: main (utama) or additional (tambahan), and its achievement in percent."""

    is_main: bool
    achievement: Decimal | None  # None: no realisation recorded


class Level(StrEnum):
    """Where one indicator's achievement stands against expectation."""

    ABOVE = "di atas ekspektasi"
    AS_EXPECTED = "sesuai ekspektasi"
    BELOW = "di bawah ekspektasi"


@dataclass(frozen=True)
class SuggestionThresholds:
    """The agency's thresholds for the suggestion; the defaults follow the domain guidance (M)."""

    above_over: Decimal = Decimal(110)  # achievement strictly above this is above expectation
    below_under: Decimal = Decimal(90)  # achievement strictly under this is below expectation
    main_below_allowed: Fraction = Fraction(1, 5)  # share of main results below still "Sesuai"
    most_over: Fraction = Fraction(1, 2)  # "most" results: a share strictly above this
    unrealised_is_below: bool = True  # False: indicators without realisation are left out

    def __post_init__(self) -> None:
        if self.below_under > self.above_over:
            raise ValueError(
                f"batas bawah ({self.below_under}%) tidak boleh melebihi batas atas "
                f"({self.above_over}%)"
            )
        if not 0 <= self.main_below_allowed <= 1 or not 0 <= self.most_over < 1:
            raise ValueError("porsi harus antara 0 dan 1")

    def level(self, achieved: Decimal) -> Level:
        """Above when > `above_over`, below when < `below_under`, as expected otherwise."""
        if achieved > self.above_over:
            return Level.ABOVE
        if achieved < self.below_under:
            return Level.BELOW
        return Level.AS_EXPECTED


DEFAULT_THRESHOLDS = SuggestionThresholds()


@dataclass(frozen=True)
class Suggestion:
    """A suggested results rating (None when nothing can be suggested) and why, in Indonesian."""

    rating: Rating | None
    reasons: tuple[str, ...]


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def suggest_results_rating(
    achievements: Iterable[tuple[bool, Decimal | None]],
    *,
    thresholds: SuggestionThresholds = DEFAULT_THRESHOLDS,
) -> Suggestion:
    """Suggest Rating Hasil Kerja from (is_main, achievement %) per indicator (PermenPANRB 6/2022).

    See the module docstring for the guidance and its defaults. With no indicator to judge, the
    suggestion's rating is None and the reason says why.
    """
    indicators = [IndicatorAchievement(*item) for item in achievements]
    unrealised = sum(1 for item in indicators if item.achievement is None)
    levels: list[tuple[bool, Level]] = []
    for item in indicators:
        if item.achievement is not None:
            levels.append((item.is_main, thresholds.level(item.achievement)))
        elif thresholds.unrealised_is_below:
            levels.append((item.is_main, Level.BELOW))

    reasons: list[str] = []
    if unrealised:
        treatment = (
            "dihitung di bawah ekspektasi"
            if thresholds.unrealised_is_below
            else "tidak diperhitungkan"
        )
        reasons.append(f"{unrealised} indikator belum memiliki realisasi ({treatment})")
    if not levels:
        reasons.append("tidak ada indikator dengan realisasi, sehingga tidak ada saran rating")
        return Suggestion(rating=None, reasons=tuple(reasons))

    total = len(levels)
    above = sum(1 for _, level in levels if level is Level.ABOVE)
    below = sum(1 for _, level in levels if level is Level.BELOW)
    at_least_expected = total - below
    main_total = sum(1 for is_main, _ in levels if is_main)
    main_below = sum(1 for is_main, level in levels if is_main and level is Level.BELOW)
    main_below_share = Fraction(main_below, main_total) if main_total else Fraction(0)

    above_share = format_percent(Fraction(above, total))
    expected_share = format_percent(Fraction(at_least_expected, total))
    main_below_percent = format_percent(main_below_share)
    main_below_limit = format_limit(thresholds.main_below_allowed)
    above_rule = f"capaian > {_number(thresholds.above_over)}%"
    below_rule = f"capaian < {_number(thresholds.below_under)}%"
    reasons.append(
        f"{above} dari {total} indikator ({above_share}) di atas ekspektasi ({above_rule})"
    )
    reasons.append(
        f"{at_least_expected} dari {total} indikator ({expected_share}) "
        "sesuai atau di atas ekspektasi"
    )
    if main_total:
        reasons.append(
            f"{main_below} dari {main_total} hasil kerja utama ({main_below_percent}) di bawah "
            f"ekspektasi ({below_rule}); batas {main_below_limit}"
        )
    else:
        reasons.append("tidak ada hasil kerja utama yang dapat dinilai")

    most = thresholds.most_over
    if Fraction(above, total) > most and main_below == 0:
        rating = Rating.DI_ATAS
        reasons.append(
            "sebagian besar hasil kerja di atas ekspektasi dan tidak ada hasil kerja utama "
            "di bawah ekspektasi"
        )
    elif Fraction(at_least_expected, total) <= most:
        rating = Rating.DI_BAWAH
        reasons.append(
            f"hasil kerja yang sesuai atau di atas ekspektasi tidak lebih dari {format_limit(most)}"
        )
    elif main_below_share > thresholds.main_below_allowed:
        rating = Rating.DI_BAWAH
        reasons.append(
            f"hasil kerja utama di bawah ekspektasi ({main_below_percent}) melebihi batas "
            f"{main_below_limit}"
        )
    else:
        rating = Rating.SESUAI
        reasons.append(
            "sebagian besar hasil kerja sesuai atau di atas ekspektasi dan hasil kerja utama "
            "di bawah ekspektasi tidak melebihi batas"
        )
    return Suggestion(rating=rating, reasons=tuple(reasons))
