"""`restore` on the command line: a round trip through a backup, the backups refused (and the
diary left as it was), a diary too damaged to open restored, and another diary's backup only
with --other-diary."""

from __future__ import annotations

from pathlib import Path

import pytest

from diary.storage import backups
from diary.storage.file import opening
from tests.cli.test_backup import events
from tests.helpers.cli import Run
from tests.helpers.cli import digest
from tests.storage.test_backups import write_foreign
from tests.storage.test_backups import write_garbage
from tests.storage.test_backups import write_newer


@pytest.fixture
def diary(run: Run, tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite"
    assert run("demo", "--out", str(path), "--days", "5").code == 0
    return path


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
