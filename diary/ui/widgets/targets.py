"""Sizes that make the window forgiving for a hand with a tremor and calm for tired eyes (WCAG
2.5.5): every frequent control at least TARGET pixels in both directions, real gaps between
neighbours, and lines that keep their room when their text goes (so nothing below them moves)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

TARGET = 44  # px: the smallest a control that is pressed often may be, both ways
GAP = 6  # px between neighbouring score buttons, so that a tremor does not press the next one
EDGE = 4  # px above a group's first line (under its title) and below its last


def large(*widgets: QAbstractButton | QComboBox | QLineEdit) -> None:
    """At least TARGET × TARGET for buttons and choosers; TARGET high for a text field, so that
    it lines up with the buttons beside it and is as easy to click into."""
    for widget in widgets:
        widget.setMinimumHeight(max(TARGET, widget.minimumHeight()))
        # A width of its own only for a control narrower than a target: a minimum width set
        # would stand in for the width its text needs, which grows with the font.
        if not isinstance(widget, QLineEdit) and widget.sizeHint().width() < TARGET:
            widget.setMinimumWidth(TARGET)


def keep_room_when_hidden(*widgets: QWidget) -> None:
    """A hidden widget keeps its place in the layout: hiding it moves nothing around it."""
    for widget in widgets:
        policy = widget.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        widget.setSizePolicy(policy)


def reserve_lines(label: QLabel, lines: int) -> None:
    """Room for `lines` lines of `label` whatever it says (a longer text still grows it): a line
    that comes and goes with each action leaves the controls below it where they were. Called
    again when the font changes."""
    label.ensurePolished()  # a style sheet's border and padding are known from here on
    frame = label.rect().height() - label.contentsRect().height()  # counted once, however set
    label.setMinimumHeight(lines * label.fontMetrics().lineSpacing() + frame)


def field_label(text: str, buddy: QWidget) -> QLabel:
    """A form's label for `buddy` (its mnemonic goes there), level with the middle of a field
    TARGET high."""
    label = QLabel(text)
    label.setBuddy(buddy)
    label.setMinimumHeight(TARGET)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label


def tight_margins(layout: QLayout) -> None:
    """A group's layout close under its title and above its frame (EDGE px; the sides as the
    style has them): the whole Today view fits a 1366×768 screen without scrolling."""
    margins = layout.contentsMargins()
    layout.setContentsMargins(margins.left(), EDGE, margins.right(), EDGE)


class RowCheckBox(QCheckBox):
    """A check box that a click anywhere on its row toggles, not only on its box and text: made
    a large target (at least TARGET px high), the whole of that height counts."""

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)


class CompactButton(QPushButton):
    """A push button as wide as its words and a margin, at least TARGET both ways: the style's
    80 px least width would push a short form onto a second line ("Save", "Skip", "Cancel" in a
    slot's line). Follows the font, so it grows at 2× text."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        words = self.fontMetrics().horizontalAdvance(self.text().replace("&", "")) + \
            2 * self.fontMetrics().horizontalAdvance("0") + 12
        return QSize(max(TARGET, min(hint.width(), words)), max(TARGET, hint.height()))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
