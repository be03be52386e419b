"""The report made away from the window: gathered from a read-only store of its own and drawn,
in a worker thread, with a failure told in words a person can act on. The dialog (dialog.py)
asks for it and shows its progress."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot

if TYPE_CHECKING:
    from diary.domain.baseline import Period
    from diary.report import Report
    from diary.report import Sections


def failure_text(exc: BaseException) -> str:
    """Why the report could not be made, in words a person can act on."""
    from diary.report import ReportExistsError

    if isinstance(exc, ReportExistsError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{(exc.strerror or str(exc)).lower()}. Nothing was saved."
    if isinstance(exc, sqlite3.Error):
        return f"The diary could not be read ({exc}). Nothing was saved."
    return f"{str(exc) or type(exc).__name__}. Nothing was saved."


@dataclass(frozen=True)
class ReportRequest:
    """Everything the worker needs to gather a report, fixed when Save was pressed."""

    diary: Path
    start: date
    end: date
    now: datetime
    zone: tzinfo
    paper: str
    sections: Sections
    baseline: Period | None


class ReportWorker(QObject):
    """Gathers one report from a read-only store of its own, then draws its pages, in the
    worker thread."""

    gathered = Signal()
    progressed = Signal(int, int)
    rendered = Signal(object)  # RenderedReport
    failed = Signal(str)
    stopped = Signal()

    def __init__(self, request: ReportRequest, path: Path, stop: threading.Event) -> None:
        super().__init__()
        self.request, self.path, self.stop = request, path, stop

    @Slot()
    def run(self) -> None:
        from diary.report import ReportCancelled
        from diary.report import render_report

        try:
            report = gather(self.request, self.stop.is_set)
            self.gathered.emit()
            done = render_report(report, self.path, progress=self.progressed.emit,
                                 cancelled=self.stop.is_set)
        except ReportCancelled:
            self.stopped.emit()
        except Exception as exc:  # any failure is told in the window, never lost in a thread
            self.failed.emit(failure_text(exc))
        else:
            self.rendered.emit(done)


def gather(request: ReportRequest, cancelled: Callable[[], bool]) -> Report:
    """The report's facts, read through a store opened read-only for this report alone;
    ReportCancelled as soon as `cancelled` says so between its long reads."""
    from diary.report import Paper
    from diary.report import build_report
    from diary.storage.store import open_diary

    with open_diary(request.diary, read_only=True, clock=lambda: request.now) as store:
        return build_report(store, request.start, request.end, request.now, request.zone,
                            paper=Paper(request.paper), sections=request.sections,
                            baseline=request.baseline, cancelled=cancelled)
