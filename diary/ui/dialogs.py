"""Every question the window asks the user goes through one of these functions.

Views call them as `dialogs.ask_yes_no(...)` (never `from ... import`), so a test replaces one with
monkeypatch and no test ever opens a real modal dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

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
