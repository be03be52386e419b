"""Ours: log one dose the way the window does (validate, check the safety rules and write with its
audit row in one transaction), then refresh today's totals; median over N doses."""

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
from diary.storage.store import open_diary
from diary.ui.today_state import build_state

sys.path.insert(0, str(Path(__file__).parents[2]))
from bench.diaries import NOW

source, count = Path(sys.argv[1]), int(sys.argv[2])
copy = Path(tempfile.mkdtemp()) / "diary.sqlite"
shutil.copy(source, copy)
store = open_diary(copy, clock=lambda: NOW)
medication = store.medication_by_name("Baclofen")
assert medication.id is not None
times = []
for n in range(count):
    draft = Intake(medication.id, NOW - timedelta(minutes=n + 1), 1000, note="bench")
    started = time.perf_counter()
    check_and_add(store, draft, NOW.tzinfo, confirmed=True)
    build_state(store, NOW)
    times.append(time.perf_counter() - started)
store.close()
print(json.dumps({"seconds": statistics.median(times)}))
