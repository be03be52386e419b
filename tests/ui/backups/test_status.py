"""The status bar's word on backups: the last good one, or a warning in words and in bold (never
by colour alone); a click opens File > Backups."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSettings

from diary.ui.backups.dialog import BackupsDialog
from diary.ui.backups.manager import BackupManager
from diary.ui.backups.status import BackupStatus
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import click
from tests.ui.backups.support import add_event


def test_a_failing_backup_is_a_warning_in_words_until_one_succeeds(
        window: MainWindow, session: DiarySession, settings: QSettings, tmp_path: Path,
        clock: list[datetime], dialog_answers) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the drive should be")
    dialog_answers.choose(blocked)
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


def test_the_status_opens_the_backups_dialog(window: MainWindow, qtbot) -> None:
    click(qtbot, window.backup_status)
    dialogs_shown = [w for w in window.findChildren(BackupsDialog) if w.isVisible()]
    assert len(dialogs_shown) == 1
    dialogs_shown[0].close()


def test_a_warning_is_said_in_words_and_bold_and_goes_again(qapp) -> None:
    status = BackupStatus()
    status.show_status("Backup failed: the drive is not there", True)
    assert (status.text(), status.warning, status.font().bold()) == (
        "⚠ Backup failed: the drive is not there", True, True)
    status.show_status("Last backup: today 21:00", False)
    assert (status.text(), status.warning, status.font().bold()) == (
        "Last backup: today 21:00", False, False)
    assert status.accessibleName() == "Backup status"


def test_it_follows_the_manager_it_watches_and_no_other(
        qapp, session: DiarySession, settings: QSettings) -> None:
    status = BackupStatus()
    first = BackupManager(session, settings)
    status.watch(first)
    assert status.text() == "No backup yet"  # said at once, before any backup
    second = BackupManager(session, settings)
    status.watch(second)  # the window switched diaries
    first.status_changed.emit("Backup failed: from the diary shown before", True)
    assert not status.warning and status.text() == "No backup yet"
    assert second.back_up() is not None
    assert status.text() == "Last backup: today 21:00"
