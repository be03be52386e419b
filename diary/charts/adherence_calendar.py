"""The scheduled doses day by day, as a calendar: one row per month, one column per day of the
month, each day a cell coloured and hatched by how its doses went (`DayStatus`), so it reads in
black and white too. A fortnight fills part of one or two rows; ten years are 120 thin rows in
which runs of missed days still stand out.

Each status is one patch, a compound path of all its cells, whatever the number of days: hatching
one compound path is some 25 times faster than hatching each polygon of a PolyCollection.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path

from diary.charts.axes import figure_legend, range_text, reset, show_message, title
from diary.charts.palette import FIGURE_WIDTH, LABEL_SIZE, STATUS_STYLES, TICK_SIZE
from diary.domain.trends import DayStatus, TrendData

FIGSIZE = (FIGURE_WIDTH, 4.5)
EMPTY_MESSAGE = "Nothing was scheduled in this range"
HATCH_COLOR = "#333333"
GAP = 0.08  # the white space around a cell, as a share of a cell, while cells are big enough
MANY_ROWS = 24  # more months than this: label years only, and no gaps between the thin rows

# Always in the legend, present or not, so a reader learns every mark; "not yet due" appears only
# when the range reaches days still under way.
LEGEND_ORDER = (DayStatus.TAKEN, DayStatus.LATE, DayStatus.SKIPPED, DayStatus.MISSED,
                DayStatus.PENDING, DayStatus.NONE)


def month_index(day: date, first: date) -> int:
    """The row of `day`: months since the month of `first`."""
    return (day.year - first.year) * 12 + day.month - first.month


def figure_size(data: TrendData) -> tuple[float, float]:
    """A figure height that gives the months of `data` rows of a readable height."""
    rows = month_index(data.end, data.start) + 1
    return FIGURE_WIDTH, min(5.0, 1.7 + 0.26 * rows)


def draw_adherence_calendar(figure: Figure, data: TrendData) -> None:
    """Clear `figure` and draw one cell per day of the range, by status, with a legend naming
    every status and how many days had it."""
    reset(figure)
    if all(status is DayStatus.NONE for status in data.day_status.values()):
        show_message(figure, EMPTY_MESSAGE)
        return
    ax = figure.add_subplot()
    rows = month_index(data.end, data.start) + 1
    gap = GAP if rows <= MANY_ROWS else 0.0
    cells: dict[DayStatus, list[Path]] = {s: [] for s in DayStatus}
    for day, status in data.day_status.items():
        x, y = day.day - 1, month_index(day, data.start)
        cells[status].append(Path([(x + gap, y + gap), (x + 1 - gap, y + gap),
                                   (x + 1 - gap, y + 1 - gap), (x + gap, y + 1 - gap),
                                   (x + gap, y + gap)], closed=True))
    for status, paths in cells.items():
        if paths:
            look = STATUS_STYLES[status]
            # The edge colour gives the hatch its colour; no edge line is drawn.
            ax.add_patch(PathPatch(Path.make_compound_path(*paths), facecolor=look.color,
                                   edgecolor=HATCH_COLOR, linewidth=0, hatch=look.hatch or None,
                                   label=look.label))
    _month_axis(ax, data, rows)
    title(figure, f"Scheduled doses day by day, {range_text(data.start, data.end)}")
    counts = Counter(data.day_status.values())
    figure_legend(figure, _legend(counts), columns=3)


def _month_axis(ax: Axes, data: TrendData, rows: int) -> None:
    ax.set_xlim(0, 31)
    ax.set_ylim(rows, 0)  # the first month at the top, as on a calendar page
    ax.set_xticks([d - 0.5 for d in (1, 5, 10, 15, 20, 25, 31)],
                  labels=["1", "5", "10", "15", "20", "25", "31"])
    ax.set_xlabel("Day of the month", fontsize=LABEL_SIZE)
    months = [_month_start(data.start, n) for n in range(rows)]
    if rows <= MANY_ROWS:
        ticks = list(range(rows))
        labels = [f"{m:%b %Y}" for m in months]
    else:
        # Each January carries its year; the first month too, unless a January is too close.
        ticks = [n for n, m in enumerate(months)
                 if m.month == 1 or (n == 0 and m.month <= 12 - 3)]
        labels = [f"{months[n]:%b %Y}" if n == 0 else f"{months[n]:%Y}" for n in ticks]
    ax.set_yticks([t + 0.5 for t in ticks], labels=labels)
    ax.tick_params(labelsize=TICK_SIZE, length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if rows <= MANY_ROWS // 2:
        ax.set_aspect("equal")


def _month_start(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _legend(counts: Counter[DayStatus]) -> list[Patch]:
    shown = [s for s in LEGEND_ORDER if s is not DayStatus.PENDING or counts[s]]
    return [
        Patch(facecolor=STATUS_STYLES[s].color, edgecolor=HATCH_COLOR, linewidth=0.6,
              hatch=STATUS_STYLES[s].hatch or None,
              label=f"{STATUS_STYLES[s].label}: {counts[s]} day{'s' if counts[s] != 1 else ''}")
        for s in shown
    ]
