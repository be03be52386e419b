"""The report dialog's fixtures: where the report is saved (`target`), and the demo diary open
read-only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from diary.demo import build_demo
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui.shell.session import DiarySession
from tests.helpers.clock import NOW
from tests.helpers.dialogs import DialogAnswers
from tests.helpers.dialogs import PathQuestion


@pytest.fixture
def target(tmp_path: Path, dialog_answers: DialogAnswers) -> list[PathQuestion]:
    """The save chooser answers tmp_path/report.pdf; the list records what it was asked."""
    return dialog_answers.choose(tmp_path / "report.pdf").chosen


@pytest.fixture
def read_only(qapp: object, tmp_path: Path) -> Iterator[DiarySession]:
    path = tmp_path / "demo.diary"
    build_demo(path, days=20, seed=2, now=NOW)
    store: DiaryStore = open_diary(path, read_only=True, clock=lambda: NOW)
    session = DiarySession(store, lambda: NOW)
    yield session
    session.close()
