"""The Today view on the demo diary for a hand with a tremor and tired eyes: every frequent
control a large target, score buttons with real gaps, all of it in view at 1366×768 and normal
text, every control reachable by scrolling at 2× text, and the shortcut of each frequent action
on its tooltip. (What stays in place after an action: test_view_steady.py.)

"In view at 1366×768" is measured in the real window, built as the program builds it
(launch.build_window) with its menus, the reminder banner (its row kept, "Next: Baclofen 20 mg
at 20:00"), the tabs and the status bar, on the demo diary at the time of the README's
screenshots, in what a laptop's screen leaves it: less a title bar and a desktop panel."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtCore import QSettings
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QBoxLayout
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QWidget

from diary.demo import build_demo
from diary.ui.shell.launch import WindowRuntime
from diary.ui.shell.launch import application_icon
from diary.ui.shell.launch import build_window
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from diary.ui.today.view import TodayView
from diary.ui.widgets.targets import GAP
from diary.ui.widgets.targets import TARGET
from tests.helpers.clock import NOW
from tests.ui.today.support import demo_session
from tests.ui.today.support import make_view
from tests.ui.today.support import settle
from tests.ui.today.support import text_times

MORNING = NOW.replace(hour=10, minute=10)  # the demo's 08:00 dose taken, 14:00 and 20:00 ahead
SCREEN = QSize(1366, 700)  # the view alone, for what does not depend on the window around it
TITLE_BAR, PANEL = 30, 32  # px a window manager's title bar and a desktop panel take
LAPTOP = QSize(1366, 768 - TITLE_BAR - PANEL)  # the whole window: 1366×706
AFTERNOON = NOW.replace(hour=14, minute=40)  # docs/take_screenshots.py: 20:00 still to take
# Small secondary controls let off the 44-pixel rule, and why: none. Every button and chooser
# Today shows (the score buttons, Take now, Other…, the "Other…" form's Save, Skip
# dose and Cancel, Log dose, Save ratings, Add event, the medication and event-kind choosers)
# is a large target.
EXEMPT: dict[str, str] = {}


@pytest.fixture
def demo(qapp: object, tmp_path: Path) -> Iterator[DiarySession]:
    with demo_session(tmp_path, MORNING) as session:
        yield session


def shown(qtbot: object, session: DiarySession, size: QSize = SCREEN) -> TodayView:
    view = make_view(qtbot, session)
    view.resize(size)
    view.show()
    qtbot.waitExposed(view)  # type: ignore[attr-defined]
    settle()
    return view


@pytest.fixture
def window(qtbot, tmp_path: Path, private_runtime_dir: None) -> Iterator[MainWindow]:
    """The real window on the demo diary (its usual days) at 14:40 of its last day, at the size
    a 1366×768 screen leaves it under a title bar and above a desktop panel."""
    path = tmp_path / "diary.sqlite"
    build_demo(path, now=AFTERNOON)
    runtime = WindowRuntime(application_icon(), lambda: AFTERNOON)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    built = build_window(runtime, path, read_only=False, settings=settings)
    assert built is not None
    qtbot.addWidget(built)
    built.resize(LAPTOP)
    built.show()
    qtbot.waitExposed(built)
    settle()
    assert built.size() == LAPTOP
    assert runtime.banner is not None and runtime.banner.isVisible()  # its row is counted
    yield built
    built.quit()
    runtime.shutdown()


def today_in(window: MainWindow) -> TodayView:
    view = window.view_at(0)
    assert isinstance(view, TodayView) and window.tabs.currentIndex() == 0
    return view


def controls(view: TodayView) -> list[QWidget]:
    found: list[QWidget] = [*view.findChildren(QAbstractButton), *view.findChildren(QComboBox)]
    return [w for w in found if w.isVisible()]


def open_every_editor(view: TodayView) -> None:
    """The "Other…" form of every open slot, so that its buttons are walked too."""
    for row in view.slots.rows.values():
        if row.other.isVisible():
            row.open_editor(view.state)
    settle()


@pytest.mark.parametrize("factor", [1.0, 2.0])
def test_every_button_and_chooser_is_a_large_target(qtbot, demo: DiarySession,
                                                    factor: float) -> None:
    with text_times(factor):
        view = shown(qtbot, demo)
        walked = controls(view)
        open_every_editor(view)  # its form takes the place of a slot's status and buttons
        walked += [w for w in controls(view) if w not in walked]
        names = {w.accessibleName() for w in walked}
        assert {"Log the as-needed dose", "Save ratings", "Add event", "Kind of event",
                "Medication for the as-needed dose"} <= names
        assert sum(n.startswith("Take now:") for n in names) == 2
        assert sum(n.startswith("Skip ") for n in names) == 2
        assert len(walked) == 59  # 4 scales × 11, 2 slots × 5, and 5 more
        small = [(w.accessibleName(), w.width(), w.height()) for w in walked
                 if w.accessibleName() not in EXEMPT
                 and (w.width() < TARGET or w.height() < TARGET)]
        assert small == []


def test_score_buttons_stand_apart(qtbot, demo: DiarySession) -> None:
    view = shown(qtbot, demo)
    for scale in view.ratings.scales.values():
        boxes = [b.geometry() for b in scale.buttons]
        gaps = [right.left() - left.right() - 1 for left, right in itertools.pairwise(boxes)]
        assert min(gaps) >= GAP >= 6, scale.symptom.name
        widths = [box.width() for box in boxes]
        assert max(widths) - min(widths) <= 1  # one size (a pixel left over goes somewhere)
        assert len({box.height() for box in boxes}) == 1


def in_view(view: TodayView, widget: QWidget) -> bool:
    viewport = view.body_scroll.viewport()
    corner = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(QRect(corner, widget.size()))


def test_at_normal_text_all_of_today_is_in_view_without_scrolling(
        window: MainWindow) -> None:
    """Reviewer: in the real window at 1366×768 (a 30 px title bar) Today scrolled by 18-34 px
    and "No events today" was cut off; with a desktop panel as well, by 48 px. The view alone
    was measured at 1366×700, which left out the reminder banner."""
    view = today_in(window)
    scroll = view.body_scroll
    assert scroll.verticalScrollBar().maximum() == 0, \
        f"Today scrolls by {scroll.verticalScrollBar().maximum()} px"
    assert not scroll.verticalScrollBar().isVisible()
    assert not scroll.horizontalScrollBar().isVisible()
    panels: list[QWidget] = [view.slots, view.dose, view.slots.extra, view.ratings, view.events,
                             view.events.today, view.ratings.save_button, view.dose.verdict]
    panels += [w for row in view.slots.rows.values() for w in (row.time, row.status)]
    assert [p.accessibleName() or type(p).__name__ for p in panels
            if not in_view(view, p)] == []
    assert view.events.today.text() == "No events today."
    assert view.notice.isVisible()  # and the line saying what the last action did, below
    open_every_editor(view)  # the 20:00 dose's form opens in its line: still nothing scrolls
    assert any(row.editing for row in view.slots.rows.values())
    assert scroll.verticalScrollBar().maximum() == 0


def test_at_double_text_today_scrolls_to_every_control(qtbot, demo: DiarySession) -> None:
    with text_times(2.0):
        view = shown(qtbot, demo)
        hint = view.minimumSizeHint()
        assert hint.width() <= SCREEN.width() and hint.height() <= SCREEN.height()
        assert view.body_scroll.verticalScrollBar().maximum() > 0  # it scrolls instead
        assert not view.body_scroll.horizontalScrollBar().isVisible()
        for widget in controls(view):
            view.body_scroll.ensureWidgetVisible(widget, 0, 0)
            settle()
            assert in_view(view, widget), widget.accessibleName()


def test_the_shortcut_of_each_frequent_action_is_on_its_tooltip(qtbot,
                                                                demo: DiarySession) -> None:
    view = shown(qtbot, demo)
    takeable = next(r for r in view.slots.rows.values() if r.outcome.slot.time == time(14))
    tips = {
        "Ctrl+T": takeable.take.toolTip(),
        "Ctrl+D": view.dose.log_button.toolTip(),
        "Ctrl+Enter": view.ratings.save_button.toolTip(),
        "Ctrl+E": view.events.add_button.toolTip(),
        "Ctrl+R": next(iter(view.ratings.scales.values())).toolTip(),
        "Alt+C": view.dose.medication.toolTip(),
        "Escape": takeable.other.toolTip(),
    }
    assert [keys for keys, tip in tips.items() if keys not in tip] == []
    assert "Enter" in takeable.take.toolTip() and "Enter" in view.dose.log_button.toolTip()


def test_the_day_and_totals_share_a_line_only_when_wide(qtbot, demo: DiarySession) -> None:
    view = shown(qtbot, demo)
    assert view._header.direction() == QBoxLayout.Direction.LeftToRight
    assert view.title.y() == view.totals.y()
    assert view.minimumSizeHint().width() < 500  # the window can still be made narrower
    view.resize(QSize(560, 700))
    settle()
    assert view._header.direction() == QBoxLayout.Direction.TopToBottom
    assert view.totals.y() > view.title.y()
