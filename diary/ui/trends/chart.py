"""The chart of the Trends view: one matplotlib Figure on one canvas for the view's life, made
only when the chart is first shown, and saving it as PNG or SVG.

matplotlib takes a noticeable moment to import and the Trends view is built with the other tabs
when the window opens, so nothing here imports it (or diary.charts) before `ensure_canvas`.
Every drawing clears the same figure (the builders do) and asks the canvas to repaint when Qt is
next idle.

The chart is drawn in the window's colours, light or dark (its palette's Window, WindowText and
Mid, handed to the builders as a diary.charts.theme.Theme), and drawn again when the palette
changes. Its panels keep a legible height (diary.charts.layout.LEGIBLE_PANEL): the canvas is
given the height that takes, and the area scrolls rather than squeezing them; the wheel scrolls
the chart, and the view around it once the chart is at its end. An exported image
is drawn on paper's colours, whatever the window's, for a letter or a slide.
"""

from __future__ import annotations

import contextlib
import math
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontInfo
from PySide6.QtGui import QPalette
from PySide6.QtGui import QResizeEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QWidget

from diary.charts.registry import Chart
from diary.charts.registry import chart_height
from diary.charts.registry import draw_chart
from diary.charts.theme import PAPER
from diary.charts.theme import Theme
from diary.domain.trends import TrendData

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

EXPORT_FILTERS = "PNG image (*.png);;SVG image (*.svg)"
EXPORT_FORMATS = {".png": "png", ".svg": "svg"}
EXPORT_DPI = 150  # a PNG sharper than the screen, for a letter or a slide
MIN_DPI = 72.0
# Below this share of the height a chart has on paper, its panels are too squeezed to read.
MIN_HEIGHT_SHARE = 0.75


def palette_theme(palette: QPalette) -> Theme:
    """The chart colours of a window's palette: its background, its text and the grey between."""
    role = QPalette.ColorRole
    return Theme(face=palette.color(role.Window).name(), text=palette.color(role.WindowText).name(),
                 mid=palette.color(role.Mid).name())


def figure_words(figure: Figure) -> str:
    """What the figure shows, in words: its title, or the message it holds instead of a chart."""
    title = figure.get_suptitle()
    if title:
        return title
    return " ".join(text.get_text() for text in figure.texts)


def export_target(chosen: Path) -> tuple[Path, str]:
    """The file to write and its format: the format follows the name's suffix (.png or .svg);
    any other name gets ".png" added."""
    fmt = EXPORT_FORMATS.get(chosen.suffix.lower())
    if fmt is None:
        return chosen.with_name(chosen.name + ".png"), "png"
    return chosen, fmt


def save_figure(figure: Figure, path: Path, fmt: str) -> None:
    """Write `figure` to `path` as `fmt`, private (0600) and whole: it is written beside the
    target under a temporary name and renamed over it only once complete; on any failure the
    temporary file is removed and `path` is as it was."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            figure.savefig(out, format=fmt, dpi=EXPORT_DPI)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


class ChartArea(QScrollArea):
    """Where the chart goes: empty until `ensure_canvas`, which imports matplotlib.

    Chart text follows the window's font: the figure's dots per inch are chosen so that the
    builders' label size comes out as tall as the window's text, and the chart keeps a height
    at which every panel is legible, scrolling rather than squeezing them. Its colours follow
    the window's palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Chart")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page keys scroll a tall chart
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.figure: Figure | None = None
        self.canvas: FigureCanvasQTAgg | None = None
        self.dpi = 0.0  # the figure's dots per inch, in logical pixels
        self.draws = 0  # how many times a chart was drawn
        self.theme: Theme | None = None  # the colours the chart shown was drawn in
        self._shown: tuple[Chart, TrendData, int | None] | None = None  # what it shows
        self._fitted_width = -1  # the canvas width the least height was worked out for
        self._refit = QTimer(self)  # after a resize, once the figure has the canvas' new size
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit)

    def window_theme(self) -> Theme:
        return palette_theme(self.palette())

    def ensure_canvas(self) -> None:
        """Make the figure and its canvas, once."""
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from diary.charts.palette import LABEL_SIZE

        self.dpi = max(MIN_DPI, QFontInfo(self.font()).pixelSize() * 72 / LABEL_SIZE)
        self.figure = Figure(dpi=self.dpi)
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setAccessibleName("Chart")
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.installEventFilter(self)
        self.setWidget(self.canvas)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # matplotlib's canvas takes wheel events for its own use, which these charts have none
        # of: the wheel scrolls a chart taller than the view instead, and once the chart is at
        # its end (or has nothing to scroll), the view around it.
        if watched is self.canvas and isinstance(event, QWheelEvent):
            self.wheelEvent(event)
            if not event.isAccepted():
                self._pass_wheel(event)
            return True
        if (watched is self.canvas and isinstance(event, QResizeEvent)
                and event.size().width() != self._fitted_width):
            self._refit.start()  # the text may wrap otherwise: the least height may change
        return super().eventFilter(watched, event)

    def _pass_wheel(self, event: QWheelEvent) -> None:
        """Hand a wheel turn the chart has no use for to the scroll area around it, if any."""
        outer = self.parentWidget()
        while outer is not None and not isinstance(outer, QAbstractScrollArea):
            outer = outer.parentWidget()
        if outer is not None:
            QApplication.sendEvent(outer.viewport(), event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._follow_palette()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._follow_palette()  # the palette may have changed while another tab was shown

    def draw(self, chart: Chart, data: TrendData, medication_id: int | None = None) -> None:
        self.ensure_canvas()
        assert self.figure is not None and self.canvas is not None
        self.theme = self.window_theme()
        self._shown = (chart, data, medication_id)
        draw_chart(chart, self.figure, data, medication_ids=_chosen(medication_id),
                   theme=self.theme)
        self.draws += 1
        self._fit()
        self.canvas.setAccessibleDescription(figure_words(self.figure))
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]

    def save(self, path: Path, fmt: str) -> None:
        """Write the chart shown to `path` as `fmt`, drawn in paper's colours at the size it
        has on screen."""
        assert self.figure is not None and self._shown is not None
        from matplotlib.figure import Figure

        chart, data, medication_id = self._shown
        paper = Figure(figsize=tuple(self.figure.get_size_inches()), dpi=self.dpi)
        draw_chart(chart, paper, data, medication_ids=_chosen(medication_id), theme=PAPER)
        save_figure(paper, path, fmt)

    def _follow_palette(self) -> None:
        """Draw the chart shown again if the window's colours are no longer those it has."""
        if self._shown is not None and self.isVisible() and self.window_theme() != self.theme:
            self.draw(*self._shown)

    def _fit(self) -> None:
        """Give the canvas the least height at which the chart's panels are legible (and never
        less than a share of its height on paper): the area scrolls past it."""
        if self.figure is None or self.canvas is None or self._shown is None:
            return
        from diary.charts.layout import ChartLayout

        chart, data, _ = self._shown
        least = chart_height(chart, data) * MIN_HEIGHT_SHARE
        engine = self.figure.get_layout_engine()
        if isinstance(engine, ChartLayout):
            least = max(least, engine.least_height(self.figure))
        self._fitted_width = self.canvas.width()
        self.canvas.setMinimumHeight(math.ceil(least * self.dpi))


def _chosen(medication_id: int | None) -> tuple[int, ...] | None:
    return None if medication_id is None else (medication_id,)
