"""A desktop with no system tray (GNOME without its extension) still gets reminder notifications
with Taken and Snooze when its notification service shows buttons; the banner stays too."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.ui.reminders.tray import TrayReminders
from diary.ui.shell.launch import WindowRuntime
from diary.ui.shell.launch import application_icon
from diary.ui.shell.launch import build_window
from tests.helpers.notifications import FakeNotifications
from tests.ui.reminders.support import DAY
from tests.ui.reminders.support import TIMEOUT_MS
from tests.ui.reminders.support import at
from tests.ui.reminders.support import fired_at
from tests.ui.reminders.support import needs_bus


@needs_bus
@pytest.mark.usefixtures("private_runtime_dir")
def test_without_a_tray_a_due_dose_is_a_notification_whose_taken_logs_it(
        qtbot, service: FakeNotifications, store: DiaryStore,
        clock: list[datetime], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TrayReminders, "available", staticmethod(lambda: False))
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", service.address)
    med = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000,
                                          taper_required=True))
    assert med.id is not None
    store.plans.add_all([PlanStep(med.id, date(2026, 11, 1), 20_000, (time(8),))])
    path = store.path
    store.close()
    clock[0] = at(6)
    runtime = WindowRuntime(application_icon(), lambda: clock[0])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(runtime, path, read_only=False, settings=settings)
    assert window is not None
    qtbot.addWidget(window)
    assert runtime.tray is None and runtime.notifications is not None
    assert runtime.desktop is not None
    qtbot.waitUntil(lambda: runtime.desktop.ready, timeout=TIMEOUT_MS)
    assert runtime.scheduler is not None
    fired_at(runtime.scheduler, clock, at(8))
    notifications = runtime.notifications
    qtbot.waitUntil(lambda: bool(notifications.announced()), timeout=TIMEOUT_MS)
    assert service.notified[-1][3] == "Baclofen 20 mg is due (08:00)"
    assert runtime.banner is not None and runtime.scheduler.pending()  # the banner shows it too
    [notification_id] = notifications.announced()
    service.press(notification_id, "taken")
    qtbot.waitUntil(
        lambda: len(window.session.store.intakes.between(DAY, DAY)) == 1, timeout=TIMEOUT_MS
    )
    assert runtime.scheduler.pending() == []
    window.quit()
