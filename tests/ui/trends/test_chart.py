"""The chart of the Trends view: each builder drawn on the one canvas made when the view is first
shown, a message instead of an empty chart, a tall chart that scrolls, and the export as a
private PNG or SVG that leaves nothing behind when it cannot be written."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from PySide6.QtCore import QPoint
from PySide6.QtCore import QPointF
from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from diary.charts.adherence_calendar import draw_adherence_calendar
from diary.charts.before_after import draw_before_after
from diary.charts.dose_effect import draw_dose_effect
from diary.charts.dose_symptoms import draw_dose_symptoms
from diary.charts.registry import Chart
from diary.domain.trends import TrendData
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui.shell.session import DiarySession
from diary.ui.trends.chart import export_target
from diary.ui.trends.chart import figure_words
from diary.ui.trends.view import TrendsView
from tests.helpers.qt import activate
from tests.helpers.qt import click
from tests.ui.trends.support import TODAY
from tests.ui.trends.support import choose
from tests.ui.trends.support import shown_view

DRAWN_BY: dict[Chart, Callable[[Figure, TrendData], None]] = {
    Chart.DOSE_SYMPTOMS: draw_dose_symptoms,
    Chart.DOSE_EFFECT: draw_dose_effect,
    Chart.ADHERENCE_CALENDAR: draw_adherence_calendar,
    Chart.BEFORE_AFTER: draw_before_after,
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_switching_charts_draws_each_builder_on_the_same_canvas_without_reloading(
        qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    canvas, figure, loads = view.chart.canvas, view.chart.figure, view.loader.requests
    assert canvas is not None and figure is not None
    titles = set()
    for index in range(view.chart_combo.count()):
        view.chart_combo.setCurrentIndex(index)
        chart = view.current_chart
        expected = Figure()
        DRAWN_BY[chart](expected, view.data)
        assert figure.get_suptitle() == expected.get_suptitle(), chart
        assert len(figure.axes) == len(expected.axes), chart
        assert view.chart.canvas is canvas and view.chart.figure is figure
        titles.add(figure.get_suptitle())
    assert len(titles) == 4
    assert view.loader.requests == loads
    assert view.chart.draws == 4  # the first load's drawing, then one per other chart


def test_an_empty_diary_shows_a_message_in_every_chart(qtbot, session: DiarySession) -> None:
    view = shown_view(qtbot, session)
    choose(qtbot, view, "all")
    assert (view.data.start, view.data.end) == (TODAY, TODAY)
    for index in range(view.chart_combo.count()):
        view.chart_combo.setCurrentIndex(index)
        expected = Figure()
        DRAWN_BY[view.current_chart](expected, view.data)
        figure = view.chart.figure
        assert not figure.axes
        assert [t.get_text() for t in figure.texts] == [t.get_text() for t in expected.texts]
        assert figure.texts and view.chart.canvas.accessibleDescription() == \
            figure.texts[0].get_text()


def test_the_canvas_and_matplotlib_wait_until_the_view_is_shown(qtbot,
                                                                 diary: DiarySession) -> None:
    view = TrendsView(diary)
    qtbot.addWidget(view)
    assert view.chart.canvas is None and view.loader.requests == 0
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show()
    assert view.chart.canvas is not None and view.loader.requests == 1


def test_a_chart_taller_than_the_view_scrolls_with_the_wheel(qtbot,
                                                             diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    view.resize(900, 420)
    qtbot.waitUntil(lambda: view.chart.verticalScrollBar().maximum() > 0, timeout=5000)
    canvas = view.chart.canvas
    middle = QPointF(canvas.width() / 2, 40)
    wheel = QWheelEvent(middle, canvas.mapToGlobal(middle), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, wheel)
    assert view.chart.verticalScrollBar().value() > 0


def test_export_writes_a_private_png_by_default_and_an_svg_by_its_name(
        qtbot, diary: DiarySession, tmp_path: Path, dialog_answers) -> None:
    view = shown_view(qtbot, diary)
    folder = tmp_path / "charts"
    folder.mkdir()
    asked = dialog_answers.choose(folder / "spasticity").chosen
    activate(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert asked[0].title == "Export the chart"
    assert asked[0].filters == "PNG image (*.png);;SVG image (*.svg)"
    assert asked[0].suggested == "doses-and-symptoms-2026-08-29-to-2026-11-26.png"
    png = folder / "spasticity.png"
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    assert stat.S_IMODE(png.stat().st_mode) == 0o600

    svg = folder / "effect.SVG"
    svg.write_text("an older file")
    svg.chmod(0o644)
    dialog_answers.choose(svg)
    view.chart_combo.setCurrentIndex(1)
    click(qtbot, view.export_button)
    text = svg.read_bytes()
    assert text.startswith(b"<?xml") and b"<svg" in text
    assert stat.S_IMODE(svg.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["effect.SVG", "spasticity.png"]


@pytest.mark.parametrize("where", ["missing folder", "a folder by that name"])
def test_an_export_that_cannot_be_written_says_so_and_leaves_nothing(
        qtbot, diary: DiarySession, tmp_path: Path, dialog_answers, where: str) -> None:
    view = shown_view(qtbot, diary)
    folder = tmp_path / "charts"
    folder.mkdir()
    target = folder / "absent" / "chart.png" if where == "missing folder" else folder / "x.png"
    if where != "missing folder":
        target.mkdir()  # the rename over it fails once the image is written
    dialog_answers.choose(target)
    view.export_chart()
    [(title, text)] = dialog_answers.errors
    assert title.startswith("Chart not exported") and "Nothing was saved" in f"{title}: {text}"
    left = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    assert left == ([] if where == "missing folder" else ["x.png"])


def test_a_read_only_diary_shows_and_exports_charts(qtbot, diary: DiarySession, store: DiaryStore,
                                                    clock: list[datetime], tmp_path: Path,
                                                    dialog_answers) -> None:
    store.close()
    viewer = DiarySession(open_diary(store.path, read_only=True), lambda: clock[0])
    try:
        view = shown_view(qtbot, viewer)
        assert view.data is not None and view.data.totals
        dialog_answers.choose(tmp_path / "chart.png")
        click(qtbot, view.export_button)
        assert (tmp_path / "chart.png").read_bytes().startswith(PNG_SIGNATURE)
    finally:
        viewer.close()


@pytest.mark.parametrize(("chosen", "written", "fmt"), [
    ("chart.png", "chart.png", "png"), ("chart.SVG", "chart.SVG", "svg"),
    ("chart", "chart.png", "png"), ("chart.pdf", "chart.pdf.png", "png")])
def test_the_format_follows_the_name_and_png_is_the_default(tmp_path: Path, chosen: str,
                                                           written: str, fmt: str) -> None:
    assert export_target(tmp_path / chosen) == (tmp_path / written, fmt)


def test_a_figure_is_said_by_its_title_or_the_message_it_holds() -> None:
    titled = Figure()
    titled.suptitle("Doses and symptoms")
    assert figure_words(titled) == "Doses and symptoms"
    message = Figure()
    message.text(0.5, 0.5, "No doses in these days.")
    message.text(0.5, 0.4, "Choose a longer range.")
    assert figure_words(message) == "No doses in these days. Choose a longer range."
