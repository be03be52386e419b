"""Automatic backups: each verified before any older one is thinned; only this diary's plain
backups are ever removed; the newest good backup is found past damaged ones."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from diary.domain.retention import BackupPolicy
from diary.storage import autobackup, backups
from diary.storage.errors import DiaryFileError
from diary.storage.store import DiaryStore, create_diary
from tests.conftest import NOW

PARIS = timezone(timedelta(hours=1))
POLICY = BackupPolicy(interval_minutes=60, daily=2, weekly=0, monthly=0)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DiaryStore]:
    with create_diary(tmp_path / "mum.sqlite", clock=lambda: NOW) as made:
        yield made


def old_backup(store: DiaryStore, folder: Path, taken: datetime) -> Path:
    return backups.backup_to(store, backups.new_backup_path(store.path, taken, folder)).path


def test_a_backup_is_verified_then_older_ones_thinned(store: DiaryStore, tmp_path: Path) -> None:
    folder = tmp_path / "drive"
    days_ago = [old_backup(store, folder, NOW - timedelta(days=n)) for n in (1, 2, 3, 4)]
    same_day = old_backup(store, folder, NOW - timedelta(days=1, hours=2))
    done = autobackup.back_up_and_thin(store, folder, NOW, PARIS, POLICY)
    assert done.made.path.name == "mum-20261126T200000Z.sqlite"
    assert done.made.counts["symptoms"] == 4
    assert stat.S_IMODE(done.made.path.stat().st_mode) == 0o600
    # Kept: today's, and the newest of the two most recent days with backups (today, yesterday).
    assert sorted(done.removed) == sorted([days_ago[1], days_ago[2], days_ago[3], same_day])
    assert {p.name for p in folder.iterdir()} == {done.made.path.name, days_ago[0].name}


def test_nothing_is_thinned_when_the_new_backup_fails(store: DiaryStore, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "drive"
    old = [old_backup(store, folder, NOW - timedelta(days=n)) for n in (5, 6, 7)]

    def broken_copy(*args: object) -> None:
        raise DiaryFileError(folder, "the backup failed and no copy was kept (disk full)")

    monkeypatch.setattr(backups, "backup_to", broken_copy)
    with pytest.raises(DiaryFileError, match="disk full"):
        autobackup.back_up_and_thin(store, folder, NOW, PARIS, POLICY)
    assert all(path.exists() for path in old)


def test_only_this_diarys_plain_backups_are_thinned(store: DiaryStore, tmp_path: Path) -> None:
    folder = tmp_path / "drive"
    old = NOW - timedelta(days=30)
    others = [
        backups.backup_to(store, backups.new_backup_path(tmp_path / "dad.sqlite", old, folder)),
        backups.backup_to(store, backups.new_backup_path(store.path, old, folder,
                                                         kind=backups.BEFORE_RESTORE)),
    ]
    (folder / "notes.txt").write_text("mine")
    (folder / f"mum-{old.astimezone(UTC):%Y%m%dT%H%M%SZ}.txt").write_text("not a backup")
    mine = old_backup(store, folder, old - timedelta(days=1))
    done = autobackup.back_up_and_thin(store, folder, NOW, PARIS,
                                       BackupPolicy(daily=1, weekly=0, monthly=0))
    assert done.removed == [mine]
    assert all(v.path.exists() for v in others)
    assert (folder / "notes.txt").read_text() == "mine"


def test_newest_good_skips_damaged_backups(store: DiaryStore, tmp_path: Path) -> None:
    folder = backups.backups_folder(store.path)
    good = old_backup(store, folder, NOW - timedelta(days=2))
    damaged = old_backup(store, folder, NOW - timedelta(days=1))
    data = bytearray(damaged.read_bytes())
    data[4096 * 2:] = os.urandom(len(data) - 4096 * 2)
    damaged.write_bytes(bytes(data))
    found = autobackup.newest_good(store.path, [folder, tmp_path / "missing"])
    assert found is not None
    info, counts = found
    assert info.path == good and counts["symptoms"] == 4
    assert autobackup.newest_good(tmp_path / "other.sqlite", [folder]) is None


def test_verify_names_what_is_wrong(tmp_path: Path) -> None:
    junk = tmp_path / "junk-20261126T200000Z.sqlite"
    junk.write_bytes(b"\0" * 8192)
    with pytest.raises(DiaryFileError, match="not an SQLite database"):
        autobackup.verify(junk)
