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
from diary.storage.base import NotFoundError, ReadOnlyError
from diary.storage.store import DiaryStore, create_diary, open_diary

CET = timezone(timedelta(hours=1))
NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def baclofen(store: DiaryStore) -> Medication:
    return store.add_medication(
        Medication(name="Baclofen", unit=Unit.MG, max_daily=80_000, taper_required=True)
    )


def test_new_diary_has_the_seeded_symptoms_and_defaults(store: DiaryStore) -> None:
    assert [s.name for s in store.symptoms()] == ["Spasticity", "Drowsiness", "Nausea", "Headache"]
    assert all(s.scale_max == 10 for s in store.symptoms())
    info = store.info()
    assert info.day_starts_at == time(4, 0) and info.on_time_window_minutes == 60


def test_every_entity_round_trips(store: DiaryStore, tmp_path: Path) -> None:
    med = baclofen(store)
    step = store.add_plan_step(
        PlanStep(
            medication_id=med.id,
            start=date(2026, 11, 1),
            end=date(2026, 11, 3),
            amount=5000,
            times=(time(8), time(14), time(20)),
            note="week 1",
        )
    )
    intake = store.add_intake(
        Intake(
            medication_id=med.id,
            at=datetime(2026, 11, 26, 8, 5, tzinfo=CET),
            amount=7500,
            slot=Slot(date(2026, 11, 26), time(8)),
            note="with breakfast",
        )
    )
    pain = store.add_symptom(Symptom(name="Pain", scale_max=4))
    rating = store.add_rating(
        Rating(
            symptom_id=pain.id,
            at=datetime(2026, 11, 26, 20, 0, tzinfo=NEW_YORK_WINTER).astimezone(NEW_YORK_WINTER)
            - timedelta(hours=6),
            score=3,
            note="knees",
        )
    )
    event = store.add_event(
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
    assert again.medication(med.id) == med
    assert again.plan_steps(med.id) == [step]
    assert again.intake(intake.id) == intake
    assert again.intake(intake.id).at.utcoffset() == timedelta(hours=1)
    assert again.symptom(pain.id) == pain
    assert again.rating(rating.id) == rating
    assert again.rating(rating.id).at.utcoffset() == timedelta(hours=-5)
    assert again.event(event.id) == event
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
    kept = store.add_intake(Intake(medication_id=med.id, at=at, amount=5000))
    gone = store.add_intake(Intake(medication_id=med.id, at=at + timedelta(hours=6), amount=5000))
    store.delete_intake(gone.id)
    day = date(2026, 11, 26)
    assert [i.id for i in store.intakes(day, day)] == [kept.id]
    deleted = store.intakes(day, day, include_deleted=True)
    assert [i.id for i in deleted] == [kept.id, gone.id]
    assert deleted[1].deleted_at is not None
    store.restore_intake(gone.id)
    assert [i.id for i in store.intakes(day, day)] == [kept.id, gone.id]
    assert store.intake(gone.id).deleted_at is None


def test_ratings_and_events_delete_and_restore(store: DiaryStore) -> None:
    at = datetime(2026, 11, 26, 20, 0, tzinfo=CET)
    rating = store.add_rating(Rating(symptom_id=1, at=at, score=6))
    event = store.add_event(Event(at=at, kind=EventKind.FALL, text="Tripped on the stairs"))
    day = date(2026, 11, 26)
    store.delete_rating(rating.id)
    store.delete_event(event.id)
    assert store.ratings(day, day) == [] and store.events(day, day) == []
    store.restore_rating(rating.id)
    store.restore_event(event.id)
    assert store.ratings(day, day) == [rating] and store.events(day, day) == [event]


def test_every_write_has_its_audit_row(store: DiaryStore) -> None:
    med = baclofen(store)
    intake = store.add_intake(
        Intake(medication_id=med.id, at=datetime(2026, 11, 26, 8, 0, tzinfo=CET), amount=5000)
    )
    before = store.edit_intake(replace(intake, amount=10_000, note="doubled"))
    assert before == intake
    store.delete_intake(intake.id)
    store.restore_intake(intake.id)
    trail = store.changes_of("intakes", intake.id)
    assert [c.action for c in trail] == ["insert", "update", "delete", "restore"]
    assert trail[0].before is None and trail[0].after["amount"] == 5000
    assert trail[1].before["amount"] == 5000 and trail[1].after["amount"] == 10_000
    assert trail[1].after["note"] == "doubled"
    assert trail[2].before["deleted_utc"] is None and trail[2].after["deleted_utc"] is not None
    assert trail[3].after["deleted_utc"] is None
    # Regimen edits are audited too.
    store.edit_medication(replace(med, max_daily=60_000))
    store.archive_medication(med.id)
    store.rename_symptom(2, "Sleepiness")
    assert [c.action for c in store.changes_of("medications", med.id)] == [
        "insert",
        "update",
        "archive",
    ]
    assert store.changes_of("symptoms", 2)[-1].after["name"] == "Sleepiness"


def test_a_refused_edit_writes_neither_row_nor_audit(store: DiaryStore) -> None:
    med = baclofen(store)
    intake = store.add_intake(
        Intake(medication_id=med.id, at=datetime(2026, 11, 26, 8, 0, tzinfo=CET), amount=5000)
    )
    changes_before = store.counts()["changes"]
    with pytest.raises(ValidationError):
        store.edit_intake(replace(intake, amount=0))
    with pytest.raises(ValidationError):
        store.add_rating(Rating(symptom_id=1, at=intake.at, score=11))
    assert store.intake(intake.id) == intake
    assert store.counts()["changes"] == changes_before


def test_audit_of_a_date_range(store: DiaryStore, clock: list[datetime]) -> None:
    clock[0] = datetime(2026, 11, 20, 12, 0, tzinfo=CET)
    early = store.add_event(Event(at=clock[0], kind=EventKind.OTHER, text="early"))
    clock[0] = datetime(2026, 11, 25, 12, 0, tzinfo=CET)
    late = store.add_event(Event(at=clock[0], kind=EventKind.OTHER, text="late"))
    changes = store.changes_between(
        datetime(2026, 11, 24, tzinfo=CET), datetime(2026, 11, 26, tzinfo=CET)
    )
    assert [(c.table, c.row_id) for c in changes] == [("events", late.id)]
    assert early.id != late.id


def test_symptoms_custom_rename_archive_reorder(store: DiaryStore) -> None:
    pain = store.add_symptom(Symptom(name="Pain"))
    with pytest.raises(ValidationError, match="already exists"):
        store.add_symptom(Symptom(name="pain"))
    store.archive_symptom(3)
    assert [s.name for s in store.symptoms()] == ["Spasticity", "Drowsiness", "Headache", "Pain"]
    order = [pain.id, 1, 2, 3, 4]
    store.reorder_symptoms(order)
    assert [s.id for s in store.symptoms(include_archived=True)] == order
    with pytest.raises(ValidationError, match="every symptom"):
        store.reorder_symptoms([1, 2])
    store.archive_symptom(3, archived=False)
    assert store.symptom(3).archived_at is None


def test_medication_names_are_unique_among_active_ones(store: DiaryStore) -> None:
    med = baclofen(store)
    with pytest.raises(ValidationError, match="already exists"):
        store.add_medication(Medication(name="BACLOFEN", unit=Unit.MG))
    store.archive_medication(med.id)
    again = store.add_medication(Medication(name="Baclofen", unit=Unit.MG))
    assert store.medication_by_name("baclofen") == again
    with pytest.raises(NotFoundError, match="no medication named 'Aspirin'"):
        store.medication_by_name("Aspirin")


def test_unit_cannot_change_once_doses_are_logged(store: DiaryStore) -> None:
    med = baclofen(store)
    store.add_intake(
        Intake(medication_id=med.id, at=datetime(2026, 11, 26, 8, tzinfo=CET), amount=5000)
    )
    with pytest.raises(ValidationError, match="unit cannot change"):
        store.edit_medication(replace(med, unit=Unit.TABLET))


def test_unit_cannot_change_under_a_plan(store: DiaryStore) -> None:
    # 20 mg three times a day must never silently become 20 tablets three times a day.
    med = baclofen(store)
    step = store.add_plan_step(PlanStep(medication_id=med.id, start=date(2026, 11, 1),
                                        amount=20_000, times=(time(8), time(14), time(20))))
    store.delete_plan_step(step.id)  # even a deleted step: undo can bring it back
    with pytest.raises(ValidationError, match="unit cannot change"):
        store.edit_medication(replace(med, unit=Unit.TABLET))
    assert store.medication(med.id).unit is Unit.MG
    fresh = store.add_medication(Medication(name="Tizanidine", unit=Unit.MG))
    store.edit_medication(replace(fresh, unit=Unit.TABLET))
    assert store.medication(fresh.id).unit is Unit.TABLET


def test_plan_steps_in_one_transaction(store: DiaryStore) -> None:
    med = baclofen(store)
    good = PlanStep(medication_id=med.id, start=date(2026, 11, 1), amount=5000, times=(time(8),))
    bad = PlanStep(
        medication_id=med.id, start=date(2026, 11, 5), end=date(2026, 11, 1), amount=5000
    )
    with pytest.raises(ValidationError):
        store.add_plan_steps([good, bad])
    assert store.plan_steps(med.id) == []
    saved = store.add_plan_steps([good])
    store.delete_plan_step(saved[0].id)
    assert store.plan_steps(med.id) == []
    store.delete_plan_step(saved[0].id, deleted=False)
    assert store.plan_steps(med.id) == saved


def test_nearest_taken_ignores_skipped_deleted_and_the_edited_dose(store: DiaryStore) -> None:
    med = baclofen(store)
    base = datetime(2026, 11, 26, 8, 0, tzinfo=CET)
    first = store.add_intake(Intake(medication_id=med.id, at=base, amount=5000))
    store.add_intake(Intake(medication_id=med.id, at=base + timedelta(hours=6), amount=5000,
                            status=IntakeStatus.SKIPPED))
    deleted = store.add_intake(Intake(medication_id=med.id, at=base + timedelta(hours=7),
                                      amount=5000))
    store.delete_intake(deleted.id)
    assert store.nearest_taken(med.id, base + timedelta(hours=12)) == first
    assert store.nearest_taken(med.id, base - timedelta(hours=3)) == first  # after, too
    assert store.nearest_taken(med.id, base, exclude_id=first.id) is None
    later = store.add_intake(Intake(medication_id=med.id, at=base + timedelta(hours=10),
                                    amount=5000))
    assert store.nearest_taken(med.id, base + timedelta(hours=6)) == later
    assert store.nearest_taken(med.id, base + timedelta(hours=4)) == first


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
        lambda: viewer.add_intake(Intake(medication_id=med.id, at=at, amount=5000)),
        lambda: viewer.add_rating(Rating(symptom_id=1, at=at, score=3)),
        lambda: viewer.add_event(Event(at=at, kind=EventKind.OTHER, text="x")),
        lambda: viewer.archive_medication(med.id),
        lambda: viewer.add_symptom(Symptom(name="Pain")),
        lambda: viewer.update_info(DiaryInfo(name="Someone")),
    ]
    for attempt in attempts:
        with pytest.raises(ReadOnlyError, match="read-only"):
            attempt()
    assert viewer.medications() == [med]
    viewer.close()
    assert path.read_bytes() == before


def test_created_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "private.diary"
    diary = create_diary(path)
    diary.add_event(
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
