"""Ours: the appointment report of the last N days, gathered from the diary and written as a PDF
(every page drawn and saved), as `medication-diary report` does."""

import json
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2]))
from bench.diaries import NOW
from diary.domain.daytime import local_day
from diary.report.build import build_report
from diary.report.build import render_report
from diary.storage.store import open_diary

path, days = Path(sys.argv[1]), int(sys.argv[2])
out = Path(tempfile.mkdtemp()) / "report.pdf"
with open_diary(path, read_only=True) as store:
    end = local_day(NOW, store.info().day_starts_at)
    started = time.perf_counter()
    report = build_report(store, end - timedelta(days=days - 1), end, NOW, NOW.tzinfo)
    done = render_report(report, out)
    elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "pages": done.pages}))
