"""History view: the rows in words, delete and restore through real widgets, all undoable, the
keyboard's way through the buttons, and a change elsewhere read again."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import Qt

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage import EntryKind
from diary.ui import edits
from diary.ui.history.audit import AuditDialog
from diary.ui.history.model import Column
from diary.ui.history.view import HistoryView
from diary.ui.shell.session import DiarySession
from tests.helpers.locks import locked
from tests.helpers.qt import click
from tests.ui.history.support import cell
from tests.ui.history.support import select


def test_rows_read_in_words_newest_first(view: HistoryView, ids: dict[str, int]) -> None:
    model = view.model
    assert [model.index(r, Column.KIND).data() for r in range(3)] == ["Rating", "Dose", "Event"]
    assert [model.index(1, c).data() for c in Column] == [
        "Thu 26 Nov 2026 19:00", "Dose", "Baclofen", "20 mg", "Taken", "with food"]
    assert model.index(0, Column.AMOUNT).data() == "6 / 10"
    assert model.index(2, Column.WHAT).data() == "Fall"
    assert view.count_label.text() == "3 entries"
    assert view.selected_entry() is model.entry(0)


@pytest.mark.parametrize("answer", [False, True])
def test_delete_key_asks_first(qtbot, view: HistoryView, session: DiarySession,
                               ids: dict[str, int], dialog_answers, answer: bool) -> None:
    asked = dialog_answers.always(answer).texts
    select(view, EntryKind.DOSE, ids["dose"])
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "dose of Baclofen 20 mg" in asked[0]
    store = session.store
    if not answer:
        assert store.intakes.get(ids["dose"]).deleted_at is None
        assert view.model.rowCount() == 3 and session.undo_stack.count() == 0
        return
    assert store.intakes.get(ids["dose"]).deleted_at is not None
    assert view.model.row_of((EntryKind.DOSE, ids["dose"])) is None
    assert view.model.rowCount() == 2
    assert view.selected_entry() is not None  # the selection moved to the next row
    session.undo_stack.undo()
    assert store.intakes.get(ids["dose"]).deleted_at is None
    assert view.model.row_of((EntryKind.DOSE, ids["dose"])) is not None
    session.undo_stack.redo()
    assert store.intakes.get(ids["dose"]).deleted_at is not None


def test_delete_button_for_a_rating(qtbot, view: HistoryView, session: DiarySession,
                                    ids: dict[str, int], dialog_answers) -> None:
    dialog_answers.always(True)
    select(view, EntryKind.RATING, ids["rating"])
    click(qtbot, view.delete_button)
    assert session.store.ratings.get(ids["rating"]).deleted_at is not None
    assert session.undo_stack.undoText() == "Delete rating: Spasticity 6"


def test_show_deleted_and_restore_is_undoable(qtbot, view: HistoryView, session: DiarySession,
                                              ids: dict[str, int]) -> None:
    store = session.store
    edits.delete_event(session, ids["event"])
    assert view.model.rowCount() == 2
    assert not view.restore_button.isEnabled()
    click(qtbot, view.filters.deleted_check)
    assert view.model.rowCount() == 3
    assert cell(view, EntryKind.EVENT, ids["event"], Column.STATUS) == "Deleted"
    select(view, EntryKind.EVENT, ids["event"])
    assert view.restore_button.isEnabled()
    assert not view.edit_button.isEnabled() and not view.delete_button.isEnabled()
    click(qtbot, view.restore_button)
    assert store.events.get(ids["event"]).deleted_at is None
    assert cell(view, EntryKind.EVENT, ids["event"], Column.STATUS) == ""
    assert session.undo_stack.undoText() == "Restore event: Fall"
    session.undo_stack.undo()
    assert store.events.get(ids["event"]).deleted_at is not None
    session.undo_stack.redo()
    assert store.events.get(ids["event"]).deleted_at is None
    assert [c.action for c in store.audit.of("events", ids["event"])] == [
        "insert", "delete", "restore", "delete", "restore"]


def test_keyboard_only_path_through_the_buttons(qtbot, view: HistoryView,
                                                ids: dict[str, int]) -> None:
    select(view, EntryKind.RATING, ids["rating"])
    with qtbot.waitSignal(view.changes_button.clicked, timeout=2000):
        qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Show &changes
    dialog = view.findChild(AuditDialog)
    assert dialog is not None and dialog.isVisible()
    assert [action for _, action, _ in dialog.rows()] == ["Added"]
    dialog.reject()
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # S&ymptom
    assert view.filters.symptom_combo.hasFocus()
    for widget in (view.table, view.edit_button, view.delete_button, view.restore_button,
                   view.changes_button, view.filters.search_edit, view.filters.deleted_check,
                   view.filters.dates_combo, view.filters.kind_combo,
                   view.filters.medication_combo, view.filters.symptom_combo,
                   view.filters.from_edit, view.filters.to_edit):
        assert widget.accessibleName(), widget
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget


def test_a_change_elsewhere_refreshes_the_table(view: HistoryView, session: DiarySession,
                                                clock: list[datetime], ids: dict[str, int]) -> None:
    edits.add_event(session, Event(clock[0], EventKind.APPOINTMENT, "Neurology clinic"))
    assert view.model.rowCount() == 4
    assert view.model.index(0, Column.NOTE).data() == "Neurology clinic"
    assert view.count_label.text() == "4 entries"


def test_modeltester_on_an_empty_diary(qtmodeltester, session: DiarySession) -> None:
    from diary.ui.history.model import HistoryModel
    model = HistoryModel(session)
    qtmodeltester.check(model)
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


def test_delete_on_a_locked_diary_says_so_and_keeps_the_entry(
        qtbot, view: HistoryView, session: DiarySession, ids: dict[str, int],
        dialog_answers) -> None:
    errors = dialog_answers.always(True).errors
    select(view, EntryKind.DOSE, ids["dose"])
    with locked(session.store):
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert errors == [("Delete dose: not done",
                       "The diary file is busy: another program is writing to it. Nothing was "
                       "changed; try again in a moment.")]
    assert session.store.intakes.get(ids["dose"]).deleted_at is None
    assert view.model.row_of((EntryKind.DOSE, ids["dose"])) is not None
    assert session.undo_stack.count() == 0


