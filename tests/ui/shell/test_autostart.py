"""'Start with my session' writes a private XDG autostart entry whose Exec line survives any
path, and removes it again. XDG_CONFIG_HOME points into the test's folder (tests/conftest.py)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from diary.ui.shell.autostart import autostart_enabled
from diary.ui.shell.autostart import autostart_path
from diary.ui.shell.autostart import default_command
from diary.ui.shell.autostart import exec_line
from diary.ui.shell.autostart import set_autostart


def entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def split_exec(value: str) -> list[str]:
    """Read an Exec value back as the Desktop Entry spec says a launcher does: first the string
    escapes, then quoting (a backslash inside quotes escapes the next character), then '%%'."""
    unescaped, i = "", 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            unescaped += {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[value[i + 1]]
            i += 2
        else:
            unescaped += value[i]
            i += 1
    args: list[str] = []
    current, quoted, started, i = "", False, False, 0
    while i < len(unescaped):
        c = unescaped[i]
        if quoted and c == "\\":
            current += unescaped[i + 1]
            i += 1
        elif c == '"':
            quoted, started = not quoted, True
        elif c == " " and not quoted:
            if started or current:
                args.append(current)
            current, started = "", False
        else:
            current += c
        i += 1
    if started or current:
        args.append(current)
    return [a.replace("%%", "%") for a in args]


def test_the_entry_lives_under_xdg_config_home(tmp_path: Path) -> None:
    assert autostart_path() == tmp_path / "config" / "autostart" / "medication-diary.desktop"


def test_a_relative_xdg_config_home_is_ignored(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert autostart_path() == tmp_path / "home" / ".config" / "autostart" / (
        "medication-diary.desktop")


def test_enable_writes_a_private_entry(tmp_path: Path) -> None:
    assert not autostart_enabled()
    command = ["/opt/Medication Diary/bin/medication-diary", "--diary", "/home/anne/diary.sqlite"]
    set_autostart(True, command)
    path = autostart_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    values = entry(path)
    assert values["Type"] == "Application"
    assert values["Name"] == "Medication Diary"
    assert values["Icon"] == "medication-diary"
    assert values["X-GNOME-Autostart-enabled"] == "true"
    assert values["Comment"]
    assert values["Exec"] == (
        '"/opt/Medication Diary/bin/medication-diary" --diary /home/anne/diary.sqlite')
    assert autostart_enabled()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_rewriting_keeps_the_mode_private(tmp_path: Path) -> None:
    path = autostart_path()
    path.parent.mkdir(parents=True)
    path.write_text("[Desktop Entry]\nExec=old\n")
    path.chmod(0o644)
    set_autostart(True, ["/usr/bin/medication-diary"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert entry(path)["Exec"] == "/usr/bin/medication-diary"


def test_disable_removes_the_entry() -> None:
    set_autostart(True, ["/usr/bin/medication-diary"])
    assert autostart_path().exists()
    set_autostart(False, ["/usr/bin/medication-diary"])
    assert not autostart_path().exists()
    assert not autostart_enabled()
    set_autostart(False, [])  # nothing to remove: no error


def test_an_entry_switched_off_by_the_desktop_is_not_enabled() -> None:
    set_autostart(True, ["/usr/bin/medication-diary"])
    path = autostart_path()
    path.write_text(path.read_text().replace("X-GNOME-Autostart-enabled=true",
                                             "X-GNOME-Autostart-enabled=false"))
    assert not autostart_enabled()


@pytest.mark.parametrize("command", [
    ["/usr/bin/medication-diary"],
    ["/home/a b/.venv/bin/python", "-c", "from diary.app import main; raise SystemExit(main())"],
    ["/opt/x/run", 'say "hi"', "$HOME", "back\\slash", "tick`", "100%", "", "tab\there"],
    ["/opt/x/run", "it's", "a<b>c", "~user", "a|b&c;d", "*?#()"],
])
def test_exec_quoting_round_trips(command: list[str]) -> None:
    assert split_exec(exec_line(command)) == command


def test_exec_quoting_by_the_spec() -> None:
    assert exec_line(["/bin/run", "100%"]) == "/bin/run 100%%"
    # Inside quotes a backslash escapes " ` $ \\; the value's string escaping doubles backslashes.
    assert exec_line(["/bin/run", 'a"b']) == '/bin/run "a\\\\"b"'
    assert exec_line(["/bin/run", "a\\b"]) == '/bin/run "a\\\\\\\\b"'


def test_commands_the_spec_cannot_express_are_refused() -> None:
    with pytest.raises(ValueError):
        exec_line([])
    with pytest.raises(ValueError):
        exec_line(["/usr/bin/env", "A=1"][1:])  # the program itself may not contain '='
    with pytest.raises(ValueError):
        exec_line(["/bin/run", "two\nlines"])
    assert not autostart_path().exists()


def test_the_default_command_starts_this_program() -> None:
    command = default_command()
    assert command[0].endswith("medication-diary") or "diary.app" in command[-1]
    assert split_exec(exec_line(command)) == command
