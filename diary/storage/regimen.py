"""The regimen and the scales: the diary row, medications, plan steps and symptoms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from diary.domain.entities import DiaryInfo, Medication, PlanStep, Symptom
from diary.domain.errors import ValidationError
from diary.domain.validation import (
    valid_diary_info,
    valid_medication,
    valid_name,
    valid_plan_step,
    valid_symptom,
)
from diary.storage import rows
from diary.storage.base import NotFoundError, StoreBase


class RegimenMixin(StoreBase):
    """The diary row, medications and plan steps are read with every dose logged and every
    refresh of the Today view, and seldom change: their reads are kept (`StoreBase.cached`) and
    handed out as frozen entities in new lists."""

    # --- the diary row -----------------------------------------------------------------------
    def info(self) -> DiaryInfo:
        return self.cached("diary", "info", lambda: rows.info_from(self.row("diary", 1)))

    def update_info(self, info: DiaryInfo) -> DiaryInfo:
        """Change the person's details or settings; returns them as they were."""
        checked = valid_diary_info(info)
        with self.write():
            before = self.update("diary", 1, rows.info_row(checked))
        return rows.info_from(before)

    # --- medications -------------------------------------------------------------------------
    def add_medication(self, med: Medication) -> Medication:
        checked = valid_medication(med)
        self._refuse_duplicate_medication(checked)
        with self.write():
            row_id = self.insert("medications", rows.medication_row(checked))
        return replace(checked, id=row_id)

    def edit_medication(self, med: Medication) -> Medication:
        """Replace a medication's values (its unit cannot change once doses exist)."""
        assert med.id is not None
        checked = valid_medication(med)
        current = self.medication(med.id)
        if checked.unit != current.unit and self._in_use(med.id):
            # Amounts are stored in the unit: 20 mg three times a day must never turn into
            # 20 tablets three times a day.
            raise ValidationError(
                "unit", "the unit cannot change once doses or plan steps exist; archive the "
                "medication and add it again with the new unit"
            )
        self._refuse_duplicate_medication(checked)
        with self.write():
            before = self.update("medications", med.id, rows.medication_row(checked))
        return rows.medication_from(before)

    def archive_medication(self, medication_id: int, *, archived: bool = True) -> None:
        if not archived:
            self._refuse_duplicate_medication(self.medication(medication_id))
        self.set_stamp("medications", medication_id, "archived_utc", archived,
                       ("archive", "unarchive"))

    def medication(self, medication_id: int) -> Medication:
        return self.cached("medications", ("one", medication_id), lambda: rows.medication_from(
            self.row("medications", medication_id)))

    def medications(self, *, include_archived: bool = False) -> list[Medication]:
        return list(self.cached("medications", ("all", include_archived),
                                lambda: self._read_medications(include_archived)))

    def _read_medications(self, include_archived: bool) -> tuple[Medication, ...]:
        where = "" if include_archived else " WHERE archived_utc IS NULL"
        found = self.query(f"SELECT * FROM medications{where} ORDER BY name COLLATE NOCASE, id")
        return tuple(rows.medication_from(r) for r in found)

    def medication_by_name(self, name: str) -> Medication:
        """The active medication of that name (case-insensitive)."""
        found = self.query(
            "SELECT * FROM medications WHERE name = ? COLLATE NOCASE AND archived_utc IS NULL",
            [name.strip()],
        )
        if not found:
            known = ", ".join(m.name for m in self.medications()) or "none yet"
            raise NotFoundError(f"no medication named {name.strip()!r} (known: {known})")
        return rows.medication_from(found[0])

    def _refuse_duplicate_medication(self, med: Medication) -> None:
        clash = self.query(
            "SELECT id FROM medications WHERE name = ? COLLATE NOCASE AND archived_utc IS NULL"
            " AND id IS NOT ?",
            [med.name, med.id],
        )
        if clash:
            raise ValidationError("name", f"a medication named {med.name!r} already exists")

    def _in_use(self, medication_id: int) -> bool:
        """Any intake or plan step, deleted ones included (undo can bring them back)."""
        return bool(self.query(
            "SELECT 1 FROM intakes WHERE medication_id = :m"
            " UNION ALL SELECT 1 FROM plan_steps WHERE medication_id = :m LIMIT 1",
            {"m": medication_id},
        ))

    # --- plan steps --------------------------------------------------------------------------
    def add_plan_steps(self, steps: Sequence[PlanStep]) -> list[PlanStep]:
        """Add steps (a titration or a taper) in one transaction: all or none."""
        checked = [valid_plan_step(s, self.medication(s.medication_id).unit) for s in steps]
        saved = []
        with self.write():
            for step in checked:
                saved.append(replace(step, id=self.insert("plan_steps", rows.plan_step_row(step))))
        return saved

    def add_plan_step(self, step: PlanStep) -> PlanStep:
        return self.add_plan_steps([step])[0]

    def edit_plan_step(self, step: PlanStep) -> PlanStep:
        assert step.id is not None
        checked = valid_plan_step(step, self.medication(step.medication_id).unit)
        with self.write():
            before = self.update("plan_steps", step.id, rows.plan_step_row(checked))
        return rows.plan_step_from(before)

    def delete_plan_step(self, step_id: int, *, deleted: bool = True) -> None:
        self.set_stamp("plan_steps", step_id, "deleted_utc", deleted, ("delete", "restore"))

    def plan_step(self, step_id: int) -> PlanStep:
        return rows.plan_step_from(self.row("plan_steps", step_id))

    def plan_steps(self, medication_id: int | None = None) -> list[PlanStep]:
        return list(self.cached("plan_steps", medication_id,
                                lambda: self._read_plan_steps(medication_id)))

    def _read_plan_steps(self, medication_id: int | None) -> tuple[PlanStep, ...]:
        where, params = "deleted_utc IS NULL", []
        if medication_id is not None:
            where, params = where + " AND medication_id = ?", [medication_id]
        found = self.query(f"SELECT * FROM plan_steps WHERE {where} ORDER BY start_day, id", params)
        return tuple(rows.plan_step_from(r) for r in found)

    # --- symptoms ----------------------------------------------------------------------------
    def add_symptom(self, symptom: Symptom) -> Symptom:
        checked = valid_symptom(symptom)
        self._refuse_duplicate_symptom(checked.name, None)
        position = self.query("SELECT coalesce(max(position), -1) + 1 AS p FROM symptoms")[0]["p"]
        checked = replace(checked, position=position, archived_at=None)
        with self.write():
            row_id = self.insert("symptoms", rows.symptom_row(checked))
        return replace(checked, id=row_id)

    def rename_symptom(self, symptom_id: int, name: str) -> None:
        cleaned = valid_name(name)
        self._refuse_duplicate_symptom(cleaned, symptom_id)
        with self.write():
            self.update("symptoms", symptom_id, {"name": cleaned})

    def archive_symptom(self, symptom_id: int, *, archived: bool = True) -> None:
        self.set_stamp("symptoms", symptom_id, "archived_utc", archived, ("archive", "unarchive"))

    def reorder_symptoms(self, ordered_ids: Sequence[int]) -> None:
        """Put symptoms in the given order; every symptom must be named exactly once."""
        existing = {s.id for s in self.symptoms(include_archived=True) if s.id is not None}
        if sorted(ordered_ids) != sorted(existing):
            raise ValidationError("order", "the new order must list every symptom exactly once")
        with self.write():
            for position, symptom_id in enumerate(ordered_ids):
                self.update("symptoms", symptom_id, {"position": position})

    def symptom(self, symptom_id: int) -> Symptom:
        return rows.symptom_from(self.row("symptoms", symptom_id))

    def symptoms(self, *, include_archived: bool = False) -> list[Symptom]:
        where = "" if include_archived else " WHERE archived_utc IS NULL"
        found = self.query(f"SELECT * FROM symptoms{where} ORDER BY position, id")
        return [rows.symptom_from(r) for r in found]

    def symptom_by_name(self, name: str) -> Symptom:
        found = self.query("SELECT * FROM symptoms WHERE name = ? COLLATE NOCASE", [name.strip()])
        if not found:
            known = ", ".join(s.name for s in self.symptoms())
            raise NotFoundError(f"no symptom named {name.strip()!r} (known: {known})")
        return rows.symptom_from(found[0])

    def _refuse_duplicate_symptom(self, name: str, symptom_id: int | None) -> None:
        clash = self.query(
            "SELECT id FROM symptoms WHERE name = ? COLLATE NOCASE AND id IS NOT ?",
            [name, symptom_id],
        )
        if clash:
            raise ValidationError("name", f"a symptom named {name!r} already exists")
