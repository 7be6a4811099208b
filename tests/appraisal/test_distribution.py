"""The distribution pattern of SE MenPANRB 3/2023 (shared/domain/performance.md, confidence M)."""

from decimal import Decimal
from fractions import Fraction
from itertools import combinations_with_replacement

import pytest

from kinerja.appraisal.distribution import (
    DEFAULT_PATTERN,
    EMPTY_UNIT_NOTE,
    AtLeast,
    AtLeastOne,
    AtMost,
    DistributionPattern,
    DistributionRules,
    NoneOf,
    PatternError,
    check_distribution,
    format_limit,
    format_percent,
    pattern_from_dict,
    pattern_to_dict,
)
from kinerja.appraisal.predicate import OrganisationPredicate, Predicate

SB = Predicate.SANGAT_BAIK
B = Predicate.BAIK
BP = Predicate.BUTUH_PERBAIKAN
K = Predicate.KURANG
SK = Predicate.SANGAT_KURANG

ISTIMEWA = OrganisationPredicate("Istimewa")
BAIK = OrganisationPredicate("Baik")
BUTUH_PERBAIKAN = OrganisationPredicate("Butuh Perbaikan")
KURANG = OrganisationPredicate("Kurang")
SANGAT_KURANG = OrganisationPredicate("Sangat Kurang")


def messages(organisation_predicate, counts, pattern=DEFAULT_PATTERN):
    return list(check_distribution(organisation_predicate, counts, pattern).messages)


# --- the default pattern, rule by rule -------------------------------------------------------


@pytest.mark.parametrize(
    ("organisation_predicate", "descriptions"),
    [
        (ISTIMEWA, ["paling banyak 70% Sangat Baik"]),
        (BAIK, ["paling banyak 70% Baik", "harus ada Butuh Perbaikan dan/atau Kurang/Misconduct"]),
        (BUTUH_PERBAIKAN, ["paling sedikit 60% Butuh Perbaikan", "paling banyak 10% Sangat Baik"]),
        (
            KURANG,
            [
                "paling sedikit 60% Kurang/Misconduct",
                "paling sedikit 10% Butuh Perbaikan",
                "paling banyak 10% Sangat Baik",
            ],
        ),
        (
            SANGAT_KURANG,
            [
                "paling sedikit 60% Sangat Kurang",
                "paling sedikit 10% Butuh Perbaikan dan/atau Kurang/Misconduct",
                "tidak boleh ada Sangat Baik",
            ],
        ),
    ],
)
def test_the_default_pattern_states_the_rules_of_the_circular(organisation_predicate, descriptions):
    rules = DEFAULT_PATTERN.rules_for(organisation_predicate)
    assert [rule.description for rule in rules] == descriptions


def test_istimewa_allows_exactly_70_percent_sangat_baik():
    assert messages(ISTIMEWA, {SB: 7, B: 3}) == []


def test_istimewa_refuses_one_sangat_baik_more_than_70_percent():
    assert messages(ISTIMEWA, {SB: 8, B: 2}) == [
        "Sangat Baik 8 dari 10 pegawai (80,0%) melebihi batas 70%"
    ]


def test_istimewa_refuses_71_of_100_sangat_baik_just_past_the_limit():
    assert messages(ISTIMEWA, {SB: 71, B: 29}) == [
        "Sangat Baik 71 dari 100 pegawai (71,0%) melebihi batas 70%"
    ]


def test_istimewa_accepts_any_other_spread_of_predicates():
    assert messages(ISTIMEWA, {B: 2, BP: 3, K: 1, SK: 4}) == []


def test_baik_allows_exactly_70_percent_baik_with_one_butuh_perbaikan():
    assert messages(BAIK, {B: 7, SB: 2, BP: 1}) == []


def test_baik_refuses_one_baik_more_than_70_percent():
    assert messages(BAIK, {B: 8, BP: 2}) == ["Baik 8 dari 10 pegawai (80,0%) melebihi batas 70%"]


def test_baik_with_no_butuh_perbaikan_nor_kurang_fails():
    assert messages(BAIK, {B: 5, SB: 5}) == [
        "Butuh Perbaikan dan/atau Kurang/Misconduct 0 dari 10 pegawai (0,0%), "
        "padahal harus ada paling sedikit satu"
    ]


@pytest.mark.parametrize("predicate", [BP, K])
def test_baik_with_one_butuh_perbaikan_or_one_kurang_passes(predicate):
    assert messages(BAIK, {B: 5, SB: 4, predicate: 1}) == []


def test_butuh_perbaikan_allows_exactly_60_percent_butuh_perbaikan():
    assert messages(BUTUH_PERBAIKAN, {BP: 6, B: 4}) == []


def test_butuh_perbaikan_refuses_one_butuh_perbaikan_fewer_than_60_percent():
    assert messages(BUTUH_PERBAIKAN, {BP: 5, B: 5}) == [
        "Butuh Perbaikan 5 dari 10 pegawai (50,0%) kurang dari batas minimal 60%"
    ]


def test_butuh_perbaikan_refuses_59_of_100_just_short_of_the_minimum():
    assert messages(BUTUH_PERBAIKAN, {BP: 59, B: 41}) == [
        "Butuh Perbaikan 59 dari 100 pegawai (59,0%) kurang dari batas minimal 60%"
    ]


def test_butuh_perbaikan_allows_exactly_10_percent_sangat_baik():
    assert messages(BUTUH_PERBAIKAN, {BP: 6, SB: 1, B: 3}) == []


def test_butuh_perbaikan_refuses_one_sangat_baik_more_than_10_percent():
    assert messages(BUTUH_PERBAIKAN, {BP: 6, SB: 2, B: 2}) == [
        "Sangat Baik 2 dari 10 pegawai (20,0%) melebihi batas 10%"
    ]


def test_kurang_allows_each_rule_met_exactly():
    assert messages(KURANG, {K: 6, BP: 1, SB: 1, B: 2}) == []


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (
            {K: 5, BP: 1, SB: 1, B: 3},
            "Kurang/Misconduct 5 dari 10 pegawai (50,0%) kurang dari batas minimal 60%",
        ),
        (
            {K: 6, BP: 0, SB: 1, B: 3},
            "Butuh Perbaikan 0 dari 10 pegawai (0,0%) kurang dari batas minimal 10%",
        ),
        ({K: 6, BP: 1, SB: 2, B: 1}, "Sangat Baik 2 dari 10 pegawai (20,0%) melebihi batas 10%"),
    ],
)
def test_kurang_refuses_one_step_past_each_rule(counts, expected):
    assert messages(KURANG, counts) == [expected]


def test_kurang_lists_every_breached_rule_in_the_order_of_the_pattern():
    assert messages(KURANG, {SB: 10}) == [
        "Kurang/Misconduct 0 dari 10 pegawai (0,0%) kurang dari batas minimal 60%",
        "Butuh Perbaikan 0 dari 10 pegawai (0,0%) kurang dari batas minimal 10%",
        "Sangat Baik 10 dari 10 pegawai (100,0%) melebihi batas 10%",
    ]


@pytest.mark.parametrize("predicate", [K, BP])
def test_sangat_kurang_accepts_10_percent_kurang_or_butuh_perbaikan(predicate):
    assert messages(SANGAT_KURANG, {SK: 6, predicate: 1, B: 3}) == []


def test_sangat_kurang_counts_kurang_and_butuh_perbaikan_together():
    assert messages(SANGAT_KURANG, {SK: 18, K: 1, BP: 1}) == []


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (
            {SK: 5, K: 1, B: 4},
            "Sangat Kurang 5 dari 10 pegawai (50,0%) kurang dari batas minimal 60%",
        ),
        (
            {SK: 6, B: 4},
            "Butuh Perbaikan dan/atau Kurang/Misconduct 0 dari 10 pegawai (0,0%) "
            "kurang dari batas minimal 10%",
        ),
    ],
)
def test_sangat_kurang_refuses_one_step_past_each_minimum(counts, expected):
    assert messages(SANGAT_KURANG, counts) == [expected]


def test_sangat_kurang_refuses_a_single_sangat_baik():
    assert messages(SANGAT_KURANG, {SK: 6, K: 3, SB: 1}) == [
        "Sangat Baik 1 dari 10 pegawai (10,0%), padahal tidak boleh ada"
    ]


# --- the result's counts and shares ----------------------------------------------------------


def test_the_check_reports_counts_and_exact_shares_for_every_predicate():
    check = check_distribution(ISTIMEWA, {SB: 2, B: 1})
    assert check.total == 3
    assert dict(check.counts) == {SB: 2, B: 1, BP: 0, K: 0, SK: 0}
    assert dict(check.shares) == {
        SB: Fraction(2, 3),
        B: Fraction(1, 3),
        BP: Fraction(0),
        K: Fraction(0),
        SK: Fraction(0),
    }
    assert check.passes is True
    assert check.breaches == ()
    assert check.notes == ()


def test_a_breach_carries_its_rule_count_total_and_share():
    check = check_distribution(ISTIMEWA, {SB: 8, B: 2})
    assert check.passes is False
    (breach,) = check.breaches
    assert breach.rule == AtMost(frozenset({SB}), Fraction(7, 10))
    assert (breach.count, breach.total, breach.share) == (8, 10, Fraction(4, 5))


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="jumlah pegawai Baik tidak boleh negatif"):
        check_distribution(ISTIMEWA, {B: -1})


def test_the_share_is_printed_with_more_decimals_when_one_decimal_would_equal_the_limit():
    assert messages(ISTIMEWA, {SB: 701, B: 300}) == [
        "Sangat Baik 701 dari 1001 pegawai (70,03%) melebihi batas 70%"
    ]


@pytest.mark.parametrize(
    ("share", "percent", "limit"),
    [
        (Fraction(4, 5), "80,0%", "80%"),
        (Fraction(2, 3), "66,7%", "66,6667%"),
        (Fraction(1, 8), "12,5%", "12,5%"),
        (Fraction(0), "0,0%", "0%"),
        (Fraction(1), "100,0%", "100%"),
    ],
)
def test_shares_print_as_indonesian_percentages(share, percent, limit):
    assert (format_percent(share), format_limit(share)) == (percent, limit)


# --- small and empty units: exact fractions, no rounding -------------------------------------


def test_a_single_employee_under_istimewa_cannot_be_sangat_baik_because_one_is_100_percent():
    assert messages(ISTIMEWA, {SB: 1}) == [
        "Sangat Baik 1 dari 1 pegawai (100,0%) melebihi batas 70%"
    ]


def test_two_employees_under_istimewa_allow_one_sangat_baik_at_50_percent():
    assert messages(ISTIMEWA, {SB: 1, B: 1}) == []


def test_three_employees_under_istimewa_allow_two_sangat_baik_at_66_7_percent():
    assert messages(ISTIMEWA, {SB: 2, B: 1}) == []


def test_three_employees_under_istimewa_refuse_three_sangat_baik():
    assert messages(ISTIMEWA, {SB: 3}) == [
        "Sangat Baik 3 dari 3 pegawai (100,0%) melebihi batas 70%"
    ]


def test_a_single_employee_under_baik_must_be_butuh_perbaikan_or_kurang():
    assert messages(BAIK, {BP: 1}) == []
    assert messages(BAIK, {B: 1}) == [
        "Baik 1 dari 1 pegawai (100,0%) melebihi batas 70%",
        "Butuh Perbaikan dan/atau Kurang/Misconduct 0 dari 1 pegawai (0,0%), "
        "padahal harus ada paling sedikit satu",
    ]


def test_three_employees_under_butuh_perbaikan_need_two_butuh_perbaikan_since_one_is_33_3():
    assert messages(BUTUH_PERBAIKAN, {BP: 2, B: 1}) == []
    assert messages(BUTUH_PERBAIKAN, {BP: 1, B: 2}) == [
        "Butuh Perbaikan 1 dari 3 pegawai (33,3%) kurang dari batas minimal 60%"
    ]


def test_two_employees_under_butuh_perbaikan_allow_no_sangat_baik_since_one_is_50_percent():
    assert messages(BUTUH_PERBAIKAN, {BP: 1, SB: 1}) == [
        "Butuh Perbaikan 1 dari 2 pegawai (50,0%) kurang dari batas minimal 60%",
        "Sangat Baik 1 dari 2 pegawai (50,0%) melebihi batas 10%",
    ]


@pytest.mark.parametrize("total", [1, 2, 3, 9, 10])
def test_at_least_10_percent_means_at_least_one_employee_in_units_of_up_to_10(total):
    rule = AtLeast(frozenset({BP}), Fraction(1, 10))
    assert rule.breach(1, total) is None
    assert rule.breach(0, total) is not None


@pytest.mark.parametrize("organisation_predicate", [KURANG, SANGAT_KURANG])
@pytest.mark.parametrize("total", [1, 2])
def test_units_of_one_or_two_under_kurang_or_sangat_kurang_always_breach_the_pattern(
    organisation_predicate, total
):
    # 60% of the first predicate and 10% of another need at least ceil(0.6n) + 1 > n employees.
    for predicates in combinations_with_replacement(Predicate, total):
        counts = {p: predicates.count(p) for p in predicates}
        assert check_distribution(organisation_predicate, counts).passes is False


@pytest.mark.parametrize(
    ("organisation_predicate", "counts"),
    [(KURANG, {K: 2, BP: 1}), (SANGAT_KURANG, {SK: 2, K: 1}), (SANGAT_KURANG, {SK: 2, BP: 1})],
)
def test_three_employees_can_meet_the_kurang_and_sangat_kurang_patterns(
    organisation_predicate, counts
):
    assert messages(organisation_predicate, counts) == []


@pytest.mark.parametrize("organisation_predicate", list(OrganisationPredicate))
def test_an_empty_unit_passes_trivially_with_a_note(organisation_predicate):
    check = check_distribution(organisation_predicate, {})
    assert check.passes is True
    assert check.total == 0
    assert dict(check.counts) == dict.fromkeys(Predicate, 0)
    assert dict(check.shares) == dict.fromkeys(Predicate, Fraction(0))
    assert check.notes == (EMPTY_UNIT_NOTE,)


def test_the_empty_unit_note_says_why_the_pattern_is_considered_met():
    assert EMPTY_UNIT_NOTE == (
        "Unit tidak memiliki pegawai yang dinilai (0 pegawai); pola distribusi tidak dapat "
        "diterapkan sehingga dianggap terpenuhi."
    )


def test_zero_counts_alone_make_an_empty_unit():
    assert check_distribution(BAIK, {B: 0, BP: 0}).notes == (EMPTY_UNIT_NOTE,)


# --- an agency's own pattern -----------------------------------------------------------------


def test_an_agency_can_lower_the_istimewa_limit_and_keep_the_other_defaults():
    pattern = pattern_from_dict(
        {"Istimewa": [{"kind": "at_most", "predicates": ["Sangat Baik"], "percent": 60}]}
    )
    assert messages(ISTIMEWA, {SB: 6, B: 4}, pattern) == []
    assert messages(ISTIMEWA, {SB: 7, B: 3}, pattern) == [
        "Sangat Baik 7 dari 10 pegawai (70,0%) melebihi batas 60%"
    ]
    assert pattern.rules_for(BAIK) == DEFAULT_PATTERN.rules_for(BAIK)


def test_an_agency_can_drop_every_rule_for_an_organisation_predicate():
    pattern = pattern_from_dict({"Sangat Kurang": []})
    assert pattern.rules_for(SANGAT_KURANG) == ()
    assert messages(SANGAT_KURANG, {SB: 10}, pattern) == []


def test_an_agency_pattern_can_be_built_from_nothing_but_its_own_rules():
    every_rule = {
        "Istimewa": [{"kind": "none_of", "predicates": ["Sangat Kurang"]}],
        "Baik": [{"kind": "at_least_one", "predicates": ["Kurang/Misconduct"]}],
        "Butuh Perbaikan": [],
        "Kurang": [{"kind": "at_least", "predicates": ["Kurang/Misconduct"], "percent": "50"}],
        "Sangat Kurang": [{"kind": "at_most", "predicates": ["Baik", "Sangat Baik"], "percent": 5}],
    }
    pattern = pattern_from_dict(every_rule)
    assert pattern.rules_for(ISTIMEWA) == (NoneOf(frozenset({SK})),)
    assert pattern.rules_for(BAIK) == (AtLeastOne(frozenset({K})),)
    assert pattern.rules_for(KURANG) == (AtLeast(frozenset({K}), Fraction(1, 2)),)
    assert pattern.rules_for(SANGAT_KURANG) == (AtMost(frozenset({B, SB}), Fraction(1, 20)),)
    assert pattern_to_dict(pattern) == {
        **every_rule,
        "Kurang": [{"kind": "at_least", "predicates": ["Kurang/Misconduct"], "percent": 50}],
        "Sangat Kurang": [{"kind": "at_most", "predicates": ["Sangat Baik", "Baik"], "percent": 5}],
    }


@pytest.mark.parametrize("percent", ["12.5", 12.5, Decimal("12.5")])
def test_a_fractional_percent_is_read_exactly(percent):
    pattern = pattern_from_dict(
        {"Istimewa": [{"kind": "at_most", "predicates": ["Sangat Baik"], "percent": percent}]}
    )
    assert pattern.rules_for(ISTIMEWA) == (AtMost(frozenset({SB}), Fraction(1, 8)),)
    assert messages(ISTIMEWA, {SB: 1, B: 7}, pattern) == []
    assert messages(ISTIMEWA, {SB: 1, B: 6}, pattern) == [
        "Sangat Baik 1 dari 7 pegawai (14,3%) melebihi batas 12,5%"
    ]


def test_the_default_pattern_survives_a_round_trip_through_plain_data():
    plain = pattern_to_dict(DEFAULT_PATTERN)
    assert plain["Baik"] == [
        {"kind": "at_most", "predicates": ["Baik"], "percent": 70},
        {"kind": "at_least_one", "predicates": ["Butuh Perbaikan", "Kurang/Misconduct"]},
    ]
    assert pattern_from_dict(plain, base=DEFAULT_PATTERN) == DEFAULT_PATTERN


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"Luar Biasa": []}, "predikat organisasi 'Luar Biasa' tidak dikenal"),
        (
            {"Baik": [{"kind": "at_most", "predicates": ["Kurang"], "percent": 10}]},
            "Baik, aturan ke-1: predikat tidak dikenal",
        ),
        (
            {"Baik": [{"kind": "at_most", "predicates": "Baik", "percent": 10}]},
            "Baik, aturan ke-1: 'predicates' harus berupa daftar predikat",
        ),
        (
            {"Baik": [{"kind": "paling_banyak", "predicates": ["Baik"], "percent": 10}]},
            "Baik, aturan ke-1: jenis aturan 'paling_banyak' tidak dikenal",
        ),
        (
            {"Baik": [{"kind": "at_most", "predicates": ["Baik"]}]},
            "Baik, aturan ke-1: 'percent' harus berupa angka 0–100",
        ),
        (
            {"Baik": [{"kind": "at_most", "predicates": ["Baik"], "percent": "tujuh"}]},
            "Baik, aturan ke-1: 'percent' 'tujuh' bukan angka",
        ),
        (
            {"Baik": [{"kind": "at_most", "predicates": ["Baik"], "percent": 120}]},
            "Baik, aturan ke-1: batas persentase harus antara 0% dan 100% ",
        ),
        (
            {"Kurang": [{}, {"kind": "at_least_one", "predicates": []}]},
            "Kurang, aturan ke-1: 'predicates' harus berupa daftar predikat",
        ),
        (
            {"Kurang": [{"kind": "at_least_one", "predicates": []}]},
            "Kurang, aturan ke-1: aturan pola distribusi harus menyebut paling sedikit satu",
        ),
    ],
)
def test_a_malformed_agency_pattern_is_refused_with_an_indonesian_message(raw, message):
    with pytest.raises(PatternError) as error:
        pattern_from_dict(raw)
    assert str(error.value).startswith(message)


def test_a_pattern_must_name_every_organisation_predicate_exactly_once():
    with pytest.raises(PatternError, match="tepat satu kali"):
        DistributionPattern(entries=(DistributionRules(ISTIMEWA, ()),))
