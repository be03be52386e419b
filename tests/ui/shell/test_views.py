"""The window's views in their order, and where a review opens: on the Summary, not on Today's
controls it cannot use (issue 18)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings

from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from diary.ui.shell.views import SUMMARY
from diary.ui.shell.views import default_views


def _window(qtbot, session: DiarySession, settings: QSettings,  # type: ignore[no-untyped-def]
            clock: list[datetime]) -> MainWindow:
    win = MainWindow(session, settings=settings, clock=lambda: clock[0], views=default_views,
                     opener=lambda p, ro: open_diary(p, read_only=ro),
                     creator=lambda p: create_diary(p))
    qtbot.addWidget(win)
    return win


def test_the_views_in_their_order_end_with_the_summary() -> None:
    assert [title for title, _ in default_views()] == ["Today", "History", "Medications",
                                                        "Trends", SUMMARY]


def test_each_view_is_built_by_its_factory(qtbot, session: DiarySession) -> None:
    from diary.ui.history.view import HistoryView
    from diary.ui.medications.view import MedicationsView
    from diary.ui.summary import SummaryView
    from diary.ui.today.view import TodayView
    from diary.ui.trends.view import TrendsView

    built = [factory(session) for _, factory in default_views()]
    for view in built:
        qtbot.addWidget(view)
    assert [type(v) for v in built] == [TodayView, HistoryView, MedicationsView, TrendsView,
                                        SummaryView]


def test_a_writable_diary_opens_on_today(qtbot, session: DiarySession, settings: QSettings,
                                         clock: list[datetime]) -> None:
    win = _window(qtbot, session, settings, clock)
    assert win.tabs.tabText(win.tabs.currentIndex()) == "Today"


def test_a_read_only_review_opens_on_the_summary(qtbot, store: DiaryStore, settings: QSettings,
                                                 clock: list[datetime], tmp_path: Path) -> None:
    from diary.ui.summary import SummaryView

    store.close()
    viewer = DiarySession(open_diary(store.path, read_only=True), lambda: clock[0])
    win = _window(qtbot, viewer, settings, clock)
    assert win.tabs.tabText(win.tabs.currentIndex()) == SUMMARY
    assert [type(v) for v in win.built_views()] == [SummaryView]  # Today is not even built
    viewer.close()


def test_ctrl_5_shows_the_summary(qtbot, session: DiarySession, settings: QSettings,
                                  clock: list[datetime]) -> None:
    win = _window(qtbot, session, settings, clock)
    view_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&View")
    summary = next(a for a in view_menu.actions() if a.text() == SUMMARY)
    assert summary.shortcut().toString() == "Ctrl+5"
    summary.trigger()
    assert win.tabs.tabText(win.tabs.currentIndex()) == SUMMARY
