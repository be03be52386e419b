"""The local-day rule (diary/domain/daytime.py), right across DST changes and a change of time
zone, time parsing, a range of days to look back on, and the stored UTC form of an instant."""

from __future__ import annotations

import re
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from datetime import tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume
from hypothesis import given
from hypothesis import strategies as st

from diary.domain.daytime import check_days
from diary.domain.daytime import check_moment
from diary.domain.daytime import from_stored
from diary.domain.daytime import local_day
from diary.domain.daytime import local_day_of
from diary.domain.daytime import offset_minutes
from diary.domain.daytime import parse_date
from diary.domain.daytime import parse_when
from diary.domain.daytime import slot_instant
from diary.domain.daytime import utc_text
from diary.domain.errors import ValidationError
from tests.helpers.clock import NOW

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
FOUR = time(4, 0)


def at(year: int, month: int, day: int, hour: int, minute: int = 0, tz=PARIS) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 6, 10, 8), date(2026, 6, 10)),
        (at(2026, 6, 10, 23, 59), date(2026, 6, 10)),
        (at(2026, 6, 11, 1, 30), date(2026, 6, 10)),  # a late-night dose counts for the evening
        (at(2026, 6, 11, 3, 59), date(2026, 6, 10)),
        (at(2026, 6, 11, 4, 0), date(2026, 6, 11)),
    ],
)
def test_day_starts_at_four_by_default(moment: datetime, expected: date) -> None:
    assert local_day(moment, FOUR) == expected


def test_spring_forward_night_belongs_to_the_evening_before() -> None:
    # Paris, 29 March 2026: clocks jump from 02:00 to 03:00. 01:30 and 03:30 local are one hour
    # apart in real time, and both are still Saturday's night.
    before = at(2026, 3, 29, 1, 30)
    after = at(2026, 3, 29, 3, 30)
    assert (after - before) == timedelta(hours=2)  # wall-clock subtraction in one zone
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(hours=1)
    assert local_day(before, FOUR) == date(2026, 3, 28)
    assert local_day(after, FOUR) == date(2026, 3, 28)
    assert local_day(at(2026, 3, 29, 4, 0), FOUR) == date(2026, 3, 29)


def test_fall_back_repeated_hour_stays_on_one_day() -> None:
    # Paris, 25 October 2026: 03:00 summer time becomes 02:00 winter time; 02:30 happens twice.
    first = datetime(2026, 10, 25, 2, 30, tzinfo=PARIS, fold=0)
    second = datetime(2026, 10, 25, 2, 30, tzinfo=PARIS, fold=1)
    assert offset_minutes(first) == 120 and offset_minutes(second) == 60
    assert local_day(first, FOUR) == local_day(second, FOUR) == date(2026, 10, 24)
    assert local_day(at(2026, 10, 25, 4, 0), FOUR) == date(2026, 10, 25)


def test_stored_form_keeps_its_offset_across_dst() -> None:
    # The same UTC instant stored with the summer and the winter offset reads back each way.
    summer = datetime(2026, 10, 25, 2, 30, tzinfo=PARIS, fold=0)
    winter = datetime(2026, 10, 25, 2, 30, tzinfo=PARIS, fold=1)
    for moment in (summer, winter):
        restored = from_stored(utc_text(moment), offset_minutes(moment))
        # PEP 495: an ambiguous time never compares equal across zones; compare the instants.
        assert restored.astimezone(UTC) == moment.astimezone(UTC)
        assert restored.utcoffset() == moment.utcoffset()
        assert local_day_of(utc_text(moment), offset_minutes(moment), 240) == "2026-10-24"


def test_travel_each_row_keeps_its_own_offset() -> None:
    # A dose at 21:00 in Paris, then a flight; the next one at 21:00 in New York is six hours
    # later in UTC but each belongs to its own local evening.
    paris = at(2026, 11, 20, 21, 0)
    new_york = at(2026, 11, 21, 21, 0, tz=NEW_YORK)
    assert local_day(paris, FOUR) == date(2026, 11, 20)
    assert local_day(new_york, FOUR) == date(2026, 11, 21)
    # 02:00 in New York is 08:00 in Paris: New York's night still belongs to New York's evening.
    late = at(2026, 11, 22, 2, 0, tz=NEW_YORK)
    assert local_day(late, FOUR) == date(2026, 11, 21)
    assert local_day(late.astimezone(PARIS), FOUR) == date(2026, 11, 22)


def test_other_day_starts() -> None:
    moment = at(2026, 6, 11, 1, 30)
    assert local_day(moment, time(0, 0)) == date(2026, 6, 11)
    assert local_day(moment, time(1, 0)) == date(2026, 6, 11)
    assert local_day(moment, time(2, 0)) == date(2026, 6, 10)


def test_naive_times_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        local_day(datetime(2026, 1, 1, 8, 0), FOUR)


offsets = st.integers(min_value=-18 * 60 + 1, max_value=18 * 60 - 1)
instants = st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda d: d.replace(tzinfo=UTC, microsecond=0)
)
day_starts = st.integers(min_value=0, max_value=12 * 60)


@given(instants, offsets, day_starts)
def test_stored_day_equals_the_domain_rule(instant: datetime, offset: int, start: int) -> None:
    moment = instant.astimezone(timezone(timedelta(minutes=offset)))
    rule = local_day(moment, time(start // 60, start % 60))
    assert local_day_of(utc_text(moment), offset, start) == rule.isoformat()


@given(instants, offsets, day_starts)
def test_a_diary_day_is_24_hours_starting_at_day_start(
    instant: datetime, offset: int, start: int
) -> None:
    moment = instant.astimezone(timezone(timedelta(minutes=offset)))
    day = local_day(moment, time(start // 60, start % 60))
    begins = datetime.combine(day, time(start // 60, start % 60), tzinfo=moment.tzinfo)
    assert begins <= moment < begins + timedelta(days=1)


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2040, 1, 1),
        timezones=st.sampled_from([PARIS, NEW_YORK, ZoneInfo("Australia/Sydney")]),
    )
)
def test_storage_round_trip_keeps_the_instant_and_the_day(moment: datetime) -> None:
    moment = moment.replace(microsecond=0)
    wall = moment.replace(tzinfo=None)
    assume(moment.astimezone(UTC).astimezone(moment.tzinfo).replace(tzinfo=None) == wall)
    offset = offset_minutes(moment)
    restored = from_stored(utc_text(moment), offset)
    assert restored.astimezone(UTC) == moment.astimezone(UTC)
    assert restored.replace(tzinfo=None) == wall
    assert local_day(restored, FOUR) == local_day(moment, FOUR)


def test_slot_instant_after_midnight_is_on_the_next_calendar_date() -> None:
    assert slot_instant(date(2026, 6, 10), time(1, 0), FOUR, PARIS) == at(2026, 6, 11, 1, 0)
    assert slot_instant(date(2026, 6, 10), time(8, 0), FOUR, PARIS) == at(2026, 6, 10, 8, 0)




@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08:00", datetime(2026, 11, 26, 8, 0, tzinfo=timezone(timedelta(hours=1)))),
        ("8:05", datetime(2026, 11, 26, 8, 5, tzinfo=timezone(timedelta(hours=1)))),
        ("2026-11-25T22:15", datetime(2026, 11, 25, 22, 15, tzinfo=timezone(timedelta(hours=1)))),
        (
            "2026-11-25T22:15:00+05:30",
            datetime(2026, 11, 25, 22, 15, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
        ("2026-11-25 07:00Z", datetime(2026, 11, 25, 7, 0, tzinfo=UTC)),
    ],
)
def test_parse_when(text: str, expected: datetime) -> None:
    parsed = parse_when(text, NOW)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


def test_a_clock_time_is_todays_or_yesterdays_whichever_is_nearer() -> None:
    cet = timezone(timedelta(hours=1))
    morning = datetime(2026, 11, 26, 8, 0, tzinfo=cet)
    # A quarter of an hour ahead is today's (and then refused as in the future), never yesterday's.
    assert parse_when("08:15", morning) == datetime(2026, 11, 26, 8, 15, tzinfo=cet)
    assert parse_when("07:50", morning) == datetime(2026, 11, 26, 7, 50, tzinfo=cet)
    assert parse_when("21:00", morning) == datetime(2026, 11, 25, 21, 0, tzinfo=cet)
    assert parse_when("20:00", morning) == datetime(2026, 11, 25, 20, 0, tzinfo=cet)  # a tie


def test_a_date_without_a_time_is_refused() -> None:
    with pytest.raises(ValidationError, match="has no time of day"):
        parse_when("2026-11-24", NOW)


def test_a_time_the_clocks_skipped_does_not_exist() -> None:
    spring = datetime(2026, 3, 29, 12, 0, tzinfo=PARIS)
    with pytest.raises(ValidationError, match="does not exist"):
        parse_when("2026-03-29T02:30", spring)
    assert parse_when("2026-03-29T03:30", spring).utcoffset() == timedelta(hours=2)


def test_a_time_the_clocks_showed_twice_is_never_guessed() -> None:
    autumn = datetime(2026, 10, 25, 12, 0, tzinfo=PARIS)  # both 02:30s have passed
    with pytest.raises(ValidationError, match=r"2026-10-25 02:30 happened twice here \(the "
                       r"clocks went back\); give its offset: 2026-10-25T02:30\+02:00 the "
                       r"first time, 2026-10-25T02:30\+01:00 the second"):
        parse_when("2026-10-25T02:30", autumn)
    assert parse_when("2026-10-25T02:30+01:00", autumn).utcoffset() == timedelta(hours=1)
    assert parse_when("2026-10-25T01:30", autumn).utcoffset() == timedelta(hours=2)  # once
    # In the first pass of the repeated hour the second 02:30 is still to come: no doubt.
    first_pass = datetime(2026, 10, 25, 2, 45, tzinfo=PARIS, fold=0)
    summer = timezone(timedelta(hours=2))  # a fixed zone: PEP 495 never equates doubled times
    assert parse_when("02:30", first_pass) == datetime(2026, 10, 25, 2, 30, tzinfo=summer)
    second_pass = datetime(2026, 10, 25, 2, 45, tzinfo=PARIS, fold=1)
    with pytest.raises(ValidationError, match="happened twice"):
        parse_when("02:30", second_pass)
    # The day after, 02:30 is today's: yesterday's doubled hour is not asked about.
    next_night = datetime(2026, 10, 26, 2, 45, tzinfo=PARIS)
    assert parse_when("02:30", next_night).date() == date(2026, 10, 26)


def test_dates_are_bounded() -> None:
    assert parse_date("2200-12-31") == date(2200, 12, 31)
    with pytest.raises(ValidationError, match="outside 1900–2200"):
        parse_date("9999-12-31")
    with pytest.raises(ValidationError, match="outside 1900–2200"):
        parse_date("0001-01-01")


def test_a_clock_time_still_ahead_means_yesterday() -> None:
    just_after_midnight = datetime(2026, 11, 27, 1, 30, tzinfo=timezone(timedelta(hours=1)))
    assert parse_when("23:00", just_after_midnight) == datetime(
        2026, 11, 26, 23, 0, tzinfo=timezone(timedelta(hours=1)))
    assert parse_when("01:35", just_after_midnight).date() == date(2026, 11, 27)  # within 10 min


@pytest.mark.parametrize("text", ["25:00", "8", "yesterday", "2026-13-01", "12:60", ""])
def test_parse_when_refuses(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_when(text, NOW)
    assert caught.value.field == "time"


def test_future_tolerance_is_ten_minutes() -> None:
    assert check_moment(NOW + timedelta(minutes=10), NOW) == NOW + timedelta(minutes=10)
    with pytest.raises(ValidationError, match="is still ahead"):
        check_moment(NOW + timedelta(minutes=10, seconds=1), NOW)
    with pytest.raises(ValidationError, match="before 1900"):
        check_moment(datetime(1899, 12, 31, tzinfo=UTC), NOW)
    with pytest.raises(ValidationError, match="offset"):
        check_moment(datetime(2026, 1, 1), NOW)


# --- a range of days to look back on --------------------------------------------------------------
TODAY = date(2026, 11, 26)


def test_a_range_of_past_days_up_to_today_passes() -> None:
    check_days(date(2026, 11, 1), TODAY, today=TODAY, longest=(30, "thirty days"))
    check_days(TODAY, TODAY, today=TODAY)


@pytest.mark.parametrize(("start", "end", "end_field", "field", "message"), [
    (date(2026, 11, 20), date(2026, 11, 27), None, "dates",
     "the range ends on 2026-11-27, after today, 2026-11-26; choose today or an earlier day"),
    (date(2026, 11, 20), date(2026, 11, 27), "--to", "--to",
     "2026-11-27 is after today, 2026-11-26; choose today or an earlier day"),
    (date(2026, 11, 20), date(2026, 11, 10), None, "dates",
     "the range ends on 2026-11-10 before it starts on 2026-11-20"),
    (date(2026, 10, 27), TODAY, None, "dates",
     "the range from 2026-10-27 to 2026-11-26 is longer than thirty days; choose a shorter "
     "range"),
])
def test_a_range_that_cannot_be_looked_back_on_is_refused_in_one_wording(
        start: date, end: date, end_field: str | None, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_days(start, end, today=TODAY, longest=(30, "thirty days"), end_field=end_field)
    assert (refused.value.field, refused.value.message) == (field, message)


def test_the_longest_range_is_counted_in_days_both_ends_included() -> None:
    check_days(date(2026, 10, 28), TODAY, today=TODAY, longest=(30, "thirty days"))


# --- utc_text: the stored UTC form, 'YYYY-MM-DD HH:MM:SS', for every instant of years 1 to 9999 -
# The expected text is strftime's, with the year written with four digits: strftime writes years
# before 1000 without their leading zeros on some platforms (glibc among them), which would not
# sort as text, nor be read back by `from_stored`.
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
