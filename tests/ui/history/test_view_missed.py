"""History and the plan: a missed dose is a row at its scheduled time ("Missed", in words), with
its pill; a dose answering a slot late says how late; the Status filter; a missed row cannot be
edited or deleted, and "Record it…" records it, undoably.

The diary: baclofen 20 mg at 08:00, 14:00 and 20:00 since yesterday (backdated on purpose).
Yesterday 08:05 taken (linked), 15:20 taken (unlinked: the 14:00 dose, 1 h 20 min late), 20:00
missed; today 08:00 missed, 14:00 skipped, 20:00 still inside its window at 21:00 (not missed).
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.plans.answers import MissedDose
from diary.domain.units import Unit
from diary.storage import EntryKind
from diary.storage.store import DiaryStore
from diary.ui.history.model import Column
from diary.ui.history.view import MISSED_ROW_TIP
from diary.ui.history.view import HistoryView
from diary.ui.shell.session import DiarySession
from tests.helpers.clock import NOW
from tests.helpers.qt import click
from tests.ui.history.support import make_view

TODAY = NOW.date()
YESTERDAY = TODAY - timedelta(days=1)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=NOW.tzinfo)


def fill_plan(store: DiaryStore) -> dict[str, int]:
    med = store.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    assert med.id is not None
    store.plans.add(PlanStep(med.id, YESTERDAY, 20_000, (time(8), time(14), time(20))))
    ids = {"medication": med.id}
    for name, intake in (
        ("on_time", Intake(med.id, at(YESTERDAY, 8, 5), 20_000, slot=Slot(YESTERDAY, time(8)))),
        ("late", Intake(med.id, at(YESTERDAY, 15, 20), 20_000)),
        ("skipped", Intake(med.id, at(TODAY, 14, 3), 20_000, IntakeStatus.SKIPPED,
                           Slot(TODAY, time(14)))),
    ):
        saved = store.intakes.add(intake)
        assert saved.id is not None
        ids[name] = saved.id
    return ids


@pytest.fixture
def planned(session: DiarySession) -> dict[str, int]:
    return fill_plan(session.store)


@pytest.fixture
def view(qtbot, session: DiarySession,  # type: ignore[no-untyped-def]
         planned: dict[str, int]) -> HistoryView:
    return make_view(qtbot, session)


def row_texts(view: HistoryView) -> list[list[str]]:
    model = view.model
    return [[str(model.index(r, c).data()) for c in Column] for r in range(model.rowCount())]


def missed_row(view: HistoryView, day: date, hour: int) -> int:
    row = view.model.row_of(("missed", 1, day, time(hour)))
    assert row is not None
    return row


def test_missed_doses_are_rows_at_their_scheduled_time(view: HistoryView) -> None:
    assert row_texts(view) == [
        ["Thu 26 Nov 2026 14:03", "Dose", "Baclofen (14:00 dose)", "20 mg", "Skipped", ""],
        ["Thu 26 Nov 2026 08:00", "Dose", "Baclofen (08:00 dose)", "20 mg", "Missed", ""],
        ["Wed 25 Nov 2026 20:00", "Dose", "Baclofen (20:00 dose)", "20 mg", "Missed", ""],
        ["Wed 25 Nov 2026 15:20", "Dose", "Baclofen (14:00 dose)", "20 mg",
         "Taken late (+1 h 20 min)", ""],
        ["Wed 25 Nov 2026 08:05", "Dose", "Baclofen (08:00 dose)", "20 mg", "Taken", ""],
    ]
    assert view.count_label.text() == "5 entries (2 missed doses)"


def test_a_dose_row_shows_its_pill_and_says_it_for_the_screen_reader(view: HistoryView) -> None:
    model = view.model
    for row in (0, missed_row(view, TODAY, 8)):
        what = model.index(row, Column.WHAT)
        icon = what.data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(icon, QIcon) and not icon.isNull()
        assert what.data(Qt.ItemDataRole.ToolTipRole) == "Baclofen: blue round pill"
        assert what.data(Qt.ItemDataRole.AccessibleTextRole).endswith(
            "dose), Baclofen: blue round pill")
    status = model.index(missed_row(view, TODAY, 8), Column.STATUS)
    assert status.data(Qt.ItemDataRole.AccessibleTextRole) == "Missed"
    assert status.data(Qt.ItemDataRole.ToolTipRole).startswith(
        "The 08:00 dose of Thu 26 Nov 2026: No dose was recorded")
    assert status.data(Qt.ItemDataRole.FontRole).bold()  # said in words; bold only helps
    late = model.index(3, Column.STATUS)
    assert late.data(Qt.ItemDataRole.ToolTipRole) == (
        "The 14:00 dose of Wed 25 Nov 2026: Taken late 15:20 (+1 h 20 min)")
    assert model.index(0, Column.KIND).data(Qt.ItemDataRole.DecorationRole) is None


def test_a_missed_row_cannot_be_edited_or_deleted(qtbot, view: HistoryView) -> None:
    view._select_row(missed_row(view, TODAY, 8))
    view.table.setFocus()
    assert view.selected_entry() is None
    assert view.selected_missed() == MissedDose(1, Slot(TODAY, time(8)), 20_000, at(TODAY, 8))
    for button in (view.edit_button, view.delete_button, view.changes_button):
        assert not button.isEnabled() and button.toolTip() == MISSED_ROW_TIP
    assert view.record_button.isEnabled()
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)  # nothing is asked (no answer is queued)
    assert view.model.rowCount() == 5


def test_record_it_records_the_missed_dose_for_its_slot_undoably(
        qtbot, view: HistoryView, session: DiarySession, dialog_answers) -> None:
    view._select_row(missed_row(view, TODAY, 8))
    dialog_answers.queue(True)
    click(qtbot, view.record_button)
    [question] = dialog_answers.asked
    assert question.title == "Record missed dose" and question.yes == "Record as taken"
    assert "missed 08:00 dose of Baclofen 20 mg on Thu 26 Nov 2026" in question.text
    [recorded] = [i for i in session.store.intakes.between(TODAY, TODAY)
                  if i.status is IntakeStatus.TAKEN]
    assert (recorded.at, recorded.slot, recorded.amount) == (at(TODAY, 8),
                                                              Slot(TODAY, time(8)), 20_000)
    assert view.model.row_of(("missed", 1, TODAY, time(8))) is None
    assert view.selected_entry() == recorded
    assert view.count_label.text() == "5 entries (1 missed dose)"
    session.undo_stack.undo()
    assert session.store.intakes.get(recorded.id).deleted_at is not None  # type: ignore[arg-type]
    assert view.model.row_of(("missed", 1, TODAY, time(8))) is not None


def test_record_it_answered_no_records_nothing(qtbot, view: HistoryView, session: DiarySession,
                                               dialog_answers) -> None:
    view._select_row(missed_row(view, YESTERDAY, 20))
    dialog_answers.queue(False)
    click(qtbot, view.record_button)
    assert len(session.store.intakes.between(YESTERDAY, TODAY)) == 3
    assert session.undo_stack.count() == 0


def test_the_status_filter(qtbot, view: HistoryView, planned: dict[str, int]) -> None:
    combo = view.filters.status_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All", "Taken", "Skipped", "Missed"]
    assert combo.accessibleName() == "Status of doses"
    combo.setCurrentIndex(combo.findText("Missed"))
    assert [r[4] for r in row_texts(view)] == ["Missed", "Missed"]
    assert view.count_label.text() == "2 missed doses"
    assert not view.filters.symptom_combo.isEnabled()
    combo.setCurrentIndex(combo.findText("Taken"))
    assert [r[4] for r in row_texts(view)] == ["Taken late (+1 h 20 min)", "Taken"]
    combo.setCurrentIndex(combo.findText("Skipped"))
    assert view.model.row_of((EntryKind.DOSE, planned["skipped"])) == 0
    assert view.model.rowCount() == 1
    view.filters.kind_combo.setCurrentIndex(view.filters.kind_combo.findText("Events"))
    assert not combo.isEnabled() and view.model.rowCount() == 0


def test_missed_rows_follow_the_search_and_the_dates(qtbot, view: HistoryView) -> None:
    bar = view.filters
    bar.search_edit.setText("baclo")
    bar.search_edit.returnPressed.emit()
    assert view.model.rowCount() == 5
    bar.search_edit.setText("missed")
    bar.search_edit.returnPressed.emit()
    assert [r[4] for r in row_texts(view)] == ["Missed", "Missed"]
    bar.search_edit.setText("")
    bar.search_edit.returnPressed.emit()
    bar.dates_combo.setCurrentIndex(bar.dates_combo.findText("Today"))
    assert [r[4] for r in row_texts(view)] == ["Skipped", "Missed"]


def test_a_missed_dose_turns_up_once_its_window_closes(qtbot, session: DiarySession,
                                                       planned: dict[str, int],
                                                       clock: list[datetime]) -> None:
    view = make_view(qtbot, session)
    assert view.model.row_of(("missed", 1, TODAY, time(20))) is None
    clock[0] = at(TODAY, 21, 1)
    view.model.reload()
    assert view.model.row_of(("missed", 1, TODAY, time(20))) == 0


def test_read_only_offers_no_record_it(qtbot, tmp_path, clock: list[datetime]) -> None:  # type: ignore[no-untyped-def]
    from diary.storage.store import create_diary
    from diary.storage.store import open_diary
    from diary.ui.history.view import READ_ONLY_TIP

    path = tmp_path / "caregiver.diary"
    store = create_diary(path, clock=lambda: clock[0])
    fill_plan(store)
    store.close()
    session = DiarySession(open_diary(path, read_only=True, clock=lambda: clock[0]),
                           lambda: clock[0])
    try:
        view = make_view(qtbot, session)
        view._select_row(missed_row(view, TODAY, 8))
        assert not view.record_button.isEnabled()
        assert view.record_button.toolTip() == READ_ONLY_TIP
        view.record_selected()  # the handler checks again: nothing is asked, nothing written
        assert view.model.row_of(("missed", 1, TODAY, time(8))) is not None
    finally:
        session.close()
