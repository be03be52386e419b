"""What killed backups leave is swept by a later backup once it is a day old (issue 17): partial
copies, and a checksum file whose backup was never linked into place. Nothing else is touched."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from diary.storage import backups
from diary.storage import checksums
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.clock import NOW


def test_a_lone_checksum_file_of_a_backup_name_is_swept_once_a_day_old(tmp_path: Path) -> None:
    diary = tmp_path / "mine.sqlite"
    create_diary(diary, clock=lambda: NOW).close()
    folder = tmp_path / "drive"
    folder.mkdir()
    lone = checksums.sidecar(backups.new_backup_path(diary, NOW - timedelta(days=3), folder))
    fresh = checksums.sidecar(backups.new_backup_path(diary, NOW - timedelta(days=2), folder))
    theirs = [folder / "holiday.iso.sha256", folder / "notes.sha256"]  # not a backup's name
    for path in (lone, fresh, *theirs):
        path.write_text(f"{'0' * 64}  {path.name}\n")
    for path in (lone, *theirs):
        os.utime(path, (0, 0))
    with open_diary(diary, clock=lambda: NOW) as store:
        made = store.backup_to(backups.new_backup_path(diary, NOW, folder))
    assert not lone.exists()  # a day old, and its backup is not there: left by a killed one
    assert fresh.exists()  # perhaps a backup under way in another program
    assert all(path.exists() for path in theirs)
    assert checksums.sidecar(made.path).exists()


def test_a_checksum_file_beside_its_backup_is_never_swept(tmp_path: Path) -> None:
    diary = tmp_path / "mine.sqlite"
    create_diary(diary, clock=lambda: NOW).close()
    folder = tmp_path / "drive"
    folder.mkdir()
    with open_diary(diary, clock=lambda: NOW) as store:
        old = store.backup_to(backups.new_backup_path(diary, NOW - timedelta(days=3), folder))
        os.utime(checksums.sidecar(old.path), (0, 0))
        store.backup_to(backups.new_backup_path(diary, NOW, folder))
    assert checksums.sidecar(old.path).exists()
