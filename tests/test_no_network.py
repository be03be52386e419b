"""The test suite cannot reach the network (tests/netblock/, installed by tests/conftest.py).

Each refusal below is also checked to have been recorded, then taken off the record, so that
the test's own fixture does not fail it; test_a_swallowed_attempt_still_fails_the_test shows
what that fixture does with an attempt nobody takes off.
"""

from __future__ import annotations

import _socket
import asyncio
import ctypes
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from socket import socket as socket_imported_early  # bound before any fixture ran

import pytest

from tests.conftest import NETBLOCK_DIR
from tests.conftest import NetworkBlocked
from tests.conftest import netblock

REPO = Path(__file__).resolve().parents[1]
NOWHERE = ("127.0.0.1", 9)  # the discard port on this machine: nothing would leave it anyway


@contextmanager
def refused(*events: str) -> Iterator[None]:
    """The block refuses what the body does, and records exactly these attempts."""
    assert netblock.take() == []
    with pytest.raises(NetworkBlocked, match="tests must not use the network"):
        yield
    assert [attempt.what for attempt in netblock.take()] == list(events)


def test_a_tcp_connection_is_refused() -> None:
    with refused("socket.getaddrinfo"):
        socket.create_connection(NOWHERE, timeout=1)
    with refused("socket.__new__"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with refused("socket.__new__"):
        socket.socket(socket.AF_INET6, socket.SOCK_STREAM)


def test_a_udp_socket_is_refused() -> None:
    with refused("socket.__new__"):
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM)


def test_listening_on_localhost_is_refused() -> None:
    with refused("socket.__new__"):
        socket.create_server(("127.0.0.1", 0))


@pytest.mark.parametrize("resolve", [
    lambda: socket.getaddrinfo("localhost", 80),
    lambda: socket.getaddrinfo(None, 80),
    lambda: socket.gethostbyname("localhost"),
    lambda: socket.gethostbyname_ex("localhost"),
    lambda: socket.gethostbyaddr("127.0.0.1"),
    lambda: socket.getnameinfo(NOWHERE, 0),
    lambda: socket.getfqdn(),
], ids=["getaddrinfo", "getaddrinfo-numeric", "gethostbyname", "gethostbyname_ex",
        "gethostbyaddr", "getnameinfo", "getfqdn"])
def test_name_resolution_is_refused(resolve) -> None:
    assert netblock.take() == []
    with pytest.raises(NetworkBlocked):
        resolve()
    attempts = [attempt.what for attempt in netblock.take()]
    assert len(attempts) == 1
    assert attempts[0] in {"socket.getaddrinfo", "socket.gethostbyname",
                           "socket.gethostbyaddr", "socket.getnameinfo"}


def test_the_c_socket_type_and_early_imports_are_refused_too() -> None:
    """The block is below the socket module: its C type, or a name bound before any fixture."""
    with refused("socket.__new__"):
        _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM)
    with refused("socket.__new__"):
        socket_imported_early(socket.AF_INET, socket.SOCK_STREAM)
    with refused("socket.__new__"):
        socket.fromfd(sys.stderr.fileno(), socket.AF_INET, socket.SOCK_STREAM)


def test_ctypes_cannot_reach_the_c_library_sockets() -> None:
    libc = ctypes.CDLL(None)
    with refused("ctypes.dlsym"):
        _ = libc.socket
    with refused("ctypes.dlsym"):
        _ = libc.getaddrinfo
    assert libc.getpid() == os.getpid()  # the rest of the C library is still there


def an_inherited_inet_socket() -> int:
    """A raw AF_INET socket's file descriptor, as a process may inherit one: made by a child
    Python started with -I (so without the block; it only creates the socket, which sends
    nothing) and passed back over a Unix socket."""
    ours, theirs = socket.socketpair()
    maker = ("import socket, sys\n"
             "made = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
             "socket.send_fds(socket.socket(fileno=int(sys.argv[1])), [b'!'], [made.fileno()])\n")
    with ours, theirs:
        subprocess.run([sys.executable, "-I", "-c", maker, str(theirs.fileno())],
                       pass_fds=[theirs.fileno()], check=True, timeout=60)
        _message, [fd], _flags, _address = socket.recv_fds(ours, 1, 1)
    return fd


def test_an_inherited_socket_cannot_be_used() -> None:
    """Made from a bare file descriptor, a socket's family is not known when it is created; its
    family is checked when it is used. (Declared AF_UNIX instead, it cannot be given an IP
    address at all: Python parses the address by the declared family.)"""
    with socket.socket(fileno=an_inherited_inet_socket()) as inherited:
        assert inherited.family == socket.AF_INET  # creation had to let it through
        with refused("socket.sendto"):
            inherited.sendto(b"x", NOWHERE)
        with refused("socket.sendmsg"):
            inherited.sendmsg([b"x"], [], 0, NOWHERE)
        with refused("socket.bind"):
            inherited.bind(("127.0.0.1", 0))
        with refused("socket.connect"):
            inherited.connect(NOWHERE)
        with refused("socket.connect"):
            inherited.connect_ex(NOWHERE)

def test_unix_sockets_keep_working() -> None:
    one, other = socket.socketpair()
    with one, other:
        assert one.family == socket.AF_UNIX
        one.sendall(b"ping")
        assert other.recv(4) == b"ping"
    folder = tempfile.mkdtemp(prefix="nb-")  # a socket path must stay short (~100 bytes)
    try:
        path = os.path.join(folder, "bus")
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
            server.bind(path)
            server.listen(1)
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                client.connect(path)
                accepted, _ = server.accept()
                with accepted:
                    client.sendall(b"hello")
                    assert accepted.recv(5) == b"hello"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    abstract = f"\0netblock-test-{os.getpid()}".encode()
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as receiver, \
            socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sender:
        receiver.bind(abstract)
        sender.sendto(b"abstract", abstract)
        assert receiver.recv(8) == b"abstract"
    assert netblock.take() == []


def test_asyncio_and_multiprocessing_keep_their_socketpairs() -> None:
    async def answer() -> int:
        await asyncio.sleep(0)
        return 42

    assert asyncio.run(answer()) == 42  # the event loop's self-pipe is a socketpair
    reading, writing = multiprocessing.Pipe(duplex=True)
    with reading, writing:
        writing.send({"dose": 5})
        assert reading.recv() == {"dose": 5}
    assert netblock.take() == []


def test_qt_network_classes_are_refused_but_local_sockets_are_not(qtbot) -> None:
    from PySide6.QtNetwork import QAbstractSocket
    from PySide6.QtNetwork import QHostInfo
    from PySide6.QtNetwork import QLocalSocket
    from PySide6.QtNetwork import QNetworkAccessManager
    from PySide6.QtNetwork import QTcpServer
    from PySide6.QtNetwork import QTcpSocket
    from PySide6.QtNetwork import QUdpSocket

    for refused_class in (QTcpSocket, QUdpSocket, QTcpServer, QNetworkAccessManager):
        with refused(f"PySide6.QtNetwork.{refused_class.__name__}()"):
            refused_class()
    with refused("PySide6.QtNetwork.QAbstractSocket()"):
        QAbstractSocket(QAbstractSocket.SocketType.TcpSocket, None)
    with refused("PySide6.QtNetwork.QHostInfo.lookupHost"):
        QHostInfo.lookupHost("example.org", lambda info: None)
    with refused("PySide6.QtNetwork.QHostInfo.fromName"):
        QHostInfo.fromName("example.org")
    assert QTcpSocket.SocketState.ConnectedState  # its enums and type stay usable
    local = QLocalSocket()
    assert local.state() == QLocalSocket.LocalSocketState.UnconnectedState
    local.deleteLater()


def test_the_refusal_is_not_an_error_the_program_would_handle() -> None:
    """The program shows an OSError as a message and catches Exception in its worker threads:
    a refusal must go past both."""
    assert not issubclass(NetworkBlocked, Exception)
    with refused("socket.getaddrinfo"):
        try:
            socket.getaddrinfo("example.org", 443)
        except Exception:  # what a friendly error handler does
            pytest.fail("the refusal was caught as an ordinary error")


def test_a_swallowed_attempt_still_fails_the_test(pytester: pytest.Pytester) -> None:
    """The real fixture, in a session of its own: a test that catches even BaseException
    around its attempt passes its body and then fails in teardown."""
    pytester.makeconftest("from tests.conftest import _isolated, _matplotlib_dir  # noqa: F401\n")
    pytester.makepyfile(test_inner=textwrap.dedent("""
        import socket

        def test_swallows_its_attempt():
            try:
                socket.getaddrinfo("example.org", 443)
            except BaseException:
                pass

        def test_uses_no_network():
            one, other = socket.socketpair()
            one.close()
            other.close()
    """))
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines([
        "*ERROR at teardown of test_swallows_its_attempt*",
        "*the test attempted network access 1 time(s), refused (caught or not)*",
        "socket.getaddrinfo*example.org*",
    ])
    assert netblock.take() == []  # the inner fixture took it: the attempt failed its own test


def test_an_attempt_outside_any_test_fails_the_run(pytester: pytest.Pytester) -> None:
    """One made by a session fixture, before any test's own fixture, and swallowed."""
    pytester.makeconftest(textwrap.dedent("""
        import socket
        import pytest
        from tests.conftest import _isolated, _matplotlib_dir, pytest_sessionfinish  # noqa: F401

        @pytest.fixture(scope="session", autouse=True)
        def _resolves_once():
            try:
                socket.gethostbyname("example.org")
            except BaseException:
                pass
    """))
    pytester.makepyfile(test_inner="def test_nothing():\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*network access attempted outside any test, refused: 1*",
                                 "socket.gethostbyname*example.org*"])
    assert netblock.take() == []


def run_child(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)


def test_child_processes_get_the_block_on_their_path() -> None:
    assert os.environ["PYTHONPATH"].split(os.pathsep)[0] == str(NETBLOCK_DIR)
    done = run_child("""
        import socket, sys
        import diary
        from diary.storage.store import create_diary
        one, other = socket.socketpair()
        one.sendall(b"ok")
        print(other.recv(2).decode(), "_diary_netblock" in sys.modules,
              "sitecustomize" in sys.modules)
    """)
    assert (done.returncode, done.stdout.split()) == (0, ["ok", "True", "True"]), done.stderr
    assert done.stderr == ""


def test_a_child_process_that_connects_fails() -> None:
    done = run_child("""
        import socket
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    """)
    assert done.returncode == netblock.CHILD_EXIT_CODE, done.stderr
    assert "NetworkBlocked: tests must not use the network: socket.getaddrinfo" in done.stderr
    assert netblock.take() == []  # the child's attempt is the child's to report


def test_a_child_process_that_swallows_its_attempt_still_fails() -> None:
    done = run_child("""
        import _socket
        try:
            _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM)
        except BaseException:
            pass
        print("carried on", flush=True)
    """)
    assert done.stdout == "carried on\n"
    assert done.returncode == netblock.CHILD_EXIT_CODE, done.stderr
    assert "network attempt(s) in a child process of the tests" in done.stderr
    assert "  socket.__new__(family=2, type=2, proto=" in done.stderr, done.stderr


def test_a_grandchild_is_blocked_too() -> None:
    done = run_child("""
        import subprocess, sys
        inner = "import socket; socket.gethostbyname('example.org')"
        grandchild = subprocess.run([sys.executable, "-c", inner], capture_output=True, text=True)
        print(grandchild.returncode, "NetworkBlocked" in grandchild.stderr)
    """)
    expected = [str(netblock.CHILD_EXIT_CODE), "True"]
    assert (done.returncode, done.stdout.split()) == (0, expected), (done.stdout, done.stderr)
