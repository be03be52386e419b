"""The session runs the diary's full check in the background when it is due (issue 17): the
window shows the diary at once, and is told when the check finds it damaged."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage import DiaryStore
from diary.storage.file import opening
from diary.storage.file import verified
from diary.storage.store import open_diary
from diary.ui.shell.launch import WindowRuntime
from diary.ui.shell.launch import application_icon
from diary.ui.shell.launch import build_window
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession


@pytest.fixture(autouse=True)
def _private_runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tempfile.mkdtemp(prefix="md-run-")
    monkeypatch.setenv("XDG_RUNTIME_DIR", folder)
    yield
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def diary_file(store: DiaryStore) -> Path:
    with store.write():
        store.events.add(Event(store.clock() - timedelta(hours=1), EventKind.OTHER, "first"))
    store.close()
    return store.path


def start(qtbot, path: Path, clock: list[datetime], tmp_path: Path) -> MainWindow:
    runtime = WindowRuntime(application_icon(), lambda: clock[0])
    window = build_window(runtime, path, read_only=False, settings=QSettings(
        str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert window is not None
    qtbot.addWidget(window)
    return window


def test_the_window_opens_before_the_days_check_and_records_it_when_it_passes(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path, dialog_answers) -> None:
    window = start(qtbot, diary_file, clock, tmp_path)
    # Opened with the check left for later: it runs while the window is shown.
    assert window.session.store.checking and verified.checked_at(diary_file) is None
    qtbot.waitUntil(lambda: not window.session.store.checking)
    assert verified.checked_at(diary_file) is not None
    assert dialog_answers.errors == []
    window.close()


def test_the_window_is_told_when_the_background_check_finds_damage(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path, dialog_answers) -> None:
    with contextlib.closing(sqlite3.connect(diary_file)) as other:  # behind the program's back
        other.execute("UPDATE events SET text = 'fist'")
        other.commit()
    before = diary_file.read_bytes()
    window = start(qtbot, diary_file, clock, tmp_path)
    qtbot.waitUntil(lambda: dialog_answers.errors != [])
    title, text = dialog_answers.errors[0]
    assert title == "The diary is damaged"
    assert "events row 1: text is 'fist', but was written as 'first'" in text
    assert "Nothing more is written to it" in text
    window.close()
    assert diary_file.read_bytes() == before


def test_a_session_left_open_checks_again_once_a_day(qtbot, diary_file: Path,
                                                     clock: list[datetime]) -> None:
    store = open_diary(diary_file, clock=lambda: clock[0])  # checked in full at open
    session = DiarySession(store, lambda: clock[0])
    try:
        assert not session.check_when_due()
        record = verified.record_file()
        entries = json.loads(record.read_text(encoding="utf-8"))
        entries[str(diary_file.resolve())]["checked"] = (
            datetime.now(UTC) - timedelta(days=1, minutes=1)).isoformat()
        record.write_text(json.dumps(entries), encoding="utf-8")
        assert session.check_when_due()
        qtbot.waitUntil(lambda: not store.checking)  # the verdict, taken in this thread
        checked = verified.checked_at(diary_file)
        assert checked is not None and datetime.now(UTC) - checked < timedelta(minutes=1)
    finally:
        session.close()
    assert not opening.companions(diary_file)[0].exists()


def test_damage_found_in_the_background_offers_the_newest_good_backup(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path, dialog_answers) -> None:
    from diary.storage import backups

    with open_diary(diary_file) as store:
        saved = store.backup_to(backups.new_backup_path(
            diary_file, clock[0] - timedelta(days=1), identity=store.identity())).path
    verified.forget(diary_file)
    with contextlib.closing(sqlite3.connect(diary_file)) as other:
        other.execute("UPDATE events SET text = 'fist'")
        other.commit()
    dialog_answers.queue(True)  # "Restore the backup"
    window = start(qtbot, diary_file, clock, tmp_path)
    qtbot.waitUntil(lambda: dialog_answers.notices != [] or dialog_answers.errors != [])
    assert dialog_answers.errors == []
    question = dialog_answers.asked[0]
    assert question.title == "The diary is damaged" and question.yes == "Restore the backup"
    assert "events row 1: text is 'fist', but was written as 'first'" in question.text
    assert "kept beside it, not lost" in question.text
    assert dialog_answers.notices[0][0] == "Restored"
    store = window.session.store
    assert [e.text for e in store.events.between(clock[0].date() - timedelta(days=2),
                                                 clock[0].date())] == ["first"]
    assert saved.exists()
    window.close()
