"""Pieces every chart shares: a clean figure, day numbers on the time axis, titles and scale
labels in plain words, the empty-range message and event markers."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import matplotlib.dates as mdates
import numpy as np
import numpy.typing as npt
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import StepPatch
from matplotlib.ticker import FixedLocator
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import blended_transform_factory
from matplotlib.typing import LineStyleType

from diary.charts.layout import PAD
from diary.charts.layout import ChartLayout
from diary.charts.layout import legend_rows
from diary.charts.layout import legend_width
from diary.charts.palette import EVENT_STYLES
from diary.charts.palette import LABEL_SIZE
from diary.charts.palette import NOTE_SIZE
from diary.charts.palette import TICK_SIZE
from diary.charts.palette import TITLE_SIZE
from diary.charts.panel_room import titles
from diary.charts.theme import PAPER
from diary.charts.theme import Theme
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import SCALE_ANCHORS
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Symptom
from diary.domain.units import SCALE
from diary.domain.units import Unit
from diary.domain.units import format_amount

FloatArray = npt.NDArray[np.float64]

# Room above and below a rating scale, as a share of it, so markers at 0 and at the top of the
# scale are drawn whole rather than cut in half by the frame.
RATING_PAD = 0.06
EVENT_MARKER_SIZE = 8.0


def reset(figure: Figure, theme: Theme = PAPER) -> None:
    """Empty `figure` for a new drawing on the theme's background; the layout keeps titles and
    legends inside it."""
    # Figure.clear empties each axes before dropping it, which takes as long as making a new
    # one; axes removed first are just let go.
    for ax in list(figure.axes):
        figure.delaxes(ax)
    figure.clear()
    figure.set_layout_engine(ChartLayout())
    figure.set_facecolor(theme.face)


def show_message(figure: Figure, text: str, theme: Theme = PAPER) -> None:
    figure.text(0.5, 0.5, text, ha="center", va="center", fontsize=TITLE_SIZE, wrap=True,
                color=theme.text)


def finish(figure: Figure, theme: Theme = PAPER) -> None:
    """Give the figure's frame the theme's colours: the background of the figure and its panels,
    the titles, labels, tick marks and frames in the text colour, the grid in the grid's. The
    series, and any note drawn in a series' colour, keep their own."""
    figure.set_facecolor(theme.face)
    for text in figure.texts:
        text.set_color(theme.text)
    for ax in figure.axes:
        ax.set_facecolor(theme.face)
        ax.tick_params(colors=theme.text, grid_color=theme.grid)  # the major ticks: no minor
        for spine in ax.spines.values():
            spine.set_edgecolor(theme.text)
        for text in (ax.xaxis.label, ax.yaxis.label, *titles(ax)):
            text.set_color(theme.text)
    for legend in figure.legends:
        for text in (*legend.get_texts(), legend.get_title()):
            text.set_color(theme.text)


def title(figure: Figure, text: str) -> None:
    figure.suptitle(text, fontsize=TITLE_SIZE + 1, fontweight="bold")


def style(ax: Axes) -> None:
    ax.tick_params(labelsize=TICK_SIZE)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(True, axis="y", color=PAPER.grid, linewidth=0.6)  # finish() gives the theme's
    ax.set_axisbelow(True)


def panel_title(ax: Axes, text: str, pad: float = 3) -> None:
    # With y given, matplotlib leaves the title where it is put, instead of measuring the axes
    # at every draw to lift it clear of tick labels on top, which these charts never have.
    ax.set_title(text, loc="left", fontsize=LABEL_SIZE, pad=pad, y=1.0)


def day_x(days: Sequence[date]) -> FloatArray:
    """Matplotlib date numbers of the start (midnight) of each day."""
    if not days:
        return np.zeros(0)
    return np.asarray(mdates.date2num(list(days)), dtype=np.float64)  # type: ignore[no-untyped-call]


def days_of(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def week_spans(weeks: Sequence[date], start: date, end: date) -> list[tuple[date, date]]:
    """Each week (by its Monday) cut to the range: (first day, day after the last)."""
    stop = end + timedelta(days=1)
    return [(max(w, start), min(w + timedelta(days=7), stop)) for w in weeks]


def step_outline(ax: Axes, values: FloatArray, edges: FloatArray, *, color: str, linewidth: float,
                 label: str, linestyle: LineStyleType = "-", zorder: float = 1) -> StepPatch:
    """The outline of steps, as `Axes.stairs(..., baseline=None)` draws it, without the data
    limits stairs works out from every vertex (a third of the building time of a ten-year
    chart): the charts set their limits themselves."""
    # No baseline: an open outline (documented; the type stub only allows numbers).
    patch = StepPatch(values, edges, baseline=None,  # type: ignore[arg-type]
                      fill=False, edgecolor=color, linewidth=linewidth, linestyle=linestyle,
                      label=label, zorder=zorder)
    ax.add_artist(patch)
    return patch


def time_axis(ax: Axes, start: date, end: date) -> None:
    """Dates along x from the start of `start` to the end of `end` ("1 Sep", "15 Sep"; months
    and years on longer ranges), on every panel sharing the x axis of `ax`."""
    low, high = (float(v) for v in day_x([start, end + timedelta(days=1)]))
    # matplotlib.dates has no type annotations yet.
    automatic = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
    # The range is fixed, so are the ticks and their labels: found once here rather than by the
    # locator and formatter of each panel at every draw (with dateutil's rrule, a good part of
    # the drawing time).
    ends = mdates.num2date([low, high])  # type: ignore[no-untyped-call]
    ticks = [float(v) for v in automatic.tick_values(*ends)]  # type: ignore[no-untyped-call]
    dates = mdates.num2date(ticks)  # type: ignore[no-untyped-call]
    labels = dict(zip(ticks, date_labels(dates), strict=True))
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: labels.get(value, "")))
    ax.set_xlim(low, high)


def date_labels(ticks: Sequence[datetime]) -> list[str]:
    """The labels of ticks along a time axis, as a person writes dates: "1 Sep", "15 Sep" when
    they fall on days, "Sep 2026", "Oct" on the firsts of months, "2026" on new years, "06:00"
    within a day; a year is added where it changes, and to the first tick of months."""
    if not ticks:
        return []
    midnight = all(t.hour == t.minute == 0 for t in ticks)
    months = midnight and all(t.day == 1 for t in ticks)
    years = months and all(t.month == 1 for t in ticks)
    labels = []
    for index, tick in enumerate(ticks):
        new_year = index > 0 and tick.year != ticks[index - 1].year
        if years:
            labels.append(str(tick.year))
        elif months:
            labels.append(f"{tick:%b} {tick.year}" if index == 0 or new_year else f"{tick:%b}")
        elif tick.hour == tick.minute == 0:
            day = f"{tick.day} {tick:%b}"
            labels.append(f"{day} {tick.year}" if new_year else day)
        else:
            labels.append(f"{tick:%H:%M}")
    return labels


def rating_axis(ax: Axes, scale_max: int) -> None:
    """The symptom's whole scale on y, 0 to its maximum, whatever the scores drawn."""
    pad = scale_max * RATING_PAD
    ax.set_ylim(-pad, scale_max + pad)
    ax.set_yticks([0, scale_max / 2, scale_max] if scale_max % 2 == 0 else [0, scale_max])


def scale_anchors(symptom: Symptom) -> str:
    """'0 = none, 10 = worst imaginable'."""
    low, high = SCALE_ANCHORS.get(symptom.scale_max, ("0 = none", f"{symptom.scale_max} = worst"))
    return f"{low}, {high}"


def scale_label(symptom: Symptom) -> str:
    """'Spasticity (0 = none, 10 = worst imaginable)'."""
    return f"{symptom.name} ({scale_anchors(symptom)})"


def score_label(scale_max: int) -> str:
    """The rating axis: "score 0–10"."""
    return f"score 0\u2013{scale_max}"


def symptom_axis(ax: Axes, symptom: Symptom) -> None:
    """A symptom's panel: its whole scale on y, labelled "score 0–10", its name and the scale's
    anchors as the title."""
    rating_axis(ax, symptom.scale_max)
    ax.set_ylabel(score_label(symptom.scale_max), fontsize=NOTE_SIZE)
    panel_title(ax, scale_label(symptom))


def grouped(value: float) -> str:
    """A number with thousands separators and no more decimals than it has (up to 2):
    "2,500", "12.5", "0"."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def amount_text(thousandths: int, unit: Unit) -> str:
    """An amount as the window writes it, with thousands separators: '4,000 mg', '2 tablets'."""
    name = format_amount(thousandths, unit).split(" ", 1)[1]  # the unit, singular or plural
    return f"{grouped(thousandths / SCALE)} {name}"


def per_day_label(unit: Unit) -> str:
    """The dose axis: "mg/day", "tablets/day"."""
    return f"{unit_words(unit)}/day"


def amount_axis(ax: Axes, unit: Unit) -> None:
    """Daily amounts on y, labelled with their unit, their numbers grouped by thousands."""
    ax.set_ylabel(per_day_label(unit), fontsize=NOTE_SIZE)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: grouped(value)))


def unit_words(unit: Unit) -> str:
    """A unit as counted in a daily amount: 'mg', 'tablets'."""
    counted = (Unit.TABLET, Unit.CAPSULE, Unit.DROP, Unit.PUFF)
    return f"{unit.value}s" if unit in counted else unit.value


def range_text(start: date, end: date) -> str:
    return f"{start.day} {start:%b %Y} to {end.day} {end:%b %Y}"


def event_kinds(events: Iterable[Event]) -> list[EventKind]:
    present = {e.kind for e in events}
    return [kind for kind in EventKind if kind in present]


def diary_x(at: datetime, day_starts_at: time) -> float:
    """Where an instant falls on a time axis of diary days: its wall-clock time in its own
    offset, moved back by the day start, so a 01:30 event sits in the evening before."""
    wall = at.replace(tzinfo=None) - timedelta(hours=day_starts_at.hour,
                                               minutes=day_starts_at.minute)
    return float(mdates.date2num(wall))  # type: ignore[no-untyped-call]


def mark_events(axes: Sequence[Axes], events: Sequence[Event], day_starts_at: time,
                theme: Theme = PAPER) -> None:
    """A thin vertical line per event on every axes, one collection per kind, and the kind's
    marker on the top edge of the first axes, whose left title moves up to clear the markers."""
    top = axes[0]
    if events:
        panel_title(top, top.get_title(loc="left"), pad=9)
    on_top_edge = blended_transform_factory(top.transData, top.transAxes)
    for kind in event_kinds(events):
        look = EVENT_STYLES[kind]
        color = theme.ink(look.color)
        xs = np.array([diary_x(e.at, day_starts_at) for e in events if e.kind == kind])
        # From the bottom to the top of each panel: what Axes.vlines draws, without the data
        # limits it works out (the limits are set) at a few times the cost of the lines.
        spans = [((x, 0.0), (x, 1.0)) for x in xs.tolist()]
        for ax in axes:
            ax.add_collection(LineCollection(spans, transform=ax.get_xaxis_transform(),
                                             colors=color, linestyles=(0, (2, 2)),
                                             linewidths=0.8, alpha=0.8, zorder=1),
                              autolim=False)
        top.plot(xs, np.ones_like(xs), linestyle="none", marker=look.marker,
                 markersize=EVENT_MARKER_SIZE, color=color, markeredgecolor=theme.face,
                 markeredgewidth=0.6, clip_on=False, zorder=5, transform=on_top_edge)


def event_handles(events: Sequence[Event], theme: Theme = PAPER) -> list[Line2D]:
    return [
        Line2D([], [], color=theme.ink(EVENT_STYLES[kind].color),
               marker=EVENT_STYLES[kind].marker, linestyle=(0, (2, 2)), linewidth=0.9,
               markersize=EVENT_MARKER_SIZE, label=EVENT_KIND_LABELS[kind])
        for kind in event_kinds(events)
    ]


def figure_legend(figure: Figure, handles: Sequence[Artist], columns: int = 4,
                  remark: str | None = None) -> None:
    """One legend for the whole figure, under the charts, with an optional line of small print
    above its entries; in fewer columns than asked where the figure is too narrow for them."""
    if not handles:
        return
    room = float(figure.get_size_inches()[0]) - 2 * PAD
    while True:
        legend = figure.legend(handles=list(handles), loc="outside lower center", ncols=columns,
                               fontsize=NOTE_SIZE, frameon=False, handlelength=2.6,
                               title=remark, title_fontsize=NOTE_SIZE)
        if columns == 1 or legend_width(legend, columns, figure.dpi) <= room:
            break
        legend.remove()
        columns -= 1
    engine = figure.get_layout_engine()
    if isinstance(engine, ChartLayout):
        engine.note_legend(legend, legend_rows(len(handles), columns))
