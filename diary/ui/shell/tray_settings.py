"""This computer's preference for the tray: whether closing the window keeps the program, and
its reminders, running there. Kept in QSettings beside the window's other preferences (not in
the diary: a caregiver's laptop and the person's own may want it differently)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

CLOSE_TO_TRAY_KEY = "window/close_to_tray"


def closes_to_tray(settings: QSettings) -> bool:
    """On unless turned off: closing the window must not silently stop the dose reminders."""
    return str(settings.value(CLOSE_TO_TRAY_KEY, "true")).lower() == "true"
