"""A writer killed (SIGKILL) at random moments never loses a committed intake nor damages the file.

A child process writes intakes through the real storage (`open_diary` + `add_intake`) in a loop
and prints each id, flushed, only after `add_intake` has returned, i.e. after the commit. The
parent waits for a random number of printed commits (plus, sometimes, a random sliver of time so
the kill can land inside a transaction, or inside `open_diary` itself) and kills it with SIGKILL.
After each kill the diary must open, pass integrity_check and hold exactly the reported rows:

    reported  ⊆  stored  ⊆  reported + (at most one more)

The one more is the intake in flight at the kill: SQLite may have made its commit durable just
before the process died, without the child having had the time to print its id. That row is
whole (its audit row with it), has the id after the last reported one, and stays in every later
check. Nothing else may appear, and nothing reported may ever go missing.

Quick by default (25 kills, a few seconds); MEDICATION_DIARY_KILLS=500 for a long run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from diary.domain.entities import Medication
from diary.domain.entities import Unit
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers import store_sql

KILLS = int(os.environ.get("MEDICATION_DIARY_KILLS", "25"))
SEED = int(os.environ.get("MEDICATION_DIARY_SEED", "20261126"))

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from diary.domain.entities import Intake
    from diary.storage.store import open_diary

    path, medication_id, round_no = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    at = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    diary = open_diary(path, clock=lambda: datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc))
    n = 0
    while True:
        n += 1
        note = f"{round_no}-{n}"
        saved = diary.intakes.add(Intake(medication_id, at + timedelta(minutes=n), 5000, note=note))
        sys.stdout.write(f"{saved.id} {note}\\n")
        sys.stdout.flush()
    """
)


def run_and_kill(path: Path, medication_id: int, round_no: int, rng: random.Random
                 ) -> dict[int, str]:
    """One writer, killed after a random number of commits; returns {id: note} it reported."""
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(medication_id), str(round_no)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    try:
        # One kill in ten lands during start-up (opening the diary, switching on WAL).
        wanted = 0 if rng.random() < 0.1 else rng.randint(1, 40)
        lines: list[str] = []
        for _ in range(wanted):
            lines.append(child.stdout.readline())
            if not lines[-1]:
                pytest.fail(f"the writer died on its own: {child.stderr.read()}")
        if wanted == 0:
            time.sleep(rng.uniform(0, 0.4))
        elif rng.random() < 0.5:
            time.sleep(rng.uniform(0, 0.003))  # somewhere inside the next transaction
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        # Lines still in the pipe were printed after their commit returned: they count.
        lines.extend(child.stdout.read().splitlines(keepends=True))
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    reported: dict[int, str] = {}
    for line in lines:
        if line.endswith("\n"):  # a half-written line is not a report
            row_id, note = line.split()
            reported[int(row_id)] = note
    return reported


def test_killed_writers_lose_nothing_committed(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    path = tmp_path / "crash.diary"
    with create_diary(path) as setup:
        medication_id = setup.medications.add(Medication(name="Baclofen", unit=Unit.MG)).id
    assert medication_id is not None

    known: dict[int, str] = {}  # every row that must be there from now on, with its note
    in_flight_kept = 0
    for round_no in range(KILLS):
        in_flight_kept += _kill_and_check(path, medication_id, round_no, rng, known)
    # The harness did its job: it killed writers mid-stream, with commits behind them.
    assert len(known) > KILLS
    print(f"{KILLS} kills, {len(known)} rows, {in_flight_kept} in-flight commits kept")


def _kill_and_check(path: Path, medication_id: int, round_no: int, rng: random.Random,
                 known: dict[int, str]) -> int:
    """Kill one writer, check the diary; returns 1 if an unreported in-flight row was kept."""
    reported = run_and_kill(path, medication_id, round_no, rng)
    diary = open_diary(path)
    try:
        assert store_sql.query(diary, "PRAGMA integrity_check")[0]["integrity_check"] == "ok"
        assert diary.integrity() == "ok"
        found = store_sql.query(diary, "SELECT id, note FROM intakes")
        stored = {int(r["id"]): str(r["note"]) for r in found}
        audited = {
            int(r["row_id"])
            for r in store_sql.query(
                diary,
                "SELECT row_id FROM changes WHERE table_name = 'intakes' AND action = 'insert'",
            )
        }
    finally:
        diary.close()
    context = f"round {round_no}"
    missing = (known.keys() | reported.keys()) - stored.keys()
    assert not missing, f"{context}: committed intakes lost: {sorted(missing)}"
    for row_id, note in (known | reported).items():
        assert stored[row_id] == note, f"{context}: intake {row_id} changed"
    extra = stored.keys() - known.keys() - reported.keys()
    assert len(extra) <= 1, f"{context}: rows nobody wrote: {sorted(extra)}"
    if extra:
        (row_id,) = extra
        assert row_id > max(known.keys() | reported.keys(), default=0), context
        assert stored[row_id] == f"{round_no}-{len(reported) + 1}", context
    # Each intake and its audit row were one transaction: both or neither.
    assert audited == stored.keys(), f"{context}: intakes and audit trail disagree"
    known.update(stored)
    return len(extra)
