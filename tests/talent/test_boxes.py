"""The 9-box rules (PermenPANRB 3/2020) against the tables of shared/domain/career.md: all nine
boxes with configured cut-offs, every cut-off boundary exactly, the recommended actions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.appraisal.predicate import Predicate
from kinerja.talent.boxes import (
    BOX_ACTIONS,
    GRID_ROWS,
    POOL_BOXES,
    Cutoffs,
    Performance,
    Potential,
    box_of,
    cutoff_problems,
    is_in_pool,
    performance_level,
    performance_score,
    place,
    potential_level,
    predicate_points,
)

# An agency's own cut-offs, deliberately not the defaults.
CONFIGURED = Cutoffs(
    years=2,
    performance_as_from=Decimal("3.50"),
    performance_above_from=Decimal("4.75"),
    potential_middle_from=Decimal("55.00"),
    potential_high_from=Decimal("75.50"),
)

# career.md: rows potential high/middle/low × columns performance below/as/above.
CAREER_MD_GRID = {
    ("high", "below"): 6,
    ("high", "as"): 8,
    ("high", "above"): 9,
    ("middle", "below"): 3,
    ("middle", "as"): 5,
    ("middle", "above"): 7,
    ("low", "below"): 1,
    ("low", "as"): 2,
    ("low", "above"): 4,
}


@pytest.mark.parametrize(
    ("yearly_points", "potential_score", "expected_box"),
    [
        # potential high (≥ 75,50)
        ([3, 3], "75.50", 6),  # 3,00 < 3,50 → below
        ([4, 3], "90", 8),  # 3,50 → as expected (boundary)
        ([5, 5], "100", 9),  # 5,00 → above
        # potential middle (55,00 – 75,49)
        ([3, 4], "75.49", 5),  # 3,50 as expected; 75,49 still middle
        ([2, 4], "55", 3),  # 3,00 below; 55,00 middle (boundary)
        ([5, 4.5], "60", 7),  # 4,75 above (boundary)
        # potential low (< 55,00)
        ([1, 1], "0", 1),
        ([4, 5], "54.99", 2),  # 4,50 as expected; 54,99 low
        ([5, 5], "10", 4),
    ],
)
def test_every_box_with_configured_cutoffs(yearly_points, potential_score, expected_box):
    box, _performance, _potential, _score = place(
        [Decimal(str(p)) for p in yearly_points], Decimal(potential_score), CONFIGURED
    )
    assert box == expected_box


@pytest.mark.parametrize(("levels", "box"), list(CAREER_MD_GRID.items()))
def test_box_table_is_career_md(levels, box):
    potential, performance = levels
    assert box_of(potential, performance) == box


def test_grid_rows_are_the_official_layout():
    assert GRID_ROWS == ((6, 8, 9), (3, 5, 7), (1, 2, 4))
    assert sorted(box for row in GRID_ROWS for box in row) == list(range(1, 10))


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        ("1.00", Performance.BELOW),
        ("3.49", Performance.BELOW),
        ("3.50", Performance.AS_EXPECTED),  # the as-expected cut-off belongs to "as"
        ("4.74", Performance.AS_EXPECTED),
        ("4.75", Performance.ABOVE),  # the above cut-off belongs to "above"
        ("5.00", Performance.ABOVE),
    ],
)
def test_performance_cutoff_boundaries(score, expected):
    assert performance_level(Decimal(score), CONFIGURED) == expected


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        ("0", Potential.LOW),
        ("54.99", Potential.LOW),
        ("55.00", Potential.MIDDLE),
        ("75.49", Potential.MIDDLE),
        ("75.50", Potential.HIGH),
        ("100", Potential.HIGH),
    ],
)
def test_potential_cutoff_boundaries(score, expected):
    assert potential_level(Decimal(score), CONFIGURED) == expected


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        ("3.99", Performance.BELOW),
        ("4.00", Performance.AS_EXPECTED),
        ("4.49", Performance.AS_EXPECTED),
        ("4.50", Performance.ABOVE),
    ],
)
def test_default_performance_cutoffs(score, expected):
    assert performance_level(Decimal(score), Cutoffs()) == expected


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        ("59.99", Potential.LOW),
        ("60", Potential.MIDDLE),
        ("79.99", Potential.MIDDLE),
        ("80", Potential.HIGH),
    ],
)
def test_default_potential_cutoffs(score, expected):
    assert potential_level(Decimal(score), Cutoffs()) == expected


@pytest.mark.parametrize(
    ("predicate", "points"),
    [
        (Predicate.SANGAT_BAIK, 5),
        (Predicate.BAIK, 4),
        (Predicate.BUTUH_PERBAIKAN, 3),
        (Predicate.KURANG, 2),
        (Predicate.SANGAT_KURANG, 1),
    ],
)
def test_predicate_points(predicate, points):
    assert predicate_points(predicate) == points
    assert predicate_points(str(predicate)) == points


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([5], "5.00"),
        ([5, 4], "4.50"),
        ([4, 3, 3], "3.33"),
        ([Decimal("3.75"), 4], "3.88"),  # a periodic mean (half up)
        ([Decimal("4.333"), 5], "4.67"),
    ],
)
def test_performance_score_is_the_mean_of_the_years(points, expected):
    assert performance_score(points) == Decimal(expected)


def test_performance_score_needs_a_year():
    with pytest.raises(ValueError, match="at least one year"):
        performance_score([])


# career.md, the recommendation of each box.
CAREER_MD_ACTIONS = {
    9: ["promosi", "suksesi", "penghargaan"],
    8: ["dipertahankan", "suksesi instansi", "perluasan jabatan", "bimbingan kinerja"],
    7: [
        "dipertahankan",
        "suksesi instansi",
        "pengayaan jabatan",
        "pengembangan kompetensi",
        "tugas belajar",
    ],
    6: ["penempatan yang sesuai", "bimbingan kinerja", "konseling kinerja"],
    5: ["penempatan yang sesuai", "bimbingan kinerja", "pengembangan kompetensi"],
    4: ["rotasi", "pengembangan kompetensi"],
    3: ["bimbingan kinerja", "konseling", "pengembangan kompetensi", "penempatan yang sesuai"],
    2: ["bimbingan kinerja", "pengembangan kompetensi", "penempatan yang sesuai"],
    1: ["ketentuan peraturan perundang-undangan"],
}


@pytest.mark.parametrize(("box", "fragments"), list(CAREER_MD_ACTIONS.items()))
def test_recommended_actions_follow_career_md(box, fragments):
    text = " | ".join(BOX_ACTIONS[box]).lower()
    text = text.replace("dipromosikan", "promosi")
    for fragment in fragments:
        assert fragment in text
    assert len(BOX_ACTIONS[box]) == len(fragments)


def test_pool_is_boxes_seven_to_nine():
    assert set(POOL_BOXES) == {7, 8, 9}
    assert [box for box in range(1, 10) if is_in_pool(box)] == [7, 8, 9]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"performance_as_from": Decimal("4.50")}, "performance_above_from"),  # equal
        ({"performance_as_from": Decimal("4.60")}, "performance_above_from"),  # reversed
        ({"performance_above_from": Decimal("5.01")}, "performance_above_from"),
        ({"performance_as_from": Decimal("1.00")}, "performance_as_from"),
        ({"potential_middle_from": Decimal("80")}, "potential_high_from"),
        ({"potential_high_from": Decimal("100.01")}, "potential_high_from"),
        ({"potential_middle_from": Decimal("0")}, "potential_middle_from"),
        ({"years": 0}, "years"),
        ({"years": 6}, "years"),
    ],
)
def test_cutoff_problems_refuse_unordered_or_out_of_range(changes, field):
    fields = {**Cutoffs().__dict__, **changes}
    problems = cutoff_problems(Cutoffs(**fields))
    assert list(problems) == [field]


def test_default_and_configured_cutoffs_are_valid():
    assert cutoff_problems(Cutoffs()) == {}
    assert cutoff_problems(CONFIGURED) == {}
