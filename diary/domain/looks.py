"""How a medication looks in every list, reminder and chart: a colour and a shape.

The colours are the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), chosen to stay
apart for the common kinds of colour blindness; the shapes keep them apart in grey and in print.
A medication that has not chosen its look gets one from its id, so two medications added one after
the other differ in both colour and shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Colour(StrEnum):
    BLUE = "blue"
    ORANGE = "orange"
    GREEN = "green"
    PURPLE = "purple"
    SKY = "sky"
    VERMILION = "vermilion"
    YELLOW = "yellow"
    GREY = "grey"


class Shape(StrEnum):
    ROUND = "round"
    SQUARE = "square"
    TRIANGLE = "triangle"
    DIAMOND = "diamond"
    CAPSULE = "capsule"
    HEXAGON = "hexagon"


# The palette's values (sRGB). GREY stands in for Okabe–Ito's black, which would vanish on a
# dark theme.
HEX: dict[Colour, str] = {
    Colour.BLUE: "#0072B2",
    Colour.ORANGE: "#E69F00",
    Colour.GREEN: "#009E73",
    Colour.PURPLE: "#CC79A7",
    Colour.SKY: "#56B4E9",
    Colour.VERMILION: "#D55E00",
    Colour.YELLOW: "#F0E442",
    Colour.GREY: "#7F7F7F",
}

COLOUR_NAMES: dict[Colour, str] = {
    Colour.BLUE: "Blue", Colour.ORANGE: "Orange", Colour.GREEN: "Green",
    Colour.PURPLE: "Purple", Colour.SKY: "Sky blue", Colour.VERMILION: "Red",
    Colour.YELLOW: "Yellow", Colour.GREY: "Grey",
}

SHAPE_NAMES: dict[Shape, str] = {
    Shape.ROUND: "Round", Shape.SQUARE: "Square", Shape.TRIANGLE: "Triangle",
    Shape.DIAMOND: "Diamond", Shape.CAPSULE: "Capsule", Shape.HEXAGON: "Hexagon",
}

_COLOURS = tuple(Colour)
_SHAPES = tuple(Shape)


@dataclass(frozen=True)
class Look:
    colour: Colour
    shape: Shape

    @property
    def hex(self) -> str:
        return HEX[self.colour]

    def describe(self) -> str:
        """'blue round': for screen readers and tooltips, which see no picture."""
        return f"{COLOUR_NAMES[self.colour].lower()} {SHAPE_NAMES[self.shape].lower()}"


def default_look(medication_id: int | None) -> Look:
    """The look of a medication that has not chosen one: colours and shapes go round together,
    8 colours against 6 shapes, so the first 24 medications never share both."""
    index = max((medication_id or 1) - 1, 0)
    return Look(_COLOURS[index % len(_COLOURS)], _SHAPES[index % len(_SHAPES)])


def look_of(medication_id: int | None, colour: Colour | str | None = None,
            shape: Shape | str | None = None) -> Look:
    """The look shown for a medication: what it chose, the rest from its id."""
    fallback = default_look(medication_id)
    return Look(Colour(colour) if colour else fallback.colour,
                Shape(shape) if shape else fallback.shape)
