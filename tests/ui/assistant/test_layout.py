"""The assistant's look: larger type than the window's, a heading per page, big buttons, a
choice marked by a tick and bold type, a body that scrolls, an error line."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QButtonGroup

from diary.domain.errors import ValidationError
from diary.ui.assistant.layout import CHOSEN
from diary.ui.assistant.layout import HEADING_SCALE
from diary.ui.assistant.layout import TEXT_SCALE
from diary.ui.assistant.layout import ChoiceButton
from diary.ui.assistant.layout import Page
from diary.ui.assistant.layout import assistant_font
from diary.ui.assistant.layout import page_button
from diary.ui.widgets import dialogs
from diary.ui.widgets.targets import TARGET
from tests.helpers.qt import click


def test_the_text_is_larger_than_the_windows(qapp: QApplication) -> None:
    base = qapp.font().pointSizeF()
    assert assistant_font().pointSizeF() == pytest.approx(base * TEXT_SCALE)
    heading = assistant_font(HEADING_SCALE, bold=True)
    assert heading.pointSizeF() == pytest.approx(base * TEXT_SCALE * HEADING_SCALE)
    assert heading.bold()


def test_a_page_has_its_question_a_scrolling_body_and_an_error_line(qtbot) -> None:
    page = Page("Which medication?", "Type its name.")
    page.finish_body()
    qtbot.addWidget(page)
    page.show()
    assert page.accessibleName() == "Which medication?"
    assert page.heading.font().pointSizeF() > page.intro.font().pointSizeF()
    assert isinstance(page.body_scroll, dialogs.ScrollingBody)
    assert page.error.isHidden()
    page.show_error(ValidationError("name", "type it"))
    assert page.error.isVisible() and page.error.text() == "⚠ Name: type it"
    page.clear_error()
    assert page.error.isHidden()


def test_a_page_button_is_large_and_not_pressed_by_enter(qtbot) -> None:
    button = page_button("S&kip", "Skip it")
    qtbot.addWidget(button)
    assert button.minimumHeight() >= TARGET and button.minimumWidth() >= 3 * TARGET
    assert not button.autoDefault() and button.accessibleName() == "Skip it"


def test_the_chosen_button_shows_a_tick_and_bold_type_and_keeps_its_width(qtbot) -> None:
    first, second = ChoiceButton("&One", "One"), ChoiceButton("&Two", "Two")
    group = QButtonGroup()
    for button in (first, second):
        qtbot.addWidget(button)
        group.addButton(button)
        button.show()
    width = first.minimumWidth()
    click(qtbot, first)
    assert first.text() == f"{CHOSEN}&One" and first.font().bold()
    assert second.text() == "&Two" and not second.font().bold()
    assert first.sizeHint().width() <= width  # the room for the tick was kept
    click(qtbot, second)
    assert first.text() == "&One" and not first.font().bold() and second.font().bold()
    assert first.minimumHeight() >= TARGET
