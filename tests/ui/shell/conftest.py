"""The main window tests' fixtures: the window's settings file, and the window around stand-in
views (tests/helpers/window.py: plain_views)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from tests.helpers.window import plain_views


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def form(qtbot, session: DiarySession, settings: QSettings):  # type: ignore[no-untyped-def]
    """The Settings form on the test's diary, shown."""
    from diary.ui.shell.settings_dialog import SettingsForm

    dialog = SettingsForm(session, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def window(qtbot, session: DiarySession, settings: QSettings,  # type: ignore[no-untyped-def]
           clock: list[datetime]) -> MainWindow:
    win = MainWindow(
        session, settings=settings, clock=lambda: clock[0], views=plain_views,
        opener=lambda path, ro: open_diary(path, read_only=ro, clock=lambda: clock[0]),
        creator=lambda path: create_diary(path, clock=lambda: clock[0]),
    )
    qtbot.addWidget(win)
    return win
