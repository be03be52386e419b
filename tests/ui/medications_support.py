"""Helpers the Medications view tests share: a click that lands on check boxes too."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isEnabled(), f"{button.accessibleName()} is disabled"
    # A check box takes clicks on its box and text, not on the blank space a layout adds.
    at = QPoint(8, button.height() // 2) if isinstance(button, QCheckBox) else QPoint()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=at)
