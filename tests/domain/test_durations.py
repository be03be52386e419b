"""Durations as people write them, and as the messages say them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.domain.durations import duration_text
from diary.domain.durations import parse_duration
from diary.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("6h", 360), ("6 hours", 360), ("90min", 90), ("90 minutes", 90), ("4h30", 270),
     ("1h 30min", 90), ("240", 240), (" 2H ", 120)],
)
def test_what_people_write(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "six hours", "6 days", "4_0", "٤h", "-5", "1.5h"])
def test_what_is_not_a_duration(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a duration"):
        parse_duration(text, "--min-interval")


@pytest.mark.parametrize(("minutes", "text"), [(45, "45 min"), (360, "6 h"), (90, "1 h 30 min"),
                                              (0, "0 min")])
def test_how_messages_say_it(minutes: int, text: str) -> None:
    assert duration_text(minutes) == text


@given(st.integers(min_value=0, max_value=7 * 24 * 60))
def test_saying_then_reading_gives_the_same_minutes(minutes: int) -> None:
    said = duration_text(minutes).replace(" h", "h").replace(" min", "min").replace(" ", "")
    assert parse_duration(said) == minutes
