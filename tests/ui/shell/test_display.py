"""Before Qt is loaded: no display, or a system library Qt needs that is missing, is told in one
line naming it and the package that provides it. (The list of libraries against the README,
.ci/run and PySide6 itself: test_display_libraries.py; a display named but out of reach:
test_display_reach.py; the exit status: tests/test_app.py.)"""

from __future__ import annotations

import socket

import pytest

from diary.ui.shell import display
from diary.ui.shell.display import problem

NO_DISPLAY = ("no display to show the window on (DISPLAY and WAYLAND_DISPLAY are unset); the "
              "command line works without one: medication-diary --help")


def everything(name: str) -> bool:
    return True


def without(*names: str):  # type: ignore[no-untyped-def]
    return lambda name: name not in names


def answers(address: str) -> None:
    """Every display's socket answers (display.connect_unix's stand-in)."""


def test_no_display_names_both_variables() -> None:
    assert problem({}, system="linux", load=everything) == NO_DISPLAY
    assert problem({"QT_QPA_PLATFORM": "xcb"}, system="linux", load=everything) == (
        "no display to show the window on (DISPLAY and WAYLAND_DISPLAY are unset; "
        "QT_QPA_PLATFORM is xcb); the command line works without one: medication-diary --help")


def test_a_display_of_either_kind_is_enough() -> None:
    assert problem({"DISPLAY": ":0"}, system="linux", load=everything, connect=answers) is None
    assert problem({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland",
                    "XDG_RUNTIME_DIR": "/run/user/1000"},
                   system="linux", load=everything, connect=answers) is None


def test_wayland_asked_for_needs_a_wayland_display() -> None:
    said = problem({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, system="linux",
                   load=everything)
    assert said is not None and said.startswith(
        "no display to show the window on (WAYLAND_DISPLAY is unset; QT_QPA_PLATFORM is wayland)")


def test_a_wayland_session_finds_its_display_without_the_variable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"XDG_SESSION_TYPE": "wayland", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert problem(env, system="linux", load=everything) == NO_DISPLAY
    (tmp_path / "wayland-0").touch()  # a file, not a socket: no compositor answers there
    assert problem(env, system="linux", load=everything) == NO_DISPLAY
    (tmp_path / "wayland-0").unlink()
    # The compositor's socket, where clients look by default.
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as compositor:
        compositor.bind(str(tmp_path / "wayland-0"))
        compositor.listen()
        assert problem(env, system="linux", load=everything) is None


@pytest.mark.parametrize("platform", ["offscreen", "vnc", "minimal", "eglfs"])
def test_platforms_without_a_desktop_are_left_to_qt(platform: str) -> None:
    assert problem({"QT_QPA_PLATFORM": platform}, system="linux", load=everything) is None


def test_only_linux_is_checked() -> None:
    assert problem({}, system="darwin", load=everything) is None
    assert problem({}, system="win32", load=without("libEGL.so.1")) is None


def test_a_missing_xcb_library_is_named_with_its_packages() -> None:
    said = problem({"DISPLAY": ":0"}, system="linux", load=without("libxcb-cursor.so.0"))
    assert said == ("the window needs the system library libxcb-cursor.so.0, which is not "
                    "installed: install libxcb-cursor0 (Debian, Ubuntu) or xcb-util-cursor "
                    "(Fedora); the command line works without it: medication-diary --help")


def test_several_missing_libraries_are_named_once_each_package_once() -> None:
    said = problem({"DISPLAY": ":0"}, system="linux",
                   load=without("libxcb-shm.so.0", "libxcb-sync.so.1", "libglib-2.0.so.0",
                                "libgthread-2.0.so.0"))
    # glib first: Qt's own libraries need it, whatever the display.
    assert said == ("the window needs the system libraries libglib-2.0.so.0, libgthread-2.0.so.0, "
                    "which are not installed: install libglib2.0-0t64 (libglib2.0-0 on older "
                    "releases) (Debian, Ubuntu) or glib2 (Fedora); the command line works "
                    "without them: medication-diary --help")
    said = problem({"DISPLAY": ":0"}, system="linux",
                   load=without("libxcb-shm.so.0", "libxcb-sync.so.1"))
    assert said is not None
    assert "libxcb-shm.so.0, libxcb-sync.so.1, which are not installed" in said
    assert "install libxcb-shm0 libxcb-sync1 (Debian, Ubuntu) or libxcb (Fedora)" in said


def test_a_library_every_window_needs_is_checked_on_any_platform() -> None:
    said = problem({"QT_QPA_PLATFORM": "offscreen"}, system="linux", load=without("libEGL.so.1"))
    assert said is not None and "libEGL.so.1" in said and "libegl1" in said


def test_wayland_libraries_missing_falls_back_to_x11() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}
    assert problem(env, system="linux", load=without("libwayland-cursor.so.0"),
                   connect=answers) is None
    said = problem(env, system="linux",
                   load=without("libwayland-cursor.so.0", "libxcb-cursor.so.0"))
    assert said is not None and "libwayland-cursor.so.0" in said  # what was tried first
    # X11 with a display but no libraries is not reported as "no display".
    said = problem({"DISPLAY": ":0"}, system="linux", load=without("libxcb-icccm.so.4"))
    assert said is not None and "xcb-util-wm (Fedora)" in said


def test_the_xcb_libraries_are_only_looked_up_when_x11_is_used() -> None:
    looked: list[str] = []

    def load(name: str) -> bool:
        looked.append(name)
        return True

    assert problem({"WAYLAND_DISPLAY": "w", "XDG_SESSION_TYPE": "wayland",
                    "XDG_RUNTIME_DIR": "/run/user/1000"}, system="linux", load=load,
                   connect=answers) is None
    assert "libxcb-cursor.so.0" not in looked and "libwayland-client.so.0" in looked


def test_platforms_follow_qt_s_own_order() -> None:
    assert display.platforms({}) == ["xcb"]
    assert display.platforms({"DISPLAY": ":0"}) == ["xcb"]
    assert display.platforms({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}) == ["wayland",
                                                                                  "xcb"]
    assert display.platforms({"QT_QPA_PLATFORM": "wayland-egl;xcb:nograb"}) == ["wayland-egl",
                                                                                 "xcb"]


def test_libraries_are_looked_up_by_loading_them() -> None:
    assert display.loads("libc.so.6")
    assert not display.loads("libmedication-diary-no-such-library.so.7")
