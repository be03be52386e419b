"""The symptom ratings: add (one, or an evening's all at once), edit, soft-delete, restore, list
by diary day, and the mean and worst score per symptom per day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from diary.domain.entities import DailyRating
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.validation import valid_rating
from diary.storage import rows
from diary.storage.records.symptoms import Symptoms
from diary.storage.tables import DAY_SQL
from diary.storage.tables import ON_DAYS_SQL
from diary.storage.tables import Tables


class Ratings:
    def __init__(self, tables: Tables, symptoms: Symptoms) -> None:
        self._tables = tables
        self._symptoms = symptoms

    def add(self, rating: Rating) -> Rating:
        return self.add_all([rating])[0]

    def add_all(self, ratings: Sequence[Rating]) -> list[Rating]:
        """Several ratings saved as one action (an evening's ratings): all or none."""
        now = self._tables.clock()
        scales: dict[int, Symptom] = {}
        for rating in ratings:
            if rating.symptom_id not in scales:
                scales[rating.symptom_id] = self._symptoms.get(rating.symptom_id)
        checked = [valid_rating(r, scales[r.symptom_id], now) for r in ratings]
        with self._tables.write():
            return [replace(rating, id=self._tables.insert("ratings", rows.rating_row(rating)))
                    for rating in checked]

    def edit(self, rating: Rating) -> Rating:
        """Replace a rating's values; returns it as it was before."""
        assert rating.id is not None
        checked = valid_rating(rating, self._symptoms.get(rating.symptom_id), self._tables.clock())
        with self._tables.write():
            before = self._tables.update("ratings", rating.id, rows.rating_row(checked))
        return rows.rating_from(before)

    def delete(self, rating_id: int) -> None:
        self._tables.set_deleted("ratings", rating_id, deleted=True)

    def restore(self, rating_id: int) -> None:
        self._tables.set_deleted("ratings", rating_id, deleted=False)

    def get(self, rating_id: int) -> Rating:
        return rows.rating_from(self._tables.row("ratings", rating_id))

    def between(
        self,
        start: date,
        end: date,
        symptom_id: int | None = None,
        *,
        include_deleted: bool = False,
    ) -> list[Rating]:
        """Ratings whose diary day is within [start, end], oldest first."""
        extra, params = "", {}
        if symptom_id is not None:
            extra, params = " AND symptom_id = :sid", {"sid": symptom_id}
        found = self._tables.on_days("ratings", start, end, include_deleted=include_deleted,
                                     extra=extra, params=params)
        return [rows.rating_from(r) for r in found]

    def ever(self) -> bool:
        """Whether any rating was ever saved in this diary, deleted ones too."""
        return bool(self._tables.query("SELECT 1 FROM ratings LIMIT 1"))

    def daily(self, start: date, end: date) -> list[DailyRating]:
        """Mean and worst score per symptom per diary day in [start, end], computed in SQL."""
        found = self._tables.query(
            f"SELECT {DAY_SQL} AS day, symptom_id, avg(score) AS mean, max(score) AS worst,"
            f" count(*) AS n FROM ratings WHERE {ON_DAYS_SQL} AND deleted_utc IS NULL"
            " GROUP BY day, symptom_id ORDER BY day, symptom_id",
            self._tables.day_range(start, end),
        )
        return [
            DailyRating(
                date.fromisoformat(r["day"]), r["symptom_id"], r["mean"], r["worst"], r["n"]
            )
            for r in found
        ]
