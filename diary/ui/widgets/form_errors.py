"""A form's error line and its Save and Cancel buttons, and the one rule for showing a failed save:
a value the diary refuses beside what was typed, a failure of the file or the disk in a message
box; the form stays as it is either way, so nothing typed is lost."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from diary.domain.errors import ValidationError
from diary.ui import edits
from diary.ui.widgets import dialogs

# An error's red, dark on a light theme and light on a dark one (contrast above 4.5:1 on both).
ERROR_ON_LIGHT, ERROR_ON_DARK = "#a50021", "#ff9b9b"


def error_colour(palette: QPalette) -> str:
    """The red an error is written in on a window of `palette`."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return ERROR_ON_DARK if dark else ERROR_ON_LIGHT


def _paint(label: QLabel) -> None:
    label.setStyleSheet(f"QLabel {{ color: {error_colour(label.palette())}; "
                        "font-weight: bold; }")


def error_label(name: str) -> QLabel:
    """A label for a form's error: word-wrapped, selectable, announced by its accessible name."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    _paint(label)
    label.hide()
    return label


def save_buttons(dialog: QDialog, save_name: str) -> tuple[QDialogButtonBox, QPushButton]:
    """A form dialog's OK and Cancel, OK reading "&Save" and named `save_name` for a screen
    reader; they accept and reject `dialog`. Returns the box and its Save button."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    save = buttons.button(QDialogButtonBox.StandardButton.Ok)
    save.setText("&Save")
    save.setAccessibleName(save_name)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, save


def show_form_error(label: QLabel, exc: Exception) -> None:
    text = (f"{exc.field.capitalize()}: {exc.message}" if isinstance(exc, ValidationError)
            else edits.error_text(exc))
    show_form_message(label, text)


def show_form_message(label: QLabel, text: str) -> None:
    """Say what is wrong beside the field, in the form's own words ("Choose what kind of event
    this is"): shown with a warning sign, and read out as it is."""
    label.setText(f"⚠ {text}")
    label.setAccessibleDescription(text)
    _paint(label)  # the theme may have changed since the form was built
    label.show()


def report_save_error(parent: QWidget, label: QLabel, title: str, exc: Exception) -> None:
    """A value the diary refuses is shown in the form, beside what was typed; a failure of the
    file or the disk (locked by another program, read-only, full) is told in a message box. Either
    way the form stays as it is, so nothing typed is lost and OK can be pressed again."""
    if edits.is_refusal(exc):
        show_form_error(label, exc)
    else:
        label.hide()
        dialogs.show_error(parent, title, edits.error_text(exc))
