"""The assistant fits the screen (1280×720 at the least) at the window's text size and at twice
it: its pages scroll, its buttons stay in reach and large."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget
from PySide6.QtWidgets import QWizard

from diary.ui.assistant import AssistantWizard
from diary.ui.assistant.wizard import FIRST_DOSE
from diary.ui.assistant.wizard import HEIGHT
from diary.ui.assistant.wizard import WIDTH
from diary.ui.widgets.dialogs import SMALLEST_SCREEN
from diary.ui.widgets.targets import TARGET
from tests.ui.assistant.support import at

Make = Callable[[], AssistantWizard]
Button = QWizard.WizardButton


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def test_the_wanted_size_fits_the_smallest_screen() -> None:
    assert SMALLEST_SCREEN.width() >= WIDTH and SMALLEST_SCREEN.height() - 60 >= HEIGHT


def test_every_page_fits_the_screen_and_its_buttons_stay_in_reach(
        qtbot, make_wizard: Make, clock: list[datetime], text_size: int) -> None:
    clock[0] = at(13, 50)
    wizard = make_wizard()
    qtbot.waitExposed(wizard)
    free = wizard.screen().availableGeometry()
    wizard.medication.name.setText("Baclofen")
    wizard.plan.target.setText("20")
    scrolled = []
    for page_id in range(FIRST_DOSE + 1):
        assert wizard.currentId() == page_id
        QApplication.processEvents()
        assert free.contains(wizard.frameGeometry()), (page_id, wizard.frameGeometry(), free)
        shown = [wizard.button(b) for b in (Button.BackButton, Button.NextButton,
                                            Button.FinishButton, Button.CancelButton)
                 if wizard.button(b).isVisible()]
        for button in shown:
            assert free.contains(global_rect(button)), (page_id, button.text())
            assert button.height() >= TARGET, (page_id, button.text())
        bar = wizard.currentPage().body_scroll.verticalScrollBar()
        scrolled.append(bar.maximum() > 0)
        if page_id < FIRST_DOSE:
            wizard.next()
    if text_size == 2:
        assert any(scrolled)  # what does not fit scrolls, within the page
    assert wizard.first.take.isVisible() and wizard.first.take.height() >= TARGET
