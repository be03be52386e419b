"""The window's one handle on an open diary: the store, the clock, the undo stack, `changed`.

Views read through `session.store` and write only through diary/ui/edits/, so that every edit
of diary data lands on the one undo stack and every view refreshes from `changed` instead of
views calling each other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from diary.domain.daytime import local_day
from diary.storage.store import DiaryStore

Clock = Callable[[], datetime]


class DiarySession(QObject):
    changed = Signal()
    failed = Signal(str)  # an undo or redo the diary refused; the message says why
    damaged = Signal(str)  # a stored value that cannot be read, met while the diary is shown

    def __init__(self, store: DiaryStore, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.undo_stack = QUndoStack(self)

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def now(self) -> datetime:
        """Now, aware, in the local zone (with its daylight-saving rules when known)."""
        return self.clock()

    def zone(self) -> tzinfo:
        zone = self.now().tzinfo
        assert zone is not None
        return zone

    def today(self) -> date:
        """Today's diary day (a quarter past one at night is still yesterday's)."""
        return local_day(self.now(), self.store.info().day_starts_at)

    def close(self) -> None:
        self.undo_stack.clear()
        self.store.close()
