"""Desktop notifications with buttons, through the freedesktop Notifications service on the
session bus (the one GNOME, KDE, Xfce and most others provide).

jeepney (pure-Python D-Bus, the library keyring uses) writes and reads the messages and runs the
authentication; they travel over the bus's Unix socket in a QLocalSocket, so everything runs in
the GUI thread's event loop and never blocks the window (jeepney's own connections block, or
need asyncio or trio). The connection authenticates (EXTERNAL, by the user's uid), says Hello,
subscribes to the service's signals and asks for its capabilities; only a service that shows
actions makes `ready` true. Until then, or without a session bus, or on anything unreadable from
the bus, the caller falls back to the tray's own messages. The socket is local to the machine:
no network is involved. (PySide6's QtDBus is not used: it cannot send the uint32 that Notify
takes as `replaces_id`, so a notification daemon refuses its calls.)
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

import jeepney  # type: ignore[import-untyped]
import jeepney.auth  # type: ignore[import-untyped]
from PySide6.QtCore import QObject
from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtNetwork import QLocalSocket

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
APP_NAME = "Medication Diary"
APP_ICON = "medication-diary"  # the icon theme's name for the program's icon
NEVER_EXPIRES = 0
SERVER_DEFAULT = -1  # the notification goes away when the desktop decides
LOW, NORMAL = 0, 1  # urgency
NOTIFICATIONS = jeepney.DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
# What reading the bus may raise on bytes that are not a message jeepney can read.
UNREADABLE = (ValueError, KeyError, IndexError, TypeError, struct.error)

Reply = Callable[[Any], None]  # gets a jeepney Message


def socket_of(address: str) -> tuple[str, bool] | None:
    """The socket a bus address names, and whether it is abstract; None for none we can use
    ('unix:path=/run/user/1000/bus', 'unix:abstract=/tmp/dbus-x,guid=...'; ';' separates
    alternatives; never a TCP address: that would be the network)."""
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


def image_hint(image: QImage) -> tuple[str, tuple[int, int, int, bool, int, int, bytes]]:
    """`image` as the specification's "image-data" hint (iiibiiay): width, height, bytes per
    row, alpha, bits per sample, channels, the RGBA bytes."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    data = bytes(rgba.constBits())[:rgba.sizeInBytes()]
    return ("(iiibiiay)", (rgba.width(), rgba.height(), rgba.bytesPerLine(), True, 8, 4, data))


class DesktopNotifications(QObject):
    action_invoked = Signal(int, str)  # notification id, action key ("default" for a click)
    closed = Signal(int)
    ready_changed = Signal(bool)

    def __init__(self, address: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ready = False
        self._dead = False
        self._auth = jeepney.auth.Authenticator()
        self._parser = jeepney.Parser()
        self._serial = 0
        self._replies: dict[int, Reply] = {}
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
    def given_up(self) -> bool:
        """The bus refused us, went away, or sent what jeepney cannot read: no notifications
        from here on (the tray's messages and the banner do the job)."""
        return self._dead

    @property
    def settled(self) -> bool:
        """Connected, and every call made so far answered."""
        return self._auth.authenticated and not self._replies

    def notify(self, summary: str, body: str, actions: Sequence[tuple[str, str]],
               shown: Callable[[int], None], *, replaces: int = 0, urgency: int = NORMAL,
               image: QImage | None = None, expire_ms: int = NEVER_EXPIRES) -> bool:
        """Show a notification with these (key, label) buttons (replacing notification
        `replaces`, when not 0); `shown` gets its id once the service answers. False, and
        nothing sent, when notifications with buttons are not available."""
        if not self.ready:
            return False
        flat = [text for pair in actions for text in pair]
        hints: dict[str, tuple[str, Any]] = {
            "desktop-entry": ("s", APP_ICON), "category": ("s", "reminder"),
            "urgency": ("y", urgency)}
        if image is not None and not image.isNull():
            hints["image-data"] = image_hint(image)
        self._call(jeepney.new_method_call(
            NOTIFICATIONS, "Notify", "susssasa{sv}i",
            (APP_NAME, replaces, APP_ICON, summary, body, flat, hints, expire_ms)),
            lambda reply: shown(int(reply.body[0])) if _returned(reply, "u") else None)
        return True

    def close_notification(self, notification_id: int) -> None:
        if self.ready:
            self._call(jeepney.new_method_call(NOTIFICATIONS, "CloseNotification", "u",
                                               (notification_id,)))

    # --- the connection ----------------------------------------------------------------------
    def _authenticate(self) -> None:
        first = self._auth.data_to_send()  # b"\0AUTH EXTERNAL <uid in hex>\r\n"
        if first:
            self._socket.write(first)

    def _begin(self) -> None:
        self._socket.write(jeepney.auth.BEGIN)
        bus = jeepney.message_bus
        self._call(bus.Hello(), lambda _reply: None)
        self._call(bus.AddMatch(jeepney.MatchRule(type="signal", interface=SERVICE, path=PATH)))
        self._call(jeepney.new_method_call(NOTIFICATIONS, "GetCapabilities"), self._capabilities)

    def _capabilities(self, reply: Any) -> None:
        able = _returned(reply, "as") and "actions" in reply.body[0]
        if able != self.ready:
            self.ready = able
            self.ready_changed.emit(able)

    def _call(self, message: Any, on_reply: Reply | None = None) -> None:
        self._serial += 1
        if on_reply is None:
            message.header.flags = jeepney.MessageFlag.no_reply_expected
        else:
            self._replies[self._serial] = on_reply
        self._socket.write(message.serialise(serial=self._serial))

    def _read(self) -> None:
        data = bytes(self._socket.readAll().data())
        try:
            if not self._auth.authenticated:
                self._auth.feed(data)  # one line, "OK <guid>", before BEGIN
                if not self._auth.authenticated:
                    return
                self._begin()
                return
            for message in self._parser.feed(data):
                self._dispatch(message)
        except UNREADABLE:  # jeepney's AuthenticationError is a ValueError too
            self._give_up()  # a bus we cannot read: the tray's messages do the job

    def _dispatch(self, message: Any) -> None:
        header = message.header
        kind = header.message_type
        fields = header.fields
        if kind in (jeepney.MessageType.method_return, jeepney.MessageType.error):
            handler = self._replies.pop(fields.get(jeepney.HeaderFields.reply_serial, 0), None)
            if handler is not None:
                handler(message)
        elif (kind is jeepney.MessageType.signal
              and fields.get(jeepney.HeaderFields.interface) == SERVICE):
            member = fields.get(jeepney.HeaderFields.member)
            if member == "ActionInvoked" and _signature(message) == "us":
                self.action_invoked.emit(int(message.body[0]), str(message.body[1]))
            elif member == "NotificationClosed" and _signature(message).startswith("u"):
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


def _signature(message: Any) -> str:
    return str(message.header.fields.get(jeepney.HeaderFields.signature, ""))


def _returned(reply: Any, signature: str) -> bool:
    """Whether `reply` is a method return whose body has `signature`."""
    return bool(reply.header.message_type is jeepney.MessageType.method_return
                and _signature(reply) == signature)
