"""Peak memory of the whole program: the window on a diary, every tab built, the Trends tab shown
on the whole diary (every day of it) and its chart drawn; the process's peak resident size, and
how many full checks of the diary the open ran (the day's first open copies the whole file into
memory to check it)."""

import json
import sys
from pathlib import Path

from fullcheck import watch
from peak import peak_megabytes
from PySide6.QtCore import QEventLoop
from PySide6.QtCore import QSettings
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).parents[2]))
from bench.diaries import NOW
from diary.ui.shell.launch import WindowRuntime
from diary.ui.shell.launch import build_window

checks = watch(sys.argv[1])
app = QApplication(sys.argv[:1])
settings = QSettings(str(Path(sys.argv[2]) / "settings.ini"), QSettings.Format.IniFormat)
window = build_window(WindowRuntime(QIcon(), lambda: NOW), Path(sys.argv[1]), read_only=False,
                      settings=settings)
assert window is not None
window.resize(1280, 860)
window.show()
window.tabs.setCurrentIndex(3)
view = window.view_at(3)
today = window.session.today()
first = window.session.store.history.first_day(today)
assert first is not None
loop = QEventLoop()
view.loaded.connect(loop.quit)
QTimer.singleShot(60_000, loop.quit)
view.show_range((first, today))
loop.exec()
assert view.data is not None and view.data.start == first
window.grab()  # the chart painted
peak = peak_megabytes()
window.close()
print(json.dumps({"megabytes": peak, "full_checks": checks.count}))
