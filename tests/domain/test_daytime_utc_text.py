"""utc_text: the stored UTC form, 'YYYY-MM-DD HH:MM:SS', for every instant of years 1 to 9999.

The expected text is strftime's, with the year written with four digits: strftime writes years
before 1000 without their leading zeros on some platforms (glibc among them), which would not
sort as text, nor be read back by `from_stored`."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.domain.daytime import from_stored, utc_text

STORED_FORM = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")

# Any fixed offset a datetime may carry (under a day, to the microsecond), on any day from which
# the UTC instant stays within the calendar; and the whole-minute offsets entries are stored with.
OFFSETS = {"min_value": timedelta(hours=-23, minutes=-59),
           "max_value": timedelta(hours=23, minutes=59)}
FIRST, LAST = datetime(1, 1, 2), datetime(9999, 12, 30)
any_zones: st.SearchStrategy[tzinfo] = st.timedeltas(**OFFSETS).map(timezone)
minute_zones: st.SearchStrategy[tzinfo] = st.integers(
    min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.datetimes(FIRST, LAST, timezones=any_zones)
entered = st.datetimes(FIRST, LAST, timezones=minute_zones)


def by_strftime(at: datetime) -> str:
    utc = at.astimezone(UTC)
    return f"{utc.year:04d}" + utc.strftime("-%m-%d %H:%M:%S")


@given(moments)
def test_the_text_is_strftimes_with_a_four_digit_year(at: datetime) -> None:
    text = utc_text(at)
    assert text == by_strftime(at)
    assert STORED_FORM.fullmatch(text)
    if at.astimezone(UTC).year >= 1000:
        assert text == at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


@given(entered)
def test_the_text_reads_back_as_the_instant_to_the_second(at: datetime) -> None:
    assert from_stored(utc_text(at), 0) == at.replace(microsecond=0)


@given(entered, entered)
def test_texts_sort_as_their_instants(first: datetime, second: datetime) -> None:
    whole = (first.replace(microsecond=0), second.replace(microsecond=0))
    assert (utc_text(first) < utc_text(second)) == (whole[0].astimezone(UTC)
                                                    < whole[1].astimezone(UTC))


@pytest.mark.parametrize(("at", "expected"), [
    (datetime(1, 1, 1, tzinfo=UTC), "0001-01-01 00:00:00"),
    (datetime(999, 12, 31, 23, 59, 59, tzinfo=UTC), "0999-12-31 23:59:59"),
    (datetime(1000, 1, 1, 1, tzinfo=timezone(timedelta(hours=1))), "1000-01-01 00:00:00"),
    (datetime(2026, 11, 26, 21, 0, 59, 999_999, tzinfo=timezone(timedelta(hours=1))),
     "2026-11-26 20:00:59"),  # seconds are cut, not rounded
    (datetime(2026, 3, 29, 0, 30, tzinfo=timezone(timedelta(hours=-9, minutes=-30))),
     "2026-03-29 10:00:00"),
    (datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), "9999-12-31 23:59:59"),
])
def test_examples(at: datetime, expected: str) -> None:
    assert utc_text(at) == expected


def test_an_instant_beyond_the_calendar_in_utc_is_refused_as_before() -> None:
    with pytest.raises(OverflowError):
        utc_text(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))))
