"""A backup of a diary whose values differ from what the program wrote (issue 17): not made, for
its checksum would prove it good and the thinning keep it in place of a good one; and the diary
is then treated as a full check that failed."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage import backups
from diary.storage.errors import DamagedDiaryError
from diary.storage.errors import DiaryFileError
from diary.storage.file import verified
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.storage.tables import ReadOnlyError
from tests.helpers.clock import NOW


def test_no_backup_is_made_of_a_diary_whose_values_differ(tmp_path: Path) -> None:
    """Its checksum would prove it a good backup, and the thinning would keep it in place of a
    good one of the same day (review finding)."""
    diary = tmp_path / "mine.sqlite"
    with create_diary(diary, clock=lambda: NOW) as store:
        store.events.add(Event(NOW - timedelta(hours=1), EventKind.OTHER, "first"))
    folder = tmp_path / "drive"
    folder.mkdir()
    with open_diary(diary, clock=lambda: NOW) as store:
        with contextlib.closing(sqlite3.connect(diary)) as other:  # between two checks
            other.execute("UPDATE events SET text = 'fist'")
            other.commit()
        with pytest.raises(DiaryFileError, match=r"not made: the diary it copies is damaged, "
                           r"its values differ .* text is 'fist', but was written as 'first'"):
            store.backup_to(backups.new_backup_path(diary, NOW, folder))
    assert list(folder.iterdir()) == []


def test_a_backup_that_finds_the_diary_damaged_ends_its_vouching(tmp_path: Path) -> None:
    """The record of the day's check is forgotten and every later write refused, as when the
    full check fails (second review)."""
    diary = tmp_path / "mine.sqlite"
    create_diary(diary, clock=lambda: NOW).close()
    with open_diary(diary, clock=lambda: NOW) as store:
        with contextlib.closing(sqlite3.connect(diary)) as other:
            other.execute("UPDATE symptoms SET name = 'Spasticitz' WHERE id = 1")
            other.commit()
        with pytest.raises(DamagedDiaryError):
            store.backup_to(tmp_path / "copy.sqlite")
        with pytest.raises(ReadOnlyError, match="nothing more is written to it"):
            store.events.add(Event(NOW, EventKind.OTHER, "after"))
    assert verified.checked_at(diary) is None
