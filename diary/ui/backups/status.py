"""The status bar's word on backups: the time of the last good one, or a warning in words (never
by colour alone). Clicking it opens File > Backups."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from diary.ui.backups.manager import BackupManager


class BackupStatus(QPushButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.setAccessibleName("Backup status")
        self.setToolTip("Backups: open the list, restore, choose the folder (File > Backups)")
        self.warning = False
        self._manager: BackupManager | None = None

    def watch(self, manager: BackupManager) -> None:
        if self._manager is not None:
            self._manager.status_changed.disconnect(self.show_status)
        self._manager = manager
        manager.status_changed.connect(self.show_status)
        self.show_status(*manager.status())

    def show_status(self, text: str, warning: bool) -> None:
        self.warning = warning
        self.setText(f"⚠ {text}" if warning else text)
        font = self.font()
        font.setBold(warning)
        self.setFont(font)
