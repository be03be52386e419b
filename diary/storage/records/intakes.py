"""The doses: add, edit, soft-delete, restore, list by diary day, and what the safety rules ask of
them (the taken dose nearest an instant, the last one of a day, the amount taken per day)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from datetime import datetime

from diary.domain.entities import DailyTotal
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.validation import valid_intake
from diary.storage import rows
from diary.storage.records.medications import Medications
from diary.storage.tables import DAY_SQL
from diary.storage.tables import ON_DAYS_SQL
from diary.storage.tables import Tables
from diary.storage.tables import on_days_sql


class Intakes:
    def __init__(self, tables: Tables, medications: Medications) -> None:
        self._tables = tables
        self._medications = medications

    def add(self, intake: Intake) -> Intake:
        med = self._medications.get(intake.medication_id)
        checked = valid_intake(intake, med.unit, self._tables.clock())
        with self._tables.write():
            return self._insert(checked)

    def add_all(self, intakes: Sequence[Intake]) -> list[Intake]:
        """Several doses (a day of the demo diary) in one transaction, all or none, each
        checked as `add` checks one. Imports go through `store.imports`, which also skips what
        the diary holds already."""
        moment = self._tables.clock()
        checked = [valid_intake(i, self._medications.get(i.medication_id).unit, moment)
                   for i in intakes]
        with self._tables.write():
            return [self._insert(intake) for intake in checked]

    def insert(self, med: Medication, intake: Intake) -> Intake:
        """`add` for a caller already inside `write()` that has read `med`, the intake's
        medication, in that transaction (dosing.check_and_add): the same checks, without reading
        the medication again or opening a savepoint."""
        assert self._tables.connection.in_transaction, "insert belongs inside write()"
        return self._insert(valid_intake(intake, med.unit, self._tables.clock()))

    def _insert(self, checked: Intake) -> Intake:
        return replace(checked, id=self._tables.insert("intakes", rows.intake_row(checked)))

    def edit(self, intake: Intake) -> Intake:
        """Replace an intake's values; returns the intake as it was before."""
        assert intake.id is not None
        med = self._medications.get(intake.medication_id)
        checked = valid_intake(intake, med.unit, self._tables.clock())
        with self._tables.write():
            before = self._tables.update("intakes", intake.id, rows.intake_row(checked))
        return rows.intake_from(before)

    def delete(self, intake_id: int) -> None:
        self._tables.set_deleted("intakes", intake_id, deleted=True)

    def restore(self, intake_id: int) -> None:
        self._tables.set_deleted("intakes", intake_id, deleted=False)

    def get(self, intake_id: int) -> Intake:
        return rows.intake_from(self._tables.row("intakes", intake_id))

    def between(
        self,
        start: date,
        end: date,
        medication_id: int | None = None,
        *,
        include_deleted: bool = False,
    ) -> list[Intake]:
        """Intakes whose diary day is within [start, end], oldest first."""
        extra = ""
        params = self._tables.day_range(start, end)  # a new dict: ours to add to
        if medication_id is not None:
            extra, params["mid"] = " AND medication_id = :mid", medication_id
        found = self._tables.connection.execute(
            on_days_sql("intakes", rows.INTAKE_COLUMNS_SQL, include_deleted, extra), params)
        return [rows.intake_from_values(values) for values in found]

    def nearest_taken(self, medication_id: int, at: datetime,
                      exclude_id: int | None = None) -> Intake | None:
        """The taken dose of a medication nearest in time to `at`, before or after it, on any
        day: the one the minimum interval is measured from. `exclude_id` leaves out the intake
        being edited."""
        instant = rows.at_columns(at)["at_utc"]
        params = {"m": medication_id, "x": exclude_id, "t": instant}
        # The one before (or at) `at` first: of two as near, it is the one measured from.
        found = [rows.intake_from_values(values[1:])
                 for values in sorted(self._tables.connection.execute(_NEAREST_TAKEN, params))]
        return min(found, key=lambda i: abs(i.at - at), default=None)

    def last_taken(self, medication_id: int, start: date, end: date,
                   at: datetime) -> Intake | None:
        """Of the taken, live intakes of a medication at or before `at` whose diary day is within
        [start, end], the latest (of several at that instant, the lowest id): the one
        `taper.last_taken` picks from `between(start, end)`, read without the others."""
        params = self._tables.day_range(start, end)
        params["mid"], params["at"] = medication_id, rows.at_columns(at)["at_utc"]
        found = self._tables.connection.execute(_LAST_TAKEN, params).fetchone()
        return None if found is None else rows.intake_from_values(found)

    def daily_totals(self, start: date, end: date) -> list[DailyTotal]:
        """Taken amount per medication per diary day in [start, end], by day then medication,
        summed in SQL."""
        found = self._tables.query(
            f"SELECT {DAY_SQL} AS day, medication_id, sum(amount) AS total, count(*) AS doses"
            f" FROM intakes WHERE status = 'taken' AND {ON_DAYS_SQL} AND deleted_utc IS NULL"
            " GROUP BY day, medication_id ORDER BY day, medication_id",
            self._tables.day_range(start, end),
        )
        return [
            DailyTotal(date.fromisoformat(r["day"]), r["medication_id"], r["total"], r["doses"])
            for r in found
        ]


_LAST_TAKEN = (
    f"SELECT {rows.INTAKE_COLUMNS_SQL} FROM intakes WHERE {ON_DAYS_SQL}"
    " AND deleted_utc IS NULL AND medication_id = :mid AND status = 'taken'"
    " AND at_utc <= :at ORDER BY at_utc DESC, id LIMIT 1"
)

# The taken dose nearest before (or at) :t and the one nearest after it, in one statement, each
# led by its side (0 before, 1 after).
_NEAREST_TAKEN = " UNION ALL ".join(
    f"SELECT * FROM (SELECT {side}, {rows.INTAKE_COLUMNS_SQL} FROM intakes"
    " WHERE medication_id = :m AND status = 'taken' AND deleted_utc IS NULL AND id IS NOT :x"
    f" AND at_utc {compare} :t ORDER BY at_utc {order}, id {order} LIMIT 1)"
    for side, compare, order in ((0, "<=", "DESC"), (1, ">", "ASC"))
)
