"""The day's full check in the background (issue 17): the window opens at once, a dose logged
meanwhile is committed at once, and nothing reaches a file that has not passed the check
(diary/storage/file/checking.py)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage import backups
from diary.storage.errors import DamagedDiaryError
from diary.storage.file import checking
from diary.storage.file import opening
from diary.storage.file import verified
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.storage.tables import ReadOnlyError
from tests.helpers import store_sql
from tests.helpers.clock import NOW


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "mine.sqlite"
    with create_diary(path, clock=lambda: NOW) as store:
        store.events.add(Event(NOW - timedelta(hours=2), EventKind.OTHER, "first"))
    return path


def note(store: DiaryStore, text: str) -> None:
    store.events.add(Event(NOW - timedelta(hours=1), EventKind.OTHER, text))


def texts(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return [row[0] for row in conn.execute("SELECT text FROM events ORDER BY id")]


def change_behind_its_back(path: Path) -> None:
    """A value changed by another program (a flipped bit would do the same): the file SQLite
    calls sound, the values not as written."""
    with contextlib.closing(sqlite3.connect(path)) as other:
        other.execute("UPDATE events SET text = 'fist' WHERE text = 'first'")
        other.commit()


def test_a_due_check_is_left_for_later_and_the_diary_opens_at_once(diary: Path) -> None:
    store = open_diary(diary, clock=lambda: NOW, check_later=True)
    try:
        assert verified.checked_at(diary) is None  # nothing checked yet, nothing recorded
        assert store.start_full_check()
        assert store.checking
        store.wait_for_full_check()
        assert not store.checking
        assert verified.checked_at(diary) is not None
        assert store_sql.connection(store).execute("PRAGMA wal_autocheckpoint").fetchone() == (
            1000,)
    finally:
        store.close()
    assert not store.start_full_check()  # closed: nothing due, nothing started


def test_no_check_is_started_when_none_is_due(diary: Path) -> None:
    open_diary(diary).close()  # the day's full check, in the foreground, recorded
    with open_diary(diary, check_later=True) as store:
        assert not store.start_full_check()
        assert not store.checking


def test_a_dose_logged_during_the_check_is_committed_at_once_but_not_folded_in(
        diary: Path) -> None:
    store = open_diary(diary, clock=lambda: NOW, check_later=True)
    try:
        before = diary.read_bytes()
        assert store.start_full_check()
        for n in range(300):  # far more than the log would hold before it is folded in
            note(store, f"during {n}")
        assert len(texts(diary)) == 301  # committed: another program reads it at once
        assert diary.read_bytes() == before  # and the file being checked is as it was
        store.wait_for_full_check()
        store_sql.connection(store).execute("PRAGMA wal_checkpoint(PASSIVE)")
        assert diary.read_bytes() != before  # passed: folded in again
    finally:
        store.close()
    assert len(texts(diary)) == 301


def test_a_failed_check_refuses_every_write_and_never_folds_into_the_file(diary: Path) -> None:
    change_behind_its_back(diary)
    store = open_diary(diary, clock=lambda: NOW, check_later=True)
    before = diary.read_bytes()
    assert store.start_full_check()
    note(store, "typed while the check ran")
    with pytest.raises(DamagedDiaryError, match="events row 1: text is 'fist', but was "
                       "written as 'first'"):
        store.wait_for_full_check()
    with pytest.raises(ReadOnlyError, match=r"damaged: .* nothing more is written to it"):
        note(store, "after")
    store.close()
    assert diary.read_bytes() == before  # not a byte folded into the damaged file
    wal = opening.companions(diary)[0]
    assert wal.exists() and wal.stat().st_size > 32  # what was typed is kept beside it
    assert texts(diary) == ["fist", "typed while the check ran"]
    assert verified.checked_at(diary) is None
    with pytest.raises(DamagedDiaryError):  # and the next open refuses the diary
        open_diary(diary)


def test_a_restore_keeps_what_was_typed_during_a_failed_check(diary: Path,
                                                              tmp_path: Path) -> None:
    with open_diary(diary, clock=lambda: NOW) as store:
        saved = store.backup_to(tmp_path / "saved.sqlite").path
    change_behind_its_back(diary)
    verified.forget(diary)
    store = open_diary(diary, clock=lambda: NOW, check_later=True)
    store.start_full_check()
    note(store, "typed while the check ran")
    store.close()  # waits for the verdict: damaged
    kept_in = tmp_path / "kept"
    kept_in.mkdir()
    backups.restore(diary, saved, lambda: NOW, kept_in)
    assert texts(diary) == ["first"]
    damaged = next(path for path in kept_in.iterdir() if path.name.endswith(".sqlite"))
    assert damaged.with_name(damaged.name + "-wal").exists()  # its log went with it
    assert texts(damaged) == ["fist", "typed while the check ran"]


def test_closing_during_a_check_waits_for_its_verdict(diary: Path) -> None:
    store = open_diary(diary, clock=lambda: NOW, check_later=True)
    store.start_full_check()
    note(store, "second")
    store.close()
    assert verified.checked_at(diary) is not None
    assert not opening.companions(diary)[0].exists()  # passed: folded in at close
    assert texts(diary) == ["first", "second"]


def test_what_needs_the_check_first_is_checked_before_the_diary_opens(diary: Path) -> None:
    """A log left beside the diary holding transactions (an unclean exit), or a read-only
    open: the full check is not left for later."""
    with contextlib.closing(sqlite3.connect(diary)) as other:
        other.execute("PRAGMA wal_autocheckpoint = 0")
        other.execute("CREATE TABLE another_programs (x)")
        other.commit()
        with open_diary(diary, check_later=True) as store:
            assert not store.start_full_check()
    verified.forget(diary)
    with open_diary(diary, read_only=True) as store:
        assert not store.start_full_check()
    change_behind_its_back(diary)
    verified.forget(diary)
    with pytest.raises(DamagedDiaryError):
        open_diary(diary, read_only=True)


def test_a_window_left_open_checks_again_once_a_day(diary: Path) -> None:
    with open_diary(diary, clock=lambda: NOW) as store:
        assert not store.start_full_check()  # checked at open, today
        record = verified.record_file()
        entries = json.loads(record.read_text(encoding="utf-8"))
        entries[str(diary.resolve())]["checked"] = (
            datetime.now(UTC) - timedelta(days=1, minutes=1)).isoformat()
        record.write_text(json.dumps(entries), encoding="utf-8")
        assert store.start_full_check()
        note(store, "during the day's check")
        store.wait_for_full_check()
        checked = verified.checked_at(diary)
        assert checked is not None and datetime.now(UTC) - checked < timedelta(minutes=1)


def test_a_reader_opened_during_a_failing_check_is_refused(diary: Path) -> None:
    change_behind_its_back(diary)
    store = open_diary(diary, clock=lambda: NOW, check_later=True)
    try:
        assert store.start_full_check()
        with pytest.raises(DamagedDiaryError, match="events row 1: text is 'fist'"):
            open_diary(diary, read_only=True)
    finally:
        store.close()


def test_a_check_that_could_not_run_is_no_verdict_of_damage(
        diary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Busy, out of memory, a disk error: nothing is known of the file, so nothing is refused,
    nothing is folded in yet, and the check stays due (review finding)."""
    def busy(path: Path) -> tuple[str | None, str | None]:
        return None, "database is locked"  # what the check's own process answers then

    store = open_diary(diary, clock=lambda: NOW, check_later=True)
    try:
        monkeypatch.setattr(checking, "run_check", busy)
        assert store.start_full_check()
        store.wait_for_full_check()  # no DamagedDiaryError
        note(store, "still written")
        assert store_sql.connection(store).execute("PRAGMA wal_autocheckpoint").fetchone() == (0,)
        assert verified.checked_at(diary) is None
    finally:
        store.close()  # unchecked still: the log is kept beside the file, not folded into it
    assert opening.companions(diary)[0].stat().st_size > 32
    assert texts(diary) == ["first", "still written"]
    monkeypatch.undo()
    with open_diary(diary, check_later=True) as again:  # a log with transactions: checked now
        assert not again.start_full_check()
    assert verified.checked_at(diary) is not None


def test_check_of_a_file_it_cannot_read_says_so_not_damaged(
        diary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(path: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(opening, "_reader", failing)
    with pytest.raises(opening.CheckNotRun, match="disk I/O error"):
        opening.full_check(diary)


def test_after_another_programs_write_a_passing_check_vouches_again(diary: Path) -> None:
    """Noticed at a save, another program's write ends the vouching and makes the check due;
    a check that read the file after it vouches for the file again (second review)."""
    open_diary(diary).close()
    store = open_diary(diary, clock=lambda: NOW)
    try:
        with contextlib.closing(sqlite3.connect(diary)) as other:
            other.execute("CREATE TABLE another_programs (x)")
            other.commit()
        note(store, "noticed")  # the write notices it: the record is forgotten
        assert verified.checked_at(diary) is None
        assert store.start_full_check()  # due again
        store.wait_for_full_check()
        note(store, "trusted again")
        verified.RECORDER.flush()
        assert verified.checked_at(diary) is not None
    finally:
        store.close()
    with open_diary(diary, read_only=True) as reader:  # as recorded: no check needed
        assert [e.text for e in reader.events.between(NOW.date() - timedelta(days=1),
                                                      NOW.date())][-1] == "trusted again"


def test_the_check_runs_in_a_process_of_its_own_and_answers_in_one_line(diary: Path) -> None:
    """No shared interpreter or SQLite allocator with the window: a dose logged meanwhile does
    not wait (bench/: log_dose_checking)."""
    assert checking.run_check(diary) == ("ok", None)
    with contextlib.closing(sqlite3.connect(diary)) as other:
        other.execute("UPDATE events SET text = 'fist'")
        other.commit()
    verdict, not_run = checking.run_check(diary)
    assert not_run is None and verdict is not None
    assert "events row 1: text is 'fist', but was written as 'first'" in verdict
    assert checking.run_check(diary.with_name("nothing.sqlite"))[0] is None
