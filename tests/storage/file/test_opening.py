"""Files that are not diaries, newer diaries, damaged and truncated ones: refused, untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from diary.storage import schema
from diary.storage.errors import DiaryFileError
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers import store_sql


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in the folder with a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def refused(path: Path, fragment: str, *, read_only: bool = False) -> None:
    before = snapshot(path.parent)
    with pytest.raises(DiaryFileError) as caught:
        open_diary(path, read_only=read_only)
    assert fragment in caught.value.reason
    assert str(path) in str(caught.value)
    assert snapshot(path.parent) == before, "a refused file must be left exactly as it was"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "files"
    target.mkdir()
    return target


def make_diary(folder: Path, name: str = "real.diary") -> Path:
    path = folder / name
    create_diary(path).close()
    return path


@pytest.mark.parametrize("read_only", [False, True])
def test_garbage_is_not_a_diary(folder: Path, read_only: bool) -> None:
    path = folder / "garbage.diary"
    path.write_bytes(os.urandom(8192))
    refused(path, "not an SQLite database", read_only=read_only)


def test_empty_and_text_files(folder: Path) -> None:
    empty = folder / "empty.diary"
    empty.write_bytes(b"")
    refused(empty, "not an SQLite database")
    text = folder / "notes.txt"
    text.write_text("Baclofen 5 mg at 8\n" * 100)
    refused(text, "not an SQLite database")


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_foreign_sqlite_file_is_not_a_diary(folder: Path, journal: str) -> None:
    path = folder / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE intakes (id INTEGER PRIMARY KEY, what TEXT)")
    conn.execute("INSERT INTO intakes (what) VALUES ('not ours')")
    conn.commit()
    conn.close()
    refused(path, "not one written by Medication Diary")


def test_a_newer_schema_version_is_refused_from_the_header(folder: Path) -> None:
    path = make_diary(folder)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(schema.KNOWN) + 1}")
    conn.commit()
    conn.close()
    refused(path, "newer version")
    refused(path, "newer version", read_only=True)


def test_an_unknown_migration_is_refused(folder: Path) -> None:
    path = make_diary(folder)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [schema.MIGRATION_SET, "0099_from_the_future", "2030-01-01"],
    )
    conn.commit()
    conn.close()
    refused(path, "0099_from_the_future")


@pytest.mark.parametrize("keep", [100, 4096, 8192 + 17])
def test_truncated_diaries_are_refused(folder: Path, keep: int) -> None:
    path = make_diary(folder)
    data = path.read_bytes()
    assert len(data) > keep
    path.write_bytes(data[:keep])
    refused(path, "")  # any clear reason; the file must stay as it is


def test_truncated_to_whole_pages_is_damaged(folder: Path) -> None:
    path = make_diary(folder)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 // 4096 * 4096])
    refused(path, "damaged")


def test_a_corrupt_page_fails_the_quick_check(folder: Path) -> None:
    path = make_diary(folder)
    data = bytearray(path.read_bytes())
    page = 4096
    # Overwrite the second half of the file past the first page (the schema stays readable).
    for i in range(page * 2, len(data)):
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    refused(path, "damaged")


def test_open_never_creates(folder: Path) -> None:
    missing = folder / "nothing-here.diary"
    with pytest.raises(DiaryFileError, match="no such file"):
        open_diary(missing)
    with pytest.raises(DiaryFileError, match="no such file"):
        open_diary(missing, read_only=True)
    assert list(folder.iterdir()) == []


def test_a_folder_is_not_a_diary(folder: Path) -> None:
    with pytest.raises(DiaryFileError, match="is a folder"):
        open_diary(folder)


def test_create_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DiaryFileError, match="does not exist"):
        create_diary(tmp_path / "no" / "such" / "folder.diary")


def test_opened_read_write_with_the_diary_pragmas(folder: Path) -> None:
    path = make_diary(folder)
    diary = open_diary(path)
    assert store_sql.query(diary, "PRAGMA journal_mode")[0]["journal_mode"] == "wal"
    assert store_sql.query(diary, "PRAGMA synchronous")[0]["synchronous"] == 2  # FULL
    assert store_sql.query(diary, "PRAGMA foreign_keys")[0]["foreign_keys"] == 1
    found = store_sql.query(diary, "PRAGMA application_id")[0]["application_id"]
    assert found == schema.APPLICATION_ID
    diary.close()


def test_read_only_open_leaves_the_file_byte_identical(folder: Path) -> None:
    path = make_diary(folder)
    before = path.read_bytes()
    viewer = open_diary(path, read_only=True)
    assert viewer.counts()["symptoms"] == 4
    assert store_sql.query(viewer, "PRAGMA query_only")[0]["query_only"] == 1
    viewer.close()
    assert path.read_bytes() == before


def test_read_only_in_a_folder_nobody_may_write_to(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root the tests cannot make a folder unwritable: tell the opener it is, and check that
    # SQLite is then asked for nothing beside the file (no -wal, no -shm).
    path = make_diary(folder)
    from diary.storage.file import opening

    # The writer that made the diary left its lock file (never deleted, see uselock).
    assert sorted(p.name for p in folder.iterdir()) == [".real.diary.lock", "real.diary"]
    monkeypatch.setattr(opening.os, "access", lambda p, mode: False)
    viewer = open_diary(path, read_only=True)
    assert viewer.counts()["symptoms"] == 4
    viewer.close()
    assert sorted(p.name for p in folder.iterdir()) == [".real.diary.lock", "real.diary"]


def test_the_calendar_ends_are_not_an_error(folder: Path) -> None:
    from datetime import date

    diary = open_diary(make_diary(folder), read_only=True)
    assert diary.intakes.between(date.max, date.max) == []
    assert diary.intakes.daily_totals(date.min, date.min) == []
    diary.close()
