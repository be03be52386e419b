"""The tests' one fixed time: every store in the tests starts at NOW (the `clock` fixture), and
the dates and times tests write by hand are in PARIS_WINTER."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from datetime import timedelta
from datetime import timezone

PARIS_WINTER = timezone(timedelta(hours=1))
# Thursday 26 November 2026, 21:00 in Paris.
NOW = datetime(2026, 11, 26, 20, 0, tzinfo=UTC).astimezone(PARIS_WINTER)
