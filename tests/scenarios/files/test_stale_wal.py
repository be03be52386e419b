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
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Intake
from diary.storage.errors import DiaryFileError
from diary.storage.file import logseal
from diary.storage.file import opening
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from tests.helpers import store_sql
from tests.helpers.clock import NOW
from tests.scenarios.files.test_corruption import SEED
from tests.scenarios.files.wal_timeline import Step
from tests.scenarios.files.wal_timeline import Timeline
from tests.scenarios.files.wal_timeline import assert_last_commit
from tests.scenarios.files.wal_timeline import assert_refused
from tests.scenarios.files.wal_timeline import closed_diary
from tests.scenarios.files.wal_timeline import dose
from tests.scenarios.files.wal_timeline import dump
from tests.scenarios.files.wal_timeline import edit_first_dose
from tests.scenarios.files.wal_timeline import event
from tests.scenarios.files.wal_timeline import outcome
from tests.scenarios.files.wal_timeline import pair
from tests.scenarios.files.wal_timeline import rating
from tests.scenarios.files.wal_timeline import rename


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A diary of a few hundred doses, closed: one file, no log."""
    return closed_diary(tmp_path_factory)


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
    diary row the old name). The program's value check would see that one (the next test);
    SQLite alone does not."""
    from diary.storage import values

    monkeypatch.setattr(logseal, "first_seal_count", lambda wal, page: None)
    monkeypatch.setattr(values, "damaged_values", lambda conn, limit=None: [])
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


def test_without_the_count_the_value_check_refuses_the_mix_with_a_rename(
    tmp_path: Path, base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second line of defence: the mix whose audit trail holds a rename the diary row does
    not is refused by the full check's comparison of values, even without the seal's count."""
    monkeypatch.setattr(logseal, "first_seal_count", lambda wal, page: None)
    cases = [(n, case) for n, case in enumerate(LATER_SESSIONS[:4]) if case[0] == (rename,)]
    assert cases
    for n, (between, logged) in cases:
        (tmp_path / f"case{n}").mkdir()
        path, _ = put_back(tmp_path / f"case{n}", base, between, logged)
        with pytest.raises(DiaryFileError, match="values differ from what the program wrote: "
                           "diary row 1: name is ''"):
            opening.inspect(path)


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
