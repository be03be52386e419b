"""Colours, line styles, markers and type sizes shared by every chart.

Colours are the Okabe-Ito palette, distinguishable with the common colour-vision deficiencies;
every series also differs by line style or marker, and every day status by hatch, so a chart
still reads printed in black and white. Sizes are for an A4 page: a figure 7.5 inches wide with
text at 8-10 pt.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.typing import LineStyleType

from diary.domain.entities import EventKind
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
    marker: str


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


# Events are named by EVENT_KIND_LABELS (diary.domain.entities) in legends.
EVENT_STYLES: dict[EventKind, EventStyle] = {
    EventKind.APPOINTMENT: EventStyle(BLUE, "o"),
    EventKind.DOSE_CHANGE: EventStyle(ORANGE, "D"),
    EventKind.FALL: EventStyle(VERMILLION, "X"),
    EventKind.ILLNESS: EventStyle(REDDISH_PURPLE, "s"),
    EventKind.OTHER: EventStyle(GREY, "^"),
}
