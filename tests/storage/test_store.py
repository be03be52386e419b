"""Round trips, soft delete and restore, the audit trail, read-only mode, file permissions."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from diary.domain.entities import (
    DiaryInfo,
    Event,
    EventKind,
    Intake,
    IntakeStatus,
    Medication,
    PlanStep,
    Rating,
    Slot,
    Symptom,
)
from diary.domain.errors import ValidationError
from diary.domain.units import Unit
from diary.storage import NotFoundError, ReadOnlyError
from diary.storage.store import DiaryStore, create_diary, open_diary

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
    again.close()


def test_soft_delete_and_restore_keep_the_row(store: DiaryStore) -> None:
    med = baclofen(store)
    at = datetime(2026, 11, 26, 8, 0, tzinfo=CET)
    kept = store.intakes.add(Intake(medication_id=med.id, at=at, amount=5000))
    gone = store.intakes.add(Intake(medication_id=med.id, at=at + timedelta(hours=6), amount=5000))
    store.intakes.delete(gone.id)
    day = date(2026, 11, 26)
    assert [i.id for i in store.intakes.between(day, day)] == [kept.id]
    deleted = store.intakes.between(day, day, include_deleted=True)
    assert [i.id for i in deleted] == [kept.id, gone.id]
    assert deleted[1].deleted_at is not None
    store.intakes.restore(gone.id)
    assert [i.id for i in store.intakes.between(day, day)] == [kept.id, gone.id]
    assert store.intakes.get(gone.id).deleted_at is None


def test_ratings_and_events_delete_and_restore(store: DiaryStore) -> None:
    at = datetime(2026, 11, 26, 20, 0, tzinfo=CET)
    rating = store.ratings.add(Rating(symptom_id=1, at=at, score=6))
    event = store.events.add(Event(at=at, kind=EventKind.FALL, text="Tripped on the stairs"))
    day = date(2026, 11, 26)
    store.ratings.delete(rating.id)
    store.events.delete(event.id)
    assert store.ratings.between(day, day) == [] and store.events.between(day, day) == []
    store.ratings.restore(rating.id)
    store.events.restore(event.id)
    assert store.ratings.between(day, day) == [rating] and store.events.between(day, day) == [event]


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


def test_nearest_taken_ignores_skipped_deleted_and_the_edited_dose(store: DiaryStore) -> None:
    med = baclofen(store)
    base = datetime(2026, 11, 26, 8, 0, tzinfo=CET)
    first = store.intakes.add(Intake(medication_id=med.id, at=base, amount=5000))
    store.intakes.add(
        Intake(
            medication_id=med.id,
            at=base + timedelta(hours=6),
            amount=5000,
            status=IntakeStatus.SKIPPED,
        )
    )
    deleted = store.intakes.add(
        Intake(medication_id=med.id, at=base + timedelta(hours=7), amount=5000)
    )
    store.intakes.delete(deleted.id)
    assert store.intakes.nearest_taken(med.id, base + timedelta(hours=12)) == first
    assert store.intakes.nearest_taken(med.id, base - timedelta(hours=3)) == first  # after, too
    assert store.intakes.nearest_taken(med.id, base, exclude_id=first.id) is None
    later = store.intakes.add(
        Intake(medication_id=med.id, at=base + timedelta(hours=10), amount=5000)
    )
    assert store.intakes.nearest_taken(med.id, base + timedelta(hours=6)) == later
    assert store.intakes.nearest_taken(med.id, base + timedelta(hours=4)) == first


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
