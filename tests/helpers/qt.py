"""Pressing the window as a hand does: one click helper, the double click, and making a window
the active one so that its shortcuts fire (the offscreen platform activates none by itself)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QWidget


def click(qtbot: object, widget: QWidget, pos: QPoint | None = None, *,
          trying_disabled: bool = False) -> None:
    """A left click; on a button, only an enabled one, unless the test means to show that a
    disabled one does nothing (`trying_disabled`): a click on a disabled button is otherwise a
    test's mistake, which would pass silently. A check box or a radio button takes clicks on
    its indicator and text, not on the blank space a layout adds, so it is clicked there."""
    if isinstance(widget, QAbstractButton) and not trying_disabled:
        assert widget.isEnabled(), f"{widget.accessibleName() or widget.text()} is disabled"
    if pos is None:
        indicator = isinstance(widget, QCheckBox | QRadioButton)
        pos = QPoint(8, widget.height() // 2) if indicator else QPoint()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)  # type: ignore[attr-defined]


def double_click(qtbot: object, widget: QWidget, pos: QPoint) -> None:
    """As a hand does it: press and release, then the second press that makes it double."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)  # type: ignore[attr-defined]
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)  # type: ignore[attr-defined]


def activate(qtbot: object, widget: QWidget) -> None:
    """Show `widget`'s window and make it the active one, so that its shortcuts and mnemonics
    work."""
    window = widget.window()
    window.show()
    qtbot.waitExposed(window)  # type: ignore[attr-defined]
    handle = window.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window,  # type: ignore[attr-defined]
                    timeout=2000)
