"""The one list of system libraries the window needs (resources/system-libraries.txt) stays true:
the same as the window's start checks (display.LIBRARIES), as the README tells to install and as
.ci/run installs, and exactly what PySide6's Qt libraries are linked to besides Qt itself and
the C and C++ runtimes."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from diary.ui.shell import display

REPO = Path(__file__).resolve().parents[3]
LIST = REPO / "resources" / "system-libraries.txt"
# What every Linux has (the C and C++ runtimes, zlib and zstd, which dpkg and rpm need themselves).
BASE = re.compile(r"^(libc|libm|libdl|libpthread|librt|libstdc\+\+|libgcc_s|ld-linux[\w-]*|libz|"
                  r"libzstd)\.so")
# Qt's libraries and plugins that the window loads on Linux.
QT_FILES = ("lib/libQt6Core.so.6", "lib/libQt6Gui.so.6", "lib/libQt6Widgets.so.6",
            "lib/libQt6DBus.so.6", "lib/libQt6Svg.so.6", "lib/libQt6XcbQpa.so.6",
            "lib/libQt6WaylandClient.so.6", "plugins/platforms/libqxcb.so",
            "plugins/platforms/libqwayland.so", "plugins/imageformats/libqsvg.so")


def listed() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, debian, fedora, needed_by = line.split()
            rows.append((name, debian, fedora, needed_by))
    return rows


def test_the_list_is_the_one_the_window_checks() -> None:
    assert listed() == [(lib.name, lib.debian, lib.fedora, lib.needed_by)
                        for lib in display.LIBRARIES]


def readme_command(tool: str) -> list[str]:
    section = (REPO / "README.md").read_text(encoding="utf-8").split("### System libraries")[1]
    found = re.search(rf"^sudo {tool} install (.+)$", section, re.MULTILINE)
    assert found is not None, tool
    return found.group(1).split()


def test_the_readme_installs_the_list() -> None:
    rows = listed()
    debian = list(dict.fromkeys(row[1].split("|")[-1] for row in rows))
    fedora = list(dict.fromkeys(row[2] for row in rows))
    assert readme_command("apt") == debian
    assert readme_command("dnf") == fedora
    section = (REPO / "README.md").read_text(encoding="utf-8").split("### System libraries")[1]
    for row in rows:  # a package of two names: the README says which releases use which
        *older, newest = row[1].split("|")
        for name in older:
            assert f"`{newest}` by its former name, `{name}`" in section


@pytest.mark.skipif(sys.platform != "linux", reason="the CI script runs on Debian")
def test_ci_installs_the_list() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    [line] = [line for line in script.splitlines() if "resources/system-libraries.txt" in line
              and line.startswith("mapfile")]
    done = subprocess.run(["bash", "-c", f"{line}\nprintf '%s\\n' \"${{libraries[@]}}\""],
                          cwd=REPO, capture_output=True, text=True, check=True)
    assert sorted(done.stdout.split()) == sorted({row[1] for row in listed()})
    assert 'needed=("${libraries[@]}"' in script


def needed(path: Path) -> list[str]:
    """The DT_NEEDED entries of an ELF64 little-endian shared library: what it is linked to."""
    data = path.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, path
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    dynamic = next(s for s in sections if s[1] == 6)  # SHT_DYNAMIC
    strings = sections[dynamic[6]]  # its sh_link: the string table it names
    names = []
    for offset in range(dynamic[4], dynamic[4] + dynamic[5], 16):
        tag, value = struct.unpack_from("<qQ", data, offset)
        if tag == 0:  # DT_NULL
            break
        if tag == 1:  # DT_NEEDED
            start = strings[4] + value
            names.append(data[start:data.index(b"\0", start)].decode())
    return names


@pytest.mark.skipif(sys.platform != "linux", reason="Qt's libraries are ELF files on Linux")
def test_the_list_is_what_pyside6_s_qt_is_linked_to() -> None:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    linked = {name for file in QT_FILES for name in needed(qt / file)
              if not name.startswith(("libQt6", "libicu")) and not BASE.match(name)}
    assert linked == {row[0] for row in listed()}


@pytest.mark.skipif(sys.platform != "linux", reason="the libraries of a Linux desktop")
def test_every_library_of_the_list_loads_here() -> None:
    """.ci/run installed them: the window's own check finds each (none is missing here)."""
    assert [lib.name for lib in display.LIBRARIES if not display.loads(lib.name)] == []
