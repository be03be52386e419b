"""Whose write-ahead log is this, and does it continue this very file?

SQLite ties no -wal file to its main file: a log left beside a diary by a crash is replayed on
the next open, and so is a stray log from another diary (a file copied or restored by hand over
one whose log was still there), which would graft another person's pages onto this diary
without a word. So every diary carries a seal: one row with a random identity made with the
diary and a count of its writes, rewritten by every write transaction (`BUMP_SQL`). Any log with
a committed transaction therefore holds the seal of the diary that wrote it, and a log whose seal
differs from the main file's is refused before anything reads through it for good.

The same diary's own log is no safer beside another copy of its file. A log holds the pages its
transactions changed since the main file was last brought up to date, not the file as a whole:
replayed onto an older copy (one put back by hand while the log was there), it leaves the pages
changed in between as the copy has them, and the diary shows a mix of two times that passes
SQLite's integrity check (a rename in the audit trail, the old name in the diary). Replayed onto
a newer copy, it puts older pages back. The seal's count tells: the log's first transaction
that wrote the seal holds the count the file had when the log began, plus one; the file alone
must hold at least that count minus one (a checkpoint may have copied some of the log into it
since) and at most the count the whole log ends with.
"""

from __future__ import annotations

import contextlib
import sqlite3
import struct
from pathlib import Path
from typing import BinaryIO

from diary.storage.errors import DiaryFileError
from diary.storage.file import regular

TABLE = "seal"
BUMP_SQL = "UPDATE seal SET writes = writes + 1 WHERE id = 1"
_WAL_HEADER = 32  # bytes; a log of its header alone holds no transaction
_FRAME_HEADER = 24
_WAL_MAGIC = (0x377F0682, 0x377F0683)  # checksums in little- or big-endian words

FOREIGN = "foreign"  # written by another diary
OLDER_FILE = "older file"  # the file is older than the state the log started from
OLDER_LOG = "older log"  # the log ends before the state the file holds


def sealed(conn: sqlite3.Connection) -> bool:
    """The diary on `conn` has its seal (diaries from before schema 2 have none until upgraded)."""
    return conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [TABLE]
    ).fetchone() is not None


def identity(conn: sqlite3.Connection) -> str | None:
    found = seal(conn)
    return None if found is None else found[0]


def seal(conn: sqlite3.Connection) -> tuple[str, int] | None:
    """The diary's identity and its count of write transactions; None before schema 2."""
    if not sealed(conn):
        return None
    found = conn.execute("SELECT diary, writes FROM seal WHERE id = 1").fetchone()
    return None if found is None else (str(found[0]), int(found[1]))


def holds_transactions(wal: Path) -> bool:
    try:
        return wal.stat().st_size > _WAL_HEADER
    except OSError:
        return False


def misfit(main_only_uri: str, through_log: sqlite3.Connection, wal: Path | None) -> str | None:
    """Why the log `wal`, read through `through_log`, cannot be replayed onto the main file
    (`main_only_uri`, opened immutable, which makes SQLite ignore the log): FOREIGN, OLDER_FILE,
    OLDER_LOG, or None when nothing proves it wrong (without `wal`, only FOREIGN is looked for).

    Only positive evidence counts: the main file has a seal, and the log's view has another one
    or none, or counts that no checkpoint of this log could leave. A main file that cannot be
    read alone (a checkpoint cut short by a crash leaves it half updated until the log is
    replayed) or that predates the seal proves nothing, nor does a log whose first transaction
    cannot be read or did not write the seal."""
    ours, root = _main_seal(main_only_uri)
    if ours is None:
        return None
    theirs = seal(through_log)
    if theirs is None or theirs[0] != ours[0]:
        return FOREIGN
    if wal is None or root is None:
        return None
    started = first_seal_count(wal, root)
    if started is not None and ours[1] < started - 1:
        return OLDER_FILE
    if ours[1] > theirs[1]:
        return OLDER_LOG
    return None


def misfit_by_counts(main_only_uri: str, wal: Path) -> str | None:
    """`misfit` for a log whose view SQLite cannot even read (its pages replayed onto a file of
    another time make a malformed database): OLDER_FILE or OLDER_LOG from the seal's counts in
    the main file alone and in the log's own frames, or None when they prove nothing."""
    ours, root = _main_seal(main_only_uri)
    if ours is None or root is None:
        return None
    started = first_seal_count(wal, root)
    if started is not None and ours[1] < started - 1:
        return OLDER_FILE
    ended = last_seal_count(wal, root)
    if ended is not None and ours[1] > ended:
        return OLDER_LOG
    return None


def _main_seal(main_only_uri: str) -> tuple[tuple[str, int] | None, int | None]:
    """The seal of the main file read alone (identity, writes) and the seal table's root page;
    (None, None) when the file cannot be read alone or predates the seal."""
    try:
        with contextlib.closing(sqlite3.connect(main_only_uri, uri=True)) as main:
            ours = seal(main)
            root = main.execute(
                "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", [TABLE]
            ).fetchone()
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return None, None
    return ours, None if root is None else int(root[0])


def first_seal_count(wal: Path, seal_page: int) -> int | None:
    """The seal's count in the first committed transaction of `wal` (as SQLite would replay it:
    frames with the header's salts and an unbroken checksum chain), or None when that
    transaction did not write page `seal_page` or cannot be read."""
    return _seal_count(wal, seal_page, first_only=True)


def last_seal_count(wal: Path, seal_page: int) -> int | None:
    """The seal's count as the log's last committed transaction leaves it, or None."""
    return _seal_count(wal, seal_page, first_only=False)


def _seal_count(wal: Path, seal_page: int, *, first_only: bool) -> int | None:
    try:
        with regular.reading(wal, expected="a write-ahead log") as log:
            page = _committed(log, first_only=first_only).get(seal_page)
        return None if page is None else _writes_on(page)
    except (OSError, DiaryFileError, struct.error, IndexError):
        return None


def _committed(log: BinaryIO, *, first_only: bool) -> dict[int, bytes]:
    """Page number -> its last image in the log's first committed transaction, or in all of
    its committed transactions together (`first_only=False`); {} if none."""
    header = log.read(_WAL_HEADER)
    if len(header) < _WAL_HEADER:
        return {}
    magic, _version, page_size, _sequence, salt1, salt2, sum1, sum2 = struct.unpack(">8I", header)
    if magic not in _WAL_MAGIC or not 512 <= page_size <= 65536 or page_size & (page_size - 1):
        return {}
    big_endian = magic & 1 == 1
    sums = _checksum(header[:24], (0, 0), big_endian)
    if sums != (sum1, sum2):
        return {}
    pages: dict[int, bytes] = {}
    committed: dict[int, bytes] = {}  # as of the last commit read
    while True:
        frame = log.read(_FRAME_HEADER + page_size)
        if len(frame) < _FRAME_HEADER + page_size:
            return committed  # the log ends: what its commits wrote (none: it holds nothing)
        number, commit, salt_a, salt_b, sum1, sum2 = struct.unpack(">6I", frame[:_FRAME_HEADER])
        if number == 0 or (salt_a, salt_b) != (salt1, salt2):
            return committed
        sums = _checksum(frame[:8], sums, big_endian)
        sums = _checksum(frame[_FRAME_HEADER:], sums, big_endian)
        if sums != (sum1, sum2):
            return committed
        pages[number] = frame[_FRAME_HEADER:]
        if commit:
            committed = dict(pages)
            if first_only:
                return committed


def _checksum(data: bytes, sums: tuple[int, int], big_endian: bool) -> tuple[int, int]:
    """SQLite's write-ahead log checksum (https://www.sqlite.org/fileformat.html#checksum)."""
    s1, s2 = sums
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for n in range(0, len(words), 2):
        s1 = (s1 + words[n] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[n + 1] + s1) & 0xFFFFFFFF
    return s1, s2


def _writes_on(page: bytes) -> int | None:
    """The `writes` of the seal's one row (id 1) on an image of the seal table's page: a table
    leaf whose row holds (id as the rowid, diary, writes), or None for anything else."""
    if page[0] != 0x0D:
        return None
    (cells,) = struct.unpack(">H", page[3:5])
    for n in range(cells):
        (at,) = struct.unpack(">H", page[8 + 2 * n:10 + 2 * n])
        size, at = _varint(page, at)
        rowid, at = _varint(page, at)
        if rowid != 1:
            continue
        record = page[at:at + size]
        if size > len(page) - 35:
            return None  # spilled to an overflow page: not a seal
        header_size, at = _varint(record, 0)
        types = []
        while at < header_size:
            kind, at = _varint(record, at)
            types.append(kind)
        if len(types) < 3 or not 1 <= types[2] <= 9 or types[2] == 7:
            return None
        body = header_size + sum(_serial_size(kind) for kind in types[:2])
        return _serial_int(types[2], record[body:])
    return None


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for n in range(9):
        byte = data[at + n]
        if n == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + n + 1
    raise AssertionError("unreachable")  # pragma: no cover


_INT_SIZES = {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8, 7: 8, 8: 0, 9: 0}


def _serial_size(kind: int) -> int:
    return _INT_SIZES.get(kind, 0) if kind < 12 else (kind - 12) // 2


def _serial_int(kind: int, data: bytes) -> int | None:
    if kind in (8, 9):
        return kind - 8
    raw = data[:_INT_SIZES[kind]]
    if len(raw) != _INT_SIZES[kind]:
        return None
    return int.from_bytes(raw, "big", signed=True)
