"""Values the program vouches for where SQLite cannot: every user row against what was written.

SQLite's integrity check proves the file's structure, not the values in it: a flipped bit that
turns an intake's 20 mg into 20.004 mg, or its slot day into '2026-12- 7' (a CHECK that yields
NULL passes), leaves a file SQLite calls sound. But every change the program makes is written
with its after-image in the audit trail, in the same transaction (Tables.write). So each row of
the user's tables must equal its latest after-image, field by field; a row that does not, or
that has no after-image at all, holds a value nobody wrote through the program. A column a
migration added after the row was last written is not in its after-image: it holds what the
migration gave the rows already there (schema.ADDED_COLUMNS), and is compared with that.

Part of the full check (diary.storage.file.opening), so asked of the diary at the day's first
open, by `check` (`DiaryStore.full_check`), of every backup made, and before a restore takes one:
one copied alone to a stick, without its checksum file, is vouched for by its values.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from diary.storage.schema import ADDED_COLUMNS
from diary.storage.tables import AUDITED_TABLES

_NO_RECORD = object()
MISSING = "(the whole row)"
SHOWN = 5  # the differences a refusal or `check` names; a diary's damage is rarely wider


@dataclass(frozen=True)
class DamagedValue:
    table: str
    row_id: int
    field: str  # "" when the row has no record in the audit trail at all
    stored: object = None
    written: object = None

    def text(self) -> str:
        if self.field == MISSING:
            return (f"{self.table} row {self.row_id} is missing (the program wrote it and never "
                    "removed it)")
        if not self.field:
            return (f"{self.table} row {self.row_id} was never written by the program (it has "
                    "no record in the audit trail)")
        if self.table == "changes":  # the trail itself: what it should hold is its own rule
            return (f"changes row {self.row_id} (the audit trail): {self.field} is "
                    f"{self.stored!r}, which is not {self.written}")
        return (f"{self.table} row {self.row_id}: {self.field} is {self.stored!r}, but was "
                f"written as {self.written!r}")


def damaged_values(conn: sqlite3.Connection, limit: int | None = None) -> list[DamagedValue]:
    """Every field of every row of the user's tables that differs from what the program wrote
    (at most `limit`), in table order then by id. Reads only; one statement per table."""
    found: list[DamagedValue] = []
    for table in AUDITED_TABLES:
        cursor = conn.execute(
            f"SELECT t.*, (SELECT after FROM changes WHERE table_name = ? AND row_id = t.id"
            f" ORDER BY id DESC LIMIT 1) FROM [{table}] AS t ORDER BY t.id", [table])
        names = [d[0] for d in cursor.description][:-1]
        for values in cursor:
            found.extend(_compare(table, dict(zip(names, values[:-1], strict=True)), values[-1]))
            if limit is not None and len(found) >= limit:
                return found[:limit]
        # The program never removes a row (a deletion is a mark): one it wrote that is gone
        # went by another way.
        gone = conn.execute(
            f"SELECT DISTINCT row_id FROM changes WHERE table_name = ? AND row_id NOT IN"
            f" (SELECT id FROM [{table}]) ORDER BY row_id", [table])
        found.extend(DamagedValue(table, int(row_id), MISSING) for (row_id,) in gone)
        if limit is not None and len(found) >= limit:
            return found[:limit]
    found.extend(_damaged_trail(conn))
    return found if limit is None else found[:limit]


def _damaged_trail(conn: sqlite3.Connection) -> list[DamagedValue]:
    """Rows of the audit trail itself whose time is not one the program writes: its other
    columns are held by CHECK constraints (a table, an action, JSON), its time only by this."""
    bad = conn.execute(
        "SELECT id, at_utc FROM changes WHERE at_utc IS NOT strftime('%Y-%m-%d %H:%M:%S', at_utc)"
        " ORDER BY id")
    return [DamagedValue("changes", int(row_id), "at_utc", at, "a time as the program writes it")
            for row_id, at in bad]


def differences_text(damaged: list[DamagedValue], shown: int) -> str:
    """The values that differ as `check`, an open and a restore name them: the first `shown`,
    and whether there are more (`damaged` holds one more than `shown` when there are)."""
    listed = "; ".join(d.text() for d in damaged[:shown])
    return f"{listed} (and more)" if len(damaged) > shown else listed


def _compare(table: str, row: dict[str, object], after: object) -> list[DamagedValue]:
    row_id = int(str(row["id"]))
    if after is None:
        return [DamagedValue(table, row_id, "")]
    try:
        written = json.loads(str(after))
    except ValueError:
        return [DamagedValue(table, row_id, "(its record)", None, after)]
    if not isinstance(written, dict):
        return [DamagedValue(table, row_id, "(its record)", None, after)]
    # Written before a migration added a column: the value it gave the rows already there.
    added = ADDED_COLUMNS.get(table)
    expected = written if added is None else {**added, **written}
    return [DamagedValue(table, row_id, name, row[name], value)
            for name, value in expected.items()
            if row.get(name, _NO_RECORD) is not _NO_RECORD and row[name] != value]
