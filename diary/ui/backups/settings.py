"""Where this computer keeps each diary's backups, and how often and how many: QSettings.

The folder is a setting of the computer, not of the diary: an external drive is mounted where this
machine mounts it. Each diary has its own entry (keyed by a hash of its resolved path, so that
two people's diaries never share or thin each other's backups by accident); without one, backups
go to the `backups` folder beside the diary, where the `backup` command puts them too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

from diary.domain.retention import BackupPolicy
from diary.domain.retention import valid_policy
from diary.preferences import POLICY_KEYS
from diary.preferences import policy_from
from diary.storage import backups


def _diary_key(diary: Path) -> str:
    return hashlib.sha256(str(Path(diary).resolve()).encode()).hexdigest()[:24]


def _folder_key(diary: Path) -> str:
    return f"backups/folder_{_diary_key(diary)}"


def _identity_key(diary: Path) -> str:
    return f"backups/identity_{_diary_key(diary)}"


def remember_identity(settings: QSettings, diary: Path, identity: str | None) -> None:
    """Note which diary lives at this path: when it is later too damaged to read, its backups
    are still told apart from another person's of the same name."""
    if identity is not None and settings.value(_identity_key(diary)) != identity:
        settings.setValue(_identity_key(diary), identity)
        settings.sync()


def known_identity(settings: QSettings, diary: Path) -> str | None:
    found = settings.value(_identity_key(diary))
    return found if isinstance(found, str) and found else None


def backup_folder(settings: QSettings, diary: Path) -> Path:
    chosen = settings.value(_folder_key(diary))
    if isinstance(chosen, str) and chosen:
        return Path(chosen)
    return backups.backups_folder(diary)


def set_backup_folder(settings: QSettings, diary: Path, folder: Path | None) -> None:
    """Choose `folder` for this diary's backups, or the default one with None."""
    if folder is None or folder == backups.backups_folder(diary):
        settings.remove(_folder_key(diary))
    else:
        settings.setValue(_folder_key(diary), str(folder))
    settings.sync()


def backup_policy(settings: QSettings) -> BackupPolicy:
    """The saved policy (the rule the command line reads it by too: preferences.policy_from)."""
    return policy_from(lambda key: settings.value(key))


def set_backup_policy(settings: QSettings, policy: BackupPolicy) -> None:
    valid_policy(policy)
    for field, key in POLICY_KEYS.items():
        settings.setValue(key, getattr(policy, field))
    settings.sync()


def folders_to_search(settings: QSettings, diary: Path) -> list[Path]:
    """Where a diary's backups may be: the chosen folder, and the default one beside it."""
    return list(dict.fromkeys([backup_folder(settings, diary), backups.backups_folder(diary)]))
