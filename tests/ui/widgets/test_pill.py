from __future__ import annotations

from itertools import combinations

from PySide6.QtGui import QIcon
from PySide6.QtGui import QImage

from diary.domain.looks import Colour
from diary.domain.looks import Look
from diary.domain.looks import Shape
from diary.ui.widgets.pill import pill_icon
from diary.ui.widgets.pill import pill_pixmap


def _mask(look: Look) -> list[bool]:
    image = pill_pixmap(look, 24).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return [image.pixelColor(x, y).alpha() > 128 for y in range(24) for x in range(24)]


def test_every_shape_covers_its_own_pixels_so_shapes_differ_in_grey(qapp: object) -> None:
    masks = {shape: _mask(Look(Colour.GREY, shape)) for shape in Shape}
    for a, b in combinations(Shape, 2):
        differing = sum(x != y for x, y in zip(masks[a], masks[b], strict=True))
        assert differing >= 20, (a, b)


def test_the_pill_is_filled_with_its_colour(qapp: object) -> None:
    image = pill_pixmap(Look(Colour.ORANGE, Shape.ROUND), 24).toImage()
    assert image.pixelColor(12, 12).name().upper() == "#E69F00"
    assert image.pixelColor(0, 0).alpha() == 0


def test_the_icon_has_sizes_for_1x_and_2x(qapp: object) -> None:
    icon = pill_icon(Look(Colour.BLUE, Shape.TRIANGLE))
    assert {size.width() for size in icon.availableSizes()} >= {16, 24, 32}
    assert not icon.isNull()


def test_a_selected_row_shows_the_same_pill_not_a_tinted_one(qapp: object) -> None:
    look = Look(Colour.GREEN, Shape.SQUARE)
    icon = pill_icon(look)
    normal = icon.pixmap(24, 24, QIcon.Mode.Normal).toImage()
    selected = icon.pixmap(24, 24, QIcon.Mode.Selected).toImage()
    assert selected.pixelColor(12, 12) == normal.pixelColor(12, 12)
    assert normal.pixelColor(12, 12).name().upper() == "#009E73"
