"""Floor: the same page figures (drawn beforehand, untimed) saved by a bare PdfPages, with the
same TrueType fonts."""

import json
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages

sys.path.insert(0, str(Path(__file__).parents[2]))
from bench.diaries import NOW
from diary.domain.daytime import local_day
from diary.report.build import build_report
from diary.report.build import plan_pages
from diary.report.model import frame_for
from diary.report.pages import draw_page
from diary.storage.store import open_diary

path, days = Path(sys.argv[1]), int(sys.argv[2])
out = Path(tempfile.mkdtemp()) / "floor.pdf"
with open_diary(path, read_only=True) as store:
    end = local_day(NOW, store.info().day_starts_at)
    report = build_report(store, end - timedelta(days=days - 1), end, NOW, NOW.tzinfo)
frame = frame_for(report.paper)
pages = plan_pages(report)
figures = [draw_page(report, frame, page, n, len(pages)) for n, page in enumerate(pages, 1)]
with matplotlib.rc_context({"pdf.fonttype": 42}):
    started = time.perf_counter()
    with PdfPages(out) as pdf:
        for figure in figures:
            pdf.savefig(figure)
    elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed}))
