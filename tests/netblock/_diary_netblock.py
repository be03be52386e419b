"""No network in the tests: every attempt is refused, recorded, and fails the test.

The block is an audit hook (sys.addaudithook), so it sits below the socket module: the C
socket type raises its audit events whoever calls it, so `_socket.socket(AF_INET)`, a
`from socket import socket` made before the block, socket.fromfd and everything in the standard
library built on them (create_connection, create_server, http.client, urllib, asyncio, ...) are
refused. An audit hook cannot be removed, which is the point: nothing in a test can switch it off.

Refused:
- creating any socket that is not AF_UNIX (AF_INET, AF_INET6, AF_PACKET, AF_NETLINK, ...);
- connect, connect_ex, bind, sendto and sendmsg with an address that is not a Unix socket path,
  or on a socket whose family is not AF_UNIX (a socket made from an inherited file descriptor
  with socket.socket(fileno=...) passes creation, since its family is not known yet);
- name resolution: getaddrinfo, gethostbyname, gethostbyname_ex, gethostbyaddr, getnameinfo;
- ctypes reaching the C library's socket, connect, getaddrinfo, ... functions;
- Qt's network classes as Python code reaches them through PySide6.QtNetwork (QTcpSocket,
  QNetworkAccessManager, QHostInfo.lookupHost, ...); QLocalSocket and QLocalServer stay.

Not refused (nothing in a Python process can see it): C or C++ code that calls the C library
itself (a Qt class created inside Qt, a C extension), and programs that are not Python.

AF_UNIX keeps working: socketpair (asyncio's self-pipe, multiprocessing), and Unix-socket paths
(the tests' own D-Bus daemon); gethostname and getservbyname read only local files and stay.

NetworkBlocked derives from BaseException, not OSError or Exception: the program turns an
OSError into a friendly message and catches Exception in its worker threads, which would hide a
refusal. A handler that swallows even BaseException does not hide it either: every attempt is
recorded before the exception is raised, the test's fixture fails the test in its teardown
(tests/conftest.py), and a child process (sitecustomize.py) exits with CHILD_EXIT_CODE.
"""

from __future__ import annotations

import _socket
import os
import sys
import threading

TYPE_CHECKING = False  # not typing's: importing typing would slow every child's start-up
if TYPE_CHECKING:
    from typing import Any

# A child process that attempted network access exits with this code, even when the attempt was
# caught and the process meant to exit 0.
CHILD_EXIT_CODE = 86

_AF_UNIX = getattr(_socket, "AF_UNIX", None)
_UNKNOWN_FAMILY = -1  # socket.socket(fileno=fd) without a family: found out after the event


class NetworkBlocked(BaseException):
    """A test, or a process a test started, tried to use the network."""


class Attempt:
    """One refused attempt: what was refused, in which thread, and where from."""

    __slots__ = ("detail", "stack", "thread", "what")

    def __init__(self, what: str, detail: str, thread: str, stack: str) -> None:
        self.what, self.detail, self.thread, self.stack = what, detail, thread, stack

    def __repr__(self) -> str:
        return f"Attempt({self.what!r}, {self.detail!r})"

    def __str__(self) -> str:
        return f"{self.what}{self.detail} (thread {self.thread})\n{self.stack}"


_lock = threading.Lock()
_attempts: list[Attempt] = []
_installed = False
_child = False


def take() -> list[Attempt]:
    """The attempts recorded since the last call; they are then no longer pending."""
    with _lock:
        taken = _attempts[:]
        del _attempts[:]
    return taken


def refuse(what: str, detail: str = "") -> None:
    """Record an attempt, say so on stderr, and raise NetworkBlocked."""
    import traceback  # only when refusing: a child's start-up stays light

    stack = "".join(traceback.format_stack(limit=14)[:-2])
    attempt = Attempt(what, detail, threading.current_thread().name, stack)
    with _lock:
        _attempts.append(attempt)
    message = f"tests must not use the network: {what}{detail} refused"
    if sys.stderr is not None:
        try:
            sys.stderr.write(f"[netblock pid {os.getpid()}] {message}\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
    raise NetworkBlocked(message)


def _is_unix_address(address: object) -> bool:
    return isinstance(address, str | bytes | bytearray | memoryview | os.PathLike)


def _family(sock: object) -> object:
    try:
        return _socket.socket.family.__get__(sock)  # the C attribute, not a subclass's property
    except Exception:
        return None


def _check_use(sock: object, address: object, *, address_given: bool = True) -> str | None:
    family = _family(sock)
    if family != _AF_UNIX:
        return f" on a socket of family {family!r} (address {address!r})"
    if address_given and not _is_unix_address(address):
        return f" to {address!r}"
    return None


def _socket_new(args: tuple[Any, ...]) -> str | None:
    _sock, family, kind, proto = args
    if family in (_AF_UNIX, _UNKNOWN_FAMILY):
        return None
    return f"(family={family!r}, type={kind!r}, proto={proto!r})"


def _use(args: tuple[Any, ...]) -> str | None:
    return _check_use(args[0], args[1])


def _sendmsg(args: tuple[Any, ...]) -> str | None:
    return _check_use(args[0], args[1], address_given=args[1] is not None)


def _resolve(args: tuple[Any, ...]) -> str | None:
    return repr(args)


_CTYPES_NAMES = frozenset({
    "socket", "connect", "bind", "sendto", "sendmsg", "sendmmsg",
    "getaddrinfo", "getnameinfo", "gethostbyname", "gethostbyname2", "gethostbyname_r",
    "gethostbyname2_r", "gethostbyaddr", "gethostbyaddr_r",
    "res_query", "res_search", "res_nquery", "res_nsearch", "res_init", "res_ninit",
})


def _dlsym(args: tuple[Any, ...]) -> str | None:
    name = args[1] if len(args) > 1 else None
    if isinstance(name, bytes):
        name = name.decode(errors="replace")
    return f"({name!r})" if name in _CTYPES_NAMES else None


_CHECKS = {
    "socket.__new__": _socket_new,
    "socket.connect": _use,  # connect and connect_ex
    "socket.bind": _use,
    "socket.sendto": _use,
    "socket.sendmsg": _sendmsg,
    "socket.getaddrinfo": _resolve,
    "socket.gethostbyname": _resolve,  # gethostbyname and gethostbyname_ex
    "socket.gethostbyaddr": _resolve,
    "socket.getnameinfo": _resolve,
    "ctypes.dlsym": _dlsym,
}


def _audit(event: str, args: tuple[Any, ...]) -> None:
    check = _CHECKS.get(event)
    if check is None:  # the common case, for every audited event in the process: keep it cheap
        return
    detail = check(args)
    if detail is not None:
        refuse(event, detail)


# Qt's network classes. Python code reaching them through PySide6.QtNetwork gets a subclass that
# refuses to be made; QLocalSocket/QLocalServer (Unix sockets) and value types stay as they are.
_QT_CLASSES = ("QAbstractSocket", "QTcpSocket", "QUdpSocket", "QSslSocket", "QTcpServer",
               "QSslServer", "QNetworkAccessManager", "QDnsLookup", "QDtls")
_QT_LOOKUPS = ("lookupHost", "fromName")  # QHostInfo's static name resolution


def _patch_qt_network(module: Any) -> None:
    for name in _QT_CLASSES:
        original = getattr(module, name, None)
        if original is None or getattr(original, "_netblock_refused", False):
            continue

        def __init__(self: object, *args: object, _name: str = name, **kwargs: object) -> None:
            refuse(f"PySide6.QtNetwork.{_name}()")

        refused = type(name, (original,), {"__init__": __init__, "_netblock_refused": True,
                                           "__module__": module.__name__})
        setattr(module, name, refused)
    host_info = getattr(module, "QHostInfo", None)
    if host_info is not None and not getattr(host_info, "_netblock_refused", False):
        namespace: dict[str, object] = {"_netblock_refused": True, "__module__": module.__name__}
        for lookup in _QT_LOOKUPS:
            def refused_lookup(*args: object, _name: str = lookup, **kwargs: object) -> None:
                refuse(f"PySide6.QtNetwork.QHostInfo.{_name}")

            namespace[lookup] = staticmethod(refused_lookup)
        module.QHostInfo = type("QHostInfo", (host_info,), namespace)


class _PatchingLoader:
    """Loads PySide6.QtNetwork as usual, then patches it."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def create_module(self, spec: Any) -> Any:
        return self._inner.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self._inner.exec_module(module)
        _patch_qt_network(module)


class _QtNetworkFinder:
    """Patches PySide6.QtNetwork when it is first imported, without importing it before."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "PySide6.QtNetwork":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _PatchingLoader(spec.loader)
                return spec
        return None


def _child_exit() -> None:
    """In a child process: any attempt, even one caught, makes the process fail."""
    with _lock:
        attempts = _attempts[:]
    if not attempts:
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    lines = [f"[netblock pid {os.getpid()}] {len(attempts)} network attempt(s) in a child "
             f"process of the tests; exiting with {CHILD_EXIT_CODE}:"]
    lines += [f"  {attempt.what}{attempt.detail}" for attempt in attempts]
    try:
        os.write(2, ("\n".join(lines) + "\n").encode(errors="replace"))
    finally:
        os._exit(CHILD_EXIT_CODE)


def install(*, child: bool) -> None:
    """Install the block in this process (once; it cannot be removed).

    child: this is a process a test started (sitecustomize.py): it fails at exit if any attempt
    was made. The test process itself (child=False) leaves that to tests/conftest.py's fixture.
    """
    global _installed, _child
    if child and not _child:
        import atexit

        atexit.register(_child_exit)  # registered first, so it runs last
        _child = True
    if _installed:
        return
    sys.addaudithook(_audit)
    sys.meta_path.insert(0, _QtNetworkFinder())
    if "PySide6.QtNetwork" in sys.modules:
        _patch_qt_network(sys.modules["PySide6.QtNetwork"])
    _installed = True
