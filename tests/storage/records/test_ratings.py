"""The ratings (diary/storage/records/ratings.py): soft-deleted and restored like the events,
an evening saved all at once or not at all, on the scale of its symptom."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.storage.store import DiaryStore

CET = timezone(timedelta(hours=1))


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


def test_an_evening_is_saved_all_at_once_each_on_its_symptoms_scale(store: DiaryStore) -> None:
    bladder = store.symptoms.add(Symptom("Bladder urgency", scale_max=4))
    at = datetime(2026, 11, 26, 20, 0, tzinfo=CET)
    with pytest.raises(ValidationError, match="outside the scale"):
        store.ratings.add_all([Rating(1, at, 9), Rating(bladder.id or 0, at, 5)])
    assert not store.ratings.ever()
    saved = store.ratings.add_all([Rating(1, at, 9), Rating(bladder.id or 0, at, 4)])
    assert [r.score for r in store.ratings.between(date.min, date.max)] == [9, 4]
    assert store.ratings.between(date.min, date.max, bladder.id) == saved[1:]


def test_a_deleted_rating_still_counts_as_ever_rated(store: DiaryStore) -> None:
    rating = store.ratings.add(Rating(1, datetime(2026, 11, 26, 20, tzinfo=CET), 3))
    store.ratings.delete(rating.id or 0)
    assert store.ratings.ever()


def test_the_daily_mean_and_worst_of_each_symptom(store: DiaryStore) -> None:
    evening = datetime(2026, 11, 25, 20, 0, tzinfo=CET)
    store.ratings.add_all([Rating(1, evening, 4), Rating(1, evening + timedelta(hours=5), 7),
                           Rating(2, evening, 2), Rating(1, evening + timedelta(days=1), 5)])
    daily = store.ratings.daily(date(2026, 11, 25), date(2026, 11, 26))
    assert [(d.day, d.symptom_id, d.mean, d.max, d.count) for d in daily] == [
        (date(2026, 11, 25), 1, 5.5, 7, 2),  # 01:00 belongs to the evening before
        (date(2026, 11, 25), 2, 2.0, 2, 1),
        (date(2026, 11, 26), 1, 5.0, 5, 1),
    ]
