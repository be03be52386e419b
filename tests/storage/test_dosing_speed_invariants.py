"""What makes logging a dose fast never serves stale or different data.

The day-range filter asks the local-day rule only near the ends of a range; the day start and
the regimen are kept between reads only while their tables are unchanged (see
tests/storage/test_tables.py for that cache); stored rows become intakes through a cache
of their values; the taper rules read the look-back only when a dose may have gone unlogged.
Each is checked here against the plain computation.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone

import pytest

from diary.domain.daytime import from_stored
from diary.domain.daytime import local_day
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.errors import ValidationError
from diary.domain.plans.taper import last_taken
from diary.domain.safety import UNLOGGED_LOOKBACK_DAYS
from diary.domain.templates import medication_from_template
from diary.storage import rows
from diary.storage.dosing import check_and_add
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from tests.helpers import store_sql
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER

DAY = date(2026, 11, 10)  # well before NOW, so that any offset is allowed
TIMES = (time(8), time(14), time(20))


def baclofen(store: DiaryStore) -> Medication:
    med = store.medications.add(medication_from_template("baclofen"))
    assert med.id is not None
    store.plans.add(PlanStep(med.id, DAY - timedelta(days=30), 20_000, TIMES))
    return med


def in_offset(instant: datetime, minutes: int) -> datetime:
    return instant.astimezone(timezone(timedelta(minutes=minutes)))


def set_day_start(store: DiaryStore, start: time) -> None:
    store.update_info(replace(store.info(), day_starts_at=start))


def by_the_rule(store: DiaryStore, start: date, end: date) -> list[int]:
    """The ids of the live intakes whose diary day is in [start, end], computed in Python from
    every stored row, oldest first."""
    day_starts_at = store.info().day_starts_at
    found = store_sql.connection(store).execute(
        "SELECT id, at_utc, utc_offset_min FROM intakes WHERE deleted_utc IS NULL"
        " ORDER BY at_utc, id").fetchall()
    return [row_id for row_id, utc, offset in found
            if start <= local_day(from_stored(utc, offset), day_starts_at) <= end]


def ids(intakes: list[Intake]) -> list[int | None]:
    return [i.id for i in intakes]


# --- the day-range filter ---------------------------------------------------------------------
OFFSETS = (-1080, -330, 0, 330, 1080)  # to ±18 h, the widest the schema allows
DAY_STARTS = (time(0), time(4), time(11, 30), time(12))


@pytest.fixture
def dense(store: DiaryStore) -> DiaryStore:
    """An intake every 30 minutes over five days at each offset, and one a second before:
    every first and last instant of a diary day, at every offset and day start below."""
    med = baclofen(store)
    assert med.id is not None
    first = datetime.combine(DAY - timedelta(days=2), time(0), tzinfo=UTC)
    with store.write():
        for step in range(5 * 48):
            for offset in OFFSETS:
                for instant in (first + timedelta(minutes=30 * step),
                                first + timedelta(minutes=30 * step, seconds=-1)):
                    store_sql.tables(store).insert("intakes", rows.intake_row(
                        Intake(med.id, in_offset(instant, offset), 5_000)))
    return store


@pytest.mark.parametrize("day_starts_at", DAY_STARTS)
def test_a_range_of_days_holds_exactly_the_rows_the_rule_puts_on_them(
        dense: DiaryStore, day_starts_at: time) -> None:
    set_day_start(dense, day_starts_at)
    for start_back, length in ((0, 0), (1, 0), (2, 0), (-1, 0), (-2, 0), (2, 1), (1, 2),
                               (3, 6), (2, 4)):
        start = DAY - timedelta(days=start_back)
        end = start + timedelta(days=length)
        expected = by_the_rule(dense, start, end)
        assert expected, "the rows reach every day asked about"
        assert ids(dense.intakes.between(start, end)) == expected


def test_the_ends_of_the_calendar_are_ranges_like_any_other(dense: DiaryStore) -> None:
    everything = by_the_rule(dense, date.min, date.max)
    assert len(everything) == 5 * 48 * len(OFFSETS) * 2
    assert ids(dense.intakes.between(date.min, date.max)) == everything
    assert dense.intakes.between(date.min, date.min) == []
    assert dense.intakes.between(date.max, date.max) == []
    assert ids(dense.intakes.between(date.min, DAY)) == by_the_rule(dense, date.min, DAY)
    assert ids(dense.intakes.between(DAY, date.max)) == by_the_rule(dense, DAY, date.max)


def test_ratings_and_events_take_the_same_rule(store: DiaryStore) -> None:
    spasticity = store.symptoms.named("spasticity")
    assert spasticity.id is not None
    late = datetime.combine(DAY, time(23, 30), tzinfo=UTC)  # 17:30 the day after at +18 h
    for offset in (-1080, 0, 1080):
        store.events.add(Event(in_offset(late, offset), EventKind.OTHER, f"at {offset}"))
    events = {e.text: local_day(e.at) for e in store.events.between(DAY - timedelta(days=1),
                                                             DAY + timedelta(days=1))}
    assert events == {"at -1080": DAY, "at 0": DAY, "at 1080": DAY + timedelta(days=1)}
    store.ratings.add(Rating(spasticity.id, in_offset(late, 1080), 5))
    assert store.ratings.between(DAY, DAY) == []
    assert [r.score for r in store.ratings.between(DAY + timedelta(days=1),
                                           DAY + timedelta(days=1))] == [5]


# --- the day start kept between reads ---------------------------------------------------------
@pytest.fixture
def small_hours(store: DiaryStore) -> tuple[DiaryStore, Intake]:
    """A dose at 02:00 on DAY: the evening before with the day starting at 04:00."""
    med = baclofen(store)
    assert med.id is not None
    dose = store.intakes.add(Intake(med.id, datetime.combine(DAY, time(2), PARIS_WINTER), 5_000))
    return store, dose


def on(store: DiaryStore, day: date) -> list[Intake]:
    return store.intakes.between(day, day)


def test_a_new_day_start_is_used_by_the_next_query(
        small_hours: tuple[DiaryStore, Intake]) -> None:
    store, dose = small_hours
    before = DAY - timedelta(days=1)
    assert on(store, before) == [dose] and on(store, DAY) == []
    set_day_start(store, time(0))
    assert on(store, before) == [] and on(store, DAY) == [dose]
    set_day_start(store, time(4))
    assert on(store, before) == [dose] and on(store, DAY) == []


def test_a_day_start_written_with_plain_sql_is_used_too(
        small_hours: tuple[DiaryStore, Intake]) -> None:
    store, dose = small_hours
    assert on(store, DAY) == []
    store_sql.connection(store).execute("UPDATE diary SET day_starts_at = '00:00' WHERE id = 1")
    assert on(store, DAY) == [dose]


def test_a_day_start_rolled_back_is_forgotten(small_hours: tuple[DiaryStore, Intake]) -> None:
    store, dose = small_hours
    with pytest.raises(RuntimeError), store.write():
        set_day_start(store, time(0))
        assert on(store, DAY) == [dose]  # read inside the transaction that changed it
        raise RuntimeError("undo it all")
    assert store.info().day_starts_at == time(4)
    assert on(store, DAY) == []
    assert on(store, DAY - timedelta(days=1)) == [dose]


def test_a_read_only_store_sees_another_programs_new_day_start(
        small_hours: tuple[DiaryStore, Intake]) -> None:
    store, dose = small_hours
    with open_diary(store.path, read_only=True) as viewer:
        assert on(viewer, DAY) == []
        set_day_start(store, time(0))
        assert on(viewer, DAY) == [dose]


# --- intakes from rows, and rows from inserts ---------------------------------------------------
def test_an_edited_intake_is_read_with_its_new_values(store: DiaryStore) -> None:
    med = baclofen(store)
    assert med.id is not None
    first = store.intakes.add(Intake(med.id, datetime.combine(DAY, time(8), PARIS_WINTER),
                                    20_000))
    twin = store.intakes.add(replace(first, id=None))
    assert on(store, DAY) == [first, twin] and first.id != twin.id
    assert first.id is not None
    store.intakes.edit(replace(first, amount=15_000, note="half a tablet less"))
    assert [(i.id, i.amount, i.note) for i in on(store, DAY)] == [
        (first.id, 15_000, "half a tablet less"), (twin.id, 20_000, "")]
    store.intakes.delete(first.id)
    assert on(store, DAY) == [twin]
    assert store.intakes.get(first.id).deleted_at is not None
    store.intakes.restore(first.id)
    assert store.intakes.get(first.id) == replace(first, amount=15_000, note="half a tablet less")


def test_the_audit_trail_holds_each_inserted_row_as_stored(store: DiaryStore) -> None:
    med = baclofen(store)
    assert med.id is not None
    outcome = check_and_add(store, Intake(med.id, NOW - timedelta(minutes=5), 20_000),
                            PARIS_WINTER, confirmed=True)
    assert outcome.saved is not None
    event = store.events.add(Event(NOW, EventKind.FALL, "tripped"))
    for table, row_id in (("intakes", outcome.saved.id), ("events", event.id),
                          ("medications", med.id), ("diary", 1)):
        after = store_sql.connection(store).execute(
            "SELECT after FROM changes WHERE table_name = ? AND row_id = ? AND action = 'insert'",
            [table, row_id]).fetchone()[0]
        assert json.loads(after) == store_sql.tables(store).row(table, row_id)


def test_a_dose_checked_and_added_is_validated_as_add_intake_validates_it(
        store: DiaryStore) -> None:
    med = baclofen(store)
    assert med.id is not None
    too_late = Intake(med.id, NOW + timedelta(hours=1), 20_000)
    counts = store.counts()
    with pytest.raises(ValidationError) as by_add:
        store.intakes.add(too_late)
    with store.write(), pytest.raises(ValidationError) as by_insert:
        store.intakes.insert(med, too_late)
    assert str(by_insert.value) == str(by_add.value)
    assert store.counts() == counts
    with pytest.raises(AssertionError):
        store.intakes.insert(med, replace(too_late, at=NOW))  # only inside write()


def test_of_two_doses_as_near_the_one_before_is_the_nearest(store: DiaryStore) -> None:
    med = baclofen(store)
    assert med.id is not None
    noon = datetime.combine(DAY, time(12), PARIS_WINTER)
    before = store.intakes.add(Intake(med.id, noon - timedelta(hours=2), 20_000))
    after = store.intakes.add(Intake(med.id, noon + timedelta(hours=2), 20_000))
    store.intakes.add(Intake(med.id, noon - timedelta(hours=1), 20_000, IntakeStatus.SKIPPED))
    assert store.intakes.nearest_taken(med.id, noon) == before
    assert store.intakes.nearest_taken(med.id, noon, exclude_id=before.id) == after
    assert store.intakes.nearest_taken(med.id, noon + timedelta(hours=3)) == after
    assert store.intakes.nearest_taken(med.id, noon - timedelta(days=3)) == before
    assert store.intakes.nearest_taken(med.id + 1, noon) is None


# --- the last taken dose, read alone ----------------------------------------------------------
def test_the_last_taken_dose_is_the_one_the_taper_rule_picks(store: DiaryStore) -> None:
    med = baclofen(store)
    other = store.medications.add(medication_from_template("diazepam"))
    assert med.id is not None and other.id is not None
    evening = datetime.combine(DAY, time(19), tzinfo=UTC)
    for moment, status, med_id in (
            (in_offset(evening, 60), IntakeStatus.TAKEN, med.id),
            (in_offset(evening, -300), IntakeStatus.TAKEN, med.id),  # the same instant
            (in_offset(evening + timedelta(hours=1), 60), IntakeStatus.SKIPPED, med.id),
            (in_offset(evening + timedelta(hours=2), 60), IntakeStatus.TAKEN, other.id),
            (in_offset(evening + timedelta(hours=3), 840), IntakeStatus.TAKEN, med.id),
            (in_offset(evening - timedelta(days=3), 60), IntakeStatus.TAKEN, med.id)):
        store.intakes.add(Intake(med_id, moment, 5_000, status))
    deleted = store.intakes.add(Intake(med.id, in_offset(evening + timedelta(hours=4), 60),
                                      5_000))
    assert deleted.id is not None
    store.intakes.delete(deleted.id)
    for day_start in (time(4), time(0), time(12)):
        set_day_start(store, day_start)
        for end_back in (-1, 0, 1, 3):
            end = DAY - timedelta(days=end_back)
            start = end - timedelta(days=UNLOGGED_LOOKBACK_DAYS + 1)
            for hours in (-80, -1, 0, 1, 3, 5, 30):
                at = evening + timedelta(hours=hours)
                expected = last_taken(med.id, store.intakes.between(start, end), at)
                assert store.intakes.last_taken(med.id, start, end, at) == expected
    set_day_start(store, time(4))
    picked = store.intakes.last_taken(med.id, DAY - timedelta(days=15), DAY, evening)
    assert picked is not None and picked.at.utcoffset() == timedelta(hours=1)  # saved first
