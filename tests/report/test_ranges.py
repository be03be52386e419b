"""Which diary days a report covers (diary/report/ranges.py): a range that ends before it starts,
after today or past twenty years is refused in the domain's words, and the last appointment is
found by its diary day."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import DiaryInfo
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.errors import ValidationError
from diary.report.build import build_report
from diary.report.ranges import MAX_DAYS
from diary.report.ranges import check_range
from diary.report.ranges import last_appointment_day
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER

START, END = date(2026, 11, 1), date(2026, 11, 25)
TODAY = date(2026, 11, 26)


@pytest.fixture
def diary(store: DiaryStore) -> DiaryStore:
    """An empty diary: a range is refused before anything is read from it."""
    return store


def appointment(at: datetime, kind: EventKind = EventKind.APPOINTMENT) -> Event:
    return Event(at, kind, "seen by the neurologist")


def test_a_range_that_ends_before_it_starts_is_refused(diary: DiaryStore) -> None:
    with pytest.raises(ValueError, match="ends on 2026-11-01 before it starts on 2026-11-25"):
        build_report(diary, END, START, NOW, PARIS_WINTER)


def test_a_range_that_ends_after_today_is_refused(diary: DiaryStore) -> None:
    """Days to come are not days without a dose: a report covers days that have happened.
    NOW is 21:00 on 26 November in Paris; at 03:00 on the 27th it is still the 26th's diary
    day (the day starts at 04:00)."""
    with pytest.raises(ValueError, match="the range ends on 2026-11-27, after today, 2026-11-26; "
                                         "choose today or an earlier day"):
        build_report(diary, START, date(2026, 11, 27), NOW, PARIS_WINTER)
    night = datetime(2026, 11, 27, 3, 0, tzinfo=PARIS_WINTER)
    with pytest.raises(ValueError, match="after today, 2026-11-26"):
        build_report(diary, START, date(2026, 11, 27), night, PARIS_WINTER)
    assert build_report(diary, START, date(2026, 11, 26), night, PARIS_WINTER).end == \
        date(2026, 11, 26)


def test_twenty_years_is_the_longest_range() -> None:
    end = TODAY
    longest = end - timedelta(days=MAX_DAYS - 1)
    check_range(longest, end, today=TODAY)
    with pytest.raises(ValidationError, match="is longer than twenty years; choose a shorter "
                                              "range") as refused:
        check_range(longest - timedelta(days=1), end, today=TODAY)
    assert refused.value.field == "dates"


def test_the_last_day_may_have_a_field_of_its_own() -> None:
    with pytest.raises(ValidationError) as refused:
        check_range(START, TODAY + timedelta(days=1), today=TODAY, field="from", end_field="to")
    assert refused.value.field == "to"
    assert refused.value.message == ("2026-11-27 is after today, 2026-11-26; choose today or an "
                                     "earlier day")


def test_without_an_appointment_there_is_no_last_one(store: DiaryStore) -> None:
    store.events.add(appointment(NOW - timedelta(days=3), EventKind.FALL))
    assert last_appointment_day(store, TODAY) is None


def test_the_last_appointment_up_to_today(store: DiaryStore) -> None:
    for day in (date(2026, 9, 14), date(2026, 11, 2), date(2026, 10, 5)):
        store.events.add(appointment(datetime.combine(day, time(10), PARIS_WINTER)))
    assert last_appointment_day(store, TODAY) == date(2026, 11, 2)
    assert last_appointment_day(store, date(2026, 11, 1)) == date(2026, 10, 5)


def test_an_appointment_in_the_small_hours_belongs_to_the_diary_day_before(
        tmp_path: Path) -> None:
    with create_diary(tmp_path / "late.diary", DiaryInfo(day_starts_at=time(4)),
                      clock=lambda: NOW) as store:
        store.events.add(appointment(datetime(2026, 11, 20, 2, 30, tzinfo=PARIS_WINTER)))
        assert last_appointment_day(store, TODAY) == date(2026, 11, 19)
        assert last_appointment_day(store, date(2026, 11, 19)) == date(2026, 11, 19)
