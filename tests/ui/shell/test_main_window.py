"""The main window: title, read-only banner, shortcuts, undo actions, switching diaries, typed
input never dropped without a question, settings. (Help, the recent list and the File menu's
actions on the data: test_help.py, test_recent.py, test_file_actions.py.)"""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui import edits
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from tests.helpers.locks import locked
from tests.helpers.qt import activate
from tests.helpers.window import plain_views


def test_title_names_the_person_or_the_file(window: MainWindow, session: DiarySession) -> None:
    assert window.windowTitle() == "test — Medication Diary"
    assert not window.banner.isVisibleTo(window)
    assert window.tabs.count() == 3


def test_the_status_bar_names_the_diary_from_the_home_folder(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "data").mkdir()
    create_diary(tmp_path / "data" / "mine.diary").close()

    assert window.switch_to(tmp_path / "data" / "mine.diary", read_only=False)

    assert window.statusBar().currentMessage() == "~/data/mine.diary"


def test_a_diary_outside_the_home_folder_is_named_in_full(window: MainWindow,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    other = tmp_path / "other.diary"
    create_diary(other).close()

    assert window.switch_to(other, read_only=False)

    assert window.statusBar().currentMessage() == str(other)


def test_ctrl_numbers_switch_tabs(window: MainWindow, qtbot) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 2


def test_undo_and_redo_actions_follow_the_stack(window: MainWindow, session: DiarySession,
                                                clock: list[datetime]) -> None:
    assert not window.undo_action.isEnabled()
    event = edits.add_event(session, Event(clock[0] - timedelta(minutes=5), EventKind.FALL,
                                          "tripped"))
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Add event: Fall"
    window.undo_action.trigger()
    assert session.store.events.get(event.id).deleted_at is not None
    assert window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert session.store.events.get(event.id).deleted_at is None
    keys = [s.toString() for s in window.redo_action.shortcuts()]
    assert keys == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"


def test_read_only_shows_the_banner_and_the_title(qtbot, store: DiaryStore, settings: QSettings,
                                                  clock: list[datetime], tmp_path: Path) -> None:
    store.close()
    viewer = DiarySession(open_diary(store.path, read_only=True), lambda: clock[0])
    win = MainWindow(viewer, settings=settings, clock=lambda: clock[0], views=plain_views,
                     opener=lambda p, ro: open_diary(p, read_only=ro),
                     creator=lambda p: create_diary(p))
    qtbot.addWidget(win)
    assert win.banner.isVisibleTo(win) and "Read-only" in win.banner.text()
    assert win.windowTitle() == "test (read-only) — Medication Diary"


def test_a_file_that_is_not_a_diary_keeps_the_current_one(window: MainWindow, tmp_path: Path,
                                                          dialog_answers) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("not a diary")
    errors = dialog_answers.error_texts
    before = window.session
    assert not window.switch_to(junk, read_only=False)
    assert window.session is before
    assert errors and "not an SQLite database" in errors[0]
    assert junk.read_text() == "not a diary"


def test_new_diary_is_created_and_opened(window: MainWindow, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch, dialog_answers) -> None:
    target = tmp_path / "new.sqlite"
    dialog_answers.choose(target)
    monkeypatch.setattr(MainWindow, "edit_settings", lambda self: None)
    window.new_diary()
    assert target.is_file() and window.session.store.path == target


def test_geometry_and_last_diary_remembered(window: MainWindow, settings: QSettings) -> None:
    window.resize(900, 650)
    window.close()
    assert settings.value("diary/last") == str(window.session.store.path)
    assert settings.value("window/geometry") is not None


# --- a diary that refuses an undo ---------------------------------------------------------------
def test_edit_undo_on_a_locked_diary_says_so_and_keeps_the_menu_truthful(
        window: MainWindow, session: DiarySession, clock: list[datetime],
        dialog_answers) -> None:
    errors = dialog_answers.errors
    event = edits.add_event(session, Event(clock[0] - timedelta(minutes=5), EventKind.FALL,
                                          "tripped"))
    with locked(session.store):
        window.undo_action.trigger()
    assert errors and "Add event: Fall" in errors[0][1] and "busy" in errors[0][1]
    assert session.store.events.get(event.id).deleted_at is None
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Add event: Fall"
    assert not window.redo_action.isEnabled()
    window.undo_action.trigger()  # the lock is gone
    assert session.store.events.get(event.id).deleted_at is not None
    assert window.redo_action.text() == "&Redo Add event: Fall"


# --- typed input is never dropped without a question ------------------------------------------
class Typing(QLabel):
    """A stand-in view holding typed input that is not saved."""

    def __init__(self, session: DiarySession) -> None:
        super().__init__("Today")
        self.pending = ["the note “felt dizzy”"]

    def unsaved_changes(self) -> list[str]:
        return list(self.pending)


def typing_views() -> list[tuple[str, object]]:
    return [("Today", Typing), ("History", lambda session: QLabel("History"))]


@pytest.fixture
def typing_window(qtbot, session: DiarySession, settings: QSettings,
                  clock: list[datetime]) -> MainWindow:
    win = MainWindow(
        session, settings=settings, clock=lambda: clock[0], views=typing_views,
        opener=lambda path, ro: open_diary(path, read_only=ro, clock=lambda: clock[0]),
        creator=lambda path: create_diary(path, clock=lambda: clock[0]),
    )
    qtbot.addWidget(win)
    win.show()
    return win


def test_closing_with_typed_input_asks_and_go_back_keeps_the_window(
        typing_window: MainWindow, session: DiarySession, dialog_answers) -> None:
    answers = dialog_answers.always(False)
    assert not typing_window.close()
    [question] = answers.asked
    assert question.text.startswith("Close without saving? Not saved: the note “felt dizzy”")
    assert (question.yes, question.no, question.default_yes) == ("Discard", "Go back", False)
    assert typing_window.isVisible()
    assert session.store.info() is not None  # the diary is still open
    answers.always(True)
    assert typing_window.close()
    assert len(answers.asked) == 2  # one question more


def test_nothing_typed_closes_without_a_question(typing_window: MainWindow) -> None:
    view = typing_window.view_at(0)
    assert isinstance(view, Typing)
    view.pending = []
    assert typing_window.close()  # conftest fails on any dialog


def test_switching_or_creating_a_diary_asks_first(typing_window: MainWindow, tmp_path: Path,
                                                  session: DiarySession,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  dialog_answers) -> None:
    other = tmp_path / "mother.sqlite"
    create_diary(other).close()
    asked = dialog_answers.always(False).asked
    assert not typing_window.switch_to(other, read_only=False)
    assert typing_window.session is session and len(asked) == 1
    typing_window.new_diary()  # no path queued: asking for one would fail the test
    assert typing_window.session is session and len(asked) == 2
    assert dialog_answers.chosen == []
    assert not (tmp_path / "new-diary.sqlite").exists()
    dialog_answers.always(True)
    assert typing_window.switch_to(other, read_only=False)
    assert typing_window.session.store.path == other


# --- opening: errors ---------------------------------------------------------------------------
def test_an_opener_that_fails_on_the_disk_is_reported(window: MainWindow, tmp_path: Path,
                                                      dialog_answers) -> None:
    errors = dialog_answers.error_texts

    def refuse(path: Path, read_only: bool) -> DiaryStore:
        raise PermissionError(13, "Permission denied", str(path))

    window.opener = refuse
    before = window.session
    assert not window.switch_to(tmp_path / "x.sqlite", read_only=False)
    assert window.session is before and "Permission denied" in errors[0]


# --- settings: non-blocking, applied at once ----------------------------------------------------
def no_blocking_exec(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blocking exec() would hang the test: make it fail instead."""
    from diary.ui.shell.settings_dialog import SettingsForm

    monkeypatch.setattr(SettingsForm, "exec", lambda self: pytest.fail("Settings used exec()"))


def test_settings_open_without_blocking_and_report_when_saved(
        qtbot, window: MainWindow, session: DiarySession,
        monkeypatch: pytest.MonkeyPatch) -> None:
    no_blocking_exec(monkeypatch)
    form = window.edit_settings()  # returns at once: open(), not exec()
    assert form.isVisible() and form.windowModality() == Qt.WindowModality.WindowModal
    assert window.edit_settings() is form  # a second Settings… raises the same form
    form.name.setText("Ann")
    with qtbot.waitSignal(window.settings_changed, timeout=1000):
        form.apply()
    assert session.store.info().name == "Ann"
    assert window.settings_dialog is None and window.windowTitle().startswith("Ann")


def test_new_diary_opens_its_settings_without_blocking(window: MainWindow, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       dialog_answers) -> None:
    """Where the set-up assistant was done for that file before (else the assistant opens:
    test_main_window_assistant.py)."""
    from diary.ui.assistant import mark_done

    no_blocking_exec(monkeypatch)
    target = tmp_path / "new.sqlite"
    mark_done(window.settings, target)
    dialog_answers.choose(target)
    window.new_diary()
    form = window.settings_dialog
    assert form is not None and form.isVisible() and form.session is window.session
    form.reject()
    assert window.settings_dialog is None


# --- the views ---------------------------------------------------------------------------------


def test_only_the_tab_shown_is_built_with_the_window(qtbot, session: DiarySession,
                                                    settings: QSettings,
                                                    clock: list[datetime]) -> None:
    from diary.ui.history.view import HistoryView
    from diary.ui.shell.main_window import default_views
    from diary.ui.today.view import TodayView

    win = MainWindow(session, settings=settings, clock=lambda: clock[0], views=default_views,
                     opener=lambda path, ro: open_diary(path, read_only=ro),
                     creator=lambda path: create_diary(path))
    qtbot.addWidget(win)
    assert [type(v) for v in win.built_views()] == [TodayView]
    win.show()
    win.tabs.setCurrentIndex(1)  # what Ctrl+2 does
    assert [type(v) for v in win.built_views()] == [TodayView, HistoryView]
    assert win.view_at(1).isVisible()
