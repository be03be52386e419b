"""The scheduled doses day by day, as a calendar: one row per month, one column per day of the
month, each day a cell coloured and hatched by how its doses went (`DayStatus`), so it reads in
black and white too. A fortnight fills part of one or two rows. Past two years a day's cell would
be a millimetre high on A4, so the calendar turns to one row per year and one cell per week (the
year's days 1-7, 8-14, ...), marked by the worst of its days: a missed dose still shows.

Days that are not in the range, or not in the month (30 February), are left blank; days in the
range with nothing scheduled are drawn, with an outline, so the two never look alike.

Each status is one patch, a compound path of all its cells, whatever the number of days: hatching
one compound path is some 25 times faster than hatching each polygon of a PolyCollection.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.patches import PathPatch
from matplotlib.path import Path

from diary.charts.axes import figure_legend
from diary.charts.axes import finish
from diary.charts.axes import range_text
from diary.charts.axes import reset
from diary.charts.axes import show_message
from diary.charts.axes import title
from diary.charts.palette import FIGURE_WIDTH
from diary.charts.palette import LABEL_SIZE
from diary.charts.palette import STATUS_STYLES
from diary.charts.palette import TICK_SIZE
from diary.charts.theme import PAPER
from diary.charts.theme import Theme
from diary.domain.trends import DayStatus
from diary.domain.trends import TrendData

FIGSIZE = (FIGURE_WIDTH, 4.5)
EMPTY_MESSAGE = "Nothing was scheduled in this range"
HATCH_COLOR = "#333333"
GAP = 0.08  # the white space around a cell, as a share of a cell, while cells are big enough
MANY_ROWS = 24  # more months than this: one row per year, one cell per week
WEEKS = 53  # the year's days in sevens: the 53rd holds the 365th day (and the 366th)
NONE_EDGE = "#9A9A9A"  # the outline of a day with nothing scheduled
# The status a week shows: the first that any of its days had (the day's own precedence, in
# diary.domain.trends: one missed dose marks the day, and so the week).
WORST_FIRST = (DayStatus.MISSED, DayStatus.PENDING, DayStatus.SKIPPED, DayStatus.LATE,
               DayStatus.TAKEN, DayStatus.NONE)

# Always in the legend, present or not, so a reader learns every mark; "not yet due" appears only
# when the range reaches days still under way.
LEGEND_ORDER = (DayStatus.TAKEN, DayStatus.LATE, DayStatus.SKIPPED, DayStatus.MISSED,
                DayStatus.PENDING, DayStatus.NONE)


def month_index(day: date, first: date) -> int:
    """The row of `day`: months since the month of `first`."""
    return (day.year - first.year) * 12 + day.month - first.month


def by_week(start: date, end: date) -> bool:
    """Whether the calendar of this range has a cell per week rather than per day."""
    return month_index(end, start) + 1 > MANY_ROWS


def calendar_rows(start: date, end: date) -> int:
    """The rows of the calendar: months, or years when it goes by week."""
    return end.year - start.year + 1 if by_week(start, end) else month_index(end, start) + 1


def week_cell(day: date) -> tuple[int, int]:
    """The (column, year) of `day` in the weekly calendar."""
    return min((day.timetuple().tm_yday - 1) // 7, WEEKS - 1), day.year


def week_statuses(day_status: dict[date, DayStatus]) -> dict[tuple[int, int], DayStatus]:
    """Every week cell holding a day of the range, with the worst status of its days."""
    found: dict[tuple[int, int], set[DayStatus]] = {}
    for day, status in day_status.items():
        found.setdefault(week_cell(day), set()).add(status)
    return {cell: next(s for s in WORST_FIRST if s in statuses)
            for cell, statuses in found.items()}


def figure_size(data: TrendData) -> tuple[float, float]:
    """A figure height that gives the rows of `data` a readable height."""
    return FIGURE_WIDTH, min(5.0, 1.7 + 0.26 * calendar_rows(data.start, data.end))


def draw_adherence_calendar(figure: Figure, data: TrendData, *, theme: Theme = PAPER) -> None:
    """Clear `figure` and draw one cell per day of the range, by status, with a legend naming
    every status and how many days had it, in the colours of `theme`."""
    reset(figure, theme)
    if all(status is DayStatus.NONE for status in data.day_status.values()):
        show_message(figure, EMPTY_MESSAGE, theme)
        return
    ax = figure.add_subplot()
    weekly = by_week(data.start, data.end)
    rows = calendar_rows(data.start, data.end)
    if weekly:
        placed = [(x, year - data.start.year, status)
                  for (x, year), status in week_statuses(data.day_status).items()]
    else:
        placed = [(day.day - 1, month_index(day, data.start), status)
                  for day, status in data.day_status.items()]
    cells: dict[DayStatus, list[Path]] = {s: [] for s in DayStatus}
    for x, y, status in placed:
        cells[status].append(_cell(x, y, GAP))
    for status, paths in cells.items():
        if paths:
            look = STATUS_STYLES[status]
            # The edge colour gives the hatch its colour; only "nothing scheduled" is outlined.
            outlined = status is DayStatus.NONE
            ax.add_patch(PathPatch(Path.make_compound_path(*paths),
                                   facecolor=status_color(status, theme),
                                   edgecolor=NONE_EDGE if outlined else HATCH_COLOR,
                                   linewidth=0.4 if outlined else 0, hatch=look.hatch or None,
                                   label=look.label))
    if weekly:
        _year_axis(ax, data, rows)
        title(figure, f"Scheduled doses week by week (each cell a week, marked by its worst "
                      f"day), {range_text(data.start, data.end)}")
    else:
        _month_axis(ax, data, rows)
        title(figure, f"Scheduled doses day by day, {range_text(data.start, data.end)}")
    counts = Counter(data.day_status.values())
    figure_legend(figure, _legend(counts, theme), columns=3)
    finish(figure, theme)


def status_color(status: DayStatus, theme: Theme = PAPER) -> str:
    """A day status' fill: its colour, but a day with nothing scheduled barely stands out from
    the background, light or dark."""
    return theme.faint if status is DayStatus.NONE else STATUS_STYLES[status].color


def _cell(x: float, y: float, gap: float) -> Path:
    return Path([(x + gap, y + gap), (x + 1 - gap, y + gap), (x + 1 - gap, y + 1 - gap),
                 (x + gap, y + 1 - gap), (x + gap, y + gap)], closed=True)


def _month_axis(ax: Axes, data: TrendData, rows: int) -> None:
    ax.set_xlim(0, 31)
    ax.set_ylim(rows, 0)  # the first month at the top, as on a calendar page
    ax.set_xticks([d - 0.5 for d in (1, 5, 10, 15, 20, 25, 31)],
                  labels=["1", "5", "10", "15", "20", "25", "31"])
    ax.set_xlabel("Day of the month", fontsize=LABEL_SIZE)
    months = [_month_start(data.start, n) for n in range(rows)]
    ax.set_yticks([n + 0.5 for n in range(rows)], labels=[f"{m:%b %Y}" for m in months])
    _plain(ax)
    if rows <= MANY_ROWS // 2:
        ax.set_aspect("equal")


def _year_axis(ax: Axes, data: TrendData, rows: int) -> None:
    ax.set_xlim(0, WEEKS)
    ax.set_ylim(rows, 0)
    # Each month's label where its first day falls among the weeks.
    starts = [date(2001, month, 1).timetuple().tm_yday - 1 for month in range(1, 13)]
    ax.set_xticks([d / 7 for d in starts], labels=[f"{date(2001, m, 1):%b}" for m in
                                                   range(1, 13)], ha="left")
    ax.set_xlabel("Week of the year", fontsize=LABEL_SIZE)
    ax.set_yticks([n + 0.5 for n in range(rows)],
                  labels=[str(data.start.year + n) for n in range(rows)])
    _plain(ax)


def _plain(ax: Axes) -> None:
    ax.tick_params(labelsize=TICK_SIZE, length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)


def _month_start(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _legend(counts: Counter[DayStatus], theme: Theme) -> list[Patch]:
    shown = [s for s in LEGEND_ORDER if s is not DayStatus.PENDING or counts[s]]
    return [
        Patch(facecolor=status_color(s, theme),
              edgecolor=NONE_EDGE if s is DayStatus.NONE else HATCH_COLOR, linewidth=0.6,
              hatch=STATUS_STYLES[s].hatch or None,
              label=f"{STATUS_STYLES[s].label}: {counts[s]} day{'s' if counts[s] != 1 else ''}")
        for s in shown
    ]
