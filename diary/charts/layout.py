"""The charts' layout: room around the panels for their text, from the sizes of that text.

matplotlib's constrained layout measures the drawn extent of every axis, tick label and title,
twice per draw, which took more time than drawing the chart. These charts are simple: one grid
of panels, a title over the figure, titles over the panels, tick labels and axis labels on the
left and at the bottom, and one legend under everything. ChartLayout works out the margins in
inches from the text each of those holds (measured by diary.charts.measure, no renderer), turns
them into figure fractions for the figure's current size on every draw, so a resized canvas
stays right, and wraps a title or label that is wider than the room it has.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from dataclasses import replace

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import LayoutEngine
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from diary.charts.measure import POINTS
from diary.charts.measure import height_of
from diary.charts.measure import text_height
from diary.charts.measure import width_of
from diary.charts.measure import wrapped
from diary.charts.panel_room import Room
from diary.charts.panel_room import Ticks
from diary.charts.panel_room import measure_ticks
from diary.charts.panel_room import panel_room
from diary.charts.panel_room import place_axis_labels
from diary.charts.panel_room import titles

Rect = tuple[float, float, float, float]  # left, bottom, width, height as figure fractions

PAD = 3 / POINTS  # inches around the panels, and on each side of the space between two
SPACE = 0.02  # of the figure's width (height) spread between the columns (rows) of panels
MIN_PANEL = 0.1  # inches: however small the figure, panels keep some size
# Inches: the least height of a panel on screen (where the figure's inches follow the window's
# text size): its scale's three tick labels well apart, with room for the series between them,
# some six lines of its text; 91 pixels at 96 dots per inch.
LEGIBLE_PANEL = 0.95


@dataclass(frozen=True)
class Budget:
    """How the height of the figure was shared out at the last layout, in inches: what its text
    and edges take whatever the panels' size (`fixed`), the text between two rows of panels
    (`between`), the rows, and the share of the panels' height the shortest row gets."""

    fixed: float
    between: float
    rows: int
    shortest: float


class ChartLayout(LayoutEngine):
    """Lays out the one grid of panels of a chart figure within `rect` (figure fractions): the
    figure's title on top, then the panels with room for their text, then the legends.
    `hinted`: the figure is drawn in pixels (on screen, PNG), where text comes out wider than
    in print (PDF, SVG)."""

    _adjust_compatible = True
    _colorbar_gridspec = True

    def __init__(self, *, rect: Rect = (0.0, 0.0, 1.0, 1.0), hinted: bool = True) -> None:
        super().__init__()
        self._params: dict[str, Rect | bool] = {"rect": rect, "hinted": hinted}
        self._dpi: float | None = None  # text is hinted to (measure.width_of); None: print
        self._originals: dict[Text, str] = {}  # texts as given, before any wrapping
        self._legend_rows: dict[Legend, int] = {}
        self.budget: Budget | None = None  # from the last layout with panels

    def set(self, *, rect: Rect | None = None, hinted: bool | None = None) -> None:
        if rect is not None:
            self._params["rect"] = rect
        if hinted is not None:
            self._params["hinted"] = hinted

    def note_legend(self, legend: Legend, rows: int) -> None:
        """Tell the layout how many rows of entries `legend` has: matplotlib does not say."""
        self._legend_rows[legend] = rows

    def execute(self, fig: Figure) -> None:
        for text, original in self._originals.items():
            text.set_text(original)
        width, height = (float(v) for v in fig.get_size_inches())
        rect, hinted = self._params["rect"], self._params["hinted"]
        assert isinstance(rect, tuple) and isinstance(hinted, bool)
        left, bottom, across, up = rect
        self._dpi = fig.dpi if hinted else None
        box = Bbox.from_bounds(left * width, bottom * height, across * width, up * height)
        title = next((t for t in fig.texts if fig.get_suptitle() and
                      t.get_text() == fig.get_suptitle()), None)
        top = box.y1 - PAD
        if title is not None:
            self._wrap(title, box.width - 2 * PAD)
            title.set_position(((box.x0 + box.x1) / 2 / width, top / height))
            title.set_verticalalignment("top")
            top -= text_height(title) + 2 * PAD
        floor = box.y0
        for legend in fig.legends:
            legend.set_bbox_to_anchor(box, transform=fig.dpi_scale_trans)
            self._wrap(legend.get_title(), box.width - 2 * PAD)
            floor += self._legend_height(legend) + PAD
        panels = [ax for ax in fig.axes if ax.get_subplotspec() is not None]
        self.budget = None
        if panels:
            room = self._place(fig, panels, Bbox.from_extents(box.x0 + PAD, floor + PAD,
                                                               box.x1 - PAD, top))
            spec = panels[0].get_subplotspec()
            assert spec is not None
            given = spec.get_gridspec().get_height_ratios()
            ratios = np.ones(len(room.top)) if given is None else np.asarray(given, dtype=float)
            between = max((b + t for b, t in zip(room.bottom[:-1], room.top[1:], strict=True)),
                          default=0.0)
            self.budget = Budget(fixed=box.height - (top - floor - PAD) + room.top[0]
                                 + room.bottom[-1], between=between, rows=len(room.top),
                                 shortest=float(ratios.min() / ratios.sum()))

    def least_height(self, fig: Figure, panel: float = LEGIBLE_PANEL) -> float:
        """The least height in inches at which the shortest panel of `fig` is `panel` inches
        tall, at the figure's width; 0 for a figure without panels. The figure is laid out at
        its size to measure its text."""
        self.execute(fig)
        budget = self.budget
        if budget is None:
            return 0.0
        up = self._params["rect"]
        assert isinstance(up, tuple)
        panels = panel / budget.shortest
        height = float(fig.get_size_inches()[1])
        # The space between rows grows a little with the figure's height: a few rounds settle it.
        for _ in range(4):
            gap = 2 * max(PAD, SPACE * height / budget.rows)
            height = (budget.fixed + (budget.rows - 1) * (gap + budget.between) + panels) / up[3]
        return height

    def _place(self, fig: Figure, panels: list[Axes], area: Bbox) -> GridRoom:
        spec = panels[0].get_subplotspec()
        assert spec is not None
        grid = spec.get_gridspec()
        rows, columns = grid.get_geometry()
        width, height = (float(v) for v in fig.get_size_inches())
        gap_x = 2 * max(PAD, SPACE * width / columns)
        gap_y = 2 * max(PAD, SPACE * height / rows)
        shown = [ax for ax in panels if ax.get_visible()]
        ticks = _aligned({ax: measure_ticks(ax, self._dpi) for ax in shown})
        panel_width = (area.width - (columns - 1) * gap_x) / columns
        # Twice: the room the text takes sets the panels' size, and the panels' size says
        # which text must be wrapped, which changes the room it takes.
        for attempt in range(2):
            rooms = {ax: panel_room(ax, ticks[ax], panel_width, fig.dpi) for ax in shown}
            room = _grid_room(rooms, rows, columns)
            inner_x = gap_x + max((r + lft for r, lft in zip(room.right[:-1], room.left[1:],
                                                             strict=True)), default=0.0)
            inner_y = gap_y + max((b + t for b, t in zip(room.bottom[:-1], room.top[1:],
                                                         strict=True)), default=0.0)
            x0 = area.x0 + room.left[0]
            x1 = max(x0 + MIN_PANEL * columns, area.x1 - room.right[-1])
            y0 = area.y0 + room.bottom[-1]
            y1 = max(y0 + MIN_PANEL * rows, area.y1 - room.top[0])
            panel_width = max(MIN_PANEL, (x1 - x0 - (columns - 1) * inner_x) / columns)
            panel_height = max(MIN_PANEL, (y1 - y0 - (rows - 1) * inner_y) / rows)
            if attempt == 0:
                for ax in shown:
                    self._wrap_panel(ax, _span(ax, area, x0, panel_width, inner_x, columns),
                                     panel_height)
        fig.subplots_adjust(left=x0 / width, right=x1 / width, bottom=y0 / height,
                            top=y1 / height, wspace=inner_x / panel_width,
                            hspace=inner_y / panel_height)
        for ax in shown:
            place_axis_labels(fig, ax, ticks[ax])
        return room

    def _wrap_panel(self, ax: Axes, span: Span, height: float) -> None:
        """Wrap the panel's titles and x label to the width they have, its y label to its
        height."""
        for title in titles(ax):
            if title.get_horizontalalignment() == "left":
                self._wrap(title, span.reach - span.left)
            else:
                self._wrap(title, span.centred)
        self._wrap(ax.xaxis.label, span.centred)
        self._wrap(ax.yaxis.label, height)

    def _wrap(self, text: Text, width: float) -> None:
        """Break `text` into lines no wider than `width` inches where it is wider."""
        original = self._originals.get(text, text.get_text())
        lines = wrapped(original, width, text.get_fontproperties(), self._dpi)
        if lines != original:
            self._originals[text] = original
            text.set_text(lines)

    def _legend_height(self, legend: Legend) -> float:
        """How much of the figure's bottom `legend` takes, from its edge, in inches."""
        texts = legend.get_texts()
        size = legend.prop.get_size_in_points()
        em = size / POINTS
        rows = self._legend_rows.get(legend, len(texts))
        entries = rows * max(height_of(1, size), legend.handleheight * em)
        spacing = legend.labelspacing * em
        height = (legend.borderaxespad + 2 * legend.borderpad) * em + entries
        height += max(0, rows - 1) * spacing
        heading = legend.get_title()
        if heading.get_visible() and heading.get_text():
            height += text_height(heading) + spacing
        return height


@dataclass
class Span:
    """Across the figure, in inches: where a panel is (left, right), how far text centred on it
    may reach either side (start, end), and where text starting at its left edge must stop
    (reach: the next panel's left edge, or the figure's)."""

    start: float
    left: float
    right: float
    end: float
    reach: float

    @property
    def centred(self) -> float:
        middle = (self.left + self.right) / 2
        return 2 * min(middle - self.start, self.end - middle)


def _span(ax: Axes, area: Bbox, x0: float, width: float, gap: float, columns: int) -> Span:
    spec = ax.get_subplotspec()
    assert spec is not None
    first, stop = spec.colspan.start, spec.colspan.stop
    left = x0 + first * (width + gap)
    right = x0 + stop * width + (stop - 1) * gap
    inner = stop < columns
    return Span(start=left - gap / 2 if first > 0 else area.x0, left=left, right=right,
                end=right + gap / 2 if inner else area.x1,
                reach=right + gap - PAD if inner else area.x1)


@dataclass
class GridRoom:
    """The room the text of each column (left, right) and row (top, bottom) takes: the most any
    of its panels needs."""

    left: list[float]
    right: list[float]
    top: list[float]
    bottom: list[float]


def _grid_room(rooms: dict[Axes, Room], rows: int, columns: int) -> GridRoom:
    grid = GridRoom([0.0] * columns, [0.0] * columns, [0.0] * rows, [0.0] * rows)
    for ax, room in rooms.items():
        spec = ax.get_subplotspec()
        assert spec is not None
        grid.left[spec.colspan.start] = max(grid.left[spec.colspan.start], room.left)
        grid.right[spec.colspan.stop - 1] = max(grid.right[spec.colspan.stop - 1], room.right)
        grid.top[spec.rowspan.start] = max(grid.top[spec.rowspan.start], room.top)
        grid.bottom[spec.rowspan.stop - 1] = max(grid.bottom[spec.rowspan.stop - 1],
                                                 room.bottom)
    return grid


def _aligned(ticks: dict[Axes, Ticks]) -> dict[Axes, Ticks]:
    """The ticks of each panel as if its y tick labels were as wide as the widest of its
    column's: the y labels of a column of panels ("mg/day" beside "4,000", "score 0–10" beside
    "10") then line up."""
    widest: dict[int, float] = {}
    for ax, measured in ticks.items():
        spec = ax.get_subplotspec()
        assert spec is not None
        column = spec.colspan.start
        widest[column] = max(widest.get(column, 0.0), measured.left)
    aligned = {}
    for ax, measured in ticks.items():
        spec = ax.get_subplotspec()
        assert spec is not None
        aligned[ax] = replace(measured, left=widest[spec.colspan.start])
    return aligned


def legend_rows(entries: int, columns: int) -> int:
    """The rows a legend of `entries` in `columns` takes (matplotlib fills it column by
    column, splitting the entries as evenly as it can)."""
    return math.ceil(entries / max(1, columns))


def legend_width(legend: Legend, columns: int, dpi: float | None) -> float:
    """How wide the entries of `legend` would be in `columns`, in inches, drawn at `dpi`
    (None: printed); its title is wrapped to the room there is."""
    em = legend.prop.get_size_in_points() / POINTS
    widths = [width_of(t.get_text(), t.get_fontproperties(), dpi)
              for t in legend.get_texts()]
    handle = (legend.handlelength + legend.handletextpad) * em
    taken = [handle + max(chunk) for chunk in _split(widths, columns) if chunk]
    across = sum(taken) + (len(taken) - 1) * legend.columnspacing * em
    return across + 2 * legend.borderpad * em


def _split(values: list[float], parts: int) -> list[list[float]]:
    """`values` cut into `parts` runs in order, the first ones one longer where they cannot all
    be the same length (as numpy.array_split, which the legend uses)."""
    size, extra = divmod(len(values), parts)
    runs, start = [], 0
    for index in range(parts):
        stop = start + size + (1 if index < extra else 0)
        runs.append(values[start:stop])
        start = stop
    return runs

