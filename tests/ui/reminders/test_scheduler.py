"""Reminders fire at each scheduled slot by the session's clock and log through the safety verdict
(asking again and heads-ups: test_scheduler_repeat.py; a late start or a wake-up:
test_scheduler_late.py; the banner and the tray that show them: test_banner.py, test_tray.py).
The clock is the test's: move clock[0], call check_now(); no sleeping."""

from __future__ import annotations

import time as monotonic_time
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.safety import FindingKind
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui import edits
from diary.ui.edits.doses import dose_question
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.reminders.scheduler import confirm_take
from diary.ui.shell.session import DiarySession
from tests.helpers.doses import add_intake
from tests.ui.reminders.support import DAY
from tests.ui.reminders.support import at
from tests.ui.reminders.support import dose_at
from tests.ui.reminders.support import fired_at
from tests.ui.reminders.support import over_max_day


def test_nothing_before_the_slot_then_the_slot_at_its_time(
        scheduler: ReminderScheduler, baclofen: Medication, clock: list[datetime], qtbot) -> None:
    assert fired_at(scheduler, clock, at(7, 59)) == []
    assert scheduler.next_wake() == at(8)  # the one timer is armed for the slot
    with qtbot.waitSignal(scheduler.due, timeout=1000) as blocker:
        fired_at(scheduler, clock, at(8))
    assert blocker.args == [dose_at(baclofen, 8)]
    assert scheduler.pending() == [dose_at(baclofen, 8)]
    # Once shown, it waits for an answer: not again before the repeat interval (15 min).
    assert fired_at(scheduler, clock, at(8, 3)) == []


def test_not_again_once_answered(scheduler: ReminderScheduler, baclofen: Medication,
                                 session: DiarySession, clock: list[datetime]) -> None:
    fired_at(scheduler, clock, at(8))
    result = scheduler.take(dose_at(baclofen, 8))
    assert result.saved is not None
    assert scheduler.pending() == []
    assert fired_at(scheduler, clock, at(8, 30)) == []
    # A dose logged elsewhere (the Today view) before its slot answers it: no reminder at 14:00.
    clock[0] = at(13, 55)
    add_intake(session, Intake(baclofen.id, at(13, 55), 20_000))
    assert fired_at(scheduler, clock, at(14)) == []
    assert fired_at(scheduler, clock, at(20)) == [dose_at(baclofen, 20)]


def test_a_dose_logged_elsewhere_withdraws_the_pending_reminder(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    fired_at(scheduler, clock, at(8))
    clock[0] = at(8, 5)
    with qtbot.waitSignal(scheduler.pending_changed, timeout=1000):
        add_intake(session, Intake(baclofen.id, at(8, 5), 20_000, IntakeStatus.SKIPPED,
                                        slot=Slot(DAY, time(8))))
    assert scheduler.pending() == []


def test_as_needed_steps_never_remind(session: DiarySession, clock: list[datetime]) -> None:
    med = edits.add_medication(session, Medication(name="Ibuprofen", unit=Unit.MG))
    assert med.id is not None
    edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 400_000)])  # no times
    reminders = ReminderScheduler(session)
    clock[0] = at(6)
    reminders.start()
    fired = [fired_at(reminders, clock, at(h)) for h in (8, 12, 14, 20, 23)]
    assert fired == [[], [], [], [], []]
    assert reminders.pending() == []
    reminders.stop()


def test_an_archived_medication_never_reminds(scheduler: ReminderScheduler, baclofen: Medication,
                                              session: DiarySession, clock: list[datetime],
                                              qtbot) -> None:
    assert baclofen.id is not None
    edits.archive_medication(session, baclofen.id)
    assert fired_at(scheduler, clock, at(8)) == []
    # Unarchived (a change of the diary): its slot, still inside the on-time window, reminds.
    with qtbot.waitSignal(scheduler.due, timeout=1000) as blocker:
        session.undo_stack.undo()
    assert blocker.args == [dose_at(baclofen, 8)]


def test_snooze_fires_again_ten_minutes_later(scheduler: ReminderScheduler, baclofen: Medication,
                                              clock: list[datetime], qtbot) -> None:
    dose = dose_at(baclofen, 8)
    fired_at(scheduler, clock, at(8))
    scheduler.snooze(dose)
    assert scheduler.pending() == []
    assert scheduler.next_wake() == at(8, 10)
    assert fired_at(scheduler, clock, at(8, 9)) == []
    with qtbot.waitSignal(scheduler.due, timeout=1000) as blocker:
        fired_at(scheduler, clock, at(8, 10))
    assert blocker.args == [dose]
    assert scheduler.pending() == [dose]


def test_take_logs_a_linked_intake_and_is_undoable(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    dose = dose_at(baclofen, 8)
    fired_at(scheduler, clock, at(8))
    clock[0] = at(8, 7)
    with qtbot.waitSignal(scheduler.taken, timeout=1000):
        result = scheduler.take(dose)
    saved = result.saved
    assert saved is not None and saved.id is not None
    assert (saved.slot, saved.amount, saved.at, saved.status) == (
        Slot(DAY, time(8)), 20_000, at(8, 7), IntakeStatus.TAKEN)
    assert [i.id for i in session.store.intakes.between(DAY, DAY)] == [saved.id]
    assert session.undo_stack.undoText() == "Log Baclofen 20 mg (08:00)"
    session.undo_stack.undo()
    assert session.store.intakes.between(DAY, DAY) == []
    # The answer was undone, so the reminder is back (the slot is still in its window).
    assert scheduler.pending() == [dose]
    session.undo_stack.redo()
    assert [i.id for i in session.store.intakes.between(DAY, DAY)] == [saved.id]
    assert scheduler.pending() == []


def test_take_never_logs_a_slot_answered_meanwhile(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime]) -> None:
    dose = dose_at(baclofen, 8)
    fired_at(scheduler, clock, at(8))
    add_intake(session, Intake(baclofen.id, at(8), 20_000, slot=dose.slot))
    result = scheduler.take(dose)  # a stale click in the tray menu
    assert result.no_longer_due and result.saved is None
    assert len(session.store.intakes.between(DAY, DAY)) == 1


def test_take_over_the_max_does_not_log_and_reports_the_verdict(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot, dialog_answers) -> None:
    over_max_day(session, baclofen, clock)
    dose = dose_at(baclofen, 20)
    assert fired_at(scheduler, clock, at(20)) == [dose]
    with qtbot.waitSignal(scheduler.confirmation_needed, timeout=1000) as blocker:
        result = scheduler.take(dose)
    assert result.saved is None and result.needs_confirmation
    [finding] = result.verdict.rule_findings
    assert (finding.kind, finding.amount) == (FindingKind.OVER_MAX_DAILY, 10_000)
    assert blocker.args == [dose, result.verdict]
    assert len(session.store.intakes.between(DAY, DAY)) == 3  # nothing logged
    assert scheduler.pending() == [dose]  # the reminder still waits
    # The window asks what happened; "I did not take it" logs nothing, "I took it" logs the
    # dose knowingly.
    answers = dialog_answers.queue(False, None, True)
    assert confirm_take(None, scheduler, dose, result.verdict) is None
    assert len(session.store.intakes.between(DAY, DAY)) == 3
    [asked] = answers.asked
    assert "10 mg over the 80 mg maximum" in asked.text
    # The words of the Today view's question, for the same verdict.
    today = dose_question(result.verdict)
    assert (asked.title, asked.text, asked.yes, asked.no) == (
        today.title, today.text, today.taken, today.not_taken) == (
        "Before recording this dose", today.text, "I took it — record it", "I did not take it")
    assert today.text.startswith("Baclofen: this dose would take today to 90 mg, 10 mg over")
    assert today.text.endswith("\n\nDid you take it?")
    # Closed without an answer: nothing logged, the reminder still waits.
    assert confirm_take(None, scheduler, dose, result.verdict) is None
    assert len(session.store.intakes.between(DAY, DAY)) == 3 and scheduler.pending() == [dose]
    saved = confirm_take(None, scheduler, dose, result.verdict)
    assert saved is not None and saved.slot == dose.slot
    assert len(session.store.intakes.between(DAY, DAY)) == 4
    assert len(answers.asked) == 3  # asked each time, answered in turn
    assert scheduler.pending() == []


def test_take_inside_the_minimum_interval_asks_first(
        session: DiarySession, clock: list[datetime]) -> None:
    med = edits.add_medication(session, Medication(name="Tizanidine", unit=Unit.MG,
                                                  min_interval_minutes=360))
    assert med.id is not None
    edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 2_000,
                                           (time(8), time(12)))])
    clock[0] = at(8)
    add_intake(session, Intake(med.id, at(8), 2_000, slot=Slot(DAY, time(8))))
    reminders = ReminderScheduler(session)
    clock[0] = at(12)
    reminders.start()
    [dose] = reminders.pending()
    result = reminders.take(dose)
    assert [f.kind for f in result.verdict.rule_findings] == [FindingKind.INSIDE_MIN_INTERVAL]
    assert result.saved is None
    assert len(session.store.intakes.between(DAY, DAY)) == 1
    reminders.stop()


def test_a_read_only_session_fires_nothing(session: DiarySession, baclofen: Medication,
                                           store: DiaryStore, clock: list[datetime]) -> None:
    reader_store = open_diary(Path(store.path), read_only=True, clock=lambda: clock[0])
    reader = DiarySession(reader_store, lambda: clock[0])
    reminders = ReminderScheduler(reader)
    clock[0] = at(7, 59)
    reminders.start()
    assert not reminders.active
    assert [fired_at(reminders, clock, at(h)) for h in (8, 14, 20)] == [[], [], []]
    assert reminders.pending() == [] and reminders.next_wake() is None
    # The same diary, writable, would have reminded at 20:00.
    writer = ReminderScheduler(session)
    writer.start()
    assert writer.pending() == [dose_at(baclofen, 20)]
    writer.stop()
    reminders.stop()
    reader_store.close()


def test_disabled_fires_nothing(scheduler: ReminderScheduler, baclofen: Medication,
                                clock: list[datetime], qtbot) -> None:
    fired_at(scheduler, clock, at(8))
    with qtbot.waitSignal(scheduler.pending_changed, timeout=1000):
        scheduler.set_enabled(False)
    assert scheduler.pending() == [] and scheduler.next_wake() is None
    assert fired_at(scheduler, clock, at(14)) == []
    assert fired_at(scheduler, clock, at(14, 10)) == []
    scheduler.set_enabled(True)  # back on: the 14:00 slot is still inside its on-time window
    assert scheduler.pending() == [dose_at(baclofen, 14)]


def test_the_next_slot_withdraws_an_unanswered_reminder(
        scheduler: ReminderScheduler, baclofen: Medication, clock: list[datetime]) -> None:
    fired_at(scheduler, clock, at(8))
    fired_at(scheduler, clock, at(14))
    # Never two reminders of one medication at once: that invites a double dose.
    assert scheduler.pending() == [dose_at(baclofen, 14)]


def test_the_day_rolls_over(scheduler: ReminderScheduler, baclofen: Medication,
                            clock: list[datetime]) -> None:
    fired_at(scheduler, clock, at(20))
    assert scheduler.pending() == [dose_at(baclofen, 20)]
    assert scheduler.next_wake() == at(20, 15)  # unanswered, it asks again in 15 minutes
    tomorrow = DAY + timedelta(days=1)
    # The day's last dose: unanswered, it asks until three hours after its time...
    assert fired_at(scheduler, clock, at(22, 45)) == [dose_at(baclofen, 20)]
    assert scheduler.next_wake() == at(23)
    assert fired_at(scheduler, clock, at(23)) == []
    # ...then it is withdrawn (the Today view shows it missed): nothing through the night.
    assert scheduler.pending() == []
    assert scheduler.next_wake() == at(4, 0, tomorrow)  # the new diary day
    assert fired_at(scheduler, clock, at(4, 0, tomorrow)) == []
    assert fired_at(scheduler, clock, at(8, 0, tomorrow)) == [dose_at(baclofen, 8, tomorrow)]


def test_the_real_timer_fires_at_the_slot(session: DiarySession, baclofen: Medication,
                                          store: DiaryStore, qtbot) -> None:
    # A clock that runs: 0.3 s before the 08:00 slot when the scheduler starts.
    start, t0 = at(8) - timedelta(seconds=0.3), monotonic_time.monotonic()
    running = DiarySession(store, lambda: start + timedelta(
        seconds=monotonic_time.monotonic() - t0))
    reminders = ReminderScheduler(running)
    with qtbot.waitSignal(reminders.due, timeout=3000) as blocker:
        reminders.start()
        assert reminders.pending() == []
    assert blocker.args == [dose_at(baclofen, 8)]
    reminders.stop()


# --- a second dose close to another, and a verdict that changed -------------------------------


def test_take_within_the_on_time_window_of_another_dose_asks_first(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot, dialog_answers) -> None:
    """The 14:00 dose taken late, at 19:45: the 20:00 reminder's Taken must not log a second
    dose a quarter of an hour later without a question (the Today view asks the same)."""
    assert baclofen.id is not None
    clock[0] = at(19, 45)
    add_intake(session, Intake(baclofen.id, at(19, 45), 20_000, slot=Slot(DAY, time(14))))
    dose = dose_at(baclofen, 20)
    assert fired_at(scheduler, clock, at(20)) == [dose]
    with qtbot.waitSignal(scheduler.confirmation_needed, timeout=1000):
        result = scheduler.take(dose)
    assert result.needs_confirmation and not result.verdict.breaks_rule
    [finding] = result.verdict.to_confirm
    assert finding.kind is FindingKind.NEAR_ANOTHER_DOSE
    assert len(session.store.intakes.between(DAY, DAY)) == 1
    answers = dialog_answers.queue(True)
    saved = confirm_take(None, scheduler, dose, result.verdict)
    [asked] = answers.asked
    assert "a dose was already taken at 19:45, 15 min from this one" in asked.text
    assert asked.text.endswith("Did you take a second dose?")
    assert (asked.yes, asked.no) == ("I took a second dose — record it",
                                     "I did not take a second dose")
    assert saved is not None and saved.slot == dose.slot
    assert scheduler.pending() == []


def test_a_confirmation_that_no_longer_holds_logs_nothing(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    """Yes to "10 mg over": meanwhile another dose was logged, so the re-check finds more than
    was shown; nothing is logged and the window is asked to show the new verdict."""
    over_max_day(session, baclofen, clock)
    dose = dose_at(baclofen, 20)
    fired_at(scheduler, clock, at(20))
    shown = scheduler.take(dose).verdict
    assert baclofen.id is not None
    add_intake(session, Intake(baclofen.id, at(16, 45), 5_000))
    with qtbot.waitSignal(scheduler.confirmation_needed, timeout=1000) as blocker:
        result = scheduler.take(dose, confirmed=True, seen=shown)
    assert result.saved is None
    assert [f.amount for f in blocker.args[1].rule_findings] == [15_000]
    assert len(session.store.intakes.between(DAY, DAY)) == 4
