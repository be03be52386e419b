"""A diary too damaged to open can still be restored over: its bytes are kept, its log moved
aside with it, and the backup put in its place."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from diary.storage import backups
from diary.storage import errors
from diary.storage.errors import DiaryFileError
from diary.storage.file import opening
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.storage.test_backups import add_events
from tests.storage.test_backups import clock_at_now
from tests.storage.test_backups import digest
from tests.storage.test_backups import rows


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite"
    with create_diary(path, clock=clock_at_now) as store:
        add_events(store, "first", "second")
    return path


def zeroed(path: Path) -> None:
    path.write_bytes(bytes(len(path.read_bytes())))  # a crash that left the blocks empty


def emptied(path: Path) -> None:
    path.write_bytes(b"")


def bit_flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for index in range(page * 2, len(data), 97):  # every table page after the schema
        data[index] ^= 0xFF
    path.write_bytes(bytes(data))


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("damage", [zeroed, emptied, bit_flipped, truncated])
def test_a_damaged_diary_is_kept_byte_for_byte_and_replaced(
        diary: Path, tmp_path: Path, damage: Callable[[Path], None]) -> None:
    with open_diary(diary, clock=clock_at_now) as store:
        saved = store.backup_to(tmp_path / "saved.sqlite")
        add_events(store, "later")
    damage(diary)
    with pytest.raises(errors.DamagedDiaryError):
        opening.inspect(diary)
    damaged_bytes = diary.read_bytes()

    done = backups.restore(diary, saved.path, clock_at_now)

    assert rows(diary) == rows(saved.path)
    kept = done.pre_restore.path
    assert kept.parent == diary.parent / "backups"
    assert kept.name == "diary-damaged-20261126T200000Z.sqlite"
    assert kept.read_bytes() == damaged_bytes
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert done.pre_restore.counts == {}  # nothing could be counted in it
    info = backups.list_backups(kept.parent)[0]
    assert (info.kind, info.stem) == ("damaged", "diary")


def test_the_log_of_a_damaged_diary_moves_aside_and_is_never_replayed(
        diary: Path, tmp_path: Path) -> None:
    with open_diary(diary, clock=clock_at_now) as store:
        saved = store.backup_to(tmp_path / "saved.sqlite")
    wal, shm = opening.companions(diary)
    wal.write_bytes(b"log of the old file" * 100)
    shm.write_bytes(b"\0" * 32768)
    zeroed(diary)

    done = backups.restore(diary, saved.path, clock_at_now)

    assert not wal.exists() and not shm.exists()
    assert done.pre_restore.path.with_name(done.pre_restore.path.name + "-wal").read_bytes() == (
        b"log of the old file" * 100)
    with open_diary(diary, clock=clock_at_now) as store:
        assert store.integrity() == "ok"
        assert store.counts()["events"] == 2


def test_a_foreign_file_in_the_diarys_place_is_not_taken_for_damage(
        diary: Path, tmp_path: Path) -> None:
    import contextlib
    import sqlite3

    with open_diary(diary, clock=clock_at_now) as store:
        saved = store.backup_to(tmp_path / "saved.sqlite")
    diary.unlink()
    with contextlib.closing(sqlite3.connect(diary)) as conn:
        conn.execute("CREATE TABLE photos (x)")
        conn.commit()
    before = digest(diary)
    with pytest.raises(DiaryFileError, match="not a diary"):
        backups.restore(diary, saved.path, clock_at_now)
    assert digest(diary) == before


def test_a_damaged_diary_is_not_restored_while_held(diary: Path, tmp_path: Path) -> None:
    from diary.storage.file import uselock

    with open_diary(diary, clock=clock_at_now) as store:
        saved = store.backup_to(tmp_path / "saved.sqlite")
    zeroed(diary)
    before = digest(diary)
    fd = os.open(diary, os.O_RDONLY)
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_SH)  # a program still has it open
        with pytest.raises(DiaryFileError, match="open in another program"):
            backups.restore(diary, saved.path, clock_at_now)
    finally:
        os.close(fd)
    assert digest(diary) == before
    assert uselock.writer_lock_path(diary).exists()  # left by the writer that made it
