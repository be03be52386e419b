"""The caregiver's list of people: recently opened diaries, newest first, kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "diary/recent"
KEEP = 8


class RecentDiaries:
    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def paths(self) -> list[Path]:
        """Recent diaries that still exist, newest first."""
        stored = self._settings.value(KEY, [])
        # QSettings' INI format gives back one string for a one-item list.
        values: list[object] = [stored] if isinstance(stored, str) else list(stored or [])  # type: ignore[call-overload]
        return [Path(v) for v in values if isinstance(v, str) and Path(v).is_file()]

    def add(self, path: Path) -> None:
        resolved = path.resolve()
        kept = [p for p in self.paths() if p.resolve() != resolved]
        self._settings.setValue(KEY, [str(resolved), *[str(p) for p in kept][:KEEP - 1]])
