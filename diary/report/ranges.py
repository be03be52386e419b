"""Which diary days a report covers: checking a range, and the days the usual choices start on
(the last 30 or 90 days, since the last appointment, everything). Storage reads only, no
matplotlib: the window asks these before anything is drawn."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from diary.domain.daytime import check_days
from diary.domain.daytime import local_day
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage.store import DiaryStore

DEFAULT_DAYS = 90  # the usual time between two appointments
MAX_DAYS = 20 * 366  # twenty years: the daily log alone is some 100 pages by then


def check_range(start: date, end: date, *, today: date, field: str = "dates",
                end_field: str | None = None) -> None:
    """Refuse a report's range by the domain's rule for a range to look back on (check_days),
    with the report's own limit of twenty years."""
    check_days(start, end, today=today, longest=(MAX_DAYS, "twenty years"), field=field,
               end_field=end_field)


def last_appointment_day(store: DiaryStore, today: date) -> date | None:
    """The diary day of the most recent appointment up to today; None without one."""
    days = _event_days(store, [e for e in store.events.between(date.min, today)
                               if e.kind is EventKind.APPOINTMENT])
    return max(days, default=None)


def _event_days(store: DiaryStore, events: Iterable[Event]) -> list[date]:
    starts = store.info().day_starts_at
    return [local_day(e.at, starts) for e in events]
