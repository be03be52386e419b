"""The reminder banner inside the window: a due dose with Taken and Snooze buttons, gone once
answered, back when a snooze is over; Taken over the max asks instead of logging."""

from __future__ import annotations

from datetime import datetime
from datetime import time

from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.entities import Slot
from diary.ui.reminders.banner import ReminderBanner
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import click
from tests.ui.reminders.support import DAY
from tests.ui.reminders.support import at
from tests.ui.reminders.support import dose_at
from tests.ui.reminders.support import fired_at
from tests.ui.reminders.support import over_max_day


def shown_banner(scheduler: ReminderScheduler, qtbot) -> ReminderBanner:
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
    assert not banner.isVisible()  # nothing pending
    fired_at(scheduler, clock, at(20))
    assert banner.isVisible()
    [row] = banner.rows()
    assert row.label.text() == "Baclofen 20 mg is due (20:00)"
    click(qtbot, row.take_button)
    [intake] = session.store.intakes.between(DAY, DAY)
    assert intake.slot == Slot(DAY, time(20))
    assert not banner.isVisible()


def test_banner_snooze_button(scheduler: ReminderScheduler, baclofen: Medication,
                              session: DiarySession, clock: list[datetime], qtbot) -> None:
    banner = shown_banner(scheduler, qtbot)
    fired_at(scheduler, clock, at(8))
    [row] = banner.rows()
    assert row.snooze_button.text() == "Snooze 10 min"
    click(qtbot, row.snooze_button)
    assert not banner.isVisible() and session.store.intakes.between(DAY, DAY) == []
    fired_at(scheduler, clock, at(8, 10))
    assert banner.isVisible() and [r.dose for r in banner.rows()] == [dose_at(baclofen, 8)]


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
    assert banner.isVisible()
