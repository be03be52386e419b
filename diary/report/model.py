"""What a report is made of, before anything is drawn: the paper, the sections asked for, the
page frame, and `Report`, every figure gathered from the diary (`report.build_report`).

Plain data with no matplotlib, so that callers can name papers and sections cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from enum import StrEnum

from diary.domain.baseline import Comparison
from diary.domain.baseline import Period
from diary.domain.entities import DiaryInfo
from diary.domain.trends import DayStatus
from diary.domain.trends import TrendData
from diary.report.facts import Facts

MM = 1 / 25.4  # inches


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


# Inches: A4 is 210 x 297 mm (595 x 842 points), US Letter 8.5 x 11 in (612 x 792 points).
PAPER_SIZES: dict[Paper, tuple[float, float]] = {
    Paper.A4: (210 * MM, 297 * MM),
    Paper.LETTER: (8.5, 11.0),
}
PAPER_NAMES: dict[Paper, str] = {Paper.A4: "A4", Paper.LETTER: "US Letter"}


@dataclass(frozen=True)
class Sections:
    """The parts of a report besides the first page (the summary, always there)."""

    dose_symptoms: bool = True
    dose_effect: bool = True
    adherence_calendar: bool = True
    before_after: bool = True
    appendix: bool = True


ALL_SECTIONS = Sections()
SUMMARY_ONLY = Sections(False, False, False, False, False)


@dataclass(frozen=True)
class Frame:
    """A page's geometry in inches: the text area runs from `top` to `bottom` (from the top
    edge), between the side margins; the footer sits below `bottom`."""

    width: float
    height: float
    margin: float = 0.6
    top: float = 0.6
    footer: float = 0.95  # from the bottom edge to the top of the footer

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def bottom(self) -> float:
        return self.height - self.footer

    @property
    def right(self) -> float:
        return self.width - self.margin


def frame_for(paper: Paper) -> Frame:
    width, height = PAPER_SIZES[paper]
    return Frame(width, height)


@dataclass(frozen=True)
class LogDay:
    """One row of the daily log: the day's status, each medication's total and number of doses
    taken (by id, thousandths), each symptom's mean rating (by id), and its events and notes."""

    day: date
    status: DayStatus
    doses: dict[int, tuple[int, int]]
    means: dict[int, float]
    notes: list[str]


@dataclass(frozen=True)
class Report:
    """Everything a report shows, read from the diary at `made_at`; rendering reads nothing
    else. `comparison` holds the periods the before-and-after chart and page 1 compare."""

    info: DiaryInfo
    start: date
    end: date
    made_at: datetime
    paper: Paper
    sections: Sections
    trends: TrendData
    comparison: Comparison
    facts: Facts
    log: list[LogDay]
    program: str = "Medication Diary"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def baseline(self) -> Period:
        return self.comparison.baseline

    @property
    def recent(self) -> Period:
        return self.comparison.recent

    @property
    def person(self) -> str:
        return self.info.name.strip() or "(no name in the diary's settings)"
