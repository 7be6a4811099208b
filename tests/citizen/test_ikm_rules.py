"""The IKM rules of PermenPANRB 14/2017 (kinerja/citizen/ikm.py), against shared/domain/citizen.md:
NRR over the respondents who answered, the exact weight 1/9, × 25, the grade table read on
the value rounded to 2 decimals, and the Krejcie–Morgan minimum sample."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from kinerja.citizen.ikm import (
    ELEMENTS,
    SAMPLE_TABLE,
    WEIGHT,
    Element,
    Grade,
    grade_of,
    ikm,
    ikm_from_totals,
    krejcie_morgan,
    minimum_sample,
)


def everyone_answers(value: int) -> dict[Element, int | None]:
    return dict.fromkeys(ELEMENTS, value)


# --- Blanks ------------------------------------------------------------------------------------


def test_a_blank_is_left_out_of_the_element_mean_not_counted_as_zero():
    first = everyone_answers(4)
    second = everyone_answers(4) | {Element.FEE: None}
    third = everyone_answers(4) | {Element.FEE: 2}

    result = ikm([first, second, third])

    fee = next(score for score in result.elements if score.element == Element.FEE)
    assert (fee.answered, fee.total, fee.nrr) == (2, 6, Fraction(3))
    assert result.respondents == 3
    # (8 × 4 + 3) / 9 × 25 = 97,2222… → 97,22; counting the blank as 0 would give 86,11.
    assert result.value == Decimal("97.22")


def test_an_element_nobody_answered_leaves_the_index_undefined():
    result = ikm([everyone_answers(3) | {Element.COMPLAINTS: None}] * 4)

    assert result.index is None
    assert result.value is None
    assert result.grade is None
    assert [s.element for s in result.lowest(9)] == [e for e in ELEMENTS if e != "pengaduan"]


def test_an_answer_outside_1_to_4_is_refused():
    with pytest.raises(ValueError, match="harus 1–4"):
        ikm([everyone_answers(3) | {Element.TIME: 5}])


# --- The weight ----------------------------------------------------------------------------------


def test_the_weight_is_exactly_one_ninth_not_the_printed_0_11():
    result = ikm([everyone_answers(3), everyone_answers(4)])  # every NRR 3,5

    assert Fraction(1, 9) == WEIGHT
    assert result.index == Fraction(7, 2)
    assert result.value == Decimal("87.50")
    assert result.grade == Grade.B
    # The regulation's printed 0,11 and the common 0,111 shift the same answers down:
    assert Decimal("3.5") * 9 * Decimal("0.11") * 25 == Decimal("86.6250")
    assert Decimal("3.5") * 9 * Decimal("0.111") * 25 == Decimal("87.4125")


def test_the_value_is_rounded_half_up_to_two_decimals():
    # NRRs 4,4,4,4,4,4,4,4,1 → index 33/9 → 91,666… → 91,67
    result = ikm([everyone_answers(4) | {Element.FACILITIES: 1}])

    assert result.index == Fraction(11, 3)
    assert result.value == Decimal("91.67")


# --- Grades ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        ("25.00", Grade.D),
        ("64.99", Grade.D),
        ("65.00", Grade.C),
        ("76.60", Grade.C),
        ("76.61", Grade.B),
        ("88.30", Grade.B),
        ("88.31", Grade.A),
        ("100.00", Grade.A),
        # classified on the value rounded to 2 decimals
        ("64.994", Grade.D),
        ("64.995", Grade.C),
        ("88.3049", Grade.B),
        ("88.305", Grade.A),
    ],
)
def test_each_grade_boundary_of_the_converted_value(value, grade):
    assert grade_of(Decimal(value)) == grade


@pytest.mark.parametrize(
    ("nrr_ten_thousandths", "value", "grade", "label"),
    [
        (25996, "64.99", Grade.D, "Tidak Baik"),  # interval 1,00 – 2,5996
        (26000, "65.00", Grade.C, "Kurang Baik"),  # 2,60 – 3,064
        (30640, "76.60", Grade.C, "Kurang Baik"),
        (30644, "76.61", Grade.B, "Baik"),  # 3,0644 – 3,532
        (35320, "88.30", Grade.B, "Baik"),
        (35324, "88.31", Grade.A, "Sangat Baik"),  # 3,5324 – 4,00
    ],
)
def test_the_interval_table_on_1_to_4_meets_the_converted_boundaries(
    nrr_ten_thousandths, value, grade, label
):
    # 10,000 respondents on every element, each element's answers summing to the NRR × 10,000.
    totals = dict.fromkeys(ELEMENTS, (10_000, nrr_ten_thousandths))

    result = ikm_from_totals(totals, respondents=10_000)

    assert result.index == Fraction(nrr_ten_thousandths, 10_000)
    assert result.value == Decimal(value)
    assert result.grade == grade
    assert str(result.grade.label) == label


# --- Minimum sample ----------------------------------------------------------------------------


@pytest.mark.parametrize(("population", "sample"), SAMPLE_TABLE)
def test_every_row_of_the_krejcie_morgan_table(population, sample):
    assert minimum_sample(population) == sample


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (11, 14),  # between 10 and 15: the next higher row
        (101, 86),  # between 100→80 and 110→86
        (109, 86),
        (111, 92),
        (1001, 285),
        (75_001, 384),
        (999_999, 384),
    ],
)
def test_a_population_between_rows_takes_the_next_higher_row(population, sample):
    assert minimum_sample(population) == sample


@pytest.mark.parametrize(("population", "sample"), [(0, 0), (1, 1), (5, 5), (9, 9)])
def test_below_ten_everyone_served_is_the_sample(population, sample):
    assert minimum_sample(population) == sample


@pytest.mark.parametrize("population", [1_000_000, 1_000_001, 4_300_000, 10**9])
def test_beyond_the_table_the_sample_stays_384(population):
    assert minimum_sample(population) == 384


@pytest.mark.parametrize(("population", "sample"), SAMPLE_TABLE)
def test_the_formula_agrees_with_the_rounded_table_within_one(population, sample):
    assert abs(krejcie_morgan(population) - sample) <= 1


def test_the_formula_at_rows_where_the_table_rounded_down():
    # s = 3,841·N·0,25 / (0,0025·(N−1) + 3,841·0,25): N = 100 → 79,5… → 80 (as the table);
    # N = 15 → 14,35… → 15 rounded up, the table prints 14.
    assert krejcie_morgan(100) == 80
    assert krejcie_morgan(15) == 15
    assert minimum_sample(15) == 14
