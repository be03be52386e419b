"""Today's scheduled doses: one click or Enter takes a slot now, another control records it taken
at another time or skipped, and late and missed slots say so in words."""

from __future__ import annotations

from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Slot
from diary.ui.shell.session import DiarySession
from tests.helpers.doses import add_intake
from tests.helpers.qt import activate
from tests.helpers.qt import click
from tests.ui.today.support import DAY
from tests.ui.today.support import at
from tests.ui.today.support import baclofen
from tests.ui.today.support import make_view
from tests.ui.today.support import row


def test_one_click_takes_the_slot_now(qtbot, session: DiarySession,
                                      clock: list[datetime]) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    evening = row(view, med, time(20))
    assert evening.status.text() == "due now"
    assert "Baclofen: 0 / 80 mg today" in view.total_texts[med.id]
    click(qtbot, evening.take)
    [saved] = session.store.intakes.between(DAY, DAY, med.id)
    assert (saved.slot, saved.at, saved.amount, saved.status) == (
        Slot(DAY, time(20)), clock[0], 20_000, IntakeStatus.TAKEN)
    assert view.total_texts[med.id] == "Baclofen: 20 / 80 mg today"
    assert "20\u00a0/\u00a080\u00a0mg\u00a0today" in view.totals.text()
    assert row(view, med, time(20)).status.text() == "✓ taken 21:00"
    assert row(view, med, time(20)).take.isHidden()
    assert "Recorded Baclofen 20 mg taken at 21:00 (the 20:00 dose)" in view.notice.text()
    assert session.undo_stack.undoText() == "Log dose: Baclofen 20 mg at 21:00"


def test_enter_on_the_focused_slot_takes_it(qtbot, session: DiarySession,
                                             clock: list[datetime]) -> None:
    med = baclofen(session)
    clock[0] = at(14, 20)
    view = make_view(qtbot, session)
    activate(qtbot, view)
    afternoon = row(view, med, time(14))
    assert afternoon.status.text() == "due now"
    afternoon.take.setFocus()
    qtbot.keyClick(afternoon.take, Qt.Key.Key_Return)
    [saved] = session.store.intakes.between(DAY, DAY, med.id)
    assert saved.slot == Slot(DAY, time(14))
    assert row(view, med, time(14)).status.text() == "✓ taken 14:20"
    # The focus rests on the list, not on another "Take now": a second Enter takes nothing.
    assert view.slots.hasFocus()
    qtbot.keyClick(view.slots, Qt.Key.Key_Return)
    assert len(session.store.intakes.between(DAY, DAY, med.id)) == 1


def test_up_and_down_move_between_slots(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    activate(qtbot, view)
    row(view, med, time(8)).other.setFocus()
    qtbot.keyClick(row(view, med, time(8)).other, Qt.Key.Key_Down)
    assert row(view, med, time(14)).other.hasFocus()
    qtbot.keyClick(row(view, med, time(14)).other, Qt.Key.Key_Down)
    assert row(view, med, time(20)).other.hasFocus()
    qtbot.keyClick(row(view, med, time(20)).other, Qt.Key.Key_Up)
    assert row(view, med, time(14)).other.hasFocus()
    assert session.store.intakes.between(DAY, DAY) == []


def test_taken_at_another_time(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    morning = row(view, med, time(8))
    assert morning.editor.isHidden()
    click(qtbot, morning.other)
    assert not morning.editor.isHidden()
    assert morning.at.text() == "08:00"  # the slot's time, ready to correct
    morning.at.clear()
    qtbot.keyClicks(morning.at, "8:10")
    qtbot.keyClick(morning.at, Qt.Key.Key_Return)
    [saved] = session.store.intakes.between(DAY, DAY, med.id)
    assert (saved.at, saved.slot) == (at(8, 10), Slot(DAY, time(8)))
    assert row(view, med, time(8)).status.text() == "✓ taken 08:10"
    assert row(view, med, time(8)).editor.isHidden()
    assert view.total_texts[med.id] == "Baclofen: 20 / 80 mg today"


@pytest.mark.parametrize(("typed", "why"), [("25:99", "not a time of day"),
                                            ("22:30", "22:30 today is still ahead")])
def test_a_wrong_time_is_named_and_nothing_is_lost(qtbot, session: DiarySession,
                                                   dialog_answers,
                                                   typed: str, why: str) -> None:
    errors = dialog_answers.error_texts
    med = baclofen(session)
    view = make_view(qtbot, session)
    afternoon = row(view, med, time(14))
    click(qtbot, afternoon.other)
    afternoon.at.setText(typed)
    click(qtbot, afternoon.save_at)
    assert len(errors) == 1 and why in errors[0]
    assert errors[0].lower().startswith("time")
    assert session.store.intakes.between(DAY, DAY) == []
    assert afternoon.at.text() == typed and not afternoon.editor.isHidden()


def test_skip_records_the_slot_skipped(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    afternoon = row(view, med, time(14))
    click(qtbot, afternoon.other)
    click(qtbot, afternoon.skip)
    [saved] = session.store.intakes.between(DAY, DAY, med.id)
    assert (saved.status, saved.slot) == (IntakeStatus.SKIPPED, Slot(DAY, time(14)))
    assert row(view, med, time(14)).status.text() == "– skipped (21:00)"
    assert view.total_texts[med.id] == "Baclofen: 0 / 80 mg today"  # a skip takes nothing
    assert "Recorded the 14:00 Baclofen dose as skipped" in view.notice.text()
    assert afternoon.editor.isHidden() and afternoon.other.isHidden()
    session.undo_stack.undo()
    assert row(view, med, time(14)).status.text() == "✗ missed"


def test_late_and_missed_follow_the_clock(qtbot, session: DiarySession,
                                          clock: list[datetime]) -> None:
    med = baclofen(session)
    clock[0] = at(9, 30)
    view = make_view(qtbot, session)
    assert row(view, med, time(8)).status.text() == "✗ missed"
    assert row(view, med, time(14)).status.text() == "to take"
    assert row(view, med, time(20)).status.text() == "to take"
    assert row(view, med, time(8)).status.font().bold()
    clock[0] = at(14, 30)
    view.refresh()
    assert row(view, med, time(14)).status.text() == "due now"
    # A dose taken 2.5 hours after its slot is late, in words.
    assert med.id is not None
    add_intake(session, Intake(med.id, at(10, 30), 20_000, slot=Slot(DAY, time(8))))
    assert row(view, med, time(8)).status.text() == "✓ taken 10:30, late"
    assert row(view, med, time(8)).take.isHidden()
    clock[0] = at(15, 30)
    view.refresh()
    assert row(view, med, time(14)).status.text() == "✗ missed"
    assert not row(view, med, time(14)).take.isHidden()  # a missed dose can still be taken


def test_a_different_amount_is_shown_with_the_slot(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    assert med.id is not None
    add_intake(session, Intake(med.id, at(8, 5), 15_000, slot=Slot(DAY, time(8))))
    assert row(view, med, time(8)).status.text() == "✓ taken 08:05 (15 mg)"


def test_undo_brings_the_slot_back(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    click(qtbot, row(view, med, time(20)).take)
    session.undo_stack.undo()
    assert session.store.intakes.between(DAY, DAY) == []
    assert row(view, med, time(20)).status.text() == "due now"
    assert view.total_texts[med.id] == "Baclofen: 0 / 80 mg today"


def test_the_day_rolls_over_on_refresh(qtbot, session: DiarySession,
                                       clock: list[datetime]) -> None:
    med = baclofen(session, end=DAY + timedelta(days=30))
    view = make_view(qtbot, session)
    click(qtbot, row(view, med, time(20)).take)
    clock[0] = at(9, 30) + timedelta(days=1)
    view.refresh()
    assert view.title.text() == "Today, Friday 27 November 2026"
    assert row(view, med, time(8), DAY + timedelta(days=1)).status.text() == "✗ missed"
    assert view.total_texts[med.id] == "Baclofen: 0 / 80 mg today"


def test_other_time_and_skip_by_keyboard(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    activate(qtbot, view)
    afternoon = row(view, med, time(14))
    afternoon.other.setFocus()
    qtbot.keyClick(afternoon.other, Qt.Key.Key_Return)
    assert afternoon.at.hasFocus() and afternoon.at.selectedText() == "14:00"
    qtbot.keyClick(afternoon.at, Qt.Key.Key_Escape)
    assert afternoon.editor.isHidden() and afternoon.other.hasFocus()
    assert session.store.intakes.between(DAY, DAY) == []
    qtbot.keyClick(afternoon.other, Qt.Key.Key_Return)
    qtbot.keyClick(afternoon.at, Qt.Key.Key_Tab)
    assert afternoon.save_at.hasFocus()
    qtbot.keyClick(afternoon.save_at, Qt.Key.Key_Tab)
    assert afternoon.skip.hasFocus()
    qtbot.keyClick(afternoon.skip, Qt.Key.Key_Return)
    [saved] = session.store.intakes.between(DAY, DAY, med.id)
    assert (saved.status, saved.slot) == (IntakeStatus.SKIPPED, Slot(DAY, time(14)))
    assert view.slots.hasFocus()  # on the list: not on a "Take now" a second Enter would press


# --- two Enters must not take two doses ----------------------------------------------------------
def test_once_a_later_slot_is_due_a_missed_one_offers_only_other(
        qtbot, session: DiarySession, clock: list[datetime]) -> None:
    """Reviewer: at 20:05 with 14:00 unlogged, Ctrl+T went to 14:00, Enter took it, the focus
    jumped to 20:00 and a second Enter took that too: 40 mg within seconds, no question."""
    med = baclofen(session)
    assert med.id is not None
    add_intake(session, Intake(med.id, at(8), 20_000, slot=Slot(DAY, time(8))))
    clock[0] = at(20, 5)
    view = make_view(qtbot, session)
    activate(qtbot, view)
    afternoon, evening = row(view, med, time(14)), row(view, med, time(20))
    assert afternoon.status.text() == "✗ missed"
    assert afternoon.take.isHidden() and not afternoon.other.isHidden()
    assert not evening.take.isHidden()
    qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert evening.take.hasFocus()  # the slot that is due, not the missed one
    qtbot.keyClick(evening.take, Qt.Key.Key_Return)
    assert [i.slot for i in session.store.intakes.between(DAY, DAY, med.id)] == [
        Slot(DAY, time(8)), Slot(DAY, time(20))]
    assert view.slots.hasFocus()
    assert not any(r.take.hasFocus() or r.other.hasFocus() for r in view.slots.rows.values())
    qtbot.keyClick(view.slots, Qt.Key.Key_Return)  # the second Enter
    assert len(session.store.intakes.between(DAY, DAY, med.id)) == 2
    assert view.total_texts[med.id] == "Baclofen: 40 / 80 mg today"


def test_the_missed_slot_is_still_recorded_as_taken_earlier(
        qtbot, session: DiarySession, clock: list[datetime]) -> None:
    med = baclofen(session)
    clock[0] = at(20, 5)
    view = make_view(qtbot, session)
    afternoon = row(view, med, time(14))
    assert "A later Baclofen dose is due now" in afternoon.other.toolTip()
    click(qtbot, afternoon.other)
    afternoon.at.setText("14:30")
    click(qtbot, afternoon.save_at)  # no question: it answers its own slot, hours ago
    [saved] = session.store.intakes.between(DAY, DAY, med.id)
    assert (saved.at, saved.slot) == (at(14, 30), Slot(DAY, time(14)))


def test_up_and_down_skip_a_missing_take_now(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    activate(qtbot, view)
    evening = row(view, med, time(20))
    evening.take.setFocus()
    qtbot.keyClick(evening.take, Qt.Key.Key_Up)
    assert row(view, med, time(14)).other.hasFocus()  # 14:00 offers no "Take now" at 21:00


@pytest.mark.parametrize("answer", [False, True])
def test_take_now_hours_before_the_slot_asks(qtbot, session: DiarySession,
                                             clock: list[datetime],
                                             dialog_answers,
                                             answer: bool) -> None:
    asked = dialog_answers.always(answer).texts
    med = baclofen(session)
    assert med.id is not None
    add_intake(session, Intake(med.id, at(8), 20_000, slot=Slot(DAY, time(8))))
    clock[0] = at(9, 30)
    view = make_view(qtbot, session)
    depth = session.undo_stack.count()
    click(qtbot, row(view, med, time(14)).take)
    [question] = asked
    assert "Baclofen: 09:30 is 4 h 30 min before the 14:00 dose is due" in question
    intakes = session.store.intakes.between(DAY, DAY, med.id)
    if answer:
        assert [i.slot for i in intakes] == [Slot(DAY, time(8)), Slot(DAY, time(14))]
        assert session.undo_stack.count() == depth + 1
    else:
        assert len(intakes) == 1 and session.undo_stack.count() == depth
        assert view.notice.text().startswith("Not recorded.")


def test_a_second_dose_within_the_on_time_window_asks(qtbot, session: DiarySession,
                                                      clock: list[datetime],
                                                      dialog_answers) -> None:
    asked = dialog_answers.always(False).texts
    med = baclofen(session)
    clock[0] = at(19, 30)
    view = make_view(qtbot, session)
    click(qtbot, row(view, med, time(14)).take)  # missed, the 20:00 dose not yet due: no question
    assert asked == []
    click(qtbot, row(view, med, time(20)).take)
    [question] = asked
    assert "a dose was already taken at 19:30, 0 min from this one: this would be a second " \
        "dose within 1 h" in question
    assert len(session.store.intakes.between(DAY, DAY, med.id)) == 1


def test_ctrl_t_before_any_dose_is_due_goes_to_the_next(qtbot, session: DiarySession,
                                                        clock: list[datetime]) -> None:
    med = baclofen(session)
    clock[0] = at(7)
    view = make_view(qtbot, session)
    activate(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert row(view, med, time(8)).take.hasFocus()


def test_other_on_a_dose_still_ahead_offers_now_and_it_can_be_saved(
        qtbot, session: DiarySession, clock: list[datetime], dialog_answers) -> None:
    """Reviewer: "Other…" on a dose still ahead filled in its future time, then said "time:
    2026-12-08T14:00+00:00 is in the future"."""
    med = baclofen(session)
    clock[0] = at(10, 10)
    asked = dialog_answers.queue(True).texts  # taken well before its time: "Did you take it?"
    view = make_view(qtbot, session)
    afternoon = row(view, med, time(14))
    assert afternoon.status.text() == "to take"
    click(qtbot, afternoon.other)
    assert afternoon.at.text() == "10:10"  # now, not 14:00
    assert view.slots.unsaved_changes() == []  # what it offers is not something typed
    qtbot.keyClick(afternoon.at, Qt.Key.Key_Return)
    assert len(asked) == 1
    [saved] = session.store.intakes.between(DAY, DAY, med.id)
    assert (saved.at, saved.slot) == (at(10, 10), Slot(DAY, time(14)))
    assert dialog_answers.error_texts == []


def test_a_time_ahead_is_refused_in_plain_words_and_local_time(
        qtbot, session: DiarySession, clock: list[datetime], dialog_answers) -> None:
    med = baclofen(session)
    clock[0] = at(10, 10)
    view = make_view(qtbot, session)
    afternoon = row(view, med, time(14))
    click(qtbot, afternoon.other)
    afternoon.at.setText("14:00")
    click(qtbot, afternoon.save_at)
    assert dialog_answers.error_texts == [
        "Time: 14:00 today is still ahead; a dose can be logged up to now, 10:10."]
    assert view.notice.text() == ("Not recorded: Time: 14:00 today is still ahead; a dose can "
                                  "be logged up to now, 10:10.")
    assert "+" not in view.notice.text() and "T14" not in view.notice.text()  # no ISO
    assert session.store.intakes.between(DAY, DAY) == []
