"""The doses (diary/storage/records/intakes.py): added, edited, soft-deleted and restored
with their row kept, the nearest and the last dose taken, and the daily totals by diary day,
summed in SQL as a brute-force sum does (the ratings' daily means beside them)."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from diary.domain.entities import DiaryInfo
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.errors import ValidationError
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary

CET = timezone(timedelta(hours=1))


def baclofen(store: DiaryStore) -> Medication:
    return store.medications.add(
        Medication(name="Baclofen", unit=Unit.MG, max_daily=80_000, taper_required=True)
    )


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


def test_doses_are_saved_all_together_or_not_at_all(store: DiaryStore) -> None:
    med = baclofen(store)
    at = datetime(2026, 11, 26, 8, 0, tzinfo=CET)
    with pytest.raises(ValidationError):
        store.intakes.add_all([Intake(med.id or 0, at, 5000), Intake(med.id or 0, at, 0)])
    assert store.intakes.between(date.min, date.max) == []
    saved = store.intakes.add_all([Intake(med.id or 0, at, 5000),
                                   Intake(med.id or 0, at + timedelta(hours=6), 5000)])
    assert store.intakes.between(date.min, date.max) == saved


def test_the_last_dose_taken_by_a_moment_within_the_days_asked(store: DiaryStore) -> None:
    med = baclofen(store)
    morning = datetime(2026, 11, 26, 8, 0, tzinfo=CET)
    first = store.intakes.add(Intake(med.id or 0, morning, 5000))
    store.intakes.add(Intake(med.id or 0, morning + timedelta(hours=6), 5000,
                             status=IntakeStatus.SKIPPED))
    later = store.intakes.add(Intake(med.id or 0, morning + timedelta(hours=12), 5000))
    day = date(2026, 11, 26)
    assert store.intakes.last_taken(med.id or 0, day, day, morning + timedelta(hours=8)) == first
    assert store.intakes.last_taken(med.id or 0, day, day, morning + timedelta(hours=13)) == later
    assert store.intakes.last_taken(med.id or 0, day, day, morning - timedelta(hours=1)) is None
    assert store.intakes.last_taken(med.id or 0, date(2026, 11, 27), date(2026, 11, 27),
                                    morning + timedelta(days=1)) is None


# --- by diary day, in SQL ------------------------------------------------------------------------
# Per-day aggregates computed in SQL (the doses' daily totals and the ratings' daily means) equal
# a brute-force Python computation on random data; a late-night dose counts for the evening
# before, and the widest offsets with a noon day start stay on their day.
NOW = datetime(2026, 12, 31, tzinfo=UTC)
FIRST = date(2026, 11, 1)

offsets = st.sampled_from([-1080, -600, -300, -240, 0, 60, 120, 330, 600, 780, 1080])
moments = st.builds(
    lambda minutes, offset: (
        datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    ).astimezone(timezone(timedelta(minutes=offset))),
    st.integers(min_value=0, max_value=10 * 24 * 60),
    offsets,
)
intakes = st.lists(
    st.tuples(
        st.sampled_from([0, 1]),
        moments,
        st.integers(min_value=1, max_value=40_000),
        st.booleans(),
        st.booleans(),
    ),
    max_size=40,
)
ratings = st.lists(
    st.tuples(
        st.sampled_from([1, 2]), moments, st.integers(min_value=0, max_value=10), st.booleans()
    ),
    max_size=40,
)


def diary_day(at: datetime, start: time) -> date:
    """Brute force: read the wall clock in the row's own offset and step back by the day start."""
    wall = at.replace(tzinfo=None)
    shifted = wall - timedelta(hours=start.hour, minutes=start.minute)
    return shifted.date()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    intakes,
    ratings,
    st.sampled_from([time(0), time(4), time(5, 30), time(12)]),
    st.integers(min_value=0, max_value=9),
    st.integers(min_value=0, max_value=9),
)
def test_daily_aggregates_match_brute_force(doses, scores, day_start, first, span) -> None:
    start = FIRST + timedelta(days=first)
    end = start + timedelta(days=span)
    with tempfile.TemporaryDirectory() as folder:
        store = create_diary(
            Path(folder) / "p.diary", DiaryInfo(day_starts_at=day_start), clock=lambda: NOW
        )
        meds = [store.medications.add(Medication(name=n, unit=Unit.MG)).id for n in ("A", "B")]
        expected_totals: dict[tuple[date, int], list[int]] = defaultdict(list)
        for med, at, amount, skipped, deleted in doses:
            status = IntakeStatus.SKIPPED if skipped else IntakeStatus.TAKEN
            saved = store.intakes.add(
                Intake(medication_id=meds[med], at=at, amount=amount, status=status)
            )
            if deleted:
                store.intakes.delete(saved.id)
            elif not skipped and start <= diary_day(at, day_start) <= end:
                expected_totals[(diary_day(at, day_start), meds[med])].append(amount)
        expected_scores: dict[tuple[date, int], list[int]] = defaultdict(list)
        for symptom, at, score, deleted in scores:
            saved = store.ratings.add(Rating(symptom_id=symptom, at=at, score=score))
            if deleted:
                store.ratings.delete(saved.id)
            elif start <= diary_day(at, day_start) <= end:
                expected_scores[(diary_day(at, day_start), symptom)].append(score)

        totals = {
            (t.day, t.medication_id): (t.total, t.doses)
            for t in store.intakes.daily_totals(start, end)
        }
        assert totals == {k: (sum(v), len(v)) for k, v in expected_totals.items()}
        daily = {
            (r.day, r.symptom_id): (r.mean, r.max, r.count) for r in store.ratings.daily(start, end)
        }
        assert daily == {k: (sum(v) / len(v), max(v), len(v)) for k, v in expected_scores.items()}
        listed = {i.id for i in store.intakes.between(start, end)}
        assert len(listed) == sum(len(v) for v in expected_totals.values()) + sum(
            1
            for med, at, _, skipped, deleted in doses
            if skipped and not deleted and start <= diary_day(at, day_start) <= end
        )
        store.close()


def test_a_late_night_dose_counts_for_the_evening_before(store) -> None:
    med = store.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    cet = timezone(timedelta(hours=1))
    store.intakes.add(
        Intake(medication_id=med.id, at=datetime(2026, 11, 25, 20, tzinfo=cet), amount=20_000)
    )
    store.intakes.add(
        Intake(medication_id=med.id, at=datetime(2026, 11, 26, 1, 30, tzinfo=cet), amount=5_000)
    )
    store.intakes.add(
        Intake(medication_id=med.id, at=datetime(2026, 11, 26, 8, tzinfo=cet), amount=20_000)
    )
    totals = store.intakes.daily_totals(date(2026, 11, 25), date(2026, 11, 26))
    assert [(t.day, t.total, t.doses) for t in totals] == [
        (date(2026, 11, 25), 25_000, 2),
        (date(2026, 11, 26), 20_000, 1),
    ]


def test_extreme_offsets_with_a_noon_day_start_stay_on_their_day(tmp_path) -> None:
    # With the day starting at 12:00, 11:00 on 4 March at UTC-18 is still 3 March's diary day,
    # though it is 05:00 UTC on 5 March; 12:00 on 3 March at UTC+18 is 18:00 UTC on 2 March.
    store = create_diary(
        tmp_path / "far.diary", DiaryInfo(day_starts_at=time(12)), clock=lambda: NOW
    )
    far_east = timezone(timedelta(hours=18))
    far_west = timezone(timedelta(hours=-18))
    med = store.medications.add(Medication(name="A", unit=Unit.MG)).id
    store.intakes.add(
        Intake(medication_id=med, at=datetime(2026, 3, 4, 11, 0, tzinfo=far_west), amount=1000)
    )
    store.intakes.add(
        Intake(medication_id=med, at=datetime(2026, 3, 3, 12, 0, tzinfo=far_east), amount=2000)
    )
    day = date(2026, 3, 3)
    assert [t.total for t in store.intakes.daily_totals(day, day)] == [3000]
    assert len(store.intakes.between(day, day)) == 2
    store.close()
