"""Whole-window flows with the real views: a dose logged in Today shows in History, and the Edit
menu's Undo takes it back out of both; the read-only window changes nothing."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.domain.entities import Intake
from diary.domain.entities import Slot
from diary.storage.store import DiaryStore
from diary.ui.history.view import HistoryView
from diary.ui.shell.launch import WindowRuntime
from diary.ui.shell.launch import application_icon
from diary.ui.shell.launch import build_window
from diary.ui.shell.main_window import MainWindow
from diary.ui.today.view import TodayView
from tests.helpers.qt import click
from tests.ui.today.support import DAY
from tests.ui.today.support import baclofen
from tests.ui.today.support import row


@pytest.fixture(autouse=True)
def _private_runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tempfile.mkdtemp(prefix="md-run-")
    monkeypatch.setenv("XDG_RUNTIME_DIR", folder)
    yield
    shutil.rmtree(folder, ignore_errors=True)


def open_window(qtbot, path: Path, clock: list[datetime], tmp_path: Path,
                read_only: bool = False) -> MainWindow:
    runtime = WindowRuntime(application_icon(), lambda: clock[0])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(runtime, path, read_only=read_only, settings=settings)
    assert window is not None
    qtbot.addWidget(window)
    return window


def views(window: MainWindow) -> tuple[TodayView, HistoryView]:
    today, history = window.view_at(0), window.view_at(1)
    assert isinstance(today, TodayView) and isinstance(history, HistoryView)
    return today, history


def test_a_dose_taken_in_today_shows_in_history_and_undo_takes_it_back(
        qtbot, store: DiaryStore, clock: list[datetime], tmp_path: Path) -> None:
    from diary.ui.shell.session import DiarySession

    med = baclofen(DiarySession(store, lambda: clock[0]))
    store.close()
    window = open_window(qtbot, store.path, clock, tmp_path)
    today, history = views(window)
    missed = history.model.total()  # the doses of the plan missed since the 20th are rows too
    assert missed == history.model.missed_total() == 6 * 3 + 2
    click(qtbot, row(today, med, time(20)).take)
    assert history.model.total() == missed + 1
    newest = history.model.entry(0)
    assert isinstance(newest, Intake) and newest.slot == Slot(DAY, time(20))
    assert "20 / 80 mg" in today.total_texts[med.id]
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert history.model.total() == missed
    assert "0 / 80 mg" in today.total_texts[med.id]
    assert window.session.store.intakes.between(DAY, DAY) == []
    window.redo_action.trigger()
    assert history.model.total() == missed + 1
    window.close()


def test_the_read_only_window_disables_taking_and_writes_nothing(
        qtbot, store: DiaryStore, clock: list[datetime], tmp_path: Path) -> None:
    from diary.ui.shell.session import DiarySession

    med = baclofen(DiarySession(store, lambda: clock[0]))
    store.close()
    before = store.path.read_bytes()
    window = open_window(qtbot, store.path, clock, tmp_path, read_only=True)
    today, history = views(window)
    assert window.banner.isVisibleTo(window)
    assert not row(today, med, time(20)).take.isEnabled()
    assert not history.delete_button.isEnabled()
    window.close()
    assert store.path.read_bytes() == before


def test_keyboard_shortcuts_list_every_view_s_keys(qtbot, store: DiaryStore,
                                                  clock: list[datetime], tmp_path: Path,
                                                  dialog_answers) -> None:
    store.close()
    window = open_window(qtbot, store.path, clock, tmp_path)
    next(a for a in window.actions() if a.text() == "&Keyboard shortcuts").trigger()
    text = dialog_answers.notice_texts[0]
    for keys in ("Ctrl+T", "Ctrl+E", "Ctrl+Enter", "F2", "Delete", "Ctrl+F", "Ctrl+Up",
                 "Ctrl+Z / Ctrl+Shift+Z"):
        assert f"<b>{keys}" in text, keys
    for heading in ("Everywhere", "Today", "History", "Medications"):
        assert f">{heading}</th>" in text
    window.close()


def test_turning_reminders_off_in_settings_stops_them_at_once(
        qtbot, store: DiaryStore, clock: list[datetime], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from diary.ui.shell.settings_dialog import SettingsForm

    monkeypatch.setattr(SettingsForm, "exec", lambda self: pytest.fail("Settings used exec()"))
    store.close()
    runtime = WindowRuntime(application_icon(), lambda: clock[0])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(runtime, store.path, read_only=False, settings=settings)
    assert window is not None
    qtbot.addWidget(window)
    assert runtime.scheduler is not None and runtime.scheduler.is_enabled()
    form = window.edit_settings()
    form.reminders.setChecked(False)
    form.apply()
    assert not runtime.scheduler.is_enabled()
    form = window.edit_settings()
    form.reminders.setChecked(True)
    form.apply()
    assert runtime.scheduler.is_enabled()
    window.close()

