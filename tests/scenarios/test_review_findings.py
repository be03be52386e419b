"""What an adversarial review of the data-safety work found (issue 17), each kept found: a flipped
id stopping readers, a backup sweeping files not its own, junk with a checksum of its own taking
a good backup's place, a removed row passing `check`, a backup offered that restore refuses, a
link beside the diary, a damaged row of the audit trail. (The program's cache folder readable by
others is tests/test_paths.py.)"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.demo import build_demo
from diary.domain.retention import BackupPolicy
from diary.storage import autobackup
from diary.storage import backups
from diary.storage import checksums
from diary.storage.errors import DamagedDiaryError
from diary.storage.errors import DiaryFileError
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest
from tests.helpers.clock import NOW

PARIS = timezone(timedelta(hours=1))


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "mine.sqlite"
    build_demo(path, days=10, now=NOW)
    return path


def behind_its_back(path: Path, *statements: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        for sql in statements:
            conn.execute(sql)
        conn.commit()


@pytest.mark.parametrize("argv", [("today",), ("history", "--json"), ("export", "csv", "-o"),
                                  ("export", "fhir", "-o"), ("report", "-o")])
def test_a_reference_to_a_row_that_is_not_there_is_damage_not_a_traceback(
        run: Run, diary: Path, tmp_path: Path, argv: tuple[str, ...]) -> None:
    behind_its_back(diary, "UPDATE intakes SET medication_id = 99 WHERE id = "
                    "(SELECT max(id) FROM intakes)")
    out = [str(tmp_path / "out")] if argv[-1] == "-o" else []
    line = run("--diary", str(diary), *argv, *out).one_error_line()
    assert line.startswith(f"medication-diary: error: {diary}: damaged: the integrity check "
                           "failed (1 broken reference(s), first in intakes row "), line


def test_a_backup_sweeps_only_the_partial_files_of_its_own_making(
        run: Run, diary: Path, tmp_path: Path) -> None:
    folder = tmp_path / "drive"
    folder.mkdir()
    theirs = [folder / ".movie.mkv.partial", folder / ".config.partial.bak"]
    ours = folder / ".mine-20261120T080000Z-0a1b2c3d.sqlite.0a1b2c3d.partial"
    for path in (*theirs, ours, ours.with_name(ours.name + "-journal")):
        path.write_text("x")
        os.utime(path, (0, 0))
    assert run("--diary", str(diary), "backup", "--to", str(folder), "--no-thin").code == 0
    assert all(path.exists() for path in theirs)
    assert not ours.exists() and not ours.with_name(ours.name + "-journal").exists()


def test_junk_with_a_checksum_of_its_own_never_takes_a_good_backups_place(
        diary: Path, tmp_path: Path) -> None:
    folder = tmp_path / "drive"
    folder.mkdir()
    with open_diary(diary, clock=lambda: NOW) as store:
        good = [store.backup_to(backups.new_backup_path(
            diary, NOW - timedelta(days=n), folder, identity=store.identity())).path
            for n in (1, 2, 3)]
        junk = []
        for path in good:  # newer than the good one of its day, with a correct sha256sum line
            name = path.with_name(path.name.replace("T200000Z", "T210000Z"))
            name.write_bytes(path.read_bytes()[:100] + bytes(path.stat().st_size - 100))
            checksums.sidecar(name).write_text(
                f"{hashlib.sha256(name.read_bytes()).hexdigest()}  {name.name}\n")
            junk.append(name)
        done = autobackup.back_up_and_thin(store, folder, NOW, PARIS,
                                           BackupPolicy(daily=3, weekly=0, monthly=0))
    assert sorted(done.removed) == [good[2]]  # the third day back is beyond three days
    assert good[0].exists() and good[1].exists() and all(p.exists() for p in junk)


def test_a_row_removed_behind_the_programs_back_is_named_by_check(
        run: Run, diary: Path) -> None:
    behind_its_back(diary, "DELETE FROM ratings WHERE id = 7")
    line = run("--diary", str(diary), "check").one_error_line()
    assert "ratings row 7 is missing (the program wrote it and never removed it)" in line


def test_the_backup_offered_is_one_restore_takes(diary: Path, tmp_path: Path) -> None:
    folder = tmp_path / "drive"
    folder.mkdir()
    with open_diary(diary, clock=lambda: NOW) as store:
        identity = store.identity()
        older = store.backup_to(backups.new_backup_path(
            diary, NOW - timedelta(days=2), folder, identity=identity)).path
        newer = store.backup_to(backups.new_backup_path(
            diary, NOW - timedelta(days=1), folder, identity=identity)).path
    checksums.sidecar(newer).unlink()
    behind_its_back(newer, "UPDATE intakes SET amount = amount * 2 WHERE id = 1")
    found = autobackup.newest_good(diary, [folder], identity)
    assert found is not None and found[0].path == older
    with pytest.raises(DiaryFileError, match="damaged: values differ from what the program "
                       "wrote: intakes row 1: amount is "):
        backups.restore(diary, newer, lambda: NOW)


@pytest.mark.parametrize("companion", ["-wal", "-shm"])
def test_a_link_beside_the_diary_is_refused_by_name_not_called_damage(
        diary: Path, companion: str) -> None:
    notes = diary.with_name("notes.txt")
    notes.write_text("mine\n")
    link = diary.with_name(diary.name + companion)
    link.unlink(missing_ok=True)
    link.symlink_to(notes)
    before = digest(diary)
    with pytest.raises(DiaryFileError) as refused:
        open_diary(diary)
    assert not isinstance(refused.value, DamagedDiaryError)  # no restore offered over it
    assert str(refused.value) == (f"{diary}: {link.name} beside it is a link, not a file SQLite "
                                  "made; remove the link, then try again")
    assert digest(diary) == before and notes.read_text() == "mine\n"


def test_a_damaged_audit_row_is_a_damaged_row_not_a_traceback(diary: Path) -> None:
    from diary.storage.errors import DamagedDiaryError
    from diary.storage.errors import DamagedRowError

    damage = ("UPDATE changes SET at_utc = 'zz' WHERE id = "
              "(SELECT max(id) FROM changes WHERE table_name = 'ratings')")
    # Met between two full checks (opened first), reading it is a damaged row...
    with open_diary(diary, read_only=True) as store:
        behind_its_back(diary, damage)
        with contextlib.closing(sqlite3.connect(diary)) as conn:
            row_id, change = conn.execute(
                "SELECT row_id, id FROM changes WHERE at_utc = 'zz'").fetchone()
        with pytest.raises(DamagedRowError,
                           match=r"changes row \d+ holds a value that cannot be read"):
            store.audit.of("ratings", row_id)
    # ...and the next full check names it.
    with pytest.raises(DamagedDiaryError, match=rf"changes row {change} \(the audit trail\): "
                       "at_utc is 'zz', which is not a time as the program writes it"):
        open_diary(diary, read_only=True)
