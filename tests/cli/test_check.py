"""`check` on a diary file: the verdict and the row counts of a healthy diary, a damaged one
refused, and a file that is not a diary left as it was.

In-process through `main([...])`; the clock is Thursday 26 November 2026, 21:00 in Paris. The
diary is test_log.py's (`logged_diary`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from diary.storage.file import opening
from diary.storage.store import DiaryStore
from tests.cli.test_log import logged_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    return logged_diary(tmp_path / "person.diary", clock)


def test_check_a_healthy_diary(run: Run, diary: Path) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "check")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"ok: {diary} passed the full integrity check, and every value is as written",
        "rows: medications 2, plan steps 1, intakes 3, symptoms 4, ratings 2, events 0, changes 13",
    ]
    assert digest(diary) == before


def test_check_reports_a_damaged_diary(
    run: Run, diary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Damage found by the check itself (the day's open trusted a recent full check).
    monkeypatch.setattr(DiaryStore, "full_check", lambda self: opening.Verdict(
        "the integrity check failed (row 7 missing from index x)"))
    result = run("--diary", str(diary), "check")
    assert (
        "damaged: the integrity check failed (row 7 missing from index x)"
        in result.one_error_line()
    )


def test_check_refuses_a_file_that_is_not_a_diary(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n" * 20)
    before = digest(path)
    result = run("--diary", str(path), "check")
    assert "not a diary" in result.one_error_line()
    assert digest(path) == before
