"""The backups tests' fixtures: the window's settings file, the window (its first backup taken),
and the first backup check at once rather than after the window's first paint."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.ui.backups import manager as backup_manager
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from tests.ui.backups.support import make_window


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def _first_check_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_manager, "FIRST_CHECK_MS", 0)


@pytest.fixture
def window(qtbot, session: DiarySession, settings: QSettings,  # type: ignore[no-untyped-def]
           clock: list[datetime]) -> MainWindow:
    return make_window(qtbot, session, settings, clock)
