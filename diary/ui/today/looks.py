"""Medications' looks in the Today view: the pill beside each scheduled dose and in the as-needed
form's chooser, so the person can match what is on the screen to what is in the hand. The
picture is `diary.ui.widgets.pill`'s; its words (`Look.describe`, "blue round") are in the
accessible name and the tooltip, for a screen reader and for anyone who cannot tell colours."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.looks import Look
from diary.ui.widgets.pill import pill_icon
from diary.ui.widgets.pill import pill_pixmap


def pill_size(widget: QWidget) -> int:
    """A pill as tall as a line of text and a bit: easy to see, never taller than a row."""
    return max(16, round(widget.fontMetrics().height() * 1.3))


class PillLabel(QLabel):
    """A medication's pill, drawn sharp at the screen's ratio and redrawn when the font changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look: Look | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_look(self, look: Look, said: str) -> None:
        """Show `look`; `said` ("Baclofen: blue round") names it for a screen reader and in the
        tooltip."""
        self.setAccessibleName(said)
        self.setToolTip(said)
        if look != self.look:
            self.look = look
            self._draw()

    def _draw(self) -> None:
        if self.look is None:
            return
        size = pill_size(self)
        self.setPixmap(pill_pixmap(self.look, size, self.devicePixelRatioF()))
        self.setFixedSize(size, size)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._draw()
        super().changeEvent(event)


def pill_label() -> PillLabel:
    return PillLabel()


def medication_choice(combo: QComboBox, med: Medication) -> None:
    """Add `med` to a chooser with its pill, its name and unit, and its look in words (the
    item's tooltip and accessible text)."""
    said = f"{med.name}: {med.look.describe()}"
    combo.addItem(pill_icon(med.look), f"{med.name} ({med.unit.value})", med.id)
    index = combo.count() - 1
    combo.setItemData(index, said, Qt.ItemDataRole.ToolTipRole)
    combo.setItemData(index, said, Qt.ItemDataRole.AccessibleTextRole)
