"""A private session bus (a real dbus-daemon) with a stand-in notification service on it, for
the tests of desktop notifications: it records every Notify and CloseNotification call and
sends ActionInvoked when told to, as a desktop does when a button is pressed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from diary.ui.reminders.dbus_wire import Kind
from diary.ui.reminders.dbus_wire import Message
from diary.ui.reminders.dbus_wire import decode
from diary.ui.reminders.dbus_wire import encode
from diary.ui.reminders.dbus_wire import message_length

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def dbus_daemon() -> str | None:
    return shutil.which("dbus-daemon")


@dataclass
class FakeNotifications:
    """The service's side: connect(), then serve() runs in a thread until stop()."""

    address: str
    capabilities: list[str] = field(default_factory=lambda: ["actions", "body"])
    notified: list[tuple[Any, ...]] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    _serial: int = 0
    _next_id: int = 41
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _socket: socket.socket | None = None
    _buffer: bytes = b""

    def connect(self) -> None:
        path = self.address.split("path=", 1)[1].split(",", 1)[0]
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(path)
        sock.sendall(b"\0AUTH EXTERNAL " + str(os.getuid()).encode().hex().encode() + b"\r\n")
        assert sock.recv(4096).startswith(b"OK ")
        sock.sendall(b"BEGIN\r\n")
        self._socket = sock
        self._send(Message(Kind.METHOD_CALL, path="/org/freedesktop/DBus",
                           interface="org.freedesktop.DBus", member="Hello",
                           destination="org.freedesktop.DBus"))
        self._send(Message(Kind.METHOD_CALL, path="/org/freedesktop/DBus",
                           interface="org.freedesktop.DBus", member="RequestName",
                           destination="org.freedesktop.DBus", signature="su",
                           body=(NAME, 4)))
        sock.settimeout(0.05)
        while not self._owns_name():
            pass

    def _owns_name(self) -> bool:
        message = self._receive()
        return message is not None and message.member == "NameAcquired" and \
            message.body == (NAME,)

    def _send(self, message: Message) -> None:
        assert self._socket is not None
        with self._lock:
            self._serial += 1
            message.serial = self._serial
            self._socket.sendall(encode(message))

    def _receive(self) -> Message | None:
        assert self._socket is not None
        while True:
            length = message_length(self._buffer)
            if length is not None and len(self._buffer) >= length:
                message = decode(self._buffer[:length])
                self._buffer = self._buffer[length:]
                return message
            try:
                chunk = self._socket.recv(65536)
            except TimeoutError:
                return None
            except OSError:  # closed by stop()
                self._stop.set()
                return None
            if not chunk:
                self._stop.set()
                return None
            self._buffer += chunk

    def serve(self) -> None:
        while not self._stop.is_set():
            message = self._receive()
            if message is None or message.kind is not Kind.METHOD_CALL:
                continue
            if message.member == "GetCapabilities":
                self._reply(message, "as", (self.capabilities,))
            elif message.member == "Notify":
                self.notified.append(tuple(message.body))
                self._next_id += 1
                self._reply(message, "u", (self._next_id,))
            elif message.member == "CloseNotification":
                self.closed.append(int(message.body[0]))
                self._reply(message, "", ())

    def _reply(self, call: Message, signature: str, body: tuple[Any, ...]) -> None:
        self._send(Message(Kind.METHOD_RETURN, reply_serial=call.serial,
                           destination=call.sender, signature=signature, body=body))

    def press(self, notification_id: int, key: str) -> None:
        """What the desktop sends when a button of a notification is pressed."""
        self._send(Message(Kind.SIGNAL, path=PATH, interface=NAME, member="ActionInvoked",
                           signature="us", body=(notification_id, key)))

    def stop(self) -> None:
        self._stop.set()
        if self._socket is not None:
            self._socket.close()


def start_bus(folder: Path) -> tuple[subprocess.Popen[str], str]:
    """A session bus of our own, listening in `folder`; its process and address."""
    daemon = dbus_daemon()
    assert daemon is not None
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address=1", "--nopidfile",
         f"--address=unix:path={folder / 'bus'}"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    return process, address
