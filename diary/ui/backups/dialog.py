"""File > Backups: where the backups go, how often and how many are kept, the list, and restore.

Changes to the folder and the schedule apply at once (they are the computer's preferences). A
restore is asked about first, naming what the backup holds and when it was taken; the window then
does it (FileActions.restore_backup), since the diary it shows must be closed for the swap.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.retention import BackupPolicy
from diary.storage import autobackup
from diary.storage import backups
from diary.storage.backups import BackupInfo
from diary.storage.errors import DiaryFileError
from diary.ui.backups.manager import BackupManager
from diary.ui.backups.manager import when_text
from diary.ui.backups.settings import backup_folder
from diary.ui.backups.settings import backup_policy
from diary.ui.backups.settings import folders_to_search
from diary.ui.backups.settings import known_identity
from diary.ui.backups.settings import set_backup_folder
from diary.ui.backups.settings import set_backup_policy
from diary.ui.widgets import dialogs

KIND_TEXT = {"": "Backup", backups.BEFORE_RESTORE: "Kept before a restore",
             backups.DAMAGED: "Damaged diary, kept as it was"}
COLUMNS = ("Taken", "What", "Size")


class BackupsDialog(dialogs.FittingDialog):
    def __init__(self, manager: BackupManager, restore: Callable[[Path], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.manager, self._restore = manager, restore
        self.session, self.settings = manager.session, manager.settings
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setAccessibleName("Backup folder")
        change = QPushButton("&Change folder…")
        change.clicked.connect(self.choose_folder)
        default = QPushButton("Use the &default folder")
        default.clicked.connect(lambda: self._set_folder(None))
        self.status = QLabel()
        self.status.setAccessibleName("Backup status")
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Backups, newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.back_up_button = QPushButton("&Back up now")
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        folder_row = QHBoxLayout()
        folder_row.addWidget(change)
        folder_row.addWidget(default)
        folder_row.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.back_up_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        actions.addWidget(close)
        body = QWidget()  # scrolls when the screen is too small; the actions stay in reach
        contents = QVBoxLayout(body)
        contents.setContentsMargins(0, 0, 0, 0)
        contents.addWidget(self.folder_label)
        contents.addLayout(folder_row)
        contents.addWidget(self._schedule_box())
        contents.addWidget(self.status)
        contents.addWidget(self.table, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(dialogs.ScrollingBody(body), 1)
        layout.addLayout(actions)
        manager.status_changed.connect(self._show_status)
        self._show_status(*manager.status())
        self.refresh()
        hint = self.sizeHint()
        dialogs.fit_to_screen(self, max(640, hint.width()), max(520, hint.height()))

    # --- the schedule -----------------------------------------------------------------------
    def _schedule_box(self) -> QGroupBox:
        policy = backup_policy(self.settings)
        box = QGroupBox("Automatic backups")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.interval = self._spin(5, 7 * 24 * 60, policy.interval_minutes, " min",
                                   "Back up a changed diary every, in minutes")
        self.daily = self._spin(0, 365, policy.daily, " days", "Keep one backup a day for")
        self.weekly = self._spin(0, 260, policy.weekly, " weeks", "Keep one backup a week for")
        self.monthly = self._spin(0, 1200, policy.monthly, " months",
                                  "Keep one backup a month for")
        form.addRow("When the diary changed, back up &every:", self.interval)
        kept = QLabel("and when the window closes. Every backup of today is kept, and the "
                      "newest one of each of the most recent:")
        kept.setWordWrap(True)
        form.addRow("", kept)
        form.addRow("&Days:", self.daily)
        form.addRow("&Weeks:", self.weekly)
        form.addRow("&Months:", self.monthly)
        return box

    def _spin(self, low: int, high: int, value: int, suffix: str, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        spin.setAccessibleName(name)
        spin.valueChanged.connect(lambda _value: self._save_policy())
        return spin

    def _save_policy(self) -> None:
        set_backup_policy(self.settings, BackupPolicy(
            interval_minutes=self.interval.value(), daily=self.daily.value(),
            weekly=self.weekly.value(), monthly=self.monthly.value()))

    # --- the folder -------------------------------------------------------------------------
    def choose_folder(self) -> None:
        chosen = dialogs.choose_folder(self, "Keep the backups in",
                                       backup_folder(self.settings, self.session.store.path))
        if chosen is not None:
            self._set_folder(chosen)

    def _set_folder(self, folder: Path | None) -> None:
        set_backup_folder(self.settings, self.session.store.path, folder)
        self.manager.folder_changed()
        self.refresh()

    # --- the list ---------------------------------------------------------------------------
    def refresh(self) -> None:
        folder = backup_folder(self.settings, self.session.store.path)
        self.folder_label.setText(f"Backups of {self.session.store.path.name} are kept in "
                                  f"<b>{folder}</b>")
        self.entries = autobackup.backups_of(self.session.store.path, folder,
                                             self.manager.identity)
        now = self.session.now()
        self.table.setRowCount(len(self.entries))
        for row, info in enumerate(self.entries):
            what = KIND_TEXT.get(info.kind, info.kind)
            if not info.is_diary and info.kind != backups.DAMAGED:
                what += " — cannot be read as a diary"
            cells = (when_text(info.taken, now), what, f"{info.size / 1_000_000:.1f} MB")
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        if self.entries:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        writable = not self.session.read_only
        self.back_up_button.setEnabled(writable)
        self.restore_button.setEnabled(writable and chosen is not None and chosen.is_diary
                                       and chosen.kind != backups.DAMAGED)

    def _show_status(self, text: str, warning: bool) -> None:
        self.status.setText(f"⚠ <b>{text}</b>" if warning else text)

    # --- actions ----------------------------------------------------------------------------
    def back_up_now(self) -> None:
        if self.manager.back_up() is None:
            dialogs.show_error(self, "Backup failed", self.manager.error or "")
        self.refresh()

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not self.restore_button.isEnabled():
            return
        try:
            counts = autobackup.verify(chosen.path)
        except DiaryFileError as exc:
            dialogs.show_error(self, "Cannot restore this backup", str(exc))
            return
        when = when_text(chosen.taken, self.session.now())
        if not dialogs.ask_yes_no(
            self, "Restore this backup?",
            f"Replace the diary by the backup taken {when}? It holds "
            f"{counts.get('intakes', 0)} doses, {counts.get('ratings', 0)} ratings and "
            f"{counts.get('events', 0)} events.\n\nThe diary as it is now is kept first (as "
            "\"Kept before a restore\" in this list): anything entered after the backup was "
            "taken is only there. Nothing is merged.",
            yes="Restore", no="Cancel",
        ):
            return
        if self._restore(chosen.path):
            self.accept()


def offer_newest_good(parent: QWidget | None, settings: QSettings | None, path: Path,
                      damage: str, now: datetime) -> tuple[Path, Path] | None:
    """Ask whether to put the newest backup of the damaged diary at `path` that verifies in its
    place (`damage` says what is wrong, in a sentence that ends without a full stop). The
    backup chosen and the folder the damaged file is to be kept in; None when there is no good
    backup or the person declined. The caller restores."""
    folders = (folders_to_search(settings, path) if settings is not None
               else [backups.backups_folder(path)])
    identity = backups.identity_in(path)
    if identity is None and settings is not None:
        identity = known_identity(settings, path)
    found = autobackup.newest_good(path, folders, identity)
    if found is None:
        return None
    info, counts = found
    keep_in = backups.keep_folder(path, folders[0])
    if not dialogs.ask_yes_no(
        parent, "The diary is damaged",
        f"{damage}.\n\nThe newest good backup was taken {when_text(info.taken, now)} and holds "
        f"{counts.get('intakes', 0)} doses, {counts.get('ratings', 0)} ratings and "
        f"{counts.get('events', 0)} events. Restore it? The damaged file is kept as it is in "
        f"{keep_in}; anything entered after the backup was taken is only in that file.",
        yes="Restore the backup", no="Cancel",
    ):
        return None
    return info.path, keep_in
