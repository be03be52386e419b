"""'Start with my session': an XDG autostart entry, written or removed.

The entry is $XDG_CONFIG_HOME/autostart/medication-diary.desktop (~/.config when the variable is
unset or not absolute, as the XDG Base Directory spec says). Its Exec line quotes the command by
the Desktop Entry spec, so a path with spaces or shell characters survives. Pure Python: no Qt.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

FILE_NAME = "medication-diary.desktop"
ICON_NAME = "medication-diary"

# Desktop Entry spec, "The Exec key": an argument containing any of these must be quoted, and
# inside double quotes these four must be preceded by a backslash.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = set('"`$\\')


def config_home() -> Path:
    configured = os.environ.get("XDG_CONFIG_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".config"


def autostart_path() -> Path:
    return config_home() / "autostart" / FILE_NAME


def default_command() -> list[str]:
    """The command that starts this program as installed: the `medication-diary` script next to
    the running interpreter when there is one, else this interpreter running the app."""
    script = Path(sys.executable).with_name("medication-diary")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-c", "from diary.app import main; raise SystemExit(main())"]


def quote_argument(argument: str) -> str:
    """One Exec argument, quoted when the spec asks for it, with '%' doubled (field codes)."""
    if any((ord(c) < 0x20 and c != "\t") or c == "\x7f" for c in argument):
        raise ValueError("an autostart command cannot hold a line break or control character: "
                         f"{argument!r}")
    text = argument.replace("%", "%%")
    if argument and not (_RESERVED & set(argument)):
        return text
    inner = "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in text)
    return f'"{inner}"'


def exec_line(command: list[str]) -> str:
    """The Exec value: arguments quoted, then the value's own string escaping (a backslash is
    written twice), as the spec applies both."""
    if not command or not command[0]:
        raise ValueError("the autostart command is empty")
    if "=" in command[0]:
        raise ValueError("the program of an Exec line cannot contain '='")
    quoted = " ".join(quote_argument(a) for a in command)
    return quoted.replace("\\", "\\\\")


def desktop_entry(command: list[str]) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.5",
        "Name=Medication Diary",
        "Comment=Remind me of my scheduled doses and keep my medication diary",
        f"Exec={exec_line(command)}",
        f"Icon={ICON_NAME}",
        "Terminal=false",
        "Categories=Utility;",
        "X-GNOME-Autostart-enabled=true",
        "",
    ])


def set_autostart(enabled: bool, command: list[str] | None = None) -> None:
    """Write the entry (mode 0600, replaced atomically) or remove it; `command` defaults to
    `default_command()`."""
    path = autostart_path()
    if not enabled:
        path.unlink(missing_ok=True)
        return
    content = desktop_entry(command if command is not None else default_command())
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".medication-diary-", suffix=".tmp",
                                         dir=path.parent)  # mkstemp creates it 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def autostart_enabled() -> bool:
    """Whether our entry exists and is not switched off (Hidden=true, or the GNOME key false)."""
    path = autostart_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return False
    values = dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    hidden = values.get("Hidden", "false").strip().lower() == "true"
    switched_off = values.get("X-GNOME-Autostart-enabled", "true").strip().lower() == "false"
    return not hidden and not switched_off
