"""Helpers the Trends tests share (no tests here): the tests' day, the range presets by name, the
view shown with its first load drawn, and a preset chosen and loaded. The `diary` fixture is in
conftest.py."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time

from diary.ui.shell.session import DiarySession
from diary.ui.trends.view import TrendsView
from tests.helpers.clock import PARIS_WINTER

TODAY = date(2026, 11, 26)  # the diary day of the tests' clock (Thursday 21:00 in Paris)
FIRST_EVENT = date(2026, 5, 3)  # the diary's first live entry (see the `diary` fixture)
PRESET = {"14 days": 0, "30 days": 1, "90 days": 2, "year": 3, "all": 4, "custom": 5}


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), PARIS_WINTER)


def shown_view(qtbot, session: DiarySession) -> TrendsView:  # type: ignore[no-untyped-def]
    """The view, shown, with its first load (the default range) drawn."""
    view = TrendsView(session)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show()
    return view


def choose(qtbot, view: TrendsView, preset: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.range.preset_combo.setCurrentIndex(PRESET[preset])
