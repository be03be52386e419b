"""`backup` and `restore` on the command line."""

from __future__ import annotations

import contextlib
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from diary import preferences
from diary.storage import backup_names, backups
from diary.storage.file import opening
from diary.storage.store import open_diary
from tests.helpers.cli import Run, digest
from tests.helpers.clock import NOW
from tests.storage.test_backups import write_foreign, write_garbage, write_newer


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


def test_restore_round_trip(run: Run, diary: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.sqlite"
    assert run("--diary", str(diary), "backup", "--to", str(saved)).code == 0
    kept = events(run, diary)
    assert run("--diary", str(diary), "log", "event", "other", "after the backup",
               "--at", "2026-11-26T19:00").code == 0
    assert events(run, diary) == kept + 1

    result = run("--diary", str(diary), "restore", str(saved))

    assert result.code == 0, result.err
    assert events(run, diary) == kept
    lines = result.out.splitlines()
    assert lines[0].startswith(f"Verified {saved}: a diary, integrity ok; rows: ")
    pre = backups.list_backups(diary.parent / "backups")[0].path
    assert f"kept in {pre} (verified;" in lines[1]
    assert events(run, pre) == kept + 1
    assert lines[2] == f"Restored: {diary} now holds the backup"
    assert run("--diary", str(diary), "check").code == 0


@pytest.mark.parametrize(("make", "reason"), [
    (write_garbage, "not an SQLite database"),
    (write_foreign, "not a diary"),
    (write_newer, "newer version"),
    ("truncated", "truncated"),
    (None, "no such file"),
])
def test_restore_refusals(run: Run, diary: Path, tmp_path: Path, make: object,
                          reason: str) -> None:
    candidate = tmp_path / "candidate.sqlite"
    if make == "truncated":
        assert run("--diary", str(diary), "backup", "--to", str(candidate)).code == 0
        candidate.write_bytes(candidate.read_bytes()[:-4096])
    elif callable(make):
        make(candidate)
    before = digest(diary), (digest(candidate) if candidate.exists() else None)
    line = run("--diary", str(diary), "restore", str(candidate)).one_error_line()
    assert reason in line
    assert str(candidate) in line
    assert (digest(diary), digest(candidate) if candidate.exists() else None) == before
    assert not (diary.parent / "backups").exists()


def test_restore_refused_with_read_only(run: Run, diary: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.sqlite"
    assert run("--diary", str(diary), "backup", "--to", str(saved)).code == 0
    before = digest(diary)
    line = run("--diary", str(diary), "--read-only", "restore", str(saved)).one_error_line()
    assert "'restore' changes the diary" in line
    assert digest(diary) == before


def test_restore_refused_while_the_diary_is_written(run: Run, diary: Path,
                                                    tmp_path: Path) -> None:
    saved = tmp_path / "saved.sqlite"
    assert run("--diary", str(diary), "backup", "--to", str(saved)).code == 0
    writer = opening.connect(diary, read_only=False)
    try:
        writer.execute("BEGIN IMMEDIATE")
        line = run("--diary", str(diary), "restore", str(saved)).one_error_line()
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert "open for writing in another program" in line
    assert backups.list_backups(diary.parent / "backups") == []


def test_restore_over_a_diary_too_damaged_to_open(run: Run, diary: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.sqlite"
    assert run("--diary", str(diary), "backup", "--to", str(saved)).code == 0
    diary.write_bytes(bytes(diary.stat().st_size))  # zeroed by a crash
    assert "not an SQLite database" in run("--diary", str(diary), "today").one_error_line()
    result = run("--diary", str(diary), "restore", str(saved))
    assert result.code == 0, result.err
    kept = next((diary.parent / "backups").glob("diary-damaged-*.sqlite"))
    assert f"its bytes are kept in {kept}" in result.out
    assert kept.read_bytes() == bytes(kept.stat().st_size)
    assert run("--diary", str(diary), "check").out.startswith("ok")


def test_restore_of_another_diarys_backup_asks_for_other_diary(run: Run, diary: Path,
                                                              tmp_path: Path) -> None:
    (tmp_path / "dad").mkdir()
    dads = tmp_path / "dad" / "diary.sqlite"
    assert run("demo", "--out", str(dads), "--days", "3").code == 0
    saved = tmp_path / "dads-backup.sqlite"
    assert run("--diary", str(dads), "backup", "--to", str(saved)).code == 0
    before = digest(diary), digest(saved)
    line = run("--diary", str(diary), "restore", str(saved)).one_error_line()
    assert "a backup of another diary, not of diary.sqlite" in line
    assert "--other-diary" in line
    assert (digest(diary), digest(saved)) == before
    assert not (diary.parent / "backups").exists()
    done = run("--diary", str(diary), "restore", "--other-diary", str(saved))
    assert done.code == 0, done.err
    assert backups.identity_in(diary) == backups.identity_in(saved)


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
