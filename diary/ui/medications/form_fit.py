"""How the medication form fits its screen: the fields scroll, the buttons stay in reach.

At twice the text size, or on a 1280×720 screen at 200 % (a logical screen of 640×360), the
form's fields are taller than the screen: they sit in a ScrollingBody (diary/ui/widgets/
dialogs.py) and Save and Cancel below it. A row that wraps (a label above its field, a hint of
several lines) asks for more height than Qt's minimum size says (it leaves out height-for-width):
`grow_to_fit` makes the window as tall as its fields need at their width, within the screen, so
that nothing scrolls that need not.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLayout
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.ui.widgets import dialogs


def scrolling_fields(dialog: QDialog, fields: QLayout, buttons: QWidget) -> dialogs.ScrollingBody:
    """Lay out `dialog`: `fields` in a body that scrolls, `buttons` below it."""
    body = QWidget()
    body.setLayout(fields)
    fields.setContentsMargins(0, 0, 0, 0)
    scroll = dialogs.ScrollingBody(body)
    layout = QVBoxLayout(dialog)
    layout.addWidget(scroll, 1)
    layout.addWidget(buttons)
    return scroll


def grow_to_fit(dialog: QDialog, scroll: dialogs.ScrollingBody) -> None:
    """Make `dialog` as tall as its fields need at their width (within the screen's room)."""
    body = scroll.widget()
    fields = None if body is None else body.layout()
    if fields is None:
        return
    fields.activate()
    width = scroll.viewport().width()
    wanted = (fields.totalHeightForWidth(width) if fields.hasHeightForWidth()
              else fields.totalMinimumSize().height())
    needed = dialog.height() - scroll.viewport().height() + wanted
    needed = min(needed, dialogs.screen_room(dialog).height())
    if needed <= dialog.height():
        return
    dialog.resize(dialog.width(), needed)
    screen = dialog.screen()
    below = dialog.frameGeometry().bottom() - screen.availableGeometry().bottom()
    if dialog.isVisible() and below > 0:  # grown past the bottom of the screen: move it up
        dialog.move(dialog.x(), max(screen.availableGeometry().top(), dialog.y() - below))
