"""Backups of a diary, and restoring one: always through SQLite's backup API, never a file copy.

backup_to(conn, target)                a consistent, verified copy, created 0600, with its
                                        checksum beside it
restore(diary, backup, clock)           verify the backup, back up the diary, swap atomically

(Names and listing: diary.storage.backup_names, re-exported here.)

A backup is reported done only once it passed integrity_check and holds as many rows in every
table as the diary did at the same instant; a failed or unverified copy is removed. A restore reads
the candidate without writing a byte to it, never merges, and either replaces the diary whole or
leaves it byte-identical.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from diary.storage import checksums
from diary.storage import errors
from diary.storage import schema
from diary.storage.backup_names import BEFORE_RESTORE
from diary.storage.backup_names import DAMAGED
from diary.storage.backup_names import BackupInfo
from diary.storage.backup_names import backups_folder
from diary.storage.backup_names import identity_in
from diary.storage.backup_names import is_backup_name
from diary.storage.backup_names import list_backups
from diary.storage.backup_names import new_backup_path
from diary.storage.backup_names import reader
from diary.storage.errors import DiaryFileError
from diary.storage.file import copies
from diary.storage.file import logseal
from diary.storage.file import opening
from diary.storage.file import placement
from diary.storage.file import uselock
from diary.storage.tables import Clock
from diary.storage.tables import system_clock

__all__ = [  # with the names of backups (backup_names), which callers see as part of backing up
    "BEFORE_RESTORE", "DAMAGED", "BackupInfo", "OtherDiaryError", "Restored", "Verified",
    "backup_to", "backups_folder", "identity_in", "keep_damaged", "keep_folder", "list_backups",
    "new_backup_path", "reader", "restore", "table_counts",
]

LOCK_TIMEOUT_MS = 200  # how long a restore waits for another program's write to finish


@dataclass(frozen=True)
class Verified:
    """A backup that passed its checks: where it is and the rows it holds, per table."""

    path: Path
    counts: dict[str, int]


@dataclass(frozen=True)
class Restored:
    diary: Path
    source: Path
    counts: dict[str, int]  # the rows the diary now holds
    pre_restore: Verified  # the diary as it was, kept before it was replaced
    pending: list[str]  # migrations the next open applies (a backup from an older version)


# --- backing up -----------------------------------------------------------------------------------
def backup_to(conn: sqlite3.Connection, target: Path) -> Verified:
    """Copy the diary behind `conn` to the new file `target` (never replacing one), 0600,
    verified against the same snapshot of the diary, flushed to disk, with its checksum beside
    it (diary.storage.checksums)."""
    target = Path(target)
    if conn.in_transaction:
        raise DiaryFileError(target, "cannot back up in the middle of a change; try again")
    if os.path.lexists(target):
        raise DiaryFileError(target, "a file of that name already exists")
    # Made under a name no backup has, and given its own only once whole, verified, flushed and
    # with its checksum beside it: a backup killed half-way leaves no file a restore or the
    # thinning could take for a backup.
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}{PARTIAL}")
    _sweep_partials(target.parent)
    try:
        with _snapshot(conn):
            copies.backup_copy(conn, partial)
            counts = table_counts(conn)
    except DiaryFileError as exc:  # said of the backup, not of its partial name
        partial.unlink(missing_ok=True)
        kind = errors.DamagedDiaryError if isinstance(exc, errors.DamagedDiaryError) \
            else DiaryFileError  # a copy showing the diary damaged says so by its kind
        raise kind(target, exc.reason) from exc
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        reason = errors.disk_reason(exc)
        why = f"{reason} ({exc})" if reason else str(exc)
        raise DiaryFileError(target, f"the backup failed and no copy was kept ({why})") from exc
    placed = False
    try:
        _fsync_file(partial)
        checksums.write(target, contents=partial)
        placement.place_new(partial, target, lambda: DiaryFileError(
            target, "a file of that name appeared while the backup was made; it was left as "
            "it was and no copy was kept"))
        placed = True
        _fsync_dir(target.parent)
    except OSError as exc:
        _remove_backup(partial, target, placed)
        raise DiaryFileError(target, "the backup failed and no copy was kept "
                             f"({exc.strerror or exc})") from exc
    except BaseException:
        _remove_backup(partial, target, placed)
        raise
    return Verified(target, counts)


PARTIAL = ".partial"
# The partial names backup_to makes, and SQLite's files beside them: nothing else is swept.
_PARTIAL_NAME = re.compile(r"^\..+\.[0-9a-f]{8}\.partial(?:-journal|-wal|-shm)?$")
_STALE_PARTIAL_S = 24 * 3600  # no backup takes a day: older ones were left by a killed backup


def _sweep_partials(folder: Path) -> None:
    """Remove what backups killed half-way left in `folder` (a day old at least, so that
    another program's backup under way is never touched): partial copies, and a checksum file
    written for a backup that was never linked into place (a backup's name, no backup)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            lone = (path.name.endswith(checksums.EXTENSION)
                    and is_backup_name(path.name.removesuffix(checksums.EXTENSION))
                    and not os.path.lexists(path.with_name(
                        path.name.removesuffix(checksums.EXTENSION))))
            if not lone and not _PARTIAL_NAME.match(path.name):
                continue
            with contextlib.suppress(OSError):
                if now - path.lstat().st_mtime > _STALE_PARTIAL_S:
                    path.unlink()


def _remove_backup(partial: Path, target: Path, placed: bool) -> None:
    """What a failed backup made: its partial copy, SQLite's files beside it, its checksum, and
    the file under the target's name only when the backup itself put it there."""
    for leftover in (partial, *opening.companions(partial)):
        leftover.unlink(missing_ok=True)
    if placed:
        target.unlink(missing_ok=True)
    if placed or not os.path.lexists(target):
        checksums.remove(target)


@contextlib.contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction: the copy and the row counts it is checked against see the same
    diary, whatever other connections commit meanwhile."""
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        yield
    finally:
        conn.execute("ROLLBACK")


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in every table (deleted entries included: a backup holds them too)."""
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    return {name: int(conn.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0])
            for name in names}


# --- restoring ------------------------------------------------------------------------------------
class OtherDiaryError(DiaryFileError):
    """The backup was taken of another diary than the one it would replace."""


def inspect_backup(backup: Path) -> list[str]:
    """A backup's checks, the most telling first: that it is a diary file at all (no such
    file, a named pipe), that its bytes are those it was made with (its checksum file), then
    the full check of `opening.inspect`. The migrations it lacks; DiaryFileError otherwise."""
    opening.check_header(backup, opening.read_header(backup), len(schema.KNOWN))
    checksums.check(backup)
    return opening.inspect(backup)


def restore(diary: Path, backup: Path, clock: Clock = system_clock, keep_in: Path | None = None,
            other_diary: bool = False) -> Restored:
    """Replace `diary` by `backup`: verify the backup (a diary, not newer, intact, its checksum,
    and a backup of this very diary unless `other_diary`) without writing to it, keep the
    current diary in `keep_in` (the backups folder beside it when that is None or not there),
    then swap in a verified copy atomically. The caller must have closed the diary; a diary
    open anywhere else (even idle) is refused. Any failure leaves the diary as it was."""
    # Through a link, the file linked to is restored (the link stays a link).
    diary, backup = Path(os.path.realpath(diary)), Path(backup)
    pending = inspect_backup(backup)
    if not diary.is_file():
        raise DiaryFileError(diary, "no such file")
    if os.path.samefile(diary, backup):
        raise DiaryFileError(backup, "this is the diary itself, not a backup of it")
    keep_in = keep_folder(diary, keep_in)
    with contextlib.closing(reader(backup)) as candidate:
        verdict = candidate.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise DiaryFileError(backup, f"damaged: the integrity check failed ({verdict})")
        counts = table_counts(candidate)
        theirs = logseal.identity(candidate)
        with uselock.exclusive(diary):
            if _damaged(diary):
                ours = identity_in(diary)
                _same_diary(diary, backup, ours, theirs, other_diary)
                kept = keep_damaged(diary, clock(), keep_in, ours)
                _swap_in(candidate, diary)
            else:
                with _write_lock(diary):
                    with contextlib.closing(opening.connect(diary, read_only=True)) as current:
                        ours = logseal.identity(current)
                        _same_diary(diary, backup, ours, theirs, other_diary)
                        kept = backup_to(current, new_backup_path(
                            diary, clock(), keep_in, BEFORE_RESTORE, ours))
                    _swap_in(candidate, diary)
                _remove_stale_companions(diary)
    opening.inspect(diary, schema.KNOWN)  # the swapped-in file opens as a diary
    return Restored(diary=diary, source=backup, counts=counts, pre_restore=kept, pending=pending)


def keep_folder(diary: Path, chosen: Path | None) -> Path:
    """Where a restore keeps the diary it replaces: the chosen backup folder, or the one beside
    the diary when none is chosen or the chosen one is not there (a drive not plugged in must
    not stop a restore the person asked for)."""
    return chosen if chosen is not None and chosen.is_dir() else backups_folder(diary)


def _same_diary(diary: Path, backup: Path, ours: str | None, theirs: str | None,
                other_diary: bool) -> None:
    """Refuse a backup of another person's diary (two diaries are often both `diary.sqlite`).
    Only positive evidence counts: a diary or backup from before the seal, or a diary too
    damaged to read its seal, cannot tell."""
    if other_diary or ours is None or theirs is None or ours == theirs:
        return
    raise OtherDiaryError(backup, f"it is a backup of another diary, not of {diary.name}; "
                          "nothing was changed")


def _damaged(diary: Path) -> bool:
    """SQLite cannot read the diary as a database (a newer or foreign diary is not damaged, and
    one that another program has locked is refused rather than taken for damaged)."""
    try:
        opening.inspect(diary, schema.KNOWN)
    except errors.DamagedDiaryError:
        return True
    except errors.DiaryBusyError:
        raise DiaryFileError(diary, "it is in use by another program; close it there, then "
                             "restore") from None
    except errors.NewerDiaryError:
        return False
    return False


def keep_damaged(diary: Path, now: datetime, folder: Path | None = None,
                 identity: str | None = None) -> Verified:
    """Keep a damaged diary byte for byte in `folder` (default: its backups folder): it cannot
    be copied through SQLite, and someone may yet recover entries from it. Its write-ahead log
    and shared memory move along, so that no log of the old file is ever replayed onto the
    restored one."""
    target = new_backup_path(diary, now, folder, DAMAGED, identity)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out, diary.open("rb") as source:
        shutil.copyfileobj(source, out)
        out.flush()
        os.fsync(out.fileno())
    for companion in opening.companions(diary):
        if companion.exists():
            os.replace(companion, target.with_name(target.name + companion.name[-4:]))
    _fsync_dir(target.parent)
    return Verified(target, {})


@contextlib.contextmanager
def _write_lock(diary: Path) -> Iterator[None]:
    """Hold the diary's write lock, with its write-ahead log empty, for the whole restore: nobody
    can commit a change the pre-restore backup would miss, and no log of the old file is left to
    be replayed onto the new one."""
    conn = sqlite3.connect(f"file:{quote(str(diary.resolve()))}?mode=rw", uri=True,
                           isolation_level=None, timeout=LOCK_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout = {LOCK_TIMEOUT_MS}")
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DiaryFileError(diary, "it is open for writing in another program or "
                                     "window; close it there, then restore") from None
            raise DiaryFileError(diary, f"cannot lock it for the restore ({exc})") from None
        wal = opening.companions(diary)[0]
        if wal.exists() and wal.stat().st_size > 0:
            raise DiaryFileError(diary, "it is in use by another program or window; close it "
                                 "there, then restore")
        yield
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


def _remove_stale_companions(diary: Path) -> None:
    """The old file's -wal (emptied under the lock) and -shm are left beside the new one: SQLite
    keeps them when the file was replaced under it. An empty log has nothing to replay. A log
    that is not empty can only come from another program that still had the old file open and
    wrote after the lock was released; it is not deleted here (see the one-writer lock)."""
    wal, shm = opening.companions(diary)
    if wal.exists() and wal.stat().st_size > 0:
        return
    wal.unlink(missing_ok=True)
    shm.unlink(missing_ok=True)


def _swap_in(candidate: sqlite3.Connection, diary: Path) -> None:
    """A verified 0600 copy of the candidate beside the diary, flushed, then renamed over it."""
    temp = diary.with_name(f".{diary.name}.restoring")
    temp.unlink(missing_ok=True)  # a leftover of an interrupted restore: never the diary itself
    try:
        copies.backup_copy(candidate, temp)
        _fsync_file(temp)
        os.replace(temp, diary)
    except sqlite3.Error as exc:
        raise DiaryFileError(diary, f"the restore failed; the diary is as it was ({exc})") \
            from exc
    finally:
        temp.unlink(missing_ok=True)
    _fsync_dir(diary.parent)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
