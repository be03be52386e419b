"""The preferences file, and what the command line reads of it.

The window keeps its preferences with QSettings in an INI file under the user's config folder
(~/.config/medication-diary/medication-diary.ini on Linux). The backup policy in it (how often,
how many kept) is this computer's, not the window's alone: `medication-diary backup` thins its
backups by the same policy, so a backup run by a timer does not fill a drive. The command line
reads the file with configparser (no Qt), the window through QSettings; both read one set of
keys (POLICY_KEYS) through one rule (`policy_from`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from diary.domain.errors import ValidationError
from diary.domain.retention import BackupPolicy
from diary.domain.retention import valid_policy

ORGANIZATION = "medication-diary"
APPLICATION = "medication-diary"

# QSettings key -> BackupPolicy field; in the INI file, [backups] interval_minutes=60 ...
POLICY_KEYS = {"interval_minutes": "backups/interval_minutes", "daily": "backups/keep_daily",
               "weekly": "backups/keep_weekly", "monthly": "backups/keep_monthly"}


def preferences_file() -> Path:
    """Where QSettings (INI format, user scope) keeps the window's preferences."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / ORGANIZATION / f"{APPLICATION}.ini"


def policy_from(value: Callable[[str], object]) -> BackupPolicy:
    """The backup policy from the preferences' `value(key)` (None when not set): a value edited
    by hand into something impossible falls back to the default for that value alone."""
    default = BackupPolicy()
    values = {}
    for field, key in POLICY_KEYS.items():
        fallback = getattr(default, field)
        found = value(key)
        try:
            values[field] = fallback if found is None else int(str(found))
            valid_policy(BackupPolicy(**{field: values[field]}))
        except (ValueError, ValidationError):
            values[field] = fallback
    return BackupPolicy(**values)


def backup_policy(path: Path | None = None) -> BackupPolicy:
    """The backup policy the window saved in the preferences file (the defaults without one,
    or for a file that cannot be read)."""
    import configparser  # here: the window reads its settings through QSettings instead

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path or preferences_file(), encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return BackupPolicy()

    def value(key: str) -> object:
        section, _, name = key.partition("/")
        return parser.get(section, name, fallback=None)

    return policy_from(value)
