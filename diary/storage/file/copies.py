"""New files beside the diary: created 0600 and never over another file, and verified copies
through SQLite's backup API (a backup, the copy kept before an upgrade)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC
from datetime import datetime
from pathlib import Path

from diary.storage.errors import DamagedDiaryError
from diary.storage.errors import DiaryFileError
from diary.storage.file.opening import FILE_MODE
from diary.storage.file.opening import companions


def create_file(path: Path) -> None:
    """Create an empty file with mode 0600; refuse to replace anything already there."""
    if not path.parent.is_dir():
        raise DiaryFileError(path, f"the folder {path.parent} does not exist")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        raise DiaryFileError(path, "a file of that name already exists") from None
    except PermissionError:
        raise DiaryFileError(
            path, "permission denied: cannot create a file in that folder"
        ) from None
    except OSError as exc:
        raise DiaryFileError(path, f"cannot create the file ({exc.strerror})") from None
    os.close(fd)


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """SQLite creates -wal and -shm beside the diary; make sure nobody else can read them."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def backup_copy(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy through SQLite's backup API, verified, created 0600."""
    create_file(target)
    try:
        with contextlib.closing(sqlite3.connect(target)) as copy:
            conn.backup(copy)
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise DiaryFileError(target, f"the backup copy failed its check ({verdict})")
            for table in _user_tables(conn):
                ours = conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
                theirs = copy.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
                if ours != theirs:
                    raise DiaryFileError(target, f"the backup copy lost rows of {table}")
            # A copy of values nobody wrote would be proven a good backup by its checksum and
            # kept by the thinning in place of a good one: the diary itself is damaged.
            from diary.storage import values

            damaged = values.damaged_values(copy, limit=values.SHOWN + 1)
            if damaged:
                raise DamagedDiaryError(target, "not made: the diary it copies is damaged, its "
                                        "values differ from what the program wrote: "
                                        f"{values.differences_text(damaged, values.SHOWN)}")
    except BaseException:
        # A copy that failed on a full disk can leave SQLite's -wal and -shm beside it too.
        for leftover in (target, *companions(target)):
            leftover.unlink(missing_ok=True)
        raise


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [row[0] for row in rows]


def pre_migration_path(path: Path) -> Path:
    """A name not yet taken beside the diary for its copy before an upgrade (a second attempt in
    the same second, after one that failed, gets '-2')."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = f"{path.stem}.before-upgrade-{stamp}"
    suffix = path.suffix or ".diary"
    candidate = path.with_name(f"{base}{suffix}")
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{base}-{number}{suffix}")
        number += 1
    return candidate
