"""The radar chart's geometry (`kinerja.behaviour.radar`), drawn as inline SVG and in the PDF."""

from __future__ import annotations

from decimal import Decimal

from kinerja.behaviour.radar import CENTER_X, CENTER_Y, RADIUS, radar
from kinerja.planning.berakhlak import CORE_VALUES

AXES = [value.name for value in CORE_VALUES]


def test_five_everywhere_draws_the_outer_ring_and_the_first_spoke_points_up():
    chart = radar(AXES, [("Penilai lain", (Decimal(5),) * 7)])

    outer = chart.rings[-1][1]
    assert chart.series[0].points == outer
    first = chart.series[0].dots[0]
    assert (first.x, first.y) == (CENTER_X, CENTER_Y - RADIUS)
    assert [step for step, _ring, _y in chart.rings] == [1, 2, 3, 4, 5]


def test_a_value_is_drawn_at_its_share_of_the_radius():
    chart = radar(AXES, [("Diri sendiri", (Decimal("2.5"),) * 7)])

    top = chart.series[0].dots[0]
    assert (top.x, top.y) == (CENTER_X, CENTER_Y - RADIUS / 2)
    assert top.axis == "Berorientasi Pelayanan"


def test_a_series_with_a_missing_value_is_left_out():
    chart = radar(AXES, [("A", (Decimal(4),) * 7), ("B", (Decimal(4),) * 6 + (None,))])

    assert [series.name for series in chart.series] == ["A"]


def test_long_labels_wrap_on_two_lines_and_spokes_follow_the_official_order():
    chart = radar(AXES, [])

    assert chart.spokes[0].label.lines == ("Berorientasi", "Pelayanan")
    assert [spoke.label.lines[0] for spoke in chart.spokes[1:]] == [
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ]
    assert chart.spokes[0].label.anchor == "middle"
    assert chart.spokes[1].label.anchor == "start"
    assert chart.spokes[6].label.anchor == "end"
