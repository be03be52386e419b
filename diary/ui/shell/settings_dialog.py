"""Settings: about the person (name, birth date, condition, prescriber), how the diary's days are
cut (day start, on-time window), and this computer's reminders (on or off, how often an
unanswered one asks again, a heads-up before each dose), closing to the tray, autostart.

The diary's own settings live in the diary file, so they travel with it and undo like any edit
(one undo step for the lot); reminders, the tray and autostart belong to this computer
(QSettings, see diary.ui.reminders.preferences).

`edit_settings` opens the form window-modally with `open()` (never a blocking `exec()`); the
dialog's `accepted` tells the window, which applies what changed at once (reminders on or off,
their timing). The form scrolls inside the dialog, so at twice the text size it still fits a
1280 × 720 screen with OK and Cancel in view.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTimeEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import DiaryInfo
from diary.domain.validation import NAME_MAX
from diary.ui import edits
from diary.ui.reminders.preferences import ENABLED_KEY
from diary.ui.reminders.preferences import HEADS_UP_CHOICES
from diary.ui.reminders.preferences import REPEAT_CHOICES
from diary.ui.reminders.preferences import ReminderPreferences
from diary.ui.reminders.preferences import reminder_preferences
from diary.ui.reminders.preferences import save_reminder_preferences
from diary.ui.shell.session import DiarySession
from diary.ui.shell.tray_settings import CLOSE_TO_TRAY_KEY
from diary.ui.shell.tray_settings import closes_to_tray
from diary.ui.widgets import dialogs
from diary.ui.widgets.dates import EARLIEST
from diary.ui.widgets.dates import date_edit
from diary.ui.widgets.dates import pydate
from diary.ui.widgets.dates import qdate

REMINDERS_KEY = ENABLED_KEY
NOT_GIVEN = EARLIEST.addDays(-1)  # the birth date field's "Not given"
A_BIRTH_DATE = QDate(1970, 1, 1)  # where the calendar opens when a birth date is first given


def reminders_enabled(settings: QSettings) -> bool:
    return reminder_preferences(settings).enabled


def _choices(name: str, choices: tuple[tuple[int, str], ...], chosen: int,
             other: str) -> QComboBox:
    """A drop-down of (minutes, words); a value not among them (the settings file edited by
    hand) is added in the words of `other` ("Every {} minutes"), so that it is kept."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    for minutes, words in choices:
        combo.addItem(words, minutes)
    if combo.findData(chosen) < 0:
        combo.addItem(other.format(chosen), chosen)
    combo.setCurrentIndex(combo.findData(chosen))
    return combo


def _form(group: QGroupBox) -> QFormLayout:
    """A form whose labels go above their fields when the text is too large for both."""
    form = QFormLayout(group)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


class SettingsForm(dialogs.FittingDialog):
    def __init__(self, session: DiarySession, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.session, self.settings = session, settings
        info = session.store.info()
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self._person(info))
        column.addWidget(self._days(info))
        column.addWidget(self._computer())
        column.addStretch(1)
        for control in (self.name, self.birth_known, self.birth_date, self.condition,
                        self.prescriber, self.day_start, self.on_time):
            control.setEnabled(not session.read_only)
        self.birth_date.setEnabled(not session.read_only and self.birth_known.isChecked())
        self.scroll_area = dialogs.ScrollingBody(content)  # within the screen, the rest scrolls
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName("Save the settings")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            "Cancel: keep the settings as they were")
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(buttons)

    # --- the three groups ----------------------------------------------------------------------
    def _person(self, info: DiaryInfo) -> QGroupBox:
        self.name = QLineEdit(info.name)
        self.name.setAccessibleName("Person's name")
        self.name.setPlaceholderText("Whose diary this is")
        self.birth_known = QCheckBox("Given")
        self.birth_known.setAccessibleName("Birth date given")
        self.birth_known.setChecked(info.birth_date is not None)
        self.birth_date = date_edit("Birth date")
        self.birth_date.setMinimumDate(NOT_GIVEN)
        self.birth_date.setMaximumDate(qdate(self.session.today()))
        self.birth_date.setSpecialValueText("Not given")
        self.birth_date.setDate(NOT_GIVEN if info.birth_date is None else qdate(info.birth_date))
        self.birth_known.toggled.connect(self._birth_known_changed)
        self.condition = self._line(info.condition, "Condition",
                                    "For example: Multiple sclerosis")
        self.prescriber = self._line(info.prescriber, "Prescriber",
                                     "For example: Dr A. Martin, neurology")
        birth = QHBoxLayout()
        birth.addWidget(self.birth_known)
        birth.addWidget(self.birth_date, 1)
        group = QGroupBox("About the person")
        form = _form(group)
        form.addRow("&Name:", self.name)
        form.addRow(self._buddy("&Birth date:", self.birth_known), birth)
        form.addRow("&Condition:", self.condition)
        form.addRow("&Prescriber:", self.prescriber)
        hint = QLabel("For the appointment report. All optional.")
        hint.setWordWrap(True)
        form.addRow("", hint)
        return group

    def _days(self, info: DiaryInfo) -> QGroupBox:
        self.day_start = QTimeEdit(QTime(info.day_starts_at.hour, info.day_starts_at.minute))
        self.day_start.setDisplayFormat("HH:mm")
        self.day_start.setTimeRange(QTime(0, 0), QTime(12, 0))
        self.day_start.setAccessibleName("The diary day starts at")
        self.on_time = QSpinBox()
        self.on_time.setRange(5, 360)
        self.on_time.setSuffix(" min")
        self.on_time.setValue(info.on_time_window_minutes)
        self.on_time.setAccessibleName("On-time window in minutes")
        group = QGroupBox("The diary's days")
        form = _form(group)
        form.addRow("The &day starts at:", self.day_start)
        hint = QLabel("Doses and ratings before this time count for the evening before.")
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow("On-time &window (±):", self.on_time)
        return group

    def _computer(self) -> QGroupBox:
        preferences = reminder_preferences(self.settings)
        self.reminders = QCheckBox("Remind me at each scheduled dose")
        self.reminders.setAccessibleName("Remind me at each scheduled dose")
        self.reminders.setChecked(preferences.enabled)
        self.repeat = _choices("Remind again until answered", REPEAT_CHOICES,
                               preferences.repeat_minutes, "Every {} minutes")
        self.heads_up = _choices("Tell me before a dose", HEADS_UP_CHOICES,
                                 preferences.heads_up_minutes, "{} minutes before")
        self.heads_up.setToolTip("A notice only, such as \"Baclofen 10 mg at 14:00, in 10 "
                                 "minutes\"; the reminder itself comes at the dose's time.")
        for combo in (self.repeat, self.heads_up):
            combo.setEnabled(preferences.enabled)
            self.reminders.toggled.connect(combo.setEnabled)
        self.close_to_tray = QCheckBox("Keep running in the tray when the window is closed")
        self.close_to_tray.setAccessibleName(
            "Keep running in the tray when the window is closed, so reminders go on")
        self.close_to_tray.setChecked(closes_to_tray(self.settings))
        self.close_to_tray.setToolTip("Where the desktop has a system tray. Quit with File > "
                                      "Quit (Ctrl+Q) or the tray menu.")
        self.autostart = QCheckBox("Start with my session")
        self.autostart.setAccessibleName("Start with my session")
        self.autostart.setChecked(_autostart_enabled())
        group = QGroupBox("Reminders on this computer")
        form = _form(group)
        form.addRow(self.reminders)
        form.addRow(self._buddy("Remind &again until answered:", self.repeat), self.repeat)
        form.addRow(self._buddy("&Tell me before a dose:", self.heads_up), self.heads_up)
        form.addRow(self.close_to_tray)
        form.addRow(self.autostart)
        return group

    @staticmethod
    def _line(text: str, name: str, example: str) -> QLineEdit:
        line = QLineEdit(text)
        line.setMaxLength(NAME_MAX)
        line.setAccessibleName(name)
        line.setPlaceholderText(example)
        return line

    @staticmethod
    def _buddy(text: str, control: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(control)
        return label

    def _birth_known_changed(self, known: bool) -> None:
        self.birth_date.setEnabled(known and not self.session.read_only)
        if not known:
            self.birth_date.setDate(NOT_GIVEN)
        elif self.birth_date.date() == NOT_GIVEN:
            self.birth_date.setDate(A_BIRTH_DATE)

    def birth(self) -> date | None:
        """The birth date shown, None for "not given"."""
        if not self.birth_known.isChecked() or self.birth_date.date() == NOT_GIVEN:
            return None
        return pydate(self.birth_date.date())

    # --- saving --------------------------------------------------------------------------------
    def apply(self) -> None:
        """Save what changed; on a refused value say why and keep the dialog open."""
        if not self.session.read_only:
            info = self.session.store.info()
            birth = self.birth()
            if birth is not None and birth > self.session.today():
                dialogs.show_error(self, "Settings not saved",
                                   "birth date: must not be in the future")
                return
            clock = self.day_start.time()
            new = replace(info, name=self.name.text(), birth_date=birth,
                          condition=self.condition.text().strip(),
                          prescriber=self.prescriber.text().strip(),
                          day_starts_at=info.day_starts_at.replace(hour=clock.hour(),
                                                                   minute=clock.minute()),
                          on_time_window_minutes=self.on_time.value())
            if new != info:
                try:
                    edits.update_info(self.session, new)
                except edits.STORE_ERRORS as exc:
                    dialogs.show_error(self, "Settings not saved", edits.error_text(exc))
                    return
        save_reminder_preferences(self.settings, ReminderPreferences(
            enabled=self.reminders.isChecked(), repeat_minutes=int(self.repeat.currentData()),
            heads_up_minutes=int(self.heads_up.currentData())))
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
