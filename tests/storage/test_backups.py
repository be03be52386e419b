"""Backups through SQLite's backup API, and restore: verified, 0600, all-or-nothing."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage import backups
from diary.storage import schema
from diary.storage.errors import DamagedDiaryError
from diary.storage.errors import DiaryFileError
from diary.storage.file import copies
from diary.storage.file import opening
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.clock import NOW


def clock_at_now() -> datetime:
    return NOW


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, read without writing to the file."""
    with contextlib.closing(backups.reader(path)) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {n: conn.execute(f"SELECT * FROM [{n}] ORDER BY rowid").fetchall() for n in names}


def add_events(store: DiaryStore, *texts: str) -> None:
    for text in texts:
        store.events.add(Event(NOW - timedelta(hours=1), EventKind.OTHER, text))


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite"
    with create_diary(path, clock=lambda: NOW) as store:
        add_events(store, "first", "second")
    return path


# --- backup_to ------------------------------------------------------------------------------------
def test_backup_equals_the_diary_is_private_and_verified(diary: Path, tmp_path: Path) -> None:
    with open_diary(diary, clock=lambda: NOW) as store:
        done = store.backup_to(tmp_path / "copy.sqlite")
        live = store.counts()
    assert done.path == tmp_path / "copy.sqlite"
    assert stat.S_IMODE(done.path.stat().st_mode) == 0o600
    assert rows(done.path) == rows(diary)
    assert done.counts["events"] == live["events"] == 2
    assert set(done.counts) >= {"diary", "medications", "intakes", "symptoms", "changes"}
    assert opening.inspect(done.path) == []


def test_backup_never_replaces_a_file(diary: Path, tmp_path: Path) -> None:
    existing = tmp_path / "taken.sqlite"
    existing.write_bytes(b"keep me")
    with (open_diary(diary, clock=clock_at_now) as store,
          pytest.raises(DiaryFileError, match="already exists")):
        store.backup_to(existing)
    assert existing.read_bytes() == b"keep me"


class LossyConnection(sqlite3.Connection):
    """Its backups lose the last event: the verification must catch that."""

    def backup(self, target: sqlite3.Connection, **kwargs: object) -> None:  # type: ignore[override]
        super().backup(target)
        target.execute("DELETE FROM events WHERE id = (SELECT max(id) FROM events)")
        target.commit()


def test_an_unverified_copy_is_removed(diary: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite"
    conn = sqlite3.connect(diary, factory=LossyConnection, isolation_level=None)
    try:
        with pytest.raises(DiaryFileError, match="lost rows of events"):
            backups.backup_to(conn, target)
    finally:
        conn.close()
    assert not target.exists()
    # The copy is a WAL diary like its source: its log and shared memory go with it.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == []


def test_backup_of_a_diary_being_written_is_consistent(diary: Path, tmp_path: Path) -> None:
    with open_diary(diary, clock=clock_at_now) as store:
        writer = opening.connect(diary, read_only=False)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO events (at_utc, utc_offset_min, kind, text) "
                       "SELECT at_utc, utc_offset_min, kind, 'uncommitted' FROM events LIMIT 1")
        # with its after-image in the audit trail, as the program writes every row
        writer.execute("INSERT INTO changes (at_utc, table_name, row_id, action, after) "
                       "SELECT at_utc, 'events', id, 'insert', json_object('text', text) "
                       "FROM events WHERE id = last_insert_rowid()")
        assert writer.in_transaction
        during = store.backup_to(tmp_path / "during.sqlite")
        writer.execute("COMMIT")
        after = store.backup_to(tmp_path / "after.sqlite")
        writer.close()
    assert during.counts["events"] == 2
    assert len(rows(during.path)["events"]) == 2
    assert len(rows(after.path)["events"]) == 3
    assert opening.inspect(during.path) == []


def test_backup_refused_inside_a_change(diary: Path, tmp_path: Path) -> None:
    with (open_diary(diary, clock=clock_at_now) as store, store.write(),
          pytest.raises(DiaryFileError, match="middle of a change")):
        store.events.add(Event(NOW - timedelta(hours=1), EventKind.OTHER, "half"))
        store.backup_to(tmp_path / "copy.sqlite")
    assert not (tmp_path / "copy.sqlite").exists()


# --- names, folder, listing -----------------------------------------------------------------------
# --- restore --------------------------------------------------------------------------------------
def test_restore_round_trip(diary: Path, tmp_path: Path) -> None:
    with open_diary(diary, clock=clock_at_now) as store:
        saved = store.backup_to(tmp_path / "saved.sqlite")
        add_events(store, "later")
    later_rows = rows(diary)
    saved_digest = digest(saved.path)

    done = backups.restore(diary, saved.path, lambda: NOW + timedelta(days=1))

    assert rows(diary) == rows(saved.path)
    assert len(rows(diary)["events"]) == 2
    assert rows(done.pre_restore.path) == later_rows  # the later rows are kept there
    assert done.pre_restore.path.parent == diary.parent / "backups"
    assert done.pre_restore.counts["events"] == 3
    assert digest(saved.path) == saved_digest  # the backup was only read
    assert stat.S_IMODE(diary.stat().st_mode) == 0o600
    leftovers = {p.name for p in diary.parent.iterdir()} - {
        "diary.sqlite", "saved.sqlite", "saved.sqlite.sha256", "backups",
        ".diary.sqlite.lock"}  # no -wal, no -shm
    assert leftovers == set()
    with open_diary(diary, clock=clock_at_now) as store:
        assert [
            e.text for e in store.events.between(NOW.date() - timedelta(days=2), NOW.date())
        ] == ["first", "second"]


def write_garbage(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def write_foreign(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()


def write_newer(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {len(schema.KNOWN) + 5}")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()


def write_truncated(path: Path, source: Path) -> None:
    with open_diary(source, clock=clock_at_now) as store:
        store.backup_to(path.with_suffix(".full"))
    data = path.with_suffix(".full").read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (write_garbage, "not an SQLite database"),
        (write_foreign, "not a diary"),
        (write_newer, "newer version"),
        (write_truncated, "truncated"),
    ],
)
def test_restore_refusals_leave_both_files_untouched(
    diary: Path, tmp_path: Path, make: Callable[..., None], reason: str
) -> None:
    candidate = tmp_path / "candidate.sqlite"
    if make is write_truncated:
        make(candidate, diary)
    else:
        make(candidate)
    before = digest(diary), digest(candidate)
    with pytest.raises(DiaryFileError, match=reason):
        backups.restore(diary, candidate, lambda: NOW)
    assert (digest(diary), digest(candidate)) == before
    assert not (diary.parent / "backups").exists()
    assert opening.inspect(diary) == []


def test_restore_refuses_a_backup_whose_bytes_changed(diary: Path, tmp_path: Path) -> None:
    with open_diary(diary, clock=clock_at_now) as store:
        saved = store.backup_to(tmp_path / "saved.sqlite").path
    with sqlite3.connect(saved) as conn:  # a stored value rotted; the structure is intact
        conn.execute("UPDATE events SET text = 'fist' WHERE text = 'first'")
    conn.close()
    # SQLite's own check cannot see it; the program's full check compares every value
    with pytest.raises(DamagedDiaryError, match="events row 1: text is 'fist', but was "
                       "written as 'first'"):
        opening.inspect(saved)
    before = digest(diary), digest(saved)
    with pytest.raises(DiaryFileError, match="changed after it was made"):
        backups.restore(diary, saved, lambda: NOW)
    assert (digest(diary), digest(saved)) == before
    assert not (diary.parent / "backups").exists()


def another_diarys_backup(tmp_path: Path) -> Path:
    (tmp_path / "dad").mkdir()
    with create_diary(tmp_path / "dad" / "diary.sqlite", clock=lambda: NOW) as store:
        add_events(store, "dad's")
        return store.backup_to(tmp_path / "dads-backup.sqlite").path


def test_restore_refuses_another_diarys_backup_unless_asked(diary: Path, tmp_path: Path) -> None:
    dads = another_diarys_backup(tmp_path)
    before = digest(diary), digest(dads)
    with pytest.raises(backups.OtherDiaryError, match=r"another diary, not of diary\.sqlite"):
        backups.restore(diary, dads, lambda: NOW)
    assert (digest(diary), digest(dads)) == before
    assert not (diary.parent / "backups").exists()
    done = backups.restore(diary, dads, lambda: NOW, other_diary=True)
    assert rows(diary) == rows(dads)
    assert backups.identity_in(done.pre_restore.path) != backups.identity_in(diary)


def test_restore_over_a_damaged_diary_still_refuses_another_diary(
    diary: Path, tmp_path: Path
) -> None:
    dads = another_diarys_backup(tmp_path)
    with contextlib.closing(backups.reader(diary)) as conn:
        events_page = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'events'"
        ).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with diary.open("r+b") as file:  # the events' page damaged, the seal's page intact
        file.seek((events_page - 1) * page_size)
        file.write(b"\xff" * page_size)
    with pytest.raises(DiaryFileError):
        opening.inspect(diary)
    assert backups.identity_in(diary) is not None
    before = digest(diary)
    with pytest.raises(backups.OtherDiaryError):
        backups.restore(diary, dads, lambda: NOW)
    assert digest(diary) == before


def test_restore_keeps_the_diary_in_the_chosen_folder(diary: Path, tmp_path: Path) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    with open_diary(diary, clock=clock_at_now) as store:
        saved = store.backup_to(tmp_path / "saved.sqlite").path
    done = backups.restore(diary, saved, lambda: NOW, keep_in=drive)
    assert done.pre_restore.path.parent == drive
    assert done.pre_restore.path.name.startswith("diary-before-restore-")
    assert backups.list_backups(drive)[0].tag == backups.list_backups(drive)[0].path.stem[-8:]
    # A chosen folder that is not there (a drive unplugged) does not stop the restore.
    again = backups.restore(diary, saved, lambda: NOW, keep_in=tmp_path / "unplugged")
    assert again.pre_restore.path.parent == diary.parent / "backups"


def test_restore_refuses_a_missing_backup_and_the_diary_itself(diary: Path) -> None:
    before = digest(diary)
    with pytest.raises(DiaryFileError, match="no such file"):
        backups.restore(diary, diary.parent / "gone.sqlite", lambda: NOW)
    with pytest.raises(DiaryFileError, match="the diary itself"):
        backups.restore(diary, diary, lambda: NOW)
    assert digest(diary) == before


def test_restore_refused_while_another_connection_writes(diary: Path, tmp_path: Path) -> None:
    with open_diary(diary, clock=clock_at_now) as store:
        saved = store.backup_to(tmp_path / "saved.sqlite")
    writer = opening.connect(diary, read_only=False)
    try:
        writer.execute("BEGIN IMMEDIATE")
        with pytest.raises(DiaryFileError, match="open for writing in another program"):
            backups.restore(diary, saved.path, lambda: NOW)
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert backups.list_backups(diary.parent / "backups") == []
    assert opening.inspect(diary) == []


def test_restore_refused_while_a_store_has_the_diary_open_even_idle(
    diary: Path, tmp_path: Path
) -> None:
    # An idle window holds no SQLite lock, yet would go on writing into the replaced file.
    with open_diary(diary, clock=clock_at_now) as store:
        saved = store.backup_to(tmp_path / "saved.sqlite")
    before = digest(diary)
    for read_only in (False, True):
        idle = open_diary(diary, read_only=read_only, clock=clock_at_now)
        with pytest.raises(DiaryFileError, match="open in another program or window"):
            backups.restore(diary, saved.path, lambda: NOW)
        idle.close()
        assert digest(diary) == before
    assert backups.restore(diary, saved.path, lambda: NOW).diary == diary  # once closed


def test_a_diary_being_restored_cannot_be_opened(diary: Path) -> None:
    from diary.storage.file import uselock

    with uselock.exclusive(diary), pytest.raises(DiaryFileError, match="being restored"):
        open_diary(diary, clock=clock_at_now)
    open_diary(diary, clock=clock_at_now).close()


class Boom(OSError):
    pass


def fail(*args: object, **kwargs: object) -> None:
    raise Boom(5, "injected failure")


@pytest.mark.parametrize("step", ["pre-restore backup", "copy", "fsync", "replace"])
def test_a_failure_at_each_step_leaves_the_diary_as_it_was(
    diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    with open_diary(diary, clock=clock_at_now) as store:
        saved = store.backup_to(tmp_path / "saved.sqlite")
        add_events(store, "later")
    before = digest(diary)
    real_copy = copies.backup_copy
    made: list[Path] = []

    def copy_then_fail(conn: sqlite3.Connection, target: Path) -> None:
        made.append(target)
        if target.name.endswith(".restoring"):
            real_copy(conn, target)
            raise sqlite3.OperationalError("disk I/O error (injected)")
        real_copy(conn, target)

    if step == "pre-restore backup":
        monkeypatch.setattr(backups, "backup_to", fail)
    elif step == "copy":
        monkeypatch.setattr(copies, "backup_copy", copy_then_fail)
    elif step == "fsync":
        monkeypatch.setattr(backups, "_fsync_file", fail)
    else:
        monkeypatch.setattr(backups.os, "replace", fail)
    with pytest.raises((Boom, DiaryFileError)):
        backups.restore(diary, saved.path, lambda: NOW)
    assert digest(diary) == before
    assert not diary.with_name(".diary.sqlite.restoring").exists()
    assert not opening.companions(diary)[0].exists()
    with open_diary(diary, clock=clock_at_now) as store:
        assert store.counts()["events"] == 3


# --- a backup killed half-way (issue 17) ----------------------------------------------------------
KILLED_AT = """
import os, signal, sys
from pathlib import Path
from diary.storage import backups, checksums
from diary.storage.store import open_diary

def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

# Killed at the worst moment there is: the copy made and verified, its checksum not written yet.
checksums.write = killed
with open_diary(Path(sys.argv[1])) as store:
    store.backup_to(Path(sys.argv[2]))
"""


def test_a_backup_killed_half_way_leaves_nothing_under_a_backup_name(
        diary: Path, tmp_path: Path) -> None:
    """Before, a killed `backup` left a half-made file under the real name (with a -journal and
    no checksum), and `restore` accepted it."""
    folder = tmp_path / "drive"
    folder.mkdir()
    target = backups.new_backup_path(diary, NOW, folder)
    done = subprocess.run([sys.executable, "-c", KILLED_AT, str(diary), str(target)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == -9, done.stderr
    assert not os.path.lexists(target)
    assert backups.list_backups(folder) == []
    left = list(folder.iterdir())
    assert left and all(p.name.startswith(".") and backups.PARTIAL in p.name for p in left)
    # What it left is swept by a later backup once it is a day old, never sooner.
    with open_diary(diary) as store:
        store.backup_to(backups.new_backup_path(diary, NOW + timedelta(minutes=1), folder))
        assert all(p.exists() for p in left)
        for path in left:
            os.utime(path, (0, 0))
        later = store.backup_to(backups.new_backup_path(diary, NOW + timedelta(minutes=2),
                                                        folder))
    assert not any(p.exists() for p in left)
    assert later.path.exists() and later.path.with_name(later.path.name + ".sha256").exists()
