"""The reminder banner inside the window: a due dose with Taken, Skip and Snooze buttons, which
says until when a snoozed one waits, and the next dose when nothing is due; Taken over the max
asks instead of logging (its look and its height: test_banner_layout.py)."""

from __future__ import annotations

from datetime import datetime
from datetime import time

from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import Slot
from diary.ui.reminders.banner import DUE
from diary.ui.reminders.banner import NEXT
from diary.ui.reminders.banner import SNOOZED
from diary.ui.reminders.banner import ReminderBanner
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import click
from tests.ui.reminders.support import DAY
from tests.ui.reminders.support import at
from tests.ui.reminders.support import dose_at
from tests.ui.reminders.support import fired_at
from tests.ui.reminders.support import over_max_day


def shown_banner(scheduler: ReminderScheduler, qtbot) -> ReminderBanner:  # type: ignore[no-untyped-def]
    """The banner inside a shown window, as the main window will hold it."""
    window = QWidget()
    qtbot.addWidget(window)
    banner = ReminderBanner(scheduler, window)
    QVBoxLayout(window).addWidget(banner)
    window.show()
    banner.host = window  # type: ignore[attr-defined]  # qtbot keeps only a weak reference
    return banner


def test_banner_taken_button_logs_the_dose(scheduler: ReminderScheduler, baclofen: Medication,
                                           session: DiarySession, clock: list[datetime],
                                           qtbot) -> None:
    banner = shown_banner(scheduler, qtbot)
    [row] = banner.rows()
    assert banner.isVisible() and row.state == NEXT  # nothing due: the next dose
    assert row.text == "Next: Baclofen 20 mg at 08:00"
    assert not any(b.isVisible() for b in row.buttons())
    fired_at(scheduler, clock, at(20))
    [row] = banner.rows()
    assert row.state == DUE and row.text == "Baclofen 20 mg is due (20:00)"
    assert "<b>Baclofen 20 mg</b> is due (20:00)" in row.label.text()  # the name in bold
    assert row.label.accessibleName() == "Baclofen 20 mg is due (20:00)"
    assert [b.text() for b in row.buttons() if b.isVisible()] == [
        "Taken", "Skip", "Snooze 10 min", "Longer"]
    click(qtbot, row.take_button)
    [intake] = session.store.intakes.between(DAY, DAY)
    assert (intake.slot, intake.status) == (Slot(DAY, time(20)), IntakeStatus.TAKEN)
    [row] = banner.rows()
    assert banner.isVisible() and row.text == "No more doses today"


def test_banner_skip_button_records_it_skipped(scheduler: ReminderScheduler,
                                               baclofen: Medication, session: DiarySession,
                                               clock: list[datetime], qtbot) -> None:
    banner = shown_banner(scheduler, qtbot)
    fired_at(scheduler, clock, at(8, 20))
    [row] = banner.rows()
    click(qtbot, row.skip_button)
    [intake] = session.store.intakes.between(DAY, DAY)
    assert (intake.slot, intake.status) == (Slot(DAY, time(8)), IntakeStatus.SKIPPED)
    assert session.undo_stack.undoText() == "Skip Baclofen 20 mg (08:00)"
    assert scheduler.pending() == []
    assert [r.text for r in banner.rows()] == ["Next: Baclofen 20 mg at 14:00"]
    session.undo_stack.undo()  # a skip by mistake: undone, the reminder is back
    assert [r.text for r in banner.rows()] == ["Baclofen 20 mg is due (08:00)"]


def test_banner_snooze_button_says_until_when(scheduler: ReminderScheduler,
                                              baclofen: Medication, session: DiarySession,
                                              clock: list[datetime], qtbot) -> None:
    banner = shown_banner(scheduler, qtbot)
    fired_at(scheduler, clock, at(8, 15))
    [row] = banner.rows()
    assert row.snooze_button.text() == "Snooze 10 min"
    click(qtbot, row.snooze_button)
    [row] = banner.rows()
    assert banner.isVisible() and session.store.intakes.between(DAY, DAY) == []
    assert row.state == SNOOZED and row.text == "Baclofen 20 mg (08:00): snoozed until 08:25"
    # Taken and Skip stay at hand (it may be taken meanwhile); Snooze is done.
    assert [b.text() for b in row.buttons() if b.isVisible()] == ["Taken", "Skip"]
    fired_at(scheduler, clock, at(8, 25))
    assert [(r.state, r.dose) for r in banner.rows()] == [(DUE, dose_at(baclofen, 8))]


def test_a_longer_snooze_from_the_menu(scheduler: ReminderScheduler, baclofen: Medication,
                                       clock: list[datetime], qtbot) -> None:
    banner = shown_banner(scheduler, qtbot)
    fired_at(scheduler, clock, at(8))
    [row] = banner.rows()
    choices = {a.text(): a for a in row.longer_button.menu().actions()}
    assert list(choices) == ["Snooze 30 minutes", "Snooze 1 hour"]
    assert row.longer_button.accessibleName() == \
        "Snooze Baclofen 20 mg (08:00) for longer: choose how long"
    choices["Snooze 1 hour"].trigger()
    assert [r.text for r in banner.rows()] == ["Baclofen 20 mg (08:00): snoozed until 09:00"]
    assert scheduler.next_wake() == at(9)
    assert fired_at(scheduler, clock, at(8, 59)) == []
    assert fired_at(scheduler, clock, at(9)) == [dose_at(baclofen, 8)]


def test_taken_from_a_snoozed_row_logs_it(scheduler: ReminderScheduler, baclofen: Medication,
                                          session: DiarySession, clock: list[datetime],
                                          qtbot) -> None:
    banner = shown_banner(scheduler, qtbot)
    fired_at(scheduler, clock, at(14))
    scheduler.snooze(dose_at(baclofen, 14))
    clock[0] = at(14, 5)
    [row] = banner.rows()
    click(qtbot, row.take_button)
    [intake] = session.store.intakes.between(DAY, DAY)
    assert intake.slot == Slot(DAY, time(14)) and intake.at == at(14, 5)
    assert scheduler.snoozed_doses() == {}
    assert fired_at(scheduler, clock, at(14, 10)) == []  # the snooze is over with the answer


def test_banner_taken_over_the_max_asks_instead(scheduler: ReminderScheduler,
                                                baclofen: Medication, session: DiarySession,
                                                clock: list[datetime], qtbot) -> None:
    over_max_day(session, baclofen, clock)
    banner = shown_banner(scheduler, qtbot)
    fired_at(scheduler, clock, at(20))
    [row] = banner.rows()
    with qtbot.waitSignal(scheduler.confirmation_needed, timeout=1000):
        click(qtbot, row.take_button)
    assert len(session.store.intakes.between(DAY, DAY)) == 3
    assert banner.isVisible() and [r.state for r in banner.rows()] == [DUE]


def test_the_banner_hides_while_reminders_are_off(scheduler: ReminderScheduler,
                                                  baclofen: Medication, clock: list[datetime],
                                                  qtbot) -> None:
    banner = shown_banner(scheduler, qtbot)
    fired_at(scheduler, clock, at(8))
    scheduler.set_enabled(False)
    assert not banner.isVisible()
    scheduler.set_enabled(True)  # back on: what was waiting, still in its window, is back
    assert banner.isVisible() and [r.state for r in banner.rows()] == [DUE]
    scheduler.stop()
    assert not banner.isVisible()
