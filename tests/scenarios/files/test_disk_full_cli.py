"""What a person sees on the command line when the disk is full or a folder is read-only: one
line on stderr naming the file and the problem, exit status 1, no traceback, and the diary still
holding every row it held.

The tests run as root (chmod stops nothing) and must not fill a real disk, so each failure is
simulated at the lowest level the program reaches, and answers as the real one does. The real
ones, as a full or read-only tmpfs of a few hundred KiB gives them:

- a write to a diary on a full disk: sqlite3.OperationalError "database or disk is full",
  sqlite_errorcode SQLITE_FULL (13). Simulated with `PRAGMA max_page_count` on the command's own
  connection (opening.connect), after the diary was filled with rows of the very kind the command
  writes: the next one needs a page the file may not grow by.
- opening a diary on a full disk (SQLite must make its 32 KiB -shm beside it):
  sqlite3.OperationalError "disk I/O error", SQLITE_IOERR_SHMSIZE (4874), at the first statement
  that opens the file in WAL mode (`PRAGMA synchronous` already does; an immutable read does not).
- a backup into a read-only folder: os.open raises OSError(EROFS) (PermissionError, EACCES, for
  a folder the user may not write to); into a full one: SQLITE_FULL from the backup API while
  the copy grows, SQLITE_IOERR_SHMSIZE when the copy is checked, or ENOSPC from the checksum
  file's write.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from collections.abc import Callable
from collections.abc import Iterator
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.units import Unit
from diary.storage import backups
from diary.storage import checksums
from diary.storage.errors import SQLITE_FULL
from diary.storage.errors import SQLITE_IOERR_SHMSIZE
from diary.storage.file import copies
from diary.storage.file import opening
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers import store_sql
from tests.helpers.cli import Run
from tests.helpers.cli import digest
from tests.helpers.clock import NOW

TABLES = ("intakes", "ratings", "events", "changes", "medications", "symptoms", "plan_steps")
SHM_SIZE = 32_768  # the -shm SQLite keeps beside a diary in WAL mode, once made


# --- simulating the disk ------------------------------------------------------------------------
class Overriding:
    """A module as one module sees it, with a few of its functions replaced: the rest of the
    program (and pytest) keep the real ones."""

    def __init__(self, module: Any, **replaced: Any) -> None:
        self._module = module
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


def os_error(code: int, path: object) -> OSError:
    """What the system raises: OSError(errno, strerror, filename), PermissionError for EACCES."""
    return OSError(code, os.strerror(code), path)


def shm_error() -> sqlite3.OperationalError:
    """SQLite's answer when it cannot grow the -shm beside a file on a full disk."""
    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorcode = SQLITE_IOERR_SHMSIZE
    exc.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"
    return exc


def fill_to_the_brim(store: DiaryStore, write_one: Callable[[int], object]) -> int:
    """Write rows with `write_one(n)` until the file may not grow by another page and three rows
    in a row were refused: from then on one more row of that kind cannot be written. Returns how
    many were written."""
    conn = store_sql.connection(store)
    conn.execute("PRAGMA synchronous = OFF")  # set-up only: no fsync for every row
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    written = refused = 0
    for n in range(20_000):
        try:
            write_one(n)
        except sqlite3.OperationalError as exc:
            assert exc.sqlite_errorcode == SQLITE_FULL, exc
            refused += 1
            if refused == 3:
                conn.execute("PRAGMA synchronous = FULL")
                return written
        else:
            written += 1
            refused = 0
    raise AssertionError("the diary never filled up")


def disk_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection that may write gets no page beyond the ones its file has."""
    real = opening.connect

    def connect(path: Path, *, read_only: bool, unchecked: bool = False) -> sqlite3.Connection:
        conn = real(path, read_only=read_only, unchecked=unchecked)
        if not read_only:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(opening, "connect", connect)


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, read without writing, and the integrity verdict."""
    with open_diary(path, read_only=True) as store:
        assert store.integrity() == "ok"
        return {table: [tuple(r) for r in store_sql.connection(store).execute(
                    f"SELECT * FROM [{table}] ORDER BY rowid")] for table in TABLES}


# --- the diary ----------------------------------------------------------------------------------
def earlier(n: int) -> datetime:
    """The n-th filler's time: five minutes apart, all of them days before the tests' now."""
    return NOW - timedelta(days=40) + timedelta(minutes=5 * n)


@pytest.fixture
def diary(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "diary.sqlite"
    with create_diary(path, clock=lambda: NOW) as store:
        store.medications.add(Medication(name="Ibuprofen", unit=Unit.MG))
    yield path


def filled(path: Path, kind: str) -> Path:
    """The diary filled with entries of `kind` of the shape the command below writes."""
    with open_diary(path, clock=lambda: NOW) as store:
        med = store.medications.all()[0].id
        symptom = store.symptoms.all()[0].id
        assert med is not None and symptom is not None
        writers: dict[str, Callable[[int], object]] = {
            "dose": lambda n: store.intakes.add(Intake(med, earlier(n), 400_000)),
            "rating": lambda n: store.ratings.add(Rating(symptom, earlier(n), 4)),
            "event": lambda n: store.events.add(Event(earlier(n), EventKind.OTHER, "walked")),
        }
        assert fill_to_the_brim(store, writers[kind]) > 0
    return path


def symptom_name(path: Path) -> str:
    with open_diary(path, read_only=True) as store:
        return store.symptoms.all()[0].name


COMMANDS = {
    "dose": lambda path: ["log", "dose", "Ibuprofen", "400"],
    "rating": lambda path: ["log", "rating", symptom_name(path), "4"],
    "event": lambda path: ["log", "event", "other", "walked"],
}


# --- (a) writing to the diary -------------------------------------------------------------------
@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_a_full_disk_is_named_and_every_entry_already_stored_is_kept(
        run: Run, diary: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    filled(diary, kind)
    command = COMMANDS[kind](diary)
    before = rows(diary)
    with monkeypatch.context() as disk:
        disk_is_full(disk)
        line = run("--diary", str(diary), *command).one_error_line()
    assert line == (f"medication-diary: error: {diary}: the disk is full (database or disk is "
                    "full): nothing was written, and the diary keeps everything it held; free "
                    "some space, then run the command again")
    assert rows(diary) == before  # not a row more, not a row less, and intact
    # What the message says to do works: with room again the same command writes its entry.
    again = run("--diary", str(diary), *command)
    assert again.code == 0, again.err
    after = rows(diary)
    table = {"dose": "intakes", "rating": "ratings", "event": "events"}[kind]
    assert len(after[table]) == len(before[table]) + 1
    assert after[table][:-1] == before[table]


def test_a_read_only_command_still_works_on_a_full_disk(run: Run, diary: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    filled(diary, "dose")
    before = rows(diary)
    with monkeypatch.context() as disk:
        disk_is_full(disk)
        result = run("--diary", str(diary), "history", "--from", "2026-10-01", "--to",
                     "2026-11-26")
    assert result.code == 0, result.err
    assert f"{len(before['intakes'])} doses" in result.out
    assert rows(diary) == before


def no_room_for_the_shm(monkeypatch: pytest.MonkeyPatch, diary: Path) -> None:
    """SQLite cannot grow the -shm beside `diary` to its 32 KiB: while it is shorter (or not
    there), any statement that opens the file in WAL mode fails. An immutable read needs no
    -shm, and of the pragmas opening.connect runs only these touch no file (synchronous does:
    it makes SQLite open the file, its -wal and its -shm)."""
    harmless = ("PRAGMA BUSY_TIMEOUT", "PRAGMA FOREIGN_KEYS", "PRAGMA QUERY_ONLY")
    shm = opening.companions(diary)[1]

    class NoRoom(sqlite3.Connection):
        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
            short = not shm.exists() or shm.stat().st_size < SHM_SIZE
            if short and not sql.lstrip().upper().startswith(harmless):
                raise shm_error()
            return super().execute(sql, *args)

    def connect(database: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        text = str(database)
        if str(diary.resolve()) in text and "immutable=1" not in text:
            kwargs["factory"] = NoRoom
        return sqlite3.connect(database, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(opening, "sqlite3", Overriding(sqlite3, connect=connect))


def as_a_writer_left_it(diary: Path) -> None:
    """No -wal or -shm beside the diary, as after the last writer closed it (a reader, like
    rows(), leaves an empty -wal and a full-size -shm: removed as SQLite itself would)."""
    wal, shm = opening.companions(diary)
    assert not wal.exists() or wal.stat().st_size == 0
    wal.unlink(missing_ok=True)
    shm.unlink(missing_ok=True)


@pytest.mark.parametrize("left_beside", [False, True], ids=["clean", "after-a-failed-open"])
def test_a_diary_on_a_full_disk_is_not_called_damaged(run: Run, diary: Path, left_beside: bool,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    before = rows(diary)
    as_a_writer_left_it(diary)
    if left_beside:  # what a first attempt on the real full disk leaves: an empty -wal, a stub
        wal, shm = opening.companions(diary)
        wal.write_bytes(b"")
        shm.write_bytes(b"\x00" * 3)
    with monkeypatch.context() as disk:
        no_room_for_the_shm(disk, diary)
        line = run("--diary", str(diary), "log", "event", "other", "walked").one_error_line()
    assert line.startswith(f"medication-diary: error: {diary}: ")
    assert "the disk is full" in line
    assert "damag" not in line
    assert rows(diary) == before


# --- (a) backup --to FOLDER ---------------------------------------------------------------------
@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "drive"
    made.mkdir()
    return made


def expected_target(diary: Path, folder: Path) -> Path:
    return backups.new_backup_path(diary, NOW, folder, identity=backups.identity_in(diary))


def refuse_creating_in(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int) -> None:
    """os.open of a new file in `folder` fails as on a read-only (EROFS), forbidden (EACCES) or
    full (ENOSPC: no room for another entry) folder."""
    real = os.open

    def refusing(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT and Path(path).parent == folder:
            raise os_error(code, path)
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(copies, "os", Overriding(os, open=refusing))
    monkeypatch.setattr(checksums, "os", Overriding(os, open=refusing))


def copy_cannot_grow(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The backup copy in `folder` may not grow by a page: the backup API answers SQLITE_FULL."""

    def connect(database: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = sqlite3.connect(database, *args, **kwargs)
        if Path(database).parent == folder:
            conn.execute("PRAGMA max_page_count = 1")
        return conn

    monkeypatch.setattr(copies, "sqlite3", Overriding(sqlite3, connect=connect))


def copy_cannot_be_checked(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The copy is written whole, then its check needs a -shm the full disk has no room for."""

    class NoRoom(sqlite3.Connection):
        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
            if sql.startswith("PRAGMA integrity_check"):
                raise shm_error()
            return super().execute(sql, *args)

    def connect(database: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if Path(database).parent == folder:
            kwargs["factory"] = NoRoom
        return sqlite3.connect(database, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(copies, "sqlite3", Overriding(sqlite3, connect=connect))


def checksum_cannot_be_written(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The copy took the last blocks: writing its checksum file fails with ENOSPC."""
    real_open, real_write = os.open, os.write
    sidecars: set[int] = set()

    def opening_file(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        fd = real_open(path, flags, *args, **kwargs)
        if str(path).endswith(checksums.EXTENSION):
            sidecars.add(fd)
        return fd

    def writing(fd: int, data: bytes) -> int:
        if fd in sidecars:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # os.write names no file
        return real_write(fd, data)

    monkeypatch.setattr(checksums, "os", Overriding(os, open=opening_file, write=writing))


# The reason each failure must be given in, whatever words around it: the file is named before
# it (the test checks that), the system's words or the plain ones after.
FOLDER_FAILURES: dict[str, tuple[Callable[[pytest.MonkeyPatch, Path], None], str]] = {
    "read-only (EROFS)": (lambda m, f: refuse_creating_in(m, f, errno.EROFS),
                          r"cannot create the file .*(Read-only file system|the disk is "
                          r"read-only)"),
    "not ours (EACCES)": (lambda m, f: refuse_creating_in(m, f, errno.EACCES),
                          r"(?i)permission denied"),
    "full at create (ENOSPC)": (lambda m, f: refuse_creating_in(m, f, errno.ENOSPC),
                                r"cannot create the file .*(No space left on device|the disk "
                                r"is full)"),
    "full while copying (SQLITE_FULL)": (copy_cannot_grow,
                                         r"the backup failed and no copy was kept .*disk is "
                                         r"full"),
    # SQLite says only "disk I/O error": the plain reason is the program's to give.
    "full when checking (SHMSIZE)": (copy_cannot_be_checked,
                                     r"the backup failed and no copy was kept .*the disk is full"),
    "full at the checksum (ENOSPC)": (checksum_cannot_be_written,
                                      r"the backup failed and no copy was kept .*the disk is "
                                      r"full"),
}


@pytest.mark.parametrize("failure", list(FOLDER_FAILURES))
def test_backup_to_a_folder_that_takes_nothing_names_the_problem_and_leaves_nothing(
        run: Run, diary: Path, folder: Path, failure: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    simulate, reason = FOLDER_FAILURES[failure]
    target = expected_target(diary, folder)
    before, kept = digest(diary), rows(diary)
    with monkeypatch.context() as disk:
        simulate(disk, folder)
        line = run("--diary", str(diary), "backup", "--to", str(folder)).one_error_line()
    assert line.startswith(f"medication-diary: error: {target}: "), line
    assert re.search(reason, line), line
    assert sorted(p.name for p in folder.iterdir()) == []  # no copy, no checksum, half or whole
    assert digest(diary) == before and rows(diary) == kept
    # With the folder writable again the same command makes a verified backup.
    assert run("--diary", str(diary), "backup", "--to", str(folder)).code == 0
    assert [info.path for info in backups.list_backups(folder)] == [target]


def test_backup_to_a_new_file_in_a_read_only_folder(run: Run, diary: Path, folder: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = folder / "copy.sqlite"
    with monkeypatch.context() as disk:
        refuse_creating_in(disk, folder, errno.EROFS)
        line = run("--diary", str(diary), "backup", "--to", str(target)).one_error_line()
    assert re.fullmatch(rf"medication-diary: error: {re.escape(str(target))}: cannot create the "
                        r"file \((Read-only file system|the disk is read-only)\)", line), line
    assert list(folder.iterdir()) == []


def test_backup_beside_a_diary_on_a_read_only_disk(run: Run, diary: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """No --to: the backups folder beside the diary cannot be made."""
    default = backups.backups_folder(diary)
    real = Path.mkdir

    def mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if self == default:
            raise os_error(errno.EROFS, str(self))
        real(self, *args, **kwargs)

    before = digest(diary)
    with monkeypatch.context() as disk:
        disk.setattr(Path, "mkdir", mkdir)
        line = run("--diary", str(diary), "backup").one_error_line()
    assert re.fullmatch(rf"medication-diary: error: {re.escape(str(default))}: cannot create "
                        r"the backups folder \((Read-only file system|the disk is read-only)\)",
                        line), line
    assert not default.exists() and digest(diary) == before
