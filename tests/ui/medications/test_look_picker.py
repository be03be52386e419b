"""The look picker of the medication form (diary/ui/medications/look_picker.py): "Automatic (…)"
first, naming what the id gives, then every colour and shape by name; each entry's icon is the
pill it would make with the other combo's choice, and a screen reader hears the pill chosen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from diary.domain.looks import COLOUR_NAMES
from diary.domain.looks import SHAPE_NAMES
from diary.domain.looks import Colour
from diary.domain.looks import Look
from diary.domain.looks import Shape
from diary.domain.looks import default_look
from diary.ui.medications.look_picker import AUTOMATIC
from diary.ui.medications.look_picker import LookPicker
from diary.ui.widgets.pill import pill_pixmap


@pytest.fixture
def picker(qtbot) -> Iterator[LookPicker]:  # type: ignore[no-untyped-def]
    parent = QWidget()  # the form, which keeps the picker
    qtbot.addWidget(parent)
    yield LookPicker(default_look(3), parent)  # green triangle


def image(icon: QIcon) -> QImage:
    return icon.pixmap(QSize(16, 16)).toImage()


def pill(look: Look) -> QImage:
    return pill_pixmap(look, 16, 1.0).toImage()


def test_automatic_comes_first_and_names_what_the_id_gives(picker: LookPicker) -> None:
    colours = [picker.colour.itemText(i) for i in range(picker.colour.count())]
    shapes = [picker.shape.itemText(i) for i in range(picker.shape.count())]
    assert colours == ["Automatic (green)", *(COLOUR_NAMES[c] for c in Colour)]
    assert shapes == ["Automatic (triangle)", *(SHAPE_NAMES[s] for s in Shape)]
    assert "Red" in colours and "Sky blue" in colours  # the names, not the values
    assert picker.colour.currentData() == picker.shape.currentData() == AUTOMATIC
    assert (picker.chosen_colour(), picker.chosen_shape()) == (None, None)
    assert picker.look() == Look(Colour.GREEN, Shape.TRIANGLE)
    assert (picker.colour.accessibleName(), picker.shape.accessibleName()) == ("Colour", "Shape")


def test_each_icon_is_the_pill_its_entry_would_make(picker: LookPicker) -> None:
    assert image(picker.colour.itemIcon(0)) == pill(Look(Colour.GREEN, Shape.TRIANGLE))
    blue = picker.colour.findData(Colour.BLUE.value)
    assert image(picker.colour.itemIcon(blue)) == pill(Look(Colour.BLUE, Shape.TRIANGLE))

    picker.shape.setCurrentIndex(picker.shape.findData(Shape.CAPSULE.value))

    # The colours are now drawn as capsules, the shapes still in the automatic green.
    assert image(picker.colour.itemIcon(blue)) == pill(Look(Colour.BLUE, Shape.CAPSULE))
    assert image(picker.colour.itemIcon(0)) == pill(Look(Colour.GREEN, Shape.CAPSULE))
    hexagon = picker.shape.findData(Shape.HEXAGON.value)
    assert image(picker.shape.itemIcon(hexagon)) == pill(Look(Colour.GREEN, Shape.HEXAGON))
    assert image(picker.shape.itemIcon(0)) == pill(Look(Colour.GREEN, Shape.TRIANGLE))
    assert picker.colour.accessibleDescription() == "The pill: green capsule"


def test_a_chosen_look_is_shown_and_automatic_gives_none(picker: LookPicker) -> None:
    picker.set_chosen(Colour.VERMILION, None)
    assert picker.colour.currentText() == "Red"
    assert picker.shape.currentText() == "Automatic (triangle)"
    assert (picker.chosen_colour(), picker.chosen_shape()) == (Colour.VERMILION, None)
    assert picker.look() == Look(Colour.VERMILION, Shape.TRIANGLE)
    shape = picker.shape.findData(Shape.SQUARE.value)
    assert image(picker.shape.itemIcon(shape)) == pill(Look(Colour.VERMILION, Shape.SQUARE))
    assert picker.shape.accessibleDescription() == "The pill: red triangle"
    picker.colour.setCurrentIndex(0)
    assert picker.chosen_colour() is None and picker.look() == default_look(3)
