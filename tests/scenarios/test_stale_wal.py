"""A stale -wal of this very diary: the diary's own log beside another copy of its file.

test_corruption has a log of another diary beside the file. Here the log is the diary's own, as
a crash leaves it, but the file beside it is not the one the log continues: an older copy put
back by hand (the log then starts from a later state than the file holds), or a newer one (the
log ends before it). SQLite replays a log onto whatever file is beside it, and since the log
holds only the pages its transactions changed, the result is a mix of two times of the diary
that can pass integrity_check (`test_sqlite_alone_opens_a_mix_of_two_times` shows one). The
program refuses such a pair by the seal's count (logseal.misfit); a log beside the very file it
continues (its start, or the file a checkpoint later brought partly or wholly up to date) opens
and shows exactly the writer's last commit.

Every pair goes through `test_corruption.verdict`: inspect, read-only and read-write open agree;
a refused or read-only open leaves the file and its -wal byte for byte as they were. A diary that
opens must show one state the writer committed (every table, row for row, the seal included),
and for the pairs where it is provable, the last one. Writers run with wal_autocheckpoint=0, so
no checkpoint happens but the ones a test asks for; each log is copied while its writer is
still open, which leaves on disk what a crash at that moment leaves.
"""

from __future__ import annotations

import contextlib
import itertools
import random
import shutil
import sqlite3
import struct
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Event, EventKind, Intake, Rating
from diary.storage.errors import DiaryFileError, ForeignLogError
from diary.storage.file import logseal, opening
from diary.storage.store import DiaryStore, create_diary, open_diary
from tests.helpers import store_sql
from tests.helpers.clock import NOW
from tests.scenarios.test_corruption import SEED, fill, verdict

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


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A diary of a few hundred doses, closed: one file, no log."""
    path = tmp_path_factory.mktemp("base") / "diary.sqlite"
    with create_diary(path, clock=ticking()) as diary:
        fill(diary, INTAKES)
    assert not opening.companions(path)[0].exists()
    return path


def test_a_log_begun_on_this_very_file_replays_to_its_last_commit(
    tmp_path: Path, base: Path
) -> None:
    timeline = Timeline(base, tmp_path / "live")
    a = timeline.main_bytes()
    timeline.open()
    timeline.do(rename, event, dose, rating, edit_first_dose)
    wal = timeline.wal_bytes()
    assert timeline.main_bytes() == a, "no checkpoint: the log holds every change"
    timeline.close()
    assert_last_commit(pair(tmp_path / "crashed", a, wal), timeline)


# What is written between the copy and the session whose log is left, and in that session.
LATER_SESSIONS = [
    ((rename,), (event,)),
    ((event,), (rename,)),
    ((dose,), (rating,)),
    ((edit_first_dose,), (event,)),
    ((dose, dose), (rating, dose)),
    ((edit_first_dose,), (edit_first_dose, dose)),
]


def put_back(
    folder: Path, base: Path, between: tuple[Step, ...], logged: tuple[Step, ...]
) -> tuple[Path, Timeline]:
    """The file copied at A, the diary written and closed after it (the next session's log
    starts from there), then the copy put back while that session's log was beside the diary."""
    timeline = Timeline(base, folder / "live")
    a = timeline.main_bytes()
    timeline.open()
    timeline.do(*between)
    timeline.close()
    timeline.open()
    timeline.do(*logged)
    wal = timeline.wal_bytes()
    timeline.close()
    return pair(folder / "put-back", a, wal), timeline


@pytest.mark.parametrize(("between", "logged"), LATER_SESSIONS)
def test_an_older_copy_with_the_log_of_a_later_session_is_refused(
    tmp_path: Path, base: Path, between: tuple[Step, ...], logged: tuple[Step, ...]
) -> None:
    path, timeline = put_back(tmp_path, base, between, logged)
    assert_refused(path, timeline, "the file is an older copy")


def test_sqlite_alone_opens_a_mix_of_two_times(
    tmp_path: Path, base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why the count is needed: without it, SQLite opens such pairs, integrity_check ok, as no
    state the diary ever had (with a rename between, the audit trail holds the rename and the
    diary row the old name)."""
    monkeypatch.setattr(logseal, "first_seal_count", lambda wal, page: None)
    mixes = 0
    for n, (between, logged) in enumerate(LATER_SESSIONS[:4]):
        (tmp_path / f"case{n}").mkdir()
        path, timeline = put_back(tmp_path / f"case{n}", base, between, logged)
        try:
            opening.inspect(path)
        except DiaryFileError:
            continue  # the integrity check saw this one
        with open_diary(path, read_only=True) as diary:
            assert diary.integrity() == "ok"
            mixes += dump(store_sql.connection(diary)) not in timeline.states
            if between == (rename,):
                assert diary.info().name == ""  # the name as the old copy has it
                renames = store_sql.query(
                    diary,
                    "SELECT count(*) AS n FROM changes WHERE "
                    "table_name = 'diary' AND action = 'update'",
                )[0]["n"]
                assert renames == 1  # and the rename in the audit trail
    assert mixes >= 1


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


def test_a_log_older_than_the_file_is_refused(tmp_path: Path, base: Path) -> None:
    """A log kept from an earlier session beside a file that has been written since: replayed,
    it would put older pages back."""
    timeline = Timeline(base, tmp_path / "live")
    timeline.open()
    timeline.do(rename, dose)
    old_log = timeline.wal_bytes()
    timeline.close()
    timeline.open()
    timeline.do(event, edit_first_dose)
    timeline.close()
    later = timeline.main_bytes()
    assert_refused(pair(tmp_path / "old-log", later, old_log), timeline, "older than this file")


def many_long_doses(diary: DiaryStore) -> object:
    """One transaction that rebuilds much of the intakes table's tree (hundreds of long rows)."""
    with diary.write():
        for n in range(300):
            diary.intakes.add(Intake(1, NOW - timedelta(days=400, minutes=n), 1000,
                                     note="x" * 200))
    return None


def test_a_log_older_than_a_file_it_cannot_even_be_read_with_is_named(
        tmp_path: Path, base: Path) -> None:
    """Replayed onto a file whose trees have since been rebuilt, an old log makes a database
    SQLite calls malformed: before (issue 17) that was all the message said, where a smaller
    diary got the message naming the log. The seal's counts in the file and in the log's own
    frames tell it just the same."""
    timeline = Timeline(base, tmp_path / "live")
    timeline.open()
    timeline.do(rename)
    old_log = timeline.wal_bytes()
    timeline.close()
    timeline.open()
    timeline.do(many_long_doses)
    timeline.close()
    path = pair(tmp_path / "old-log", timeline.main_bytes(), old_log)
    with contextlib.closing(sqlite3.connect(path)) as mixed, pytest.raises(
            sqlite3.DatabaseError, match="malformed"):
        mixed.execute("PRAGMA integrity_check").fetchall()  # SQLite's own word for the mix
    pair(tmp_path / "again", timeline.main_bytes(), old_log)
    assert_refused(tmp_path / "again" / "diary.sqlite", timeline, "older than this file")


def test_every_pairing_of_files_and_logs_of_one_diary(tmp_path: Path, base: Path) -> None:
    """Copies of the log taken at random moments of several sessions, and of the file at each
    clean close, each file with each log: the file the log began on, or the one its close
    checkpointed (a crash before the log was deleted), opens as the log's last commit; a file
    older than the log's start or newer than its end is refused."""
    rng = random.Random(SEED)
    steps = [rename, event, dose, rating, edit_first_dose]
    timeline = Timeline(base, tmp_path / "live")
    files: list[tuple[bytes, int]] = [(timeline.main_bytes(), 0)]  # (bytes, its state's index)
    logs: list[tuple[bytes, int, int]] = []  # (bytes, first state, last state)
    for _session in range(3):
        timeline.open()
        start = len(timeline.states) - 1
        for _ in range(2):
            timeline.do(*rng.choices(steps, k=rng.randint(1, 3)))
            end = len(timeline.states) - 1
            logs.append((timeline.wal_bytes(), start, end))
        timeline.close()
        files.append((timeline.main_bytes(), len(timeline.states) - 1))
    n = 0
    for (log, start, end), (main, held) in itertools.product(logs, files):
        n += 1
        path = pair(tmp_path / f"pair{n}", main, log)
        found, shown = outcome(path, timeline)
        if start <= held <= end:  # the file the log began on, or the file once checkpointed
            assert (found, shown) == ("opened", {end}), f"pair {n}: the diary's own log"
        else:
            assert found == "refused", f"pair {n}: file {held}, log {start}..{end}"
    assert n == len(logs) * len(files)


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
