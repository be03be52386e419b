"""One writer per diary file: a second instance asks the first to come forward instead.

The first instance to `claim` a diary holds two things, both named by a hash of the user and the
diary's resolved path (the path itself never appears in a file or socket name):
- a QLockFile, which decides who owns the diary. A lock left by a crashed instance is recognised
  by its dead process id and taken over;
- a QLocalServer, on which the owner listens. A later instance that fails to get the lock
  connects, sends "activate", and the owner emits `activate_requested` (the window raises
  itself) and answers "ok". The later instance then opens the diary read-only or not at all.

A socket left behind by a crashed owner is removed (QLocalServer.removeServer) once nothing
answers on it. Files live in $XDG_RUNTIME_DIR (private to the user) or else the temp folder.
Read-only opens need no claim: any number of caregivers' windows may review a diary.

    lock = single_instance.claim(path)
    if lock is None:        # the first window was asked to come forward
        ...                 # offer read-only, or quit
    lock.activate_requested.connect(window.bring_forward)
    ...
    lock.release()          # when the diary is closed
"""

from __future__ import annotations

import getpass
import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QDir
from PySide6.QtCore import QEventLoop
from PySide6.QtCore import QLockFile
from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtNetwork import QLocalServer
from PySide6.QtNetwork import QLocalSocket

PREFIX = "medication-diary-"
REQUEST = b"activate\n"
REPLY = b"ok\n"
TIMEOUT_MS = 2000


def instance_key(path: Path) -> str:
    """'medication-diary-<32 hex>': the user and the diary's resolved path, hashed."""
    user = str(os.getuid()) if hasattr(os, "getuid") else getpass.getuser()
    resolved = str(Path(path).expanduser().resolve())
    digest = hashlib.sha256(f"{user}\0{resolved}".encode()).hexdigest()[:32]
    return PREFIX + digest


def runtime_dir() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_absolute() and Path(runtime).is_dir():
        return Path(runtime)
    return Path(QDir.tempPath())


def server_name(path: Path) -> str:
    """The QLocalServer name for a diary: a socket path on Unix, a pipe name elsewhere."""
    key = instance_key(path)
    return str(runtime_dir() / key) if os.name == "posix" else key


def lock_path(path: Path) -> Path:
    return runtime_dir() / f"{instance_key(path)}.lock"


class InstanceLock(QObject):
    """This instance owns the diary for writing. Made by `claim`; `release` gives it up."""

    activate_requested = Signal()  # another instance wanted this diary: bring the window forward

    def __init__(self, path: Path, lock: QLockFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.name = server_name(path)
        self._lock: QLockFile | None = lock
        self._server: QLocalServer | None = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        QLocalServer.removeServer(self.name)  # we hold the lock: a socket still there is stale
        self.listening = self._server.listen(self.name)

    @property
    def held(self) -> bool:
        return self._lock is not None

    def release(self) -> None:
        """Stop listening and unlock; safe to call twice."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _on_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_request(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.canReadLine():
                self._on_request(socket)

    def _on_request(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        request = bytes(socket.readLine().data())
        if request == REQUEST:
            socket.write(REPLY)
            socket.flush()
            self.activate_requested.emit()
        socket.disconnectFromServer()


def claim(path: Path, *, activate: bool = True,
          timeout_ms: int = TIMEOUT_MS) -> InstanceLock | None:
    """Own `path` for writing, or None when another instance does; then (with `activate`) that
    instance has been asked to bring its window forward."""
    lock = QLockFile(str(lock_path(path)))
    lock.setStaleLockTime(0)  # never by age: only a dead owner's lock is stale
    if lock.tryLock(0):
        if not _answers(server_name(path), timeout_ms):
            return InstanceLock(path, lock)
        # An owner that lost its lock file (a cleaned temp folder) still answers: it owns it.
        lock.unlock()
    if activate:
        activate_first(path, timeout_ms)
    return None


def activate_first(path: Path, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Ask the instance that owns `path` to bring its window forward; True when it answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(path))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(REQUEST)
    socket.flush()
    answered = _wait_for_line(socket, timeout_ms)
    reply = bytes(socket.readLine().data()) if answered else b""
    socket.abort()
    return reply == REPLY


def _answers(name: str, timeout_ms: int) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    connected = socket.waitForConnected(min(timeout_ms, 500))
    socket.abort()
    return connected


def _wait_for_line(socket: QLocalSocket, timeout_ms: int) -> bool:
    """Wait for the owner's one-line answer. With a Qt application running, an event loop waits,
    so an owner in this very process (the tests) can answer; otherwise a blocking wait."""
    if socket.canReadLine():
        return True
    if QCoreApplication.instance() is None:
        while not socket.canReadLine():
            if not socket.waitForReadyRead(timeout_ms):
                return False
        return True
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)

    def on_ready_read() -> None:
        if socket.canReadLine():
            loop.quit()

    socket.readyRead.connect(on_ready_read)
    socket.disconnected.connect(loop.quit)
    timer.start(timeout_ms)
    loop.exec()
    timer.stop()
    return socket.canReadLine()
