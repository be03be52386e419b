"""How the medication form, and the Medications view's pages, fit their screen: the fields scroll,
the buttons stay in reach.

At twice the text size, or on a 1280×720 screen at 200 % (a logical screen of 640×360), the
form's fields are taller than the screen: they sit in a ScrollingBody (diary/ui/widgets/
dialogs.py) and Save and Cancel below it. A row that wraps (a label above its field, a hint of
several lines) asks for more height than Qt's minimum size says (it leaves out height-for-width):
`grow_to_fit` makes the window as tall as its fields need at their width, within the screen, so
that nothing scrolls that need not.

The view's two pages scroll as a whole (`scrolling_page`), so that at twice the text size the
window still fits its screen. Qt's scroll area takes a body's height for its width as the least
the body may have, and a layout reckons that height from what its parts would like: a page body
(`PageBody`) answers with what its parts need at the least, so that a page that fits shows no
scroll bar.
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


class PageBody(QWidget):
    """A page's contents whose height for a width is the least its layout needs at it."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return super().heightForWidth(width)
        return layout.totalMinimumHeightForWidth(width)


def scrolling_page(layout: QLayout) -> dialogs.ScrollingBody:
    """A page of the view laid out by `layout`, scrolling when the window is too low for it."""
    body = PageBody()
    body.setLayout(layout)
    return dialogs.ScrollingBody(body)


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
