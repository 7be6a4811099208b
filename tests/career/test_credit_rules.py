"""Angka kredit rules (credit.py) against the tables of shared/domain/career.md: every level ×
predicate, part-year periods, BKN's own example, and the credit-needed table."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.career import credit

PERCENT = {
    "Sangat Baik": Decimal(150),
    "Baik": Decimal(100),
    "Butuh Perbaikan": Decimal(75),
    "Kurang/Misconduct": Decimal(50),
    "Sangat Kurang": Decimal(25),
}
COEFFICIENT = {
    "pemula": Decimal("3.75"),
    "terampil": Decimal(5),
    "mahir": Decimal("12.5"),
    "penyelia": Decimal(25),
    "ahli_pertama": Decimal("12.5"),
    "ahli_muda": Decimal(25),
    "ahli_madya": Decimal("37.5"),
    "ahli_utama": Decimal(50),
}
# Yearly credit of every level × predicate, worked out by hand from the two tables.
YEARLY = {
    ("pemula", "Sangat Baik"): "5.625",
    ("pemula", "Baik"): "3.75",
    ("pemula", "Butuh Perbaikan"): "2.8125",
    ("pemula", "Kurang/Misconduct"): "1.875",
    ("pemula", "Sangat Kurang"): "0.9375",
    ("terampil", "Sangat Baik"): "7.5",
    ("terampil", "Baik"): "5",
    ("terampil", "Butuh Perbaikan"): "3.75",
    ("terampil", "Kurang/Misconduct"): "2.5",
    ("terampil", "Sangat Kurang"): "1.25",
    ("mahir", "Sangat Baik"): "18.75",
    ("mahir", "Baik"): "12.5",
    ("mahir", "Butuh Perbaikan"): "9.375",
    ("mahir", "Kurang/Misconduct"): "6.25",
    ("mahir", "Sangat Kurang"): "3.125",
    ("penyelia", "Sangat Baik"): "37.5",
    ("penyelia", "Baik"): "25",
    ("penyelia", "Butuh Perbaikan"): "18.75",
    ("penyelia", "Kurang/Misconduct"): "12.5",
    ("penyelia", "Sangat Kurang"): "6.25",
    ("ahli_pertama", "Sangat Baik"): "18.75",
    ("ahli_pertama", "Baik"): "12.5",
    ("ahli_pertama", "Butuh Perbaikan"): "9.375",
    ("ahli_pertama", "Kurang/Misconduct"): "6.25",
    ("ahli_pertama", "Sangat Kurang"): "3.125",
    ("ahli_muda", "Sangat Baik"): "37.5",
    ("ahli_muda", "Baik"): "25",
    ("ahli_muda", "Butuh Perbaikan"): "18.75",
    ("ahli_muda", "Kurang/Misconduct"): "12.5",
    ("ahli_muda", "Sangat Kurang"): "6.25",
    ("ahli_madya", "Sangat Baik"): "56.25",
    ("ahli_madya", "Baik"): "37.5",
    ("ahli_madya", "Butuh Perbaikan"): "28.125",
    ("ahli_madya", "Kurang/Misconduct"): "18.75",
    ("ahli_madya", "Sangat Kurang"): "9.375",
    ("ahli_utama", "Sangat Baik"): "75",
    ("ahli_utama", "Baik"): "50",
    ("ahli_utama", "Butuh Perbaikan"): "37.5",
    ("ahli_utama", "Kurang/Misconduct"): "25",
    ("ahli_utama", "Sangat Kurang"): "12.5",
}


def test_the_tables_hold_the_percentages_and_coefficients_of_the_regulation():
    assert dict(credit.PREDICATE_PERCENT) == PERCENT
    assert {level.value: value for level, value in credit.YEARLY_COEFFICIENT.items()} == COEFFICIENT


@pytest.mark.parametrize(("level", "predicate"), sorted(YEARLY))
def test_yearly_credit_of_every_level_and_predicate(level, predicate):
    assert credit.yearly_credit(predicate, level) == Decimal(YEARLY[(level, predicate)])
    # A whole year as a ledger entry: the same, rounded to two decimals half-up.
    expected = Decimal(YEARLY[(level, predicate)]).quantize(Decimal("0.01"), "ROUND_HALF_UP")
    assert credit.entry_credit(predicate, level, 12) == expected


@pytest.mark.parametrize(
    ("level", "predicate", "months", "expected"),
    [
        ("ahli_pertama", "Baik", 2, "2.08"),  # BKN's example: 2/12 × 100% × 12,5
        ("ahli_pertama", "Baik", 1, "1.04"),
        ("ahli_pertama", "Baik", 3, "3.13"),  # 3,125 rounds half-up
        ("ahli_pertama", "Baik", 6, "6.25"),
        ("ahli_pertama", "Sangat Baik", 6, "9.38"),  # 9,375
        ("ahli_muda", "Butuh Perbaikan", 4, "6.25"),
        ("ahli_madya", "Sangat Baik", 3, "14.06"),  # 14,0625
        ("ahli_utama", "Kurang/Misconduct", 5, "10.42"),  # 10,4166…
        ("pemula", "Sangat Kurang", 7, "0.55"),  # 0,546875
        ("terampil", "Baik", 9, "3.75"),
        ("mahir", "Butuh Perbaikan", 11, "8.59"),  # 8,59375
        ("penyelia", "Sangat Baik", 1, "3.13"),  # 3,125
    ],
)
def test_part_year_credit_is_months_over_twelve_rounded_to_two_decimals(
    level, predicate, months, expected
):
    assert credit.entry_credit(predicate, level, months) == Decimal(expected)


def test_bkn_example_two_months_baik_as_ahli_pertama_adds_2_08_to_18_75():
    two_months = credit.entry_credit("Baik", "ahli_pertama", 2)
    assert two_months == Decimal("2.08")
    assert credit.running_totals([Decimal("18.75"), two_months]) == [
        Decimal("18.75"),
        Decimal("20.83"),
    ]


def test_entries_are_rounded_one_by_one_so_the_lines_add_up_to_the_total():
    six_entries = [credit.entry_credit("Baik", "ahli_pertama", 2) for _ in range(6)]
    assert credit.running_totals(six_entries)[-1] == Decimal("12.48")


@pytest.mark.parametrize("months", [0, 13, -1])
def test_months_outside_one_to_twelve_are_refused(months):
    with pytest.raises(ValueError, match="1–12"):
        credit.entry_credit("Baik", "ahli_pertama", months)


def test_an_unknown_predicate_or_level_is_refused():
    with pytest.raises(KeyError):
        credit.entry_credit("Istimewa", "ahli_pertama", 12)
    with pytest.raises(ValueError, match="jpt_pratama"):
        credit.entry_credit("Baik", "jpt_pratama", 12)


NEEDED = [
    ("pemula", "II/a", "II/a", "15", "15"),
    ("terampil", "II/b", "II/d", "20", "60"),
    ("mahir", "III/a", "III/b", "50", "100"),
    ("penyelia", "III/c", "III/d", "100", None),
    ("ahli_pertama", "III/a", "III/b", "50", "100"),
    ("ahli_muda", "III/c", "III/d", "100", "200"),
    ("ahli_madya", "IV/a", "IV/c", "150", "450"),
    ("ahli_utama", "IV/d", "IV/e", "200", None),
]


@pytest.mark.parametrize(("level", "rank_min", "rank_max", "step", "next_level"), NEEDED)
def test_default_credit_needed_table(level, rank_min, rank_max, step, next_level):
    row = credit.DEFAULT_REQUIREMENTS[credit.Level(level)]
    assert (row.rank_min, row.rank_max) == (rank_min, rank_max)
    assert row.rank_step_credit == Decimal(step)
    assert row.next_level_credit == (Decimal(next_level) if next_level else None)


@pytest.mark.parametrize(
    ("level", "up", "down"),
    [
        ("pemula", "terampil", None),
        ("terampil", "mahir", "pemula"),
        ("mahir", "penyelia", "terampil"),
        ("penyelia", None, "mahir"),
        ("ahli_pertama", "ahli_muda", None),
        ("ahli_muda", "ahli_madya", "ahli_pertama"),
        ("ahli_madya", "ahli_utama", "ahli_muda"),
        ("ahli_utama", None, "ahli_madya"),
    ],
)
def test_levels_move_within_their_category(level, up, down):
    assert credit.next_level(credit.Level(level)) == (credit.Level(up) if up else None)
    assert credit.previous_level(credit.Level(level)) == (credit.Level(down) if down else None)


def test_rank_progress_counts_towards_the_credit_per_rank_step():
    requirement = credit.DEFAULT_REQUIREMENTS[credit.Level.AHLI_PERTAMA]
    progress = credit.rank_progress(Decimal("20.83"), requirement, "III/a")
    assert (progress.needed, progress.remaining, progress.percent) == (
        Decimal(50),
        Decimal("29.17"),
        41,
    )
    assert not progress.is_met


def test_at_the_top_rank_of_the_level_the_next_rank_needs_the_next_level():
    requirement = credit.DEFAULT_REQUIREMENTS[credit.Level.AHLI_PERTAMA]
    progress = credit.rank_progress(Decimal(60), requirement, "III/b")
    assert progress.is_top
    assert progress.needed is None


def test_level_progress_is_capped_at_100_percent_and_met():
    requirement = credit.DEFAULT_REQUIREMENTS[credit.Level.AHLI_MUDA]
    progress = credit.level_progress(Decimal(250), requirement)
    assert (progress.percent, progress.is_met, progress.remaining) == (100, True, Decimal(0))
    top = credit.level_progress(Decimal(999), credit.DEFAULT_REQUIREMENTS[credit.Level.AHLI_UTAMA])
    assert top.is_top


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [((2026, 1), (2026, 12), 12), ((2026, 11), (2026, 12), 2), ((2026, 7), (2026, 9), 3)],
)
def test_months_between_counts_both_ends(start, end, months):
    assert credit.months_between(*start, *end) == months
