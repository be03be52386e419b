"""The main window: title, read-only banner, menus, shortcuts, undo actions, switching diaries."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from diary.domain.entities import Event, EventKind
from diary.storage.store import DiaryStore, create_diary, open_diary
from diary.ui import dialogs, undo
from diary.ui.main_window import MainWindow
from diary.ui.session import DiarySession
from tests.ui.support import activate


def plain_views() -> list[tuple[str, object]]:
    """Stand-ins for the three views: these tests are about the window around them."""
    return [(name, lambda session, n=name: QLabel(n)) for name in ("Today", "History", "Meds")]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, session: DiarySession, settings: QSettings, clock: list[datetime],
           tmp_path: Path) -> MainWindow:
    win = MainWindow(
        session, settings=settings, clock=lambda: clock[0], views=plain_views,
        opener=lambda path, ro: open_diary(path, read_only=ro, clock=lambda: clock[0]),
        creator=lambda path: create_diary(path, clock=lambda: clock[0]),
    )
    qtbot.addWidget(win)
    return win


def test_title_names_the_person_or_the_file(window: MainWindow, session: DiarySession) -> None:
    assert window.windowTitle() == "test — Medication Diary"
    assert not window.banner.isVisibleTo(window)
    assert window.tabs.count() == 3


def test_ctrl_numbers_switch_tabs(window: MainWindow, qtbot) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 2


def test_undo_and_redo_actions_follow_the_stack(window: MainWindow, session: DiarySession,
                                                clock: list[datetime]) -> None:
    assert not window.undo_action.isEnabled()
    event = undo.add_event(session, Event(clock[0] - timedelta(minutes=5), EventKind.FALL,
                                          "tripped"))
    assert window.undo_action.isEnabled() and window.undo_action.text() == "&Undo Add event"
    window.undo_action.trigger()
    assert session.store.event(event.id).deleted_at is not None
    assert window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert session.store.event(event.id).deleted_at is None
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


def test_open_another_diary_and_the_recent_list(window: MainWindow, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "mother.sqlite"
    create_diary(other).close()
    monkeypatch.setattr(dialogs, "choose_open_path", lambda *a: other)
    window.open_dialog(read_only=True)
    assert window.session.store.path == other and window.session.read_only
    assert window.banner.isVisibleTo(window)
    assert [a.text() for a in window.recent_menu.actions()] == [str((tmp_path / "test.diary")
                                                                    .resolve())]


def test_a_file_that_is_not_a_diary_keeps_the_current_one(window: MainWindow, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("not a diary")
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    before = window.session
    assert not window.switch_to(junk, read_only=False)
    assert window.session is before
    assert errors and "not an SQLite database" in errors[0]
    assert junk.read_text() == "not a diary"


def test_new_diary_is_created_and_opened(window: MainWindow, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "new.sqlite"
    monkeypatch.setattr(dialogs, "choose_save_path", lambda *a: target)
    monkeypatch.setattr(MainWindow, "edit_settings", lambda self: None)
    window.new_diary()
    assert target.is_file() and window.session.store.path == target


def test_about_says_it_is_not_medical_advice(window: MainWindow,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: shown.append((title,
                                                                                        text)))
    about = next(a for a in window.actions() if a.text().startswith("&About"))
    about.trigger()
    assert "not medical advice" in shown[0][1]
    keys = next(a for a in window.actions() if a.text() == "&Keyboard shortcuts")
    keys.trigger()
    assert "Ctrl+Z / Ctrl+Shift+Z" in shown[1][1]


def test_geometry_and_last_diary_remembered(window: MainWindow, settings: QSettings) -> None:
    window.resize(900, 650)
    window.close()
    assert settings.value("diary/last") == str(window.session.store.path)
    assert settings.value("window/geometry") is not None
