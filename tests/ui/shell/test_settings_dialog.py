"""Settings: the diary's own values are saved in the diary (and undo); the rest in QSettings; the
form fits the screen and scrolls at twice the text size (about the person:
test_settings_dialog_person.py; reminders: test_settings_dialog_reminders.py)."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import QRect
from PySide6.QtCore import QSettings
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QAbstractSpinBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDateTimeEdit
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QWidget

from diary.ui.shell.session import DiarySession
from diary.ui.shell.settings_dialog import SettingsForm
from diary.ui.shell.settings_dialog import reminders_enabled
from diary.ui.shell.tray_settings import closes_to_tray
from tests.helpers.locks import locked


@pytest.fixture
def form(qtbot, session: DiarySession, settings: QSettings) -> SettingsForm:
    dialog = SettingsForm(session, settings)
    qtbot.addWidget(dialog)
    return dialog


def test_saving_changes_the_diary_in_one_undo_step(form: SettingsForm, session: DiarySession,
                                                   qtbot) -> None:
    form.name.clear()
    qtbot.keyClicks(form.name, "Ann Smith")
    form.day_start.setTime(QTime(5, 30))
    form.on_time.setValue(45)
    form.apply()
    info = session.store.info()
    assert (info.name, info.day_starts_at, info.on_time_window_minutes) == ("Ann Smith",
                                                                             time(5, 30), 45)
    assert form.result() == SettingsForm.DialogCode.Accepted
    session.undo_stack.undo()
    assert session.store.info().name == ""
    assert session.store.info().day_starts_at == time(4, 0)


def test_day_start_cannot_go_past_noon(form: SettingsForm) -> None:
    form.day_start.setTime(QTime(15, 0))
    assert form.day_start.time() == QTime(12, 0)


def test_reminders_setting_is_per_computer(form: SettingsForm, settings: QSettings,
                                           session: DiarySession) -> None:
    assert reminders_enabled(settings)
    form.reminders.setChecked(False)
    form.apply()
    assert not reminders_enabled(settings)
    assert session.undo_stack.count() == 0  # nothing of the diary changed


def test_closing_to_the_tray_is_per_computer_and_on_by_default(
    form: SettingsForm, settings: QSettings, session: DiarySession
) -> None:
    assert closes_to_tray(settings) and form.close_to_tray.isChecked()
    form.close_to_tray.setChecked(False)
    form.apply()
    assert not closes_to_tray(settings)
    assert session.undo_stack.count() == 0
    again = SettingsForm(session, settings)
    assert not again.close_to_tray.isChecked()
    again.deleteLater()


def test_a_control_character_in_the_name_is_refused(form: SettingsForm, session: DiarySession,
                                                    dialog_answers) -> None:
    errors = dialog_answers.error_texts
    form.name.setText("Ann\x07")
    form.apply()
    assert errors and "control character" in errors[0]
    assert session.store.info().name == ""
    assert form.result() != SettingsForm.DialogCode.Accepted


def test_a_locked_diary_keeps_the_settings_open(form: SettingsForm, session: DiarySession,
                                                dialog_answers) -> None:
    errors = dialog_answers.error_texts
    form.name.setText("Ann")
    with locked(session.store):
        form.apply()
    assert errors and "busy" in errors[0]
    assert session.store.info().name == "" and form.name.text() == "Ann"
    assert form.result() != SettingsForm.DialogCode.Accepted
    form.apply()
    assert session.store.info().name == "Ann"


def test_an_autostart_entry_that_cannot_be_written_is_reported(
        form: SettingsForm, session: DiarySession, monkeypatch: pytest.MonkeyPatch,
        dialog_answers) -> None:
    from diary.ui.shell import settings_dialog

    errors = dialog_answers.error_texts

    def refuse(enabled: bool) -> None:
        raise PermissionError(13, "Permission denied", "/home/x/.config/autostart")

    monkeypatch.setattr(settings_dialog, "_set_autostart", refuse)
    form.name.setText("Ann")
    form.autostart.setChecked(True)
    form.apply()
    assert errors and "Permission denied" in errors[0] and "not written" in errors[0]
    assert form.result() != SettingsForm.DialogCode.Accepted  # still open: try again or untick
    assert session.store.info().name == "Ann"  # the rest is saved
    form.autostart.setChecked(False)
    form.apply()
    assert form.result() == SettingsForm.DialogCode.Accepted


def test_every_control_has_an_accessible_name(form: SettingsForm) -> None:
    kinds = (QAbstractButton, QLineEdit, QSpinBox, QComboBox, QDateTimeEdit)
    # A spin box's or a date or time edit's own line edit is not a control of its own: the box
    # is named.
    controls = [w for w in form.findChildren(QWidget) if isinstance(w, kinds)
                and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)]
    assert {type(w).__name__ for w in controls} >= {"QLineEdit", "QTimeEdit", "QDateEdit",
                                                    "QSpinBox", "QComboBox", "QCheckBox",
                                                    "QPushButton"}
    # name, birth date given and the date, condition, prescriber; day start, window; reminders,
    # asking again, heads-up, 2 more ticks; OK and Cancel
    assert len(controls) == 14
    assert [(type(w).__name__, w.text() if isinstance(w, QAbstractButton) else "")
            for w in controls if not w.accessibleName().strip()] == []


def test_every_mnemonic_is_its_own(form: SettingsForm) -> None:
    texts = [b.text() for b in form.findChildren(QAbstractButton) if "&" in b.text()]
    texts += [label.text() for label in form.findChildren(QLabel) if label.buddy() is not None]
    keys = [t[t.index("&") + 1].lower() for t in texts]
    assert {"n", "b", "c", "p", "d", "w", "a", "t"} <= set(keys)
    assert len(keys) == len(set(keys)), texts


def test_the_form_fits_the_screen_and_scrolls_at_twice_the_text(
        qtbot, session: DiarySession, settings: QSettings, text_size: int) -> None:
    dialog = SettingsForm(session, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    free = dialog.screen().availableGeometry()
    assert free.contains(dialog.frameGeometry()), (dialog.frameGeometry(), free)
    ok = dialog.ok_button
    assert free.contains(QRect(ok.mapToGlobal(ok.rect().topLeft()), ok.size()))
    scrolled = dialog.scroll_area.verticalScrollBar().maximum() > 0
    if text_size == 1:
        # The whole form in view, and small enough for a 1280 x 720 screen.
        assert not scrolled
        assert dialog.width() <= 1280 and dialog.height() <= 720 - 60
    else:
        assert scrolled  # the rest is a scroll away, OK and Cancel stay in view
        dialog.scroll_area.ensureWidgetVisible(dialog.autostart)
        assert dialog.scroll_area.verticalScrollBar().value() > 0
