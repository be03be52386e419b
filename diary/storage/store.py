"""The one storage interface: `DiaryStore`, and the three ways to get one.

A store is one object made of parts, one kind of record each (diary/storage/records/):

store.intakes.add(intake)           the doses (and .between, .edit, .delete, .daily_totals…)
store.ratings, store.events         the other entries
store.medications, store.plans, store.symptoms
store.history                       every entry in one list, a page at a time
store.imports                       entries from a file, as one piece
store.audit                         the trail of every change
store.info(), store.update_info()   the person's details and settings
store.write(), store.reading()      one transaction around several calls

The connection and SQL are private to diary.storage (`Tables`): the rest of the program asks the
store's parts.

create_diary(path)                  a new file, 0600, seeded; refuses to replace a file
open_diary(path)                    an existing diary for writing; never creates one
open_diary(path, read_only=True)    an existing diary that nothing can change
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Self

from diary.domain.entities import SEEDED_SYMPTOMS
from diary.domain.entities import DiaryInfo
from diary.domain.validation import valid_diary_info
from diary.storage import backups
from diary.storage import errors
from diary.storage import rows
from diary.storage import schema
from diary.storage.errors import DamagedDiaryError
from diary.storage.errors import DiaryFileError
from diary.storage.file import checking
from diary.storage.file import copies
from diary.storage.file import logseal
from diary.storage.file import opening
from diary.storage.file import uselock
from diary.storage.file import verified
from diary.storage.records.audit import Audit
from diary.storage.records.events import Events
from diary.storage.records.history import History
from diary.storage.records.imports import Imports
from diary.storage.records.intakes import Intakes
from diary.storage.records.medications import Medications
from diary.storage.records.plans import Plans
from diary.storage.records.ratings import Ratings
from diary.storage.records.symptoms import Symptoms
from diary.storage.tables import AUDITED_TABLES
from diary.storage.tables import Clock
from diary.storage.tables import ReadOnlyError
from diary.storage.tables import Tables
from diary.storage.tables import system_clock

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations


class DiaryStore:
    """Every read and write of one diary file, returning domain objects: one object, reached
    through its parts (see the module's docstring)."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, *, read_only: bool, clock: Clock = system_clock,
        locks: tuple[int | None, ...] = (),
    ) -> None:
        tables = self._tables = Tables(conn, path, read_only=read_only, clock=clock, locks=locks)
        # What this store may vouch for about its file, and the day's check in the background.
        self._vouching = checking.Vouching(path, conn, self._refuse_writes)
        if not read_only:
            tables.committed = self._vouching.committed
            tables.writing = self._vouching.still_own
        self.medications = Medications(tables)
        self.symptoms = Symptoms(tables)
        self.plans = Plans(tables, self.medications)
        self.intakes = Intakes(tables, self.medications)
        self.ratings = Ratings(tables, self.symptoms)
        self.events = Events(tables)
        self.history = History(tables)
        self.imports = Imports(tables, self.medications, self.symptoms, self.intakes)
        self.audit = Audit(tables)

    @property
    def path(self) -> Path:
        return self._tables.path

    @property
    def read_only(self) -> bool:
        return self._tables.read_only

    def clock(self) -> datetime:
        """Now, by the store's clock (a test's, or the system's)."""
        return self._tables.clock()

    def close(self) -> None:
        if self.read_only:
            self._tables.close()
            return
        with contextlib.suppress(DamagedDiaryError):  # a check under way decides how it is left
            self._vouching.wait()
        if self._tables.refused is not None or self._vouching.unchecked:
            self._tables.close_keeping_log()  # nothing folded into an unchecked or damaged file
            return
        seal = self._vouching.closing()
        self._tables.close()
        if seal is not None:
            opening.record_own_writes(self.path, seal)

    # --- the full check ---------------------------------------------------------------------------
    def start_full_check(self, on_done: Callable[[], None] | None = None) -> bool:
        """Start the full check in the background when one is due: left for later at open
        (`open_diary(check_later=True)`), or a day gone by since the last (a window left open).
        False when none is due. `on_done` is called, in the check's thread, when its verdict is
        in; then call `finish_full_check` from the store's own thread. Meanwhile every write is
        committed at once and kept out of the file being checked (diary.storage.file.checking)."""
        return not self.read_only and self._vouching.start(on_done)

    @property
    def checking(self) -> bool:
        """A full check is under way, or its verdict waits for `finish_full_check`."""
        return self._vouching.check is not None

    def finish_full_check(self) -> None:
        """Take the verdict of a finished background check (nothing when none has finished).
        Passed: recorded, and the log is folded into the file again. Failed: DamagedDiaryError;
        from then on every write is refused with it, and the log is never folded into the
        damaged file (what was written meanwhile stays beside it, for a restore to keep). A
        check that could not read the file stays due."""
        self._vouching.finish()

    def wait_for_full_check(self) -> None:
        """Block until a background check under way has its verdict, and take it (as
        `finish_full_check`). The window never waits; a test may."""
        self._vouching.wait()

    def _refuse_writes(self, damage: Exception) -> None:
        self._tables.refused = ReadOnlyError(
            f"{damage}; nothing more is written to it (what was entered since it was opened "
            "is kept beside it, in its write-ahead log)")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self) -> contextlib.AbstractContextManager[None]:
        """One transaction around several changes: all are kept, or none (nested: a savepoint)."""
        return self._tables.write()

    def reading(self) -> contextlib.AbstractContextManager[None]:
        """Several reads that see one state of the diary, whatever another program commits."""
        return self._tables.reading()

    # --- the diary's own row -------------------------------------------------------------------
    def info(self) -> DiaryInfo:
        """The person's details and the diary's settings."""
        return self._tables.info()

    def update_info(self, info: DiaryInfo) -> DiaryInfo:
        """Change the person's details or settings; returns them as they were."""
        checked = valid_diary_info(info)
        with self._tables.write():
            before = self._tables.update("diary", 1, rows.info_row(checked))
        return rows.info_from(before)

    # --- the file -------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per table; entries count only those not deleted."""
        counts = {}
        for table in (*AUDITED_TABLES, "changes"):
            live = (
                " WHERE deleted_utc IS NULL"
                if table in ("intakes", "ratings", "events", "plan_steps")
                else ""
            )
            found = self._tables.query(f"SELECT count(*) AS n FROM {table}{live}")
            counts[table] = int(found[0]["n"])
        return counts

    def integrity(self) -> str:
        """'ok', or SQLite's first complaint from a full integrity and foreign-key check."""
        verdict = str(self._tables.query("PRAGMA integrity_check")[0]["integrity_check"])
        if verdict != "ok":
            return verdict
        broken = self._tables.query("PRAGMA foreign_key_check")
        if broken:
            first = broken[0]
            return (
                f"{len(broken)} broken reference(s), first in {first['table']} row {first['rowid']}"
            )
        return "ok"

    def full_check(self) -> opening.Verdict:
        """The full check of the file as it is now, as the day's first open runs it (SQLite's
        integrity check with the CHECK constraints, every reference, and every value against
        what the program wrote), every value that differs named. A file found damaged loses its
        record of checks passed: the next open checks it again. DiaryFileError when the file
        could not be read through."""
        try:
            return opening.full_check(self.path, every_value=True)
        except opening.CheckNotRun as exc:
            raise DiaryFileError(self.path, f"cannot be checked now ({exc}); nothing was "
                                 "changed: try again") from None

    def identity(self) -> str | None:
        """Whose diary this file is (logseal): kept in its backups too."""
        return logseal.identity(self._tables.connection)

    def backup_to(self, target: Path) -> backups.Verified:
        """A consistent, verified copy of the diary at the new file `target` (backups.backup_to).
        A copy that shows the diary itself damaged (values nobody wrote) is not made, and the
        diary is then treated as a full check that failed: no longer vouched for, and every
        write refused."""
        try:
            return backups.backup_to(self._tables.connection, target)
        except DamagedDiaryError as exc:
            if not self.read_only:
                self._vouching.found_damaged(exc)
            else:
                verified.forget(self.path)
            raise


def create_diary(
    path: Path,
    info: DiaryInfo | None = None,
    *,
    clock: Clock = system_clock,
    migrations: Migrations | None = None,
) -> DiaryStore:
    """Create a new diary file (mode 0600) with the seeded symptoms; refuse an existing file."""
    info = valid_diary_info(info or DiaryInfo())
    copies.create_file(path)
    writer: int | None = None
    try:
        writer = uselock.hold_writer(path)
        with copies.private_umask():
            conn = opening.connect(path, read_only=False)
            # Schema and seed go straight into the main file (rollback journal) before WAL is
            # switched on: a crash later in the first session must not leave a file whose own
            # header does not yet say it is a diary.
            conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
            _migrate(conn, migrations)
            store = DiaryStore(conn, path, read_only=False, clock=clock,
                               locks=(uselock.hold_shared(path), writer))
            _seed(store, info)
            conn.execute("PRAGMA journal_mode = WAL")
    except BaseException:
        with contextlib.suppress(NameError):
            conn.close()
        uselock.release(writer)
        for leftover in (path, *opening.companions(path), uselock.writer_lock_path(path)):
            leftover.unlink(missing_ok=True)
        raise
    return store


def open_diary(
    path: Path,
    *,
    read_only: bool = False,
    clock: Clock = system_clock,
    migrations: Migrations | None = None,
    check_later: bool = False,
    full_check: bool = True,
) -> DiaryStore:
    """Open an existing diary. A file that is not a diary, is newer, damaged or truncated is
    refused with DiaryFileError and left untouched. An older diary is copied (verified, through
    the backup API) before its migrations run, all in one transaction.

    With `check_later` (the window, writing), a full check that is due is left for
    `start_full_check` to run in the background, unless a migration or a log left by an
    unclean exit needs it first (diary.storage.file.checking). `full_check=False`, read-only
    only, leaves it out for a caller that runs it itself (`check`)."""
    path = Path(path)
    if not path.exists():
        raise DiaryFileError(path, "no such file")
    pending, deferred = _pending(path, migrations, check_later and not read_only,
                                 full=full_check or not read_only)
    if pending and read_only:
        raise DiaryFileError(
            path,
            "this diary was written by an older version; open it once for writing to "
            "upgrade it (a copy is kept)",
        )
    if not read_only and not os.access(path, os.W_OK):
        # SQLite would quietly open it read-only and fail at the first write, after leaving a
        # lock, -wal and -shm beside it: say so now, before anything is written.
        raise errors.WriteProtectedError(
            path, "the file is write-protected; open it read-only (--read-only) to look at "
            "it, or make it writable to add to it")
    if not read_only and os.stat(path).st_nlink > 1:
        # The one-writer lock is found by name: under a second name a second program could
        # write at once, and entries saved through one name would be lost.
        raise DiaryFileError(path, "it has a second name (a hard link), so two programs could "
                             "write to it at once; open it read-only, or keep one name only")
    # The writer's claim comes first: two programs must never both upgrade or write the file.
    writer = None if read_only else uselock.hold_writer(path)
    try:
        conn = _connect(path, read_only=read_only, pending=pending, migrations=migrations,
                        unchecked=read_only and not full_check)
        try:
            shared = uselock.hold_shared(path)
        except BaseException:
            conn.close()
            raise
    except BaseException:
        uselock.release(writer)
        raise
    if deferred:  # nothing reaches the file before the check has passed
        conn.execute("PRAGMA wal_autocheckpoint = 0")
    store = DiaryStore(conn, path, read_only=read_only, clock=clock, locks=(shared, writer))
    # inspect passed: fully checked, or as a recent full check left it; or the check is due
    if not read_only:
        store._vouching.opened(vouched=not deferred, due=deferred)
    return store


def _connect(path: Path, *, read_only: bool, pending: list[str],
             migrations: Migrations | None, unchecked: bool = False) -> sqlite3.Connection:
    with copies.private_umask():
        try:
            conn = opening.connect(path, read_only=read_only, unchecked=unchecked)
            if not read_only:
                conn.execute("PRAGMA journal_mode = WAL")
            # SQLite opens lazily: read once now, so a file it cannot use fails here, by name.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            full = errors.disk_reason(exc)
            if full is not None:
                raise errors.DiaryFileError(path, f"cannot open: {full} ({exc}); nothing was "
                                            "changed: free some space, then try again") from None
            raise errors.DamagedDiaryError(path, f"cannot open: {exc}") from None
        if pending:
            try:
                _upgrade(conn, path, migrations)
            except BaseException:
                conn.close()
                raise
    return conn


def damage_met(path: Path, exc: sqlite3.Error) -> DamagedDiaryError | None:
    """SQLite's word that a page it read is damaged ("database disk image is malformed"), met
    between two full checks: the diary's damage, named, and its record of checks passed
    forgotten so that every later open checks in full and refuses it. None for any other
    error (a full disk, a lock)."""
    if isinstance(exc, sqlite3.OperationalError | sqlite3.IntegrityError) or not any(
            word in str(exc) for word in ("malformed", "not a database", "corrupt")):
        return None
    verified.forget(path)
    return DamagedDiaryError(path, f"damaged: SQLite found a damaged page ({exc}); nothing was "
                             "changed: run `medication-diary check`, then restore a backup")


def needs_upgrade(path: Path, migrations: Migrations | None = None) -> bool:
    """The diary was written by an older version: opening it for writing upgrades it. A file
    that is not a diary at all is refused here, as by open_diary. Only asked before an open,
    which then checks the file in full: the integrity check is not run twice."""
    known = schema.KNOWN if migrations is None else tuple(m.name for m in migrations._migrations)
    return bool(opening.inspect(Path(path), known, full=False))


def _pending(path: Path, migrations: Migrations | None, later: bool, *,
             full: bool) -> tuple[list[str], bool]:
    known = schema.KNOWN if migrations is None else tuple(m.name for m in migrations._migrations)
    return opening.inspect_to_open(path, known, trust_recent=True, later=later, full=full)


def _released(migrations: Migrations | None) -> Migrations:
    """The migrations to run: those given (a test's), or the released ones, imported only now."""
    if migrations is not None:
        return migrations
    from diary.storage.migrations import migrations as released

    return released


def _upgrade(conn: sqlite3.Connection, path: Path, migrations: Migrations | None) -> None:
    """Copy the diary aside (verified), then run the pending migrations, each all-or-nothing."""
    copy = copies.pre_migration_path(path)
    try:
        copies.backup_copy(conn, copy)
        _migrate(conn, migrations)
    except DiaryFileError:
        conn.close()
        raise
    except Exception as exc:
        conn.close()
        raise DiaryFileError(
            path,
            f"the upgrade to this version failed and was undone ({exc}); the diary is as it "
            f"was, and a copy taken before the upgrade is at {copy}",
        ) from exc


def _migrate(conn: sqlite3.Connection, migrations: Migrations | None) -> None:
    """Apply every pending migration in one transaction: an upgrade happens whole or not at all
    (each migration's own transaction becomes a savepoint inside it)."""
    from sqlite_utils import Database

    migrations = _released(migrations)
    db = Database(conn, execute_plugins=False, recursive_triggers=False)
    with db.atomic():
        migrations.apply(db)
        if logseal.sealed(conn):  # an upgrade is a write too: its log carries the seal
            conn.execute(logseal.BUMP_SQL)


def _seed(store: DiaryStore, info: DiaryInfo) -> None:
    tables = store._tables
    with tables.write():
        tables.insert("diary", {"id": 1, **rows.info_row(info), "created_utc": tables.now_utc()})
        for position, name in enumerate(SEEDED_SYMPTOMS):
            tables.insert("symptoms", {"name": name, "scale_max": 10, "position": position})
