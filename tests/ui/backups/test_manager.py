"""Automatic backups while the window shows a diary: the first one once the window appears, one
after a change once the interval has passed and one on closing, none from a read-only window, and
what the manager says when they grow stale."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.retention import BackupPolicy
from diary.storage import autobackup
from diary.storage import backup_names
from diary.storage import backups
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui.backups import manager as backup_manager
from diary.ui.backups.settings import known_identity
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from tests.helpers.window import plain_views
from tests.ui.backups.support import add_event
from tests.ui.backups.support import make_window
from tests.ui.backups.support import on_disk


def test_the_first_backup_waits_for_the_window_to_appear(
        qtbot, session: DiarySession, settings: QSettings, store: DiaryStore,
        clock: list[datetime], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_manager, "FIRST_CHECK_MS", 50)
    win = MainWindow(session, settings=settings, clock=lambda: clock[0], views=plain_views,
                     opener=lambda path, ro: open_diary(path, read_only=ro),
                     creator=lambda path: create_diary(path))
    qtbot.addWidget(win)
    win.show()
    assert on_disk(store) == []  # not before the event loop had the window painted
    assert win.backup_status.text() == "No backup yet"
    qtbot.waitUntil(lambda: len(on_disk(store)) == 1)


def test_the_first_window_on_a_diary_backs_it_up(window: MainWindow, store: DiaryStore) -> None:
    made = on_disk(store)
    tag = backup_names.tag_of(autobackup.identity(store))
    assert [p.name for p in made] == [f"test-20261126T200000Z-{tag}.sqlite"]
    assert autobackup.verify(made[0])["symptoms"] == 4
    assert window.backup_status.text() == "Last backup: today 21:00"
    assert not window.backup_status.warning


def test_a_change_is_backed_up_once_the_interval_has_passed(
        window: MainWindow, session: DiarySession, store: DiaryStore,
        clock: list[datetime]) -> None:
    clock[0] += timedelta(minutes=30)
    add_event(session, "within the hour")
    assert len(on_disk(store)) == 1  # the last backup is younger than the interval
    clock[0] += timedelta(minutes=31)
    window.backups.maybe_back_up()  # what the minute timer does
    assert len(on_disk(store)) == 2
    assert window.backup_status.text() == "Last backup: today 22:01"
    window.backups.maybe_back_up()
    assert len(on_disk(store)) == 2  # nothing changed since


def test_the_status_ages_with_time_alone(window: MainWindow, session: DiarySession,
                                         settings: QSettings, clock: list[datetime]) -> None:
    assert window.backup_status.text() == "Last backup: today 21:00"
    clock[0] += timedelta(hours=4)  # past midnight, nothing changed
    window.backups.tick()  # what the minute timer does
    assert window.backup_status.text() == "Last backup: yesterday 21:00"
    assert not window.backup_status.warning


def test_a_read_only_window_sees_changes_grow_stale_with_time_alone(
        qtbot, store: DiaryStore, settings: QSettings, clock: list[datetime]) -> None:
    store.backup_to(backups.new_backup_path(store.path, clock[0] - timedelta(days=2),
                                                     identity=autobackup.identity(store)))
    store.events.add(Event(clock[0] - timedelta(hours=1), EventKind.OTHER, "since"))
    path = store.path
    store.close()
    viewer = DiarySession(open_diary(path, read_only=True), lambda: clock[0])
    win = make_window(qtbot, viewer, settings, clock)
    assert not win.backup_status.warning  # two days: not stale yet
    clock[0] += timedelta(days=2)
    win.backups.tick()
    assert win.backup_status.warning
    assert "changes since are not backed up" in win.backup_status.text()
    win.close()


def test_stale_means_more_than_two_intervals_and_at_least_three_days() -> None:
    assert backup_manager.stale_after(BackupPolicy(interval_minutes=60)) == timedelta(days=3)
    weekly = BackupPolicy(interval_minutes=7 * 24 * 60)
    assert backup_manager.stale_after(weekly) == timedelta(days=14)


def test_the_window_notes_whose_diary_this_is(window: MainWindow, store: DiaryStore,
                                              settings: QSettings) -> None:
    assert known_identity(settings, store.path) == autobackup.identity(store)


def test_closing_after_a_change_backs_up_and_without_one_does_not(
        qtbot, session: DiarySession, store: DiaryStore, settings: QSettings,
        clock: list[datetime]) -> None:
    path = store.path
    first = make_window(qtbot, session, settings, clock)
    clock[0] += timedelta(minutes=5)
    first.close()
    assert len(backups.list_backups(path.parent / "backups")) == 1  # nothing had changed
    again = DiarySession(open_diary(path, clock=lambda: clock[0]), lambda: clock[0])
    second = make_window(qtbot, again, settings, clock)
    clock[0] += timedelta(minutes=5)
    add_event(again, "last thing before closing")
    second.close()
    newest = backups.list_backups(path.parent / "backups")
    assert len(newest) == 2
    assert autobackup.verify(newest[0].path)["events"] == 1


def test_a_read_only_window_takes_no_backup_and_says_when_they_are_stale(
        qtbot, store: DiaryStore, settings: QSettings, clock: list[datetime]) -> None:
    folder = store.path.parent / "backups"
    store.backup_to(backups.new_backup_path(store.path, clock[0] - timedelta(days=5),
                                                     folder))
    store.events.add(Event(clock[0] - timedelta(hours=1), EventKind.OTHER, "since"))
    path = store.path
    store.close()
    before = path.read_bytes()
    viewer = DiarySession(open_diary(path, read_only=True), lambda: clock[0])
    win = make_window(qtbot, viewer, settings, clock)
    assert len(backups.list_backups(folder)) == 1
    assert win.backup_status.warning
    assert win.backup_status.text() == (
        "⚠ Last backup: Sat 21 Nov 21:00 — changes since are not backed up")
    assert not win.back_up_action.isEnabled()
    win.close()
    assert path.read_bytes() == before


