"""The audit trail (diary/storage/records/audit.py): every write has its row, before and after,
a refused edit writes neither, and the trail of a row or of a range of time."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.errors import ValidationError
from diary.domain.units import Unit
from diary.storage.store import DiaryStore

CET = timezone(timedelta(hours=1))


def baclofen(store: DiaryStore) -> Medication:
    return store.medications.add(
        Medication(name="Baclofen", unit=Unit.MG, max_daily=80_000, taper_required=True)
    )


def test_every_write_has_its_audit_row(store: DiaryStore) -> None:
    med = baclofen(store)
    intake = store.intakes.add(
        Intake(medication_id=med.id, at=datetime(2026, 11, 26, 8, 0, tzinfo=CET), amount=5000)
    )
    before = store.intakes.edit(replace(intake, amount=10_000, note="doubled"))
    assert before == intake
    store.intakes.delete(intake.id)
    store.intakes.restore(intake.id)
    trail = store.audit.of("intakes", intake.id)
    assert [c.action for c in trail] == ["insert", "update", "delete", "restore"]
    assert trail[0].before is None and trail[0].after["amount"] == 5000
    assert trail[1].before["amount"] == 5000 and trail[1].after["amount"] == 10_000
    assert trail[1].after["note"] == "doubled"
    assert trail[2].before["deleted_utc"] is None and trail[2].after["deleted_utc"] is not None
    assert trail[3].after["deleted_utc"] is None
    # Regimen edits are audited too.
    store.medications.edit(replace(med, max_daily=60_000))
    store.medications.archive(med.id)
    store.symptoms.rename(2, "Sleepiness")
    assert [c.action for c in store.audit.of("medications", med.id)] == [
        "insert",
        "update",
        "archive",
    ]
    assert store.audit.of("symptoms", 2)[-1].after["name"] == "Sleepiness"


def test_a_refused_edit_writes_neither_row_nor_audit(store: DiaryStore) -> None:
    med = baclofen(store)
    intake = store.intakes.add(
        Intake(medication_id=med.id, at=datetime(2026, 11, 26, 8, 0, tzinfo=CET), amount=5000)
    )
    changes_before = store.counts()["changes"]
    with pytest.raises(ValidationError):
        store.intakes.edit(replace(intake, amount=0))
    with pytest.raises(ValidationError):
        store.ratings.add(Rating(symptom_id=1, at=intake.at, score=11))
    assert store.intakes.get(intake.id) == intake
    assert store.counts()["changes"] == changes_before


def test_audit_of_a_date_range(store: DiaryStore, clock: list[datetime]) -> None:
    clock[0] = datetime(2026, 11, 20, 12, 0, tzinfo=CET)
    early = store.events.add(Event(at=clock[0], kind=EventKind.OTHER, text="early"))
    clock[0] = datetime(2026, 11, 25, 12, 0, tzinfo=CET)
    late = store.events.add(Event(at=clock[0], kind=EventKind.OTHER, text="late"))
    changes = store.audit.between(
        datetime(2026, 11, 24, tzinfo=CET), datetime(2026, 11, 26, tzinfo=CET)
    )
    assert [(c.table, c.row_id) for c in changes] == [("events", late.id)]
    assert early.id != late.id
