"""Desktop notifications with Taken and Snooze: a real dbus-daemon with a stand-in notification
service, through which a pressed button logs or snoozes the dose it announced (the wire format
and its authentication are jeepney's, on both sides). The clock is the test's; waits poll, never
sleep."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtNetwork import QLocalServer
from PySide6.QtNetwork import QLocalSocket

from diary.domain.entities import Medication
from diary.domain.entities import Slot
from diary.ui.reminders.desktop import DesktopNotifications
from diary.ui.reminders.desktop import socket_of
from diary.ui.reminders.notifications import DoseNotifications
from diary.ui.reminders.preferences import HEADS_UP_KEY
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.reminders.tray import TrayReminders
from diary.ui.shell.launch import application_icon
from diary.ui.shell.session import DiarySession
from tests.helpers.notifications import FakeNotifications
from tests.ui.reminders.support import DAY
from tests.ui.reminders.support import TIMEOUT_MS
from tests.ui.reminders.support import at
from tests.ui.reminders.support import connected
from tests.ui.reminders.support import dose_at
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
    assert hints["desktop-entry"] == ("s", "medication-diary")
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


@needs_bus
def test_asking_again_snoozing_and_a_heads_up_on_the_desktop(
        qtbot, session: DiarySession, baclofen: Medication, clock, tmp_path: Path,
        service: FakeNotifications) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(HEADS_UP_KEY, "10")
    clock[0] = at(6)
    scheduler = ReminderScheduler(session, settings=settings)
    desktop = connected(qtbot, service)
    notifications = DoseNotifications(scheduler, desktop)  # as the window has it without a tray
    scheduler.due.connect(notifications.notify)
    scheduler.start()

    def sent(count: int) -> tuple[Any, ...]:
        qtbot.waitUntil(lambda: len(service.notified) == count, timeout=TIMEOUT_MS)
        return service.notified[-1]

    fired_at(scheduler, clock, at(7, 50))
    (_, replaces, icon, summary, _, actions, hints, expires) = sent(1)
    assert (replaces, icon, summary, expires) == (
        0, "medication-diary", "Baclofen 20 mg at 08:00, in 10 minutes", -1)
    assert actions == ["default", "Open diary"] and hints["urgency"] == ("y", 0)
    qtbot.waitUntil(lambda: bool(notifications.announced()), timeout=TIMEOUT_MS)
    [heads_up] = notifications.announced()
    # The pill as the notification's image: 48 x 48 RGBA, every byte there.
    signature, (width, height, stride, alpha, bits, channels, data) = hints["image-data"]
    assert signature == "(iiibiiay)" and (width, height, alpha, bits, channels) == (
        48, 48, True, 8, 4)
    assert len(data) == stride * height

    fired_at(scheduler, clock, at(8))
    (_, replaces, _, summary, _, actions, hints, expires) = sent(2)
    assert (replaces, summary, expires) == (heads_up, "Baclofen 20 mg is due (08:00)", 0)
    assert actions[0:2] == ["taken", "Taken"] and hints["urgency"] == ("y", 1)
    fired_at(scheduler, clock, at(8, 15))  # unanswered: asked again, in the same notification
    (_, replaces, _, summary, _, _, _, _) = sent(3)
    assert (replaces, summary) == (heads_up, "Baclofen 20 mg is still due (08:00)")
    assert list(notifications.announced()) == [heads_up]

    service.press(heads_up, "snooze")
    (_, replaces, _, summary, _, actions, _, expires) = sent(4)
    assert (replaces, summary, actions) == (
        heads_up, "Baclofen 20 mg (08:00): snoozed until 08:25", [])
    assert expires > 0  # the answer goes away by itself
    assert scheduler.snoozed_doses() == {dose_at(baclofen, 8): at(8, 25)}
    scheduler.stop()


class Bus:
    """A stand-in bus socket in the test's event loop that answers as it is told to."""

    def __init__(self, qtbot, folder: Path, answers: list[bytes]) -> None:  # type: ignore[no-untyped-def]
        self.server = QLocalServer()
        self.path = str(folder / "bus")
        assert self.server.listen(self.path)
        self.answers = answers
        self.peers: list[QLocalSocket] = []
        self.server.newConnection.connect(self._connected)

    def _connected(self) -> None:
        peer = self.server.nextPendingConnection()
        self.peers.append(peer)
        peer.readyRead.connect(lambda: self._answer(peer))

    def _answer(self, peer: QLocalSocket) -> None:
        peer.readAll()
        if self.answers:
            peer.write(self.answers.pop(0))


@pytest.mark.parametrize("answers", [
    [b"REJECTED EXTERNAL\r\n"],  # not let in
    [b"OK 0123456789abcdef\r\n", b"X" * 64],  # in, then bytes that are no D-Bus message
    [b"OK 0123456789abcdef\r\n" + b"l" * 8],  # more than the one line before BEGIN
], ids=["rejected", "garbage", "too-much"])
def test_a_bus_that_cannot_be_used_is_given_up_quietly(qtbot, tmp_path: Path,
                                                        answers: list[bytes]) -> None:
    bus = Bus(qtbot, tmp_path, answers)
    desktop = DesktopNotifications(f"unix:path={bus.path}")
    qtbot.waitUntil(lambda: desktop.given_up, timeout=TIMEOUT_MS)
    assert not desktop.ready
    assert not desktop.notify("Due", "", [("taken", "Taken")], lambda _id: None)
    desktop.close_notification(3)  # nothing sent, nothing raised
