"""What the set-up assistant's tests share: the test day at a given time."""

from __future__ import annotations

from datetime import datetime

from tests.helpers.clock import NOW


def at(hour: int, minute: int = 0) -> datetime:
    """The test day (Thursday 26 November 2026, Paris) at `hour`:`minute`."""
    return NOW.replace(hour=hour, minute=minute)
