"""The events of a life beside the doses (diary/storage/records/events.py): saved all together or
not at all, edited with the audit trail keeping what they were, listed by diary day (one in the
small hours on the day before), soft-deleted and restored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.errors import ValidationError
from diary.storage import NotFoundError
from diary.storage.store import DiaryStore
from tests.helpers.clock import NOW

CET = timezone(timedelta(hours=1))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=CET)


def test_events_are_saved_all_together_or_not_at_all(store: DiaryStore) -> None:
    good = Event(at(20, 10), EventKind.APPOINTMENT, "Neurology clinic")
    future = Event(NOW + timedelta(days=1), EventKind.OTHER, "not yet")
    with pytest.raises(ValidationError):
        store.events.add_all([good, future])
    assert store.events.between(date.min, date.max) == []
    saved = store.events.add_all([good, Event(at(21, 9), EventKind.FALL, "kitchen")])
    assert [e.id for e in saved] == [1, 2]
    assert store.events.between(date.min, date.max) == saved


def test_an_edit_returns_the_event_as_it_was_and_is_audited(store: DiaryStore) -> None:
    event = store.events.add(Event(at(20, 10), EventKind.OTHER, "fell"))
    before = store.events.edit(replace(event, kind=EventKind.FALL, text="fell on the stairs"))
    assert before == event
    assert store.events.get(event.id or 0).text == "fell on the stairs"
    [insert, update] = store.audit.of("events", event.id or 0)
    assert (insert.action, update.action) == ("insert", "update")
    assert update.before is not None and update.before["text"] == "fell"


def test_an_event_in_the_small_hours_belongs_to_the_day_before(store: DiaryStore) -> None:
    late = store.events.add(Event(at(21, 1, 30), EventKind.ILLNESS, "fever"))
    morning = store.events.add(Event(at(21, 8), EventKind.OTHER, "better"))
    assert store.events.between(date(2026, 11, 20), date(2026, 11, 20)) == [late]
    assert store.events.between(date(2026, 11, 21), date(2026, 11, 21)) == [morning]


def test_a_deleted_event_is_listed_only_when_asked_for(store: DiaryStore) -> None:
    event = store.events.add(Event(at(20, 10), EventKind.OTHER, "x"))
    store.events.delete(event.id or 0)
    day = date(2026, 11, 20)
    assert store.events.between(day, day) == []
    [deleted] = store.events.between(day, day, include_deleted=True)
    assert deleted.deleted_at is not None
    store.events.restore(event.id or 0)
    assert store.events.between(day, day) == [event]


def test_an_event_that_is_not_there_is_not_found(store: DiaryStore) -> None:
    with pytest.raises(NotFoundError):
        store.events.get(99)
