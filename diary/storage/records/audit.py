"""The audit trail: every change to the diary, with the row before and after, written in the same
transaction as the change itself (`Tables.write`). Read here; never written but by `Tables`."""

from __future__ import annotations

import json
from datetime import datetime

from diary.domain.daytime import from_stored
from diary.domain.daytime import utc_text
from diary.domain.entities import Change
from diary.storage.errors import DamagedRowError
from diary.storage.tables import Tables

LAST_CHANGE_SQL = "SELECT coalesce(max(id), 0) AS last FROM changes"


class Audit:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def of(self, table: str, row_id: int) -> list[Change]:
        """The audit trail of one row, oldest first."""
        found = self._tables.query(
            "SELECT * FROM changes WHERE table_name = ? AND row_id = ? ORDER BY id",
            [table, row_id],
        )
        return [_change(r) for r in found]

    def between(self, start: datetime, end: datetime) -> list[Change]:
        """Every change made in [start, end), oldest first."""
        found = self._tables.query(
            "SELECT * FROM changes WHERE at_utc >= ? AND at_utc < ? ORDER BY id",
            [utc_text(start), utc_text(end)],
        )
        return [_change(r) for r in found]

    def last_id(self) -> int:
        """The id of the newest change, 0 in a diary never changed: every write leaves one, so
        two copies of one diary with the same last id hold the same changes."""
        return int(self._tables.query(LAST_CHANGE_SQL)[0]["last"])


def _change(row: dict[str, object]) -> Change:
    """A row of the trail as a Change; one that cannot be read raises DamagedRowError, as any
    damaged row does (rows.py), never a traceback in the History "Changes" dialog."""
    try:
        return _read_change(row)
    except (ValueError, TypeError, KeyError) as exc:
        raise DamagedRowError("changes", row.get("id"), str(exc) or type(exc).__name__) from None


def _read_change(row: dict[str, object]) -> Change:
    def parsed(value: object) -> dict[str, object] | None:
        return None if value is None else dict(json.loads(str(value)))

    return Change(
        id=int(str(row["id"])),
        at=from_stored(str(row["at_utc"]), 0),
        table=str(row["table_name"]),
        row_id=int(str(row["row_id"])),
        action=str(row["action"]),
        before=parsed(row["before"]),
        after=parsed(row["after"]),
    )
