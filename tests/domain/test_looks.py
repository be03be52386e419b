from __future__ import annotations

import pytest

from diary.domain.entities import Medication
from diary.domain.looks import COLOUR_NAMES
from diary.domain.looks import HEX
from diary.domain.looks import SHAPE_NAMES
from diary.domain.looks import Colour
from diary.domain.looks import Look
from diary.domain.looks import Shape
from diary.domain.looks import default_look
from diary.domain.looks import look_of
from diary.domain.units import Unit


def test_the_first_24_medications_never_share_both_colour_and_shape() -> None:
    looks = [default_look(n) for n in range(1, 25)]
    assert len(set(looks)) == 24
    assert default_look(25) == default_look(1)


def test_medications_added_one_after_the_other_differ_in_colour_and_in_shape() -> None:
    for n in range(1, 30):
        a, b = default_look(n), default_look(n + 1)
        assert a.colour != b.colour and a.shape != b.shape


def test_a_chosen_look_wins_and_the_rest_comes_from_the_id() -> None:
    assert look_of(3, "yellow", None) == Look(Colour.YELLOW, default_look(3).shape)
    assert look_of(3, None, Shape.HEXAGON) == Look(default_look(3).colour, Shape.HEXAGON)
    assert look_of(None) == default_look(1)


def test_an_unknown_colour_is_refused() -> None:
    with pytest.raises(ValueError):
        look_of(1, "mauve")


def test_every_colour_and_shape_has_a_value_and_a_name() -> None:
    assert set(HEX) == set(Colour) == set(COLOUR_NAMES)
    assert set(SHAPE_NAMES) == set(Shape)
    assert len(set(HEX.values())) == len(Colour)


def test_the_look_describes_itself_in_words() -> None:
    assert Look(Colour.SKY, Shape.CAPSULE).describe() == "sky blue capsule"
    assert Look(Colour.BLUE, Shape.ROUND).hex == "#0072B2"


def test_a_medication_shows_its_look() -> None:
    med = Medication("Baclofen", Unit.MG, id=2)
    assert med.look == default_look(2)
    chosen = Medication("Baclofen", Unit.MG, id=2, colour=Colour.GREEN, shape=Shape.SQUARE)
    assert chosen.look == Look(Colour.GREEN, Shape.SQUARE)
