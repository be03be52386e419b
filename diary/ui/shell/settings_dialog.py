"""Settings: the person's name, when the day starts, the on-time window, reminders, closing to
the tray, autostart.

The diary's own settings (name, day start, window) live in the diary file, so they travel with
it and undo like any edit; reminders, the tray and autostart belong to this computer (QSettings).

`edit_settings` opens the form window-modally with `open()` (never a blocking `exec()`); the
dialog's `accepted` tells the window, which applies what changed at once (reminders on or off).
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace

from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTimeEdit
from PySide6.QtWidgets import QWidget

from diary.ui import edits
from diary.ui.shell.session import DiarySession
from diary.ui.shell.tray_settings import CLOSE_TO_TRAY_KEY
from diary.ui.shell.tray_settings import closes_to_tray
from diary.ui.widgets import dialogs

REMINDERS_KEY = "reminders/enabled"


def reminders_enabled(settings: QSettings) -> bool:
    return str(settings.value(REMINDERS_KEY, "true")).lower() == "true"


class SettingsForm(QDialog):
    def __init__(self, session: DiarySession, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.session, self.settings = session, settings
        info = session.store.info()
        self.name = QLineEdit(info.name)
        self.name.setAccessibleName("Person's name")
        self.name.setPlaceholderText("Whose diary this is")
        self.day_start = QTimeEdit(QTime(info.day_starts_at.hour, info.day_starts_at.minute))
        self.day_start.setDisplayFormat("HH:mm")
        self.day_start.setTimeRange(QTime(0, 0), QTime(12, 0))
        self.day_start.setAccessibleName("The diary day starts at")
        self.on_time = QSpinBox()
        self.on_time.setRange(5, 360)
        self.on_time.setSuffix(" min")
        self.on_time.setValue(info.on_time_window_minutes)
        self.on_time.setAccessibleName("On-time window in minutes")
        self.reminders = QCheckBox("Remind me at each scheduled dose")
        self.reminders.setAccessibleName("Remind me at each scheduled dose")
        self.reminders.setChecked(reminders_enabled(settings))
        self.close_to_tray = QCheckBox("Keep running in the tray when the window is closed")
        self.close_to_tray.setAccessibleName(
            "Keep running in the tray when the window is closed, so reminders go on")
        self.close_to_tray.setChecked(closes_to_tray(settings))
        self.close_to_tray.setToolTip("Where the desktop has a system tray. Quit with File > "
                                      "Quit (Ctrl+Q) or the tray menu.")
        self.autostart = QCheckBox("Start with my session")
        self.autostart.setAccessibleName("Start with my session")
        self.autostart.setChecked(_autostart_enabled())
        form = QFormLayout(self)
        form.addRow("&Name:", self.name)
        form.addRow("The &day starts at:", self.day_start)
        hint = QLabel("Doses and ratings before this time count for the evening before.")
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow("On-time &window (±):", self.on_time)
        form.addRow("", self.reminders)
        form.addRow("", self.close_to_tray)
        form.addRow("", self.autostart)
        for control in (self.name, self.day_start, self.on_time):
            control.setEnabled(not session.read_only)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName("Save the settings")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            "Cancel: keep the settings as they were")
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def apply(self) -> None:
        """Save what changed; on a refused value say why and keep the dialog open."""
        if not self.session.read_only:
            info = self.session.store.info()
            clock = self.day_start.time()
            new = replace(info, name=self.name.text(),
                          day_starts_at=info.day_starts_at.replace(hour=clock.hour(),
                                                                   minute=clock.minute()),
                          on_time_window_minutes=self.on_time.value())
            if new != info:
                try:
                    edits.update_info(self.session, new)
                except edits.STORE_ERRORS as exc:
                    dialogs.show_error(self, "Settings not saved", edits.error_text(exc))
                    return
        self.settings.setValue(REMINDERS_KEY, "true" if self.reminders.isChecked() else "false")
        self.settings.setValue(CLOSE_TO_TRAY_KEY,
                               "true" if self.close_to_tray.isChecked() else "false")
        wanted = self.autostart.isChecked()
        if wanted != _autostart_enabled():
            try:
                _set_autostart(wanted)
            except (OSError, ValueError) as exc:
                text = edits.error_text(exc) if isinstance(exc, OSError) else str(exc)
                dialogs.show_error(
                    self, "Start with my session not changed",
                    f"{text}\n\nThe other settings are saved. The start entry was not "
                    f"{'written' if wanted else 'removed'}: try again, or change the tick.")
                return
        self.accept()


def edit_settings(parent: QWidget, session: DiarySession, settings: QSettings) -> SettingsForm:
    """Open the settings window-modally and return at once; the form deletes itself on close."""
    form = SettingsForm(session, settings, parent)
    form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    form.open()
    return form


def _autostart_enabled() -> bool:
    from diary.ui.shell.autostart import autostart_enabled

    try:
        return bool(autostart_enabled())
    except OSError:
        return False  # an unreadable entry: shown as off; ticking it writes a fresh one


def _set_autostart(enabled: bool) -> None:
    from diary.ui.shell.autostart import set_autostart

    installed = shutil.which("medication-diary")
    set_autostart(enabled, [installed] if installed else [sys.executable, "-m", "diary"])
