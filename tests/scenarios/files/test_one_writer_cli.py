"""Commands meet a diary another program has open for writing: changes are refused in one line
with nothing written, reading commands still work."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest


@pytest.fixture
def diary(run: Run, tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite"
    assert run("demo", "--out", str(path), "--days", "5").code == 0
    return path


@pytest.fixture
def window(diary: Path) -> Iterator[DiaryStore]:
    """What a window holds while it shows the diary for writing."""
    with open_diary(diary) as store:
        yield store


@pytest.mark.parametrize("command", [
    ("log", "dose", "baclofen", "5"),
    ("log", "rating", "spasticity", "4"),
    ("symptom", "add", "Pain"),
    ("medication", "archive", "baclofen"),
])
def test_a_change_is_refused_while_a_window_writes(run: Run, diary: Path, window: DiaryStore,
                                                   command: tuple[str, ...]) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), *command)
    assert result.one_error_line() == (
        f"medication-diary: error: {diary}: it is open for writing in another Medication Diary "
        f"window or command (process {os.getpid()}); close it there, or open it read-only")
    assert digest(diary) == before


@pytest.mark.parametrize("command", [("today",), ("history",), ("check",), ("backup",)])
def test_reading_works_while_a_window_writes(run: Run, diary: Path, window: DiaryStore,
                                             command: tuple[str, ...]) -> None:
    result = run("--diary", str(diary), *command)
    assert result.code == 0, result.err
    assert result.out
