"""Every question the window asks the user goes through one of these functions.

Views call them as `dialogs.ask_yes_no(...)` (never `from ... import`), so a test replaces one with
monkeypatch and no test ever opens a real modal dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QCloseEvent
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

DIARY_FILTER = "Diaries (*.sqlite *.diary *.db);;All files (*)"


def ask_yes_no(parent: QWidget | None, title: str, text: str, *, yes: str = "Yes",
               no: str = "No", default_yes: bool = False) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


class _TwoAnswers(QMessageBox):
    """A question with two answers and no default: Enter answers nothing; Escape or closing the
    window answers neither (`clickedButton()` stays None). A plain QMessageBox ignores both
    without an escape button, and would click a NoRole or RejectRole button as one."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Cancel):
            self.reject()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        QDialog.closeEvent(self, event)


def what_happened_box(parent: QWidget | None, title: str, text: str, *, taken: str,
                      not_taken: str) -> tuple[QMessageBox, QPushButton, QPushButton]:
    """The box `ask_what_happened` shows, and its two buttons (built, not shown: tests look at
    it). Neither button is the default nor becomes it on focus (autoDefault off), so Enter
    answers nothing; both have the action role, which Qt never makes the default itself."""
    box = _TwoAnswers(QMessageBox.Icon.Warning, title, text, parent=parent)
    taken_button = box.addButton(taken, QMessageBox.ButtonRole.ActionRole)
    not_taken_button = box.addButton(not_taken, QMessageBox.ButtonRole.ActionRole)
    for button in (taken_button, not_taken_button):
        button.setAutoDefault(False)
        button.setDefault(False)
    return box, taken_button, not_taken_button


def ask_what_happened(parent: QWidget | None, title: str, text: str, *, taken: str,
                      not_taken: str) -> bool | None:
    """Ask what happened, with two plain answers and no default: True for `taken`, False for
    `not_taken`, None when the person closed the question (Escape) without answering."""
    box, taken_button, not_taken_button = what_happened_box(parent, title, text, taken=taken,
                                                            not_taken=not_taken)
    box.exec()
    clicked = box.clickedButton()
    if clicked is taken_button:
        return True
    if clicked is not_taken_button:
        return False
    return None


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def choose_open_path(parent: QWidget | None, title: str, folder: Path,
                     filters: str = DIARY_FILTER) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
    return Path(name) if name else None


def choose_save_path(parent: QWidget | None, title: str, suggestion: Path,
                     filters: str = DIARY_FILTER) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggestion), filters)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(folder))
    return Path(name) if name else None
