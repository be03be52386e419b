"""How the program writes days, times of day, counts, a medication's max per day and the statement
that it is not medical advice: one home, so that the window, the command line and the report say a
day the same way.

Pure text, no Qt and no locale: the program speaks English, and a date written "Thu 6 Nov 2026"
reads the same on every machine.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time

from diary.domain.entities import Medication
from diary.domain.units import format_amount

# Said once, plainly: in the About box, under the report dialog's choices, in every report.
NOT_MEDICAL_ADVICE = (
    "Medication Diary records and informs; it is not medical advice. Your plan is your "
    "prescriber's: talk to them before changing a dose. Do not stop baclofen abruptly."
)

TIMES_A_DAY = {1: "once a day", 2: "twice a day", 3: "three times a day",
               4: "four times a day"}


def sentence(text: str) -> str:
    """A message as a sentence a window shows: its first letter a capital, a full stop at its
    end ('the range ends on …' -> 'The range ends on ….')."""
    text = text.strip()
    if not text:
        return text
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def day_text(day: date) -> str:
    """'Thu 6 Nov 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def day_or_today(day: date, today: date | None) -> str:
    """'today' (also when `today` is not known), or the day as `day_text` writes it."""
    return "today" if today is None or day == today else day_text(day)


def short_day(day: date) -> str:
    """'6 Nov 2026'."""
    return f"{day.day} {day:%b %Y}"


def clock_text(at: datetime | time) -> str:
    """'08:05': a time of day, or the wall-clock time of an instant in its own offset."""
    return at.strftime("%H:%M")


def moment_text(at: datetime, now: datetime) -> str:
    """An instant as a person says it, on its own clock (the offset it was entered in), beside
    `now` seen on that same clock: '14:00 today', '08:00 tomorrow', '21:30 yesterday', '08:00 on
    Thu 3 Dec 2026'. Never an ISO string: this is what a window's message says."""
    tz = at.tzinfo
    here = now.astimezone(tz) if tz is not None and now.tzinfo is not None else now
    days = (at.date() - here.date()).days
    named = {0: "today", 1: "tomorrow", -1: "yesterday"}
    return f"{clock_text(at)} {named.get(days, f'on {day_text(at.date())}')}"


def times_a_day(count: int) -> str:
    """'three times a day'."""
    return TIMES_A_DAY.get(count, f"{count} times a day")


def max_daily_text(med: Medication) -> str:
    """'max 80 mg/day', or 'no max per day'."""
    return ("no max per day" if med.max_daily is None
            else f"max {format_amount(med.max_daily, med.unit)}/day")


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 dose', '3 doses'; `many` for a plural that is not noun + 's'."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"
