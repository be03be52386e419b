"""Helpers the reminder tests share (no tests here): the tests' day and its times, a scheduled
dose, the scheduler checked at a moment of the test's clock, a day near the max, and the bus the
desktop-notification tests need. The fixtures (`baclofen`, `scheduler`, `service`) are in
conftest.py."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time

import pytest

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

needs_bus = pytest.mark.skipif(dbus_daemon() is None, reason="dbus-daemon is not installed")


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE)


def dose_at(med: Medication, hour: int, day: date = DAY) -> ScheduledDose:
    assert med.id is not None
    return ScheduledDose(med.id, Slot(day, time(hour)), 20_000)


def fired_at(scheduler: ReminderScheduler, clock: list[datetime], when: datetime) -> list:
    clock[0] = when
    return scheduler.check_now()


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
