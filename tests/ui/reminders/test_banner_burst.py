"""Reminders that come together each keep their row until none is left to answer: an answered
one, from the banner or the Today view, says what was recorded; a snoozed one stays where it
was; the next slot of a medication takes its medication's row; an undone answer brings the
reminder back in its row; the focus never lands on another reminder's Taken. Nothing below the
banner moves meanwhile (its height with one reminder or none, its buttons and pills:
test_banner_layout.py)."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.reminders.banner import DONE
from diary.ui.reminders.banner import DUE
from diary.ui.reminders.banner import SNOOZED
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.shell.session import DiarySession
from tests.helpers.doses import add_intake
from tests.helpers.qt import activate
from tests.helpers.qt import click
from tests.ui.reminders.support import DAY
from tests.ui.reminders.support import at
from tests.ui.reminders.support import dose_at
from tests.ui.reminders.support import fired_at
from tests.ui.reminders.support import pointer_on
from tests.ui.reminders.test_banner_layout import Window
from tests.ui.reminders.test_banner_layout import texts
from tests.ui.reminders.test_banner_layout import tizanidine


def states(window: Window) -> list[tuple[str, str]]:
    return [(r.state, r.text) for r in window.banner.rows()]


def test_an_answer_in_the_today_view_turns_its_row_into_what_was_recorded(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    other = tizanidine(session)
    window = Window(scheduler, qtbot)
    fired_at(scheduler, clock, at(8))
    two = window.measure()
    clock[0] = at(8, 4)
    # The hand is on the Today view, below the banner, when it clicks there.
    pointer_on(window.below)
    add_intake(session, Intake(baclofen.id, at(8, 4), 20_000, IntakeStatus.SKIPPED,
                               slot=dose_at(baclofen, 8).slot))
    assert states(window) == [(DONE, "– Baclofen 20 mg skipped 08:04"),
                              (DUE, "Tizanidine 2 mg is due (08:00)")]
    assert window.measure() == two
    assert other.id is not None
    add_intake(session, Intake(other.id, at(8, 4), 3_000, slot=dose_at(other, 8).slot))
    # The amount recorded, not the planned one; and nothing moves under the hand.
    assert texts(window) == ["– Baclofen 20 mg skipped 08:04", "✓ Tizanidine 3 mg taken 08:04"]
    assert window.measure() == two


def test_a_snoozed_reminder_keeps_its_row(scheduler: ReminderScheduler, baclofen: Medication,
                                          session: DiarySession, clock: list[datetime],
                                          qtbot) -> None:
    tizanidine(session)
    window = Window(scheduler, qtbot)
    fired_at(scheduler, clock, at(8))
    two = window.measure()
    first = window.banner.rows()[0]
    pointer_on(first.snooze_button)
    click(qtbot, first.snooze_button)
    assert states(window) == [(SNOOZED, "Baclofen 20 mg (08:00): snoozed until 08:10"),
                              (DUE, "Tizanidine 2 mg is due (08:00)")]
    assert window.measure() == two
    fired_at(scheduler, clock, at(8, 10))
    assert [r.state for r in window.banner.rows()] == [DUE, DUE]
    assert window.measure() == two


def test_the_next_slot_takes_its_medication_s_row(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    other = edits.add_medication(session, Medication(name="Tizanidine", unit=Unit.MG))
    assert other.id is not None
    edits.add_plan_steps(session, [PlanStep(other.id, date(2026, 11, 1), 2_000,
                                            (time(8), time(10)))])
    window = Window(scheduler, qtbot)
    fired_at(scheduler, clock, at(8))
    two = window.measure()
    clock[0] = at(8, 2)
    scheduler.take(scheduler.pending()[1])  # Tizanidine's 08:00
    assert states(window)[1] == (DONE, "✓ Tizanidine 2 mg taken 08:02")
    fired_at(scheduler, clock, at(10))  # baclofen's 08:00 asks until 11:00
    assert texts(window) == [
        "Baclofen 20 mg was due at 08:00 — not recorded yet (next at 14:00)",
        "Tizanidine 2 mg is due (10:00)"]
    assert window.measure() == two


def test_an_undone_answer_comes_back_in_its_row(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    tizanidine(session)
    window = Window(scheduler, qtbot)
    fired_at(scheduler, clock, at(8))
    two = window.measure()
    pointer_on(window.banner.rows()[0].take_button)
    click(qtbot, window.banner.rows()[0].take_button)
    assert [r.state for r in window.banner.rows()] == [DONE, DUE]
    session.undo_stack.undo()
    assert texts(window) == ["Baclofen 20 mg is due (08:00)", "Tizanidine 2 mg is due (08:00)"]
    assert window.measure() == two


def test_a_row_keeps_its_height_when_its_words_get_shorter(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    """In a narrow window a late reminder's words take three lines; what was recorded takes
    one, and the row stays as high as it was."""
    tizanidine(session)
    window = Window(scheduler, qtbot)
    window.host.resize(560, 500)
    fired_at(scheduler, clock, at(9, 5))
    first = window.banner.rows()[0]
    before = window.measure()
    label = first.label
    assert label.heightForWidth(label.width()) >= 3 * label.fontMetrics().lineSpacing()
    pointer_on(first.take_button)
    click(qtbot, first.take_button)
    assert window.banner.rows()[0].state == DONE
    assert window.measure() == before
    # Snoozed, with two buttons fewer, the other's words take fewer lines: it stays as high too.
    click(qtbot, window.banner.rows()[1].snooze_button)
    assert window.banner.rows()[1].state == SNOOZED
    assert window.measure() == before


def test_the_focus_never_jumps_to_another_reminder_s_taken(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    """Space on the first Taken answers it; a second Space (a tremor, a key held) must not
    take the second dose: the focus rests on the answered row."""
    tizanidine(session)
    window = Window(scheduler, qtbot)
    activate(qtbot, window.host)
    fired_at(scheduler, clock, at(8))
    first = window.banner.rows()[0]
    first.take_button.setFocus()
    qtbot.keyClick(first.take_button, Qt.Key.Key_Space)
    assert [r.state for r in window.banner.rows()] == [DONE, DUE]
    assert QApplication.focusWidget() is first
    assert first.accessibleName() == "✓ Baclofen 20 mg taken 08:00"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert [r.state for r in window.banner.rows()] == [DONE, DUE]
    assert len(session.store.intakes.between(DAY, DAY)) == 1
    # The last one answered by keyboard: its row goes, the focus stays in the banner.
    second = window.banner.rows()[1]
    second.take_button.setFocus()
    qtbot.keyClick(second.take_button, Qt.Key.Key_Space)
    assert texts(window) == ["Next: Baclofen 20 mg at 14:00"]
    assert QApplication.focusWidget() is window.banner.rows()[0]
