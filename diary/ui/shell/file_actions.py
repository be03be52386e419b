"""The window's File menu actions on the diary's data: the report, exports, the CSV import,
backups and restore. The MainWindow holds one (`window.file_actions`) rather than inheriting
them: what they need of the window (its session, backups, opener, clock, the dialogs that hold
the session, switching to a restored diary) they ask of it by name."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from diary.storage import backups
from diary.storage.errors import DiaryFileError
from diary.ui import edits
from diary.ui.backups.settings import backup_folder
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs

if TYPE_CHECKING:
    from diary.ui.backups.dialog import BackupsDialog
    from diary.ui.shell.main_window import MainWindow


class FileActions:
    def __init__(self, window: MainWindow) -> None:
        self._window = window

    @property
    def session(self) -> DiarySession:
        return self._window.session

    # --- data out and in -------------------------------------------------------------------
    def export_report(self) -> QWidget:
        from diary.ui.report.dialog import open_report_dialog

        dialog = open_report_dialog(self._as_widget(), self.session)
        self._window.session_dialogs.append(dialog)
        # Once the dialog is closed, the status bar still offers to open the report.
        dialog.report_saved.connect(
            lambda done: self._window.saved_file.show_file("Report saved", done.path))
        return dialog

    def export_csv(self) -> bool:
        """File > Export CSV; True when written (the status bar then offers to open it)."""
        from diary.ui.data.export import export_csv_to_folder

        folder = export_csv_to_folder(self._as_widget(), self.session)
        if folder is not None:
            self._window.saved_file.show_file("CSV exported", folder, folder=True)
        return folder is not None

    def export_fhir(self) -> bool:
        """File > Export FHIR; True when written (the status bar then offers to open it)."""
        from diary.ui.data.export import export_fhir_to_file

        path = export_fhir_to_file(self._as_widget(), self.session)
        if path is not None:
            self._window.saved_file.show_file("FHIR bundle exported", path)
        return path is not None

    def import_csv(self) -> QWidget | None:
        from diary.ui.data.import_dialog import open_import_dialog

        dialog = open_import_dialog(self._as_widget(), self.session)
        if dialog is not None:
            self._window.session_dialogs.append(dialog)
        return dialog

    # --- backups ----------------------------------------------------------------------------
    def back_up_now(self) -> None:
        assert self._window.backups is not None
        if self._window.backups.back_up() is None:
            dialogs.show_error(self._as_widget(), "Backup failed", self._window.backups.error or "")

    def show_backups(self) -> BackupsDialog:
        """File > Backups (window-modal, without blocking); returns the dialog."""
        from diary.ui.backups.dialog import BackupsDialog

        assert self._window.backups is not None
        dialog = BackupsDialog(self._window.backups, self.restore_backup, self._as_widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def offer_restore_after_check(self, damage: str) -> bool:
        """The day's check, run in the background, found the diary damaged: what was typed
        meanwhile is safe beside it; offer the newest good backup in its place, as an open
        that finds damage does. Whether a backup was put in place."""
        from diary.ui.backups.dialog import offer_newest_good

        window = self._as_widget()
        kept = ("Nothing more is written to it. What you entered since it was opened is kept "
                "beside it, not lost")
        chosen = offer_newest_good(window, self._window.settings, self.session.store.path,
                                   f"{damage}\n\n{kept}", self._window.clock())
        if chosen is None:
            dialogs.show_error(window, "The diary is damaged", f"{damage}\n\n{kept}. File > "
                               "Backups can restore a backup in its place.")
            return False
        return self.restore_backup(chosen[0])

    def restore_backup(self, backup: Path) -> bool:
        """Put `backup` in place of the diary shown (closed for the swap, then reopened). On
        failure the diary is as it was and shown again; the person is told either way."""
        if not self._window.confirm_discard():
            return False
        window = self._as_widget()
        path, old = self.session.store.path, self.session
        keep_in = None
        if self._window.backups is not None:
            self._window.backups.stop()
            keep_in = backup_folder(self._window.backups.settings, path)
        old.store.close()
        # A chart still reading the diary in the background would make the restore refuse.
        from diary.ui.trends.loader import stop_loading_thread

        stop_loading_thread()
        try:
            kept = backups.restore(path, backup, self._window.clock, keep_in).pre_restore.path
            message = None
        except (DiaryFileError, sqlite3.Error, OSError) as exc:
            message = str(exc) if isinstance(exc, DiaryFileError) else edits.error_text(exc)
        try:
            store = self._window.opener(path, False)
        except (DiaryFileError, sqlite3.Error, OSError) as exc:
            text = str(exc) if isinstance(exc, DiaryFileError) else edits.error_text(exc)
            dialogs.show_error(window, "Cannot reopen the diary",
                               f"{text}\n\nThe window closes; start the program again to open it.")
            window.close()
            return False
        self._window.replace_session(DiarySession(store, self._window.clock))
        if message is not None:
            dialogs.show_error(window, "Not restored", f"{message}\n\nThe diary is as it was.")
            return False
        dialogs.show_info(window, "Restored",
                          f"The diary now holds the backup. The diary as it was is kept in {kept}.")
        return True

    def _as_widget(self) -> QWidget:
        return self._window
