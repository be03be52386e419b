"""The symptoms (diary/storage/records/symptoms.py): custom ones added under a name not taken,
renamed, archived and brought back, and put in the order the person chooses."""

from __future__ import annotations

import pytest

from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.storage import NotFoundError
from diary.storage.store import DiaryStore


def test_symptoms_custom_rename_archive_reorder(store: DiaryStore) -> None:
    pain = store.symptoms.add(Symptom(name="Pain"))
    with pytest.raises(ValidationError, match="already exists"):
        store.symptoms.add(Symptom(name="pain"))
    store.symptoms.archive(3)
    assert [s.name for s in store.symptoms.all()] == [
        "Spasticity",
        "Drowsiness",
        "Headache",
        "Pain",
    ]
    order = [pain.id, 1, 2, 3, 4]
    store.symptoms.reorder(order)
    assert [s.id for s in store.symptoms.all(include_archived=True)] == order
    with pytest.raises(ValidationError, match="every symptom"):
        store.symptoms.reorder([1, 2])
    store.symptoms.archive(3, archived=False)
    assert store.symptoms.get(3).archived_at is None


def test_a_symptom_is_found_by_its_name_in_any_case_archived_or_not(store: DiaryStore) -> None:
    store.symptoms.archive(store.symptoms.named("Nausea").id or 0)
    assert store.symptoms.find("  NAUSEA ") == store.symptoms.named("nausea")
    assert store.symptoms.find("Pain") is None
    with pytest.raises(NotFoundError, match="no symptom named 'Pain' \\(known: Spasticity, "
                                            "Drowsiness, Headache\\)"):
        store.symptoms.named("Pain")


def test_a_new_symptom_goes_last_and_a_rename_cannot_take_a_name(store: DiaryStore) -> None:
    assert store.symptoms.next_position() == 4
    pain = store.symptoms.add(Symptom("Pain", scale_max=4, position=0))
    assert (pain.position, pain.scale_max) == (4, 4)
    assert store.symptoms.all()[-1] == pain
    with pytest.raises(ValidationError, match="already exists"):
        store.symptoms.rename(pain.id or 0, "headache")
    store.symptoms.rename(pain.id or 0, "  Joint pain ")
    assert store.symptoms.get(pain.id or 0).name == "Joint pain"
