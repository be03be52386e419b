"""Automatic backups: each verified before any older one is thinned; only this diary's plain
backups are ever removed; the newest good backup is found past damaged ones."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.retention import BackupPolicy
from diary.storage import autobackup
from diary.storage import backup_names
from diary.storage import backups
from diary.storage.errors import DiaryFileError
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from tests.helpers import store_sql
from tests.helpers.clock import NOW

PARIS = timezone(timedelta(hours=1))
POLICY = BackupPolicy(interval_minutes=60, daily=2, weekly=0, monthly=0)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DiaryStore]:
    with create_diary(tmp_path / "mum.sqlite", clock=lambda: NOW) as made:
        yield made


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    drive = tmp_path / "drive"
    drive.mkdir()
    return drive


def old_backup(store: DiaryStore, folder: Path, taken: datetime) -> Path:
    path = backups.new_backup_path(store.path, taken, folder, identity=autobackup.identity(store))
    return store.backup_to(path).path


def tag(store: DiaryStore) -> str:
    return backup_names.tag_of(autobackup.identity(store))


def test_a_backup_is_verified_then_older_ones_thinned(store: DiaryStore, folder: Path) -> None:
    days_ago = [old_backup(store, folder, NOW - timedelta(days=n)) for n in (1, 2, 3, 4)]
    same_day = old_backup(store, folder, NOW - timedelta(days=1, hours=2))
    done = autobackup.back_up_and_thin(store, folder, NOW, PARIS, POLICY)
    assert done.made.path.name == f"mum-20261126T200000Z-{tag(store)}.sqlite"
    assert done.made.counts["symptoms"] == 4
    assert stat.S_IMODE(done.made.path.stat().st_mode) == 0o600
    # Kept: today's, and the newest of the two most recent days with backups (today, yesterday).
    assert sorted(done.removed) == sorted([days_ago[1], days_ago[2], days_ago[3], same_day])
    assert {p.name for p in folder.iterdir()} == {
        name + extension for name in (done.made.path.name, days_ago[0].name)
        for extension in ("", ".sha256")}  # a thinned backup's checksum goes with it


def test_nothing_is_thinned_when_the_new_backup_fails(store: DiaryStore, folder: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    old = [old_backup(store, folder, NOW - timedelta(days=n)) for n in (5, 6, 7)]

    def broken_copy(*args: object) -> None:
        raise DiaryFileError(folder, "the backup failed and no copy was kept (disk full)")

    monkeypatch.setattr(backups, "backup_to", broken_copy)
    with pytest.raises(DiaryFileError, match="disk full"):
        autobackup.back_up_and_thin(store, folder, NOW, PARIS, POLICY)
    assert all(path.exists() for path in old)


def test_only_this_diarys_plain_backups_are_thinned(store: DiaryStore, tmp_path: Path,
                                                    folder: Path) -> None:
    old = NOW - timedelta(days=30)
    others = [
        store.backup_to(backups.new_backup_path(tmp_path / "dad.sqlite", old, folder)),
        store.backup_to(backups.new_backup_path(store.path, old, folder,
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
    found = autobackup.newest_good(store.path, [folder, tmp_path / "missing"],
                                   autobackup.identity(store))
    assert found is not None
    info, counts = found
    assert info.path == good and counts["symptoms"] == 4
    assert autobackup.newest_good(tmp_path / "other.sqlite", [folder], None) is None


def test_verify_names_what_is_wrong(tmp_path: Path) -> None:
    junk = tmp_path / "junk-20261126T200000Z.sqlite"
    junk.write_bytes(b"\0" * 8192)
    with pytest.raises(DiaryFileError, match="not an SQLite database"):
        autobackup.verify(junk)


# --- two people's diaries of the same name, backing up to one drive ---------------------------
@pytest.fixture
def dad(tmp_path: Path) -> Iterator[DiaryStore]:
    """Another person's diary, also called mum.sqlite: the names people keep are rarely unique
    (every diary in the default place is diary.sqlite)."""
    (tmp_path / "dad").mkdir()
    with create_diary(tmp_path / "dad" / "mum.sqlite", clock=lambda: NOW) as made:
        made.events.add(Event(NOW - timedelta(hours=1), EventKind.OTHER, "dad's"))
        yield made


def test_two_same_named_diaries_never_thin_each_others_backups(
        store: DiaryStore, dad: DiaryStore, folder: Path) -> None:
    dads_only = old_backup(dad, folder, NOW - timedelta(days=20))
    mine = old_backup(store, folder, NOW - timedelta(days=21))
    done = autobackup.back_up_and_thin(store, folder, NOW, PARIS,
                                       BackupPolicy(daily=1, weekly=0, monthly=0))
    assert done.removed == [mine]
    assert dads_only.exists()
    assert [i.path for i in autobackup.backups_of(dad.path, folder,
                                                  autobackup.identity(dad))] == [dads_only]
    assert [i.path for i in autobackup.backups_of(store.path, folder,
                                                  autobackup.identity(store))] == [
        done.made.path]


def test_another_diarys_backup_does_not_count_as_backed_up(
        store: DiaryStore, dad: DiaryStore, folder: Path) -> None:
    # Dad's backup holds as many changes as mum's diary: only the identity tells them apart.
    while int(store_sql.query(dad, autobackup.LAST_CHANGE_SQL)[0]["last"]) < int(
            store_sql.query(store, autobackup.LAST_CHANGE_SQL)[0]["last"]):
        dad.events.add(Event(NOW, EventKind.OTHER, "more"))
    while int(store_sql.query(store, autobackup.LAST_CHANGE_SQL)[0]["last"]) < int(
            store_sql.query(dad, autobackup.LAST_CHANGE_SQL)[0]["last"]):
        store.events.add(Event(NOW, EventKind.OTHER, "more"))
    dads = old_backup(dad, folder, NOW)
    assert not autobackup.changed_since(dad, dads)
    assert autobackup.changed_since(store, dads)


def test_a_backup_named_before_the_tag_is_matched_by_the_identity_inside(
        store: DiaryStore, dad: DiaryStore, folder: Path) -> None:
    old = NOW - timedelta(days=40)
    stamp = old.astimezone(UTC).strftime(backup_names.STAMP_FORMAT)
    mum_old = store.backup_to(folder / f"mum-{stamp}.sqlite").path
    dad_old = dad.backup_to(folder / f"mum-{stamp}-2.sqlite").path
    mine = autobackup.backups_of(store.path, folder, autobackup.identity(store))
    assert [i.path for i in mine] == [mum_old]
    assert mine[0].tag == ""
    done = autobackup.back_up_and_thin(store, folder, NOW, PARIS,
                                       BackupPolicy(daily=1, weekly=0, monthly=0))
    assert done.removed == [mum_old]
    assert dad_old.exists()


def test_unreadable_files_are_neither_counted_nor_removed_by_thinning(
        store: DiaryStore, folder: Path) -> None:
    good = old_backup(store, folder, NOW - timedelta(days=3))
    # Garbage under this diary's own backup name, newer than the good backup of the same day.
    garbage = folder / good.name.replace("T200000Z", "T210000Z")
    garbage.write_bytes(os.urandom(8192))
    done = autobackup.back_up_and_thin(store, folder, NOW, PARIS,
                                       BackupPolicy(daily=2, weekly=0, monthly=0))
    assert done.removed == []  # the good one is the newest readable backup of its day
    assert good.exists() and garbage.exists()


def test_the_newest_good_backup_is_never_another_diarys(
        store: DiaryStore, dad: DiaryStore, folder: Path) -> None:
    mine = old_backup(store, folder, NOW - timedelta(days=2))
    dads = old_backup(dad, folder, NOW - timedelta(days=1))  # newer
    found = autobackup.newest_good(store.path, [folder], autobackup.identity(store))
    assert found is not None and found[0].path == mine
    found = autobackup.newest_good(dad.path, [folder], autobackup.identity(dad))
    assert found is not None and found[0].path == dads
    # Whose is a damaged diary whose identity cannot be read? With two candidates, none is offered.
    assert autobackup.newest_good(store.path, [folder], None) is None
    dads.unlink()
    found = autobackup.newest_good(store.path, [folder], None)
    assert found is not None and found[0].path == mine


def test_a_backup_whose_bytes_changed_fails_verification(store: DiaryStore, folder: Path) -> None:
    made = old_backup(store, folder, NOW - timedelta(days=1))
    assert autobackup.verify(made)["symptoms"] == 4
    with sqlite3.connect(made) as conn:  # a value changed, the structure intact
        conn.execute("UPDATE symptoms SET name = 'Spasticitz' WHERE name = 'Spasticity'")
    conn.close()
    with pytest.raises(DiaryFileError, match=r"changed after it was made .*\.sha256"):
        autobackup.verify(made)
    assert autobackup.newest_good(store.path, [folder], autobackup.identity(store)) is None


# --- what counts as a backup for the thinning (issue 17) ------------------------------------------
def header_then_garbage(good: Path, name: str) -> Path:
    """A file named like a backup whose 100-byte header is a diary's, followed by garbage: what
    a bit-rotted backup or a half-copied file can look like from its header alone."""
    junk = good.with_name(name)
    junk.write_bytes(good.read_bytes()[:100] + os.urandom(good.stat().st_size - 100))
    return junk


def test_junk_with_a_diarys_header_never_takes_a_good_backups_place(
        store: DiaryStore, folder: Path) -> None:
    """Before, each such file took its day's slot and the good backup of that day was deleted:
    6 of 9 real backups gone, the junk kept."""
    good = [old_backup(store, folder, NOW - timedelta(days=n)) for n in range(1, 10)]
    junk = [header_then_garbage(path, path.name.replace("T200000Z", "T210000Z"))
            for path in good]
    assert all(info.is_diary for info in backup_names.list_backups(folder)
               if info.path in junk)  # the header alone cannot tell them apart
    done = autobackup.back_up_and_thin(store, folder, NOW, PARIS,
                                       BackupPolicy(daily=3, weekly=0, monthly=0))
    # The policy counts the proven backups only: today's, and the two newest days before it.
    assert sorted(done.removed) == sorted(good[2:])
    assert good[0].exists() and good[1].exists()
    assert all(path.exists() for path in junk)  # not a backup: neither counted nor removed


def test_a_backup_whose_bytes_changed_is_neither_counted_nor_removed(
        store: DiaryStore, folder: Path) -> None:
    older = old_backup(store, folder, NOW - timedelta(days=1, hours=3))
    rotted = old_backup(store, folder, NOW - timedelta(days=1))  # the newest of its day
    with sqlite3.connect(rotted) as conn:
        conn.execute("UPDATE symptoms SET name = 'Spasticitz' WHERE name = 'Spasticity'")
    conn.close()
    done = autobackup.back_up_and_thin(store, folder, NOW, PARIS,
                                       BackupPolicy(daily=2, weekly=0, monthly=0))
    assert done.removed == []
    assert older.exists() and rotted.exists()


def test_a_backup_without_its_checksum_is_left_to_the_person(
        store: DiaryStore, folder: Path) -> None:
    """One copied to a stick without its .sha256, or made before checksums were kept: nothing
    proves it whole, so the thinning neither counts it nor deletes it."""
    bare = old_backup(store, folder, NOW - timedelta(days=5))
    bare.with_name(bare.name + ".sha256").unlink()
    done = autobackup.back_up_and_thin(store, folder, NOW, PARIS,
                                       BackupPolicy(daily=1, weekly=0, monthly=0))
    assert done.removed == [] and bare.exists()


def test_a_named_pipe_named_like_a_backup_does_not_stop_the_thinning(
        store: DiaryStore, folder: Path) -> None:
    old = old_backup(store, folder, NOW - timedelta(days=4))
    pipe = folder / old.name.replace("T200000Z", "T210000Z")
    os.mkfifo(pipe)
    done = autobackup.back_up_and_thin(store, folder, NOW, PARIS,
                                       BackupPolicy(daily=1, weekly=0, monthly=0))
    assert done.removed == [old] and pipe.exists()
