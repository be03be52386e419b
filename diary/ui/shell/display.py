"""Can the window be shown here? Asked before Qt is loaded, so that a missing display or system
library is told in one line naming it (and the package that provides it), instead of Qt's own
abort that blames a library and exits 134.

No Qt here, and nothing slow: this runs at every start of the window. Libraries are looked up by
loading them (`ctypes.CDLL`, what Qt does moments later anyway), never through
`ctypes.util.find_library`, which starts a process. The list of libraries is the one in
resources/system-libraries.txt (a test keeps the two the same).

A display that is named but cannot be reached (a stale DISPLAY left in a terminal, a session
that ended, SSH without X forwarding) aborts Qt just the same, so the display is tried too: the
local socket its name stands for is connected to and closed at once, as X and Wayland clients
find it (an X display ":1" at Linux's abstract socket "@/tmp/.X11-unix/X1", then the file
/tmp/.X11-unix/X1; a Wayland display in $XDG_RUNTIME_DIR). An X display on another host
("host:10", as SSH's X forwarding sets it) would be reached over the network: it is never tried
here, Qt tries it.
"""

from __future__ import annotations

import ctypes
import os
import re
import socket
import sys
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass

PROG = "medication-diary"
GUI, XCB, WAYLAND = "gui", "xcb", "wayland"
X11_SOCKETS = "/tmp/.X11-unix/X"  # + the display's number: where X servers listen on this host
CONNECT_SECONDS = 1.0  # a local socket answers at once; one that does not is left to Qt
# An X display name: [protocol/][host]:number[.screen]; "::" would be DECnet.
X_DISPLAY = re.compile(r"^(?:(?P<protocol>[^/:]*)/)?(?P<host>[^/]*?)(?P<decnet>:?):"
                       r"(?P<number>\d+)(?:\.\d+)?$")


@dataclass(frozen=True)
class Library:
    name: str  # the soname Qt's libraries are linked to
    debian: str  # the Debian and Ubuntu package; "a|b" when releases name it differently
    fedora: str
    needed_by: str  # GUI (every window), XCB or WAYLAND (that platform of Qt)


def _table(*rows: tuple[str, str, str, str]) -> tuple[Library, ...]:
    return tuple(Library(*row) for row in rows)


GLIB = "libglib2.0-0|libglib2.0-0t64"
LIBRARIES = _table(
    ("libEGL.so.1", "libegl1", "libglvnd-egl", GUI),
    ("libGL.so.1", "libgl1", "libglvnd-glx", GUI),
    ("libfontconfig.so.1", "libfontconfig1", "fontconfig", GUI),
    ("libfreetype.so.6", "libfreetype6", "freetype", GUI),
    ("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon", GUI),
    ("libX11.so.6", "libx11-6", "libX11", GUI),
    ("libdbus-1.so.3", "libdbus-1-3", "dbus-libs", GUI),
    ("libglib-2.0.so.0", GLIB, "glib2", GUI),
    ("libgthread-2.0.so.0", GLIB, "glib2", GUI),
    ("libxcb.so.1", "libxcb1", "libxcb", XCB),
    ("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb", XCB),
    ("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor", XCB),
    ("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm", XCB),
    ("libxcb-image.so.0", "libxcb-image0", "xcb-util-image", XCB),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms", XCB),
    ("libxcb-randr.so.0", "libxcb-randr0", "libxcb", XCB),
    ("libxcb-render.so.0", "libxcb-render0", "libxcb", XCB),
    ("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil", XCB),
    ("libxcb-shape.so.0", "libxcb-shape0", "libxcb", XCB),
    ("libxcb-shm.so.0", "libxcb-shm0", "libxcb", XCB),
    ("libxcb-sync.so.1", "libxcb-sync1", "libxcb", XCB),
    ("libxcb-util.so.1", "libxcb-util1", "xcb-util", XCB),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb", XCB),
    ("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb", XCB),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11", XCB),
    ("libwayland-client.so.0", "libwayland-client0", "libwayland-client", WAYLAND),
    ("libwayland-cursor.so.0", "libwayland-cursor0", "libwayland-cursor", WAYLAND),
)


def loads(name: str) -> bool:
    """Whether the dynamic loader finds and loads the library `name` (a soname)."""
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def platforms(env: Mapping[str, str]) -> list[str]:
    """The Qt platforms the window will try, in order, as Qt chooses them on Linux: those of
    QT_QPA_PLATFORM ("wayland;xcb", "xcb:option"), else Wayland first in a Wayland session,
    then X11 (which is also what Qt falls back to with no display at all)."""
    given = env.get("QT_QPA_PLATFORM", "").strip()
    if given:
        return [part.split(":")[0].strip() for part in given.split(";") if part.strip()]
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    return [WAYLAND, XCB] if wayland else [XCB]


def _kind(platform: str) -> str | None:
    """XCB or WAYLAND for a platform that shows windows on a desktop's display; None for the
    others (offscreen, vnc, eglfs...), which this check leaves to Qt."""
    if platform == XCB:
        return XCB
    return WAYLAND if platform.startswith(WAYLAND) else None


def connect_unix(address: str) -> None:
    """Connect to the local (Unix) socket `address` and close again; OSError when nothing
    listens there. A leading NUL names one in Linux's abstract namespace. Never the network."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(CONNECT_SECONDS)
        sock.connect(address)


Connect = Callable[[str], None]
# A display that is named, and whether it answered: None when it did (or when it is not tried
# here), else why not in a few words.
Named = tuple[str, str | None]


def x11_sockets(name: str) -> list[str] | None:
    """The local sockets of the X display `name`, in the order clients try them; None for a
    display on another host (or over DECnet), which only the network reaches, and for a socket's
    own path ("/tmp/launch-x/org.xquartz:0"), which Qt is left to try; [] for a name that is not
    an X display's."""
    if name.startswith("/"):
        return None
    found = X_DISPLAY.match(name)
    if found is None:
        return []
    protocol, host = found["protocol"], found["host"]
    if found["decnet"] or (protocol or "unix") != "unix" or host not in ("", "unix"):
        return None
    path = X11_SOCKETS + found["number"]
    return [f"\0{path}", path]


def _tried(sockets: Sequence[str], connect: Connect) -> str | None:
    """None when one of `sockets` answers (or is busy: then Qt tries); else why none did, from
    the last one tried (the file, after the abstract socket)."""
    reason = "nothing answers there"
    for address in sockets:
        try:
            connect(address)
        except (TimeoutError, BlockingIOError):
            return None  # there, but slow to take a connection: Qt waits for it
        except FileNotFoundError:
            reason = f"there is no {address.lstrip(chr(0))}"
        except ConnectionRefusedError:
            reason = f"nothing answers at {address.lstrip(chr(0))}"
        except PermissionError:
            reason = f"not allowed to connect to {address.lstrip(chr(0))}"
        except OSError as exc:
            reason = f"{address.lstrip(chr(0))}: {(exc.strerror or str(exc)).lower()}"
        else:
            return None
    return reason


def _display(kind: str, env: Mapping[str, str], connect: Connect) -> Named | None:
    """The display of `kind` that the environment names, and whether it answered; None when
    none is named (nor, for Wayland, found where clients look without a name)."""
    if kind == XCB:
        name = env.get("DISPLAY", "")
        if not name:
            return None
        sockets = x11_sockets(name)
        if sockets is None:
            return name, None  # on another host: left to Qt
        if not sockets:
            return name, "not a display name like :0"
        return name, _tried(sockets, connect)
    if env.get("WAYLAND_SOCKET"):  # a connection handed down, already open
        return env.get("WAYLAND_DISPLAY") or "WAYLAND_SOCKET", None
    name = env.get("WAYLAND_DISPLAY", "")
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if not name:
        # Without WAYLAND_DISPLAY, Wayland clients connect to "wayland-0" in the runtime folder.
        found = bool(runtime) and _tried([os.path.join(runtime, "wayland-0")], connect) is None
        return ("wayland-0", None) if found else None
    if not os.path.isabs(name) and not runtime:
        return name, "XDG_RUNTIME_DIR is unset"
    return name, _tried([os.path.join(runtime, name)], connect)


def _missing(kinds: Sequence[str], load: Callable[[str], bool]) -> list[Library]:
    return [lib for lib in LIBRARIES if lib.needed_by in kinds and not load(lib.name)]


def missing_text(missing: Sequence[Library]) -> str:
    """'the window needs the system library libxcb-cursor.so.0, which is not installed: install
    libxcb-cursor0 (Debian, Ubuntu) or xcb-util-cursor (Fedora); ...'."""
    names = ", ".join(lib.name for lib in missing)
    debian = " ".join(dict.fromkeys(_debian_name(lib) for lib in missing))
    fedora = " ".join(dict.fromkeys(lib.fedora for lib in missing))
    if len(missing) == 1:
        what, it = f"the system library {names}, which is not installed", "it"
    else:
        what, it = f"the system libraries {names}, which are not installed", "them"
    return (f"the window needs {what}: install {debian} (Debian, Ubuntu) or "
            f"{fedora} (Fedora); the command line works without {it}: {PROG} --help")


def _debian_name(lib: Library) -> str:
    """'libglib2.0-0t64 (libglib2.0-0 on older releases)' for a package of two names."""
    *older, newest = lib.debian.split("|")
    return f"{newest} ({' or '.join(older)} on older releases)" if older else newest


def problem(env: Mapping[str, str] | None = None, *, system: str | None = None,
            load: Callable[[str], bool] | None = None,
            connect: Connect | None = None) -> str | None:
    """Why the window cannot be shown here, in one line; None when it can (or when Qt's own
    platform is one this check does not know: Qt then says). Only on Linux. `load` looks a
    library up (`loads`), `connect` tries a display's socket (`connect_unix`).

    Each platform Qt would try, in its order: one whose display is not named is passed over;
    one whose libraries are missing is told first (Qt loads them before it connects); one
    whose display does not answer is told when no platform is left to try."""
    env = os.environ if env is None else env
    load = loads if load is None else load
    connect = connect_unix if connect is None else connect
    if not (system or sys.platform).startswith("linux"):
        return None
    missing = _missing([GUI], load)  # Qt's own libraries fail to load without these
    if missing:
        return missing_text(missing)
    first_missing: list[Library] = []
    unreachable: list[tuple[str, str, str]] = []
    for platform in platforms(env):
        kind = _kind(platform)
        if kind is None:
            return None
        named = _display(kind, env, connect)
        if named is None:
            continue
        missing = _missing([kind], load)
        if missing:
            first_missing = first_missing or missing
            continue
        name, why = named
        if why is None:
            return None
        unreachable.append(("DISPLAY" if kind == XCB else "WAYLAND_DISPLAY", name, why))
    if first_missing:
        return missing_text(first_missing)
    if unreachable:
        return unreachable_text(unreachable)
    return no_display_text(env)


def unreachable_text(displays: Sequence[tuple[str, str, str]]) -> str:
    """'cannot reach the display :77 set in DISPLAY (there is no /tmp/.X11-unix/X77); ...'
    for each (variable, display, why)."""
    said = " nor ".join(f"{name} set in {variable} ({why})" for variable, name, why in displays)
    return (f"cannot reach the display {said}; its session may have ended, or SSH forwards no "
            f"display (ssh -X); the command line works without one: {PROG} --help")


def no_display_text(env: Mapping[str, str]) -> str:
    given = env.get("QT_QPA_PLATFORM", "").strip()
    unset = [name for name in ("DISPLAY", "WAYLAND_DISPLAY") if not env.get(name)]
    why = " and ".join(unset) + (" is unset" if len(unset) == 1 else " are unset")
    if given:
        why += f"; QT_QPA_PLATFORM is {given}"
    return (f"no display to show the window on ({why}); the command line works without one: "
            f"{PROG} --help")
