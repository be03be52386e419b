"""Editing a history entry in its dialog: F2, Enter or a double-click; refused values stay in the
dialog; every saved edit is one undo step."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest
from PySide6.QtCore import Qt

from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.storage import EntryKind
from diary.ui import edits
from diary.ui.history.audit import describe_change
from diary.ui.history.model import Column
from diary.ui.history.view import HistoryView
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import click
from tests.ui.history.support import cell
from tests.ui.history.support import double_click
from tests.ui.history.support import open_dialog
from tests.ui.history.support import open_dialog_visible
from tests.ui.history.support import select

PARIS = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))


def test_edit_dose_amount_with_f2_then_undo_and_redo(qtbot, view: HistoryView,
                                                     session: DiarySession,
                                                     ids: dict[str, int]) -> None:
    select(view, EntryKind.DOSE, ids["dose"])
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    dialog = open_dialog(view)
    assert dialog.amount_edit is not None and dialog.amount_edit.text() == "20 mg"
    dialog.amount_edit.selectAll()
    qtbot.keyClicks(dialog.amount_edit, "12,5")
    assert dialog.amount_preview is not None and dialog.amount_preview.text() == "= 12.5 mg"
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    store = session.store
    assert store.intakes.get(ids["dose"]).amount == 12_500
    assert cell(view, EntryKind.DOSE, ids["dose"], Column.AMOUNT) == "12.5 mg"
    assert view.selected_entry() is not None and view.selected_entry().id == ids["dose"]
    assert session.undo_stack.undoText() == "Edit dose: Baclofen 12.5 mg at 19:00"

    session.undo_stack.undo()
    assert store.intakes.get(ids["dose"]).amount == 20_000
    assert cell(view, EntryKind.DOSE, ids["dose"], Column.AMOUNT) == "20 mg"
    session.undo_stack.redo()
    assert store.intakes.get(ids["dose"]).amount == 12_500
    assert cell(view, EntryKind.DOSE, ids["dose"], Column.AMOUNT) == "12.5 mg"


def test_enter_and_double_click_open_the_edit_too(qtbot, view: HistoryView,
                                                  ids: dict[str, int]) -> None:
    select(view, EntryKind.EVENT, ids["event"])
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = open_dialog(view)
    assert dialog.entry.id == ids["event"] and dialog.windowTitle() == "Edit event"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not open_dialog_visible(view)

    row = view.model.row_of((EntryKind.RATING, ids["rating"]))
    assert row is not None
    rect = view.table.visualRect(view.model.index(row, Column.WHAT))
    double_click(qtbot, view, rect.center())
    dialog = open_dialog(view)
    assert dialog.entry.id == ids["rating"] and dialog.windowTitle() == "Edit rating"


def test_a_refused_value_stays_in_the_dialog(qtbot, view: HistoryView, session: DiarySession,
                                             ids: dict[str, int]) -> None:
    select(view, EntryKind.DOSE, ids["dose"])
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    dialog = open_dialog(view)
    assert dialog.amount_edit is not None
    dialog.amount_edit.setText("5 ml")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert "not in mg" in dialog.error_label.text()
    assert dialog.focusWidget() is dialog.amount_edit
    dialog.amount_edit.setText("20 mg")
    dialog.when_edit.setText("2030-01-01 08:00")  # in the future
    click(qtbot, dialog.save_button)
    assert dialog.isVisible() and "still ahead" in dialog.error_label.text()
    assert session.undo_stack.count() == 0
    assert session.store.intakes.get(ids["dose"]).amount == 20_000


def test_edit_time_status_and_note_of_a_dose(qtbot, view: HistoryView, session: DiarySession,
                                             clock: list[datetime], ids: dict[str, int]) -> None:
    select(view, EntryKind.DOSE, ids["dose"])
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    dialog = open_dialog(view)
    assert dialog.when_edit.text() == "2026-11-26 19:00"
    assert dialog.status_combo is not None
    dialog.when_edit.setText("2026-11-26 18:30")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findText("Skipped"))
    dialog.note_edit.setPlainText("felt sick")
    click(qtbot, dialog.save_button)
    saved = session.store.intakes.get(ids["dose"])
    assert saved.at == clock[0].replace(hour=18, minute=30)
    assert saved.status is IntakeStatus.SKIPPED and saved.note == "felt sick"
    assert cell(view, EntryKind.DOSE, ids["dose"], Column.STATUS) == "Skipped"
    session.undo_stack.undo()
    assert session.store.intakes.get(ids["dose"]).note == "with food"


def test_edit_rating_score_and_event_kind(qtbot, view: HistoryView, session: DiarySession,
                                          ids: dict[str, int]) -> None:
    select(view, EntryKind.RATING, ids["rating"])
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    dialog = open_dialog(view)
    assert dialog.score_spin is not None and dialog.score_spin.maximum() == 10
    dialog.score_spin.setFocus()
    qtbot.keyClick(dialog.score_spin, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.score_spin, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.score_spin, Qt.Key.Key_Return)  # Enter saves (the default button)
    assert not dialog.isVisible()
    assert session.store.ratings.get(ids["rating"]).score == 4
    [_, change] = session.store.audit.of("ratings", ids["rating"])
    assert describe_change(change, view.model.text)[1:] == ("Changed", "score: 6 / 10 → 4 / 10")

    select(view, EntryKind.EVENT, ids["event"])
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    dialog = open_dialog(view)
    assert dialog.kind_combo is not None
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findText("Illness"))
    dialog.note_edit.setPlainText("Flu")
    click(qtbot, dialog.save_button)
    event = session.store.events.get(ids["event"])
    assert event.kind is EventKind.ILLNESS and event.text == "Flu"
    assert cell(view, EntryKind.EVENT, ids["event"], Column.WHAT) == "Illness"
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.store.events.get(ids["event"]).kind is EventKind.FALL
    assert session.store.ratings.get(ids["rating"]).score == 6


def test_saving_an_unchanged_entry_adds_no_undo_step(qtbot, view: HistoryView,
                                                     session: DiarySession,
                                                     ids: dict[str, int]) -> None:
    select(view, EntryKind.DOSE, ids["dose"])
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    click(qtbot, open_dialog(view).save_button)
    assert session.undo_stack.count() == 0
    assert [c.action for c in session.store.audit.of("intakes", ids["dose"])] == ["insert"]



def test_a_time_alone_keeps_the_entry_on_its_own_day(qtbot, view: HistoryView,
                                                     session: DiarySession, clock: list[datetime],
                                                     ids: dict[str, int]) -> None:
    old = session.store.intakes.add(Intake(ids["medication"], clock[0] - timedelta(days=3), 5_000))
    assert old.id is not None
    view.set_filter(view.filters.current_filter())  # as any change would: read again
    select(view, EntryKind.DOSE, old.id)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    dialog = open_dialog(view)
    assert dialog.when_edit.text() == "2026-11-23 21:00"
    dialog.when_edit.setText("07:15")
    click(qtbot, dialog.save_button)
    assert session.store.intakes.get(old.id).at == datetime(2026, 11, 23, 7, 15, tzinfo=PARIS)
    assert cell(view, EntryKind.DOSE, old.id, Column.WHEN) == "Mon 23 Nov 2026 07:15"


def test_an_entry_from_another_offset_shows_it_and_keeps_it(qtbot, view: HistoryView,
                                                            session: DiarySession,
                                                            clock: list[datetime],
                                                            ids: dict[str, int]) -> None:
    travel = session.store.intakes.add(Intake(
        ids["medication"], (clock[0] - timedelta(days=1)).astimezone(NEW_YORK), 10_000))
    assert travel.id is not None
    view.set_filter(view.filters.current_filter())
    assert cell(view, EntryKind.DOSE, travel.id, Column.WHEN) == "Wed 25 Nov 2026 15:00 UTC-05:00"
    assert cell(view, EntryKind.DOSE, ids["dose"], Column.WHEN) == "Thu 26 Nov 2026 19:00"
    select(view, EntryKind.DOSE, travel.id)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    dialog = open_dialog(view)
    assert dialog.when_edit.text() == "2026-11-25 15:00-05:00"
    dialog.note_edit.setPlainText("in New York")
    click(qtbot, dialog.save_button)
    saved = session.store.intakes.get(travel.id)
    assert saved.at == travel.at and saved.at.utcoffset() == timedelta(hours=-5)
    assert saved.note == "in New York"


# --- a dose edited or restored goes through the safety check ----------------------------------
@pytest.mark.parametrize("answer", [False, None, True])
def test_a_dose_edited_over_the_max_asks_first(qtbot, view: HistoryView, session: DiarySession,
                                               ids: dict[str, int],
                                               dialog_answers,
                                               answer: bool | None) -> None:
    """Reviewer: F2 on the dose, 20 changed to 200, saved: nobody was asked, 220 / 80 mg."""
    answers = dialog_answers.queue(answer)
    store = session.store
    store.intakes.add(Intake(ids["medication"], datetime(2026, 11, 26, 8, tzinfo=PARIS), 20_000))
    select(view, EntryKind.DOSE, ids["dose"])
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    dialog = open_dialog(view)
    assert dialog.amount_edit is not None
    dialog.amount_edit.setText("200")
    click(qtbot, dialog.save_button)
    [asked] = answers.asked
    question = asked.text
    # The dose itself is not counted twice: 20 (08:00) + 200 = 220 mg.
    assert "this dose would take today to 220 mg, 140 mg over the 80 mg maximum" in question
    # Asked what happened, as when a dose is recorded, in the words of a change.
    assert question.startswith("Baclofen: this dose would take today to 220 mg")
    assert question.endswith("\n\nDid you take it?")
    assert (asked.title, asked.yes, asked.no) == (
        "Before saving this change", "I took it — save it", "I did not take it — do not save")
    if not answer:
        assert store.intakes.get(ids["dose"]).amount == 20_000
        assert session.undo_stack.count() == 0
        assert dialog.isVisible() and "Not saved" in dialog.error_label.text()
        assert "220 mg" in dialog.error_label.text()
        assert dialog.error_label.text().startswith(
            "Not saved. You did not take it." if answer is False else
            "Not saved yet: the question was closed without an answer.")
        assert dialog.amount_edit.text() == "200"  # what was typed stays
        return
    assert not dialog.isVisible()
    assert store.intakes.get(ids["dose"]).amount == 200_000
    assert session.undo_stack.undoText() == "Edit dose: Baclofen 200 mg at 19:00"
    session.undo_stack.undo()
    assert store.intakes.get(ids["dose"]).amount == 20_000
    session.undo_stack.redo()
    assert store.intakes.get(ids["dose"]).amount == 200_000


def test_skipped_to_taken_over_the_max_asks(qtbot, view: HistoryView, session: DiarySession,
                                            ids: dict[str, int],
                                            dialog_answers) -> None:
    asked = dialog_answers.always(False).texts
    store = session.store
    store.intakes.add(Intake(ids["medication"], datetime(2026, 11, 26, 8, tzinfo=PARIS), 70_000))
    skipped = store.intakes.add(Intake(ids["medication"], datetime(2026, 11, 26, 14,
                                                                  tzinfo=PARIS),
                                      20_000, IntakeStatus.SKIPPED))
    assert skipped.id is not None
    view.set_filter(view.filters.current_filter())
    select(view, EntryKind.DOSE, skipped.id)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    dialog = open_dialog(view)
    assert dialog.status_combo is not None
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findText("Taken"))
    click(qtbot, dialog.save_button)
    assert len(asked) == 1 and "110 mg" in asked[0]
    assert store.intakes.get(skipped.id).status is IntakeStatus.SKIPPED


def test_a_note_change_on_a_dose_asks_nothing(qtbot, view: HistoryView, session: DiarySession,
                                              ids: dict[str, int]) -> None:
    store = session.store
    store.intakes.add(Intake(ids["medication"], datetime(2026, 11, 26, 8, tzinfo=PARIS), 70_000))
    select(view, EntryKind.DOSE, ids["dose"])
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    dialog = open_dialog(view)
    dialog.note_edit.setPlainText("after lunch")  # ask_yes_no would fail the test
    click(qtbot, dialog.save_button)
    assert store.intakes.get(ids["dose"]).note == "after lunch"


@pytest.mark.parametrize("answer", [False, True])
def test_restoring_a_deleted_duplicate_over_the_max_asks(qtbot, view: HistoryView,
                                                         session: DiarySession,
                                                         ids: dict[str, int],
                                                         dialog_answers,
                                                         answer: bool) -> None:
    answers = dialog_answers.queue(answer)
    store = session.store
    store.intakes.add(Intake(ids["medication"], datetime(2026, 11, 26, 8, tzinfo=PARIS), 60_000))
    duplicate = store.intakes.add(Intake(ids["medication"],
                                        datetime(2026, 11, 26, 19, 1, tzinfo=PARIS), 20_000))
    assert duplicate.id is not None
    edits.delete_intake(session, duplicate.id)
    click(qtbot, view.filters.deleted_check)
    select(view, EntryKind.DOSE, duplicate.id)
    depth = session.undo_stack.count()
    click(qtbot, view.restore_button)
    [asked] = answers.asked
    question = asked.text
    assert "this dose would take today to 100 mg, 20 mg over the 80 mg maximum" in question
    assert question.endswith("\n\nDid you take it?")
    assert (asked.title, asked.yes, asked.no) == (
        "Before restoring this dose", "I took it — restore it",
        "I did not take it — keep it deleted")
    if not answer:
        assert store.intakes.get(duplicate.id).deleted_at is not None
        assert session.undo_stack.count() == depth
        return
    assert store.intakes.get(duplicate.id).deleted_at is None
    assert session.undo_stack.undoText() == "Restore dose: Baclofen 20 mg at 19:01"
    session.undo_stack.undo()
    assert store.intakes.get(duplicate.id).deleted_at is not None
    session.undo_stack.redo()
    assert store.intakes.get(duplicate.id).deleted_at is None
