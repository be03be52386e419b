"""Reminders in the system tray: its menu (show, quit, and take or snooze each due dose) and a
message for each due dose that opens the window when clicked, and logs nothing by itself."""

from __future__ import annotations

from datetime import datetime
from datetime import time

from diary.domain.entities import Medication
from diary.domain.entities import Slot
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
