"""The medications: add, edit (never the unit once doses exist), archive, look up by id or name.

Medications are read with every dose logged and every refresh of the Today view, and seldom
change: their reads are kept (`Tables.cached`) and handed out as frozen entities in new lists."""

from __future__ import annotations

from dataclasses import replace

from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.domain.validation import valid_medication
from diary.storage import rows
from diary.storage.tables import NotFoundError
from diary.storage.tables import Tables


class Medications:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def add(self, med: Medication) -> Medication:
        checked = valid_medication(med)
        self._refuse_duplicate(checked)
        with self._tables.write():
            row_id = self._tables.insert("medications", rows.medication_row(checked))
        return replace(checked, id=row_id)

    def edit(self, med: Medication) -> Medication:
        """Replace a medication's values (its unit cannot change once doses exist); returns it
        as it was before."""
        assert med.id is not None
        checked = valid_medication(med)
        current = self.get(med.id)
        if checked.unit != current.unit and self._in_use(med.id):
            # Amounts are stored in the unit: 20 mg three times a day must never turn into
            # 20 tablets three times a day.
            raise ValidationError(
                "unit", "the unit cannot change once doses or plan steps exist; archive the "
                "medication and add it again with the new unit"
            )
        self._refuse_duplicate(checked)
        with self._tables.write():
            before = self._tables.update("medications", med.id, rows.medication_row(checked))
        return rows.medication_from(before)

    def archive(self, medication_id: int, *, archived: bool = True) -> None:
        if not archived:
            self._refuse_duplicate(self.get(medication_id))
        self._tables.set_stamp("medications", medication_id, "archived_utc", archived,
                               ("archive", "unarchive"))

    def get(self, medication_id: int) -> Medication:
        return self._tables.cached("medications", ("one", medication_id),
                                   lambda: rows.medication_from(
                                       self._tables.row("medications", medication_id)))

    def all(self, *, include_archived: bool = False) -> list[Medication]:
        """By name; archived ones only when asked for."""
        return list(self._tables.cached("medications", ("all", include_archived),
                                        lambda: self._read_all(include_archived)))

    def by_id(self) -> rows.Referenced[Medication]:
        """Every medication, archived ones too, by id: what doses and plan steps refer to. A
        reference to one that is not there raises DamagedRowError."""
        return rows.Referenced("medications", self.all(include_archived=True), lambda m: m.id)

    def _read_all(self, include_archived: bool) -> tuple[Medication, ...]:
        where = "" if include_archived else " WHERE archived_utc IS NULL"
        found = self._tables.query(
            f"SELECT * FROM medications{where} ORDER BY name COLLATE NOCASE, id")
        return tuple(rows.medication_from(r) for r in found)

    def next_id(self) -> int:
        """The id the next medication added gets (SQLite's next rowid: one past the largest,
        and medications are never removed), for the look it takes when none is chosen."""
        found = self._tables.query("SELECT coalesce(max(id), 0) + 1 AS next FROM medications")
        return int(found[0]["next"])

    def named(self, name: str) -> Medication:
        """The active medication of that name (case-insensitive)."""
        found = self._tables.query(
            "SELECT * FROM medications WHERE name = ? COLLATE NOCASE AND archived_utc IS NULL",
            [name.strip()],
        )
        if not found:
            known = ", ".join(m.name for m in self.all()) or "none yet"
            raise NotFoundError(f"no medication named {name.strip()!r} (known: {known})")
        return rows.medication_from(found[0])

    def _refuse_duplicate(self, med: Medication) -> None:
        clash = self._tables.query(
            "SELECT id FROM medications WHERE name = ? COLLATE NOCASE AND archived_utc IS NULL"
            " AND id IS NOT ?",
            [med.name, med.id],
        )
        if clash:
            raise ValidationError("name", f"a medication named {med.name!r} already exists")

    def _in_use(self, medication_id: int) -> bool:
        """Any intake or plan step, deleted ones included (undo can bring them back)."""
        return bool(self._tables.query(
            "SELECT 1 FROM intakes WHERE medication_id = :m"
            " UNION ALL SELECT 1 FROM plan_steps WHERE medication_id = :m LIMIT 1",
            {"m": medication_id},
        ))
