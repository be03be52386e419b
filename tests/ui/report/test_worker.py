"""The report made in a worker thread: gathered from a read-only store of its own, and a failure
told in words a person can act on (diary/ui/report/worker.py)."""

from __future__ import annotations

import errno
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from diary.demo import build_demo
from diary.report import ReportCancelled
from diary.report import Sections
from diary.ui.report.worker import ReportRequest
from diary.ui.report.worker import failure_text
from diary.ui.report.worker import gather
from tests.helpers.clock import NOW


@pytest.fixture
def request_for(tmp_path: Path) -> ReportRequest:
    path = tmp_path / "demo.diary"
    build_demo(path, days=20, seed=2, now=NOW)
    assert NOW.tzinfo is not None
    return ReportRequest(path, date(2026, 11, 20), date(2026, 11, 26), NOW, NOW.tzinfo, "a4",
                         Sections(), None)


def test_gather_reads_the_range_and_writes_nothing(request_for: ReportRequest) -> None:
    before = request_for.diary.read_bytes()
    report = gather(request_for, lambda: False)
    assert (report.start, report.end) == (date(2026, 11, 20), date(2026, 11, 26))
    assert request_for.diary.read_bytes() == before


def test_gather_stops_when_cancelled(request_for: ReportRequest) -> None:
    with pytest.raises(ReportCancelled):
        gather(request_for, lambda: True)


def test_a_failure_is_said_in_words_a_person_can_act_on() -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "/media/stick/report.pdf")
    assert failure_text(full) == ("/media/stick/report.pdf: no space left on device. Nothing "
                                  "was saved.")
    assert failure_text(sqlite3.DatabaseError("disk I/O error")) == (
        "The diary could not be read (disk I/O error). Nothing was saved.")
    assert failure_text(ValueError("the range is empty")) == (
        "the range is empty. Nothing was saved.")
    assert failure_text(RuntimeError()) == "RuntimeError. Nothing was saved."
