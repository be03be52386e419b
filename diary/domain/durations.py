"""Durations as people write and read them: "6h", "90min", "4h30" <-> minutes."""

from __future__ import annotations

import re

from diary.domain.errors import ValidationError

# ASCII digits only: "٤" or "4_0" are not what a person meant to type as minutes.
_DURATION = re.compile(
    r"^(?:(?P<hours>[0-9]+)\s*h(?:ours?|rs?)?)?\s*(?:(?P<minutes>[0-9]+)\s*(?:m|mins?|minutes?)?)?$"
)


def parse_duration(text: str, field: str = "minimum interval") -> int:
    """Minutes from "6h", "90min", "4h30", "1h 30min" or plain minutes ("240")."""
    cleaned = text.strip().lower()
    match = _DURATION.match(cleaned)
    if not cleaned or match is None:
        raise ValidationError(
            field, f"{text.strip()!r} is not a duration such as 6h, 90min, 4h30 or 240 (minutes)")
    return int(match["hours"] or 0) * 60 + int(match["minutes"] or 0)


def duration_text(minutes: int) -> str:
    """90 -> '1 h 30 min', 360 -> '6 h', 45 -> '45 min'."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest or not hours else [])
    return " ".join(parts)
