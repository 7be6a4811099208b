"""The gap rule (PermenPANRB 38/2017 standard vs current level), every combination of the scale:
gap = required − current, an unassessed competency counting 0; only positive gaps are
shortfalls; a surplus never offsets another shortfall in a mean."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.competency.gaps import (
    Gap,
    gap,
    is_shortfall,
    is_valid_level,
    mean_shortfall,
    shortfall,
    sort_key,
)

CURRENT = [None, 1, 2, 3, 4, 5]


@pytest.mark.parametrize("required", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("current", CURRENT)
def test_gap_is_required_minus_current_with_unassessed_as_zero(required, current):
    expected = required - (0 if current is None else current)

    assert gap(required, current) == expected
    assert shortfall(required, current) == max(expected, 0)
    assert is_shortfall(required, current) is (expected > 0)
    found = Gap(1, "M-03", "Komunikasi", "manajerial", required, current)
    assert (found.gap, found.shortfall, found.is_shortfall) == (
        expected,
        max(expected, 0),
        expected > 0,
    )
    assert found.is_assessed is (current is not None)


@pytest.mark.parametrize(
    ("required", "current", "expected"),
    [(3, None, 3), (3, 1, 2), (3, 3, 0), (3, 5, 0), (1, None, 1), (5, 4, 1), (5, None, 5)],
)
def test_table_of_shortfalls(required, current, expected):
    assert shortfall(required, current) == expected


def test_an_unassessed_required_competency_is_always_a_shortfall():
    assert all(is_shortfall(required, None) for required in range(1, 6))


@pytest.mark.parametrize(
    ("level", "valid"), [(0, False), (1, True), (3, True), (5, True), (6, False), (-1, False)]
)
def test_levels_are_one_to_five(level, valid):
    assert is_valid_level(level) is valid


def test_mean_shortfall_counts_a_surplus_as_zero_not_as_a_negative_gap():
    # 3 vs 5 is +2 above: it must not cancel the 2-level shortfall of the other pair.
    assert mean_shortfall([(3, 5), (3, 1)]) == Decimal("1.00")
    assert mean_shortfall([(3, None), (2, 2), (4, 3)]) == Decimal("1.33")
    assert mean_shortfall([]) is None


def test_managerial_first_then_socio_cultural_then_technical_by_code():
    codes = [
        ("teknis", "T-01"),
        ("sosial_kultural", "SK-01"),
        ("manajerial", "M-08"),
        ("manajerial", "M-01"),
    ]

    assert sorted(codes, key=lambda kc: sort_key(*kc)) == [
        ("manajerial", "M-01"),
        ("manajerial", "M-08"),
        ("sosial_kultural", "SK-01"),
        ("teknis", "T-01"),
    ]
