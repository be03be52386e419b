"""How the Trends view fits its window (issue 18, diary/ui/trends/view.py): its controls are
targets 44 px high standing level on their line; at twice the text size in the smallest window
every control can be scrolled into view; at the usual size in a 1280×720 window nothing scrolls
but the chart, which keeps its room and scrolls its tall panels itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtCore import QPointF
from PySide6.QtCore import QRect
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from diary.charts.registry import Chart
from diary.ui.shell.session import DiarySession
from diary.ui.trends.view import CHART_LINES
from diary.ui.trends.view import TrendsView
from diary.ui.widgets.targets import TARGET
from tests.helpers.clock import NOW
from tests.ui.today.support import demo_session
from tests.ui.today.support import settle
from tests.ui.today.support import text_times

# The Trends tab's room (less the menus, the reminder banner, the tabs and the status line) in a
# 1280×720 window at the usual text size, and in a 728×440 window (the window's least size at
# twice the text) at twice the text size, with the banner showing a due dose and without it.
ROOM_1280_BY_720 = QSize(1258, 562)
ROOMS_728_BY_440 = [QSize(706, 129), QSize(706, 300)]


@pytest.fixture
def demo(qapp: object, tmp_path: Path) -> Iterator[DiarySession]:
    with demo_session(tmp_path, NOW) as session:
        yield session


def shown(qtbot, session: DiarySession, size: QSize) -> TrendsView:  # type: ignore[no-untyped-def]
    """The view at `size`, its first chart drawn and laid out."""
    view = TrendsView(session)
    qtbot.addWidget(view)
    view.resize(size)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show()
    canvas = view.chart.canvas
    assert canvas is not None
    qtbot.waitUntil(lambda: canvas.height() >= canvas.minimumHeight() > 0, timeout=5000)
    settle()
    return view


def controls(view: TrendsView) -> dict[str, QWidget]:
    """Every control of the view: the range, the dates, the chart, Export."""
    return {w.accessibleName(): w for w in (
        view.range.preset_combo, view.range.from_edit, view.range.to_edit, view.chart_combo,
        view.export_button)}


def in_view(view: TrendsView, widget: QWidget) -> bool:
    viewport = view.body_scroll.viewport()
    corner = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(QRect(corner, widget.size()))


@pytest.mark.parametrize("factor", [1.0, 2.0])
def test_the_controls_are_targets_standing_level(qtbot, demo: DiarySession,
                                                 factor: float) -> None:
    with text_times(factor):
        view = shown(qtbot, demo, ROOM_1280_BY_720)
        found = controls(view)
        assert set(found) == {"Range of days", "From date", "To date", "Chart", "Export chart"}
        small = [(name, w.width(), w.height()) for name, w in found.items()
                 if w.width() < TARGET or w.height() < TARGET]
        assert small == []
        assert view.medication_combo.minimumHeight() >= TARGET  # shown for dose and effect
        if factor == 1.0:  # all on one line, as tall as each other and level
            assert {w.height() for w in found.values()} == {TARGET}
            assert len({w.mapTo(view, QPoint()).y() for w in found.values()}) == 1


def test_at_the_usual_size_only_the_chart_scrolls_and_it_keeps_its_room(
        qtbot, demo: DiarySession) -> None:
    view = shown(qtbot, demo, ROOM_1280_BY_720)
    assert view.body_scroll.verticalScrollBar().maximum() == 0
    assert not view.body_scroll.verticalScrollBar().isVisible()
    assert not view.body_scroll.horizontalScrollBar().isVisible()
    assert all(in_view(view, w) for w in controls(view).values())
    assert view.chart.height() > 0.8 * view.height()
    # The demo's six panels are taller than that: the chart scrolls them itself.
    assert view.chart.verticalScrollBar().maximum() > 0


@pytest.mark.parametrize("room", ROOMS_728_BY_440, ids=lambda size: f"{size.height()}px")
def test_at_twice_the_text_in_the_smallest_window_every_control_is_reached(
        qtbot, demo: DiarySession, room: QSize) -> None:
    with text_times(2.0):
        view = shown(qtbot, demo, room)
        view.range.preset_combo.setCurrentIndex(view.range.preset_combo.count() - 1)  # dates
        settle()
        assert view.body_scroll.verticalScrollBar().maximum() > 0
        assert not view.body_scroll.horizontalScrollBar().isVisible()
        for widget in [*controls(view).values(), view.status]:
            view.body_scroll.ensureWidgetVisible(widget, 0, 0)
            settle()
            assert in_view(view, widget), widget.accessibleName()
        # The chart's area: as tall as the view at the most, so that it shows whole.
        viewport = view.body_scroll.viewport()
        assert view.chart.height() == min(viewport.height(),
                                          CHART_LINES * view.fontMetrics().lineSpacing())
        view.body_scroll.ensureWidgetVisible(view.chart, 0, 0)
        settle()
        assert in_view(view, view.chart)


def test_at_twice_the_text_the_view_scrolls_only_when_it_must(qtbot,
                                                             demo: DiarySession) -> None:
    with text_times(2.0):
        view = shown(qtbot, demo, QSize(1258, 900))
        assert view.body_scroll.verticalScrollBar().maximum() == 0
        assert view.chart.height() >= CHART_LINES * view.fontMetrics().lineSpacing()


def test_the_wheel_on_a_chart_at_its_end_scrolls_the_view(qtbot, demo: DiarySession) -> None:
    with text_times(2.0):
        view = shown(qtbot, demo, ROOMS_728_BY_440[1])
        view.chart_combo.setCurrentIndex(list(Chart).index(Chart.DOSE_SYMPTOMS))
        outer, inner = view.body_scroll.verticalScrollBar(), view.chart.verticalScrollBar()
        assert outer.value() == 0 and inner.maximum() > 0
        canvas = view.chart.canvas
        assert canvas is not None

        def wheel_down() -> None:
            centre = QPointF(canvas.width() / 2, 10)
            event = QWheelEvent(centre, QPointF(canvas.mapToGlobal(centre.toPoint())), QPoint(),
                                QPoint(0, -120), Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                                False)
            QApplication.sendEvent(canvas, event)

        wheel_down()
        assert inner.value() > 0 and outer.value() == 0  # the chart scrolls its panels first
        inner.setValue(inner.maximum())
        wheel_down()
        assert outer.value() > 0  # then the view, to what lies below
