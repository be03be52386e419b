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


def private_matplotlib_dir() -> None:
    """matplotlib keeps a font cache and reads its settings in a folder of its own, made with the
    default permissions (~/.cache/matplotlib, 644 and 755). Ours is private (0700) and ours alone:
    the program's cache folder, unless the person chose one with MPLCONFIGDIR. Made (0700) and
    set at start, before matplotlib is first imported (the first chart or report), since
    matplotlib would make a missing one with the default permissions."""
    if os.environ.get("MPLCONFIGDIR"):
        return
    from platformdirs import user_cache_path

    ours = user_cache_path(APP_NAME, appauthor=False)
    folder = ours / "matplotlib"
    try:
        ensure_private_dir(ours)  # the program's cache folder, private too
        ensure_private_dir(folder)
    except OSError:
        return  # a cache is not worth refusing to start over: matplotlib finds its own
    os.environ["MPLCONFIGDIR"] = str(folder)


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
