"""Choosing a medication's look in its form: a Colour and a Shape combo box, each entry a pill
icon and its name, "Automatic (…)" first, naming what the medication gets when nothing is chosen
(the look its id gives, diary.domain.looks).

Each icon is the pill that entry would make: the colours are drawn in the shape chosen, the
shapes in the colour chosen, so the person sees the result before saving it, and a colour told
apart by its name as well as its hue."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QWidget

from diary.domain.looks import COLOUR_NAMES
from diary.domain.looks import SHAPE_NAMES
from diary.domain.looks import Colour
from diary.domain.looks import Look
from diary.domain.looks import Shape
from diary.ui.widgets.pill import pill_icon

AUTOMATIC = ""  # the data of each combo's "Automatic" entry


class LookPicker(QObject):
    """`LookPicker(automatic, parent)`: the two combos, `colour` and `shape`, for the form to lay
    out (each on a row of its own: at 2x text a row of both would wrap), on Automatic until
    `set_chosen`. `automatic` is the look the medication's id gives."""

    def __init__(self, automatic: Look, parent: QWidget) -> None:
        super().__init__(parent)
        self.automatic = automatic
        side = max(16, parent.fontMetrics().height())
        self.colour = QComboBox()
        self.colour.setAccessibleName("Colour")
        self.colour.addItem(f"Automatic ({COLOUR_NAMES[automatic.colour].lower()})", AUTOMATIC)
        for each in Colour:
            self.colour.addItem(COLOUR_NAMES[each], each.value)
        self.shape = QComboBox()
        self.shape.setAccessibleName("Shape")
        self.shape.addItem(f"Automatic ({SHAPE_NAMES[automatic.shape].lower()})", AUTOMATIC)
        for each_shape in Shape:
            self.shape.addItem(SHAPE_NAMES[each_shape], each_shape.value)
        for combo in (self.colour, self.shape):
            combo.setIconSize(QSize(side, side))
        self._redraw()
        self.colour.currentIndexChanged.connect(self._redraw)
        self.shape.currentIndexChanged.connect(self._redraw)

    def chosen_colour(self) -> Colour | None:
        data = self.colour.currentData()
        return Colour(data) if data else None

    def chosen_shape(self) -> Shape | None:
        data = self.shape.currentData()
        return Shape(data) if data else None

    def look(self) -> Look:
        """The look shown with what is chosen now (the automatic one where nothing is)."""
        return Look(self.chosen_colour() or self.automatic.colour,
                    self.chosen_shape() or self.automatic.shape)

    def set_chosen(self, colour: Colour | None, shape: Shape | None) -> None:
        self.colour.setCurrentIndex(self.colour.findData(AUTOMATIC if colour is None
                                                         else colour.value))
        self.shape.setCurrentIndex(self.shape.findData(AUTOMATIC if shape is None
                                                       else shape.value))
        self._redraw()

    def _redraw(self) -> None:
        """Every entry's icon as the pill it would make with the other combo's choice."""
        look = self.look()
        for index in range(self.colour.count()):
            data = self.colour.itemData(index)
            colour = Colour(data) if data else self.automatic.colour
            self.colour.setItemIcon(index, pill_icon(Look(colour, look.shape)))
        for index in range(self.shape.count()):
            data = self.shape.itemData(index)
            shape = Shape(data) if data else self.automatic.shape
            self.shape.setItemIcon(index, pill_icon(Look(look.colour, shape)))
        said = f"The pill: {look.describe()}"
        self.colour.setAccessibleDescription(said)
        self.shape.setAccessibleDescription(said)
