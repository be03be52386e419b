"""The room a panel's text takes around its frame, in inches: tick labels and marks, axis
labels and titles, from the sizes of that text (diary.charts.measure) rather than drawn extents.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.axis import Tick
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation

from diary.charts.measure import POINTS
from diary.charts.measure import height_of
from diary.charts.measure import text_height
from diary.charts.measure import width_of

DESCENT = 0.24  # how far DejaVu Sans reaches below the baseline, per point of size


@dataclass
class Room:
    """Inches each side of a panel that its text takes."""

    left: float = 0.0
    right: float = 0.0
    top: float = 0.0
    bottom: float = 0.0


@dataclass(frozen=True)
class Ticks:
    """What a panel's ticks take out of its frame: `left` and `bottom` (inches, marks and
    labels), and for each x tick label its place along the axis (0 to 1) and half its width,
    as a label centred on a tick near an end of the axis sticks out past that end."""

    left: float
    bottom: float
    ends: tuple[tuple[float, float], ...]

    def overhang(self, width: float) -> tuple[float, float]:
        """How far x tick labels stick out left and right of a panel `width` inches wide."""
        left = max((half - share * width for share, half in self.ends), default=0.0)
        right = max((half - (1 - share) * width for share, half in self.ends), default=0.0)
        return max(0.0, left), max(0.0, right)


def measure_ticks(ax: Axes, dpi: float | None) -> Ticks:
    """The room the tick labels and marks of `ax` take, drawn at `dpi` (None: printed)."""
    ytick = ax.yaxis.majorTicks[0]
    xtick = ax.xaxis.majorTicks[0]
    # Tick marks outside the frame take room even without labels.
    left, bottom = _mark_length(ytick), _mark_length(xtick)
    ends: tuple[tuple[float, float], ...] = ()
    if ytick.label1.get_visible():
        labels = [label for _, label in _tick_labels(ax.yaxis)]
        if labels:
            props = ytick.label1.get_fontproperties()
            left = max(width_of(label, props, dpi) for label in labels) + _tick_offset(ytick)
    if xtick.label1.get_visible():
        placed = _tick_labels(ax.xaxis)
        if placed:
            props = xtick.label1.get_fontproperties()
            lines = max(label.count("\n") + 1 for _, label in placed)
            bottom = height_of(lines, props.get_size_in_points()) + _tick_offset(xtick)
            ends = tuple((share, width_of(label, props, dpi) / 2) for share, label in placed)
    return Ticks(left, bottom, ends)


def panel_room(ax: Axes, ticks: Ticks, width: float, dpi: float) -> Room:
    """The room the text of `ax` takes each side when it is `width` inches wide."""
    overhang_left, overhang_right = ticks.overhang(width)
    room = Room(left=max(ticks.left, overhang_left), right=overhang_right, bottom=ticks.bottom)
    ylabel = ax.yaxis.label
    if ylabel.get_visible() and ylabel.get_text():
        room.left = max(overhang_left, ticks.left + _label_gap(ax.yaxis) + text_height(ylabel))
    xlabel = ax.xaxis.label
    if xlabel.get_visible() and xlabel.get_text():
        room.bottom += _label_gap(ax.xaxis) + text_height(xlabel)
    for title in titles(ax):
        size = title.get_fontproperties().get_size_in_points()
        room.top = max(room.top, title_offset(ax, title, dpi) + text_height(title)
                       - DESCENT * size / POINTS)
    return room


def place_axis_labels(fig: Figure, ax: Axes, ticks: Ticks) -> None:
    """Put the axis labels of `ax` beyond its tick labels, at a distance in inches: matplotlib
    would otherwise measure every tick label of the axis again on each draw to place them."""
    below = ScaledTranslation(0, -(ticks.bottom + _label_gap(ax.xaxis)), fig.dpi_scale_trans)
    ax.xaxis.set_label_coords(0.5, 0, transform=ax.transAxes + below)
    aside = ScaledTranslation(-(ticks.left + _label_gap(ax.yaxis)), 0, fig.dpi_scale_trans)
    ax.yaxis.set_label_coords(0, 0.5, transform=ax.transAxes + aside)


def titles(ax: Axes) -> list[Text]:
    """The axes' titles (left, centre, right) that have text: the Text children of the axes
    that are not among its texts."""
    return [child for child in ax.get_children()
            if isinstance(child, Text) and child.get_text() and child.get_visible()
            and child not in ax.texts]


def title_offset(ax: Axes, title: Text, dpi: float) -> float:
    """How far above the axes the title's baseline is, in inches."""
    x, y = title.get_position()
    above = title.get_transform().transform((x, y))[1] - ax.transAxes.transform((0, 1))[1]
    return max(0.0, float(above) / dpi)


def _label_gap(axis: Axis) -> float:
    return float(axis.labelpad) / POINTS


def _tick_labels(axis: Axis) -> list[tuple[float, str]]:
    """The labels the axis will draw, each with its place along the axis (0 to 1)."""
    low, high = sorted(axis.get_view_interval())
    if not high > low:
        return []
    slack = 1e-9 * (high - low)
    shown = [float(v) for v in axis.get_majorticklocs() if low - slack <= v <= high + slack]
    labels = axis.get_major_formatter().format_ticks(shown)
    return [((v - low) / (high - low), label) for v, label in zip(shown, labels, strict=True)
            if label]


def _mark_length(tick: Tick) -> float:
    """How far a tick mark reaches out of the frame, in inches."""
    return tick.get_tick_padding() / POINTS if tick.tick1line.get_visible() else 0.0


def _tick_offset(tick: Tick) -> float:
    """How far from the frame a tick's label starts: the mark's length outside it and the
    pad, in inches."""
    # matplotlib's stub says get_pad returns None; it returns the pad in points.
    pad: float = tick.get_pad()  # type: ignore[func-returns-value, assignment]
    return (pad + tick.get_tick_padding()) / POINTS
