"""Helpers the reminder tests share (no tests here): the tests' day and its times, a scheduled
dose, the scheduler checked at a moment of the test's clock, the pointer put on a widget, a day
near the max, and the bus the desktop-notification tests need. The fixtures (`baclofen`,
`scheduler`, `service`, `pointer_starts_away`) are in conftest.py."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Slot
from diary.domain.plans.steps import ScheduledDose
from diary.ui.reminders.desktop import DesktopNotifications
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.shell.session import DiarySession
from tests.helpers.clock import NOW
from tests.helpers.doses import add_intake
from tests.helpers.notifications import FakeNotifications
from tests.helpers.notifications import dbus_daemon

DAY = date(2026, 11, 26)
ZONE = NOW.tzinfo
TIMEOUT_MS = 5000
AWAY = QPoint(20_000, 20_000)  # outside every window

needs_bus = pytest.mark.skipif(dbus_daemon() is None, reason="dbus-daemon is not installed")


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE)


def dose_at(med: Medication, hour: int, day: date = DAY) -> ScheduledDose:
    assert med.id is not None
    return ScheduledDose(med.id, Slot(day, time(hour)), 20_000)


def fired_at(scheduler: ReminderScheduler, clock: list[datetime], when: datetime) -> list:
    clock[0] = when
    return scheduler.check_now()


def pointer_on(widget: QWidget) -> None:
    """Rest the pointer on `widget`, as a hand does before it clicks (the click helper leaves
    the pointer where it is). Offscreen, the pointer enters only a window already exposed."""
    assert QTest.qWaitForWindowExposed(widget.window())
    QCursor.setPos(widget.mapToGlobal(widget.rect().center()))
    QApplication.processEvents()  # the window's Enter event
    assert widget.window().underMouse()


def pointer_away() -> None:
    """Take the pointer out of every window (each it leaves has its Leave event)."""
    QCursor.setPos(AWAY)
    QApplication.processEvents()


def over_max_day(session: DiarySession, med: Medication, clock: list[datetime]) -> None:
    """08:00 and 14:00 taken, and an extra 30 mg at 16:30: 70 of 80 mg before the 20:00 dose."""
    clock[0] = at(16, 30)
    for hour in (8, 14):
        add_intake(session, Intake(med.id, at(hour), 20_000, slot=Slot(DAY, time(hour))))
    add_intake(session, Intake(med.id, at(16, 30), 30_000))


def connected(qtbot, service: FakeNotifications) -> DesktopNotifications:  # type: ignore[no-untyped-def]
    desktop = DesktopNotifications(service.address)
    qtbot.waitUntil(lambda: desktop.ready, timeout=TIMEOUT_MS)
    return desktop
