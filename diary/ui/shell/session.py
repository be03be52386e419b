"""The window's one handle on an open diary: the store, the clock, the undo stack, `changed`.

Views read through `session.store` and write only through diary/ui/edits/, so that every edit
of diary data lands on the one undo stack and every view refreshes from `changed` instead of
views calling each other.

The session also runs the diary's full check in the background when it is due: at the day's
first start (the window opens the diary with the check left for later), and once a day while
the window stays open (diary.storage.file.checking says why no write waits for it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import datetime
from datetime import tzinfo

from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack

from diary.domain.daytime import local_day
from diary.storage.errors import DamagedDiaryError
from diary.storage.store import DiaryStore

Clock = Callable[[], datetime]
CHECK_EVERY_MS = 60 * 60 * 1000  # how often an open window asks whether the day's check is due


class DiarySession(QObject):
    changed = Signal()
    failed = Signal(str)  # an undo or redo the diary refused; the message says why
    damaged = Signal(str)  # a stored value that cannot be read, met while the diary is shown
    check_failed = Signal(str)  # the background full check found the diary damaged
    # Edit > Undo or Redo (edits.undo_last / redo_next, wherever they were called from) took a
    # change back or made it again; the text is the change's, as the Edit menu names it. The
    # window's status bar says so; a view showing a notice about that change can drop it.
    undone = Signal(str)
    redone = Signal(str)
    _checked = Signal()  # the background check's verdict is in (sent from the check's thread)

    def __init__(self, store: DiaryStore, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.undo_stack = QUndoStack(self)
        # Sent from another thread, so delivered in this one by Qt's event loop.
        self._checked.connect(self._take_verdict)
        self._check_timer = QTimer(self)
        self._check_timer.setInterval(CHECK_EVERY_MS)
        self._check_timer.timeout.connect(self.check_when_due)
        self._check_timer.start()
        # Another program's write, noticed at a save, makes the check due again: run it then.
        self.changed.connect(self.check_when_due)
        self.check_when_due()

    def check_when_due(self) -> bool:
        """Start the diary's full check in the background if one is due; whether one started."""
        return self.store.start_full_check(self._checked.emit)

    def _take_verdict(self) -> None:
        try:
            self.store.finish_full_check()
        except DamagedDiaryError as exc:
            self.check_failed.emit(str(exc))

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
        self._check_timer.stop()
        self.undo_stack.clear()
        self.store.close()
