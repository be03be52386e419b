"""A stale -wal read as SQLite replays it (test_stale_wal's aspect): the log parser behind the
seal's count follows SQLite's replay (salts, checksum chain, first commit, big-endian logs), and
seeded damage to a log never lets an unexpected exception escape."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest

from diary.storage.errors import DiaryFileError
from diary.storage.file import logseal
from diary.storage.store import open_diary
from tests.helpers import store_sql
from tests.scenarios.files.test_corruption import SEED
from tests.scenarios.files.wal_timeline import Timeline
from tests.scenarios.files.wal_timeline import assert_last_commit
from tests.scenarios.files.wal_timeline import closed_diary
from tests.scenarios.files.wal_timeline import dose
from tests.scenarios.files.wal_timeline import event
from tests.scenarios.files.wal_timeline import outcome
from tests.scenarios.files.wal_timeline import pair
from tests.scenarios.files.wal_timeline import rating
from tests.scenarios.files.wal_timeline import rename
from tests.scenarios.files.wal_timeline import seal_count


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A diary of a few hundred doses, closed: one file, no log."""
    return closed_diary(tmp_path_factory)


def test_the_log_parser_follows_sqlites_replay(tmp_path: Path, base: Path) -> None:
    """first_seal_count reads a log as SQLite replays it: only the frames with the header's
    salts and an unbroken checksum chain, up to the first commit; big-endian checksums too."""
    timeline = Timeline(base, tmp_path / "live")
    with open_diary(base, read_only=True) as diary:
        at_a = seal_count(store_sql.connection(diary))
        seal_page = int(
            store_sql.query(diary, "SELECT rootpage FROM sqlite_master WHERE name = 'seal'")[0][
                "rootpage"
            ]
        )
    timeline.open()
    timeline.do(dose, rating)
    wal = timeline.wal_bytes()
    timeline.close()
    log = tmp_path / "log"
    log.write_bytes(wal)
    assert logseal.first_seal_count(log, seal_page) == at_a + 1
    assert logseal.first_seal_count(log, 2) is None, "a page the first transaction did not write"
    page_size = struct.unpack(">I", wal[8:12])[0]
    first_frame_end = 32 + 24 + page_size
    for damage in range(32, first_frame_end, 97):  # any byte of the first frame
        broken = bytearray(wal)
        broken[damage] ^= 0x20
        log.write_bytes(bytes(broken))
        assert logseal.first_seal_count(log, seal_page) is None
    for cut in (0, 31, 32, first_frame_end - 1):
        log.write_bytes(wal[:cut])
        assert logseal.first_seal_count(log, seal_page) is None
    log.write_bytes(big_endian(wal))
    assert logseal.first_seal_count(log, seal_page) == at_a + 1
    # SQLite agrees that the rewritten log is valid: it replays it onto A.
    path = pair(tmp_path / "big-endian", base.read_bytes(), big_endian(wal))
    assert_last_commit(path, timeline)


def big_endian(wal: bytes) -> bytes:
    """The same log as a big-endian machine writes it: magic 0x377f0683, checksums over
    big-endian words."""
    page_size = struct.unpack(">I", wal[8:12])[0]
    out = bytearray(wal)
    out[0:4] = struct.pack(">I", 0x377F0683)
    sums = checksum(bytes(out[:24]), (0, 0))
    out[24:32] = struct.pack(">2I", *sums)
    for at in range(32, len(out) - 24 - page_size + 1, 24 + page_size):
        sums = checksum(bytes(out[at : at + 8]) + bytes(out[at + 24 : at + 24 + page_size]), sums)
        out[at + 16 : at + 24] = struct.pack(">2I", *sums)
    return bytes(out)


def checksum(data: bytes, sums: tuple[int, int]) -> tuple[int, int]:
    s1, s2 = sums
    words = struct.unpack(f">{len(data) // 4}I", data)
    for n in range(0, len(words), 2):
        s1 = (s1 + words[n] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[n + 1] + s1) & 0xFFFFFFFF
    return s1, s2


def test_an_unexpected_exception_never_escapes(tmp_path: Path, base: Path) -> None:
    """Seeded damage to the log of a pair that would open: each opens as a committed state or
    is refused with DiaryFileError (verdict lets nothing else through)."""
    rng = random.Random(f"{SEED}-log")
    timeline = Timeline(base, tmp_path / "live")
    a = timeline.main_bytes()
    timeline.open()
    timeline.do(rename, event, dose)
    wal = timeline.wal_bytes()
    timeline.close()
    seen = set()
    for n in range(12):
        broken = bytearray(wal)
        for _ in range(rng.choice([1, 4])):
            broken[rng.randrange(len(broken))] ^= 1 << rng.randrange(8)
        path = pair(tmp_path / f"flip{n}", a, bytes(broken))
        try:
            seen.add(outcome(path, timeline)[0])
        except DiaryFileError as exc:  # pragma: no cover - verdict catches these
            raise AssertionError(exc) from exc
    assert seen <= {"opened", "refused"} and seen
