"""Opening at a cost that does not grow with the years (issue 17): the full integrity check runs
when something could have changed the file since the last one passed, and at least once a day;
otherwise an open skips it (diary/storage/file/verified.py)."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage.errors import DamagedDiaryError
from diary.storage.file import opening
from diary.storage.file import verified
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers import store_sql
from tests.helpers.clock import NOW


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each full integrity check run, by the file it ran on."""
    ran: list[Path] = []
    real = opening._integrity

    def counted(conn: sqlite3.Connection, limit: int | None = None) -> opening.Verdict:
        ran.append(Path(conn.execute("PRAGMA database_list").fetchone()[2]))
        return real(conn, limit)

    monkeypatch.setattr(opening, "_integrity", counted)
    return ran


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "mine.sqlite"
    create_diary(path, clock=lambda: NOW).close()
    return path


def add_event(path: Path, text: str) -> None:
    with open_diary(path, clock=lambda: NOW) as store:
        store.events.add(Event(NOW - timedelta(hours=1), EventKind.OTHER, text))


def test_an_unchanged_diary_is_checked_in_full_once(diary: Path, checks: list[Path]) -> None:
    open_diary(diary).close()
    open_diary(diary, read_only=True).close()
    open_diary(diary).close()
    assert checks == [diary]


def test_what_the_program_itself_wrote_needs_no_new_check(diary: Path,
                                                          checks: list[Path]) -> None:
    add_event(diary, "first")  # opens: the one full check
    add_event(diary, "second")  # the state the first session left was recorded at its close
    with open_diary(diary, read_only=True) as store:
        assert [e.text for e in store.events.between(NOW.date() - timedelta(days=1),
                                                     NOW.date())] == ["first", "second"]
    assert checks == [diary]


def test_a_change_made_by_another_program_is_checked(diary: Path, checks: list[Path]) -> None:
    open_diary(diary).close()
    with contextlib.closing(sqlite3.connect(diary)) as other:  # not through the program
        other.execute("CREATE TABLE another_programs (x)")
        other.commit()
    open_diary(diary).close()
    assert checks == [diary, diary]


def test_a_value_changed_by_another_program_is_refused_at_the_next_open(
        diary: Path, checks: list[Path]) -> None:
    """The full check compares every value with what the program wrote (issue 17): a diary
    whose values changed behind the program's back is not opened, nor written to."""
    open_diary(diary).close()
    with contextlib.closing(sqlite3.connect(diary)) as other:
        other.execute("UPDATE diary SET name = 'changed behind its back'")
        other.commit()
    before = diary.read_bytes()
    with pytest.raises(DamagedDiaryError, match="diary row 1: name is 'changed behind its "
                       "back', but was written as ''"):
        open_diary(diary)
    assert diary.read_bytes() == before


def test_a_file_put_in_place_of_the_diary_is_checked(diary: Path, tmp_path: Path,
                                                     checks: list[Path]) -> None:
    open_diary(diary).close()
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(diary.read_bytes())
    os.replace(copy, diary)  # same bytes, same seal: another file all the same
    open_diary(diary).close()
    assert checks == [diary, diary]


def test_the_full_check_runs_at_least_once_a_day(diary: Path, checks: list[Path]) -> None:
    open_diary(diary).close()
    record = verified.record_file()
    entries = json.loads(record.read_text(encoding="utf-8"))
    entry = entries[str(diary.resolve())]
    entry["checked"] = (datetime.now(UTC) - timedelta(days=1, minutes=1)).isoformat()
    record.write_text(json.dumps(entries), encoding="utf-8")
    open_diary(diary).close()
    open_diary(diary).close()
    assert checks == [diary, diary]


def test_a_log_left_beside_the_diary_means_a_full_check(diary: Path,
                                                        checks: list[Path]) -> None:
    """Another program writing: the file and its log are not as the program recorded them."""
    open_diary(diary).close()
    with contextlib.closing(sqlite3.connect(diary)) as other:
        other.execute("PRAGMA wal_autocheckpoint = 0")
        other.execute("CREATE TABLE another_programs (x)")
        other.commit()
        open_diary(diary, read_only=True).close()
    assert checks == [diary, diary]


def test_a_command_run_while_the_program_writes_needs_no_new_check(
        diary: Path, checks: list[Path]) -> None:
    """The window writing (its log beside the diary) records the state each of its commits
    leaves: a command run meanwhile finds the file as recorded."""
    open_diary(diary).close()
    writer = open_diary(diary, clock=lambda: NOW)
    try:
        store_sql.connection(writer).execute("PRAGMA wal_autocheckpoint = 0")
        writer.events.add(Event(NOW, EventKind.OTHER, "in the log"))
        verified.RECORDER.flush()  # recorded in the background, within milliseconds
        with open_diary(diary, read_only=True) as reader:
            assert [e.text for e in reader.events.between(NOW.date(), NOW.date())] == [
                "in the log"]
    finally:
        writer.close()
    assert checks == [diary]


def test_a_write_cut_short_after_the_last_record_means_a_full_check(
        diary: Path, checks: list[Path]) -> None:
    """A log that grew after the program recorded its state (a transaction another program
    added, or one a crash cut short) is not the recorded one."""
    open_diary(diary).close()
    writer = open_diary(diary, clock=lambda: NOW)
    try:
        store_sql.connection(writer).execute("PRAGMA wal_autocheckpoint = 0")
        writer.events.add(Event(NOW, EventKind.OTHER, "recorded"))
        with contextlib.closing(sqlite3.connect(diary)) as other:
            other.execute("CREATE TABLE another_programs (x)")
            other.commit()
        open_diary(diary, read_only=True).close()
    finally:
        writer.close()
    assert checks == [diary, diary]


def test_a_failed_check_forgets_the_record(diary: Path, checks: list[Path],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    open_diary(diary).close()
    assert str(diary.resolve()) in json.loads(verified.record_file().read_text("utf-8"))
    diary.touch()  # something changed: the next open checks in full, and finds damage
    monkeypatch.setattr(opening, "_integrity",
                        lambda conn, limit=None: opening.Verdict("row 7 missing from index x"))
    with pytest.raises(DamagedDiaryError, match="row 7 missing"):
        open_diary(diary)
    assert str(diary.resolve()) not in json.loads(verified.record_file().read_text("utf-8"))


def test_the_record_is_private_and_a_broken_one_costs_a_check(diary: Path,
                                                              checks: list[Path]) -> None:
    open_diary(diary).close()
    record = verified.record_file()
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert stat.S_IMODE(record.parent.stat().st_mode) == 0o700
    record.write_text("{not json", encoding="utf-8")
    open_diary(diary).close()
    open_diary(diary).close()
    assert checks == [diary, diary]


def test_a_command_checks_the_diary_in_full_once_not_twice(
        diary: Path, checks: list[Path], tmp_path: Path) -> None:
    """`today` asks whether the diary needs an upgrade, then opens it: while a window writes to
    it and nothing recorded counts, the full check ran twice per command."""
    from diary.app import main

    writer = open_diary(diary, clock=lambda: NOW)
    try:
        store_sql.connection(writer).execute("PRAGMA wal_autocheckpoint = 0")
        writer.events.add(Event(NOW, EventKind.OTHER, "the window's"))
        verified.RECORDER.flush()
        verified.forget(diary)  # the record lost (a cleaned cache): the command must check
        checks.clear()
        with contextlib.redirect_stdout(None):
            assert main(["--diary", str(diary), "today"], clock=lambda: NOW) == 0
    finally:
        writer.close()
    assert checks == [diary]


def test_another_programs_write_between_two_of_the_programs_is_never_recorded(
        diary: Path, checks: list[Path]) -> None:
    """The window records the state each of its commits leaves; a change another program made
    in between is not the window's, and must not be taken into the record (review finding)."""
    open_diary(diary).close()
    writer = open_diary(diary, clock=lambda: NOW)
    try:
        writer.events.add(Event(NOW - timedelta(minutes=2), EventKind.OTHER, "mine"))
        with contextlib.closing(sqlite3.connect(diary)) as other:
            other.execute("UPDATE events SET text = 'theirs' WHERE text = 'mine'")
            other.commit()
        writer.events.add(Event(NOW - timedelta(minutes=1), EventKind.OTHER, "mine again"))
        verified.RECORDER.flush()
        checks.clear()
        with pytest.raises(DamagedDiaryError, match="text is 'theirs', but was written as "
                           "'mine'"):
            open_diary(diary, read_only=True)
        assert checks == [diary]
    finally:
        writer.close()
    checks.clear()
    with pytest.raises(DamagedDiaryError):
        open_diary(diary)
    assert checks == [diary]


def test_a_record_waiting_to_be_written_is_dropped_when_the_file_is_forgotten(
        diary: Path) -> None:
    open_diary(diary).close()
    state = verified.state_of(diary, ("someone", 7))
    verified.RECORDER.record(diary, state, datetime.now(UTC))
    verified.forget(diary)  # found changed meanwhile: the older commit's record must not land
    verified.RECORDER.flush()
    assert verified.checked_at(diary) is None


def test_of_several_records_waiting_only_the_newest_is_written(diary: Path) -> None:
    open_diary(diary).close()  # the full check they speak of
    first, newest = (verified.state_of(diary, ("someone", n)) for n in (1, 2))
    checked = verified.checked_at(diary)
    assert checked is not None
    verified.RECORDER.record(diary, first, checked)
    verified.RECORDER.record(diary, newest, checked)
    verified.RECORDER.flush()
    assert verified.still_verified(diary, newest, checked)
    assert not verified.still_verified(diary, first, checked)


def test_a_record_forgotten_by_check_is_not_put_back_by_the_windows_next_save(
        diary: Path) -> None:
    """`check` found damage while the window had the diary open: the window's next commit
    must not record the file as vouched for again (second review)."""
    open_diary(diary).close()
    writer = open_diary(diary, clock=lambda: NOW)
    try:
        writer.events.add(Event(NOW - timedelta(minutes=2), EventKind.OTHER, "mine"))
        verified.RECORDER.flush()
        assert verified.checked_at(diary) is not None
        verified.forget(diary)  # what `check` does when it finds damage
        writer.events.add(Event(NOW - timedelta(minutes=1), EventKind.OTHER, "again"))
        verified.RECORDER.flush()
        assert verified.checked_at(diary) is None
    finally:
        writer.close()
    assert verified.checked_at(diary) is None


def test_a_record_nested_past_reason_costs_a_check_not_a_traceback(diary: Path) -> None:
    verified.record_file().parent.mkdir(parents=True, exist_ok=True)
    verified.record_file().write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with open_diary(diary, read_only=True) as store:
        assert store.counts()["symptoms"] == 4


def test_a_folder_deleted_leaves_no_record_of_its_files(diary: Path, tmp_path: Path) -> None:
    """Issue 18: the demo's temporary diary and its backups stayed named in the record after the
    demo's folder was deleted."""
    demo = tmp_path / "medication-diary-demo-x"
    (demo / "backups").mkdir(parents=True)
    copy, sibling = demo / "demo.diary", tmp_path / "medication-diary-demo-x2" / "demo.diary"
    for path in (copy, sibling):
        path.parent.mkdir(exist_ok=True)
        create_diary(path, clock=lambda: NOW).close()
        add_event(path, "a write")  # its record, written in the background: flushed first
    backup, mine = demo / "backups" / "demo-1.sqlite", tmp_path / "backups" / "mine-1.sqlite"
    mine.parent.mkdir()
    for path, digest in ((backup, "ab" * 32), (mine, "cd" * 32)):
        path.write_bytes(b"a backup")
        verified.remember_backup(path, digest)
    open_diary(diary).close()
    before = json.loads(verified.record_file().read_text(encoding="utf-8"))
    assert str(copy.resolve()) in before and str(backup.resolve()) in before["backups"]

    verified.forget_folder(demo)
    entries = json.loads(verified.record_file().read_text(encoding="utf-8"))
    assert str(demo) not in json.dumps(entries).replace(str(sibling.parent), "")
    # Everything else is kept: the person's diary, its backups, a folder named alike.
    assert set(entries) == {str(diary.resolve()), str(sibling.resolve()), "backups"}
    assert entries["backups"] == {str(mine.resolve()): "cd" * 32}
    verified.forget_folder(tmp_path / "backups")
    assert "backups" not in json.loads(verified.record_file().read_text(encoding="utf-8"))
