"""Per-day aggregates computed in SQL, the audit trail, and the file's own health."""

from __future__ import annotations

import json
from datetime import date, datetime

from diary.domain.daytime import from_stored, utc_text
from diary.domain.entities import Change, DailyRating, DailyTotal
from diary.storage.base import AUDITED_TABLES, DAY_SQL, ON_DAYS_SQL, StoreBase


class AggregatesMixin(StoreBase):
    def daily_totals(self, start: date, end: date) -> list[DailyTotal]:
        """Taken amount per medication per diary day in [start, end], by day then medication."""
        found = self.query(
            f"SELECT {DAY_SQL} AS day, medication_id, sum(amount) AS total, count(*) AS doses"
            f" FROM intakes WHERE status = 'taken' AND {ON_DAYS_SQL} AND deleted_utc IS NULL"
            " GROUP BY day, medication_id ORDER BY day, medication_id",
            self.day_range(start, end),
        )
        return [
            DailyTotal(date.fromisoformat(r["day"]), r["medication_id"], r["total"], r["doses"])
            for r in found
        ]

    def daily_ratings(self, start: date, end: date) -> list[DailyRating]:
        """Mean and max score per symptom per diary day in [start, end]."""
        found = self.query(
            f"SELECT {DAY_SQL} AS day, symptom_id, avg(score) AS mean, max(score) AS worst,"
            f" count(*) AS n FROM ratings WHERE {ON_DAYS_SQL} AND deleted_utc IS NULL"
            " GROUP BY day, symptom_id ORDER BY day, symptom_id",
            self.day_range(start, end),
        )
        return [
            DailyRating(
                date.fromisoformat(r["day"]), r["symptom_id"], r["mean"], r["worst"], r["n"]
            )
            for r in found
        ]

    def changes_of(self, table: str, row_id: int) -> list[Change]:
        """The audit trail of one row, oldest first."""
        found = self.query(
            "SELECT * FROM changes WHERE table_name = ? AND row_id = ? ORDER BY id",
            [table, row_id],
        )
        return [_change(r) for r in found]

    def changes_between(self, start: datetime, end: datetime) -> list[Change]:
        """Every change made in [start, end), oldest first."""
        found = self.query(
            "SELECT * FROM changes WHERE at_utc >= ? AND at_utc < ? ORDER BY id",
            [utc_text(start), utc_text(end)],
        )
        return [_change(r) for r in found]

    def counts(self) -> dict[str, int]:
        """Rows per table; entries count only those not deleted."""
        counts = {}
        for table in (*AUDITED_TABLES, "changes"):
            live = (
                " WHERE deleted_utc IS NULL"
                if table in ("intakes", "ratings", "events", "plan_steps")
                else ""
            )
            counts[table] = int(self.query(f"SELECT count(*) AS n FROM {table}{live}")[0]["n"])
        return counts

    def integrity(self) -> str:
        """'ok', or SQLite's first complaint from a full integrity and foreign-key check."""
        verdict = str(self.query("PRAGMA integrity_check")[0]["integrity_check"])
        if verdict != "ok":
            return verdict
        broken = self.query("PRAGMA foreign_key_check")
        if broken:
            first = broken[0]
            return (
                f"{len(broken)} broken reference(s), first in {first['table']} row {first['rowid']}"
            )
        return "ok"


def _change(row: dict[str, object]) -> Change:
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
