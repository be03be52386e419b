"""Where diaries live. Resolved when asked, never at import."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "medication-diary"
DIR_VARIABLE = "MEDICATION_DIARY_DIR"
DEFAULT_FILE = "diary.sqlite"


def data_dir() -> Path:
    """The folder holding the person's diary: $MEDICATION_DIARY_DIR, or the platform's user data
    folder (~/.local/share/medication-diary on Linux)."""
    override = os.environ.get(DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_diary() -> Path:
    return data_dir() / DEFAULT_FILE


def ensure_private_dir(folder: Path) -> Path:
    """Create the data folder readable by its owner only (health data)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def shown(path: Path) -> str:
    """The path as the person reads it in the window: under the home folder it starts with ~,
    as shells write it, so the status bar says ~/.local/share/medication-diary/diary.sqlite."""
    if os.name != "posix":
        return str(path)
    try:
        rest = path.relative_to(Path.home())
    except (ValueError, RuntimeError):  # elsewhere, or no home folder known
        return str(path)
    return str(Path("~") / rest)
