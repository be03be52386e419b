"""The connection, the transaction and the audit trail every storage operation goes through.

`Tables` is the store's private half: SQL, the one transaction (`write`), the audit row written
with every change, and the cache of the small tables read with every dose. Only the parts of the
store (`diary/storage/records/`) and the store itself hold one; nothing outside `diary.storage`
sees a connection or writes SQL."""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import sqlite3
from collections.abc import Callable
from collections.abc import Hashable
from collections.abc import Iterator
from collections.abc import Mapping
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from typing import Any
from typing import Self
from typing import TypeVar
from typing import cast

from diary.domain.daytime import MAX_OFFSET_MINUTES
from diary.domain.daytime import local_day_of
from diary.domain.daytime import utc_text
from diary.domain.entities import DiaryInfo
from diary.domain.errors import ValidationError
from diary.storage import rows
from diary.storage.file import checking
from diary.storage.file import logseal
from diary.storage.rows import Row

Clock = Callable[[], datetime]

# A row's diary day, by the domain's rule registered in SQLite, and the filter for a day range: an
# indexed scan of a UTC range, then the exact rule. A row entered at offset o (within ±18 h, by
# the schema's CHECK) is on diary day D, the day starting s after midnight, when its UTC instant
# is in [D + s - o, D + 24 h + s - o). So every row of the days start..end lies in
# [start + s - 18 h, end + 24 h + s + 18 h) (:low, :high), and every row in
# [start + s + 18 h, end + 24 h + s - 18 h) (:sure_low, :sure_high) is on one of those days
# whatever its offset: the rule, a call into Python per row, is asked only near the two ends.
DAY_SQL = "diary_local_day(at_utc, utc_offset_min, :day_start)"
ON_DAYS_SQL = (
    "at_utc >= :low AND at_utc < :high AND (at_utc >= :sure_low AND at_utc < :sure_high"
    f" OR {DAY_SQL} BETWEEN :start AND :end)"
)
_WIDEST_OFFSET = MAX_OFFSET_MINUTES
_DAY_MINUTES = 24 * 60
# The rule depends on its arguments alone, and the same rows near today are asked about with
# every dose logged and every refresh of the Today view.
_local_day_of = functools.lru_cache(maxsize=1024)(local_day_of)

AUDITED_TABLES = ("diary", "medications", "plan_steps", "intakes", "symptoms", "ratings", "events")

# The tables whose reads `Tables.cached` may keep: small, read with every dose logged and
# every refresh of the Today view, seldom changed.
CACHED_TABLES = ("diary", "medications", "plan_steps")

T = TypeVar("T")
_MISSING = object()


class ReadOnlyError(Exception):
    """A write was attempted on a diary opened read-only."""


class NotFoundError(LookupError):
    """No row of that kind with that id."""


def system_clock() -> datetime:
    return datetime.now(UTC).astimezone()


_SAVEPOINTS = itertools.count(1)


class Tables:
    """Owns the connection. Every write runs in `write()`, which is one transaction that also
    records the audit row, so an edit and its trail are stored together or not at all."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, *, read_only: bool, clock: Clock = system_clock,
        locks: tuple[int | None, ...] = (),
    ) -> None:
        self.path = path
        # uselock.hold_shared (no restore swaps the file while open) and, for writing,
        # uselock.hold_writer (no second writer): held until close.
        self._locks = [fd for fd in locks if fd is not None]
        self.read_only = read_only
        self.clock = clock
        self._conn = conn
        # A read-only store keeps nothing (see `cached`); its connection cannot make the TEMP
        # triggers (query_only) and nobody but another program changes what it reads.
        self._watch = None if read_only else _TableWatch(conn)
        self._kept: dict[str, tuple[tuple[int, int], dict[Hashable, object]]] = {}
        # The transaction our BEGIN opened (a serial, None outside one) and the data_version
        # it sees: one snapshot has one data_version, so one PRAGMA per transaction is enough.
        self._block: int | None = None
        self._blocks = itertools.count(1)
        self._block_version: tuple[int, int] | None = None
        # Every write transaction rewrites the seal, so that a write-ahead log always says which
        # diary wrote it (logseal); a diary from before schema 2 is upgraded before it is written.
        self._sealed = not read_only and logseal.sealed(conn)
        self._writing = False
        # Why every write is refused from now on (a full check found the file damaged), and
        # what the store does after each transaction it commits (records the state it left).
        self.refused: Exception | None = None
        self.committed: Callable[[], None] | None = None
        self.writing: Callable[[], object] | None = None  # before each outermost write begins
        # Per-day queries in SQL use the domain's one local-day rule, not a copy of it.
        conn.create_function("diary_local_day", 3, _local_day_of, deterministic=True)

    def close(self) -> None:
        self._conn.close()
        while self._locks:
            os.close(self._locks.pop())

    def close_keeping_log(self) -> None:
        """Close without folding the write-ahead log into the file (a file found damaged)."""
        checking.keep_log(self.path, self._conn)
        while self._locks:
            os.close(self._locks.pop())

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is open read-only; nothing can be changed")
        if self.refused is not None:
            raise self.refused
        outermost = not self._writing
        if outermost and self.writing is not None and not self._conn.in_transaction:
            self.writing()
        self._writing = True
        wrote = False
        try:
            with self._transaction():
                changed = self._conn.total_changes
                yield
                wrote = self._conn.total_changes != changed
                if outermost and self._sealed and wrote:
                    self._conn.execute(logseal.BUMP_SQL)
        except sqlite3.IntegrityError as exc:
            # The CHECK constraints back the domain's validation; reaching one is still bad input.
            raise ValidationError("value", f"the diary refused the value ({exc})") from exc
        finally:
            self._writing = not outermost
        if outermost and wrote and self.committed is not None and not self._conn.in_transaction:
            self.committed()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """What sqlite-utils' Database.atomic does (a deferred BEGIN, savepoints when nested),
        without importing sqlite-utils at start-up (see schema.py)."""
        conn = self._conn
        if conn.in_transaction:
            savepoint = f"diary_{next(_SAVEPOINTS)}"
            conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield
            except BaseException:
                if conn.in_transaction:  # an error may have ended the whole transaction
                    conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        with self._begun():
            yield

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Reads that see one state of the diary, whatever another program commits meanwhile:
        a read transaction (or the transaction already open), also cheaper than one per
        statement. Meant for reads: a `write()` inside joins it and is committed with it."""
        conn = self._conn
        if conn.in_transaction:
            yield
            return
        with self._begun():
            yield

    @contextlib.contextmanager
    def _begun(self) -> Iterator[None]:
        self._block = next(self._blocks)
        try:
            with _begun(self._conn):
                yield
        finally:
            self._block = None

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    def now_utc(self) -> str:
        return utc_text(self.clock())

    def info(self) -> DiaryInfo:
        """The diary's one row: the person's details and settings."""
        return self.cached("diary", "info", lambda: rows.info_from(self.row("diary", 1)))

    def day_start_minutes(self) -> int:
        """The diary's day start in minutes after midnight."""
        return self.cached("diary", "day_start_minutes", self._read_day_start)

    def _read_day_start(self) -> int:
        found = self.query("SELECT day_starts_at FROM diary WHERE id = 1")[0]["day_starts_at"]
        hours, minutes = str(found).split(":")
        return int(hours) * 60 + int(minutes)

    def cached(self, table: str, key: Hashable, read: Callable[[], T]) -> T:
        """What `read()` returns, kept under `key` and given again while it is certainly what
        `read()` would return now. `read` reads `table` (one of CACHED_TABLES) alone and returns
        something immutable (frozen entities, tuples, numbers).

        A value is kept with a stamp: `PRAGMA data_version` and the table's count of changes
        through this connection (`_TableWatch`); it is given again only under that stamp, and
        kept only when the open transaction, if any, has not changed the table. Then what this
        connection sees of the table cannot have changed since it was read:
        - a row changed through this connection, by any statement, moves the count, even when
          rolled back later;
        - another connection's commit (another program, or a store of ours) is seen from the
          next read transaction on, whose `data_version` differs; a read transaction sees one
          state, with one `data_version`;
        - a rollback undoes only changes of its transaction: counted before anything was kept
          under the new count, and anything read after them was not kept (`pending`).
        Asking for `data_version` in a transaction starts its snapshot as reading the table
        would (dosing.check_and_add still checks and saves on one snapshot). A read-only store
        keeps nothing."""
        watch = self._watch
        if watch is None:
            return read()
        conn = self._conn
        version = self._data_version()
        if not conn.in_transaction:
            watch.pending.clear()  # whatever was changed is now committed or rolled back
        stamp = (version, watch.generation[table])
        kept = self._kept.get(table)
        if kept is None or kept[0] != stamp:
            kept = self._kept[table] = (stamp, {})
        found = kept[1].get(key, _MISSING)
        if found is _MISSING:
            found = read()
            if table not in watch.pending and watch.generation[table] == stamp[1]:
                kept[1][key] = found
        return cast(T, found)

    def _data_version(self) -> int:
        block, kept = self._block, self._block_version
        if block is not None and self._conn.in_transaction:
            if kept is not None and kept[0] == block:
                return kept[1]
            version = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            self._block_version = (block, version)
            return version
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def day_range(self, start: date, end: date) -> dict[str, object]:
        """Named parameters for ON_DAYS_SQL."""
        return dict(_day_range(start, end, self.day_start_minutes()))

    def query(self, sql: str, params: Any = ()) -> list[Row]:
        cursor = self._conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def row(self, table: str, row_id: int) -> Row:
        rows = self.query(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
        if not rows:
            raise NotFoundError(f"no {table.rstrip('s').replace('_', ' ')} with id {row_id}")
        return rows[0]

    def audit_row(
        self, table: str, row_id: int, action: str, before: Row | None, after: Row | None
    ) -> None:
        self._conn.execute(
            "INSERT INTO changes (at_utc, table_name, row_id, action, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [self.now_utc(), table, row_id, action, _json(before), _json(after)],
        )

    def insert(self, table: str, values: Row) -> int:
        """Insert a row and its audit row; call inside `write()`."""
        cursor = self._conn.execute(_insert_sql(table, tuple(values)), list(values.values()))
        row_id = cursor.lastrowid
        assert row_id is not None
        # Read back: the row as stored, defaults filled in. (Here, INSERT … RETURNING * takes
        # longer than the INSERT and this read together.)
        self.audit_row(table, row_id, "insert", None, self.row(table, row_id))
        return row_id

    def set_stamp(self, table: str, row_id: int, column: str, on: bool,
                  actions: tuple[str, str]) -> None:
        """Set or clear a time-stamp flag (deleted_utc, archived_utc) with its audit row;
        `actions` names the change each way, e.g. ("delete", "restore")."""
        with self.write():
            if (self.row(table, row_id)[column] is not None) != on:
                self.update(table, row_id, {column: self.now_utc() if on else None},
                            actions[0] if on else actions[1])

    def update(self, table: str, row_id: int, values: Row, action: str = "update") -> Row:
        """Update columns of a row and record before and after; returns the row before."""
        before = self.row(table, row_id)
        if all(before.get(k) == v for k, v in values.items()):
            return before
        assignments = ", ".join(f"{name} = ?" for name in values)
        self._conn.execute(
            f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*values.values(), row_id]
        )
        self.audit_row(table, row_id, action, before, self.row(table, row_id))
        return before


    # --- what every kind of entry shares -------------------------------------------------------
    def set_deleted(self, table: str, row_id: int, *, deleted: bool) -> None:
        """Soft-delete a row (or bring it back), with its audit row."""
        self.set_stamp(table, row_id, "deleted_utc", deleted, ("delete", "restore"))

    def on_days(self, table: str, start: date, end: date, *, include_deleted: bool,
                extra: str = "", params: Mapping[str, object] | None = None) -> list[Row]:
        """Rows of `table` whose diary day is in [start, end], oldest first."""
        return self.query(on_days_sql(table, "*", include_deleted, extra),
                          {**self.day_range(start, end), **(params or {})})


def on_days_sql(table: str, columns: str, include_deleted: bool, extra: str) -> str:
    deleted = "" if include_deleted else " AND deleted_utc IS NULL"
    return (f"SELECT {columns} FROM {table} WHERE {ON_DAYS_SQL}{deleted}{extra}"
            " ORDER BY at_utc, id")


class _TableWatch:
    """How many times this connection has changed a row of each of CACHED_TABLES, counted by
    TEMP triggers (they belong to this connection alone and fire for every statement that
    changes a row, whoever issues it: the store, plain SQL on its connection, sqlite-utils;
    a rollback does not take a count back), and which of them were changed since the
    connection was last seen outside a transaction (`pending`), so possibly uncommitted.

    Statements that change a table without changing a row (DROP or ALTER TABLE) are not
    counted: only migrations do that, before a store is made."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.generation = dict.fromkeys(CACHED_TABLES, 0)
        self.pending: set[str] = set()
        # A second watch on the same connection fails here (the triggers exist) before it
        # could take the counting function from the first.
        for table in CACHED_TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                conn.execute(
                    f"CREATE TEMP TRIGGER diary_watch_{table}_{event.lower()} AFTER {event}"
                    f" ON main.[{table}] BEGIN SELECT diary_watch_changed('{table}'); END"
                )
        conn.create_function("diary_watch_changed", 1, self._changed)  # not deterministic

    def _changed(self, table: str) -> None:
        self.generation[table] += 1
        self.pending.add(table)


@functools.lru_cache(maxsize=64)
def _insert_sql(table: str, names: tuple[str, ...]) -> str:
    return f"INSERT INTO [{table}] ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"


@functools.lru_cache(maxsize=64)
def _day_range(start: date, end: date, day_start: int) -> tuple[tuple[str, object], ...]:
    """ON_DAYS_SQL's parameters for the days `start`..`end` with the day starting `day_start`
    minutes after midnight; the same few ranges are asked for again and again (today, the
    day of a dose, the taper rules' look-back)."""
    first = day_start - _WIDEST_OFFSET  # minutes after `start` 00:00 UTC, at the earliest
    last = _DAY_MINUTES + day_start + _WIDEST_OFFSET  # after `end` 00:00, exclusive
    # The bounds of three days either side hold at the ends of the calendar too.
    return (
        ("low", max(_shifted(start, -3).isoformat(), _utc_at(start, first) or "")),
        ("high", min(_shifted(end, 3).isoformat(), _utc_at(end, last) or "~")),
        # Empty when the ends of the calendar are near: then the rule decides every row.
        ("sure_low", _utc_at(start, day_start + _WIDEST_OFFSET) or "~"),
        ("sure_high", _utc_at(end, _DAY_MINUTES + day_start - _WIDEST_OFFSET) or ""),
        ("start", start.isoformat()),
        ("end", end.isoformat()),
        ("day_start", day_start),
    )


def _utc_at(day: date, minutes: int) -> str | None:
    """`day` 00:00 plus `minutes` in the stored UTC form, None beyond the calendar."""
    try:
        return (datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes)).isoformat(
            sep=" ")
    except OverflowError:
        return None


def _shifted(day: date, days: int) -> date:
    """`day` moved by `days`, held at the ends of the calendar (date.max + 3 days overflows)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


# json.dumps(row, ensure_ascii=False, sort_keys=True), without making an encoder per row.
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _json(row: Row | None) -> str | None:
    return None if row is None else _ENCODE(row)


@contextlib.contextmanager
def _begun(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN (deferred), then COMMIT after the block; ROLLBACK when the block or the COMMIT
    fails (unless the error already ended the transaction)."""
    conn.execute("BEGIN")
    try:
        yield
        if conn.in_transaction:
            conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
