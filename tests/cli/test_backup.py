"""`backup` on the command line: a verified copy in the default folder or where --to says, never
over a file, and the older backups thinned by the window's policy."""

from __future__ import annotations

import contextlib
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from diary import preferences
from diary.storage import backup_names
from diary.storage import backups
from diary.storage.file import opening
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest
from tests.helpers.clock import NOW


@pytest.fixture
def diary(run: Run, tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite"
    assert run("demo", "--out", str(path), "--days", "5").code == 0
    return path


def tag_in(diary: Path) -> str:
    return backup_names.tag_of(backups.identity_in(diary))


def events(run: Run, diary: Path) -> int:
    with contextlib.closing(backups.reader(diary)) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


def test_backup_to_the_default_folder(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "backup")
    assert result.code == 0, result.err
    made = backups.list_backups(diary.parent / "backups")
    assert len(made) == 1
    assert made[0].path.name == f"diary-20261126T200000Z-{tag_in(diary)}.sqlite"
    assert str(made[0].path) in result.out
    assert "verified: integrity ok; rows: " in result.out
    assert f"events {events(run, diary)}" in result.out
    assert stat.S_IMODE(made[0].path.stat().st_mode) == 0o600


def test_backup_to_a_path_and_never_over_a_file(run: Run, diary: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite"
    assert run("--diary", str(diary), "backup", "--to", str(target)).code == 0
    assert opening.inspect(target) == []
    before = digest(target)
    refused = run("--diary", str(diary), "backup", "--to", str(target)).one_error_line()
    assert "already exists" in refused
    assert digest(target) == before


def test_backup_of_the_default_diary_with_read_only(run: Run) -> None:
    assert run("where").code == 0  # creates the person's diary
    result = run("--read-only", "backup")
    assert result.code == 0, result.err
    assert "/data/backups/diary-" in result.out


# --- thinning by the window's policy (issue 17) ---------------------------------------------------
def policy_file(daily: int, weekly: int = 0, monthly: int = 0) -> Path:
    """The window's preferences, as QSettings writes them (tests/test_preferences.py shows
    QSettings writes this very form), in the test's own config folder."""
    path = preferences.preferences_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[backups]\nkeep_daily={daily}\nkeep_weekly={weekly}\n"
                    f"keep_monthly={monthly}\n", encoding="utf-8")
    return path


def older_backups(diary: Path, folder: Path, days: list[int]) -> list[Path]:
    with open_diary(diary, read_only=True) as store:
        return [store.backup_to(backups.new_backup_path(
            diary, NOW - timedelta(days=n), folder, identity=store.identity())).path
            for n in days]


def test_a_backup_thins_the_older_ones_by_the_windows_policy(run: Run, diary: Path) -> None:
    """So that a backup run by a timer does not fill a drive."""
    policy_file(daily=2)
    folder = diary.parent / "backups"
    folder.mkdir()
    old = older_backups(diary, folder, [1, 2, 3, 4])
    result = run("--diary", str(diary), "backup")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == (
        "thinned: 3 older backups removed by the policy (File > Backups in the window sets it; "
        "--no-thin keeps them all)")
    # Kept: today's new one and the newest of the two most recent days (today, yesterday).
    kept = [info.path for info in backups.list_backups(folder)]
    assert kept[1:] == [old[0]] and len(kept) == 2


def test_no_thin_keeps_every_backup(run: Run, diary: Path) -> None:
    policy_file(daily=1)
    folder = diary.parent / "backups"
    folder.mkdir()
    old = older_backups(diary, folder, [1, 2, 3])
    result = run("--diary", str(diary), "backup", "--no-thin")
    assert result.code == 0, result.err
    assert "thinned" not in result.out
    assert all(path.exists() for path in old)


def test_a_backup_to_a_file_of_your_naming_thins_nothing(run: Run, diary: Path,
                                                        tmp_path: Path) -> None:
    policy_file(daily=1)
    folder = tmp_path / "drive"
    folder.mkdir()
    old = older_backups(diary, folder, [1, 2, 3])
    assert run("--diary", str(diary), "backup", "--to", str(folder / "mine.sqlite")).code == 0
    assert all(path.exists() for path in old)
    # A folder given with --to is thinned like the default one.
    assert run("--diary", str(diary), "backup", "--to", str(folder)).code == 0
    assert [p.exists() for p in old] == [False, False, False]
