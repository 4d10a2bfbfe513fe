"""Geometry of the reviews-per-day bar chart (pure). The template draws it as inline SVG:
no JavaScript and no chart library for thirty bars."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

WIDTH = 600
HEIGHT = 160
AXIS = 20  # room under the bars for the date labels
GAP = 2


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: date
    count: int


@dataclass(frozen=True)
class Label:
    x: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: int
    top: int  # the count the full bar height stands for
    bars: list[Bar]
    labels: list[Label]
    total: int


def nice_top(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50... at or above `value` (at least 5)."""
    top = 1
    while True:
        for step in (1, 2, 5):
            if step * top >= max(value, 5):
                return step * top
        top *= 10


def bar_chart(
    days: Sequence[tuple[date, int]], *, width: int = WIDTH, height: int = HEIGHT
) -> Chart:
    baseline = height - AXIS
    top = nice_top(max((count for _, count in days), default=0))
    slot = width / max(1, len(days))
    bars = []
    for index, (day, count) in enumerate(days):
        bar_height = baseline * count / top
        bars.append(
            Bar(
                x=round(index * slot + GAP / 2, 2),
                y=round(baseline - bar_height, 2),
                width=round(max(1.0, slot - GAP), 2),
                height=round(bar_height, 2),
                day=day,
                count=count,
            )
        )
    # First, middle and last day: enough to read the time axis on a phone.
    picks = sorted({0, len(days) // 2, len(days) - 1}) if days else []
    labels = [
        Label(x=round(index * slot + slot / 2, 2), text=days[index][0].strftime("%-d %b"))
        for index in picks
    ]
    return Chart(
        width=width,
        height=height,
        baseline=baseline,
        top=top,
        bars=bars,
        labels=labels,
        total=sum(count for _, count in days),
    )
