"""The dialog seam: "Did you take it?" has no default answer for Enter to give, and the path
choosers give back the path chosen, or None for Cancel, asking with the title, start and
filters they were given."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from diary.ui.widgets import dialogs
from tests.helpers.qt import activate

# The seam's own functions, taken before tests/ui/conftest.py replaces them for every test (no
# test may open a real dialog; these ones open none, QFileDialog is stood in for).
choose_open_path, choose_save_path, choose_folder = (
    dialogs.choose_open_path, dialogs.choose_save_path, dialogs.choose_folder)


def test_the_real_question_has_no_default_answer(qtbot) -> None:
    """Enter must not answer "Did you take it?" either way: neither button is the default, none
    becomes it when shown or focused, and Escape closes the box with neither answer."""
    box, taken, not_taken = dialogs.what_happened_box(
        None, "Before recording this dose", "Baclofen: over the maximum.\n\nDid you take it?",
        taken="I took it — record it", not_taken="I did not take it")
    qtbot.addWidget(box)
    assert box.defaultButton() is None
    activate(qtbot, box)
    focused = box.focusWidget()
    assert focused in (taken, not_taken) and focused.hasFocus()
    for button in (taken, not_taken):
        assert not button.isDefault() and not button.autoDefault()
    qtbot.keyClick(focused, Qt.Key.Key_Return)  # not even the answer the keyboard is on
    qtbot.keyClick(box, Qt.Key.Key_Enter)
    assert box.isVisible() and box.clickedButton() is None
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.isVisible() and box.clickedButton() is None


class FileDialogs:
    """Stands in for QFileDialog's static functions: answers with `chosen` (an empty name, as
    Cancel gives, when nothing is there) and records how each was called."""

    def __init__(self) -> None:
        self.chosen: dict[str, str] = {}
        self.calls: list[tuple[object, ...]] = []

    def answer(self, kind: str):  # type: ignore[no-untyped-def]
        def called(parent: object, *args: object) -> object:
            self.calls.append((kind, *args))
            name = self.chosen.get(kind, "")
            return name if kind == "folder" else (name, "")
        return staticmethod(called)


@pytest.fixture
def file_dialogs(monkeypatch: pytest.MonkeyPatch) -> FileDialogs:
    fake = FileDialogs()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake.answer("open"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake.answer("save"))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", fake.answer("folder"))
    return fake


def test_a_chosen_file_or_folder_comes_back_as_a_path(file_dialogs: FileDialogs,
                                                      tmp_path: Path) -> None:
    file_dialogs.chosen.update(open=str(tmp_path / "mum.diary"), save=str(tmp_path / "new.diary"),
                               folder=str(tmp_path / "drive"))
    assert choose_open_path(None, "Open a diary", tmp_path) == tmp_path / "mum.diary"
    assert choose_save_path(None, "New diary", tmp_path / "new-diary.sqlite",
                            "CSV files (*.csv)") == tmp_path / "new.diary"
    assert choose_folder(None, "Export CSV into", tmp_path) == tmp_path / "drive"
    assert file_dialogs.calls == [
        ("open", "Open a diary", str(tmp_path), dialogs.DIARY_FILTER),
        ("save", "New diary", str(tmp_path / "new-diary.sqlite"), "CSV files (*.csv)"),
        ("folder", "Export CSV into", str(tmp_path))]


def test_cancel_comes_back_as_none(file_dialogs: FileDialogs, tmp_path: Path) -> None:
    assert choose_open_path(None, "Open a diary", tmp_path) is None
    assert choose_save_path(None, "New diary", tmp_path / "new.diary") is None
    assert choose_folder(None, "Keep the backups in", tmp_path) is None
    assert [call[0] for call in file_dialogs.calls] == ["open", "save", "folder"]
