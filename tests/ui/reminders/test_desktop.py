"""Desktop notifications with Taken and Snooze: a real dbus-daemon with a stand-in notification
service, through which a pressed button logs or snoozes the dose it announced (the wire format
itself: test_dbus_wire.py). The clock is the test's; waits poll, never sleep."""

from __future__ import annotations

from datetime import time

from diary.domain.entities import Medication
from diary.domain.entities import Slot
from diary.ui.reminders.dbus_wire import Variant
from diary.ui.reminders.desktop import DesktopNotifications
from diary.ui.reminders.desktop import socket_of
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.reminders.tray import TrayReminders
from diary.ui.shell.launch import application_icon
from diary.ui.shell.session import DiarySession
from tests.helpers.notifications import FakeNotifications
from tests.ui.reminders.support import DAY
from tests.ui.reminders.support import TIMEOUT_MS
from tests.ui.reminders.support import at
from tests.ui.reminders.support import connected
from tests.ui.reminders.support import fired_at
from tests.ui.reminders.support import needs_bus


def test_bus_addresses() -> None:
    assert socket_of("unix:path=/run/user/1000/bus") == ("/run/user/1000/bus", False)
    assert socket_of("tcp:host=x,port=1;unix:abstract=/tmp/dbus-Q,guid=ab") == \
        ("/tmp/dbus-Q", True)
    assert socket_of("tcp:host=localhost,port=1") is None  # never the network
    assert socket_of("") is None


def test_without_a_session_bus_nothing_is_ready() -> None:
    desktop = DesktopNotifications("")
    assert not desktop.ready
    assert not desktop.notify("Due", "", [("taken", "Taken")], lambda _id: None)


@needs_bus
def test_a_notification_with_buttons_and_a_pressed_one(qtbot,
                                                       service: FakeNotifications) -> None:
    desktop = connected(qtbot, service)
    ids: list[int] = []
    assert desktop.notify("Baclofen 20 mg is due (08:00)", "body", [("taken", "Taken")],
                          ids.append)
    qtbot.waitUntil(lambda: bool(ids), timeout=TIMEOUT_MS)
    [(app, replaces, icon, summary, body, actions, hints, expires)] = service.notified
    assert body == "body"
    assert (app, replaces, icon, summary, actions, expires) == (
        "Medication Diary", 0, "medication-diary", "Baclofen 20 mg is due (08:00)",
        ["taken", "Taken"], 0)
    assert hints["desktop-entry"] == Variant("s", "medication-diary")
    with qtbot.waitSignal(desktop.action_invoked, timeout=TIMEOUT_MS) as pressed:
        service.press(ids[0], "taken")
    assert pressed.args == [ids[0], "taken"]


@needs_bus
def test_a_service_without_buttons_is_not_used(qtbot, service: FakeNotifications) -> None:
    service.capabilities = ["body"]
    desktop = DesktopNotifications(service.address)
    # Every call answered (the capabilities among them), and still not ready.
    qtbot.waitUntil(lambda: desktop.settled, timeout=TIMEOUT_MS)
    assert not desktop.ready
    assert not desktop.notify("Due", "", [("taken", "Taken")], lambda _id: None)
    assert service.notified == []


@needs_bus
def test_taken_and_snooze_from_the_notification(qtbot, scheduler: ReminderScheduler,
                                                baclofen: Medication,
                                                session: DiarySession, clock,
                                                service: FakeNotifications) -> None:
    desktop = connected(qtbot, service)
    tray = TrayReminders(scheduler, application_icon(), desktop=desktop)

    def announced() -> int:
        assert tray.notifications is not None
        qtbot.waitUntil(lambda: bool(tray.notifications.announced()), timeout=TIMEOUT_MS)
        [notification_id] = tray.notifications.announced()
        return notification_id

    fired_at(scheduler, clock, at(8))
    first = announced()
    summary, actions = service.notified[-1][3], service.notified[-1][5]
    assert summary == "Baclofen 20 mg is due (08:00)"
    assert actions == ["taken", "Taken", "snooze", "Snooze 10 min", "default", "Open diary"]
    assert tray.last_message is not None and "Taken, Snooze" in tray.last_message[1]
    service.press(first, "taken")
    qtbot.waitUntil(lambda: len(session.store.intakes.between(DAY, DAY)) == 1, timeout=TIMEOUT_MS)
    assert [i.slot for i in session.store.intakes.between(DAY, DAY)] == [Slot(DAY, time(8))]

    fired_at(scheduler, clock, at(14))
    second = announced()
    service.press(second, "snooze")
    qtbot.waitUntil(lambda: scheduler.pending() == [], timeout=TIMEOUT_MS)
    assert len(session.store.intakes.between(DAY, DAY)) == 1  # snoozed, not taken
    fired_at(scheduler, clock, at(14, 10))
    again = announced()
    with qtbot.waitSignal(tray.show_requested, timeout=TIMEOUT_MS):
        service.press(again, "default")  # a click on the body: the window, nothing logged
    assert len(session.store.intakes.between(DAY, DAY)) == 1

    scheduler.take(scheduler.pending()[0])  # from the banner the window showed

    # Answered in the window instead: the notification is taken down, and a late press of its
    # Taken logs nothing more.
    fired_at(scheduler, clock, at(20))
    evening = announced()
    scheduler.take(scheduler.pending()[0])
    qtbot.waitUntil(lambda: evening in service.closed, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(desktop.action_invoked, timeout=TIMEOUT_MS):
        service.press(evening, "taken")
    assert len(session.store.intakes.between(DAY, DAY)) == 3
