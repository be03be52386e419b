"""Automatic backups of an open diary: take one, verify it, and only then thin the old ones.

back_up_and_thin(store, folder, now, tz, policy)   a verified backup, then the thinning
backups_of(diary, folder, identity)                 this diary's backups in a folder, newest first
newest_good(diary, folders, identity)               the newest backup that passes every check

Only this diary's own plain backups that can be read as diaries are ever removed (by name and
identity: backup_names.belongs_to); before-restore and damaged copies, other diaries' backups in
a shared folder (an external drive, often holding two `diary.sqlite`s), unreadable files and
anything else are left alone.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from diary.domain.retention import BackupPolicy
from diary.domain.retention import to_keep
from diary.storage import backups
from diary.storage import checksums
from diary.storage.backup_names import BackupInfo
from diary.storage.backup_names import belongs_to
from diary.storage.backup_names import tag_of
from diary.storage.backups import Verified
from diary.storage.errors import DiaryFileError
from diary.storage.file import logseal
from diary.storage.records.audit import LAST_CHANGE_SQL

if TYPE_CHECKING:
    from diary.storage.store import DiaryStore


@dataclass(frozen=True)
class AutoBackup:
    made: Verified
    removed: list[Path]


def backups_of(diary: Path, folder: Path, identity: str | None) -> list[BackupInfo]:
    """The backups of the diary at `diary` whose identity is `identity` in `folder`, newest
    first: restorable ones and the copies a restore kept."""
    return [info for info in backups.list_backups(folder)
            if belongs_to(info, diary, identity)]


def identity(store: DiaryStore) -> str | None:
    return store.identity()


def back_up_and_thin(store: DiaryStore, folder: Path, now: datetime, tz: tzinfo,
                     policy: BackupPolicy, target: Path | None = None) -> AutoBackup:
    """A new backup of the open diary in `folder` (named `target` when the caller chose its name
    there), verified (integrity and row counts) by backup_to; then the diary's older plain
    backups the policy does not keep are removed. A failed backup raises DiaryFileError and
    removes nothing.

    Only a backup proven whole (its bytes match the checksum recorded when it was made) counts
    for the policy and can be removed by it: a file named like a backup that is not one, or no
    longer is (a header followed by garbage, a flipped bit), must never take the place of the
    good backup of its period and have that one deleted. Such a file is left where it is, and
    so is a backup from before checksums were kept."""
    mine = identity(store)
    made = store.backup_to(target or backups.new_backup_path(store.path, now, folder,
                                                             identity=mine))
    plain = [info for info in backups_of(store.path, folder, mine)
             if not info.kind and info.is_diary and checksums.proven(info.path)]
    keep = to_keep([info.taken for info in plain], now, tz, policy)
    removed = []
    for info in plain:
        if info.taken not in keep and info.path != made.path:
            with contextlib.suppress(FileNotFoundError):
                info.path.unlink()
                removed.append(info.path)
            checksums.remove(info.path)
    return AutoBackup(made, removed)




def changed_since(store: DiaryStore, backup: Path | None) -> bool:
    """The diary holds a change the backup does not: every write of the diary leaves an audit
    row, so the newest audit row tells, whoever wrote (this window or a command). A backup that
    cannot be read, or that is of another diary, counts as no backup."""
    if backup is None:
        return True
    mine = store.audit.last_id()
    try:
        with contextlib.closing(backups.reader(backup)) as conn:
            theirs = int(conn.execute(LAST_CHANGE_SQL).fetchone()[0])
            same = logseal.identity(conn) == identity(store)
    except (sqlite3.Error, DiaryFileError):
        return True
    return mine != theirs or not same


def verify(path: Path) -> dict[str, int]:
    """Row counts of a backup that matches its checksum, is a diary this version can open and
    passes the full integrity check; DiaryFileError naming the problem otherwise. Nothing is
    written."""
    backups.inspect_backup(path)
    with contextlib.closing(backups.reader(path)) as conn:
        return backups.table_counts(conn)


def newest_good(diary: Path, folders: list[Path], identity: str | None
                ) -> tuple[BackupInfo, dict[str, int]] | None:
    """The newest backup of the diary at `diary`, whose identity is `identity`, across
    `folders` that verifies, with its row counts. With no identity known (a diary too damaged
    to read it, never opened on this computer), a backup is offered only when every backup of
    that name is of one same diary: otherwise it could be another person's."""
    found = [info for folder in dict.fromkeys(folders)
             for info in backups.list_backups(folder)
             if info.stem == Path(diary).stem and info.kind != backups.DAMAGED and info.is_diary]
    if identity is not None:
        found = [info for info in found if belongs_to(info, diary, identity)]
    elif len({_owner(info) for info in found}) > 1:
        return None
    for info in sorted(found, key=lambda i: i.taken, reverse=True):
        try:
            return info, verify(info.path)
        except DiaryFileError:
            continue
    return None


def _owner(info: BackupInfo) -> str:
    return info.tag or tag_of(backups.identity_in(info.path))
