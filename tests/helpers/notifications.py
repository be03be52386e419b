"""A private session bus (a real dbus-daemon) with a stand-in notification service on it, for
the tests of desktop notifications: it records every Notify and CloseNotification call and
sends ActionInvoked when told to, as a desktop does when a button is pressed."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import jeepney
import jeepney.auth

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def dbus_daemon() -> str | None:
    return shutil.which("dbus-daemon")


SERVICE = jeepney.DBusAddress(PATH, interface=NAME)


@dataclass
class FakeNotifications:
    """The service's side: connect(), then serve() runs in a thread until stop(). jeepney writes
    and reads its messages, as it does the program's."""

    address: str
    capabilities: list[str] = field(default_factory=lambda: ["actions", "body"])
    notified: list[tuple[Any, ...]] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    _serial: int = 0
    _next_id: int = 41
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _socket: socket.socket | None = None
    _parser: jeepney.Parser = field(default_factory=jeepney.Parser)
    _received: list[jeepney.Message] = field(default_factory=list)

    def connect(self) -> None:
        path = self.address.split("path=", 1)[1].split(",", 1)[0]
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(path)
        auth = jeepney.auth.Authenticator()
        for line in auth:
            sock.sendall(line)
            auth.feed(sock.recv(4096))
        assert auth.authenticated
        sock.sendall(jeepney.auth.BEGIN)
        self._socket = sock
        self._send(jeepney.message_bus.Hello())
        self._send(jeepney.message_bus.RequestName(NAME, 4))
        sock.settimeout(0.05)
        while not self._owns_name():
            pass

    def _owns_name(self) -> bool:
        message = self._receive()
        return message is not None and \
            message.header.fields.get(jeepney.HeaderFields.member) == "NameAcquired" and \
            message.body == (NAME,)

    def _send(self, message: jeepney.Message) -> None:
        assert self._socket is not None
        with self._lock:
            self._serial += 1
            self._socket.sendall(message.serialise(serial=self._serial))

    def _receive(self) -> jeepney.Message | None:
        assert self._socket is not None
        while not self._received:
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
            self._received += self._parser.feed(chunk)
        return self._received.pop(0)

    def serve(self) -> None:
        while not self._stop.is_set():
            message = self._receive()
            if message is None or \
                    message.header.message_type is not jeepney.MessageType.method_call:
                continue
            member = message.header.fields.get(jeepney.HeaderFields.member)
            if member == "GetCapabilities":
                self._send(jeepney.new_method_return(message, "as", (self.capabilities,)))
            elif member == "Notify":
                self.notified.append(tuple(message.body))
                replaces = int(message.body[1])
                if not replaces:  # a replaced notification keeps its id
                    self._next_id += 1
                self._send(jeepney.new_method_return(message, "u", (replaces or self._next_id,)))
            elif member == "CloseNotification":
                self.closed.append(int(message.body[0]))
                self._send(jeepney.new_method_return(message))

    def press(self, notification_id: int, key: str) -> None:
        """What the desktop sends when a button of a notification is pressed."""
        self._send(jeepney.new_signal(SERVICE, "ActionInvoked", "us", (notification_id, key)))

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
