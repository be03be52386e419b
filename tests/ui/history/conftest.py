"""The History tests' fixtures: one entry of each kind in the test's diary (`ids`), and the
view over it, shown and focused."""

from __future__ import annotations

from datetime import datetime

import pytest

from diary.ui.history.view import HistoryView
from diary.ui.shell.session import DiarySession
from tests.ui.history.support import fill
from tests.ui.history.support import make_view


@pytest.fixture
def ids(session: DiarySession, clock: list[datetime]) -> dict[str, int]:
    return fill(session.store, clock[0])


@pytest.fixture
def view(qtbot, session: DiarySession,  # type: ignore[no-untyped-def]
         ids: dict[str, int]) -> HistoryView:
    return make_view(qtbot, session)
