"""An unanswered reminder asks again every few minutes (this computer's setting, 15 by default)
until it is answered, snoozed or withdrawn; a heads-up comes before a dose when wanted, and
offers Taken only once the dose's on-time window has opened. The clock is the test's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.safety import FindingKind
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.ui import edits
from diary.ui.reminders.preferences import HEADS_UP_KEY
from diary.ui.reminders.preferences import REPEAT_KEY
from diary.ui.reminders.preferences import ReminderPreferences
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.shell.launch import WindowRuntime
from diary.ui.shell.launch import application_icon
from diary.ui.shell.launch import build_window
from diary.ui.shell.session import DiarySession
from tests.helpers.doses import add_intake
from tests.ui.reminders.support import DAY
from tests.ui.reminders.support import at
from tests.ui.reminders.support import dose_at
from tests.ui.reminders.support import fired_at


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def reminders(session: DiarySession, baclofen: Medication, settings: QSettings,
              clock: list[datetime], qtbot) -> Iterator[ReminderScheduler]:  # type: ignore[no-untyped-def]
    """A scheduler reading `settings`, started at 06:00."""
    clock[0] = at(6)
    scheduler = ReminderScheduler(session, settings=settings)
    scheduler.start()
    yield scheduler
    scheduler.stop()


def test_an_unanswered_reminder_asks_again_every_15_minutes(
        scheduler: ReminderScheduler, baclofen: Medication, clock: list[datetime],
        qtbot) -> None:
    dose = dose_at(baclofen, 8)
    assert fired_at(scheduler, clock, at(8)) == [dose]
    assert scheduler.due_text(dose) == "Baclofen 20 mg is due (08:00)"
    assert scheduler.next_wake() == at(8, 15)
    assert fired_at(scheduler, clock, at(8, 14)) == []
    with qtbot.waitSignal(scheduler.due, timeout=1000) as asked:
        assert fired_at(scheduler, clock, at(8, 15)) == [dose]
    assert asked.args == [dose]
    assert scheduler.due_text(dose) == "Baclofen 20 mg is still due (08:00)"
    assert scheduler.pending() == [dose]  # the same reminder, never a second one
    assert fired_at(scheduler, clock, at(8, 29)) == []
    assert fired_at(scheduler, clock, at(8, 30)) == [dose]


def test_a_missed_dose_is_asked_about_until_its_deadline(
        scheduler: ReminderScheduler, baclofen: Medication, clock: list[datetime]) -> None:
    fired_at(scheduler, clock, at(8))
    # Past the on-time window, still unanswered: it still asks...
    assert fired_at(scheduler, clock, at(10, 30)) == [dose_at(baclofen, 8)]
    assert fired_at(scheduler, clock, at(10, 45)) == [dose_at(baclofen, 8)]
    # ...in the first half of the gap to the next slot (08:00 and 14:00: until 11:00); then it is
    # withdrawn, so that a late Taken does not land near the 14:00 dose.
    assert scheduler.next_wake() == at(11)
    assert fired_at(scheduler, clock, at(11)) == []
    assert scheduler.pending() == []
    assert scheduler.next_wake() == at(14)
    assert fired_at(scheduler, clock, at(14)) == [dose_at(baclofen, 14)]
    assert scheduler.pending() == [dose_at(baclofen, 14)]  # withdrawn for the next one
    assert scheduler.due_text(dose_at(baclofen, 14)) == "Baclofen 20 mg is due (14:00)"


def test_the_interval_is_this_computer_s_setting(reminders: ReminderScheduler,
                                                 baclofen: Medication, settings: QSettings,
                                                 clock: list[datetime]) -> None:
    settings.setValue(REPEAT_KEY, "5")
    dose = dose_at(baclofen, 8)
    fired_at(reminders, clock, at(8))
    assert reminders.next_wake() == at(8, 5)
    assert fired_at(reminders, clock, at(8, 5)) == [dose]
    settings.setValue(REPEAT_KEY, "0")  # "Don't repeat": applies at the next look
    assert [fired_at(reminders, clock, at(8, m)) for m in (10, 30)] == [[], []]
    assert fired_at(reminders, clock, at(10, 30)) == []
    assert reminders.pending() == [dose]  # still waiting in the banner, silently
    assert reminders.next_wake() == at(11)  # until its deadline


def test_asking_again_stops_once_answered_from_anywhere(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime]) -> None:
    fired_at(scheduler, clock, at(8))
    clock[0] = at(8, 10)
    add_intake(session, Intake(baclofen.id, at(8, 10), 20_000, IntakeStatus.SKIPPED,
                               slot=dose_at(baclofen, 8).slot))  # the Today view's Skip
    assert scheduler.pending() == []
    assert [fired_at(scheduler, clock, at(8, m)) for m in (15, 30, 45)] == [[], [], []]


def test_a_snoozed_reminder_waits_for_its_snooze(scheduler: ReminderScheduler,
                                                 baclofen: Medication,
                                                 clock: list[datetime]) -> None:
    dose = dose_at(baclofen, 8)
    fired_at(scheduler, clock, at(8, 10))
    clock[0] = at(8, 12)
    until = scheduler.snooze(dose, 30)
    assert until == at(8, 42) and scheduler.snoozed_doses() == {dose: until}
    assert scheduler.snoozed_text(dose, until) == "Baclofen 20 mg (08:00): snoozed until 08:42"
    assert fired_at(scheduler, clock, at(8, 25)) == []  # no "again" while snoozed
    assert fired_at(scheduler, clock, at(8, 42)) == [dose]
    assert scheduler.due_text(dose) == "Baclofen 20 mg is due (08:00)"
    assert fired_at(scheduler, clock, at(8, 57)) == [dose]  # and again, 15 minutes on


def test_disabled_asks_nothing_again(scheduler: ReminderScheduler, baclofen: Medication,
                                     clock: list[datetime]) -> None:
    fired_at(scheduler, clock, at(8))
    scheduler.set_enabled(False)
    assert [fired_at(scheduler, clock, at(8, m)) for m in (15, 30)] == [[], []]
    assert scheduler.snoozed_doses() == {} and scheduler.coming() == []


# --- the heads-up -------------------------------------------------------------------------------


def test_no_heads_up_by_default(scheduler: ReminderScheduler, baclofen: Medication,
                                clock: list[datetime], qtbot) -> None:
    with qtbot.assertNotEmitted(scheduler.heads_up):
        for minute in (30, 50, 55, 59):
            fired_at(scheduler, clock, at(7, minute))
    assert scheduler.coming() == []
    assert scheduler.next_text() == "Next: Baclofen 20 mg at 08:00"


def test_a_heads_up_before_the_dose(reminders: ReminderScheduler, baclofen: Medication,
                                    settings: QSettings, clock: list[datetime], qtbot) -> None:
    settings.setValue(HEADS_UP_KEY, "10")
    dose = dose_at(baclofen, 8)
    assert fired_at(reminders, clock, at(7, 30)) == []
    assert reminders.next_wake() == at(7, 50)
    with qtbot.waitSignal(reminders.heads_up, timeout=1000) as told:
        assert fired_at(reminders, clock, at(7, 50)) == []  # a notice, not a reminder
    assert told.args == [dose]
    assert reminders.coming() == [dose] and reminders.pending() == []
    assert reminders.heads_up_text(dose) == "Baclofen 20 mg at 08:00, in 10 minutes"
    with qtbot.assertNotEmitted(reminders.heads_up):  # once
        fired_at(reminders, clock, at(7, 55))
    assert reminders.heads_up_text(dose) == "Baclofen 20 mg at 08:00, in 5 minutes"
    with qtbot.waitSignal(reminders.due, timeout=1000):
        fired_at(reminders, clock, at(8))
    assert reminders.coming() == [] and reminders.pending() == [dose]  # it gave way


def test_a_heads_up_offers_taken_only_once_the_on_time_window_opens(
        reminders: ReminderScheduler, baclofen: Medication, session: DiarySession,
        settings: QSettings, clock: list[datetime], qtbot) -> None:
    edits.update_info(session, replace(session.store.info(), on_time_window_minutes=30))
    settings.setValue(HEADS_UP_KEY, "60")
    dose = dose_at(baclofen, 8)
    fired_at(reminders, clock, at(7))
    assert reminders.coming() == [dose]
    assert not reminders.offers_taken(dose)
    # The domain agrees: a dose taken now is early for its slot, and would be asked about.
    result = reminders.take(dose)
    assert result.saved is None
    assert [f.kind for f in result.verdict.to_confirm] == [FindingKind.EARLY_FOR_SLOT]
    assert reminders.next_wake() == at(7, 1)  # it counts down by the minute
    with qtbot.waitSignal(reminders.changed, timeout=1000):
        fired_at(reminders, clock, at(7, 30))  # the window opens: Taken is offered
    assert reminders.offers_taken(dose)
    saved = reminders.take(dose).saved
    assert saved is not None and saved.slot == dose.slot
    assert reminders.coming() == [] and fired_at(reminders, clock, at(8)) == []
    assert [i.at for i in session.store.intakes.between(DAY, DAY)] == [at(7, 30)]


def test_no_heads_up_while_the_medication_has_a_reminder(
        reminders: ReminderScheduler, session: DiarySession, settings: QSettings,
        clock: list[datetime], qtbot) -> None:
    hourly = edits.add_medication(session, Medication(name="Pyridostigmine", unit=Unit.MG))
    assert hourly.id is not None
    edits.add_plan_steps(session, [PlanStep(hourly.id, date(2026, 11, 1), 60_000,
                                            (time(8), time(9)))])
    settings.setValue(HEADS_UP_KEY, "15")
    fired_at(reminders, clock, at(8))
    [first] = [d for d in reminders.pending() if d.medication_id == hourly.id]
    with qtbot.assertNotEmitted(reminders.heads_up):
        fired_at(reminders, clock, at(8, 45))  # 09:00 comes, 08:00 unanswered
    assert reminders.coming() == []  # never two notices of one medication
    assert first in reminders.pending()


@pytest.mark.usefixtures("private_runtime_dir")
def test_the_window_s_scheduler_reads_the_window_s_settings(
        qtbot, store: DiaryStore, clock: list[datetime], tmp_path: Path) -> None:
    store.close()
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    settings.setValue(REPEAT_KEY, "30")
    settings.setValue(HEADS_UP_KEY, "5")
    runtime = WindowRuntime(application_icon(), lambda: clock[0])
    window = build_window(runtime, store.path, read_only=False, settings=settings)
    assert window is not None
    qtbot.addWidget(window)
    assert runtime.scheduler is not None
    assert runtime.scheduler.preferences() == ReminderPreferences(
        enabled=True, repeat_minutes=30, heads_up_minutes=5)
    window.close()
