"""File > Backups: the folder, the schedule, the list, back up now, and restore after asking
(never from a read-only window)."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSettings

from diary.storage import autobackup
from diary.storage import backups
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui.backups.settings import backup_folder
from diary.ui.backups.settings import backup_policy
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from tests.ui.backups.support import add_event
from tests.ui.backups.support import make_window


def test_the_dialog_lists_backs_up_and_saves_its_settings(
        window: MainWindow, store: DiaryStore, settings: QSettings, tmp_path: Path,
        clock: list[datetime], dialog_answers) -> None:
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
    dialog_answers.choose(drive)
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


def test_a_restore_keeps_the_diary_in_the_chosen_folder_and_lists_it(
        window: MainWindow, session: DiarySession, store: DiaryStore, settings: QSettings,
        tmp_path: Path, clock: list[datetime], dialog_answers) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    dialog_answers.choose(drive)
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
