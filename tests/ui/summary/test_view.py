"""The summary view (diary/ui/summary/view.py): the day at a glance in large text, two columns
on a laptop's screen without scrolling, one column that scrolls at twice the text, and read
again when the diary changes."""

from __future__ import annotations

from datetime import datetime
from datetime import time
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from diary.demo import build_demo
from diary.domain.entities import Intake
from diary.domain.entities import Slot
from diary.storage.store import open_diary
from diary.ui import edits
from diary.ui.shell.session import DiarySession
from diary.ui.summary import SummaryView
from diary.ui.summary.view import TEXT_SCALE
from tests.helpers.clock import NOW
from tests.ui.summary.conftest import TODAY
from tests.ui.summary.conftest import at


def test_the_title_says_the_day_and_that_nothing_changes_here(view: SummaryView) -> None:
    assert view.title.text() == "Thursday 26 November 2026"
    assert view.subtitle.text() == ("At a glance, as of 21:00. Nothing can be changed here: "
                                    "doses are recorded on Today.")
    assert view.accessibleName() == "Summary"
    assert view.title.font().bold()
    body = QApplication.font().pointSizeF() * TEXT_SCALE
    assert abs(view.today.status_labels[0].font().pointSizeF() - body) < 0.01


def test_a_change_is_read_again(view: SummaryView, session: DiarySession) -> None:
    assert view.today.status_labels[3].text() == "✗ Missed"
    edits.add_dose(session, Intake(1, at(TODAY, 17, 10), 20_000, slot=Slot(TODAY, time(17))),
                   "Log dose", confirmed=True)
    assert view.today.status_labels[3].text() == "✓ Taken 17:10"


def test_the_demo_fits_a_laptop_screen_and_scrolls_at_twice_the_text(
        qtbot, qapp: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "demo.diary"
    build_demo(path, days=120, now=NOW)
    session = DiarySession(open_diary(path, read_only=True, clock=lambda: NOW), lambda: NOW)
    original = QFont(qapp.font())
    try:
        view = SummaryView(session)
        qtbot.addWidget(view)
        view.resize(1366, 680)  # 1366×768 less the window's title, menus, tabs and status bar
        view.show()
        qtbot.waitExposed(view)
        assert view.two_columns()
        assert view.body_scroll.verticalScrollBar().maximum() == 0
        doubled = QFont(original)
        doubled.setPointSizeF(original.pointSizeF() * 2)
        qapp.setFont(doubled)
        qtbot.waitUntil(lambda: view.body_scroll.verticalScrollBar().maximum() > 0)
        assert not view.two_columns()
        assert view.body_scroll.horizontalScrollBar().maximum() == 0
    finally:
        qapp.setFont(original)
        session.close()


def test_read_only_session_shows_the_same(qtbot, tmp_path: Path,
                                          clock: list[datetime]) -> None:
    from diary.storage.store import create_diary
    from tests.ui.summary.conftest import fill_known

    path = tmp_path / "caregiver.diary"
    store = create_diary(path, clock=lambda: clock[0])
    fill_known(store)
    store.close()
    session = DiarySession(open_diary(path, read_only=True, clock=lambda: clock[0]),
                           lambda: clock[0])
    try:
        view = SummaryView(session)
        qtbot.addWidget(view)
        assert [label.text() for label in view.today.status_labels][3:] == [
            "✗ Missed", "· Not yet due"]
    finally:
        session.close()


def test_a_font_change_lays_out_again_without_reading_the_diary(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    """Found when the window's tests doubled the text after a session had closed: the view read
    the closed diary again for a font change."""
    from PySide6.QtGui import QFont

    from diary.ui.summary import SummaryView

    view = SummaryView(session)
    qtbot.addWidget(view)
    before = view.state
    session.store.close()
    bigger = QFont(view.font())
    bigger.setPointSizeF(bigger.pointSizeF() * 2)
    view.setFont(bigger)  # a FontChange: no read, no error
    assert view.state is before
    assert view.title.font().pointSizeF() > QFont(view.font()).pointSizeF()


def test_the_minute_tick_reads_again_only_when_shown(qtbot, session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from diary.ui.summary import SummaryView
    from diary.ui.summary import view as summary_view

    view = SummaryView(session)
    qtbot.addWidget(view)
    reads: list[object] = []
    real = summary_view.build_summary
    monkeypatch.setattr(summary_view, "build_summary",
                        lambda *a: reads.append(a) or real(*a))
    view._tick()  # hidden: noted, not read
    assert reads == []
    view.show()  # shown: read once, as of now
    assert len(reads) == 1
    view._tick()
    assert len(reads) == 2
