"""Take the README's screenshots from the real window on a demo diary.

Run under a display (Xvfb is enough):
    Xvfb :99 -screen 0 1366x860x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python docs/take_screenshots.py
The clock is fixed, so the pictures only change when the window does. Page 1 of the report, the
last 90 days, is turned into docs/report.png with pdftoppm (poppler-utils).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtCore import QSettings
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from diary.demo import build_demo
from diary.paths import ensure_private_dir
from diary.ui.shell.launch import WindowRuntime
from diary.ui.shell.launch import application_icon
from diary.ui.shell.launch import build_window

DOCS = Path(__file__).resolve().parent
NOW = datetime(2026, 11, 26, 14, 40, tzinfo=timezone(timedelta(hours=1)))
TABS = ("today", "history", "medications", "trends")


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()


def window_shot(app: QApplication, path: Path, settings: QSettings, name: str, *,
                read_only: bool = False) -> None:
    """The window as it opens on `path`, saved as docs/<name>.png."""
    runtime = WindowRuntime(application_icon(), lambda: NOW)
    window = build_window(runtime, path, read_only=read_only, settings=settings)
    assert window is not None
    window.resize(1280, 800)
    window.show()
    settle(app)
    window.grab().save(str(DOCS / f"{name}.png"))
    print(f"wrote docs/{name}.png")
    window.close()
    runtime.shutdown()


def read_only_summary(app: QApplication, path: Path, settings: QSettings) -> None:
    """The diary opened read-only, as a caregiver reviews it: it opens on the Summary."""
    window_shot(app, path, settings, "summary", read_only=True)


def double_text(app: QApplication, path: Path, settings: QSettings) -> None:
    """Today at twice the text size, in the same window size: larger, and it scrolls."""
    font = app.font()
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * 2)
    app.setFont(bigger)
    window_shot(app, path, settings, "today-2x")
    app.setFont(font)


def assistant(app: QApplication, folder: Path, settings: QSettings) -> None:
    """The set-up assistant on a new diary, at its second page with baclofen typed."""
    from diary.storage.store import create_diary
    from diary.ui.assistant import AssistantWizard
    from diary.ui.shell.session import DiarySession

    path = folder / "new.sqlite"
    create_diary(path, clock=lambda: NOW).close()
    runtime = WindowRuntime(application_icon(), lambda: NOW)
    store = runtime.open_store(path, False)
    session = DiarySession(store, lambda: NOW)
    wizard = AssistantWizard(session, settings)
    wizard.person.name.setText("Marie Dupont")
    wizard.show()
    wizard.next()
    wizard.medication.name.setText("Baclofen")
    settle(app)
    wizard.grab().save(str(DOCS / "assistant.png"))
    print("wrote docs/assistant.png")
    wizard.reject()
    session.close()
    runtime.shutdown()


def wait_for_chart(view: QWidget) -> None:
    """The Trends tab reads the diary in the background once shown: wait for its chart."""
    if not getattr(view, "loading", False):
        return
    loop = QEventLoop()
    view.loaded.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()


def report_page(diary: Path, folder: Path) -> None:
    """Page 1 of the report of the last 90 days, at 100 dpi (827 pixels wide on A4)."""
    from diary.report.build import build_report
    from diary.report.build import render_report
    from diary.storage.store import open_diary

    store = open_diary(diary, read_only=True, clock=lambda: NOW)
    try:
        end = NOW.date()
        report = build_report(store, end - timedelta(days=89), end, NOW,
                              NOW.tzinfo or UTC)
    finally:
        store.close()
    pdf = render_report(report, folder / "report.pdf").path
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(DOCS / "report")], check=True)
    print("wrote docs/report.png")


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="md-shots-"))
    # A home of its own, so that the status bar names the diary where a person's would be.
    os.environ["HOME"] = str(folder)
    app = QApplication(sys.argv[:1])
    path = ensure_private_dir(folder / ".local" / "share" / "medication-diary") / "diary.sqlite"
    build_demo(path, days=120, seed=3, now=NOW)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    runtime = WindowRuntime(application_icon(), lambda: NOW)
    window = build_window(runtime, path, read_only=False, settings=settings)
    assert window is not None
    window.resize(1280, 800)
    window.show()
    if window.backups is not None:  # the status bar as it reads a moment after start
        window.backups.maybe_back_up()
    for index, name in enumerate(TABS):
        window.tabs.setCurrentIndex(index)
        view = window.view_at(index)
        wait_for_chart(view)
        if name == "history":  # the caregiver's question: which doses were missed?
            status = view.filters.status_combo  # type: ignore[attr-defined]
            status.setCurrentIndex(status.findText("Missed"))
        settle(app)
        window.grab().save(str(DOCS / f"{name}.png"))
        print(f"wrote docs/{name}.png")
    window.close()
    runtime.shutdown()
    read_only_summary(app, path, settings)
    double_text(app, path, settings)
    assistant(app, folder, settings)
    if shutil.which("pdftoppm"):
        report_page(path, folder)
    else:
        print("pdftoppm not found (apt-get install poppler-utils): docs/report.png not made")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
