"""New files beside the diary (diary/storage/file/copies.py): created 0600, never over another
file, and copies that are verified before anyone counts on them."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage.errors import DamagedDiaryError
from diary.storage.errors import DiaryFileError
from diary.storage.file import copies
from diary.storage.store import create_diary
from tests.helpers.clock import NOW


def test_a_new_file_is_private_and_never_replaces_one(tmp_path: Path) -> None:
    made = tmp_path / "new.sqlite"
    copies.create_file(made)
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    made.write_text("mine")
    with pytest.raises(DiaryFileError, match="a file of that name already exists"):
        copies.create_file(made)
    assert made.read_text() == "mine"
    with pytest.raises(DiaryFileError, match="does not exist"):
        copies.create_file(tmp_path / "no such folder" / "x.sqlite")


def test_files_made_under_the_private_umask_are_the_owners_alone(tmp_path: Path) -> None:
    with copies.private_umask():
        fd = os.open(tmp_path / "beside", os.O_WRONLY | os.O_CREAT, 0o666)
        os.close(fd)
    assert stat.S_IMODE((tmp_path / "beside").stat().st_mode) == 0o600


def test_a_copy_is_whole_and_of_values_the_program_wrote(tmp_path: Path) -> None:
    diary = tmp_path / "mine.sqlite"
    with create_diary(diary, clock=lambda: NOW) as store:
        store.events.add(Event(NOW - timedelta(hours=1), EventKind.OTHER, "first"))
    with contextlib.closing(sqlite3.connect(diary)) as conn:
        copies.backup_copy(conn, tmp_path / "copy.sqlite")
        with contextlib.closing(sqlite3.connect(tmp_path / "copy.sqlite")) as copy:
            assert copy.execute("SELECT text FROM events").fetchall() == [("first",)]
        conn.execute("UPDATE events SET text = 'fist'")  # behind the program's back
        conn.commit()
        with pytest.raises(DamagedDiaryError, match="the diary it copies is damaged"):
            copies.backup_copy(conn, tmp_path / "second.sqlite")
    assert not (tmp_path / "second.sqlite").exists()


def test_the_copy_before_an_upgrade_gets_a_name_of_its_own(tmp_path: Path) -> None:
    diary = tmp_path / "mine.sqlite"
    first = copies.pre_migration_path(diary)
    assert first.parent == tmp_path and first.name.startswith("mine.before-upgrade-")
    first.write_text("taken")
    second = copies.pre_migration_path(diary)
    assert second != first and second.name.endswith("-2.sqlite")
