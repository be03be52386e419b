"""The medications (diary/storage/records/medications.py): a name is unique among the active
ones, found in any case, and the unit never changes under doses or a plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.errors import ValidationError
from diary.domain.looks import Colour
from diary.domain.looks import Look
from diary.domain.looks import Shape
from diary.domain.looks import default_look
from diary.domain.units import Unit
from diary.storage import NotFoundError
from diary.storage.store import DiaryStore

CET = timezone(timedelta(hours=1))


def baclofen(store: DiaryStore) -> Medication:
    return store.medications.add(
        Medication(name="Baclofen", unit=Unit.MG, max_daily=80_000, taper_required=True)
    )


def test_medication_names_are_unique_among_active_ones(store: DiaryStore) -> None:
    med = baclofen(store)
    with pytest.raises(ValidationError, match="already exists"):
        store.medications.add(Medication(name="BACLOFEN", unit=Unit.MG))
    store.medications.archive(med.id)
    again = store.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    assert store.medications.named("baclofen") == again
    with pytest.raises(NotFoundError, match="no medication named 'Aspirin'"):
        store.medications.named("Aspirin")


def test_unit_cannot_change_once_doses_are_logged(store: DiaryStore) -> None:
    med = baclofen(store)
    store.intakes.add(
        Intake(medication_id=med.id, at=datetime(2026, 11, 26, 8, tzinfo=CET), amount=5000)
    )
    with pytest.raises(ValidationError, match="unit cannot change"):
        store.medications.edit(replace(med, unit=Unit.TABLET))


def test_unit_cannot_change_under_a_plan(store: DiaryStore) -> None:
    # 20 mg three times a day must never silently become 20 tablets three times a day.
    med = baclofen(store)
    step = store.plans.add(
        PlanStep(
            medication_id=med.id,
            start=date(2026, 11, 1),
            amount=20_000,
            times=(time(8), time(14), time(20)),
        )
    )
    store.plans.delete(step.id)  # even a deleted step: undo can bring it back
    with pytest.raises(ValidationError, match="unit cannot change"):
        store.medications.edit(replace(med, unit=Unit.TABLET))
    assert store.medications.get(med.id).unit is Unit.MG
    fresh = store.medications.add(Medication(name="Tizanidine", unit=Unit.MG))
    store.medications.edit(replace(fresh, unit=Unit.TABLET))
    assert store.medications.get(fresh.id).unit is Unit.TABLET


def test_archived_medications_are_listed_only_when_asked_for(store: DiaryStore) -> None:
    med = baclofen(store)
    other = store.medications.add(Medication(name="Tizanidine", unit=Unit.MG))
    store.medications.archive(med.id or 0)
    assert store.medications.all() == [other]
    assert [m.name for m in store.medications.all(include_archived=True)] == [
        "Baclofen", "Tizanidine"]
    assert store.medications.get(med.id or 0).archived_at is not None
    store.medications.archive(med.id or 0, archived=False)
    assert store.medications.get(med.id or 0).archived_at is None
    assert [c.action for c in store.audit.of("medications", med.id or 0)] == [
        "insert", "archive", "unarchive"]


def test_a_chosen_look_is_stored_changed_and_given_back_to_the_id(store: DiaryStore) -> None:
    med = store.medications.add(Medication(name="Baclofen", unit=Unit.MG,
                                           colour=Colour.PURPLE, shape=Shape.DIAMOND))
    assert med.id is not None
    stored = store.medications.get(med.id)
    assert (stored.colour, stored.shape) == (Colour.PURPLE, Shape.DIAMOND)
    assert stored.look == Look(Colour.PURPLE, Shape.DIAMOND)
    before = store.medications.edit(replace(stored, colour=None))
    assert (before.colour, before.shape) == (Colour.PURPLE, Shape.DIAMOND)  # for undo
    automatic = store.medications.get(med.id)
    assert automatic.colour is None and automatic.look == Look(default_look(med.id).colour,
                                                               Shape.DIAMOND)
    after = store.audit.of("medications", med.id)[-1].after
    assert after is not None and (after["colour"], after["shape"]) == (None, "diamond")
    assert store.medications.all()[0] == automatic


@pytest.mark.parametrize(("change", "message"), [
    ({"colour": "pink"}, "colour: 'pink' is not one of blue, orange"),
    ({"shape": "star"}, "shape: 'star' is not one of round, square"),
    ({"shape": Colour.BLUE}, "shape: 'blue' is not one of"),
])
def test_a_look_not_in_the_lists_is_refused_by_name(
        store: DiaryStore, change: dict[str, object], message: str) -> None:
    med = baclofen(store)
    with pytest.raises(ValidationError, match=message):
        store.medications.edit(replace(med, **change))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=message):
        store.medications.add(replace(Medication("Tizanidine", Unit.MG), **change))  # type: ignore[arg-type]
    assert store.medications.all() == [med]


def test_the_next_id_is_the_one_the_next_medication_gets(store: DiaryStore) -> None:
    assert store.medications.next_id() == 1
    first = baclofen(store)
    store.medications.archive(first.id or 0)  # archived ones keep their id
    assert store.medications.next_id() == 2
    added = store.medications.add(Medication(name="Tizanidine", unit=Unit.MG))
    assert added.id == 2 and added.look == default_look(2)
    assert store.medications.next_id() == 3
