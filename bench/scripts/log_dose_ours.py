"""Ours: log one dose the way the window does (validate, check the safety rules and write with its
audit row in one transaction), then refresh today's totals; median over N doses. Each dose is
taken out again (with its audit row, untimed) so that every one lands on the same ordinary day,
as a person's dose does, rather than on a day grown to N doses."""

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
times = []
conn = store._tables.connection  # to take each bench dose back out, unaudited
for _ in range(count):
    draft = Intake(medication.id, NOW - timedelta(minutes=1), 1000, note="bench")
    verified.RECORDER.flush()  # the last untimed commit's record written: not timed
    started = time.perf_counter()
    outcome = check_and_add(store, draft, NOW.tzinfo, confirmed=True)
    build_state(store, NOW)
    times.append(time.perf_counter() - started)
    assert outcome.saved is not None and outcome.saved.id is not None
    with store.write():  # both at once: a full check reading meanwhile sees neither or both
        conn.execute("DELETE FROM changes WHERE table_name = 'intakes' AND row_id = ?",
                     [outcome.saved.id])
        conn.execute("DELETE FROM intakes WHERE id = ?", [outcome.saved.id])
store.close()
print(json.dumps({"seconds": statistics.median(times)}))
