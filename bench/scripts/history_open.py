"""Ours: the History view built on a diary and painted with its first rows (a caregiver opening
ten years of history should wait no longer than for one month)."""

import json
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).parents[2]))
from bench.diaries import NOW
from diary.storage.store import open_diary
from diary.ui.history.view import HistoryView
from diary.ui.shell.session import DiarySession

app = QApplication(sys.argv[:1])
session = DiarySession(open_diary(Path(sys.argv[1]), read_only=True), lambda: NOW)
warm = HistoryView(session)  # Qt's own first-widget costs are not the view's
warm.grab()
started = time.perf_counter()
view = HistoryView(session)
view.resize(1000, 600)
view.show()
image = view.grab()
elapsed = time.perf_counter() - started
assert view.model.rowCount() > 0 and not image.isNull()
print(json.dumps({"seconds": elapsed}))
