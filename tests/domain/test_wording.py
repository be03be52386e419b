"""One way to write a day, a time of day, a count and a medication's max per day, for the window,
the command line and the report alike."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone

from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.domain.wording import NOT_MEDICAL_ADVICE
from diary.domain.wording import clock_text
from diary.domain.wording import day_or_today
from diary.domain.wording import day_text
from diary.domain.wording import max_daily_text
from diary.domain.wording import moment_text
from diary.domain.wording import plural
from diary.domain.wording import sentence
from diary.domain.wording import short_day
from diary.domain.wording import times_a_day

MON = date(2026, 3, 2)


def test_a_day_is_written_without_a_leading_zero() -> None:
    assert day_text(date(2026, 3, 1)) == "Sun 1 Mar 2026"
    assert day_text(date(2026, 11, 26)) == "Thu 26 Nov 2026"
    assert short_day(date(2026, 3, 1)) == "1 Mar 2026"


def test_today_is_called_today() -> None:
    assert day_or_today(MON, MON) == "today"
    assert day_or_today(MON, None) == "today"
    assert day_or_today(MON - timedelta(days=1), MON) == "Sun 1 Mar 2026"


def test_a_time_of_day_in_its_own_offset() -> None:
    assert clock_text(time(8, 5)) == "08:05"
    assert clock_text(datetime(2026, 3, 2, 21, 0, tzinfo=timezone(timedelta(hours=-5)))) == \
        "21:00"


def test_counts_and_doses_a_day() -> None:
    assert (plural(1, "dose"), plural(3, "dose"), plural(2, "day", "days")) == (
        "1 dose", "3 doses", "2 days")
    assert plural(0, "entry", "entries") == "0 entries"
    assert (times_a_day(3), times_a_day(5)) == ("three times a day", "5 times a day")


def test_a_max_per_day_or_none() -> None:
    assert max_daily_text(Medication("Baclofen", Unit.MG, max_daily=80_000)) == "max 80 mg/day"
    assert max_daily_text(Medication("Drops", Unit.DROP, max_daily=2_500)) == \
        "max 2.5 drops/day"
    assert max_daily_text(Medication("Paracetamol", Unit.MG)) == "no max per day"


def test_the_statement_says_it_is_not_medical_advice() -> None:
    assert "it is not medical advice" in NOT_MEDICAL_ADVICE
    assert NOT_MEDICAL_ADVICE.endswith("Do not stop baclofen abruptly.")


def test_a_message_becomes_a_sentence_once() -> None:
    assert sentence("the range ends on 2026-11-10") == "The range ends on 2026-11-10."
    assert sentence("Already a sentence.") == "Already a sentence."
    assert sentence("  ask again? ") == "Ask again?"
    assert sentence("") == ""


def test_a_moment_is_said_on_its_own_clock_beside_now() -> None:
    paris = timezone(timedelta(hours=1))
    now = datetime(2026, 12, 8, 10, 10, tzinfo=paris)
    assert moment_text(now.replace(hour=14, minute=0), now) == "14:00 today"
    assert moment_text(now + timedelta(days=1), now) == "10:10 tomorrow"
    assert moment_text(now - timedelta(hours=12), now) == "22:10 yesterday"
    assert moment_text(now + timedelta(days=3), now) == "10:10 on Fri 11 Dec 2026"
    # An entry made in UTC is said on its own clock, and its day is the day on that clock.
    utc = datetime(2026, 12, 8, 23, 30, tzinfo=UTC)
    assert moment_text(utc, now) == "23:30 today"
    assert moment_text(utc, datetime(2026, 12, 9, 0, 10, tzinfo=paris)) == "23:30 today"
