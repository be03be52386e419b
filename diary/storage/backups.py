"""Backups of a diary, and restoring one: always through SQLite's backup API, never a file copy.

backup_to(store_or_conn, target)        a consistent, verified copy, created 0600
new_backup_path(diary, now)             <diary's folder>/backups/<stem>-YYYYMMDDTHHMMSSZ.sqlite
list_backups(folder)                    what a backups folder holds, newest first
restore(diary, backup, clock)           verify the backup, back up the diary, swap atomically

A backup is reported done only once it passed integrity_check and holds as many rows in every
table as the diary did at the same instant; a failed or unverified copy is removed. A restore reads
the candidate without writing a byte to it, never merges, and either replaces the diary whole or
leaves it byte-identical.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from diary.storage import errors, opening, schema, uselock
from diary.storage.base import Clock, StoreBase, system_clock
from diary.storage.errors import DiaryFileError

FOLDER_NAME = "backups"
FOLDER_MODE = 0o700
SUFFIX = ".sqlite"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(?P<stem>.+?)(?:-(?P<kind>before-restore|damaged))?"
                   r"-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?\.sqlite$")
BEFORE_RESTORE = "before-restore"  # the diary as it was, kept by a restore: never thinned
DAMAGED = "damaged"  # the bytes of a diary too damaged to open, kept by a restore
LOCK_TIMEOUT_MS = 200  # how long a restore waits for another program's write to finish


@dataclass(frozen=True)
class Verified:
    """A backup that passed its checks: where it is and the rows it holds, per table."""

    path: Path
    counts: dict[str, int]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime  # UTC, from the file's name
    size: int
    is_diary: bool  # from the header alone: a diary this version can open
    stem: str = ""  # the name of the diary it was taken of, without its suffix
    kind: str = ""  # "" for a backup, BEFORE_RESTORE or DAMAGED


@dataclass(frozen=True)
class Restored:
    diary: Path
    source: Path
    counts: dict[str, int]  # the rows the diary now holds
    pre_restore: Verified  # the diary as it was, kept before it was replaced
    pending: list[str]  # migrations the next open applies (a backup from an older version)


# --- backing up -----------------------------------------------------------------------------------
def backup_to(source: StoreBase | sqlite3.Connection, target: Path) -> Verified:
    """Copy the diary behind `source` to the new file `target` (never replacing one), 0600,
    verified against the same snapshot of the diary, flushed to disk."""
    conn = source if isinstance(source, sqlite3.Connection) else source.connection
    target = Path(target)
    if conn.in_transaction:
        raise DiaryFileError(target, "cannot back up in the middle of a change; try again")
    try:
        with _snapshot(conn):
            opening.backup_copy(conn, target)
            counts = table_counts(conn)
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise DiaryFileError(target, f"the backup failed and no copy was kept ({exc})") from exc
    try:
        _fsync_file(target)
        _fsync_dir(target.parent)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return Verified(target, counts)


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


# --- names and the folder -------------------------------------------------------------------------
def backups_folder(diary: Path) -> Path:
    """Where a diary's backups go by default: `backups/` beside it (in the data folder for the
    person's own diary)."""
    return Path(diary).parent / FOLDER_NAME


def new_backup_path(diary: Path, now: datetime, folder: Path | None = None,
                    kind: str = "") -> Path:
    """A name not yet taken, '<stem>-20261126T214500Z.sqlite' (UTC, sorts by time), or
    '<stem>-<kind>-<stamp>.sqlite', in `folder` (default: the diary's backups folder, created
    0700)."""
    folder = backups_folder(diary) if folder is None else folder
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if now.tzinfo is None:
        raise ValueError("the clock must give an aware datetime")
    label = f"{Path(diary).stem}-{kind}" if kind else Path(diary).stem
    base = f"{label}-{now.astimezone(UTC).strftime(STAMP_FORMAT)}"
    candidate = folder / f"{base}{SUFFIX}"
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{base}-{number}{SUFFIX}"
        number += 1
    return candidate


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first (by the time in their names). Whether each is a
    diary is read from its 100-byte header only: cheap, and nothing is opened or written."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        taken = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
        found.append((taken, int(match["n"] or 1), BackupInfo(
            path=path, taken=taken, size=path.stat().st_size, is_diary=_looks_like_diary(path),
            stem=match["stem"], kind=match["kind"] or "")))
    found.sort(key=lambda item: (item[0], item[1], item[2].path.name), reverse=True)
    return [info for *_, info in found]


def _looks_like_diary(path: Path) -> bool:
    try:
        opening.check_header(path, opening.read_header(path), len(schema.KNOWN))
    except DiaryFileError:
        return False
    return True


# --- restoring ------------------------------------------------------------------------------------
def restore(diary: Path, backup: Path, clock: Clock = system_clock) -> Restored:
    """Replace `diary` by `backup`: verify the backup (a diary, not newer, intact) without writing
    to it, keep a verified backup of the current diary, then swap in a verified copy atomically.
    The caller must have closed the diary; a diary open anywhere else (even idle) is refused. Any
    failure leaves the diary as it was."""
    diary, backup = Path(diary), Path(backup)
    pending = opening.inspect(backup)
    if not diary.is_file():
        raise DiaryFileError(diary, "no such file")
    if os.path.samefile(diary, backup):
        raise DiaryFileError(backup, "this is the diary itself, not a backup of it")
    with contextlib.closing(reader(backup)) as candidate:
        verdict = candidate.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise DiaryFileError(backup, f"damaged: the integrity check failed ({verdict})")
        counts = table_counts(candidate)
        with uselock.exclusive(diary):
            if _damaged(diary):
                kept = keep_damaged(diary, clock())
                _swap_in(candidate, diary)
            else:
                with _write_lock(diary):
                    with contextlib.closing(opening.connect(diary, read_only=True)) as current:
                        kept = backup_to(current, new_backup_path(diary, clock(),
                                                                  kind=BEFORE_RESTORE))
                    _swap_in(candidate, diary)
                _remove_stale_companions(diary)
    opening.inspect(diary, schema.KNOWN)  # the swapped-in file opens as a diary
    return Restored(diary=diary, source=backup, counts=counts, pre_restore=kept, pending=pending)


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


def keep_damaged(diary: Path, now: datetime) -> Verified:
    """Keep a damaged diary byte for byte in the backups folder: it cannot be copied through
    SQLite, and someone may yet recover entries from it. Its write-ahead log and shared memory
    move along, so that no log of the old file is ever replayed onto the restored one."""
    target = new_backup_path(diary, now, kind=DAMAGED)
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


def reader(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to `path`: immutable when no write-ahead log is beside it,
    so that SQLite creates no -wal or -shm beside a backup either."""
    wal = opening.companions(path)[0]
    mode = "ro" if wal.exists() else "ro&immutable=1"
    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode={mode}", uri=True,
                           isolation_level=None)
    conn.execute("PRAGMA query_only = ON")
    return conn


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
        opening.backup_copy(candidate, temp)
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
