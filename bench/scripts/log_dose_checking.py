"""Logging a dose while the day's full check runs in the background (issue 17): the dose must
not wait for the check, beyond the length of one transaction. Logs N doses as the window does
(as log_dose_ours), alternately alone and while a full check of the whole diary is under way in
its thread, and prints the median of each. A dose that finished after the check did is not
counted as "during" (it did not overlap it): the count of those that did is printed too."""

import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from diary.domain.entities import Intake
from diary.storage.dosing import check_and_add
from diary.storage.file import verified
from diary.storage.store import open_diary
from diary.ui.today.state import build_state

sys.path.insert(0, str(Path(__file__).parents[2]))
from bench.diaries import NOW

source, count = Path(sys.argv[1]), int(sys.argv[2])
copy = Path(tempfile.mkdtemp()) / "diary.sqlite"
shutil.copy(source, copy)
store = open_diary(copy, clock=lambda: NOW)
medication = store.medications.named("Baclofen")
assert medication.id is not None
conn = store._tables.connection  # to take each bench dose back out, unaudited
alone: list[float] = []
during: list[float] = []


def log_one() -> float:
    draft = Intake(medication.id, NOW - timedelta(minutes=1), 1000, note="bench")
    verified.RECORDER.flush()  # the last untimed commit's record written: not timed
    started = time.perf_counter()
    outcome = check_and_add(store, draft, NOW.tzinfo, confirmed=True)
    build_state(store, NOW)
    took = time.perf_counter() - started
    assert outcome.saved is not None and outcome.saved.id is not None
    with store.write():  # both at once: a full check reading meanwhile sees neither or both
        conn.execute("DELETE FROM changes WHERE table_name = 'intakes' AND row_id = ?",
                     [outcome.saved.id])
        conn.execute("DELETE FROM intakes WHERE id = ?", [outcome.saved.id])
    return took


for _ in range(count):
    alone.append(log_one())
    verified.forget(copy)  # the day's check due again
    assert store.start_full_check()
    took = log_one()
    running = store._vouching.check  # still without its verdict when the dose was saved?
    if running is not None and not running.done:
        during.append(took)
    store.wait_for_full_check()
store.close()
print(json.dumps({"alone": statistics.median(alone), "during": statistics.median(during),
                  "overlapped": len(during), "count": count}))
