"""Settings: the diary's own values are saved in the diary (and undo); the rest in QSettings."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTime

from diary.ui.session import DiarySession
from diary.ui.settings_dialog import SettingsForm, reminders_enabled


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


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


def test_a_control_character_in_the_name_is_refused(form: SettingsForm, session: DiarySession,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from diary.ui import dialogs

    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    form.name.setText("Ann\x07")
    form.apply()
    assert errors and "control character" in errors[0]
    assert session.store.info().name == ""
    assert form.result() != SettingsForm.DialogCode.Accepted
