"""Ours: `medication-diary --diary PATH` until its window is shown and painted (the bench's fixed
"now", so that Today shows the demo diary's last day). Once the window has closed, prints the
peak memory at the first paint and how many full checks of the diary the start ran."""

import json
import sys
from pathlib import Path

from firstpaint import watch
from fullcheck import watch as watch_checks
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).parents[2]))
from bench.diaries import NOW  # cheap: datetime only

app = QApplication(sys.argv[:1])
watcher = watch(app)
checks = watch_checks(sys.argv[1])
from diary.app import main  # noqa: E402 - the program's own start, after the watcher is in place

code = main(["--diary", sys.argv[1]], clock=lambda: NOW)
print(json.dumps({"code": code, "megabytes": watcher.megabytes, "full_checks": checks.count}))
