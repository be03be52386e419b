"""The checksum file beside each backup (diary/storage/checksums.py): written as sha256sum
writes it, private; a backup whose bytes changed, or whose checksum file holds none, is refused
by name; only a backup with a matching checksum counts as proven."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from diary.storage import checksums
from diary.storage.errors import DiaryFileError
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.clock import NOW
from tests.storage.test_backups import add_events
from tests.storage.test_backups import clock_at_now
from tests.storage.test_backups import digest


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite"
    with create_diary(path, clock=lambda: NOW) as store:
        add_events(store, "first", "second")
    return path


def test_a_backup_carries_its_checksum(diary: Path, tmp_path: Path) -> None:
    with open_diary(diary, clock=clock_at_now) as store:
        made = store.backup_to(tmp_path / "saved.sqlite")
    sidecar = tmp_path / "saved.sqlite.sha256"
    assert sidecar.read_text() == f"{digest(made.path)}  saved.sqlite\n"  # as sha256sum -c reads
    assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600


@pytest.fixture
def backup(diary: Path, tmp_path: Path) -> Path:
    with open_diary(diary, clock=clock_at_now) as store:
        return store.backup_to(tmp_path / "saved.sqlite").path


def test_a_backup_as_it_was_made_checks_and_is_proven(backup: Path) -> None:
    assert checksums.check(backup) == checksums.digest(backup) == digest(backup)
    assert checksums.proven(backup)


def test_without_a_checksum_file_nothing_is_checked_and_nothing_proven(backup: Path) -> None:
    checksums.remove(backup)
    assert not checksums.sidecar(backup).exists()
    checksums.remove(backup)  # already gone: nothing to do
    assert checksums.check(backup) is None
    assert not checksums.proven(backup)


def test_a_backup_whose_bytes_changed_is_refused_and_not_proven(backup: Path) -> None:
    data = bytearray(backup.read_bytes())
    data[-100] ^= 0x01
    backup.write_bytes(bytes(data))
    with pytest.raises(DiaryFileError, match=r"damaged: its contents changed after it was made "
                                             r"\(they no longer match saved\.sqlite\.sha256\)"):
        checksums.check(backup)
    assert not checksums.proven(backup)


@pytest.mark.parametrize("text", ["", "not a checksum  saved.sqlite\n", "\n\n"])
def test_a_checksum_file_holding_no_checksum_is_named(backup: Path, text: str) -> None:
    checksums.sidecar(backup).write_text(text)
    with pytest.raises(DiaryFileError, match=r"its checksum file saved\.sqlite\.sha256 holds no "
                                             r"checksum") as refused:
        checksums.check(backup)
    assert refused.value.path == backup
    assert not checksums.proven(backup)


def test_junk_with_a_correct_checksum_is_not_proven_a_backup(tmp_path: Path) -> None:
    junk = tmp_path / "diary-20261126T200000Z.sqlite"
    junk.write_bytes(b"SQLite format 3\x00" + bytes(4096))
    checksums.sidecar(junk).write_text(f"{digest(junk)}  {junk.name}\n")
    assert checksums.check(junk) == digest(junk)  # the bytes match what the file says
    assert not checksums.proven(junk)  # but they are no diary
