"""The symptoms rated (their names, scales and order): add, rename, archive, reorder, look up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.validation import valid_name
from diary.domain.validation import valid_symptom
from diary.storage import rows
from diary.storage.tables import NotFoundError
from diary.storage.tables import Tables


class Symptoms:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def add(self, symptom: Symptom) -> Symptom:
        """A new symptom, last in the order."""
        checked = valid_symptom(symptom)
        self._refuse_duplicate(checked.name, None)
        checked = replace(checked, position=self.next_position(), archived_at=None)
        with self._tables.write():
            row_id = self._tables.insert("symptoms", rows.symptom_row(checked))
        return replace(checked, id=row_id)

    def next_position(self) -> int:
        return int(self._tables.query(
            "SELECT coalesce(max(position), -1) + 1 AS p FROM symptoms")[0]["p"])

    def rename(self, symptom_id: int, name: str) -> None:
        cleaned = valid_name(name)
        self._refuse_duplicate(cleaned, symptom_id)
        with self._tables.write():
            self._tables.update("symptoms", symptom_id, {"name": cleaned})

    def archive(self, symptom_id: int, *, archived: bool = True) -> None:
        self._tables.set_stamp("symptoms", symptom_id, "archived_utc", archived,
                               ("archive", "unarchive"))

    def reorder(self, ordered_ids: Sequence[int]) -> None:
        """Put symptoms in the given order; every symptom must be named exactly once."""
        existing = {s.id for s in self.all(include_archived=True) if s.id is not None}
        if sorted(ordered_ids) != sorted(existing):
            raise ValidationError("order", "the new order must list every symptom exactly once")
        with self._tables.write():
            for position, symptom_id in enumerate(ordered_ids):
                self._tables.update("symptoms", symptom_id, {"position": position})

    def get(self, symptom_id: int) -> Symptom:
        return rows.symptom_from(self._tables.row("symptoms", symptom_id))

    def all(self, *, include_archived: bool = False) -> list[Symptom]:
        """In the person's order; archived ones only when asked for."""
        where = "" if include_archived else " WHERE archived_utc IS NULL"
        found = self._tables.query(f"SELECT * FROM symptoms{where} ORDER BY position, id")
        return [rows.symptom_from(r) for r in found]

    def by_id(self) -> rows.Referenced[Symptom]:
        """Every symptom, archived ones too, by id: what ratings refer to. A reference to one
        that is not there raises DamagedRowError."""
        return rows.Referenced("symptoms", self.all(include_archived=True), lambda s: s.id)

    def named(self, name: str) -> Symptom:
        """The symptom of that name (case-insensitive), archived or not."""
        found = self.find(name)
        if found is None:
            known = ", ".join(s.name for s in self.all())
            raise NotFoundError(f"no symptom named {name.strip()!r} (known: {known})")
        return found

    def find(self, name: str) -> Symptom | None:
        found = self._tables.query("SELECT * FROM symptoms WHERE name = ? COLLATE NOCASE",
                                   [name.strip()])
        return rows.symptom_from(found[0]) if found else None

    def _refuse_duplicate(self, name: str, symptom_id: int | None) -> None:
        clash = self._tables.query(
            "SELECT id FROM symptoms WHERE name = ? COLLATE NOCASE AND id IS NOT ?",
            [name, symptom_id],
        )
        if clash:
            raise ValidationError("name", f"a symptom named {name!r} already exists")
