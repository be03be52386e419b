"""The window says what it just did: Undo and Redo name the change in the status bar (and tell
any view, through the session, that it happened); a saved report or export is offered to open,
on one line that moves nothing, until another diary is shown or its time is up; and a demo diary
leaves no trace in the settings."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from diary import paths
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui import edits
from diary.ui.shell.main_window import SAVED_FILE_MS
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from tests.helpers.locks import locked
from tests.helpers.qt import click
from tests.helpers.window import plain_views


def test_undo_and_redo_say_what_they_did(window: MainWindow, session: DiarySession,
                                         clock: list[datetime]) -> None:
    heard: list[tuple[str, str]] = []
    session.undone.connect(lambda text: heard.append(("undone", text)))
    session.redone.connect(lambda text: heard.append(("redone", text)))
    edits.add_event(session, Event(clock[0] - timedelta(minutes=5), EventKind.FALL, "tripped"))

    window.undo_action.trigger()
    assert window.statusBar().currentMessage() == "Undone: Add event: Fall"
    window.redo_action.trigger()
    assert window.statusBar().currentMessage() == "Redone: Add event: Fall"
    assert heard == [("undone", "Add event: Fall"), ("redone", "Add event: Fall")]


def test_an_undone_dose_is_named(window: MainWindow, session: DiarySession,
                                 clock: list[datetime]) -> None:
    """Reviewer: "Undone: Log dose" after a dose logged on Today did not say which."""
    med = edits.add_medication(session, Medication("Baclofen", Unit.MG, max_daily=80_000))
    assert med.id is not None
    at = clock[0].replace(hour=8, minute=10)
    edits.add_dose(session, Intake(med.id, at, 20_000), "Log dose", timing=False)
    assert window.undo_action.text() == "&Undo Log dose: Baclofen 20 mg at 08:10"
    window.undo_action.trigger()
    assert window.statusBar().currentMessage() == "Undone: Log dose: Baclofen 20 mg at 08:10"


def test_the_diary_s_path_comes_back_when_a_message_goes(window: MainWindow,
                                                        session: DiarySession) -> None:
    window.announce("Undone: Add event")
    window.statusBar().clearMessage()  # the message's time is up
    assert window.statusBar().currentMessage() == paths.shown(session.store.path)


def test_an_undo_the_diary_refuses_is_not_announced(window: MainWindow, session: DiarySession,
                                                    clock: list[datetime],
                                                    dialog_answers) -> None:
    heard: list[str] = []
    session.undone.connect(heard.append)
    edits.add_event(session, Event(clock[0] - timedelta(minutes=5), EventKind.FALL, "tripped"))
    with locked(session.store):
        window.undo_action.trigger()
    assert heard == [] and not window.statusBar().currentMessage().startswith("Undone")
    assert [title for title, _ in dialog_answers.errors] == ["Not done"]


def test_an_export_is_offered_to_open_from_the_status_bar(
        qtbot, window: MainWindow, tmp_path: Path, dialog_answers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    bundle = tmp_path / "bundle.json"
    dialog_answers.choose(tmp_path, bundle)
    assert not window.saved_file.isVisibleTo(window)
    assert window.file_actions.export_csv()
    folder = window.saved_file.path
    assert folder is not None and folder.parent == tmp_path and folder.is_dir()
    assert window.saved_file.isVisibleTo(window)
    assert window.saved_file.open_button.text() == "Open folder"
    click(qtbot, window.saved_file.open_button)
    assert window.file_actions.export_fhir()
    assert window.saved_file.path == bundle
    assert window.saved_file.label.text() == f"FHIR bundle exported: {paths.shown(bundle)}"
    click(qtbot, window.saved_file.folder_button)
    assert [url.toLocalFile() for url in opened] == [str(folder), str(tmp_path)]
    assert [title for title, _ in dialog_answers.notices] == ["CSV exported",
                                                             "FHIR bundle exported"]


def test_a_saved_file_in_the_status_bar_moves_nothing(
        text_size: int, qtbot, window: MainWindow, tmp_path: Path, qapp: QApplication) -> None:
    """Reviewer: the status bar grew from 27 to 47 px when a report was saved (its long path
    wrapped onto a second line), so every tab shrank by 20 px."""
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    bar, label = window.statusBar(), window.saved_file.label
    before = (bar.height(), window.tabs.height())
    report = tmp_path / ("a-rather-long-report-name-for-ann-martin-" * 3 + "2026-11-26.pdf")
    window.saved_file.show_file("Report saved", report)
    qtbot.waitUntil(lambda: label.width() > 0)
    qapp.processEvents()
    assert (bar.height(), window.tabs.height()) == before
    assert label.height() <= label.fontMetrics().height() * 3 // 2  # one line
    # Shortened in its middle where it is drawn; whole for the tooltip and screen readers.
    assert label.text() == f"Report saved: {paths.shown(report)}"
    drawn = label.shown_text()
    assert drawn.startswith("Report sav") and drawn.endswith(".pdf") and "…" in drawn
    assert window.saved_file.folder_button.isVisible()


def test_the_saved_file_goes_with_its_diary_and_after_a_while(
        window: MainWindow, tmp_path: Path) -> None:
    report = tmp_path / "report.pdf"
    window.saved_file.show_file("Report saved", report)
    timer = window.saved_file.timer
    assert timer.isActive() and timer.interval() == SAVED_FILE_MS
    timer.timeout.emit()  # its time is up
    assert not window.saved_file.isVisibleTo(window) and window.saved_file.path is None

    window.saved_file.show_file("Report saved", report)
    other = tmp_path / "other.diary"
    create_diary(other).close()
    assert window.switch_to(other, read_only=False)
    # Another person's diary: the report of the one before is not offered beside it.
    assert not window.saved_file.isVisibleTo(window) and window.saved_file.path is None
    assert window.saved_file.label.text() == "" and not timer.isActive()


# --- a demo leaves no trace ---------------------------------------------------------------------
def demo_window(qtbot, path: Path, settings: QSettings,  # type: ignore[no-untyped-def]
                clock: list[datetime]) -> MainWindow:
    store = open_diary(path, clock=lambda: clock[0])
    window = MainWindow(
        DiarySession(store, lambda: clock[0]), settings=settings, clock=lambda: clock[0],
        views=plain_views, demo=True,
        opener=lambda p, ro: open_diary(p, read_only=ro, clock=lambda: clock[0]),
        creator=lambda p: create_diary(p, clock=lambda: clock[0]))
    qtbot.addWidget(window)
    return window


def test_a_demo_is_not_remembered(qtbot, tmp_path: Path, settings: QSettings,
                                  clock: list[datetime]) -> None:
    demo = tmp_path / "medication-diary-demo-x" / "demo.diary"
    demo.parent.mkdir()
    create_diary(demo).close()
    window = demo_window(qtbot, demo, settings, clock)
    assert window.recent.entries() == []
    window.close()
    settings.sync()
    assert settings.value("diary/last") is None
    assert settings.value("window/geometry") is None  # not even the window's size
    named = [key for key in settings.allKeys()
             if "demo" in str(settings.value(key)) or key.startswith("backups/")]
    assert named == []  # nor anything noted of its backups


def test_a_diary_opened_from_the_demo_is_remembered(qtbot, tmp_path: Path,
                                                    settings: QSettings,
                                                    clock: list[datetime]) -> None:
    demo = tmp_path / "medication-diary-demo-x" / "demo.diary"
    demo.parent.mkdir()
    create_diary(demo).close()
    mine = tmp_path / "mine.diary"
    create_diary(mine).close()
    window = demo_window(qtbot, demo, settings, clock)
    assert window.switch_to(mine, read_only=False)
    window.close()
    assert [entry.path for entry in window.recent.entries()] == [mine.resolve()]
    assert settings.value("diary/last") == str(mine)
