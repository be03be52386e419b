"""Colours, line styles, markers and type sizes shared by every chart.

Colours are the Okabe-Ito palette, distinguishable with the common colour-vision deficiencies;
every series also differs by line style or marker, and every day status by hatch, so a chart
still reads printed in black and white. Sizes are for an A4 page: a figure 7.5 inches wide with
text at 8-10 pt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.path import Path
from matplotlib.typing import LineStyleType
from matplotlib.typing import MarkerType

from diary.domain.entities import EventKind
from diary.domain.looks import Shape
from diary.domain.trends import DayStatus

# Okabe & Ito, "Color Universal Design" (2008).
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#7F7F7F"
LIGHT_GREY = "#D9D9D9"

FIGURE_WIDTH = 7.5  # inches: an A4 page's text width with ordinary margins

TITLE_SIZE = 10.0
LABEL_SIZE = 9.0
TICK_SIZE = 8.0
NOTE_SIZE = 8.0


@dataclass(frozen=True)
class SeriesStyle:
    color: str
    linestyle: LineStyleType  # a name, or (offset, on-off dash sequence)
    marker: MarkerType  # a name ("" for none), or a path


# Series in the order they are assigned (medications, symptoms): colour, line style and marker
# all change together, so two series never differ by colour alone.
SERIES: tuple[SeriesStyle, ...] = (
    SeriesStyle(BLUE, "-", "o"),
    SeriesStyle(VERMILLION, "--", "s"),
    SeriesStyle(BLUISH_GREEN, "-.", "^"),
    SeriesStyle(REDDISH_PURPLE, ":", "D"),
    SeriesStyle(ORANGE, (0, (5, 1, 1, 1, 1, 1)), "v"),
    SeriesStyle(SKY_BLUE, (0, (1, 1)), "P"),
    SeriesStyle(BLACK, (0, (3, 1, 1, 1)), "X"),
)


def series_style(index: int) -> SeriesStyle:
    return SERIES[index % len(SERIES)]


def _capsule() -> Path:
    """A capsule lying down, as the window draws one (diary/ui/widgets/pill.py): a rectangle
    with round ends, about half as high as it is long."""
    radius, reach, steps = 0.56, 1.0, 8
    points: list[tuple[float, float]] = []
    for end, start in ((reach - radius, -math.pi / 2), (-(reach - radius), math.pi / 2)):
        points += [(end + radius * math.cos(start + math.pi * n / steps),
                    radius * math.sin(start + math.pi * n / steps)) for n in range(steps + 1)]
    return Path([*points, points[0]], closed=True)


# A medication's shape (diary.domain.looks) as the marker of its series, so that medications
# differ in grey and in print as well as by their colour; the hexagon lies flat, as in the
# window's pill.
SHAPE_MARKERS: dict[Shape, MarkerType] = {
    Shape.ROUND: "o",
    Shape.SQUARE: "s",
    Shape.TRIANGLE: "^",
    Shape.DIAMOND: "D",
    Shape.CAPSULE: _capsule(),
    Shape.HEXAGON: "H",
}


def shape_marker(shape: Shape) -> MarkerType:
    return SHAPE_MARKERS[shape]


PLAN_STYLE = SeriesStyle(BLACK, "--", "")
MAX_STYLE = SeriesStyle(VERMILLION, ":", "")
THRESHOLD_STYLE = SeriesStyle(VERMILLION, "--", "")


@dataclass(frozen=True)
class StatusStyle:
    label: str
    color: str
    hatch: str


# Colour and hatch for each day status; a legend names them all.
STATUS_STYLES: dict[DayStatus, StatusStyle] = {
    DayStatus.TAKEN: StatusStyle("All taken on time", BLUISH_GREEN, ""),
    DayStatus.LATE: StatusStyle("Some early or late", YELLOW, "////"),
    DayStatus.SKIPPED: StatusStyle("Skipped, none missed", SKY_BLUE, "...."),
    DayStatus.MISSED: StatusStyle("A dose missed", VERMILLION, "xxxx"),
    DayStatus.PENDING: StatusStyle("Not yet due", LIGHT_GREY, "----"),
    DayStatus.NONE: StatusStyle("Nothing scheduled", "#F2F2F2", ""),
}


@dataclass(frozen=True)
class EventStyle:
    color: str
    marker: str


# Events are named by EVENT_KIND_LABELS (diary.domain.entities) in legends. Their markers are
# none of SHAPE_MARKERS', so an event never looks like a medication of the same colour.
EVENT_STYLES: dict[EventKind, EventStyle] = {
    EventKind.APPOINTMENT: EventStyle(BLUE, "*"),
    EventKind.DOSE_CHANGE: EventStyle(ORANGE, "v"),
    EventKind.FALL: EventStyle(VERMILLION, "X"),
    EventKind.ILLNESS: EventStyle(REDDISH_PURPLE, "p"),
    EventKind.OTHER: EventStyle(GREY, "d"),
}
