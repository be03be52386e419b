"""Which diary days a report covers: checking a range, and the days the usual choices start on
(the last 30 or 90 days, since the last appointment, everything). Storage reads only, no
matplotlib: the window asks these before anything is drawn."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from diary.domain.daytime import check_order, local_day
from diary.domain.entities import Event, EventKind
from diary.domain.errors import ValidationError
from diary.storage.store import DiaryStore

DEFAULT_DAYS = 90  # the usual time between two appointments
MAX_DAYS = 20 * 366  # twenty years: the daily log alone is some 100 pages by then


def check_range(start: date, end: date, *, field: str = "dates", today: date | None = None,
                end_field: str | None = None) -> None:
    """Refuse a range that ends before it starts, is longer than MAX_DAYS, or (given `today`,
    the diary day under way) ends after today: a report of days that have not happened would
    count them as days without a dose. `end_field` names the last day's own field, when it has
    one (--to), for that refusal."""
    if today is not None and end > today:
        if end_field is not None:
            raise ValidationError(end_field, f"{end} is after today, {today}; a report covers "
                                  "days that have happened")
        raise ValidationError(field, f"the range ends on {end}, after today, {today}; a report "
                              "covers days that have happened")
    check_order(start, end, field)
    if (end - start).days + 1 > MAX_DAYS:
        raise ValidationError(field, f"the range from {start} to {end} is longer than twenty "
                              "years; a report covers at most twenty years")


def last_appointment_day(store: DiaryStore, today: date) -> date | None:
    """The diary day of the most recent appointment up to today; None without one."""
    days = _event_days(store, [e for e in store.events.between(date.min, today)
                               if e.kind is EventKind.APPOINTMENT])
    return max(days, default=None)


def _event_days(store: DiaryStore, events: Iterable[Event]) -> list[date]:
    starts = store.info().day_starts_at
    return [local_day(e.at, starts) for e in events]
