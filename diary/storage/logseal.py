"""Whose write-ahead log is this?

SQLite ties no -wal file to its main file: a log left beside a diary by a crash is replayed on
the next open, and so is a stray log from another diary (a file copied or restored by hand over
one whose log was still there), which would graft another person's pages onto this diary
without a word. So every diary carries a seal: one row with a random identity made with the
diary, rewritten by every write transaction (`BUMP_SQL`). Any log with a committed transaction
therefore holds the seal of the diary that wrote it, and a log whose seal differs from the main
file's is refused before anything reads through it for good.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

TABLE = "seal"
BUMP_SQL = "UPDATE seal SET writes = writes + 1 WHERE id = 1"
_WAL_HEADER = 32  # bytes; a log of its header alone holds no transaction


def sealed(conn: sqlite3.Connection) -> bool:
    """The diary on `conn` has its seal (diaries from before schema 2 have none until upgraded)."""
    return conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [TABLE]
    ).fetchone() is not None


def identity(conn: sqlite3.Connection) -> str | None:
    if not sealed(conn):
        return None
    found = conn.execute("SELECT diary FROM seal WHERE id = 1").fetchone()
    return None if found is None else str(found[0])


def holds_transactions(wal: Path) -> bool:
    try:
        return wal.stat().st_size > _WAL_HEADER
    except OSError:
        return False


def foreign(main_only_uri: str, through_log: sqlite3.Connection) -> bool:
    """Whether the log read through `through_log` was written by another diary than the main
    file (`main_only_uri`, opened immutable, which makes SQLite ignore the log).

    Only positive evidence counts: the main file has a seal, and the log's view has another one
    or none. A main file that cannot be read alone (a checkpoint cut short by a crash leaves it
    half updated until the log is replayed) or that predates the seal proves nothing."""
    try:
        with contextlib.closing(sqlite3.connect(main_only_uri, uri=True)) as main:
            ours = identity(main)
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return False
    if ours is None:
        return False
    return identity(through_log) != ours
