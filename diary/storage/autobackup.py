"""Automatic backups of an open diary: take one, verify it, and only then thin the old ones.

back_up_and_thin(store, folder, now, tz, policy)   a verified backup, then the thinning
backups_of(diary, folder)                           this diary's backups in a folder, newest first
newest_good(diary, folders)                         the newest backup that passes every check

Only files named as this diary's own backups are ever removed; before-restore and damaged copies,
other diaries' backups in a shared folder (an external drive), and anything else are left alone.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from diary.domain.retention import BackupPolicy, to_keep
from diary.storage import backups, opening, schema
from diary.storage.backups import BackupInfo, Verified
from diary.storage.base import StoreBase
from diary.storage.errors import DiaryFileError


@dataclass(frozen=True)
class AutoBackup:
    made: Verified
    removed: list[Path]


def backups_of(diary: Path, folder: Path) -> list[BackupInfo]:
    """The backups of `diary` (named after it) in `folder`, newest first: restorable ones and
    the copies a restore kept."""
    stem = Path(diary).stem
    return [info for info in backups.list_backups(folder) if info.stem == stem]


def back_up_and_thin(store: StoreBase, folder: Path, now: datetime, tz: tzinfo,
                     policy: BackupPolicy) -> AutoBackup:
    """A new backup of the open diary in `folder`, verified (integrity and row counts) by
    backup_to; then the diary's older plain backups the policy does not keep are removed. A
    failed backup raises DiaryFileError and removes nothing."""
    made = backups.backup_to(store, backups.new_backup_path(store.path, now, folder=folder))
    plain = [info for info in backups_of(store.path, folder) if not info.kind]
    keep = to_keep([info.taken for info in plain], now, tz, policy)
    removed = []
    for info in plain:
        if info.taken not in keep and info.path != made.path:
            with contextlib.suppress(FileNotFoundError):
                info.path.unlink()
                removed.append(info.path)
    return AutoBackup(made, removed)


LAST_CHANGE_SQL = "SELECT coalesce(max(id), 0) AS last FROM changes"


def changed_since(store: StoreBase, backup: Path | None) -> bool:
    """The diary holds a change the backup does not: every write of the diary leaves an audit
    row, so the newest audit row tells, whoever wrote (this window or a command). A backup that
    cannot be read counts as no backup."""
    if backup is None:
        return True
    mine = int(store.query(LAST_CHANGE_SQL)[0]["last"])
    try:
        with contextlib.closing(backups.reader(backup)) as conn:
            theirs = int(conn.execute(LAST_CHANGE_SQL).fetchone()[0])
    except sqlite3.Error:
        return True
    return mine != theirs


def verify(path: Path) -> dict[str, int]:
    """Row counts of a backup that is a diary this version can open and passes the full
    integrity check; DiaryFileError naming the problem otherwise. Nothing is written."""
    opening.inspect(path, schema.KNOWN)
    with contextlib.closing(backups.reader(path)) as conn:
        return backups.table_counts(conn)


def newest_good(diary: Path, folders: list[Path]) -> tuple[BackupInfo, dict[str, int]] | None:
    """The newest backup of `diary` across `folders` that verifies, with its row counts."""
    found = [info for folder in dict.fromkeys(folders) for info in backups_of(diary, folder)
             if info.kind != backups.DAMAGED and info.is_diary]
    for info in sorted(found, key=lambda i: i.taken, reverse=True):
        try:
            return info, verify(info.path)
        except DiaryFileError:
            continue
    return None
