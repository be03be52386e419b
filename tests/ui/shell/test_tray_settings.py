"""Closing the window while a tray icon is shown keeps the program running there, so reminders
go on; File > Quit and the tray's Quit end it, and nothing typed is lost either way."""

from __future__ import annotations

from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui.reminders.tray import TrayReminders
from diary.ui.shell import single_instance
from diary.ui.shell.launch import TOLD_TRAY_KEY
from diary.ui.shell.launch import WindowRuntime
from diary.ui.shell.launch import application_icon
from diary.ui.shell.launch import build_window
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.tray_settings import CLOSE_TO_TRAY_KEY

pytestmark = pytest.mark.usefixtures("private_runtime_dir")


@pytest.fixture
def with_tray(monkeypatch: pytest.MonkeyPatch) -> None:
    """The offscreen platform has no tray; the code under test asks only this."""
    monkeypatch.setattr(TrayReminders, "available", staticmethod(lambda: True))


@pytest.fixture
def planned(store: DiaryStore, clock: list[datetime]) -> Path:
    """A diary with baclofen due at 20:00 today; the clock at 19:00."""
    now = clock[0]
    med = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
    assert med.id is not None
    store.plans.add_all([PlanStep(med.id, now.date() - timedelta(days=1), 5_000, (time(20),))])
    clock[0] = now.replace(hour=19, minute=0)
    store.close()
    return store.path


def start(qtbot, path: Path, clock: list[datetime], tmp_path: Path,
          ini: str = "settings.ini") -> tuple[MainWindow, WindowRuntime]:
    runtime = WindowRuntime(application_icon(), lambda: clock[0])
    window = build_window(runtime, path, read_only=False,
                          settings=QSettings(str(tmp_path / ini), QSettings.Format.IniFormat))
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    return window, runtime


def test_closing_hides_to_the_tray_and_reminders_go_on(
    qtbot, with_tray: None, planned: Path, clock: list[datetime], tmp_path: Path
) -> None:
    window, runtime = start(qtbot, planned, clock, tmp_path)
    assert runtime.tray is not None and runtime.scheduler is not None
    with qtbot.waitSignal(window.hidden_to_tray, timeout=1000):
        assert not window.close()  # refused: hidden instead
    assert not window.isVisible()
    assert window.session.store.medications.named("Baclofen").id is not None  # still open
    assert runtime.tray.last_message is not None
    assert runtime.tray.last_message[0] == "Medication Diary is still running"
    assert single_instance.claim(planned, activate=False) is None  # still held for writing
    clock[0] = clock[0].replace(hour=20)
    assert runtime.scheduler.check_now()  # the 20:00 dose is due while the window is hidden
    assert runtime.tray.last_message[0] == "Baclofen 5 mg is due (20:00)"
    runtime.tray.show_requested.emit()  # a click on the icon or the notification
    assert window.isVisible()


def test_the_still_running_notice_is_given_once(
    qtbot, with_tray: None, planned: Path, clock: list[datetime], tmp_path: Path
) -> None:
    window, runtime = start(qtbot, planned, clock, tmp_path)
    assert runtime.tray is not None
    window.close()
    assert runtime.tray.last_message is not None
    assert window.settings.value(TOLD_TRAY_KEY) == "true"
    runtime.tray.last_message = None
    window.show()
    window.close()
    assert not window.isVisible() and runtime.tray.last_message is None


def test_quit_from_the_tray_closes_for_good(
    qtbot, with_tray: None, planned: Path, clock: list[datetime], tmp_path: Path
) -> None:
    window, runtime = start(qtbot, planned, clock, tmp_path)
    assert runtime.tray is not None
    window.close()
    quit_action = {a.text(): a for a in runtime.tray.menu().actions()}["Quit"]
    with qtbot.waitSignal(window.closing, timeout=1000):
        quit_action.trigger()
    assert runtime.scheduler is None and runtime.tray is None  # reminders stopped
    lock = single_instance.claim(planned, activate=False)
    assert lock is not None  # the diary is released
    lock.release()
    assert window.quit()  # a second quit (the program ending) is harmless


def test_file_quit_quits_even_with_a_tray(
    qtbot, with_tray: None, planned: Path, clock: list[datetime], tmp_path: Path
) -> None:
    window, runtime = start(qtbot, planned, clock, tmp_path)
    [file_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    [quit_action] = [a for a in file_menu.actions() if a.text() == "&Quit"]
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    with qtbot.waitSignal(window.closing, timeout=1000):
        quit_action.trigger()
    assert not window.isVisible() and runtime.scheduler is None


def test_with_the_preference_off_closing_quits(
    qtbot, with_tray: None, planned: Path, clock: list[datetime], tmp_path: Path
) -> None:
    ini = QSettings(str(tmp_path / "off.ini"), QSettings.Format.IniFormat)
    ini.setValue(CLOSE_TO_TRAY_KEY, "false")
    ini.sync()
    window, runtime = start(qtbot, planned, clock, tmp_path, ini="off.ini")
    with qtbot.waitSignal(window.closing, timeout=1000):
        assert window.close()
    assert runtime.scheduler is None


def test_without_a_tray_closing_quits(qtbot, planned: Path, clock: list[datetime],
                                      tmp_path: Path) -> None:
    window, runtime = start(qtbot, planned, clock, tmp_path)
    assert runtime.tray is None
    with qtbot.waitSignal(window.closing, timeout=1000):
        assert window.close()


def test_a_refused_quit_leaves_closing_to_the_tray(
    qtbot, with_tray: None, planned: Path, clock: list[datetime], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _ = start(qtbot, planned, clock, tmp_path)
    monkeypatch.setattr(window, "confirm_discard", lambda: False)  # "Go back" to typed text
    assert not window.quit()
    assert window.isVisible()
    with qtbot.waitSignal(window.hidden_to_tray, timeout=1000):
        window.close()  # still only hides: the refused quit did not stick


def test_the_store_reopens_after_quitting(qtbot, with_tray: None, planned: Path,
                                          clock: list[datetime], tmp_path: Path) -> None:
    window, _ = start(qtbot, planned, clock, tmp_path)
    window.close()
    assert window.quit()
    store = open_diary(planned, read_only=True)
    assert store.medications.named("Baclofen").id is not None
    store.close()
