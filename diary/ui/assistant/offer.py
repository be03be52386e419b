"""When the set-up assistant opens by itself: on a diary that can be written, holds no
medication (archived ones count) and is not the demo, until the assistant was finished or
skipped for that diary.

What was finished or skipped is remembered per diary in the window's QSettings (`DONE_KEY`: the
diaries' resolved paths, as a JSON list), never in the diary file, so a caregiver's computer
remembers it for each person's diary, and a diary opened read-only or the demo is never marked.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings

from diary.demo import PERSON
from diary.ui.shell.session import DiarySession

DONE_KEY = "assistant/done"


def _done(settings: QSettings) -> list[str]:
    stored = settings.value(DONE_KEY, "")
    try:
        paths = json.loads(stored) if isinstance(stored, str) and stored else []
    except ValueError:  # edited by hand into something else: as if nothing was remembered
        return []
    return [p for p in paths if isinstance(p, str)] if isinstance(paths, list) else []


def _key(path: Path) -> str:
    return str(Path(path).resolve())


def is_done(settings: QSettings, path: Path) -> bool:
    """Whether the assistant was finished or skipped for the diary at `path`."""
    return _key(path) in _done(settings)


def mark_done(settings: QSettings, path: Path) -> None:
    """Remember that the assistant was finished or skipped for the diary at `path`."""
    done = _done(settings)
    if _key(path) not in done:
        settings.setValue(DONE_KEY, json.dumps([*done, _key(path)]))


def is_demo(session: DiarySession) -> bool:
    """The demo diary: its made-up person (diary.demo)."""
    return session.store.info().name == PERSON


def should_offer(session: DiarySession, settings: QSettings) -> bool:
    """Whether to open the assistant by itself on this diary (module docstring)."""
    store = session.store
    return (not session.read_only and not is_demo(session)
            and not store.medications.all(include_archived=True)
            and not is_done(settings, store.path))
