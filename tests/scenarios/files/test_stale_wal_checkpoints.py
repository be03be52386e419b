"""A stale -wal and checkpoints (test_stale_wal's aspect): a log SQLite restarted or truncated
after a checkpoint, a file a checkpoint brought up to date under its log, and a checkpoint cut
short at any page. The diary's own file with its log opens as the last commit; a copy from
before the checkpoint is refused."""

from __future__ import annotations

import random
import sqlite3
import struct
from pathlib import Path

import pytest

from diary.storage.file import opening
from tests.scenarios.files.test_corruption import SEED
from tests.scenarios.files.wal_timeline import INTAKES
from tests.scenarios.files.wal_timeline import Timeline
from tests.scenarios.files.wal_timeline import assert_last_commit
from tests.scenarios.files.wal_timeline import assert_refused
from tests.scenarios.files.wal_timeline import closed_diary
from tests.scenarios.files.wal_timeline import dose
from tests.scenarios.files.wal_timeline import edit_first_dose
from tests.scenarios.files.wal_timeline import event
from tests.scenarios.files.wal_timeline import pair
from tests.scenarios.files.wal_timeline import rating
from tests.scenarios.files.wal_timeline import rename


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A diary of a few hundred doses, closed: one file, no log."""
    return closed_diary(tmp_path_factory)


def wal_header(wal: bytes) -> tuple[int, int, int]:
    """A log's checkpoint sequence and salts: they change each time SQLite restarts the log."""
    _magic, _version, _page, sequence, salt1, salt2 = struct.unpack(">6I", wal[:24])
    return sequence, salt1, salt2


def test_a_log_restarted_after_a_checkpoint(tmp_path: Path, base: Path) -> None:
    """A checkpoint within the session, then more writes: SQLite starts the log again from the
    file as the checkpoint left it (a new salt and checkpoint sequence, the older log's frames
    still behind the new ones). With that file, the log replays; with the copy from before the
    checkpoint, it is refused."""
    timeline = Timeline(base, tmp_path / "live")
    a = timeline.main_bytes()
    timeline.open()
    timeline.do(rename, dose, dose, rating)
    first_log = timeline.wal_bytes()
    timeline.checkpoint()
    at_checkpoint = timeline.main_bytes()
    timeline.do(event)
    wal = timeline.wal_bytes()
    timeline.close()
    assert wal_header(wal) != wal_header(first_log), "the log was restarted"
    assert len(wal) == len(first_log), "the first log's frames are still behind the new one"
    assert_last_commit(pair(tmp_path / "matching", at_checkpoint, wal), timeline)
    assert_refused(pair(tmp_path / "older", a, wal), timeline, "the file is an older copy")


def test_a_log_truncated_by_a_checkpoint_starts_afresh(tmp_path: Path, base: Path) -> None:
    timeline = Timeline(base, tmp_path / "live")
    a = timeline.main_bytes()
    timeline.open()
    timeline.do(rename, dose)
    timeline.checkpoint("TRUNCATE")
    assert timeline.wal.stat().st_size == 0
    at_checkpoint = timeline.main_bytes()
    timeline.do(rating)
    wal = timeline.wal_bytes()
    timeline.close()
    assert_last_commit(pair(tmp_path / "matching", at_checkpoint, wal), timeline)
    assert_refused(pair(tmp_path / "older", a, wal), timeline, "the file is an older copy")


def test_a_file_a_checkpoint_brought_up_to_date_under_its_log(tmp_path: Path, base: Path) -> None:
    """A reader holding its snapshot keeps SQLite from restarting the log after a checkpoint:
    the log still starts from A while the file holds everything up to the checkpoint. That is
    the diary's own file: it opens, as its last commit."""
    timeline = Timeline(base, tmp_path / "live")
    a = timeline.main_bytes()
    timeline.open()
    timeline.do(rename, dose)
    reader = sqlite3.connect(opening._uri(timeline.path, "ro"), uri=True, isolation_level=None)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM intakes").fetchone()[0] == INTAKES + 1
        before = timeline.wal_bytes()
        timeline.checkpoint()
        timeline.do(event, rating)
        middle = timeline.main_bytes()
        wal = timeline.wal_bytes()
    finally:
        reader.close()
    timeline.close()
    assert middle != a, "the checkpoint wrote into the file"
    assert wal_header(wal) == wal_header(before), "the log was not restarted: it starts at A"
    assert_last_commit(pair(tmp_path / "middle", middle, wal), timeline)
    assert_last_commit(pair(tmp_path / "start", a, wal), timeline)


def frames(wal: bytes) -> dict[int, bytes]:
    """The last image of each page in a log (one whose frames are all valid and committed)."""
    page_size = struct.unpack(">I", wal[8:12])[0]
    pages = {}
    for at in range(32, len(wal) - 24 - page_size + 1, 24 + page_size):
        number = struct.unpack(">I", wal[at : at + 4])[0]
        pages[number] = wal[at + 24 : at + 24 + page_size]
    return pages


def test_a_checkpoint_cut_short_at_any_page(tmp_path: Path, base: Path) -> None:
    """A checkpoint copies the log's pages into the file in page order; a crash can stop it
    after any of them, the seal's page copied or not, page 1 (whose header counts the pages the
    log added) copied before those pages. Every such file, with its log, opens as the last
    commit: neither the count nor the header's size refuses the diary's own log."""
    timeline = Timeline(base, tmp_path / "live")
    a = timeline.main_bytes()
    timeline.open()
    timeline.do(rename, event, edit_first_dose, *[dose] * 12)
    wal = timeline.wal_bytes()
    timeline.close()
    pages = frames(wal)
    page_size = opening.read_header(base).page_size
    assert max(pages) > len(a) // page_size, "the log adds pages: page 1 counts them first"
    # Every prefix in page order; and, since a power cut before the checkpoint's fsync may
    # keep any of its writes and lose the others, a few seeded subsets.
    rng = random.Random(f"{SEED}-checkpoint")
    copied = [sorted(pages)[:cut] for cut in range(len(pages) + 1)]
    copied += [rng.sample(sorted(pages), rng.randrange(1, len(pages))) for _ in range(6)]
    for cut, numbers in enumerate(copied):
        main = bytearray(a)
        for number in numbers:
            start = (number - 1) * page_size
            main[len(main) : start + page_size] = bytes(max(0, start + page_size - len(main)))
            main[start : start + page_size] = pages[number]
        assert_last_commit(pair(tmp_path / f"cut{cut}", bytes(main), wal), timeline)
