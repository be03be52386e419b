"""Dialogs fit the screen: a FittingDialog never asks for more than the screen's room, its
contents scroll in a ScrollingBody with the buttons outside, and a message too long for a
message box (the keyboard shortcuts at twice the text size) scrolls with OK in reach."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.ui.widgets import dialogs
from tests.helpers.qt import activate
from tests.helpers.qt import click

ROOM = QSize(600, 400)
LONG = "<table>" + "".join(f"<tr><td><b>Ctrl+{n}</b></td><td>Something to do number {n}</td>"
                           "</tr>" for n in range(80)) + "</table>"


@pytest.fixture(autouse=True)
def room(monkeypatch: pytest.MonkeyPatch) -> QSize:
    monkeypatch.setattr(dialogs, "screen_room", lambda widget: ROOM)
    return ROOM


def tall_dialog() -> tuple[dialogs.FittingDialog, dialogs.ScrollingBody, QPushButton]:
    dialog = dialogs.FittingDialog()
    body = QWidget()
    rows = QVBoxLayout(body)
    for n in range(60):
        rows.addWidget(QLabel(f"Line {n} of something long enough to be read"))
    scroll = dialogs.ScrollingBody(body)
    ok = QPushButton("OK")
    layout = QVBoxLayout(dialog)
    layout.addWidget(scroll, 1)
    layout.addWidget(ok)
    return dialog, scroll, ok


def test_a_tall_dialog_asks_for_no_more_than_the_screen_and_scrolls(qtbot) -> None:
    dialog, scroll, ok = tall_dialog()
    qtbot.addWidget(dialog)
    assert scroll.widget().sizeHint().height() > ROOM.height()  # what it holds is taller
    assert dialog.sizeHint().height() <= ROOM.height()
    assert dialog.minimumSizeHint().height() <= ROOM.height() // 2
    activate(qtbot, dialog)
    assert dialog.height() <= ROOM.height()
    assert scroll.verticalScrollBar().isVisible()
    assert dialog.rect().contains(ok.geometry())  # the button outside the scrolling part


def test_a_short_dialog_takes_what_it_needs_without_scrolling(qtbot) -> None:
    dialog = dialogs.FittingDialog()
    body = QWidget()
    QVBoxLayout(body).addWidget(QLabel("Two words"))
    scroll = dialogs.ScrollingBody(body)
    QVBoxLayout(dialog).addWidget(scroll)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    assert not scroll.verticalScrollBar().isVisible()
    assert not scroll.horizontalScrollBar().isVisible()


def test_fit_to_screen_caps_the_size_asked_for(qtbot) -> None:
    dialog = dialogs.FittingDialog()
    qtbot.addWidget(dialog)
    dialogs.fit_to_screen(dialog, 2000, 1440)
    assert dialog.size() == ROOM
    dialogs.fit_to_screen(dialog, 300, 200)
    assert dialog.size() == QSize(300, 200)


def test_a_long_message_scrolls_with_ok_in_reach(qtbot) -> None:
    assert dialogs.long_message(None, "Keyboard shortcuts", LONG)
    assert not dialogs.long_message(None, "Saved", "The report was saved.")
    box = dialogs.scrolling_message(None, "Keyboard shortcuts", LONG,
                                    QMessageBox.Icon.Information)
    qtbot.addWidget(box)
    assert box.sizeHint().height() <= ROOM.height() and box.sizeHint().width() <= ROOM.width()
    text = box.findChild(dialogs.MessageText)
    assert text is not None and "Ctrl+79" in text.toPlainText()
    assert text.sizeHint().width() > 200  # as wide as its table, not squeezed
    ok = box.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    activate(qtbot, box)
    assert text.verticalScrollBar().isVisible() and box.rect().contains(ok.geometry())
    click(qtbot, ok)
    assert box.result() == QDialog.DialogCode.Accepted


def test_the_seam_shows_a_long_message_in_the_scrolling_box(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(dialogs.FittingDialog, "exec",
                        lambda self: shown.append(self.windowTitle()) or 1)
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text: shown.append(f"box: {title}"))
    dialogs._tell(None, "Keyboard shortcuts", LONG, QMessageBox.Icon.Information)
    dialogs._tell(None, "About", "Short.", QMessageBox.Icon.Information)
    assert shown == ["Keyboard shortcuts", "box: About"]
