"""Junk among the backups: damaged, truncated and junk files named like backups (a valid header
and garbage, a flipped bit, a checksum file lost, emptied or garbled, a named pipe, a link to
nowhere), mixed with good ones. Whatever the mix: the thinning never removes a backup the policy
keeps, never removes anything not proven a backup, never takes junk for a backup; the newest
good backup offered is one that verifies; and `restore` accepts only a backup that is one, never
stopping on a traceback or a hang. This is how junk used to delete good backups (issue 17).

Seeded and quick by default; MEDICATION_DIARY_BACKUP_CASES=300 (and MEDICATION_DIARY_SEED) for a
long run."""

from __future__ import annotations

import os
import random
import shutil
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.retention import BackupPolicy
from diary.domain.retention import to_keep
from diary.storage import autobackup
from diary.storage import backups
from diary.storage import checksums
from diary.storage.errors import DiaryFileError
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.clock import NOW

CASES = int(os.environ.get("MEDICATION_DIARY_BACKUP_CASES", "12"))
SEED = int(os.environ.get("MEDICATION_DIARY_SEED", "20261126"))
PARIS = timezone(timedelta(hours=1))
POLICY = BackupPolicy(daily=3, weekly=1, monthly=1)


def spoil(rng: random.Random, good: Path, name: Path) -> str:
    """Make `name` (named like a backup) a kind of junk, from the good backup's bytes; which."""
    data = good.read_bytes()
    kind = rng.choice(["header and garbage", "flipped bit", "truncated", "garbage", "empty",
                       "named pipe", "link to nowhere", "copy without checksum"])
    if kind == "header and garbage":
        name.write_bytes(data[:100] + os.urandom(len(data) - 100))
    elif kind == "flipped bit":
        at = rng.randrange(100, len(data))
        name.write_bytes(data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:])
        shutil.copyfile(checksums.sidecar(good), checksums.sidecar(name))
    elif kind == "truncated":
        name.write_bytes(data[:rng.randrange(1, len(data))])
    elif kind == "garbage":
        name.write_bytes(os.urandom(rng.randint(1, 20_000)))
    elif kind == "empty":
        name.write_bytes(b"")
    elif kind == "named pipe":
        os.mkfifo(name)
    elif kind == "link to nowhere":
        name.symlink_to(name.with_name("nowhere.sqlite"))
    else:
        name.write_bytes(data)  # a whole backup, but nothing proves it so
    if kind in ("header and garbage", "truncated") and rng.random() < 0.5:
        checksums.sidecar(name).write_text(rng.choice(["", "zz  x\n", "0" * 64 + "  x\n"]))
    return kind


@pytest.mark.parametrize("case", range(CASES))
def test_junk_never_costs_a_good_backup(tmp_path: Path, case: int) -> None:
    rng = random.Random(SEED * 1000 + case)
    diary = tmp_path / "mine.sqlite"
    folder = tmp_path / "drive"
    folder.mkdir()
    with create_diary(diary, clock=lambda: NOW) as store:
        store.events.add(Event(NOW - timedelta(days=1), EventKind.OTHER, "before the backups"))
        identity = store.identity()
        good = [store.backup_to(backups.new_backup_path(
            diary, NOW - timedelta(days=day, hours=rng.randint(0, 5)), folder,
            identity=identity)).path for day in sorted(rng.sample(range(1, 60), 6))]
    junk = {}
    for path in rng.sample(good, 4):
        name = path.with_name(path.name.replace(".sqlite", f"-{rng.randint(2, 9)}.sqlite"))
        junk[name] = spoil(rng, path, name)
    taken = {info.path: info.taken for info in backups.list_backups(folder)}
    with open_diary(diary, clock=lambda: NOW) as store:
        done = autobackup.back_up_and_thin(store, folder, NOW, PARIS, POLICY)
    # Exactly the good backups the policy does not keep, counted among the good ones alone.
    keep = to_keep([taken[path] for path in good] + [NOW], NOW, PARIS, POLICY)
    assert sorted(done.removed) == sorted(p for p in good if taken[p] not in keep), junk
    assert all(path.exists() for path in good if taken[path] in keep), junk
    assert all(os.path.lexists(name) for name in junk), "junk is left for the person"
    # The newest good backup offered verifies; a junk file is never offered.
    found = autobackup.newest_good(diary, [folder], identity)
    assert found is not None and found[0].path not in junk
    # restore takes a good backup, and refuses junk by name without a traceback.
    for name, kind in junk.items():
        if kind == "copy without checksum":
            continue  # a whole backup: restoring it is fine
        with pytest.raises(DiaryFileError):
            backups.restore(diary, name, lambda: NOW)
    backups.restore(diary, found[0].path, lambda: NOW)
    with open_diary(diary, read_only=True) as store:
        assert [e.text for e in store.events.between(NOW.date() - timedelta(days=5),
                                                     NOW.date())] == ["before the backups"]
