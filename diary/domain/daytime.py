"""Time: the one rule that puts a row on a diary day, and parsing of what people type as a time.

Every row keeps the UTC instant and the UTC offset in force when it was entered. Its diary day is
the local calendar date of that offset, shifted back by `day_starts_at`: with the day starting at
04:00, a dose at 01:30 counts for the evening before. Daily totals, adherence and charts all call
`local_day`, and the storage layer registers this same function inside SQLite.
"""

from __future__ import annotations

import functools
import re
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from datetime import tzinfo

from diary.domain.errors import ValidationError

DEFAULT_DAY_STARTS_AT = time(4, 0)
MAX_OFFSET_MINUTES = 18 * 60  # the widest UTC offset Python and ISO 8601 allow
FUTURE_TOLERANCE = timedelta(minutes=10)
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)


def minutes_of(t: time) -> int:
    return t.hour * 60 + t.minute


def local_day(at: datetime, day_starts_at: time = DEFAULT_DAY_STARTS_AT) -> date:
    """The diary day of an aware instant, read in its own UTC offset."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("local_day needs an aware datetime")
    return (at - timedelta(minutes=minutes_of(day_starts_at))).date()


def local_day_of(utc_text: str, offset_minutes: int, day_start_minutes: int) -> str:
    """`local_day` for the stored form (UTC text, offset in minutes); returns an ISO date.

    Storage registers this as an SQL function so per-day aggregates in SQL follow the one rule.
    """
    # The same arithmetic as local_day, without building time zones: SQL calls this for every
    # row it considers, and the result must match local_day exactly (tests/domain check both).
    wall = datetime.fromisoformat(utc_text) + timedelta(minutes=offset_minutes - day_start_minutes)
    return wall.date().isoformat()


def offset_minutes(at: datetime) -> int:
    offset = at.utcoffset()
    if offset is None:
        raise ValueError("an aware datetime is needed")
    return int(offset.total_seconds() // 60)


def utc_text(at: datetime) -> str:
    """The stored UTC form: 'YYYY-MM-DD HH:MM:SS', sortable as text, seconds precision."""
    # isoformat, not strftime: strftime costs several times more (and, once PySide6 is loaded,
    # passes through its import hook), and writes years before 1000 without their leading zeros.
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "seconds")


def from_stored(utc: str, offset_min: int) -> datetime:
    """The aware datetime, in the offset it was entered with, for a stored (UTC text, offset)."""
    instant = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    return instant.astimezone(_offset_zone(offset_min))


@functools.lru_cache(maxsize=64)
def _offset_zone(minutes: int) -> timezone:
    """One fixed-offset zone object per offset: rows are read by the thousand."""
    return timezone(timedelta(minutes=minutes))


def fixed(at: datetime) -> datetime:
    """`at` with its zone replaced by the fixed offset in force at that instant, to the second."""
    return at.astimezone(timezone(timedelta(minutes=offset_minutes(at)))).replace(microsecond=0)


def day_bounds(day: date, day_starts_at: time, tz: tzinfo) -> tuple[datetime, datetime]:
    """The instants at which a diary day starts and ends in zone `tz` (end exclusive)."""
    start = datetime.combine(day, day_starts_at, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), day_starts_at, tzinfo=tz)
    return start, end


def slot_instant(day: date, at: time, day_starts_at: time, tz: tzinfo) -> datetime:
    """The instant of a plan slot `at` on diary day `day`: a 01:00 slot after a 04:00 day start is
    on the next calendar date."""
    calendar = day if minutes_of(at) >= minutes_of(day_starts_at) else day + timedelta(days=1)
    return datetime.combine(calendar, at, tzinfo=tz)


_HHMM = re.compile(r"^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$")


def parse_clock(text: str) -> time:
    """'8:00', '08:00', '20.30' -> time; anything else is a ValidationError."""
    match = _HHMM.match(text)
    if match is None:
        raise ValidationError("time", f"{text.strip()!r} is not a time of day such as 08:00")
    return time(int(match.group(1)), int(match.group(2)))


def parse_when(text: str, now: datetime) -> datetime:
    """A moment typed by a person: 'HH:MM' or ISO 8601 with a time, in `now`'s zone unless it
    names its own offset. The result carries the fixed offset in force at that moment.

    'HH:MM' is today's or yesterday's, whichever is nearer to now: "23:00" typed at 01:30 is last
    evening; "08:15" typed at 08:00 is today (and then refused as in the future, not moved to
    yesterday behind the user's back).
    """
    if now.tzinfo is None:
        raise ValueError("now must be aware")
    stripped = text.strip()
    if _HHMM.match(stripped):
        clock = parse_clock(stripped)
        # The day is chosen on the wall clock, before the zone can refuse the time: only the
        # chosen day's time must exist (once). Equally far (12 hours either way): the past one,
        # since entries record what happened.
        wall_now = now.replace(tzinfo=None)
        day = min((now.date() - timedelta(days=1), now.date()),
                  key=lambda d: abs(datetime.combine(d, clock) - wall_now))
        moment = _wall(datetime.combine(day, clock), now.tzinfo, now)
    else:
        if _DATE_ONLY.match(stripped):
            raise ValidationError("time", f"{stripped!r} has no time of day; add one, as in "
                                  f"{stripped}T08:00")
        try:
            moment = datetime.fromisoformat(stripped)
        except ValueError:
            raise ValidationError(
                "time", f"{stripped!r} is not a time; use HH:MM or ISO 8601 like 2026-11-26T08:00"
            ) from None
        if moment.tzinfo is None:
            moment = _wall(moment, now.tzinfo, now)
    return fixed(moment)


_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _wall(naive: datetime, zone: tzinfo, now: datetime) -> datetime:
    """A wall-clock time in `zone`; one the clocks skipped (spring forward) does not exist, and
    one they showed twice (falling back) is the one not yet to come, or, when both have passed,
    refused until the person gives its offset: a dose's time is never guessed."""
    moment = naive.replace(tzinfo=zone)
    back = moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if back != naive:
        raise ValidationError(
            "time", f"{naive:%Y-%m-%d %H:%M} does not exist here: the clocks went forward then"
        )
    second = naive.replace(tzinfo=zone, fold=1)
    if moment.utcoffset() == second.utcoffset():
        return moment
    # In UTC: datetimes sharing a tzinfo compare by wall clock, blind to the fold.
    latest = now.astimezone(UTC) + FUTURE_TOLERANCE
    passed = [m for m in (moment, second) if m.astimezone(UTC) <= latest]
    if len(passed) == 1:
        return passed[0]
    first_text, second_text = (f"{naive:%Y-%m-%dT%H:%M}{_offset_text(m)}"
                               for m in (moment, second))
    raise ValidationError(
        "time", f"{naive:%Y-%m-%d %H:%M} happened twice here (the clocks went back); give its "
        f"offset: {first_text} the first time, {second_text} the second")


def _offset_text(at: datetime) -> str:
    offset = at.strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"


EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)


def parse_date(text: str, field: str = "date") -> date:
    """A calendar date typed as YYYY-MM-DD, between 1900 and 2200."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(field, f"{text.strip()!r} is not a date; use YYYY-MM-DD") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(field, f"{day.isoformat()} is outside 1900–2200")
    return day


def check_moment(at: datetime, now: datetime) -> datetime:
    """An entry's time: aware, not absurdly old, not more than ten minutes in the future."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValidationError("time", "a time needs its UTC offset")
    if abs(offset_minutes(at)) > MAX_OFFSET_MINUTES:
        raise ValidationError("time", "a UTC offset must be within ±18 hours")
    if at < EARLIEST:
        raise ValidationError("time", f"{at.isoformat()} is before 1900")
    if at > now + FUTURE_TOLERANCE:
        # Plain words on the entry's own clock, never an ISO string with its offset (issue 18).
        here = now.astimezone(at.tzinfo)
        raise ValidationError(
            "time",
            f"{at:%Y-%m-%d %H:%M} is still ahead (it is {here:%Y-%m-%d %H:%M} now on that "
            "clock); entries record what happened (for an earlier day, give the date too, as in "
            "2026-11-25T20:00)",
        )
    return fixed(at)


def last_days(today: date, days: int) -> tuple[date, date]:
    """The `days` diary days ending today, today included: the usual choices of a range (the
    Trends view's 14 or 90 days, the report's last 30 or 90)."""
    return today - timedelta(days=days - 1), today


def check_order(start: date, end: date, field: str = "dates", what: str = "the range") -> None:
    """Refuse a range of days that ends before it starts (ValidationError naming `field`), in
    the one wording the command line, the window and the report share."""
    if end < start:
        raise ValidationError(field, f"{what} ends on {end} before it starts on {start}")


def check_days(start: date, end: date, *, today: date, longest: tuple[int, str] | None = None,
               field: str = "dates", end_field: str | None = None) -> None:
    """Refuse a range of diary days to look back on (the Trends view's, the report's) in one
    wording for the window and the command line: one that ends after today, the diary day under
    way (days still to come hold nothing yet, and a report would count them as days without a
    dose); one that ends before it starts; one longer than `longest` (days, and the same in
    words). `end_field` names the last day's own field, when it has one (--to)."""
    if end > today:
        if end_field is not None:
            raise ValidationError(end_field, f"{end} is after today, {today}; choose today or "
                                  "an earlier day")
        raise ValidationError(field, f"the range ends on {end}, after today, {today}; choose "
                              "today or an earlier day")
    check_order(start, end, field)
    if longest is not None and (end - start).days + 1 > longest[0]:
        raise ValidationError(field, f"the range from {start} to {end} is longer than "
                              f"{longest[1]}; choose a shorter range")
