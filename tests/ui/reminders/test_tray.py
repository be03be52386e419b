"""Reminders in the system tray: its menu (show, quit, take or snooze each due dose with its
pill, what is snoozed until when, what comes soon) and a message for each due dose, each time it
asks again, and for a heads-up, that opens the window when clicked and logs nothing by itself."""

from __future__ import annotations

from datetime import datetime
from datetime import time
from pathlib import Path

from PySide6.QtCore import QSettings

from diary.domain.entities import Medication
from diary.domain.entities import Slot
from diary.ui.reminders.preferences import HEADS_UP_KEY
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.reminders.tray import TrayReminders
from diary.ui.shell.launch import application_icon
from diary.ui.shell.session import DiarySession
from tests.ui.reminders.support import DAY
from tests.ui.reminders.support import at
from tests.ui.reminders.support import dose_at
from tests.ui.reminders.support import fired_at


def test_tray_menu_and_message(scheduler: ReminderScheduler, baclofen: Medication,
                               session: DiarySession, clock: list[datetime], qtbot) -> None:
    tray = TrayReminders(scheduler, application_icon())
    texts = [a.text() for a in tray.menu().actions() if not a.isSeparator()]
    assert texts == ["Show diary", "Quit"]
    fired_at(scheduler, clock, at(8))
    assert tray.last_message is not None
    title, body = tray.last_message
    assert title == "Baclofen 20 mg is due (08:00)" and "Snooze 10 min" in body
    actions = {a.text(): a for a in tray.menu().actions()}
    assert "Take Baclofen 20 mg (08:00)" in actions
    actions["Snooze Baclofen 20 mg (08:00) 10 min"].trigger()
    assert scheduler.pending() == []
    fired_at(scheduler, clock, at(8, 10))
    {a.text(): a for a in tray.menu().actions()}["Take Baclofen 20 mg (08:00)"].trigger()
    assert [i.slot for i in session.store.intakes.between(DAY, DAY)] == [Slot(DAY, time(8))]
    fired_at(scheduler, clock, at(14))
    assert "Click here to open the diary" in tray.last_message[1]
    with qtbot.waitSignal(tray.show_requested, timeout=1000):
        tray.icon.messageClicked.emit()  # a click to look shows the window, whose banner asks
    assert len(session.store.intakes.between(DAY, DAY)) == 1  # and logs nothing by itself
    assert scheduler.pending() == [dose_at(baclofen, 14)]
    with qtbot.waitSignal(tray.quit_requested, timeout=1000):
        {a.text(): a for a in tray.menu().actions()}["Quit"].trigger()


def test_the_tray_says_until_when_and_what_comes(
        session: DiarySession, baclofen: Medication, clock: list[datetime], tmp_path: Path,
        qtbot) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(HEADS_UP_KEY, "10")
    clock[0] = at(6)
    scheduler = ReminderScheduler(session, settings=settings)
    tray = TrayReminders(scheduler, application_icon())
    scheduler.start()
    fired_at(scheduler, clock, at(7, 50))
    assert tray.last_message is not None
    assert tray.last_message[0] == "Baclofen 20 mg at 08:00, in 10 minutes"
    assert "A notice only" in tray.last_message[1]
    [coming] = [a for a in tray.menu().actions() if "in 10 minutes" in a.text()]
    assert not coming.isEnabled() and not coming.icon().isNull()  # said, with the pill
    fired_at(scheduler, clock, at(8, 3))
    actions = {a.text(): a for a in tray.menu().actions()}
    take = actions["Take Baclofen 20 mg (08:00)"]
    assert not take.icon().isNull()
    actions["Snooze Baclofen 20 mg (08:00) 10 min"].trigger()
    assert tray.last_message[0] == "Baclofen 20 mg (08:00): snoozed until 08:13"
    [snoozed] = [a for a in tray.menu().actions() if "snoozed until" in a.text()]
    assert snoozed.text() == "Baclofen 20 mg (08:00): snoozed until 08:13"
    assert not snoozed.isEnabled()
    fired_at(scheduler, clock, at(8, 13))
    assert tray.last_message[0] == "Baclofen 20 mg is due (08:00)"
    fired_at(scheduler, clock, at(8, 28))  # unanswered: the tray asks again
    assert tray.last_message[0] == "Baclofen 20 mg is still due (08:00)"
    assert tray.icon.toolTip() == "Medication Diary: 1 dose due"
    scheduler.stop()
