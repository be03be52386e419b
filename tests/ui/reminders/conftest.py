"""The reminder tests' fixtures: baclofen three times a day, the scheduler started at 06:00 on
the tests' day, a private session bus with a stand-in notification service, and the pointer
resting outside every window unless a test moves it in."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from datetime import datetime
from datetime import time

import pytest
from PySide6.QtWidgets import QApplication

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.shell.session import DiarySession
from tests.helpers.notifications import FakeNotifications
from tests.helpers.notifications import start_bus
from tests.ui.reminders.support import at
from tests.ui.reminders.support import pointer_away


@pytest.fixture(autouse=True)
def pointer_starts_away(qapp: QApplication) -> Iterator[None]:
    """Where the pointer is decides when the banner's answered rows go; it starts away from
    every window (offscreen too, moving it sends the windows their Enter and Leave events)."""
    pointer_away()
    yield
    pointer_away()


@pytest.fixture
def baclofen(session: DiarySession) -> Medication:
    med = edits.add_medication(session, Medication(
        name="Baclofen", unit=Unit.MG, max_daily=80_000, taper_required=True))
    assert med.id is not None
    edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 20_000,
                                           (time(8), time(14), time(20)))])
    return med


@pytest.fixture
def scheduler(session: DiarySession, baclofen: Medication, clock: list[datetime],
              qtbot) -> Iterator[ReminderScheduler]:  # type: ignore[no-untyped-def]
    clock[0] = at(6)
    reminders = ReminderScheduler(session)
    reminders.start()
    yield reminders
    reminders.stop()


@pytest.fixture
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FakeNotifications]:
    folder = tmp_path_factory.mktemp("bus")
    process, address = start_bus(folder)
    fake = FakeNotifications(address)
    fake.connect()
    server = threading.Thread(target=fake.serve, daemon=True)
    server.start()
    yield fake
    fake.stop()
    server.join(timeout=5)
    process.terminate()
    process.wait(timeout=5)
    assert process.stdout is not None
    process.stdout.close()
