"""Diary entries: intakes, ratings and events. Add, edit, soft-delete, restore, list by day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from diary.domain.entities import Event, Intake, Rating
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
            row_id = self.insert("intakes", rows.intake_row(checked))
        return replace(checked, id=row_id)

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
        extra: str = ""
        params: dict[str, object] = {}
        if medication_id is not None:
            extra, params = " AND medication_id = :mid", {"mid": medication_id}
        found = self._on_days("intakes", start, end, include_deleted, extra, params)
        return [rows.intake_from(r) for r in found]

    def nearest_taken(self, medication_id: int, at: datetime,
                      exclude_id: int | None = None) -> Intake | None:
        """The taken dose of a medication nearest in time to `at`, before or after it, on any
        day: the one the minimum interval is measured from. `exclude_id` leaves out the intake
        being edited."""
        instant = rows.at_columns(at)["at_utc"]
        live = (
            "SELECT * FROM intakes WHERE medication_id = :m AND status = 'taken'"
            " AND deleted_utc IS NULL AND id IS NOT :x AND at_utc {} :t ORDER BY at_utc {}, id {}"
            " LIMIT 1"
        )
        params = {"m": medication_id, "x": exclude_id, "t": instant}
        found = [
            rows.intake_from(r)
            for sql in (live.format("<=", "DESC", "DESC"), live.format(">", "ASC", "ASC"))
            for r in self.query(sql, params)
        ]
        return min(found, key=lambda i: abs(i.at - at), default=None)

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
        deleted = "" if include_deleted else " AND deleted_utc IS NULL"
        return self.query(
            f"SELECT * FROM {table} WHERE {ON_DAYS_SQL}{deleted}{extra} ORDER BY at_utc, id",
            {**self.day_range(start, end), **params},
        )
