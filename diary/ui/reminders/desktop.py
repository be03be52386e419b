"""Desktop notifications with buttons, through the freedesktop Notifications service on the
session bus (the one GNOME, KDE, Xfce and most others provide).

The messages are written by dbus_wire.py and sent over the bus's Unix socket with a QLocalSocket,
so everything runs in the GUI thread's event loop without blocking it: the connection
authenticates (EXTERNAL, by the user's uid), says Hello, subscribes to the service's signals
and asks for its capabilities; only a service that shows actions makes `ready` true. Until then,
or without a session bus, the caller falls back to the tray's own messages. The socket is local
to the machine: no network is involved.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal
from PySide6.QtNetwork import QLocalSocket

from diary.ui.reminders.dbus_wire import NO_REPLY_EXPECTED
from diary.ui.reminders.dbus_wire import Kind
from diary.ui.reminders.dbus_wire import Message
from diary.ui.reminders.dbus_wire import Variant
from diary.ui.reminders.dbus_wire import WireError
from diary.ui.reminders.dbus_wire import decode
from diary.ui.reminders.dbus_wire import encode
from diary.ui.reminders.dbus_wire import message_length

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
BUS = "org.freedesktop.DBus"
APP_NAME = "Medication Diary"
NEVER_EXPIRES = 0


def socket_of(address: str) -> tuple[str, bool] | None:
    """The socket a bus address names, and whether it is abstract; None for none we can use
    ('unix:path=/run/user/1000/bus', 'unix:abstract=/tmp/dbus-x,guid=...'; ';' separates
    alternatives)."""
    for alternative in address.split(";"):
        transport, _, rest = alternative.partition(":")
        if transport != "unix":
            continue
        keys = dict(part.split("=", 1) for part in rest.split(",") if "=" in part)
        if "path" in keys:
            return keys["path"], False
        if "abstract" in keys:
            return keys["abstract"], True
    return None


class DesktopNotifications(QObject):
    action_invoked = Signal(int, str)  # notification id, action key ("default" for a click)
    closed = Signal(int)
    ready_changed = Signal(bool)

    def __init__(self, address: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ready = False
        self._dead = False
        self._buffer = b""
        self._authenticated = False
        self._serial = 0
        self._replies: dict[int, Callable[[Message], None]] = {}
        self._socket = QLocalSocket(self)
        self._socket.connected.connect(self._authenticate)
        self._socket.readyRead.connect(self._read)
        self._socket.errorOccurred.connect(lambda _error: self._give_up())
        self._socket.disconnected.connect(self._give_up)
        found = socket_of(address if address is not None
                          else os.environ.get("DBUS_SESSION_BUS_ADDRESS", ""))
        if found is not None:
            name, abstract = found
            if abstract:
                self._socket.setSocketOptions(QLocalSocket.SocketOption.AbstractNamespaceOption)
            self._socket.connectToServer(name)

    # --- what callers use --------------------------------------------------------------------
    @property
    def settled(self) -> bool:
        """Connected, and every call made so far answered."""
        return self._authenticated and not self._replies

    def notify(self, summary: str, body: str, actions: Sequence[tuple[str, str]],
               shown: Callable[[int], None]) -> bool:
        """Show a notification with these (key, label) buttons; `shown` gets its id once the
        service answers. False, and nothing sent, when notifications with buttons are not
        available."""
        if not self.ready:
            return False
        flat = [text for pair in actions for text in pair]
        hints = {"desktop-entry": Variant("s", "medication-diary"),
                 "category": Variant("s", "reminder"), "urgency": Variant("y", 1)}
        self._call(SERVICE, PATH, SERVICE, "Notify", "susssasa{sv}i",
                   (APP_NAME, 0, "medication-diary", summary, body, flat, hints, NEVER_EXPIRES),
                   lambda reply: shown(int(reply.body[0])) if reply.body else None)
        return True

    def close_notification(self, notification_id: int) -> None:
        if self.ready:
            self._call(SERVICE, PATH, SERVICE, "CloseNotification", "u", (notification_id,))

    # --- the connection ----------------------------------------------------------------------
    def _authenticate(self) -> None:
        uid = str(os.getuid()).encode("ascii").hex().encode("ascii")
        self._socket.write(b"\0AUTH EXTERNAL " + uid + b"\r\n")

    def _begin(self) -> None:
        self._socket.write(b"BEGIN\r\n")
        self._authenticated = True
        self._call(BUS, "/org/freedesktop/DBus", BUS, "Hello", "", ())
        self._call(BUS, "/org/freedesktop/DBus", BUS, "AddMatch", "s",
                   (f"type='signal',interface='{SERVICE}',path='{PATH}'",))
        self._call(SERVICE, PATH, SERVICE, "GetCapabilities", "", (), self._capabilities)

    def _capabilities(self, reply: Message) -> None:
        able = reply.kind is Kind.METHOD_RETURN and bool(reply.body) and \
            "actions" in reply.body[0]
        if able != self.ready:
            self.ready = able
            self.ready_changed.emit(able)

    def _call(self, destination: str, path: str, interface: str, member: str, signature: str,
              body: tuple[object, ...],
              on_reply: Callable[[Message], None] | None = None) -> None:
        self._serial += 1
        flags = 0 if on_reply is not None else NO_REPLY_EXPECTED
        if on_reply is not None:
            self._replies[self._serial] = on_reply
        self._socket.write(encode(Message(
            Kind.METHOD_CALL, self._serial, path=path, interface=interface, member=member,
            destination=destination, signature=signature, body=body, flags=flags)))

    def _read(self) -> None:
        self._buffer += bytes(self._socket.readAll().data())
        try:
            if not self._authenticated:
                line, found, rest = self._buffer.partition(b"\r\n")
                if not found:
                    return
                self._buffer = rest
                if not line.startswith(b"OK "):
                    self._give_up()
                    return
                self._begin()
            while (length := message_length(self._buffer)) is not None and \
                    len(self._buffer) >= length:
                message, self._buffer = decode(self._buffer[:length]), self._buffer[length:]
                self._dispatch(message)
        except WireError:
            self._give_up()  # a bus we cannot read: the tray's messages do the job

    def _dispatch(self, message: Message) -> None:
        if message.kind in (Kind.METHOD_RETURN, Kind.ERROR) and message.reply_serial:
            handler = self._replies.pop(message.reply_serial, None)
            if handler is not None:
                handler(message)
        elif message.kind is Kind.SIGNAL and message.interface == SERVICE:
            if message.member == "ActionInvoked" and len(message.body) == 2:
                self.action_invoked.emit(int(message.body[0]), str(message.body[1]))
            elif message.member == "NotificationClosed" and message.body:
                self.closed.emit(int(message.body[0]))

    def _give_up(self) -> None:
        if self._dead:
            return
        self._dead = True
        if self.ready:
            self.ready = False
            self.ready_changed.emit(False)
        self._replies.clear()
        self._socket.abort()
