"""The History view for a hand with a tremor and tired eyes (diary/ui/history/view.py and
filters.py): its action buttons and filters are large targets (at least 44 × 44 px) standing
level on their lines; at normal text in a 1280×720 window it all shows without scrolling and the
table keeps most of the room; at twice the text the filters and the buttons wrap, nothing
scrolls sideways, and whatever does not fit is reached by scrolling the view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from diary.ui.history.view import TABLE_ROWS
from diary.ui.history.view import HistoryView
from diary.ui.shell.session import DiarySession
from diary.ui.widgets.targets import TARGET
from tests.helpers.clock import NOW
from tests.ui.today.support import demo_session
from tests.ui.today.support import settle
from tests.ui.today.support import text_times

# The History tab's room in a 1280×720 window (less its menus, the next-dose banner, the tabs
# and the status line), at normal and at twice the text size.
ROOM = {1.0: QSize(1258, 560), 2.0: QSize(1258, 500)}


@pytest.fixture
def demo(qapp: object, tmp_path: Path) -> Iterator[DiarySession]:
    with demo_session(tmp_path, NOW) as session:
        yield session


def shown(qtbot, session: DiarySession, size: QSize) -> HistoryView:  # type: ignore[no-untyped-def]
    view = HistoryView(session)
    qtbot.addWidget(view)
    view.resize(size)
    view.show()
    qtbot.waitExposed(view)
    settle()
    return view


def targets(view: HistoryView) -> dict[str, QWidget]:
    """The controls pressed often: the action buttons and the filters' choosers."""
    bar = view.filters
    return {w.accessibleName(): w for w in (
        view.edit_button, view.delete_button, view.restore_button, view.changes_button,
        view.record_button, bar.dates_combo, bar.kind_combo, bar.status_combo,
        bar.medication_combo, bar.symptom_combo)}


def in_view(view: HistoryView, widget: QWidget) -> bool:
    viewport = view.body_scroll.viewport()
    corner = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(QRect(corner, widget.size()))


@pytest.mark.parametrize("factor", [1.0, 2.0])
def test_the_buttons_and_filters_are_large_targets(qtbot, demo: DiarySession,
                                                   factor: float) -> None:
    with text_times(factor):
        view = shown(qtbot, demo, ROOM[factor])
        found = targets(view)
        assert set(found) == {
            "Edit entry", "Delete entry", "Restore entry", "Show changes of entry",
            "Record missed dose", "Dates", "Kind of entries", "Status of doses", "Medication",
            "Symptom"}
        small = [(name, w.width(), w.height()) for name, w in found.items()
                 if w.width() < TARGET or w.height() < TARGET]
        assert small == []
        bar = view.filters
        # The fields and the check box beside them as high, so that each line stands level.
        assert min(w.height() for w in (bar.search_edit, bar.from_edit, bar.to_edit,
                                         bar.deleted_check)) >= TARGET


def test_controls_on_one_line_stand_level(qtbot, demo: DiarySession) -> None:
    view = shown(qtbot, demo, ROOM[1.0])
    bar = view.filters
    middles = {w.accessibleName(): w.mapTo(view, w.rect().center()).y()
               for w in (bar.search_edit, bar.deleted_check)}
    assert len(set(middles.values())) == 1, middles  # the check box beside the search field
    buttons = [view.edit_button, view.delete_button, view.restore_button, view.changes_button,
               view.record_button]
    assert len({b.geometry().top() for b in buttons}) == 1
    assert len({b.height() for b in buttons}) == 1


def test_at_normal_text_it_all_shows_and_the_table_keeps_most_of_the_room(
        qtbot, demo: DiarySession) -> None:
    view = shown(qtbot, demo, ROOM[1.0])
    assert not view.body_scroll.verticalScrollBar().isVisible()
    assert not view.body_scroll.horizontalScrollBar().isVisible()
    assert [name for name, w in targets(view).items() if not in_view(view, w)] == []
    assert in_view(view, view.table) and in_view(view, view.notice)
    assert view.table.height() > view.height() // 2
    rows = view.table.viewport().height() // view.table.verticalHeader().defaultSectionSize()
    assert rows >= 12


def test_at_double_text_it_wraps_and_scrolls_to_every_control(qtbot,
                                                             demo: DiarySession) -> None:
    with text_times(2.0):
        view = shown(qtbot, demo, ROOM[2.0])
        hint = view.minimumSizeHint()
        assert hint.width() <= ROOM[2.0].width() and hint.height() <= ROOM[2.0].height()
        assert not view.body_scroll.horizontalScrollBar().isVisible()
        lines = {w.mapTo(view, w.rect().topLeft()).y() for w in targets(view).values()
                 if w in view.filters.findChildren(QWidget)}
        assert len(lines) >= 2  # the filters wrapped
        row = view.table.verticalHeader().defaultSectionSize()
        assert view.table.viewport().height() >= TABLE_ROWS * row - 2
        for widget in [*targets(view).values(), view.table, view.filters.search_edit]:
            view.body_scroll.ensureWidgetVisible(widget, 0, 0)
            settle()
            assert in_view(view, widget), widget.accessibleName()


def test_a_window_too_low_scrolls_the_view_and_keeps_rows_of_the_table(
        qtbot, demo: DiarySession) -> None:
    view = shown(qtbot, demo, QSize(620, 200))  # twice the screen's scale: 1280×720 is 640×360
    assert view.body_scroll.verticalScrollBar().maximum() > 0
    assert not view.body_scroll.horizontalScrollBar().isVisible()
    row = view.table.verticalHeader().defaultSectionSize()
    assert view.table.viewport().height() >= TABLE_ROWS * row - 2
    view.body_scroll.ensureWidgetVisible(view.record_button, 0, 0)
    settle()
    assert in_view(view, view.record_button)
