"""A form's error line and its Save and Cancel, and the one rule for a failed save: a value the
diary refuses is shown in the form beside what was typed, a failure of the file or the disk in a
message box; the form stays as it is either way."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QDialog

from diary.domain.errors import ValidationError
from diary.ui.widgets.form_errors import error_label
from diary.ui.widgets.form_errors import report_save_error
from diary.ui.widgets.form_errors import save_buttons
from diary.ui.widgets.form_errors import show_form_error
from diary.ui.widgets.form_errors import show_form_message
from tests.helpers.qt import click

BUSY = sqlite3.OperationalError("database is locked")


def test_the_error_line_is_hidden_and_named_until_there_is_an_error(qapp) -> None:
    label = error_label("Why the dose was not saved")
    assert label.isHidden() and label.wordWrap()
    assert label.accessibleName() == "Why the dose was not saved"
    show_form_error(label, ValidationError("max per day", "'lots' is not an amount"))
    assert not label.isHidden()
    assert label.text() == "⚠ Max per day: 'lots' is not an amount"
    assert label.accessibleDescription() == "Max per day: 'lots' is not an amount"


def test_save_reads_save_and_each_button_closes_the_form_its_way(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons, save = save_buttons(dialog, "Save the step")
    assert (save.text(), save.accessibleName()) == ("&Save", "Save the step")
    cancel = buttons.button(buttons.StandardButton.Cancel)
    assert cancel.accessibleName() == "Cancel"
    click(qtbot, save)
    assert dialog.result() == QDialog.DialogCode.Accepted
    click(qtbot, cancel)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_refused_value_is_shown_in_the_form(qtbot, dialog_answers) -> None:
    parent = QDialog()
    qtbot.addWidget(parent)
    label = error_label("Error")
    report_save_error(parent, label, "The step was not saved",
                      ValidationError("dose times", "'25:00' is not a time of day"))
    assert label.text() == "⚠ Dose times: '25:00' is not a time of day"
    assert dialog_answers.errors == []


def test_a_file_that_refuses_is_told_in_a_message_box_and_the_line_goes(
        qtbot, dialog_answers) -> None:
    parent = QDialog()
    qtbot.addWidget(parent)
    label = error_label("Error")
    show_form_error(label, ValidationError("amount", "must be more than 0"))
    report_save_error(parent, label, "The step was not saved", BUSY)
    assert label.isHidden()
    [(title, text)] = dialog_answers.errors
    assert title == "The step was not saved"
    assert text.startswith("The diary file is busy: another program is writing to it.")


def test_a_form_says_what_is_missing_in_its_own_words(qapp) -> None:
    label = error_label("What is missing for this event")
    show_form_message(label, "Choose what kind of event this is")
    assert not label.isHidden()
    assert label.text() == "⚠ Choose what kind of event this is"
    assert label.accessibleDescription() == "Choose what kind of event this is"


def test_an_error_is_dark_red_on_a_light_theme_and_light_red_on_a_dark_one(qapp: object) -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtGui import QPalette

    from diary.ui.widgets.form_errors import ERROR_ON_DARK
    from diary.ui.widgets.form_errors import ERROR_ON_LIGHT
    from diary.ui.widgets.form_errors import error_label
    from diary.ui.widgets.form_errors import show_form_message

    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    label = error_label("Problem")
    label.setPalette(light)
    show_form_message(label, "Choose a kind")
    assert ERROR_ON_LIGHT in label.styleSheet()
    label.setPalette(dark)
    show_form_message(label, "Choose a kind")
    assert ERROR_ON_DARK in label.styleSheet() and ERROR_ON_LIGHT not in label.styleSheet()
