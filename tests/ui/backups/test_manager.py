"""Automatic backups in the window, the status bar's word on them, File > Backups (folder,
schedule, list, restore), and the offer to restore when the diary is damaged."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from diary.domain.entities import Event, EventKind
from diary.domain.retention import BackupPolicy
from diary.storage import autobackup, backup_names, backups
from diary.storage.store import DiaryStore, create_diary, open_diary
from diary.ui.backups import manager as backup_manager
from diary.ui.backups.dialog import BackupsDialog
from diary.ui.backups.settings import backup_folder, backup_policy, known_identity
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs


def plain_views() -> list[tuple[str, object]]:
    return [(name, lambda session, n=name: QLabel(n)) for name in ("Today", "History", "Meds")]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def _first_check_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_manager, "FIRST_CHECK_MS", 0)


def make_window(qtbot, session: DiarySession, settings: QSettings,
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


@pytest.fixture
def window(qtbot, session: DiarySession, settings: QSettings,
           clock: list[datetime]) -> MainWindow:
    return make_window(qtbot, session, settings, clock)


def on_disk(store: DiaryStore) -> list[Path]:
    return [info.path for info in backups.list_backups(store.path.parent / "backups")]


def add_event(session: DiarySession, text: str) -> None:
    """A change made in the window: stored, then announced as every view's write is."""
    session.store.events.add(Event(session.now() - timedelta(minutes=1), EventKind.OTHER, text))
    session.changed.emit()


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


def test_a_failing_backup_is_a_warning_in_words_until_one_succeeds(
        window: MainWindow, session: DiarySession, settings: QSettings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, clock: list[datetime], dialog_answers) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the drive should be")
    monkeypatch.setattr(dialogs, "choose_folder", lambda *a: blocked)
    dialog = window.file_actions.show_backups()
    errors = dialog_answers.error_texts
    dialog.choose_folder()
    clock[0] += timedelta(hours=2)
    add_event(session, "not backed up")
    assert window.backup_status.warning
    assert window.backup_status.text().startswith("⚠ Backup failed: ")
    assert window.backup_status.font().bold()
    dialog.back_up_now()
    assert errors and "not-a-folder" in errors[0]
    dialog._set_folder(None)  # back to the default folder, which works
    assert not window.backup_status.warning
    assert window.backup_status.text() == "Last backup: today 23:00"
    dialog.close()


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


def test_the_dialog_lists_backs_up_and_saves_its_settings(
        window: MainWindow, store: DiaryStore, settings: QSettings, tmp_path: Path,
        clock: list[datetime], monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = window.file_actions.show_backups()
    assert dialog.table.rowCount() == 1
    clock[0] += timedelta(minutes=1)
    dialog.back_up_now()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 0).text() == "today 21:01"  # newest first
    assert dialog.table.item(0, 1).text() == "Backup"
    dialog.daily.setValue(3)
    dialog.interval.setValue(240)
    assert backup_policy(settings).daily == 3
    assert backup_policy(settings).interval_minutes == 240
    drive = tmp_path / "drive"
    drive.mkdir()
    monkeypatch.setattr(dialogs, "choose_folder", lambda *a: drive)
    dialog.choose_folder()
    assert backup_folder(settings, store.path) == drive
    assert str(drive) in dialog.folder_label.text()
    # The chosen folder held no backup: the diary is backed up there at once.
    assert len(backups.list_backups(drive)) == 1
    dialog.close()


def test_restore_from_the_dialog_replaces_the_diary_after_asking(
        window: MainWindow, session: DiarySession, clock: list[datetime],
        dialog_answers) -> None:
    clock[0] += timedelta(hours=2)
    add_event(session, "after the first backup")
    asked = dialog_answers.queue(False, True).texts
    dialog = window.file_actions.show_backups()
    oldest = dialog.table.rowCount() - 1
    dialog.table.selectRow(oldest)  # the first backup, with no event in it
    dialog.restore_selected()  # declined
    assert window.session is session and session.store.counts()["events"] == 1
    dialog.restore_selected()
    assert "It holds 0 doses, 0 ratings and 0 events" in asked[1]
    assert window.session is not session
    assert window.session.store.counts()["events"] == 0
    shown = dialog_answers.notice_texts
    assert "kept in" in shown[0]
    kept = [i for i in backups.list_backups(window.session.store.path.parent / "backups")
            if i.kind == backups.BEFORE_RESTORE]
    assert len(kept) == 1 and autobackup.verify(kept[0].path)["events"] == 1


def test_a_read_only_window_cannot_restore(qtbot, store: DiaryStore, settings: QSettings,
                                           clock: list[datetime]) -> None:
    store.backup_to(backups.new_backup_path(store.path, clock[0]))
    path = store.path
    store.close()
    viewer = DiarySession(open_diary(path, read_only=True), lambda: clock[0])
    win = make_window(qtbot, viewer, settings, clock)
    dialog = win.file_actions.show_backups()
    assert dialog.table.rowCount() == 1
    assert not dialog.restore_button.isEnabled()
    assert not dialog.back_up_button.isEnabled()
    dialog.close()
    win.close()


def test_the_status_opens_the_backups_dialog(window: MainWindow, qtbot) -> None:
    qtbot.mouseClick(window.backup_status, Qt.MouseButton.LeftButton)
    dialogs_shown = [w for w in window.findChildren(BackupsDialog) if w.isVisible()]
    assert len(dialogs_shown) == 1
    dialogs_shown[0].close()


def test_a_restore_keeps_the_diary_in_the_chosen_folder_and_lists_it(
        window: MainWindow, session: DiarySession, store: DiaryStore, settings: QSettings,
        tmp_path: Path, clock: list[datetime], monkeypatch: pytest.MonkeyPatch,
        dialog_answers) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    monkeypatch.setattr(dialogs, "choose_folder", lambda *a: drive)
    dialog = window.file_actions.show_backups()
    dialog.choose_folder()  # backs up to the drive at once
    clock[0] += timedelta(hours=2)
    add_event(session, "after the backup")
    dialog_answers.always(True)
    dialog.table.selectRow(0)
    dialog.restore_selected()
    kept = [i for i in backups.list_backups(drive) if i.kind == backups.BEFORE_RESTORE]
    assert len(kept) == 1 and autobackup.verify(kept[0].path)["events"] == 1
    assert not (store.path.parent / "backups" / kept[0].path.name).exists()
    again = window.file_actions.show_backups()
    assert "Kept before a restore" in [again.table.item(r, 1).text()
                                       for r in range(again.table.rowCount())]
    again.close()
