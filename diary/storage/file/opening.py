"""Creating and opening diary files safely.

A file is inspected from its 100-byte header before SQLite touches it, then checked through a
read-only connection; only a file that passes every check is opened for writing. A refused file is
left byte-for-byte as it was. Nothing here ever creates a file by accident: creation is explicit.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from diary.storage import schema
from diary.storage.errors import DamagedDiaryError
from diary.storage.errors import DiaryBusyError
from diary.storage.errors import DiaryFileError
from diary.storage.errors import ForeignLogError
from diary.storage.errors import NewerDiaryError
from diary.storage.errors import disk_reason
from diary.storage.file import logseal
from diary.storage.file import regular
from diary.storage.file import uselock
from diary.storage.file import verified

if TYPE_CHECKING:
    from diary.storage.values import DamagedValue

HEADER_MAGIC = b"SQLite format 3\x00"
FILE_MODE = 0o600


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int
    page_count_valid: bool
    user_version: int
    application_id: int
    file_size: int
    file_format: tuple[int, int] = (1, 1)  # SQLite's write and read versions: 1 or 2 each


def read_header(path: Path) -> Header:
    """The facts of an SQLite header, or DiaryFileError if `path` is not an SQLite database."""
    try:
        with regular.reading(path) as handle:  # a named pipe would block the read forever
            size = os.fstat(handle.fileno()).st_size
            raw = handle.read(100)
    except FileNotFoundError:
        raise DiaryFileError(path, "no such file") from None
    except PermissionError:
        raise DiaryFileError(path, "permission denied") from None
    if len(raw) < 100 or not raw.startswith(HEADER_MAGIC):
        raise DamagedDiaryError(path, "not a diary: this is not an SQLite database file")
    page_size = struct.unpack(">H", raw[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    (page_count,) = struct.unpack(">I", raw[28:32])
    (change_counter,) = struct.unpack(">I", raw[24:28])
    (valid_for,) = struct.unpack(">I", raw[92:96])
    (user_version,) = struct.unpack(">i", raw[60:64])
    (application_id,) = struct.unpack(">i", raw[68:72])
    return Header(
        page_size=page_size,
        page_count=page_count,
        page_count_valid=page_count > 0 and change_counter == valid_for,
        user_version=user_version,
        application_id=application_id,
        file_size=size,
        file_format=(raw[18], raw[19]),
    )


def check_header(path: Path, header: Header, known_version: int) -> None:
    """Refuse, from the header alone, files that are not diaries, newer diaries, truncated files."""
    # A write version above 2 makes SQLite open the file read-only, without a word: the first
    # write would fail as "attempt to write a readonly database", naming neither.
    if header.page_size < 512 or header.page_size & (header.page_size - 1) \
            or not {*header.file_format} <= {1, 2}:
        raise DamagedDiaryError(path, "damaged: the database header is corrupt")
    if header.application_id != schema.APPLICATION_ID:
        raise DiaryFileError(
            path, "not a diary: an SQLite database, but not one written by Medication Diary"
        )
    if header.user_version > known_version:
        raise NewerDiaryError(
            path,
            f"written by a newer version of Medication Diary (schema {header.user_version}, "
            f"this version knows {known_version}); update the program to open it",
        )
    expected = header.page_count * header.page_size
    # A checkpoint cut short by a crash may have copied page 1 from the log, whose header counts
    # the pages the log added, before those pages: beside a log that holds transactions, the
    # diary's size is the log's to say, and the integrity check through the log judges.
    if header.file_size % header.page_size or (
        header.page_count_valid and header.file_size < expected
        and not logseal.holds_transactions(companions(path)[0])
    ):
        raise DamagedDiaryError(path, "damaged: the file is truncated")


def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def connect(path: Path, *, read_only: bool, unchecked: bool = False) -> sqlite3.Connection:
    """A connection to an existing file with the diary's pragmas. Never creates the file.

    Read-only in a folder nobody may write to (a caregiver's copy on a read-only share, a
    backup drive) and with no write-ahead log beside the file: SQLite could not create its
    -shm there, and no writer can be at work, so the file is opened immutable. So too a file
    not yet checked (`unchecked`: `check`, which runs the full check itself) with no log
    beside it: nothing is made beside a file that may be found damaged."""
    mode = "rw"
    if read_only:
        frozen = (unchecked or not os.access(path.parent, os.W_OK)) \
            and not companions(path)[0].exists()
        mode = "ro&immutable=1" if frozen else "ro"
    conn = sqlite3.connect(_uri(path, mode), uri=True, isolation_level=None,
                           check_same_thread=False)
    # isolation_level=None: no implicit BEGIN; every write goes through sqlite-utils' atomic().
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    if read_only:
        conn.execute("PRAGMA query_only = ON")
    else:
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def inspect(path: Path, known: tuple[str, ...] = schema.KNOWN, *,
            trust_recent: bool = False, full: bool = True) -> list[str]:
    """Check an existing file without writing a byte: header, integrity, known migrations.

    Returns the migrations still to apply (empty for a current diary); raises DiaryFileError.
    With `trust_recent` (the program opening its diary), the full check is skipped when the
    file is as a full check younger than a day left it (diary.storage.file.verified), and the
    state of a file that passes is recorded; a backup or a candidate for a restore is always
    checked in full. `full=False` (which migrations are pending, before an open that checks in
    full) leaves out the full check.
    """
    return inspect_to_open(path, known, trust_recent=trust_recent, full=full)[0]


def inspect_to_open(path: Path, known: tuple[str, ...] = schema.KNOWN, *,
                    trust_recent: bool = False, full: bool = True,
                    later: bool = False) -> tuple[list[str], bool]:
    """`inspect`, and whether the full check was left for later: with `later` (the window), a
    full check that is due is not run now when nothing else stands in the way of opening (no
    migration to apply, no log holding transactions): the caller runs `full_check` on a
    snapshot while the diary is in use (see diary.storage.file.checking)."""
    header = read_header(path)
    for companion in companions(path):  # SQLite would wait forever on a named pipe too
        regular.check_regular(companion, shown=path, name=f"{companion.name} beside it",
                              expected="a file SQLite made", missing_ok=True, follow=False)
    check_header(path, header, len(known))
    deferred = False
    try:
        with contextlib.closing(_inspection(path)) as conn:
            # The header can lag behind a write-ahead log that holds newer pages: ask SQLite too.
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != schema.APPLICATION_ID:
                raise DiaryFileError(path, "not a diary: not a file written by Medication Diary")
            _check_log_is_ours(path, conn)
            applied = _applied_migrations(conn)
            state = verified.state_of(path, logseal.seal(conn)) if trust_recent else None
            if full and not verified.still_verified(path, state, datetime.now(UTC)):
                # With a log holding transactions beside it (an unclean exit) the file is not
                # the one a record speaks of: checked in full before anything is written.
                deferred = (later and state is not None and not _pending(known, applied)
                            and not logseal.holds_transactions(companions(path)[0]))
                if not deferred:
                    _check_fully(path, conn, state)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DiaryBusyError(path, "in use by another program; try again later") from None
        disk = disk_reason(exc)
        if disk is not None:
            raise DiaryFileError(path, f"cannot be read: {disk} ({exc}); nothing was changed: "
                                 "free some space, then try again") from None
        _refuse_log(path, _misfit_unread(path))
        raise DamagedDiaryError(path, f"damaged: {exc}") from None
    except sqlite3.DatabaseError as exc:
        # A log of another time replayed onto a large file reads as a malformed database:
        # name the log, as when its view can be read.
        _refuse_log(path, _misfit_unread(path))
        raise DamagedDiaryError(path, f"damaged: {exc}") from None
    except UnicodeDecodeError:  # SQLite's report of the damage quoted bytes from a broken page
        raise DamagedDiaryError(path, "damaged: the integrity check failed") from None
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise NewerDiaryError(
            path,
            f"written by a newer version of Medication Diary (it holds migration {unknown[0]}); "
            "update the program to open it",
        )
    return _pending(known, applied), deferred


def _pending(known: tuple[str, ...], applied: list[str]) -> list[str]:
    return [name for name in known if name not in applied]


def _check_fully(path: Path, conn: sqlite3.Connection, state: verified.State | None) -> None:
    """The full check through `conn`; the state it vouches for is recorded, a failure forgets
    any record and raises DamagedDiaryError."""
    checked = datetime.now(UTC)
    verdict = _integrity(conn)
    if not verdict.ok:
        verified.forget(path)
        raise DamagedDiaryError(path, f"damaged: {verdict.text()}")
    verified.remember(path, state, checked)


def full_check(path: Path, *, every_value: bool = False) -> Verdict:
    """The full check of the diary at `path` as it is now, through a read-only connection of
    its own, on one snapshot (all the values that differ named with `every_value`, else the
    first few). Safe in another thread while a store writes to the file: its writes after the
    snapshot are not seen, and are the store's own. A file found damaged loses its record of
    checks passed. CheckNotRun when the file could not be read through."""
    try:
        conn = _reader(path)
        with contextlib.closing(conn):
            verdict = _integrity(conn, limit=0 if every_value else None)
    except (sqlite3.OperationalError, MemoryError, OSError) as exc:
        if "malformed" in str(exc) or "not a database" in str(exc):
            verdict = Verdict(f"the integrity check failed ({exc})")
        else:
            raise CheckNotRun(str(exc) or type(exc).__name__) from exc
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        verdict = Verdict(f"the integrity check failed ({exc})")
    if not verdict.ok:
        verified.forget(path)
    return verdict


def _reader(path: Path) -> sqlite3.Connection:
    """A read-only connection usable from any thread: immutable when no log is beside the file
    (the file is then the whole diary, and SQLite makes nothing beside it), else through the
    log, as a reader beside a writer."""
    frozen = not companions(path)[0].exists()  # no log: the file is the whole diary
    conn = sqlite3.connect(_uri(path, "ro&immutable=1" if frozen else "ro"), uri=True,
                           isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA query_only = ON")
    return conn


def _check_log_is_ours(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse a write-ahead log left beside the diary by another diary file, or by this diary
    beside another copy of its file (see logseal). A log a live writer is filling is that
    writer's, checked when it opened the diary."""
    wal = companions(path)[0]
    if not logseal.holds_transactions(wal):
        return
    with uselock.no_writer(path) as idle:
        misfit = logseal.misfit(_uri(path, "ro&immutable=1"), conn, wal) if idle else None
    _refuse_log(path, misfit)


def _misfit_unread(path: Path) -> str | None:
    """Why the log beside `path`, whose view SQLite cannot read, is not this file's, from the
    seal's counts alone (logseal.misfit_by_counts); None when that proves nothing."""
    wal = companions(path)[0]
    if not logseal.holds_transactions(wal):
        return None
    with uselock.no_writer(path) as idle:
        return logseal.misfit_by_counts(_uri(path, "ro&immutable=1"), wal) if idle else None


def _refuse_log(path: Path, misfit: str | None) -> None:
    """ForeignLogError naming the log beside `path` and why it is not this file's, if it is not."""
    if misfit is None:
        return
    wal = companions(path)[0]
    why = {
        logseal.FOREIGN: "belongs to another diary (a file copied over this one?)",
        logseal.OLDER_FILE: "was written by this diary after the state this file holds: the file "
        "is an older copy (put back by hand while the log was there?), and replaying the log "
        "onto it would mix two different times of the diary",
        logseal.OLDER_LOG: "is older than this file (a log kept from an earlier time?), and "
        "replaying it would put older pages into this diary",
    }[misfit]
    raise ForeignLogError(
        path,
        f"damaged: the write-ahead log beside it, {wal.name}, {why}; move {wal.name} to another "
        "folder, keeping it, and the diary opens as its own file holds it",
    )


@dataclass(frozen=True)
class Verdict:
    """What the full check found: SQLite's or the references' complaint, and the values that
    differ from what the program wrote (all of them, or the first few the check was asked for)."""

    problem: str = ""
    damaged: tuple[DamagedValue, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problem and not self.damaged

    def text(self) -> str:
        """'ok', or what is wrong in one sentence (the first values.SHOWN values named)."""
        from diary.storage import values

        if self.problem:
            return self.problem
        if self.damaged:
            return ("values differ from what the program wrote: "
                    f"{values.differences_text(list(self.damaged), values.SHOWN)}")
        return "ok"


class CheckNotRun(Exception):
    """The full check could not read the file (busy, out of memory, a disk error): nothing is
    known of its damage, and it is to be run again."""


def _integrity(conn: sqlite3.Connection, limit: int | None = None) -> Verdict:
    """The full check. SQLite's full integrity check, not quick_check (a row missing from an
    index passes the quick one, and the diary would then silently leave that row out of
    searches by time); then every reference, and every value against what the program wrote
    (diary.storage.values: a flipped bit in 20 mg passes SQLite's check), the first `limit`
    of them named (all with None). Run on an in-memory page-for-page copy of one snapshot,
    because SQLite skips the CHECK constraints when the file is open read-only, and a damaged
    value (an audit row's table name) would pass unseen."""
    from diary.storage import values  # values reads through tables, which import this module

    limit = values.SHOWN + 1 if limit is None else limit
    with contextlib.closing(sqlite3.connect(":memory:")) as copy:
        conn.backup(copy)
        verdict = str(copy.execute("PRAGMA integrity_check").fetchone()[0])
        if verdict != "ok":
            return Verdict(f"the integrity check failed ({verdict})")
        # A reference to a row that is not there (a flipped id) is sound to SQLite's check, and
        # would stop every reader that looks the row up.
        broken = copy.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            return Verdict(f"the integrity check failed ({len(broken)} broken reference(s), "
                           f"first in {broken[0][0]} row {broken[0][1]})")
        return Verdict(damaged=tuple(values.damaged_values(copy, limit=limit or None)))


def _inspection(path: Path) -> sqlite3.Connection:
    """A connection that only reads. With no write-ahead log beside the file, the main file is
    the whole diary: open it immutable, so SQLite creates no -wal or -shm beside a file that may
    yet be refused. With a log present, read through it."""
    wal_exists = companions(path)[0].exists()
    mode = "ro" if wal_exists else "ro&immutable=1"
    conn = sqlite3.connect(_uri(path, mode), uri=True, isolation_level=None)
    conn.execute("PRAGMA query_only = ON")
    return conn


def record_own_writes(path: Path, seal: tuple[str, int] | None, *, now: bool = True) -> None:
    """A store that opened a file in a state a full check vouched for has committed, or closed:
    record the state its own writes left, with the time of that full check (verified.py says
    why that is sound). Nothing is recorded when no full check is on record. After a commit
    (`now=False`) the record is written in the background (verified.Recorder)."""
    checked = verified.checked_at(path)
    if checked is None:
        return
    state = verified.state_of(path, seal)
    if now:
        verified.RECORDER.flush()  # a commit's record, older, must not land after this one
        verified.remember(path, state, checked, still=checked)
    else:
        verified.RECORDER.record(path, state, checked)


def companions(path: Path) -> tuple[Path, Path]:
    """The write-ahead log and shared-memory files SQLite keeps beside a diary in WAL mode:
    beside the file itself, when `path` is a link to it (SQLite follows the link)."""
    real = Path(os.path.realpath(path))
    return real.with_name(real.name + "-wal"), real.with_name(real.name + "-shm")


def _applied_migrations(conn: sqlite3.Connection) -> list[str]:
    table = schema.MIGRATIONS_TABLE
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        f"SELECT name FROM [{table}] WHERE migration_set = ? ORDER BY rowid", [schema.MIGRATION_SET]
    )
    return [row[0] for row in rows]
