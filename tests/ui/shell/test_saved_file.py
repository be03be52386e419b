"""After a report or an export is saved: where it went, with Open and Show in folder, which hand a
file:// address to the desktop (never the network); when nothing opens, the person is told. The
status bar's row goes after a while, but not from under the person's hand or keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.ui.shell.saved_file import SavedFile
from tests.helpers.qt import activate
from tests.helpers.qt import click


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


def test_open_and_show_in_folder_open_the_file_and_its_folder(
        qtbot, tmp_path: Path, opened: list[QUrl]) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.7")
    saved = SavedFile()
    qtbot.addWidget(saved)
    assert saved.isHidden()  # nothing saved yet: nothing said

    saved.show_file("Report saved (3 pages)", report)
    assert saved.label.text() == f"Report saved (3 pages): {report}"
    assert saved.folder_button.isVisibleTo(saved) and saved.open_button.text() == "Open"
    click(qtbot, saved.open_button)
    click(qtbot, saved.folder_button)
    assert [url.toLocalFile() for url in opened] == [str(report), str(tmp_path)]
    assert all(url.scheme() == "file" for url in opened)
    assert saved.open_button.accessibleName() == "Open report.pdf"


def test_an_exported_folder_has_one_button_that_opens_it(
        qtbot, tmp_path: Path, opened: list[QUrl]) -> None:
    folder = tmp_path / "medication-diary-sam-2026-11-26"
    folder.mkdir()
    saved = SavedFile()
    qtbot.addWidget(saved)
    saved.show_file("CSV exported", folder, folder=True)
    assert saved.open_button.text() == "Open folder"
    assert not saved.folder_button.isVisibleTo(saved)
    click(qtbot, saved.open_button)
    assert [url.toLocalFile() for url in opened] == [str(folder)]


def test_a_file_gone_or_nothing_to_open_it_is_told(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialog_answers) -> None:
    report = tmp_path / "report.pdf"
    saved = SavedFile()
    qtbot.addWidget(saved)
    saved.show_file("Report saved", report)
    assert not saved.open()  # deleted since
    report.write_bytes(b"%PDF-1.7")
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    assert not saved.open()
    assert dialog_answers.errors == [
        ("Cannot open", f"{report} is no longer there: it was moved or deleted since it was "
                        "saved."),
        ("Cannot open", f"No program on this computer opened the file {report}. It is saved "
                        "there; open it from your file manager.")]


def test_a_row_that_lasts_goes_after_its_time_unless_the_person_is_on_it(
        qtbot, tmp_path: Path) -> None:
    host = QWidget()  # as in the status bar: the row, and room around it for the pointer
    column = QVBoxLayout(host)
    saved = SavedFile(one_line=True, lasts_ms=60_000)
    column.addWidget(saved)
    column.addStretch(1)
    host.resize(600, 300)
    qtbot.addWidget(host)
    saved.show_file("Report saved", tmp_path / "report.pdf")
    activate(qtbot, host)
    qtbot.mouseMove(host, QPoint(590, 290))
    saved.open_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is saved.open_button)
    saved.timer.timeout.emit()  # time is up while the keyboard is on Open: it stays
    assert saved.isVisible() and saved.path == tmp_path / "report.pdf"
    assert saved.timer.isActive()  # and looks again later
    saved.open_button.clearFocus()
    qtbot.mouseMove(saved.folder_button)  # the hand on its way to Show in folder
    qtbot.waitUntil(saved.underMouse)
    saved.timer.timeout.emit()
    assert saved.isVisible() and saved.timer.isActive()
    qtbot.mouseMove(host, QPoint(590, 290))  # the person went on with something else
    qtbot.waitUntil(lambda: not saved.in_use())
    saved.timer.timeout.emit()
    assert saved.isHidden() and saved.path is None and saved.label.text() == ""


def test_a_row_without_a_time_stays(qtbot, tmp_path: Path) -> None:
    saved = SavedFile()  # the report dialog's: it stays while the dialog is open
    qtbot.addWidget(saved)
    saved.show_file("Report saved", tmp_path / "report.pdf")
    assert not saved.timer.isActive() and saved.label.wordWrap()
