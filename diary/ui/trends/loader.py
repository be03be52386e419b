"""Loading trend data off the GUI thread, so that ten years never freeze the window.

A sqlite3 connection belongs to the thread that opened it, so the loading thread opens its own
read-only store for each request (a read-only open takes no writer lock: it sits beside the
window's store, writable or not) and closes it when done; no diary stays open between loads, and a
restore finds the file free.

One thread, started on the first request, serves every view in turn and ends when the application
quits. Each `TrendsLoader` numbers its requests: a request already replaced by a newer one of the
same loader when its turn comes is skipped, and a result that arrives after a newer request was
made is dropped, so an old range is never drawn over a newer one.
"""

from __future__ import annotations

import atexit
import sqlite3
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import tzinfo
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QObject
from PySide6.QtCore import QThread
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot

from diary.domain.errors import ValidationError
from diary.domain.trends import TrendData
from diary.storage.errors import DiaryFileError
from diary.storage.store import open_diary
from diary.storage.trends import load_trends
from diary.ui import edits


class _Ticket:
    """The number of a loader's newest request, shared with the loading thread (an int
    attribute: read and replaced whole, under the interpreter's lock)."""

    def __init__(self) -> None:
        self.latest = 0


@dataclass(frozen=True)
class LoadRequest:
    path: Path
    start: date
    end: date
    now: datetime
    tz: tzinfo
    serial: int
    ticket: _Ticket

    @property
    def current(self) -> bool:
        """Not replaced by a newer request of the same loader."""
        return self.ticket.latest == self.serial


@dataclass(frozen=True)
class LoadResult:
    request: LoadRequest
    data: TrendData | None
    error: str | None  # why it could not be loaded, in words (data is None then)


def read_trends(request: LoadRequest) -> TrendData:
    """Open the diary read-only in this thread, load the range, close it."""
    store = open_diary(request.path, read_only=True)
    try:
        return load_trends(store, request.start, request.end, request.now, request.tz)
    finally:
        store.close()


def _failure_text(exc: BaseException) -> str:
    if isinstance(exc, sqlite3.Error):
        return f"The diary file could not be read ({exc})."
    if isinstance(exc, DiaryFileError | ValidationError):
        return str(exc)
    return edits.error_text(exc)


class _Worker(QObject):
    """Lives in the loading thread; its slot runs there."""

    done = Signal(object)  # LoadResult

    @Slot(object)
    def load(self, request: LoadRequest) -> None:
        if not request.current:
            return  # replaced while it waited its turn
        try:
            data = read_trends(request)
        except Exception as exc:  # whatever it is, the GUI thread must hear of it and say so
            self.done.emit(LoadResult(request, None, _failure_text(exc)))
            return
        self.done.emit(LoadResult(request, data, None))


class _LoadingThread:
    """The one loading thread and its worker, started when first needed."""

    thread: QThread | None = None
    worker: _Worker | None = None

    @classmethod
    def worker_for_requests(cls) -> _Worker:
        if cls.worker is None:
            thread = QThread()
            thread.setObjectName("trend-loading")
            worker = _Worker()
            worker.moveToThread(thread)
            thread.start()
            cls.thread, cls.worker = thread, worker
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(cls.stop)
            atexit.register(cls.stop)  # a thread still running when Qt goes down aborts it
        return cls.worker

    @classmethod
    def stop(cls) -> None:
        """End the thread once the load under way (if any) is done."""
        thread = cls.thread
        if thread is not None:
            thread.quit()
            thread.wait()
        cls.thread = cls.worker = None


stop_loading_thread = _LoadingThread.stop


class TrendsLoader(QObject):
    """One view's requests. `loaded` carries the LoadResult of the newest request only, data or
    error; nothing is emitted for replaced requests."""

    loaded = Signal(object)  # LoadResult
    _requested = Signal(object)  # LoadRequest, to the loading thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticket = _Ticket()
        self.requests = 0  # how many loads were asked for
        self.pending: LoadRequest | None = None  # the newest request, until its result is in
        self._worker: _Worker | None = None  # the thread starts with the first request

    def request(self, path: Path, start: date, end: date, now: datetime, tz: tzinfo) -> None:
        """Load `start`..`end` in the background; any earlier request is replaced."""
        worker = _LoadingThread.worker_for_requests()
        if worker is not self._worker:
            # Queued both ways: the worker lives in its own thread, this loader in the GUI's.
            self._worker = worker
            self._requested.connect(worker.load)
            worker.done.connect(self._arrived)
        self._ticket.latest += 1
        self.requests += 1
        request = LoadRequest(path, start, end, now, tz, self._ticket.latest, self._ticket)
        self.pending = request
        self._requested.emit(request)

    def cancel(self) -> None:
        """Forget the request under way: its result will be dropped."""
        self._ticket.latest += 1
        self.pending = None

    def _arrived(self, result: LoadResult) -> None:
        request = result.request
        if request.ticket is not self._ticket or not request.current:
            return  # another view's, or replaced by a newer request
        self.pending = None
        self.loaded.emit(result)
