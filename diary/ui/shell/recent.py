"""The caregiver's list of people: recently opened diaries, newest first, kept in QSettings.

Each entry remembers how the diary was last shown (read-only or for writing), so File > Open recent
opens it the same way, and the person's name, so the menu says whose diary it is without opening
the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "diary/recent"  # the paths, newest first
DETAILS_KEY = "diary/recent_details"  # JSON: {path: {"read_only": bool, "name": str}}
KEEP = 8


@dataclass(frozen=True)
class RecentDiary:
    path: Path
    read_only: bool = False
    name: str = ""

    def label(self) -> str:
        """'Ann Smith — /home/c/ann.sqlite (read-only)', for a menu (ampersands kept literal)."""
        text = f"{self.name} — {self.path}" if self.name else str(self.path)
        if self.read_only:
            text += " (read-only)"
        return text.replace("&", "&&")


class RecentDiaries:
    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def paths(self) -> list[Path]:
        """Recent diaries that still exist, newest first."""
        stored = self._settings.value(KEY, [])
        # QSettings' INI format gives back one string for a one-item list.
        values: list[object] = [stored] if isinstance(stored, str) else list(stored or [])  # type: ignore[call-overload]
        return [Path(v) for v in values if isinstance(v, str) and Path(v).is_file()]

    def entries(self) -> list[RecentDiary]:
        """Recent diaries that still exist, newest first, with how each was last shown."""
        details = self._details()
        entries = []
        for path in self.paths():
            known = details.get(str(path), {})
            entries.append(RecentDiary(path, read_only=known.get("read_only") is True,
                                       name=str(known.get("name") or "")))
        return entries

    def entry(self, path: Path) -> RecentDiary | None:
        resolved = path.resolve()
        return next((e for e in self.entries() if e.path.resolve() == resolved), None)

    def add(self, path: Path, *, read_only: bool = False, name: str = "") -> None:
        """Put `path` first, remembering how it is shown now and whose diary it is."""
        resolved = path.resolve()
        kept = [p for p in self.paths() if p.resolve() != resolved][:KEEP - 1]
        self._settings.setValue(KEY, [str(resolved), *[str(p) for p in kept]])
        details = self._details()
        details = {key: value for key, value in details.items()
                   if key in {str(p) for p in kept}}
        details[str(resolved)] = {"read_only": read_only, "name": name}
        self._settings.setValue(DETAILS_KEY, json.dumps(details))

    def set_name(self, path: Path, name: str) -> None:
        """The person's name changed (Settings): the menu follows."""
        details = self._details()
        known = details.get(str(path.resolve()))
        if known is not None and known.get("name") != name:
            known["name"] = name
            self._settings.setValue(DETAILS_KEY, json.dumps(details))

    def _details(self) -> dict[str, dict[str, object]]:
        try:
            stored = json.loads(str(self._settings.value(DETAILS_KEY, "{}")))
        except ValueError:
            return {}  # a hand-edited settings file: forget the details, keep the paths
        if not isinstance(stored, dict):
            return {}
        return {str(k): v for k, v in stored.items() if isinstance(v, dict)}
