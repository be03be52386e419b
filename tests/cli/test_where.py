"""`where`: the path of the diary in use, and that it is open read-only when it is."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from diary.storage.store import create_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest


def test_read_only_says_so(run: Run, tmp_path: Path, clock: list[datetime]) -> None:
    path = tmp_path / "mum.diary"
    create_diary(path, clock=lambda: clock[0]).close()
    before = digest(path)
    result = run("--diary", str(path), "--read-only", "where")
    assert result.code == 0
    assert result.out == f"Diary: {path} (read-only)\n"
    assert digest(path) == before
