"""The chart of the Trends view legible on the demo diary: panels as tall as their text needs at
the window's default size (the area scrolls rather than squeezing them), and the window's light
or dark colours, followed when they change; an exported image stays on paper's colours."""

from __future__ import annotations

import math
from pathlib import Path

from matplotlib.colors import to_hex
from PySide6.QtGui import QColor
from PySide6.QtGui import QImage
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from diary.charts.layout import LEGIBLE_PANEL
from diary.charts.layout import ChartLayout
from diary.charts.panel_room import titles
from diary.charts.registry import chart_height
from diary.ui.shell.session import DiarySession
from diary.ui.trends.chart import MIN_HEIGHT_SHARE
from diary.ui.trends.chart import palette_theme
from diary.ui.trends.view import TrendsView
from tests.helpers.qt import click
from tests.ui.trends.support import shown_view

LEGIBLE_PIXELS = 90  # a panel at the default font (96 dots per inch for the chart)
# What the Trends tab has of a 1280 x 720 window: its width, the height below the menus and tabs.
TAB = (1260, 560)


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for which, colour in ((role.Window, "#2b2b2b"), (role.WindowText, "#e6e6e6"),
                          (role.Mid, "#5a5a5a"), (role.Base, "#1e1e1e"), (role.Text, "#e6e6e6"),
                          (role.Button, "#3a3a3a"), (role.ButtonText, "#e6e6e6")):
        palette.setColor(which, QColor(colour))
    return palette


def demo_view(qtbot, session: DiarySession) -> TrendsView:  # type: ignore[no-untyped-def]
    view = shown_view(qtbot, session)
    view.resize(*TAB)
    canvas = view.chart.canvas
    assert canvas is not None
    qtbot.waitUntil(lambda: canvas.height() >= canvas.minimumHeight() > 0, timeout=5000)
    return view


def panel_heights(view: TrendsView) -> list[float]:
    """Each panel's height in the window's pixels, as drawn now."""
    canvas, figure = view.chart.canvas, view.chart.figure
    assert canvas is not None and figure is not None
    canvas.draw()  # type: ignore[no-untyped-call]
    ratio = canvas.devicePixelRatioF()
    return [ax.get_window_extent().height / ratio for ax in figure.axes]


def test_every_panel_is_legible_at_the_default_size_and_the_chart_scrolls(
        qtbot, demo: DiarySession) -> None:
    view = demo_view(qtbot, demo)
    heights = panel_heights(view)
    assert len(heights) == 6  # two medications, four symptoms
    assert min(heights) >= LEGIBLE_PANEL * view.chart.dpi - 1
    assert view.chart.dpi < 96 or min(heights) >= LEGIBLE_PIXELS
    # Six panels that tall do not fit the tab: the chart scrolls rather than squeezing them.
    assert view.chart.verticalScrollBar().maximum() > 0
    # The least height, not more: the shortest panel is just legible.
    assert min(heights) < (LEGIBLE_PANEL + 0.05) * view.chart.dpi


def test_every_chart_keeps_its_panels_legible(qtbot, demo: DiarySession) -> None:
    view = demo_view(qtbot, demo)
    for index in range(view.chart_combo.count()):
        view.chart_combo.setCurrentIndex(index)
        canvas = view.chart.canvas
        qtbot.waitUntil(lambda c=canvas: c.height() >= c.minimumHeight(), timeout=5000)
        figure = view.chart.figure
        assert figure is not None
        heights = [h for h, ax in zip(panel_heights(view), figure.axes, strict=True)
                   if ax.get_visible() and ax.get_aspect() == "auto"]
        assert all(h >= LEGIBLE_PIXELS for h in heights), (view.current_chart, heights)


def test_a_narrower_window_gives_the_chart_the_least_height_for_its_width(
        qtbot, demo: DiarySession) -> None:
    view = demo_view(qtbot, demo)
    canvas, figure = view.chart.canvas, view.chart.figure
    assert canvas is not None and figure is not None and view.data is not None
    wide = canvas.minimumHeight()
    view.resize(420, TAB[1])  # the title no longer fits on one line

    def fitted() -> bool:
        engine = figure.get_layout_engine()
        assert isinstance(engine, ChartLayout) and view.data is not None
        least = max(engine.least_height(figure),
                    chart_height(view.current_chart, view.data) * MIN_HEIGHT_SHARE)
        return canvas.minimumHeight() == math.ceil(least * view.chart.dpi)

    qtbot.waitUntil(lambda: canvas.width() < 420, timeout=5000)
    qtbot.waitUntil(fitted, timeout=5000)
    assert canvas.minimumHeight() > wide
    assert "\n" in figure.get_suptitle()


def test_the_chart_takes_the_colours_of_a_dark_palette_set_on_the_view(
        qtbot, demo: DiarySession) -> None:
    view = demo_view(qtbot, demo)
    figure, canvas, draws = view.chart.figure, view.chart.canvas, view.chart.draws
    assert figure is not None and canvas is not None
    light = to_hex(figure.get_facecolor())
    dark = dark_palette()
    view.setPalette(dark)
    assert view.chart.draws == draws + 1  # drawn again, on the same canvas
    assert view.chart.figure is figure and view.chart.canvas is canvas
    window = dark.color(QPalette.ColorRole.Window).name()
    text = dark.color(QPalette.ColorRole.WindowText).name()
    canvas.draw()  # type: ignore[no-untyped-call]
    assert to_hex(figure.get_facecolor()) == window
    for ax in figure.axes:
        assert to_hex(ax.get_facecolor()) == window
        assert {to_hex(t.get_color()) for t in [*ax.get_yticklabels(), *titles(ax)]} == {text}
    assert {to_hex(t.get_color()) for t in figure.legends[0].get_texts()} == {text}
    view.setPalette(dark)  # the same colours: nothing to draw again
    assert view.chart.draws == draws + 1
    view.setPalette(QPalette())
    assert to_hex(figure.get_facecolor()) == light and view.chart.draws == draws + 2


def test_the_chart_follows_the_application_palette(qtbot, demo: DiarySession) -> None:
    view = demo_view(qtbot, demo)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    try:
        app.setPalette(dark_palette())
        qtbot.waitUntil(lambda: view.chart.theme == palette_theme(dark_palette()), timeout=5000)
        figure = view.chart.figure
        assert figure is not None and to_hex(figure.get_facecolor()) == "#2b2b2b"
    finally:
        app.setPalette(before)


def test_a_palette_changed_while_hidden_is_followed_when_shown(qtbot,
                                                                demo: DiarySession) -> None:
    view = demo_view(qtbot, demo)
    draws = view.chart.draws
    view.hide()
    view.setPalette(dark_palette())
    assert view.chart.draws == draws  # nothing drawn that nobody sees
    view.show()
    assert view.chart.draws == draws + 1
    figure = view.chart.figure
    assert figure is not None and to_hex(figure.get_facecolor()) == "#2b2b2b"


def test_an_export_from_a_dark_window_is_on_paper(qtbot, demo: DiarySession, tmp_path: Path,
                                                  dialog_answers) -> None:
    view = demo_view(qtbot, demo)
    view.setPalette(dark_palette())
    dialog_answers.choose(tmp_path / "chart.png")
    click(qtbot, view.export_button)
    image = QImage(str(tmp_path / "chart.png"))
    assert not image.isNull()
    assert image.pixelColor(2, 2).name() == "#ffffff"
    figure = view.chart.figure
    assert figure is not None and to_hex(figure.get_facecolor()) == "#2b2b2b"  # still dark
