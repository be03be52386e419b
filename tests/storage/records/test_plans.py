"""The plan steps (diary/storage/records/plans.py): saved all together or not at all, deleted
and brought back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import time

import pytest

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.errors import ValidationError
from diary.domain.units import Unit
from diary.storage.store import DiaryStore


def baclofen(store: DiaryStore) -> Medication:
    return store.medications.add(
        Medication(name="Baclofen", unit=Unit.MG, max_daily=80_000, taper_required=True)
    )


def test_plan_steps_in_one_transaction(store: DiaryStore) -> None:
    med = baclofen(store)
    good = PlanStep(medication_id=med.id, start=date(2026, 11, 1), amount=5000, times=(time(8),))
    bad = PlanStep(
        medication_id=med.id, start=date(2026, 11, 5), end=date(2026, 11, 1), amount=5000
    )
    with pytest.raises(ValidationError):
        store.plans.add_all([good, bad])
    assert store.plans.steps(med.id) == []
    saved = store.plans.add_all([good])
    store.plans.delete(saved[0].id)
    assert store.plans.steps(med.id) == []
    store.plans.delete(saved[0].id, deleted=False)
    assert store.plans.steps(med.id) == saved


def test_an_edit_returns_the_step_as_it_was(store: DiaryStore) -> None:
    med = baclofen(store)
    [step] = store.plans.add_all([PlanStep(med.id or 0, date(2026, 11, 1), 5000, (time(8),))])
    before = store.plans.edit(replace(step, end=date(2026, 11, 9)))
    assert before == step
    assert store.plans.get(step.id or 0).end == date(2026, 11, 9)
    assert [c.action for c in store.audit.of("plan_steps", step.id or 0)] == ["insert", "update"]


def test_the_steps_of_one_medication_or_of_all(store: DiaryStore) -> None:
    med = baclofen(store)
    other = store.medications.add(Medication(name="Tizanidine", unit=Unit.MG))
    mine = store.plans.add(PlanStep(med.id or 0, date(2026, 11, 1), 5000, (time(8),)))
    theirs = store.plans.add(PlanStep(other.id or 0, date(2026, 11, 2), 2000, (time(22),)))
    assert store.plans.steps(med.id) == [mine]
    assert store.plans.steps() == [mine, theirs]
