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
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import SCALE_ANCHORS
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Symptom
from diary.domain.units import Unit

FloatArray = npt.NDArray[np.float64]

# Room above and below a rating scale, as a share of it, so markers at 0 and at the top of the
# scale are drawn whole rather than cut in half by the frame.
RATING_PAD = 0.06


def reset(figure: Figure) -> None:
    """Empty `figure` for a new drawing; the layout keeps titles and legends inside it."""
    # Figure.clear empties each axes before dropping it, which takes as long as making a new
    # one; axes removed first are just let go.
    for ax in list(figure.axes):
        figure.delaxes(ax)
    figure.clear()
    figure.set_layout_engine(ChartLayout())


def show_message(figure: Figure, text: str) -> None:
    figure.text(0.5, 0.5, text, ha="center", va="center", fontsize=TITLE_SIZE, wrap=True)


def title(figure: Figure, text: str) -> None:
    figure.suptitle(text, fontsize=TITLE_SIZE + 1, fontweight="bold")


def style(ax: Axes) -> None:
    ax.tick_params(labelsize=TICK_SIZE)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(True, axis="y", color="#E5E5E5", linewidth=0.6)
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
    """Dates along x from the start of `start` to the end of `end`, labelled concisely (on every
    panel sharing the x axis of `ax`)."""
    low, high = (float(v) for v in day_x([start, end + timedelta(days=1)]))
    # matplotlib.dates has no type annotations yet.
    automatic = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
    # The range is fixed, so are the ticks: found once here rather than by the locator of each
    # panel at every draw (with dateutil's rrule, a good part of the drawing time).
    ticks = automatic.tick_values(*mdates.num2date([low, high]))  # type: ignore[no-untyped-call]
    locator = FixedLocator(ticks)
    ax.xaxis.set_major_locator(locator)
    # No offset text ("2026-Nov") in the corner: the title already names the range.
    concise = mdates.ConciseDateFormatter(locator, show_offset=False)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(concise)
    ax.set_xlim(low, high)


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


def symptom_axis(ax: Axes, symptom: Symptom) -> None:
    """A symptom's panel: its whole scale on y, its name and the scale's anchors as the title."""
    rating_axis(ax, symptom.scale_max)
    panel_title(ax, scale_label(symptom))


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


def mark_events(axes: Sequence[Axes], events: Sequence[Event], day_starts_at: time) -> None:
    """A thin vertical line per event on every axes, one collection per kind, and the kind's
    marker on the top edge of the first axes, whose left title moves up to clear the markers."""
    top = axes[0]
    if events:
        panel_title(top, top.get_title(loc="left"), pad=9)
    on_top_edge = blended_transform_factory(top.transData, top.transAxes)
    for kind in event_kinds(events):
        look = EVENT_STYLES[kind]
        xs = np.array([diary_x(e.at, day_starts_at) for e in events if e.kind == kind])
        # From the bottom to the top of each panel: what Axes.vlines draws, without the data
        # limits it works out (the limits are set) at a few times the cost of the lines.
        spans = [((x, 0.0), (x, 1.0)) for x in xs.tolist()]
        for ax in axes:
            ax.add_collection(LineCollection(spans, transform=ax.get_xaxis_transform(),
                                             colors=look.color, linestyles=(0, (2, 2)),
                                             linewidths=0.8, alpha=0.8, zorder=1),
                              autolim=False)
        top.plot(xs, np.ones_like(xs), linestyle="none", marker=look.marker, markersize=5,
                 color=look.color, markeredgecolor="white", clip_on=False, zorder=5,
                 transform=on_top_edge)


def event_handles(events: Sequence[Event]) -> list[Line2D]:
    return [
        Line2D([], [], color=EVENT_STYLES[kind].color, marker=EVENT_STYLES[kind].marker,
               linestyle=(0, (2, 2)), linewidth=0.9, markersize=5, label=EVENT_KIND_LABELS[kind])
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
