"""The geometry of the radar chart of the seven values, computed on the server and drawn as
inline SVG by `behaviour/includes/radar.html` (no JavaScript): one spoke per value, rings at
every point of the scale, one polygon per series (others, self, supervisor)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from kinerja.behaviour.aggregation import SCALE_MAX

WIDTH, HEIGHT = 500, 410
CENTER_X, CENTER_Y = WIDTH / 2, HEIGHT / 2 + 5
RADIUS = 140
LABEL_GAP = 16
# Colours of the series, in order (others, self, supervisor): readable on white and in grey.
PALETTE = (("#0f5c8c", "none"), ("#b45309", "6 4"), ("#1c7c4a", "2 3"))


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    anchor: str  # start | middle | end
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Spoke:
    x: float
    y: float
    label: Label


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    value: Decimal
    axis: str


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    dash: str
    points: str
    dots: tuple[Dot, ...]


@dataclass(frozen=True)
class Radar:
    width: int
    height: int
    center_x: float
    center_y: float
    rings: tuple[tuple[int, str, float], ...]  # scale point, polygon, y of its number
    spokes: tuple[Spoke, ...]
    series: tuple[Series, ...]


def _point(index: int, count: int, radius: float) -> tuple[float, float]:
    """The point at `radius` on spoke `index` of `count`, the first pointing up, clockwise."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (
        round(CENTER_X + radius * math.cos(angle), 1),
        round(CENTER_Y + radius * math.sin(angle), 1),
    )


def _wrap(text: str, width: int = 14) -> tuple[str, ...]:
    """A label on at most two lines, broken at a space."""
    if len(text) <= width or " " not in text:
        return (text,)
    words = text.split()
    first = words[0]
    rest = words[1:]
    while rest and len(first) + 1 + len(rest[0]) <= width:
        first = f"{first} {rest.pop(0)}"
    return (first, " ".join(rest)) if rest else (first,)


def _label(index: int, count: int, text: str) -> Label:
    x, y = _point(index, count, RADIUS + LABEL_GAP)
    anchor = "middle" if abs(x - CENTER_X) < 1 else "start" if x > CENTER_X else "end"
    lines = _wrap(text)
    if y < CENTER_Y - RADIUS / 2:
        y -= 18 * (len(lines) - 1)  # upper labels grow upwards, away from the chart
    elif y > CENTER_Y + RADIUS / 2:
        y += 12
    else:
        y += 5  # side labels centred on their spoke
    return Label(x, y, anchor, lines)


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x},{y}" for x, y in points)


def radar(axes: Sequence[str], series: Sequence[tuple[str, Sequence[Decimal | None]]]) -> Radar:
    """The chart of `series` (name, one value per axis on the 1–5 scale) over `axes`.

    A series missing any value is left out: a polygon with a hole would mislead.
    """
    count = len(axes)
    rings = tuple(
        (
            step,
            _polygon([_point(i, count, RADIUS * step / SCALE_MAX) for i in range(count)]),
            round(CENTER_Y - RADIUS * step / SCALE_MAX + 4, 1),
        )
        for step in range(1, SCALE_MAX + 1)
    )
    spokes = tuple(
        Spoke(*_point(index, count, RADIUS), label=_label(index, count, name))
        for index, name in enumerate(axes)
    )
    drawn: list[Series] = []
    for position, (name, values) in enumerate(series):
        if len(values) != count or any(value is None for value in values):
            continue
        colour, dash = PALETTE[position % len(PALETTE)]
        points = [
            _point(index, count, RADIUS * float(value) / SCALE_MAX)
            for index, value in enumerate(values)
            if value is not None
        ]
        drawn.append(
            Series(
                name=name,
                colour=colour,
                dash=dash,
                points=_polygon(points),
                dots=tuple(
                    Dot(x, y, value, axes[index])
                    for index, ((x, y), value) in enumerate(zip(points, values, strict=True))
                    if value is not None
                ),
            )
        )
    return Radar(WIDTH, HEIGHT, CENTER_X, CENTER_Y, rings, spokes, tuple(drawn))
