"""Diary entries: intakes, ratings and events. Add, edit, soft-delete, restore, list by day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from diary.domain.entities import Event, Intake, Medication, Rating
from diary.domain.validation import valid_event, valid_intake, valid_rating
from diary.storage import rows
from diary.storage.base import ON_DAYS_SQL, StoreBase
from diary.storage.regimen import RegimenMixin


class EntriesMixin(RegimenMixin, StoreBase):
    # --- intakes ---------------------------------------------------------------------------
    def add_intake(self, intake: Intake) -> Intake:
        med = self.medication(intake.medication_id)
        checked = valid_intake(intake, med.unit, self.clock())
        with self.write():
            return self._insert_intake(checked)

    def insert_intake(self, med: Medication, intake: Intake) -> Intake:
        """`add_intake` for a caller already inside `write()` that has read `med`, the intake's
        medication, in that transaction (dosing.check_and_add): the same checks, without reading
        the medication again or opening a savepoint."""
        assert self._conn.in_transaction, "insert_intake belongs inside write()"
        return self._insert_intake(valid_intake(intake, med.unit, self.clock()))

    def _insert_intake(self, checked: Intake) -> Intake:
        return replace(checked, id=self.insert("intakes", rows.intake_row(checked)))

    def edit_intake(self, intake: Intake) -> Intake:
        """Replace an intake's values; returns the intake as it was before."""
        assert intake.id is not None
        med = self.medication(intake.medication_id)
        checked = valid_intake(intake, med.unit, self.clock())
        with self.write():
            before = self.update("intakes", intake.id, rows.intake_row(checked))
        return rows.intake_from(before)

    def delete_intake(self, intake_id: int) -> None:
        self._set_deleted("intakes", intake_id, deleted=True)

    def restore_intake(self, intake_id: int) -> None:
        self._set_deleted("intakes", intake_id, deleted=False)

    def intake(self, intake_id: int) -> Intake:
        return rows.intake_from(self.row("intakes", intake_id))

    def intakes(
        self,
        start: date,
        end: date,
        medication_id: int | None = None,
        *,
        include_deleted: bool = False,
    ) -> list[Intake]:
        """Intakes whose diary day is within [start, end], oldest first."""
        extra = ""
        params = self.day_range(start, end)  # a new dict: ours to add to
        if medication_id is not None:
            extra, params["mid"] = " AND medication_id = :mid", medication_id
        found = self._conn.execute(
            self._on_days_sql("intakes", rows.INTAKE_COLUMNS_SQL, include_deleted, extra), params)
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
                 for values in sorted(self._conn.execute(_NEAREST_TAKEN, params))]
        return min(found, key=lambda i: abs(i.at - at), default=None)

    def last_taken(self, medication_id: int, start: date, end: date,
                   at: datetime) -> Intake | None:
        """Of the taken, live intakes of a medication at or before `at` whose diary day is within
        [start, end], the latest (of several at that instant, the lowest id): the one
        `taper.last_taken` picks from `intakes(start, end)`, read without the others."""
        params = self.day_range(start, end)
        params["mid"], params["at"] = medication_id, rows.at_columns(at)["at_utc"]
        found = self._conn.execute(_LAST_TAKEN, params).fetchone()
        return None if found is None else rows.intake_from_values(found)

    # --- ratings ---------------------------------------------------------------------------
    def add_rating(self, rating: Rating) -> Rating:
        checked = valid_rating(rating, self.symptom(rating.symptom_id), self.clock())
        with self.write():
            row_id = self.insert("ratings", rows.rating_row(checked))
        return replace(checked, id=row_id)

    def add_ratings(self, ratings: list[Rating]) -> list[Rating]:
        """Several ratings saved as one action (an evening's ratings): all or none."""
        now = self.clock()
        checked = [valid_rating(r, self.symptom(r.symptom_id), now) for r in ratings]
        saved = []
        with self.write():
            for rating in checked:
                saved.append(replace(rating, id=self.insert("ratings", rows.rating_row(rating))))
        return saved

    def edit_rating(self, rating: Rating) -> Rating:
        assert rating.id is not None
        checked = valid_rating(rating, self.symptom(rating.symptom_id), self.clock())
        with self.write():
            before = self.update("ratings", rating.id, rows.rating_row(checked))
        return rows.rating_from(before)

    def delete_rating(self, rating_id: int) -> None:
        self._set_deleted("ratings", rating_id, deleted=True)

    def restore_rating(self, rating_id: int) -> None:
        self._set_deleted("ratings", rating_id, deleted=False)

    def rating(self, rating_id: int) -> Rating:
        return rows.rating_from(self.row("ratings", rating_id))

    def ratings(
        self,
        start: date,
        end: date,
        symptom_id: int | None = None,
        *,
        include_deleted: bool = False,
    ) -> list[Rating]:
        extra: str = ""
        params: dict[str, object] = {}
        if symptom_id is not None:
            extra, params = " AND symptom_id = :sid", {"sid": symptom_id}
        found = self._on_days("ratings", start, end, include_deleted, extra, params)
        return [rows.rating_from(r) for r in found]

    # --- events ----------------------------------------------------------------------------
    def add_event(self, event: Event) -> Event:
        checked = valid_event(event, self.clock())
        with self.write():
            row_id = self.insert("events", rows.event_row(checked))
        return replace(checked, id=row_id)

    def edit_event(self, event: Event) -> Event:
        assert event.id is not None
        checked = valid_event(event, self.clock())
        with self.write():
            before = self.update("events", event.id, rows.event_row(checked))
        return rows.event_from(before)

    def delete_event(self, event_id: int) -> None:
        self._set_deleted("events", event_id, deleted=True)

    def restore_event(self, event_id: int) -> None:
        self._set_deleted("events", event_id, deleted=False)

    def event(self, event_id: int) -> Event:
        return rows.event_from(self.row("events", event_id))

    def events(self, start: date, end: date, *, include_deleted: bool = False) -> list[Event]:
        found = self._on_days("events", start, end, include_deleted, "", {})
        return [rows.event_from(r) for r in found]

    # --- shared ----------------------------------------------------------------------------
    def _set_deleted(self, table: str, row_id: int, *, deleted: bool) -> None:
        self.set_stamp(table, row_id, "deleted_utc", deleted, ("delete", "restore"))

    def _on_days(
        self,
        table: str,
        start: date,
        end: date,
        include_deleted: bool,
        extra: str,
        params: dict[str, object],
    ) -> list[rows.Row]:
        """Rows whose diary day is in [start, end], oldest first."""
        return self.query(
            self._on_days_sql(table, "*", include_deleted, extra),
            {**self.day_range(start, end), **params},
        )

    @staticmethod
    def _on_days_sql(table: str, columns: str, include_deleted: bool, extra: str) -> str:
        deleted = "" if include_deleted else " AND deleted_utc IS NULL"
        return (f"SELECT {columns} FROM {table} WHERE {ON_DAYS_SQL}{deleted}{extra}"
                " ORDER BY at_utc, id")


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
