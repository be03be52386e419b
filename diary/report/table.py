"""The appendix: the daily log as a table, one row per diary day, oldest first, with the header
repeated on every page: the day, how its scheduled doses went, each medication's total and
number of doses, each symptom's mean rating, and the day's events and notes cut to one line.

The table is set in DejaVu Sans Mono, one line of text per row: every character is as wide as
the next, so columns line up by counting characters, and a page of 70 rows is 70 pieces of text
for the PDF rather than 700 (a log of ten years prints in seconds).

The type never shrinks below a size that prints legibly: when a diary has more medications and
symptoms than one page's width holds, the columns are split into parts, each repeating the day,
and the parts of the same days follow each other (days 1-70 part 1, days 1-70 part 2, ...).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import time

from diary.domain.daytime import local_day
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import DailyTotal
from diary.domain.entities import Event
from diary.domain.entities import Medication
from diary.domain.entities import Symptom
from diary.domain.stats import days_between
from diary.domain.trends import DayStatus
from diary.domain.trends import TrendData
from diary.domain.units import format_number
from diary.report.facts import Note
from diary.report.layout import MONO_ADVANCE
from diary.report.layout import POINTS
from diary.report.layout import Box
from diary.report.layout import Item
from diary.report.layout import Rule
from diary.report.layout import Text
from diary.report.layout import line_height
from diary.report.layout import wrap
from diary.report.model import Frame
from diary.report.model import LogDay
from diary.report.model import Report
from diary.report.wording import range_words

LOG_SIZE = 6.5  # points: the smallest type a printed A4 or Letter log stays readable at
ROW_SPACING = 1.42
TITLE_SIZE = 11.0
CAPTION_SIZE = 7.0
GAP = 2  # characters between columns
NOTES_MIN = 28  # characters the notes column keeps, when the others leave room
STRIPE = "#F1F1F1"

STATUS_WORDS: dict[DayStatus, str] = {
    DayStatus.TAKEN: "on time",
    DayStatus.LATE: "late",
    DayStatus.MISSED: "missed",
    DayStatus.SKIPPED: "skipped",
    DayStatus.PENDING: "not due",
    DayStatus.NONE: "",
}
CAPTION = ("One row per diary day. Scheduled doses: all on time, some early or late, at least one "
           "missed, or skipped on purpose. Medications: the total taken that day (the number of "
           "doses); ! marks a day over the maximum. Symptoms: the mean of the day's ratings. "
           "Events and notes are cut to one line; page 1 and the diary have them whole.")

PARTS_CAPTION = ("The columns do not fit across one page: they are split in parts, each starting "
                 "with the day, and the parts of the same days follow each other.")


# --- the rows -----------------------------------------------------------------------------------
def log_days(data: TrendData, totals: Iterable[DailyTotal], events: Iterable[Event],
             notes: Iterable[Note], day_starts_at: time) -> list[LogDay]:
    """Every day of the range, oldest first."""
    doses: dict[date, dict[int, tuple[int, int]]] = defaultdict(dict)
    for total in totals:
        doses[total.day][total.medication_id] = (total.total, total.doses)
    texts: dict[date, list[str]] = defaultdict(list)
    for event in events:
        texts[local_day(event.at, day_starts_at)].append(
            f"{EVENT_KIND_LABELS[event.kind]}: {event.text}")
    for note in sorted(notes, key=lambda n: n.at):
        texts[local_day(note.at, day_starts_at)].append(f"{note.brief}: {note.text}")
    means: dict[date, dict[int, float]] = defaultdict(dict)
    for symptom_id, daily in data.ratings.items():
        for day, rating in daily.items():
            means[day][symptom_id] = rating.mean
    return [
        LogDay(day, data.day_status.get(day, DayStatus.NONE), doses.get(day, {}),
               means.get(day, {}), [" ".join(t.split()) for t in texts.get(day, [])])
        for day in days_between(data.start, data.end)
    ]


# --- the columns --------------------------------------------------------------------------------
@dataclass(frozen=True)
class LogColumn:
    title: tuple[str, str]  # two header lines
    width: int  # characters
    right: bool


@dataclass(frozen=True)
class LogLayout:
    """One part of the log's columns: the day, then some of the others."""

    columns: list[LogColumn]
    medications: list[Medication]
    symptoms: list[Symptom]
    size: float
    scheduled: bool = True  # the scheduled-doses column is in this part
    notes: bool = True  # the events-and-notes column is in this part
    part: int = 1
    parts: int = 1

    @property
    def row_height(self) -> float:
        return self.size * ROW_SPACING / POINTS


def _two_lines(name: str, width: int) -> tuple[str, str]:
    """A column title in at most two lines of `width` characters; what does not fit ends in
    '…', so a cut name never reads as another word."""
    lines = _wrap_chars(name, width)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    first = _cut(lines[0], width)
    return (first, _cut(lines[1], width) if len(lines) > 1 else "")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _wrap_chars(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def layout_for(report: Report, frame: Frame) -> list[LogLayout]:
    """The parts of the log's columns, each as wide as the page at LOG_SIZE: one part when
    everything fits."""
    data = report.trends
    meds = [m for m in data.medications
            if any(m.id in row.doses for row in report.log)
            or data.expected.get(m.id or 0)]
    symptoms = [s for s in data.symptoms if data.ratings.get(s.id or 0)]
    day = LogColumn(("Day", ""), 15, False)
    wanted: list[tuple[LogColumn, object]] = [(LogColumn(("Scheduled", "doses"), 9, False), None)]
    for med in meds:
        values = [_dose_cell(row, med) for row in report.log]
        unit = f"{med.unit.value} (doses)"
        width = max(min(len(med.name), 12), len(unit), *(len(v) for v in values))
        wanted.append((LogColumn((_cut(med.name, width), unit), width, True), med))
    for symptom in symptoms:
        width = max(4, min(max(len(w) for w in symptom.name.split()), 10))
        wanted.append((LogColumn(_two_lines(symptom.name, width), width, True), symptom))
    available = int(frame.content_width * POINTS / (MONO_ADVANCE * LOG_SIZE))
    groups: list[list[tuple[LogColumn, object]]] = [[]]
    for column in wanted:
        used = _width([day, *(c for c, _ in groups[-1])])
        if groups[-1] and used + GAP + column[0].width > available:
            groups.append([])
        groups[-1].append(column)
    if _width([day, *(c for c, _ in groups[-1])]) + GAP + NOTES_MIN > available:
        groups.append([])
    layouts = []
    for index, group in enumerate(groups):
        columns = [day, *(c for c, _ in group)]
        last = index == len(groups) - 1
        if last:
            columns.append(LogColumn(("Events and notes", ""),
                                     available - _width(columns) - GAP, False))
        layouts.append(LogLayout(
            columns, [m for _, m in group if isinstance(m, Medication)],
            [s for _, s in group if isinstance(s, Symptom)], LOG_SIZE,
            scheduled=any(m is None for _, m in group), notes=last, part=index + 1,
            parts=len(groups)))
    return layouts


def _width(columns: Sequence[LogColumn]) -> int:
    return sum(c.width for c in columns) + GAP * (len(columns) - 1)


def _dose_cell(row: LogDay, med: Medication) -> str:
    taken = row.doses.get(med.id or 0)
    if taken is None:
        return ""
    total, count = taken
    over = med.max_daily is not None and total > med.max_daily
    return f"{format_number(total)} ({count}){'!' if over else ' '}"


def row_cells(row: LogDay, layout: LogLayout) -> list[str]:
    cells = [f"{row.day:%a} {row.day.day:2d} {row.day:%b %Y}"]
    if layout.scheduled:
        cells.append(STATUS_WORDS[row.status])
    cells += [_dose_cell(row, med) for med in layout.medications]
    cells += [f"{row.means[s.id or 0]:.1f}" if (s.id or 0) in row.means else ""
              for s in layout.symptoms]
    if layout.notes:
        cells.append("; ".join(row.notes))
    return cells


def line_of(cells: Sequence[str], columns: Sequence[LogColumn]) -> str:
    """Cells padded to their columns; a cell too wide for its column is cut with '…'."""
    parts = []
    for cell, column in zip(cells, columns, strict=True):
        text = cell if len(cell) <= column.width else cell[:column.width - 1] + "…"
        parts.append(text.rjust(column.width) if column.right else text.ljust(column.width))
    return (" " * GAP).join(parts).rstrip()


# --- the pages ----------------------------------------------------------------------------------
def _head(report: Report, frame: Frame, layout: LogLayout) -> tuple[list[Item], float]:
    """The title, the caption and the column titles of every page of the log, and the height
    they take."""
    x = frame.margin
    y = frame.top + line_height(TITLE_SIZE) * 0.8
    title = f"Daily log, {range_words(report.start, report.end)}"
    if layout.parts > 1:
        title += f" (columns, part {layout.part} of {layout.parts})"
    items: list[Item] = [Text(x, y, title, TITLE_SIZE, bold=True)]
    y += line_height(TITLE_SIZE) * 0.35
    caption = CAPTION if layout.parts == 1 else f"{CAPTION} {PARTS_CAPTION}"
    for line in wrap(caption, frame.content_width, CAPTION_SIZE):
        y += line_height(CAPTION_SIZE)
        items.append(Text(x, y, line, CAPTION_SIZE, color="#444444"))
    y += 0.08
    top = y
    for index in range(2):
        y += layout.row_height
        titles = [c.title[index] for c in layout.columns]
        items.append(Text(x, y - layout.row_height * 0.25, line_of(titles, layout.columns),
                          layout.size, bold=True, family="mono"))
    y += layout.row_height * 0.15
    items.insert(0, Box(x, top, frame.content_width, y - top, "#E4E4E4"))
    return items, y - frame.top


def _rows_fitting(frame: Frame, layout: LogLayout, head_height: float) -> int:
    return max(1, int((frame.bottom - frame.top - head_height) // layout.row_height))


def rows_per_page(report: Report, frame: Frame) -> int:
    """How many days a page of the log holds (every part holds the same days)."""
    layouts = layout_for(report, frame)
    return _per_page(frame, layouts, [_head(report, frame, layout) for layout in layouts])


def _per_page(frame: Frame, layouts: Sequence[LogLayout],
              heads: Sequence[tuple[list[Item], float]]) -> int:
    return min(_rows_fitting(frame, layout, height)
               for layout, (_, height) in zip(layouts, heads, strict=True))


def log_pages(report: Report, frame: Frame) -> list[list[Item]]:
    """The pages of the log, each with its own copy of the title and column titles; with the
    columns in several parts, each part of the same days in turn."""
    layouts = layout_for(report, frame)
    heads = [_head(report, frame, layout) for layout in layouts]
    per_page = _per_page(frame, layouts, heads)
    return [_page(report.log[first:first + per_page], frame, layout, head)
            for first in range(0, len(report.log), per_page)
            for layout, head in zip(layouts, heads, strict=True)]


def _page(days: Sequence[LogDay], frame: Frame, layout: LogLayout,
          head: tuple[list[Item], float]) -> list[Item]:
    items = list(head[0])
    x, width = frame.margin, frame.content_width
    step = layout.row_height
    y = frame.top + head[1]
    for n, row in enumerate(days):
        if n % 2:
            items.append(Box(x, y, width, step, STRIPE))
        if row.day.weekday() == 0 and n:  # a line above each Monday: weeks read at a glance
            items.append(Rule(x, x + width, y, 0.5, "#888888"))
        items.append(Text(x, y + step * 0.74, line_of(row_cells(row, layout), layout.columns),
                          layout.size, family="mono"))
        y += step
    return items

