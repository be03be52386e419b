"""This computer's reminder preferences: the defaults (on, asking again every 15 minutes, no
heads-up), what the Settings form saves read back, and a hand-edited value never stopping a
reminder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.ui.reminders.preferences import ENABLED_KEY
from diary.ui.reminders.preferences import HEADS_UP_CHOICES
from diary.ui.reminders.preferences import HEADS_UP_KEY
from diary.ui.reminders.preferences import REPEAT_CHOICES
from diary.ui.reminders.preferences import REPEAT_KEY
from diary.ui.reminders.preferences import ReminderPreferences
from diary.ui.reminders.preferences import reminder_preferences
from diary.ui.reminders.preferences import save_reminder_preferences


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_defaults(settings: QSettings) -> None:
    assert reminder_preferences(settings) == reminder_preferences(None) == \
        ReminderPreferences(enabled=True, repeat_minutes=15, heads_up_minutes=0)
    # The form offers the defaults among its choices, and "once" / "off" first.
    assert 15 in dict(REPEAT_CHOICES) and REPEAT_CHOICES[0][0] == 0
    assert HEADS_UP_CHOICES[0][0] == 0 and 10 in dict(HEADS_UP_CHOICES)


def test_saved_and_read_back(settings: QSettings, tmp_path: Path) -> None:
    wanted = ReminderPreferences(enabled=False, repeat_minutes=0, heads_up_minutes=10)
    save_reminder_preferences(settings, wanted)
    settings.sync()
    again = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert reminder_preferences(again) == wanted


@pytest.mark.parametrize("value", ["often", "-5", "100000", "", "1.5"])
def test_an_unreadable_value_counts_as_the_default(settings: QSettings, value: str) -> None:
    settings.setValue(REPEAT_KEY, value)
    settings.setValue(HEADS_UP_KEY, value)
    settings.setValue(ENABLED_KEY, value)
    # A typo in the file must not silence reminders: on, every 15 minutes, no heads-up.
    assert reminder_preferences(settings) == ReminderPreferences()
