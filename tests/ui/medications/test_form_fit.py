"""How the medication form fits its screen (diary/ui/medications/form_fit.py): whole and without a
scroll bar on a 1280×720 screen at 1×; at twice the text its fields scroll when the screen is too
low, and Save stays on the screen; the window grows to a wrapped row, and stays on the screen. A
page of the Medications view scrolls only when its parts' least heights do not fit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.ui.medications.form import MedicationForm
from diary.ui.medications.form_fit import PageBody
from diary.ui.medications.form_fit import grow_to_fit
from diary.ui.medications.form_fit import scrolling_fields
from diary.ui.medications.form_fit import scrolling_page
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs
from tests.ui.medications.support import add_med


def on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("adding", [True, False], ids=["add", "edit"])
def test_the_form_fits_its_screen_and_save_stays_in_reach(qtbot, session: DiarySession,
                                                          text_size: int, adding: bool) -> None:
    form = MedicationForm(session, None if adding else add_med(session))
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    QApplication.processEvents()  # the scroll area's bars follow the window's growth
    free = form.screen().availableGeometry()
    assert free.contains(form.frameGeometry()), (form.frameGeometry(), free)
    assert free.contains(on_screen(form.ok_button))
    if text_size == 1:  # whole, with room to spare on a 1280×720 screen
        assert form.frameGeometry().height() <= dialogs.screen_room(form).height()
        assert form.height() <= 720 - 2 * form.fontMetrics().lineSpacing()
        assert not form._scroll.verticalScrollBar().isVisible()
        assert form.notes.height() >= 4 * form.fontMetrics().lineSpacing()
    else:  # what does not fit scrolls, down to the notes
        scrolling = form._scroll.verticalScrollBar().isVisible()
        needed = form._scroll.widget().layout().totalHeightForWidth(  # type: ignore[union-attr]
            form._scroll.viewport().width())
        assert scrolling == (needed > form._scroll.viewport().height())


def test_the_fields_scroll_above_the_buttons_and_the_window_grows_to_a_wrapped_line(
        qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    fields = QVBoxLayout()
    line = QLabel("short")
    line.setWordWrap(True)
    fields.addWidget(line)
    button = QPushButton("Save")
    scroll = scrolling_fields(dialog, fields, button)
    assert isinstance(scroll, dialogs.ScrollingBody) and scroll.widget().layout() is fields
    layout = dialog.layout()
    assert layout is not None and layout.indexOf(scroll) == 0 and layout.indexOf(button) == 1
    dialog.resize(300, 120)
    dialog.show()
    qtbot.waitExposed(dialog)

    line.setText(" ".join(["a word that wraps"] * 30))
    grow_to_fit(dialog, scroll)

    assert dialog.height() > 120
    assert dialog.height() <= dialogs.screen_room(dialog).height()
    assert scroll.viewport().height() >= line.heightForWidth(scroll.viewport().width())


def test_a_page_that_fits_at_its_least_shows_no_scroll_bar(qtbot) -> None:
    """A list asks for more than it needs; a wrapped line makes the page's height follow its
    width. The page scrolls only when its parts' least heights do not fit."""
    layout = QVBoxLayout()
    line = QLabel(" ".join(["a line that wraps at a narrow width"] * 3))
    line.setWordWrap(True)
    listing = QListWidget()
    listing.setMinimumHeight(40)
    layout.addWidget(line)
    layout.addWidget(listing, 1)
    page = scrolling_page(layout)
    qtbot.addWidget(page)
    body = page.widget()
    assert isinstance(page, dialogs.ScrollingBody) and isinstance(body, PageBody)
    assert body.layout() is layout
    least = layout.totalMinimumHeightForWidth(600)
    assert least < layout.totalHeightForWidth(600)  # the list would like more than its least
    assert body.heightForWidth(600) == least
    page.resize(600 + page.frameWidth() * 2, least + 4)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: body.height() <= page.viewport().height())
    assert page.verticalScrollBar().maximum() == 0
    page.resize(page.width(), least // 2)  # lower than its least: it scrolls
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() > 0)
