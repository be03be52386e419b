"""The names and folder of backups (diary/storage/backup_names.py): the default folder, private;
a name from the time, the diary's tag and a kind, never one already taken (by a backup or by a
checksum file left alone); a chosen folder that is not there is never made; and the listing,
newest first, each backup read for what it is."""

from __future__ import annotations

import hashlib
import stat
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest

from diary.storage import backups
from diary.storage.errors import DiaryFileError
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.clock import NOW
from tests.storage.test_backups import add_events
from tests.storage.test_backups import clock_at_now


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite"
    with create_diary(path, clock=lambda: NOW) as store:
        add_events(store, "first", "second")
    return path


def test_default_folder_and_names(diary: Path) -> None:
    first = backups.new_backup_path(diary, NOW)
    assert first == diary.parent / "backups" / "diary-20261126T200000Z.sqlite"
    assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700
    first.write_bytes(b"")
    assert backups.new_backup_path(diary, NOW).name == "diary-20261126T200000Z-2.sqlite"
    identity = backups.identity_in(diary)
    tagged = backups.new_backup_path(diary, NOW, identity=identity)
    tag = hashlib.sha256(str(identity).encode()).hexdigest()[:8]
    assert tagged.name == f"diary-20261126T200000Z-{tag}.sqlite"
    tagged.write_bytes(b"")
    assert backups.new_backup_path(diary, NOW, identity=identity).name == (
        f"diary-20261126T200000Z-{tag}-2.sqlite")
    [info] = [i for i in backups.list_backups(first.parent) if i.path == tagged]
    assert (info.stem, info.tag, info.kind) == ("diary", tag, "")
    kept = backups.new_backup_path(diary, NOW, kind=backups.BEFORE_RESTORE, identity=identity)
    assert kept.name == f"diary-before-restore-20261126T200000Z-{tag}.sqlite"


def test_a_chosen_folder_that_is_not_there_is_never_created(diary: Path, tmp_path: Path) -> None:
    unplugged = tmp_path / "media" / "drive"
    with pytest.raises(DiaryFileError, match=r"not there .*plugged in"):
        backups.new_backup_path(diary, NOW, unplugged)
    assert not unplugged.exists()
    assert not unplugged.parent.exists()


def test_list_backups_newest_first(diary: Path) -> None:
    assert backups.list_backups(diary.parent / "backups") == []
    made = []
    with open_diary(diary, clock=clock_at_now) as store:
        for hours in (0, 48, 24):
            path = backups.new_backup_path(diary, NOW + timedelta(hours=hours))
            made.append(store.backup_to(path).path)
    folder = diary.parent / "backups"
    (folder / "diary-20261127T000000Z.sqlite").write_bytes(b"garbage" * 100)
    (folder / "notes.txt").write_text("not a backup")
    listed = backups.list_backups(folder)
    assert [b.path for b in listed] == [made[1], made[2], folder / "diary-20261127T000000Z.sqlite",
                                        made[0]]
    assert [b.is_diary for b in listed] == [True, True, False, True]
    assert listed[0].taken == datetime(2026, 11, 28, 20, 0, tzinfo=UTC)
    assert listed[0].size == made[1].stat().st_size > 0


def test_a_name_whose_checksum_file_was_left_behind_is_not_taken(diary: Path,
                                                                tmp_path: Path) -> None:
    """A backup killed between its checksum and its link leaves a lone .sha256 (review of
    issue 17): the next backup in that second takes the next name, not 'File exists'."""
    folder = tmp_path / "drive"
    folder.mkdir()
    first = backups.new_backup_path(diary, NOW, folder)
    first.with_name(first.name + ".sha256").write_text("0" * 64 + f"  {first.name}\n")
    with open_diary(diary, clock=clock_at_now) as store:
        made = store.backup_to(backups.new_backup_path(diary, NOW, folder))
    assert made.path != first and made.path.name.endswith("-2.sqlite")
