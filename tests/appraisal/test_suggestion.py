"""Achievement percentages and the suggested results rating (PermenPANRB 6/2022, guidance M)."""

import re
from decimal import Decimal
from fractions import Fraction

import pytest

from kinerja.appraisal.predicate import Rating
from kinerja.appraisal.suggestion import (
    DEFAULT_THRESHOLDS,
    IndicatorAchievement,
    Level,
    SuggestionThresholds,
    UndefinedAchievementError,
    achievement,
    suggest_results_rating,
)

D = Decimal
ABOVE = Rating("Di Atas Ekspektasi")
AS_EXPECTED = Rating("Sesuai Ekspektasi")
BELOW = Rating("Di Bawah Ekspektasi")


def main(percent):
    return (True, None if percent is None else D(percent))


def extra(percent):
    return (False, None if percent is None else D(percent))


def rating_of(*indicators, thresholds=DEFAULT_THRESHOLDS):
    return suggest_results_rating(indicators, thresholds=thresholds).rating


# --- achievement -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "realisation", "expected"),
    [
        ("100", "80", "80.00"),
        ("10", "12", "120.00"),
        ("3", "2", "66.67"),  # 66.666…
        ("3", "1", "33.33"),  # 33.333…
        ("32", "1", "3.13"),  # 3.125 rounds half up, not to even
        ("20000", "1", "0.01"),  # 0.005 rounds half up
        ("5", "0", "0.00"),
        ("10", "10", "100.00"),
        ("0", "0", "100.00"),
    ],
)
def test_achievement_where_more_is_better_is_realisation_over_target(target, realisation, expected):
    assert achievement(D(target), D(realisation)) == D(expected)
    assert str(achievement(D(target), D(realisation))) == expected


@pytest.mark.parametrize(
    ("target", "realisation", "expected"),
    [
        ("6", "3", "200.00"),  # done in 3 months against 6
        ("12", "13", "92.31"),  # 92.307…
        ("12", "12", "100.00"),
        ("0", "3", "0.00"),  # target "0 keluhan", 3 received
        ("0", "0", "100.00"),  # target "0 keluhan", none received
    ],
)
def test_achievement_where_less_is_better_is_target_over_realisation(target, realisation, expected):
    assert achievement(D(target), D(realisation), lower_is_better=True) == D(expected)


def test_a_zero_target_where_more_is_better_has_no_percentage():
    with pytest.raises(UndefinedAchievementError, match="target 0 tidak dapat menjadi dasar"):
        achievement(D(0), D(5))


def test_a_zero_realisation_where_less_is_better_has_no_percentage():
    with pytest.raises(UndefinedAchievementError, match="realisasi 0 terhadap target 5"):
        achievement(D(5), D(0), lower_is_better=True)


@pytest.mark.parametrize(("target", "realisation"), [("-1", "5"), ("5", "-1")])
def test_negative_targets_and_realisations_are_refused(target, realisation):
    with pytest.raises(ValueError, match="tidak boleh negatif"):
        achievement(D(target), D(realisation))


# --- one indicator's level -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("percent", "level"),
    [
        ("0", Level.BELOW),
        ("89.99", Level.BELOW),
        ("90", Level.AS_EXPECTED),
        ("100", Level.AS_EXPECTED),
        ("110", Level.AS_EXPECTED),
        ("110.01", Level.ABOVE),
        ("250", Level.ABOVE),
    ],
)
def test_an_indicator_is_above_past_110_below_under_90_and_as_expected_between(percent, level):
    assert DEFAULT_THRESHOLDS.level(D(percent)) is level


# --- the suggestion --------------------------------------------------------------------------


def test_no_indicators_give_no_suggestion_and_say_why():
    suggestion = suggest_results_rating([])
    assert suggestion.rating is None
    assert suggestion.reasons == (
        "tidak ada indikator dengan realisasi, sehingga tidak ada saran rating",
    )


def test_mostly_above_with_no_main_below_suggests_di_atas_with_its_reasons():
    suggestion = suggest_results_rating([main(120), main(115), main(100), extra(130)])
    assert suggestion.rating is ABOVE
    assert suggestion.reasons == (
        "3 dari 4 indikator (75,0%) di atas ekspektasi (capaian > 110%)",
        "4 dari 4 indikator (100,0%) sesuai atau di atas ekspektasi",
        "0 dari 3 hasil kerja utama (0,0%) di bawah ekspektasi (capaian < 90%); batas 20%",
        "sebagian besar hasil kerja di atas ekspektasi dan tidak ada hasil kerja utama "
        "di bawah ekspektasi",
    )


def test_an_additional_result_below_does_not_prevent_di_atas():
    assert rating_of(main(120), main(120), extra(50)) is ABOVE


def test_one_main_result_below_of_five_prevents_di_atas_but_stays_within_20_percent():
    suggestion = suggest_results_rating([main(120)] * 4 + [main(80)])
    assert suggestion.rating is AS_EXPECTED
    assert suggestion.reasons[2:] == (
        "1 dari 5 hasil kerja utama (20,0%) di bawah ekspektasi (capaian < 90%); batas 20%",
        "sebagian besar hasil kerja sesuai atau di atas ekspektasi dan hasil kerja utama "
        "di bawah ekspektasi tidak melebihi batas",
    )


def test_one_main_result_below_of_three_is_more_than_20_percent_and_suggests_di_bawah():
    suggestion = suggest_results_rating([main(100), main(100), main(80)])
    assert suggestion.rating is BELOW
    assert suggestion.reasons[-1] == (
        "hasil kerja utama di bawah ekspektasi (33,3%) melebihi batas 20%"
    )


def test_all_results_as_expected_suggest_sesuai():
    assert rating_of(main(100), main(95), extra(105)) is AS_EXPECTED


def test_exactly_half_above_is_not_most_and_falls_to_sesuai():
    assert rating_of(main(120), main(100)) is AS_EXPECTED


def test_exactly_half_below_is_not_most_as_expected_and_falls_to_di_bawah():
    suggestion = suggest_results_rating([main(120), main(120), extra(80), extra(80)])
    assert suggestion.rating is BELOW
    assert suggestion.reasons[-1] == (
        "hasil kerja yang sesuai atau di atas ekspektasi tidak lebih dari 50%"
    )


def test_mostly_below_suggests_di_bawah():
    assert rating_of(main(50), main(60), extra(100)) is BELOW


@pytest.mark.parametrize(
    ("percent", "rating"),
    [("89.99", BELOW), ("90", AS_EXPECTED), ("110", AS_EXPECTED), ("110.01", ABOVE)],
)
def test_a_single_main_result_at_each_boundary(percent, rating):
    assert rating_of(main(percent)) is rating


def test_only_additional_results_are_judged_and_the_missing_main_results_are_noted():
    suggestion = suggest_results_rating([extra(120), extra(120)])
    assert suggestion.rating is ABOVE
    assert suggestion.reasons[2] == "tidak ada hasil kerja utama yang dapat dinilai"


def test_an_indicator_without_realisation_counts_as_below_by_default():
    suggestion = suggest_results_rating([main(120), main(None)])
    assert suggestion.rating is BELOW
    assert suggestion.reasons[0] == (
        "1 indikator belum memiliki realisasi (dihitung di bawah ekspektasi)"
    )


def test_an_agency_may_leave_out_indicators_without_realisation():
    thresholds = SuggestionThresholds(unrealised_is_below=False)
    suggestion = suggest_results_rating([main(120), main(None)], thresholds=thresholds)
    assert suggestion.rating is ABOVE
    assert suggestion.reasons[0] == "1 indikator belum memiliki realisasi (tidak diperhitungkan)"


def test_only_unrealised_indicators_left_out_give_no_suggestion():
    thresholds = SuggestionThresholds(unrealised_is_below=False)
    suggestion = suggest_results_rating([main(None), extra(None)], thresholds=thresholds)
    assert suggestion.rating is None
    assert suggestion.reasons == (
        "2 indikator belum memiliki realisasi (tidak diperhitungkan)",
        "tidak ada indikator dengan realisasi, sehingga tidak ada saran rating",
    )


def test_an_agency_may_set_its_own_thresholds():
    thresholds = SuggestionThresholds(
        above_over=D(105), below_under=D(95), main_below_allowed=Fraction(1, 3)
    )
    assert rating_of(main(106), thresholds=thresholds) is ABOVE
    assert rating_of(main(94), thresholds=thresholds) is BELOW
    assert rating_of(main(100), main(100), main(80), thresholds=thresholds) is AS_EXPECTED
    suggestion = suggest_results_rating([main("106.5")], thresholds=thresholds)
    assert (
        suggestion.reasons[0] == "1 dari 1 indikator (100,0%) di atas ekspektasi (capaian > 105%)"
    )


def test_named_indicator_achievements_are_accepted_like_plain_pairs():
    assert rating_of(IndicatorAchievement(is_main=True, achievement=D(120))) is ABOVE


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"above_over": D(90), "below_under": D(110)},
            "batas bawah (110%) tidak boleh melebihi batas atas (90%)",
        ),
        ({"main_below_allowed": Fraction(6, 5)}, "porsi harus antara 0 dan 1"),
        ({"most_over": Fraction(1)}, "porsi harus antara 0 dan 1"),
    ],
)
def test_inconsistent_thresholds_are_refused(arguments, message):
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        SuggestionThresholds(**arguments)
