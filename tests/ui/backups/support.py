"""Helpers the backups tests share (no tests here): a main window around stand-in views, the
backups on disk, and a change made as the window's views make one. The fixtures built on them
(`settings`, `window`) are in conftest.py."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSettings

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage import backups
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from tests.helpers.window import plain_views


def make_window(qtbot, session: DiarySession, settings: QSettings,  # type: ignore[no-untyped-def]
                clock: list[datetime]) -> MainWindow:
    win = MainWindow(
        session, settings=settings, clock=lambda: clock[0], views=plain_views,
        opener=lambda path, ro: open_diary(path, read_only=ro, clock=lambda: clock[0]),
        creator=lambda path: create_diary(path, clock=lambda: clock[0]),
    )
    qtbot.addWidget(win)
    if not session.read_only:
        qtbot.waitUntil(lambda: win.backups is not None and win.backups.last_good is not None)
    return win


def on_disk(store: DiaryStore) -> list[Path]:
    return [info.path for info in backups.list_backups(store.path.parent / "backups")]


def add_event(session: DiarySession, text: str) -> None:
    """A change made in the window: stored, then announced as every view's write is."""
    session.store.events.add(Event(session.now() - timedelta(minutes=1), EventKind.OTHER, text))
    session.changed.emit()
