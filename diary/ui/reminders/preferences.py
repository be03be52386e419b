"""This computer's reminder preferences, kept in QSettings beside the window's (not in the diary:
the person's laptop and a caregiver's may want them differently): reminders on or off, how often
an unanswered reminder asks again, and how long before a dose a heads-up comes.

The Settings form writes them; the scheduler reads them each time it looks at the clock, so a
change applies at once. A value that is missing or unreadable (an INI file edited by hand) counts
as the default, never as an error: a reminder must not stop because of a typo in a preference.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

ENABLED_KEY = "reminders/enabled"
REPEAT_KEY = "reminders/repeat_minutes"
HEADS_UP_KEY = "reminders/heads_up_minutes"
DEFAULT_REPEAT_MINUTES = 15
DEFAULT_HEADS_UP_MINUTES = 0  # off
MAX_MINUTES = 240

# The choices the Settings form offers: (minutes, words). 0 is "once" and "off".
REPEAT_CHOICES = ((0, "Don't repeat: remind once"), (5, "Every 5 minutes"),
                  (10, "Every 10 minutes"), (15, "Every 15 minutes"), (30, "Every 30 minutes"),
                  (60, "Every hour"))
HEADS_UP_CHOICES = ((0, "Off: no notice before"), (5, "5 minutes before"),
                    (10, "10 minutes before"), (15, "15 minutes before"),
                    (30, "30 minutes before"), (60, "1 hour before"))


@dataclass(frozen=True)
class ReminderPreferences:
    enabled: bool = True
    repeat_minutes: int = DEFAULT_REPEAT_MINUTES  # 0: a reminder fires once
    heads_up_minutes: int = DEFAULT_HEADS_UP_MINUTES  # 0: no heads-up


def _minutes(settings: QSettings, key: str, default: int) -> int:
    value = settings.value(key, default)
    try:
        minutes = int(str(value).strip())
    except ValueError:
        return default
    return minutes if 0 <= minutes <= MAX_MINUTES else default


def reminder_preferences(settings: QSettings | None) -> ReminderPreferences:
    """What `settings` says, each value defaulted where missing or unreadable; the defaults
    without settings at all."""
    if settings is None:
        return ReminderPreferences()
    return ReminderPreferences(
        enabled=str(settings.value(ENABLED_KEY, "true")).lower() != "false",
        repeat_minutes=_minutes(settings, REPEAT_KEY, DEFAULT_REPEAT_MINUTES),
        heads_up_minutes=_minutes(settings, HEADS_UP_KEY, DEFAULT_HEADS_UP_MINUTES))


def save_reminder_preferences(settings: QSettings, preferences: ReminderPreferences) -> None:
    settings.setValue(ENABLED_KEY, "true" if preferences.enabled else "false")
    settings.setValue(REPEAT_KEY, str(preferences.repeat_minutes))
    settings.setValue(HEADS_UP_KEY, str(preferences.heads_up_minutes))
