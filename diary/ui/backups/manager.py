"""Automatic backups while the window shows a diary, and what the status bar says about them.

A backup is taken when the diary changed since the last good one and that one is older than the
interval (checked after every change and once a minute), and when the window closes after a
change. Each goes through storage.autobackup: verified first, older ones thinned after. A failure
is never silent: the status says so until a backup succeeds again, and a diary that changed long
after its last good backup is called out too. A read-only window takes no backups.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from datetime import timedelta

from PySide6.QtCore import QObject
from PySide6.QtCore import QSettings
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal

from diary.domain.retention import BackupPolicy
from diary.domain.retention import backup_due
from diary.storage import autobackup
from diary.storage.autobackup import AutoBackup
from diary.storage.backups import BackupInfo
from diary.storage.errors import DiaryFileError
from diary.ui import edits
from diary.ui.backups.settings import backup_folder
from diary.ui.backups.settings import backup_policy
from diary.ui.backups.settings import remember_identity
from diary.ui.shell.session import DiarySession

CHECK_EVERY_MS = 60_000
FIRST_CHECK_MS = 1_500
RETRY_AFTER = timedelta(minutes=5)  # a drive that is not plugged in is not asked every change
STALE_AFTER = timedelta(days=3)  # at least; and never less than two intervals


class BackupManager(QObject):
    status_changed = Signal(str, bool)  # the text for the status bar; True when it is a warning
    backed_up = Signal(object)  # AutoBackup

    def __init__(self, session: DiarySession, settings: QSettings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.settings = session, settings
        self.last_good: datetime | None = None
        self.dirty = False
        self.error: str | None = None
        self._retry_at: datetime | None = None
        self.identity = autobackup.identity(session.store)
        remember_identity(settings, session.store.path, self.identity)
        self._look_on_disk()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.tick)
        session.changed.connect(self._on_change)

    def start(self) -> None:
        """Checks begin once the window had time to appear: a backup of a large diary must not
        hold up its first paint."""
        self._timer.start()  # a read-only window takes no backup, but its status ages too
        if not self.session.read_only:
            QTimer.singleShot(FIRST_CHECK_MS, self, self.maybe_back_up)
        self._emit()

    def stop(self) -> None:
        self._timer.stop()

    # --- taking backups ---------------------------------------------------------------------
    def _on_change(self) -> None:
        self.dirty = True
        self.maybe_back_up()

    def tick(self) -> None:
        """Once a minute: a backup when one is due, and the status said again, since time alone
        changes it ("today" becomes "yesterday"; changes left unsaved grow stale)."""
        self.maybe_back_up()
        self._emit()

    def maybe_back_up(self) -> None:
        now = self.session.now()
        if self.session.read_only or (self._retry_at is not None and now < self._retry_at):
            return
        if backup_due(self.last_good, self.dirty, now, backup_policy(self.settings)):
            self.back_up()

    def back_up(self) -> AutoBackup | None:
        """A backup now, verified, then thinning. None when it failed (the status says why)."""
        now = self.session.now()
        folder = backup_folder(self.settings, self.session.store.path)
        try:
            done = autobackup.back_up_and_thin(self.session.store, folder, now,
                                               self.session.zone(),
                                               backup_policy(self.settings))
        except (DiaryFileError, sqlite3.Error, OSError) as exc:
            self.error = str(exc) if isinstance(exc, DiaryFileError) else edits.error_text(exc)
            self._retry_at = now + RETRY_AFTER
            self._emit()
            return None
        self.last_good, self.error, self._retry_at, self.dirty = now, None, None, False
        self._emit()
        self.backed_up.emit(done)
        return done

    def on_close(self) -> str | None:
        """The backup of a window closing after a change; the error text when it failed."""
        self.stop()
        if self.session.read_only or not self.dirty:
            return None
        return None if self.back_up() is not None else self.error

    def folder_changed(self) -> None:
        """Another folder was chosen: what it holds is now the last good backup."""
        self._look_on_disk()
        self.error, self._retry_at = None, None
        self.maybe_back_up()
        self._emit()

    # --- what to say ------------------------------------------------------------------------
    def status(self) -> tuple[str, bool]:
        now = self.session.now()
        if self.error is not None:
            return f"Backup failed: {self.error}", True
        if self.last_good is None:
            return "No backup yet", False  # a failed first attempt sets `error` above
        text = f"Last backup: {when_text(self.last_good, now)}"
        if self.dirty and now - self.last_good > stale_after(backup_policy(self.settings)):
            return f"{text} — changes since are not backed up", True
        return text, False

    def _emit(self) -> None:
        self.status_changed.emit(*self.status())

    def _newest(self) -> BackupInfo | None:
        store = self.session.store
        found = [info for info in autobackup.backups_of(
                     store.path, backup_folder(self.settings, store.path), self.identity)
                 if not info.kind and info.is_diary]
        return found[0] if found else None

    def _look_on_disk(self) -> None:
        """The last good backup and whether the diary changed since, from what the folder holds
        (a command may have written to the diary, or backed it up, since)."""
        newest = self._newest()
        self.last_good = newest.taken.astimezone(self.session.zone()) if newest else None
        self.dirty = autobackup.changed_since(self.session.store,
                                              newest.path if newest else None)


def stale_after(policy: BackupPolicy) -> timedelta:
    """How long changes may go without a backup before the status warns: long enough that a
    backup which is simply not due yet never counts as stale."""
    return max(STALE_AFTER, 2 * timedelta(minutes=policy.interval_minutes))


def when_text(moment: datetime, now: datetime) -> str:
    """'today 14:05', 'yesterday 22:10', 'Mon 23 Nov 14:05' within a week, else '12 Nov 2025'."""
    local = moment.astimezone(now.tzinfo)
    days = (now.date() - local.date()).days
    if days == 0:
        return f"today {local:%H:%M}"
    if days == 1:
        return f"yesterday {local:%H:%M}"
    if 0 < days < 7:
        return f"{local:%a %d %b %H:%M}"
    return f"{local.day} {local:%b %Y}"
