"""The validation of a medication's chosen look and of the person's condition and prescriber
(diary/domain/validation.py): one of the lists or automatic; one line of at most 80 characters
or nothing, each refusal naming its field."""

from __future__ import annotations

from dataclasses import replace

import pytest

from diary.domain.entities import DiaryInfo
from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.domain.units import Unit
from diary.domain.validation import valid_choice
from diary.domain.validation import valid_diary_info
from diary.domain.validation import valid_medication

BACLOFEN = Medication(name="Baclofen", unit=Unit.MG, id=1)


def test_a_look_is_one_of_the_lists_as_member_or_text_or_automatic() -> None:
    assert valid_choice("sky", Colour, "colour") is Colour.SKY
    assert valid_choice(Shape.CAPSULE, Shape, "shape") is Shape.CAPSULE
    assert valid_choice(None, Shape, "shape") is None
    chosen = valid_medication(Medication("Baclofen", Unit.MG, colour="grey",  # type: ignore[arg-type]
                                         shape="hexagon"))  # type: ignore[arg-type]
    assert (chosen.colour, chosen.shape) == (Colour.GREY, Shape.HEXAGON)
    assert valid_medication(BACLOFEN).colour is None


@pytest.mark.parametrize(("field", "value", "message"), [
    ("colour", "pink", "'pink' is not one of blue, orange, green, purple, sky, vermilion, "
     "yellow, grey"),
    ("colour", "", "'' is not one of blue,"),
    ("shape", "star", "'star' is not one of round, square, triangle, diamond, capsule, hexagon"),
    ("shape", Colour.BLUE, "'blue' is not one of round,"),
    ("colour", 3, "3 is not one of blue,"),
])
def test_a_look_not_in_the_lists_is_refused_by_name(field: str, value: object,
                                                    message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        valid_medication(replace(BACLOFEN, **{field: value}))
    assert caught.value.field == field
    assert caught.value.message.startswith(message)


def test_the_condition_and_prescriber_are_trimmed_and_may_be_left_out() -> None:
    info = valid_diary_info(DiaryInfo(condition=" Multiple sclerosis\u00a0",
                                      prescriber="  "))
    assert (info.condition, info.prescriber) == ("Multiple sclerosis", "")
    assert valid_diary_info(DiaryInfo(prescriber="x" * 80)).prescriber == "x" * 80


@pytest.mark.parametrize(("field", "value", "message"), [
    ("condition", "x" * 81, "is 81 characters long; the limit is 80"),
    ("prescriber", " " + "y" * 90, "is 90 characters long; the limit is 80"),
    ("condition", "MS\nrelapsing", "contains a control character (U+000A) at position 3"),
    ("prescriber", "Dr.\tOkafor", "contains a control character (U+0009) at position 4"),
])
def test_a_condition_or_prescriber_not_one_line_of_80_is_refused_by_name(
        field: str, value: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        valid_diary_info(DiaryInfo(**{field: value}))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.message) == (field, message)
