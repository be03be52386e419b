"""A form's error line, and the one rule for showing a failed save: a value the diary refuses
beside what was typed, a failure of the file or the disk in a message box; the form stays as it
is either way, so nothing typed is lost."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from diary.domain.errors import ValidationError
from diary.ui import edits
from diary.ui.widgets import dialogs


def error_label(name: str) -> QLabel:
    """A label for a form's error: word-wrapped, selectable, announced by its accessible name."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setStyleSheet("QLabel { color: #a50021; font-weight: bold; }")
    label.hide()
    return label


def show_form_error(label: QLabel, exc: Exception) -> None:
    text = (f"{exc.field.capitalize()}: {exc.message}" if isinstance(exc, ValidationError)
            else edits.error_text(exc))
    label.setText(f"⚠ {text}")
    label.setAccessibleDescription(text)
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
