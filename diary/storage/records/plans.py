"""The plan steps of each medication (what is to be taken, from which day, at what times): add
(one, or a titration's or taper's all at once), edit, delete, list. Read with every dose logged,
their reads are kept (`Tables.cached`). Whether a change cuts a dose is the domain's question
(diary.domain.plans.changes), asked by every caller before it writes here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from diary.domain.entities import PlanStep
from diary.domain.validation import valid_plan_step
from diary.storage import rows
from diary.storage.records.medications import Medications
from diary.storage.tables import Tables


class Plans:
    def __init__(self, tables: Tables, medications: Medications) -> None:
        self._tables = tables
        self._medications = medications

    def add_all(self, steps: Sequence[PlanStep]) -> list[PlanStep]:
        """Add steps (a titration or a taper) in one transaction: all or none."""
        checked = [valid_plan_step(s, self._medications.get(s.medication_id).unit) for s in steps]
        with self._tables.write():
            return [replace(step, id=self._tables.insert("plan_steps", rows.plan_step_row(step)))
                    for step in checked]

    def add(self, step: PlanStep) -> PlanStep:
        return self.add_all([step])[0]

    def edit(self, step: PlanStep) -> PlanStep:
        """Replace a step's values; returns it as it was before."""
        assert step.id is not None
        checked = valid_plan_step(step, self._medications.get(step.medication_id).unit)
        with self._tables.write():
            before = self._tables.update("plan_steps", step.id, rows.plan_step_row(checked))
        return rows.plan_step_from(before)

    def delete(self, step_id: int, *, deleted: bool = True) -> None:
        """Soft-delete a step (`deleted=False` brings it back)."""
        self._tables.set_deleted("plan_steps", step_id, deleted=deleted)

    def get(self, step_id: int) -> PlanStep:
        return rows.plan_step_from(self._tables.row("plan_steps", step_id))

    def steps(self, medication_id: int | None = None) -> list[PlanStep]:
        """The live steps, of one medication or all, by start day."""
        return list(self._tables.cached("plan_steps", medication_id,
                                        lambda: self._read(medication_id)))

    def _read(self, medication_id: int | None) -> tuple[PlanStep, ...]:
        where, params = "deleted_utc IS NULL", []
        if medication_id is not None:
            where, params = where + " AND medication_id = ?", [medication_id]
        found = self._tables.query(
            f"SELECT * FROM plan_steps WHERE {where} ORDER BY start_day, id", params)
        return tuple(rows.plan_step_from(r) for r in found)
