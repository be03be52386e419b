"""The whole window fits the screens issue 18 names, once every view has been opened: its smallest
size, less a title bar, fits 1366×768 and 1280×720 at twice the text size and at the usual size,
and 1366×768 at twice the scale (QT_SCALE_FACTOR=2: 683×384 of the window's pixels, where the
sizes are those of the usual text). What does not fit inside a view scrolls there. It is the real
window on a demo diary, built as the program builds it (launch.build_window), with the reminder
banner showing a due dose.

A failure gives the smallest size of the window and of every view, so the view that holds the
window too large is seen at once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import QSize

from diary.demo import build_demo
from diary.ui.shell.launch import WindowRuntime
from diary.ui.shell.launch import application_icon
from diary.ui.shell.launch import build_window
from diary.ui.shell.main_window import MainWindow
from tests.helpers.clock import NOW

pytestmark = pytest.mark.usefixtures("private_runtime_dir")

TITLE_BAR = 30  # px a window manager's title bar takes off the screen's height
LAPTOP = QSize(1366, 768 - TITLE_BAR)
SMALL_SCREEN = QSize(1280, 720 - TITLE_BAR)
LAPTOP_AT_TWICE_THE_SCALE = QSize(1366 // 2, 768 // 2 - TITLE_BAR)
DUE = NOW.replace(hour=8, minute=5)  # the morning dose is due: the banner shows it


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path, now=DUE)
    return path


def every_view_opened(qtbot, demo_file: Path, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """The real window on a copy of the demo diary, a dose due in its banner, each tab shown
    once (Trends waits for its chart)."""
    path = tmp_path / "diary.sqlite"
    shutil.copyfile(demo_file, path)
    clock: list[datetime] = [DUE]
    runtime = WindowRuntime(application_icon(), lambda: clock[0])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(runtime, path, read_only=False, settings=settings)
    assert window is not None
    qtbot.addWidget(window)
    assert runtime.scheduler is not None and runtime.banner is not None
    runtime.scheduler.check_now()
    assert runtime.scheduler.pending(), "no dose is due: the banner would be empty"
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        view = window.view_at(index)
        qtbot.waitUntil(lambda v=view: not getattr(v, "loading", False), timeout=30_000)
    assert len(window.built_views()) == window.tabs.count()
    return window


def sizes(window: MainWindow) -> str:
    """The window's smallest size and each view's, for a failure's message."""
    views = ", ".join(
        f"{window.tabs.tabText(i)} {hint.width()}×{hint.height()}"
        for i in range(window.tabs.count())
        for hint in [window.view_at(i).minimumSizeHint()]
    )
    least = window.minimumSizeHint()
    return f"window {least.width()}×{least.height()}; views: {views}"


def fits(size: QSize, room: QSize) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


@pytest.mark.parametrize(("times", "room"), [
    pytest.param(2.0, LAPTOP, id="1366x768-twice-the-text"),
    pytest.param(2.0, SMALL_SCREEN, id="1280x720-twice-the-text"),
    pytest.param(1.0, SMALL_SCREEN, id="1280x720-usual-text"),
    pytest.param(1.0, LAPTOP_AT_TWICE_THE_SCALE, id="1366x768-twice-the-scale"),
])
def test_the_window_with_every_view_opened_fits_the_screen(
        qtbot, scale_text: Callable[[float], None], times: float, room: QSize,
        demo_file: Path, tmp_path: Path) -> None:
    scale_text(times)
    window = every_view_opened(qtbot, demo_file, tmp_path)
    assert fits(window.minimumSizeHint(), room), sizes(window)
    window.resize(room)  # and it takes that size: nothing inside insists on more
    qtbot.waitUntil(lambda: window.size() == room)
    window.quit()


def test_twice_the_text_makes_the_medications_view_scroll_not_grow(
        qtbot, scale_text: Callable[[float], None], demo_file: Path, tmp_path: Path) -> None:
    """The view that used to hold the window at 730 px: its pages scroll instead."""
    scale_text(2.0)
    window = every_view_opened(qtbot, demo_file, tmp_path)
    medications = window.view_at(2)
    assert window.tabs.tabText(2) == "Medications"
    window.tabs.setCurrentIndex(2)
    window.resize(SMALL_SCREEN)
    qtbot.waitUntil(lambda: window.size() == SMALL_SCREEN)
    page = medications.tabs.widget(0)  # type: ignore[attr-defined]
    assert page.verticalScrollBar().maximum() > 0  # it scrolls to what is below
    assert medications.minimumSizeHint().height() < SMALL_SCREEN.height() // 2
    window.quit()
