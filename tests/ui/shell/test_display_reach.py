"""A display that is named but out of reach (a stale DISPLAY, a session that ended, SSH without X
forwarding) is told in one line before Qt is loaded, instead of Qt's abort and exit status 134:
its local socket is tried as clients find it, a display on another host is never tried (that
would be the network), and the real program says so and exits 1."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from diary.ui.shell import display
from diary.ui.shell.display import problem
from diary.ui.shell.display import x11_sockets

REPO = Path(__file__).resolve().parents[3]
HINT = ("; its session may have ended, or SSH forwards no display (ssh -X); the command line "
        "works without one: medication-diary --help")


def everything(name: str) -> bool:
    return True


def answering(*addresses: str, tried: list[str] | None = None) -> Callable[[str], None]:
    """display.connect_unix's stand-in: these sockets answer; nothing is at any other."""

    def connect(address: str) -> None:
        if tried is not None:
            tried.append(address)
        if address not in addresses:
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", address)

    return connect


def never(address: str) -> None:
    pytest.fail(f"{address} was tried")


def test_an_x_display_nobody_answers_is_told_in_one_line() -> None:
    tried: list[str] = []
    said = problem({"DISPLAY": ":77"}, system="linux", load=everything,
                   connect=answering(tried=tried))
    assert said == ("cannot reach the display :77 set in DISPLAY (there is no "
                    "/tmp/.X11-unix/X77)" + HINT)
    # As libxcb looks: Linux's abstract socket first, then the file.
    assert tried == ["\0/tmp/.X11-unix/X77", "/tmp/.X11-unix/X77"]


@pytest.mark.parametrize("address", ["\0/tmp/.X11-unix/X1", "/tmp/.X11-unix/X1"])
def test_an_x_display_answering_at_either_socket_is_enough(address: str) -> None:
    assert problem({"DISPLAY": ":1.0"}, system="linux", load=everything,
                   connect=answering(address)) is None
    assert problem({"DISPLAY": "unix:1"}, system="linux", load=everything,
                   connect=answering(address)) is None


def test_a_socket_left_behind_and_one_not_allowed_are_told() -> None:
    def refused(address: str) -> None:
        raise ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")

    def denied(address: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    assert problem({"DISPLAY": ":3"}, system="linux", load=everything, connect=refused) == (
        "cannot reach the display :3 set in DISPLAY (nothing answers at /tmp/.X11-unix/X3)"
        + HINT)
    said = problem({"DISPLAY": ":3"}, system="linux", load=everything, connect=denied)
    assert said is not None and "(not allowed to connect to /tmp/.X11-unix/X3)" in said


def test_a_busy_display_is_left_to_qt() -> None:
    def busy(address: str) -> None:
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    assert problem({"DISPLAY": ":3"}, system="linux", load=everything, connect=busy) is None


@pytest.mark.parametrize("name", ["localhost:10.0", "192.168.1.5:0", "tcp/host:1",
                                  "host/unix:0", "/tmp/launch-a1b2/org.xquartz:0"])
def test_a_display_on_another_host_is_never_tried_here(name: str) -> None:
    assert x11_sockets(name) is None
    assert problem({"DISPLAY": name}, system="linux", load=everything, connect=never) is None


def test_a_value_that_names_no_display_is_told() -> None:
    assert x11_sockets("laptop") == []
    assert problem({"DISPLAY": "laptop"}, system="linux", load=everything, connect=never) == (
        "cannot reach the display laptop set in DISPLAY (not a display name like :0)" + HINT)


def test_a_wayland_display_is_looked_for_in_the_runtime_folder() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-1", "XDG_SESSION_TYPE": "wayland",
           "XDG_RUNTIME_DIR": "/run/user/1000"}
    assert problem(env, system="linux", load=everything,
                   connect=answering("/run/user/1000/wayland-1")) is None
    assert problem(env, system="linux", load=everything, connect=answering()) == (
        "cannot reach the display wayland-1 set in WAYLAND_DISPLAY (there is no "
        "/run/user/1000/wayland-1)" + HINT)
    absolute = {**env, "WAYLAND_DISPLAY": "/run/wl/socket"}
    assert problem(absolute, system="linux", load=everything,
                   connect=answering("/run/wl/socket")) is None
    unset = {key: value for key, value in env.items() if key != "XDG_RUNTIME_DIR"}
    said = problem(unset, system="linux", load=everything, connect=never)
    assert said is not None and "wayland-1 set in WAYLAND_DISPLAY (XDG_RUNTIME_DIR is unset)" \
        in said
    handed = {**unset, "WAYLAND_SOCKET": "3"}  # a connection already open, handed down
    assert problem(handed, system="linux", load=everything, connect=never) is None


def test_qt_falls_back_from_one_display_to_the_other_and_both_out_of_reach_are_named() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-1", "XDG_SESSION_TYPE": "wayland",
           "XDG_RUNTIME_DIR": "/run/user/1000", "DISPLAY": ":0"}
    assert problem(env, system="linux", load=everything,
                   connect=answering("/tmp/.X11-unix/X0")) is None
    assert problem(env, system="linux", load=everything, connect=answering()) == (
        "cannot reach the display wayland-1 set in WAYLAND_DISPLAY (there is no "
        "/run/user/1000/wayland-1) nor :0 set in DISPLAY (there is no /tmp/.X11-unix/X0)"
        + HINT)


def test_missing_libraries_are_told_before_a_display_out_of_reach() -> None:
    # Qt loads its libraries before it connects: those are what to fix first.
    said = problem({"DISPLAY": ":77"}, system="linux",
                   load=lambda name: name != "libxcb-cursor.so.0", connect=answering())
    assert said is not None and said.startswith("the window needs the system library "
                                                "libxcb-cursor.so.0")


def test_the_socket_is_really_connected_to(tmp_path: Path) -> None:
    path = str(tmp_path / "X5")
    with pytest.raises(FileNotFoundError):
        display.connect_unix(path)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen()
        display.connect_unix(path)  # answers: no error
    with pytest.raises(ConnectionRefusedError):  # the file left behind by a server gone
        display.connect_unix(path)


def free_display() -> str | None:
    """A display number nothing listens at on this computer and no socket file is left for
    (":77" unless a server happens to use it), or None."""
    for number in range(77, 200):
        path = f"/tmp/.X11-unix/X{number}"
        if os.path.lexists(path):
            continue
        try:
            display.connect_unix(f"\0{path}")
        except OSError:
            return f":{number}"
    return None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X displays are Linux's here")
def test_the_program_says_so_in_one_line_and_exits_1(tmp_path: Path) -> None:
    """Reviewer: `DISPLAY=:77 medication-diary --diary X` printed "Could not load the Qt platform
    plugin xcb…" and exited 134. The real program, Qt's platform left to choose."""
    if display.problem({"QT_QPA_PLATFORM": "offscreen"}) is not None:
        pytest.skip("a system library every window needs is missing here")
    name = free_display()
    if name is None:
        pytest.skip("every display number tried has a server here")
    from diary.storage.store import create_diary

    diary = tmp_path / "mine.diary"
    create_diary(diary).close()
    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "WAYLAND_SOCKET",
                          "XDG_SESSION_TYPE")}
    env["DISPLAY"] = name
    done = subprocess.run([sys.executable, "-m", "diary", "--diary", str(diary)], env=env,
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (f"medication-diary: error: cannot reach the display {name} set in "
                           f"DISPLAY (there is no /tmp/.X11-unix/X{name[1:]}){HINT}\n")
