"""The development rules (PP 11/2017 Pasal 203 ayat 4; PermenPANRB 6/2022) against their table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kinerja.appraisal.predicate import Predicate
from kinerja.development import rules


@pytest.mark.parametrize(
    ("total", "shortfall", "short"),
    [(0, 20, True), (1, 19, True), (12, 8, True), (19, 1, True), (20, 0, False), (45, 0, False)],
)
def test_the_20_jp_a_year(total, shortfall, short):
    assert rules.jp_shortfall(total) == shortfall
    assert rules.is_short_of_jp(total) is short


def test_negative_jp_is_refused():
    with pytest.raises(ValueError, match="negatif"):
        rules.jp_shortfall(-1)


@pytest.mark.parametrize(
    ("predicate", "needed"),
    [
        (Predicate.SANGAT_BAIK, False),
        (Predicate.BAIK, False),
        (Predicate.BUTUH_PERBAIKAN, True),
        (Predicate.KURANG, True),
        (Predicate.SANGAT_KURANG, True),
        ("", False),
    ],
)
def test_predicates_that_call_for_development(predicate, needed):
    assert rules.needs_development(predicate) is needed


@pytest.mark.parametrize(
    ("percent", "below"),
    [("0", True), ("62.50", True), ("89.99", True), ("90", False), ("100", False), ("150", False)],
)
def test_indicator_under_90_percent_is_below_target(percent, below):
    assert rules.is_indicator_below_target(Decimal(percent)) is below


@pytest.mark.parametrize(
    ("mean", "weak"),
    [("1.00", True), ("2.40", True), ("2.99", True), ("3.00", False), ("4.5", False)],
)
def test_a_value_under_3_is_weak(mean, weak):
    assert rules.is_weak_value(Decimal(mean)) is weak


@pytest.mark.parametrize(
    ("required", "current", "gap"), [(3, 2, 1), (3, 3, 0), (3, 5, 0), (4, None, 4), (1, 1, 0)]
)
def test_competency_gap(required, current, gap):
    assert rules.competency_gap(required, current) == gap


@pytest.mark.parametrize(
    ("level", "required", "may"),
    [(5, 4, True), (4, 4, True), (3, 4, False), (3, 3, True), (3, 1, True), (2, 1, False)],
)
def test_who_may_teach(level, required, may):
    """Never below level 3, whatever a training asks."""
    assert rules.may_teach(level, required) is may


D = dt.date


@pytest.mark.parametrize(
    ("start", "until", "available"),
    [
        (None, None, True),
        (D(2026, 3, 1), None, True),
        (D(2026, 3, 3), None, False),
        (None, D(2026, 3, 4), True),
        (None, D(2026, 3, 3), False),
        (D(2026, 1, 1), D(2026, 6, 30), True),
    ],
)
def test_availability_covers_the_whole_training(start, until, available):
    assert rules.is_available(start, until, D(2026, 3, 2), D(2026, 3, 4)) is available


def test_availability_refuses_reversed_dates():
    with pytest.raises(ValueError, match="sebelum"):
        rules.is_available(None, None, D(2026, 3, 4), D(2026, 3, 2))


@pytest.mark.parametrize(
    ("external", "internal", "saved"),
    [("3500000", "250000", "3250000"), ("100000", "250000", "0"), (None, "0", "0")],
)
def test_saving_of_internal_training(external, internal, saved):
    external_cost = Decimal(external) if external is not None else None
    assert rules.saving(external_cost, Decimal(internal)) == Decimal(saved)
