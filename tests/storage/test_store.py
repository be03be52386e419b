"""The store as one (diary/storage/store.py): a new diary's defaults, every entity round trips
through the file, read-only mode refuses every write, created files are private and never
replace another, integrity and counts. Each kind of record is tests/storage/records/."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.domain.entities import DiaryInfo
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.units import Unit
from diary.storage import ReadOnlyError
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary

CET = timezone(timedelta(hours=1))
NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def baclofen(store: DiaryStore) -> Medication:
    return store.medications.add(
        Medication(name="Baclofen", unit=Unit.MG, max_daily=80_000, taper_required=True)
    )


def test_new_diary_has_the_seeded_symptoms_and_defaults(store: DiaryStore) -> None:
    assert [s.name for s in store.symptoms.all()] == [
        "Spasticity",
        "Drowsiness",
        "Nausea",
        "Headache",
    ]
    assert all(s.scale_max == 10 for s in store.symptoms.all())
    info = store.info()
    assert info.day_starts_at == time(4, 0) and info.on_time_window_minutes == 60


def test_every_entity_round_trips(store: DiaryStore, tmp_path: Path) -> None:
    med = baclofen(store)
    step = store.plans.add(
        PlanStep(
            medication_id=med.id,
            start=date(2026, 11, 1),
            end=date(2026, 11, 3),
            amount=5000,
            times=(time(8), time(14), time(20)),
            note="week 1",
        )
    )
    intake = store.intakes.add(
        Intake(
            medication_id=med.id,
            at=datetime(2026, 11, 26, 8, 5, tzinfo=CET),
            amount=7500,
            slot=Slot(date(2026, 11, 26), time(8)),
            note="with breakfast",
        )
    )
    pain = store.symptoms.add(Symptom(name="Pain", scale_max=4))
    rating = store.ratings.add(
        Rating(
            symptom_id=pain.id,
            at=datetime(2026, 11, 26, 20, 0, tzinfo=NEW_YORK_WINTER).astimezone(NEW_YORK_WINTER)
            - timedelta(hours=6),
            score=3,
            note="knees",
        )
    )
    event = store.events.add(
        Event(
            at=datetime(2026, 11, 20, 10, 0, tzinfo=CET),
            kind=EventKind.DOSE_CHANGE,
            text="Raise to 10 mg",
        )
    )
    store.update_info(
        DiaryInfo(
            name="Ann",
            birth_date=date(1970, 5, 17),
            condition="Multiple sclerosis",
            prescriber="Dr. Okafor, Neurology",
            day_starts_at=time(5),
            on_time_window_minutes=45,
        )
    )
    store.close()

    again = open_diary(tmp_path / "test.diary")
    assert again.medications.get(med.id) == med
    assert again.plans.steps(med.id) == [step]
    assert again.intakes.get(intake.id) == intake
    assert again.intakes.get(intake.id).at.utcoffset() == timedelta(hours=1)
    assert again.symptoms.get(pain.id) == pain
    assert again.ratings.get(rating.id) == rating
    assert again.ratings.get(rating.id).at.utcoffset() == timedelta(hours=-5)
    assert again.events.get(event.id) == event
    info = again.info()
    assert (info.name, info.birth_date, info.day_starts_at, info.on_time_window_minutes) == (
        "Ann",
        date(1970, 5, 17),
        time(5),
        45,
    )
    assert (info.condition, info.prescriber) == ("Multiple sclerosis", "Dr. Okafor, Neurology")
    again.close()


def test_the_persons_condition_and_prescriber_round_trip_and_undo(store: DiaryStore) -> None:
    """What the settings dialog relies on: update_info stores them (trimmed), returns the
    details as they were (its undo puts those back), and the audit trail records them."""
    first = store.info()
    assert (first.condition, first.prescriber) == ("", "")
    before = store.update_info(replace(first, condition="  Multiple sclerosis ",
                                       prescriber="Dr. Okafor"))
    assert before == first
    now = store.info()
    assert (now.condition, now.prescriber) == ("Multiple sclerosis", "Dr. Okafor")
    assert now.name == first.name and now.created_at == first.created_at
    after = store.audit.of("diary", 1)[-1].after
    assert after is not None and (after["condition"], after["prescriber"]) == (
        "Multiple sclerosis", "Dr. Okafor")
    assert store.update_info(before) == now  # undo
    assert store.info() == first


@pytest.mark.parametrize(("field", "value", "message"), [
    ("condition", "x" * 81, "condition: is 81 characters long; the limit is 80"),
    ("prescriber", "Dr.\nOkafor", "prescriber: contains a control character"),
])
def test_a_condition_or_prescriber_that_is_not_one_line_of_80_is_refused(
        store: DiaryStore, field: str, value: str, message: str) -> None:
    first = store.info()
    with pytest.raises(ValidationError, match=message):
        store.update_info(replace(first, **{field: value}))
    assert store.info() == first


def test_read_only_refuses_every_write(
    store: DiaryStore, tmp_path: Path, clock: list[datetime]
) -> None:
    med = baclofen(store)
    store.close()
    path = tmp_path / "test.diary"
    before = path.read_bytes()
    viewer = open_diary(path, read_only=True, clock=lambda: clock[0])
    at = datetime(2026, 11, 26, 8, 0, tzinfo=CET)
    attempts = [
        lambda: viewer.intakes.add(Intake(medication_id=med.id, at=at, amount=5000)),
        lambda: viewer.ratings.add(Rating(symptom_id=1, at=at, score=3)),
        lambda: viewer.events.add(Event(at=at, kind=EventKind.OTHER, text="x")),
        lambda: viewer.medications.archive(med.id),
        lambda: viewer.symptoms.add(Symptom(name="Pain")),
        lambda: viewer.update_info(DiaryInfo(name="Someone")),
    ]
    for attempt in attempts:
        with pytest.raises(ReadOnlyError, match="read-only"):
            attempt()
    assert viewer.medications.all() == [med]
    viewer.close()
    assert path.read_bytes() == before


def test_created_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "private.diary"
    diary = create_diary(path)
    diary.events.add(
        Event(at=datetime.now(CET) - timedelta(minutes=1), kind=EventKind.OTHER, text="x")
    )
    for file in (path, path.with_name("private.diary-wal"), path.with_name("private.diary-shm")):
        assert file.exists()
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    diary.close()


def test_create_refuses_to_replace_a_file(tmp_path: Path) -> None:
    path = tmp_path / "exists.diary"
    path.write_bytes(b"precious")
    with pytest.raises(Exception, match="already exists"):
        create_diary(path)
    assert path.read_bytes() == b"precious"


def test_file_passes_integrity_and_counts(store: DiaryStore) -> None:
    baclofen(store)
    assert store.integrity() == "ok"
    counts = store.counts()
    assert counts["medications"] == 1 and counts["symptoms"] == 4 and counts["diary"] == 1
