"""Loading a range for the Trends view on a thread of its own: the window draws only when it is
done, a newer range replaces the one waiting, and a load that fails says why."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from diary.domain.trends import TrendData
from diary.storage.errors import DiaryFileError
from diary.ui.shell.session import DiarySession
from diary.ui.trends import loader as trends_loader
from diary.ui.trends.loader import LoadRequest
from diary.ui.trends.view import TrendsView
from tests.ui.trends.support import PRESET
from tests.ui.trends.support import TODAY
from tests.ui.trends.support import shown_view


class Gate:
    """Stands in for trends_loader.read_trends: records each request and the thread it ran in,
    and holds the first request until `release` (so a test can act while a load is under way)."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.opened = threading.Event()
        self.ranges: list[tuple[date, date]] = []
        self.threads: list[int] = []
        self._real = trends_loader.read_trends

    def __call__(self, request: LoadRequest) -> TrendData:
        self.ranges.append((request.start, request.end))
        self.threads.append(threading.get_ident())
        if len(self.ranges) == 1:
            self.started.set()
            assert self.opened.wait(timeout=10), "the test never released the first load"
        return self._real(request)

    def release(self) -> None:
        self.opened.set()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    held = Gate()
    monkeypatch.setattr(trends_loader, "read_trends", held)
    yield held
    held.release()  # never leave the loading thread waiting


def test_loading_runs_in_another_thread_and_draws_only_when_it_is_done(
        qtbot, diary: DiarySession, gate: Gate) -> None:
    view = TrendsView(diary)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(gate.started.is_set, timeout=10_000)  # the GUI's loop runs meanwhile
    assert view.loading and view.busy.isVisibleTo(view)
    assert view.status.text() == "Loading 3 months…"  # 90 days
    assert view.chart.draws == 0 and view.data is None
    assert not view.export_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        gate.release()
    assert gate.threads[0] != threading.get_ident()
    assert view.chart.draws == 1 and not view.loading and not view.busy.isVisibleTo(view)
    assert (view.data.start, view.data.end) == (date(2026, 8, 29), TODAY)


def test_a_newer_range_replaces_the_load_under_way(qtbot, diary: DiarySession,
                                                   gate: Gate) -> None:
    view = TrendsView(diary)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(gate.started.is_set, timeout=10_000)
    arrivals: list[object] = []
    view.loaded.connect(lambda: arrivals.append(view.data))
    view.range.preset_combo.setCurrentIndex(PRESET["14 days"])  # waits behind the 90 days
    view.range.preset_combo.setCurrentIndex(PRESET["30 days"])  # replaces it before its turn
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        gate.release()
    # The 90 days were read (already under way) and dropped; the 14 days were never read.
    assert gate.ranges == [(date(2026, 8, 29), TODAY), (date(2026, 10, 28), TODAY)]
    assert len(arrivals) == 1 and view.chart.draws == 1
    assert (view.data.start, view.data.end) == (date(2026, 10, 28), TODAY)


def test_a_load_that_fails_says_why(qtbot, diary: DiarySession,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(request: LoadRequest) -> TrendData:
        raise DiaryFileError(request.path, "the file is damaged")

    monkeypatch.setattr(trends_loader, "read_trends", refuse)
    view = shown_view(qtbot, diary)
    assert "the file is damaged" in view.status.text()
    assert view.data is None and not view.busy.isVisibleTo(view)
    assert not view.export_button.isEnabled()
