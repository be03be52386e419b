"""Ours: `medication-diary --diary PATH` until its window is shown and painted."""

import sys

from firstpaint import watch
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
watcher = watch(app)
from diary.app import main  # noqa: E402 - the program's own start, after the watcher is in place

main(["--diary", sys.argv[1]])
