"""A value damaged inside a sound file: SQLite's integrity check passes it, the program does not
(issue 17). Before, an intake's 20 mg turned 20.004 mg and `check` said ok; a slot day turned
'2026-12- 7' passed `check` (its CHECK is NULL, which passes) and then `today` and `history`
ended in a traceback. Now the full check compares every value with what the program wrote: a
diary so damaged is refused at the day's first open, naming the value; a value damaged after
the day's check passed is named by `check`, and every reading command refuses in one line
naming the row; and `restore` refuses a backup so damaged when its checksum file is gone (people
copy just the .sqlite to a stick)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import pytest

from diary.demo import build_demo
from diary.storage import backups
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest
from tests.helpers.clock import NOW


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "mine.sqlite"
    build_demo(path, days=20, now=NOW)
    return path


def flip(path: Path, sql: str) -> int:
    """Change one stored value behind the program's back (as a flipped bit would); its id."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        row_id = int(conn.execute(
            "SELECT id FROM intakes WHERE slot_day IS NOT NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()[0])
        conn.execute(sql, [row_id])
        conn.commit()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"  # SQLite sees none
    return row_id


def flip_after_the_days_check(path: Path, sql: str) -> int:
    """`flip`, once the day's full check has passed and been recorded, leaving the file as the
    record says (a bit flipped on the disk between two checks changes no time stamp)."""
    open_diary(path).close()
    found = os.stat(path)
    row_id = flip(path, sql)
    os.utime(path, ns=(found.st_atime_ns, found.st_mtime_ns))
    return row_id


def written_amount(diary: Path, row_id: int) -> int:
    with open_diary(diary, read_only=True) as store:
        return store.intakes.get(row_id).amount


@pytest.mark.parametrize("argv", [("check",), ("today",), ("history", "--json"), ("report",)])
def test_a_diary_whose_values_differ_is_refused_at_its_next_full_check(
        run: Run, diary: Path, tmp_path: Path, argv: tuple[str, ...]) -> None:
    written = written_amount(diary, flip(diary, "SELECT ?"))
    row_id = flip(diary, "UPDATE intakes SET amount = amount + 4 WHERE id = ?")
    before = digest(diary)
    out = ["-o", str(tmp_path / "report.pdf")] if argv == ("report",) else []
    line = run("--diary", str(diary), *argv, *out).one_error_line()
    advice = "; restore a backup (medication-diary restore)" if argv == ("check",) else ""
    assert line == (f"medication-diary: error: {diary}: damaged: values differ from what the "
                    f"program wrote: intakes row {row_id}: amount is {written + 4}, but was "
                    f"written as {written}{advice}")
    assert digest(diary) == before
    assert not (tmp_path / "report.pdf").exists()


def test_check_names_an_amount_damaged_after_the_days_check(run: Run, diary: Path) -> None:
    row_id = flip(diary, "SELECT ?")
    written = written_amount(diary, row_id)
    assert flip_after_the_days_check(
        diary, "UPDATE intakes SET amount = amount + 4 WHERE id = ?") == row_id
    before = digest(diary)
    line = run("--diary", str(diary), "check").one_error_line()
    assert line == (f"medication-diary: error: {diary}: damaged: values differ from what the "
                    f"program wrote: intakes row {row_id}: amount is {written + 4}, but was "
                    f"written as {written}; restore a backup (medication-diary restore)")
    assert digest(diary) == before
    # What `check` found, every later open knows: its record of the day's check is gone.
    line = run("--diary", str(diary), "history").one_error_line()
    assert f"intakes row {row_id}: amount is {written + 4}" in line
    assert run("--diary", str(diary), "log", "event", "other", "after").code == 1
    assert digest(diary) == before


def test_check_names_every_value_that_differs(run: Run, diary: Path) -> None:
    with contextlib.closing(sqlite3.connect(diary)) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM intakes ORDER BY id LIMIT 8")]
        conn.execute(f"UPDATE intakes SET note = 'edited' WHERE id IN ({', '.join('?' * 8)})",
                     ids)
        conn.commit()
    line = run("--diary", str(diary), "check").one_error_line()
    assert [f"intakes row {row_id}: note is 'edited'" in line for row_id in ids] == [True] * 8
    assert "(and more)" not in line


@pytest.mark.parametrize("argv", [("check",), ("today",), ("history",), ("history", "--json")])
def test_a_slot_day_that_is_no_date_is_reported_never_a_traceback(
        run: Run, diary: Path, argv: tuple[str, ...]) -> None:
    row_id = flip(diary, "UPDATE intakes SET slot_day = '2026-12- 7' WHERE id = ?")
    before = digest(diary)
    line = run("--diary", str(diary), *argv).one_error_line()
    assert line.startswith(f"medication-diary: error: {diary}: damaged: values differ from what "
                           f"the program wrote: intakes row {row_id}: slot_day is '2026-12- 7', "
                           "but was written as '"), line
    assert digest(diary) == before


@pytest.mark.parametrize("argv", [("check",), ("today",), ("history",), ("history", "--json")])
def test_a_slot_day_damaged_after_the_days_check_is_reported_never_a_traceback(
        run: Run, diary: Path, argv: tuple[str, ...]) -> None:
    row_id = flip_after_the_days_check(
        diary, "UPDATE intakes SET slot_day = '2026-12- 7' WHERE id = ?")
    before = digest(diary)
    line = run("--diary", str(diary), *argv).one_error_line()
    if argv == ("check",):
        assert f"intakes row {row_id}: slot_day is '2026-12- 7', but was written as '" in line
    else:
        assert line.startswith(f"medication-diary: error: the diary is damaged: intakes row "
                               f"{row_id} holds a value that cannot be read ("), line
        assert line.endswith("run `medication-diary check` to list every damaged row, then "
                             "restore a backup")
    assert digest(diary) == before


def test_a_backup_without_its_checksum_is_checked_value_by_value(
        run: Run, diary: Path, tmp_path: Path) -> None:
    with open_diary(diary) as store:
        made = store.backup_to(tmp_path / "copy.sqlite").path
    backups.checksums.sidecar(made).unlink()
    flip(made, "UPDATE intakes SET amount = 30000 WHERE id = ?")  # 20 mg edited to 30 mg
    before = digest(diary)
    line = run("--diary", str(diary), "restore", str(made)).one_error_line()
    assert line.startswith(f"medication-diary: error: {made}: damaged: values differ from what "
                           "the program wrote: intakes row ")
    assert digest(diary) == before
    # A whole backup without its checksum file is still accepted: nothing proves it wrong.
    with open_diary(diary) as store:
        whole = store.backup_to(tmp_path / "whole.sqlite").path
    backups.checksums.sidecar(whole).unlink()
    assert run("--diary", str(diary), "restore", str(whole)).code == 0


def test_a_damaged_page_met_between_two_checks_is_named_and_forgotten(
        run: Run, diary: Path) -> None:
    """SQLite's "database disk image is malformed", met by a command between two full checks,
    is the diary's damage by name, and every later open checks in full (second review)."""
    from diary.storage.file import verified

    open_diary(diary).close()  # the day's check, recorded
    found = os.stat(diary)
    with diary.open("r+b") as data:  # a whole page of the intakes' table turned to zeros
        data.seek(4096 * 8)
        data.write(bytes(4096))
    os.utime(diary, ns=(found.st_atime_ns, found.st_mtime_ns))
    line = run("--diary", str(diary), "history", "--from", "2026-01-01").one_error_line()
    assert line.startswith(f"medication-diary: error: {diary}: damaged: "), line
    assert "restore a backup" in line or "check" in line
    assert verified.checked_at(diary) is None
