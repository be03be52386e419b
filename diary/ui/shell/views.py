"""The window's views, one tab each, in their order: Today, History, Medications, Trends and the
Summary a read-only review opens on. Each view's module is imported when its tab is first shown
(diary/ui/widgets/lazy_view.py), so that the window appears sooner."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from diary.ui.shell.session import DiarySession
from diary.ui.widgets.lazy_view import ViewFactory


def _today(session: DiarySession) -> QWidget:
    from diary.ui.today.view import TodayView

    return TodayView(session)


def _history(session: DiarySession) -> QWidget:
    from diary.ui.history.view import HistoryView

    return HistoryView(session)


def _medications(session: DiarySession) -> QWidget:
    from diary.ui.medications.view import MedicationsView

    return MedicationsView(session)


def _trends(session: DiarySession) -> QWidget:
    from diary.ui.trends.view import TrendsView

    return TrendsView(session)


def _summary(session: DiarySession) -> QWidget:
    from diary.ui.summary import SummaryView

    return SummaryView(session)


SUMMARY = "Summary"  # the day and the week at a glance: where a read-only review opens


def default_views() -> list[tuple[str, ViewFactory]]:
    """Each view's module is imported when its tab is first shown (see lazy_view.py)."""
    # No mnemonics on the tabs: the views use Alt+letters of their own; Ctrl+1..5 switch tabs.
    return [("Today", _today), ("History", _history), ("Medications", _medications),
            ("Trends", _trends), (SUMMARY, _summary)]
