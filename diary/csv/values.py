"""The values of a CSV line as other programs write them: moments, dates, times of day, statuses,
scores, the unit written beside an amount. Each parser raises ValidationError naming its field.

A moment without a UTC offset is the local wall-clock time, read by the one rule of
diary.domain.daytime (a time the clocks skipped in spring is refused). Dates are ISO 8601
(2026-11-26), day.month.year (26.11.2026), or written with slashes: 26/11/2026 is day first
because 26 cannot be a month; 11/05/2026 needs --date-order to say which it is.
"""

from __future__ import annotations

import re
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from enum import StrEnum

from diary.domain.daytime import EARLIEST_DATE
from diary.domain.daytime import LATEST_DATE
from diary.domain.daytime import MAX_OFFSET_MINUTES
from diary.domain.daytime import parse_when
from diary.domain.entities import ALLOWED_SCALES
from diary.domain.entities import IntakeStatus
from diary.domain.errors import ValidationError
from diary.domain.units import Unit
from diary.domain.units import parse_unit_or_none


class DateOrder(StrEnum):
    """How a date written with slashes is read: day first, or month first."""

    DMY = "dmy"
    MDY = "mdy"


_YEAR_FIRST = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_YEAR_LAST = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$")
_CLOCK = re.compile(
    r"^(?P<h>\d{1,2})[:.h](?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<half>[ap]\.?m\.?)?\s*(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?$",
    re.IGNORECASE,
)
_DATE_AND_CLOCK = re.compile(r"^(?P<date>[^\sT]+)(?:T|\s+)(?P<clock>\S.*)$")
_WHOLE = re.compile(r"^[0-9]{1,6}$")
_UNIT_WORD = re.compile(r"[^\d\s.,/½¼¾⅓⅔][^\d]*$")


def moment(date_text: str | None, time_text: str, now: datetime, order: DateOrder | None,
           *, date_field: str = "date", time_field: str = "time") -> datetime:
    """The aware moment of a line: from one cell holding date and time (`date_text` None), or
    from a date cell and a time-of-day cell. `now` carries the local zone."""
    if date_text is None:
        text = time_text.strip()
        if not text:
            raise ValidationError(time_field, "is empty; every line needs its date and time")
        split = _DATE_AND_CLOCK.match(text)
        if split is None:
            parse_day(text, order, time_field)  # a bad date says so before anything else
            raise ValidationError(time_field, f"{text!r} has no time of day; map the column "
                                  "holding it with --map COLUMN=time, and this one as date")
        day = parse_day(split["date"], order, time_field)
        clock, offset = parse_clock(split["clock"], time_field)
    else:
        if not date_text.strip():
            raise ValidationError(date_field, "is empty; every line needs its date")
        if not time_text.strip():
            raise ValidationError(time_field, "is empty; every line needs its time of day")
        day = parse_day(date_text, order, date_field)
        clock, offset = parse_clock(time_text, time_field)
    naive = datetime.combine(day, clock)
    if offset is not None:
        return naive.replace(tzinfo=offset)
    try:
        return parse_when(naive.isoformat(), now)
    except ValidationError as exc:  # a wall-clock time the clocks skipped
        raise ValidationError(time_field, exc.message) from None


def parse_day(text: str, order: DateOrder | None, field: str = "date") -> date:
    cleaned = text.strip()
    year_first, dotted, year_last = (p.match(cleaned) for p in (_YEAR_FIRST, _DOTTED, _YEAR_LAST))
    if year_first:
        year, month, day = (int(g) for g in year_first.groups())
    elif dotted:
        day, month, year = (int(g) for g in dotted.groups())
    elif year_last:
        first, second, year = (int(g) for g in year_last.groups())
        day, month = _day_month(cleaned, first, second, order, field)
    else:
        raise ValidationError(field, f"{cleaned!r} is not a date; write it as YYYY-MM-DD, as in "
                              "2026-11-26")
    try:
        found = date(year, month, day)
    except ValueError:
        raise ValidationError(field, f"{cleaned!r} is not a date on the calendar") from None
    if not EARLIEST_DATE <= found <= LATEST_DATE:
        raise ValidationError(field, f"{cleaned!r} is outside 1900-2200")
    return found


def _day_month(text: str, first: int, second: int, order: DateOrder | None,
               field: str) -> tuple[int, int]:
    if order is DateOrder.DMY or (order is None and first > 12 >= second):
        return first, second
    if order is DateOrder.MDY or (order is None and second > 12 >= first):
        return second, first
    raise ValidationError(field, f"{text!r} could be day/month/year or month/day/year; say "
                          "which with --date-order dmy or --date-order mdy")


def parse_clock(text: str, field: str = "time") -> tuple[time, timezone | None]:
    """A time of day: 08:00, 8:00:30, 8.00, 8:00 PM, with an optional offset (Z, +01:00)."""
    cleaned = text.strip()
    found = _CLOCK.match(cleaned)
    if found is None:
        raise ValidationError(field, f"{cleaned!r} is not a time of day such as 08:00")
    hour, minute, second = int(found["h"]), int(found["m"]), int(found["s"] or 0)
    half = (found["half"] or "").lower().replace(".", "")
    if half and not 1 <= hour <= 12:
        raise ValidationError(field, f"{cleaned!r}: with AM or PM the hour is 1 to 12")
    if half:
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValidationError(field, f"{cleaned!r} is not a time of day such as 08:00")
    return time(hour, minute, second), _offset(found["offset"], cleaned, field)


def _offset(text: str | None, cleaned: str, field: str) -> timezone | None:
    if text is None:
        return None
    if text.upper() == "Z":
        return UTC
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if minutes > 59 or hours * 60 + minutes > MAX_OFFSET_MINUTES:
        raise ValidationError(field, f"{cleaned!r}: {text} is not a UTC offset; offsets run "
                              "from -18:00 to +18:00")
    sign = -1 if text[0] == "-" else 1
    return timezone(timedelta(minutes=sign * (hours * 60 + minutes)))


def parse_status(text: str) -> IntakeStatus:
    cleaned = text.strip().lower()
    if not cleaned:
        return IntakeStatus.TAKEN
    try:
        return IntakeStatus(cleaned)
    except ValueError:
        raise ValidationError("status", f"{text.strip()!r} is neither taken nor skipped") from None


def parse_score(text: str) -> int:
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError("score", "is empty; a rating needs its score")
    if not _WHOLE.fullmatch(cleaned):
        raise ValidationError("score", f"{cleaned!r} is not a whole number such as 0 to 10")
    return int(cleaned)


def parse_scale_cell(text: str) -> int | None:
    """The scale column's value ("10" for 0–10, also "0-10"); empty is None."""
    cleaned = text.strip()
    if not cleaned:
        return None
    top = re.sub(r"^0\s*[-–]\s*", "", cleaned)
    if not _WHOLE.fullmatch(top) or int(top) not in ALLOWED_SCALES:
        scales = " or ".join(str(n) for n in sorted(ALLOWED_SCALES, reverse=True))
        raise ValidationError("scale_max", f"{cleaned!r} is not a scale's maximum: {scales}")
    return int(top)


def parse_unit_cell(text: str) -> Unit | None:
    """The unit column's value; empty is None."""
    cleaned = text.strip()
    if not cleaned:
        return None
    unit = parse_unit_or_none(cleaned)
    if unit is None:
        known = ", ".join(u.value for u in Unit)
        raise ValidationError("unit", f"{cleaned!r} is not a unit; known units: {known}")
    return unit


def written_unit(amount: str) -> Unit | None:
    """The unit written in an amount ("10 mg" -> mg), if any and known."""
    found = _UNIT_WORD.search(amount.strip())
    return None if found is None else parse_unit_or_none(found.group())
