"""What the stale-log scenarios share (test_stale_wal and its aspects): one diary written
through the real storage with every state it committed remembered (`Timeline`), a file paired
with a log, and the verdict on such a pair: opened as a state the writer committed, or refused
naming the log."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Rating
from diary.storage.errors import ForeignLogError
from diary.storage.file import logseal
from diary.storage.file import opening
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers import store_sql
from tests.helpers.clock import NOW
from tests.scenarios.files.test_corruption import fill
from tests.scenarios.files.test_corruption import verdict

INTAKES = 304  # several pages to each table and index, laid out so that SQLite alone opens mixes
State = tuple[tuple[str, tuple[tuple[object, ...], ...]], ...]
Step = Callable[[DiaryStore], object]


def ticking() -> Callable[[], datetime]:
    """A clock a second later at every call: reproducible audit rows."""
    seconds = itertools.count()
    return lambda: NOW + timedelta(seconds=next(seconds))


def dump(conn: sqlite3.Connection) -> State:
    """Every row of every table, in rowid order: the whole diary as one comparable value."""
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    return tuple(
        (table, tuple(conn.execute(f"SELECT rowid, * FROM [{table}] ORDER BY rowid")))
        for table in tables
    )


def seal_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT writes FROM seal").fetchone()[0])


class Timeline:
    """One diary written through the real storage, remembering every state it committed."""

    def __init__(self, base: Path, folder: Path) -> None:
        folder.mkdir()
        self.path = folder / "diary.sqlite"
        shutil.copyfile(base, self.path)
        self.clock = ticking()
        with open_diary(self.path, read_only=True) as diary:
            self.states = [dump(store_sql.connection(diary))]
        self.store: DiaryStore | None = None

    def open(self) -> DiaryStore:
        assert self.store is None
        self.store = open_diary(self.path, clock=self.clock)
        store_sql.connection(self.store).execute("PRAGMA wal_autocheckpoint = 0")
        return self.store

    def do(self, *steps: Step) -> None:
        """Each step one committed write transaction, its state remembered."""
        assert self.store is not None
        for step in steps:
            before = seal_count(store_sql.connection(self.store))
            step(self.store)
            assert seal_count(store_sql.connection(self.store)) == before + 1, (
                "one transaction per step"
            )
            self.states.append(dump(store_sql.connection(self.store)))

    def close(self) -> None:
        """A clean close: SQLite checkpoints the log into the file and deletes it."""
        assert self.store is not None
        self.store.close()
        self.store = None
        assert not self.wal.exists()

    def checkpoint(self, mode: str = "PASSIVE") -> None:
        assert self.store is not None
        busy, frames, done = (
            store_sql.connection(self.store).execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        )
        assert busy == 0 and frames == done, "the checkpoint copied the whole log"

    @property
    def wal(self) -> Path:
        return opening.companions(self.path)[0]

    def main_bytes(self) -> bytes:
        return self.path.read_bytes()

    def wal_bytes(self) -> bytes:
        data = self.wal.read_bytes()
        assert logseal.holds_transactions(self.wal)
        return data


def pair(folder: Path, main: bytes, wal: bytes | None) -> Path:
    """A diary file with the given bytes and, beside it, the given log."""
    folder.mkdir()
    path = folder / "diary.sqlite"
    path.write_bytes(main)
    if wal is not None:
        opening.companions(path)[0].write_bytes(wal)
    return path


def outcome(path: Path, timeline: Timeline) -> tuple[str, set[int]]:
    """The verdict, and which of the writer's states each successful open showed (each must be
    one of them)."""
    shown: set[int] = set()

    def committed(diary: DiaryStore) -> None:
        state = dump(store_sql.connection(diary))
        assert state in timeline.states, "the diary opened as a state nobody committed"
        shown.add(timeline.states.index(state))

    return verdict(path, committed), shown


def assert_last_commit(path: Path, timeline: Timeline) -> None:
    assert outcome(path, timeline) == ("opened", {len(timeline.states) - 1})


def assert_refused(path: Path, timeline: Timeline, why: str) -> None:
    assert outcome(path, timeline)[0] == "refused"
    with pytest.raises(ForeignLogError, match=why) as refused:
        opening.inspect(path)
    assert refused.value.path == path
    assert "diary.sqlite-wal" in refused.value.reason, "the message names the log to move"
    # As the message says: the log moved aside, the file opens as it holds the diary.
    for companion in opening.companions(path):
        companion.rename(path.parent.parent / f"kept-{path.parent.name}-{companion.name}")
    assert outcome(path, timeline)[0] == "opened"


def rename(diary: DiaryStore) -> object:
    return diary.update_info(
        replace(diary.info(), name=f"Marie {seal_count(store_sql.connection(diary))}")
    )


def event(diary: DiaryStore) -> object:
    return diary.events.add(Event(NOW - timedelta(days=1), EventKind.FALL, "fell in the kitchen"))


def dose(diary: DiaryStore) -> object:
    med = diary.medications.all()[0]
    assert med.id is not None
    return diary.intakes.add(Intake(med.id, NOW - timedelta(hours=2), 5000, note="evening"))


def rating(diary: DiaryStore) -> object:
    symptom = diary.symptoms.all()[0]
    assert symptom.id is not None
    return diary.ratings.add(Rating(symptom.id, NOW - timedelta(hours=1), 4))


def edit_first_dose(diary: DiaryStore) -> object:
    note = f"edited {seal_count(store_sql.connection(diary))}"
    return diary.intakes.edit(replace(diary.intakes.get(1), note=note))


def closed_diary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A diary of a few hundred doses, closed: one file, no log (each module's `base`)."""
    path = tmp_path_factory.mktemp("base") / "diary.sqlite"
    with create_diary(path, clock=ticking()) as diary:
        fill(diary, INTAKES)
    assert not opening.companions(path)[0].exists()
    return path
