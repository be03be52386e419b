"""Why a diary file cannot be used (diary/storage/errors.py): each error names the file and the
reason in words; a damaged row names its table and row and what to do; and a disk that takes
nothing more is told apart from every other failure, whether SQLite or the system says so."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from diary.storage.errors import SQLITE_FULL
from diary.storage.errors import SQLITE_IOERR_SHMSIZE
from diary.storage.errors import DamagedDiaryError
from diary.storage.errors import DamagedRowError
from diary.storage.errors import DiaryFileError
from diary.storage.errors import ForeignLogError
from diary.storage.errors import disk_reason
from diary.storage.errors import os_reason


def sqlite_error(code: int | None) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database or disk is full")
    if code is not None:
        error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


def test_a_file_error_names_the_file_and_the_reason() -> None:
    error = DiaryFileError(Path("/home/ann/diary.sqlite"), "is a folder, not a diary file")
    assert str(error) == "/home/ann/diary.sqlite: is a folder, not a diary file"
    assert (error.path, error.reason) == (Path("/home/ann/diary.sqlite"),
                                          "is a folder, not a diary file")


def test_a_damaged_row_names_its_table_and_row_and_what_to_do() -> None:
    error = DamagedRowError("intakes", 42, "Invalid isoformat string: '2026-12- 7'")
    assert str(error) == (
        "the diary is damaged: intakes row 42 holds a value that cannot be read (Invalid "
        "isoformat string: '2026-12- 7'); nothing was changed: run `medication-diary check` "
        "to list every damaged row, then restore a backup")
    assert (error.table, error.row_id, error.reason) == ("intakes", 42, str(error))
    assert isinstance(error, DamagedDiaryError) and isinstance(error, DiaryFileError)


def test_a_foreign_log_is_damage_a_backup_can_repair() -> None:
    assert issubclass(ForeignLogError, DamagedDiaryError)


@pytest.mark.parametrize(("number", "words"), [
    (errno.EACCES, "permission denied"),
    (errno.ENOSPC, "the disk is full"),
    (errno.EROFS, "the disk is read-only"),
    (errno.ENOENT, "there is no such file or folder"),
])
def test_the_systems_errors_in_words(number: int, words: str) -> None:
    assert os_reason(OSError(number, "whatever the system says")) == words


def test_an_error_without_words_of_ours_says_its_own_in_lower_case() -> None:
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == \
        "invalid cross-device link"
    assert os_reason(OSError("Something odd")) == "something odd"


@pytest.mark.parametrize(("error", "reason"), [
    (sqlite_error(SQLITE_FULL), "the disk is full"),
    (sqlite_error(SQLITE_FULL | (1 << 8)), "the disk is full"),  # an extended code of it
    (sqlite_error(SQLITE_IOERR_SHMSIZE),
     "the disk is full (there is no room for SQLite's shared-memory file)"),
    (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
    (OSError(errno.EDQUOT, "Disk quota exceeded"),
     "the disk is full (your quota on it is used up)"),
    (OSError(errno.EROFS, "Read-only file system"), "the disk is read-only"),
])
def test_a_disk_that_takes_nothing_more(error: BaseException, reason: str) -> None:
    assert disk_reason(error) == reason


@pytest.mark.parametrize("error", [
    sqlite_error(None), sqlite_error(11), OSError(errno.EACCES, "Permission denied"),
    ValueError("not a disk"), None,
])
def test_anything_else_is_not_the_disk(error: BaseException | None) -> None:
    assert disk_reason(error) is None
