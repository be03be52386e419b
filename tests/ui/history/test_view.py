"""History view: edit, delete and restore through real widgets, all undoable; the audit trail;
a read-only diary that no path can change."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt

from diary.domain.entities import Event, EventKind, Intake, Medication, Rating
from diary.domain.units import Unit
from diary.storage import EntryKind
from diary.storage.store import DiaryStore
from diary.ui import edits
from diary.ui.history.audit import AuditDialog
from diary.ui.history.edit import EntryDialog
from diary.ui.history.model import Column
from diary.ui.history.view import HistoryView
from diary.ui.shell.session import DiarySession
from tests.helpers import qt, store_sql
from tests.helpers.doses import add_intake, edit_intake
from tests.helpers.locks import locked
from tests.helpers.qt import click


def fill(store: DiaryStore, now: datetime) -> dict[str, int]:
    """Oldest to newest: an event, a dose of baclofen, a spasticity rating."""
    med = store.medications.add(Medication(name="Baclofen", unit=Unit.MG, max_daily=80_000))
    assert med.id is not None
    event = store.events.add(Event(now - timedelta(hours=3), EventKind.FALL, "Slipped in the hall"))
    dose = store.intakes.add(Intake(med.id, now - timedelta(hours=2), 20_000, note="with food"))
    spasticity = store.symptoms.named("Spasticity").id
    assert spasticity is not None
    [rating] = store.ratings.add_all([Rating(spasticity, now - timedelta(hours=1), 6)])
    assert event.id and dose.id and rating.id
    return {"event": event.id, "dose": dose.id, "rating": rating.id, "medication": med.id}


@pytest.fixture
def ids(session: DiarySession, clock: list[datetime]) -> dict[str, int]:
    return fill(session.store, clock[0])


@pytest.fixture
def view(qtbot, session: DiarySession, ids: dict[str, int]) -> HistoryView:
    return make_view(qtbot, session)


def make_view(qtbot, session: DiarySession) -> HistoryView:  # type: ignore[no-untyped-def]
    """The view, shown in an active window with the table focused, as a user finds it."""
    widget = HistoryView(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    widget.table.setFocus()
    return widget


def select(view: HistoryView, kind: EntryKind, row_id: int) -> None:
    assert view.select_entry((kind, row_id))
    view.table.setFocus()


def cell(view: HistoryView, kind: EntryKind, row_id: int, column: Column) -> str:
    row = view.model.row_of((kind, row_id))
    assert row is not None
    return str(view.model.index(row, column).data())


def open_dialog(view: HistoryView) -> EntryDialog:
    """The one edit dialog on screen (a closed one may linger until Qt deletes it)."""
    [dialog] = [d for d in view.findChildren(EntryDialog) if d.isVisible()]
    return dialog


def double_click(qtbot, view: HistoryView, pos: QPoint) -> None:  # type: ignore[no-untyped-def]
    qt.double_click(qtbot, view.table.viewport(), pos)


def open_dialog_visible(view: HistoryView) -> bool:
    return any(d.isVisible() for d in view.findChildren(EntryDialog))


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
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert session.store.ratings.get(ids["rating"]).deleted_at is not None
    assert session.undo_stack.undoText() == "Delete rating"


def test_show_deleted_and_restore_is_undoable(qtbot, view: HistoryView, session: DiarySession,
                                              ids: dict[str, int]) -> None:
    store = session.store
    edits.delete_event(session, ids["event"])
    assert view.model.rowCount() == 2
    assert not view.restore_button.isEnabled()
    qtbot.mouseClick(view.filters.deleted_check, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 3
    assert cell(view, EntryKind.EVENT, ids["event"], Column.STATUS) == "Deleted"
    select(view, EntryKind.EVENT, ids["event"])
    assert view.restore_button.isEnabled()
    assert not view.edit_button.isEnabled() and not view.delete_button.isEnabled()
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert store.events.get(ids["event"]).deleted_at is None
    assert cell(view, EntryKind.EVENT, ids["event"], Column.STATUS) == ""
    assert session.undo_stack.undoText() == "Restore event"
    session.undo_stack.undo()
    assert store.events.get(ids["event"]).deleted_at is not None
    session.undo_stack.redo()
    assert store.events.get(ids["event"]).deleted_at is None
    assert [c.action for c in store.audit.of("events", ids["event"])] == [
        "insert", "delete", "restore", "delete", "restore"]


def test_show_changes_lists_insert_update_delete(qtbot, view: HistoryView, session: DiarySession,
                                                 clock: list[datetime],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    store = session.store
    med = store.medications.named("Baclofen")
    assert med.id is not None
    dose = add_intake(session, Intake(med.id, clock[0] - timedelta(minutes=30), 20_000))
    assert dose.id is not None
    clock[0] += timedelta(minutes=5)
    edit_intake(session, Intake(med.id, dose.at, 15_000, note="half tablet", id=dose.id))
    clock[0] += timedelta(minutes=5)
    edits.delete_intake(session, dose.id)
    view.filters.deleted_check.setChecked(True)
    select(view, EntryKind.DOSE, dose.id)
    qtbot.mouseClick(view.changes_button, Qt.MouseButton.LeftButton)
    dialog = view.findChild(AuditDialog)
    assert dialog is not None and dialog.isVisible()
    listed = dialog.rows()
    assert [action for _, action, _ in listed] == ["Added", "Changed", "Deleted"]
    assert [when for when, _, _ in listed] == [
        "Thu 26 Nov 2026 21:00", "Thu 26 Nov 2026 21:05", "Thu 26 Nov 2026 21:10"]
    assert "amount: 20 mg" in listed[0][2]
    assert listed[1][2] == "amount: 20 mg → 15 mg; note: (empty) → “half tablet”"
    assert "restored" in listed[2][2]
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


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


def test_show_changes_of_a_damaged_trail_tells_the_window_not_a_traceback(
        qtbot, view: HistoryView, session: DiarySession, ids: dict[str, int]) -> None:
    """A row of the audit trail that cannot be read (issue 17): told once, no dialog opened."""
    store_sql.connection(session.store).execute(
        "UPDATE changes SET at_utc = 'zz' WHERE table_name = 'events' AND row_id = ?",
        [ids["event"]])
    told: list[str] = []
    session.damaged.connect(told.append)
    select(view, EntryKind.EVENT, ids["event"])
    click(qtbot, view.changes_button)
    assert view.findChild(AuditDialog) is None
    assert len(told) == 1 and "changes row " in told[0] and "cannot be read" in told[0]
