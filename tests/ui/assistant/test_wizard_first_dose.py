"""The first dose by the time of day the assistant runs: a dose whose on-time window (the diary's,
60 minutes by default) is still open is today's and offered first, and "I've taken it now" files
the intake as that dose; a dose whose window closed before the set-up is expected of no one, so
neither Today nor the store's outcomes call it missed; after the last window of the day the plan
starts tomorrow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from PySide6.QtWidgets import QWizard

from diary.domain.entities import Slot
from diary.domain.stats import SlotStatus
from diary.domain.units import SCALE
from diary.storage.records.outcomes import outcomes_between
from diary.ui.assistant import AssistantWizard
from diary.ui.shell.session import DiarySession
from diary.ui.today.state import build_state
from diary.ui.today.state import slot_status
from tests.helpers.dialogs import DialogAnswers
from tests.helpers.qt import click
from tests.ui.assistant.support import at
from tests.ui.assistant.test_wizard import next_page
from tests.ui.assistant.test_wizard import to_plan

TODAY = date(2026, 11, 26)
Button = QWizard.WizardButton
Make = Callable[[], AssistantWizard]


def to_first_dose(qtbot, wizard: AssistantWizard) -> None:
    """Baclofen, the label's titration to 20 mg at 08:00, 14:00 and 20:00, on the last page."""
    to_plan(qtbot, wizard)
    wizard.plan.target.setText("20")
    next_page(qtbot, wizard)


def today_slots(session: DiarySession, now: datetime) -> dict[time, SlotStatus]:
    """Today's doses as the Today view reads them at `now`: each slot's time and status."""
    state = build_state(session.store, now)
    return {o.slot.time: o.status for o, _ in state.outcomes}


def stored_slots(session: DiarySession, now: datetime) -> dict[time, SlotStatus]:
    """Today's doses as the History, the summary and the report read them at `now`."""
    return {o.slot.time: o.status for o in outcomes_between(session.store, TODAY, TODAY, now)}


def test_at_0830_the_0800_dose_is_offered_and_taken_as_itself(
        qtbot, make_wizard: Make, session: DiarySession, clock: list[datetime],
        dialog_answers: DialogAnswers) -> None:
    clock[0] = at(8, 30)
    wizard = make_wizard()
    to_plan(qtbot, wizard)
    wizard.plan.target.setText("20")
    assert wizard.plan.start_note.text() == (
        "Starting today, Thu 26 Nov 2026, with the 08:00 dose.")
    next_page(qtbot, wizard)
    assert wizard.first.dose.text() == "5 mg of Baclofen, today at 08:00."
    assert wizard.first.advice.text().startswith(
        "When you have taken it, press “I've taken it now”: the diary records it as this 08:00 "
        "dose.")
    assert "• Starting today, Thu 26 Nov 2026, with the 08:00 dose." in wizard.first.saves.text()
    click(qtbot, wizard.first.take)
    assert dialog_answers.asked == []  # on time for its slot: no "early?" question
    [intake] = session.store.intakes.between(TODAY, TODAY)
    assert (intake.slot, intake.amount) == (Slot(TODAY, time(8)), 5 * SCALE)
    assert "Recorded Baclofen 5 mg taken at 08:30 (the 08:00 dose)." in (
        wizard.first.outcome.text())
    # Today: 08:00 taken on time; 14:00 and 20:00 still to take (and to be reminded of).
    assert today_slots(session, at(8, 30)) == {
        time(8): SlotStatus.ON_TIME, time(14): SlotStatus.PENDING, time(20): SlotStatus.PENDING}
    assert stored_slots(session, at(8, 30)) == today_slots(session, at(8, 30))


def test_at_0830_later_leaves_the_0800_dose_due_now_in_today(
        qtbot, make_wizard: Make, session: DiarySession, clock: list[datetime]) -> None:
    clock[0] = at(8, 30)
    wizard = make_wizard()
    to_first_dose(qtbot, wizard)
    click(qtbot, wizard.button(Button.FinishButton))  # "Later"
    assert session.store.intakes.between(TODAY, TODAY) == []
    state = build_state(session.store, at(8, 40))
    [(first, med), *_] = state.outcomes
    assert first.slot == Slot(TODAY, time(8))
    assert slot_status(first, state, med) == ("due now", "due")
    # Stored as entered when it was set up, not earlier: the rule, not the time, keeps 08:00.
    [step] = [s for s in session.store.plans.steps() if s.start == TODAY]
    assert step.recorded_at == at(8, 30)
    # Never taken, it is missed once its window has closed, in Today and in what is stored.
    assert today_slots(session, at(9, 5))[time(8)] is SlotStatus.MISSED
    assert stored_slots(session, at(9, 5))[time(8)] is SlotStatus.MISSED


def test_at_0930_the_0800_dose_is_neither_offered_nor_missed(
        qtbot, make_wizard: Make, session: DiarySession, clock: list[datetime]) -> None:
    clock[0] = at(9, 30)  # the 08:00 dose's window closed at 09:00
    wizard = make_wizard()
    to_plan(qtbot, wizard)
    wizard.plan.target.setText("20")
    assert wizard.plan.start_note.text() == (
        "Starting today, Thu 26 Nov 2026, with the 14:00 dose.")
    next_page(qtbot, wizard)
    assert wizard.first.dose.text() == "5 mg of Baclofen, today at 14:00."
    click(qtbot, wizard.button(Button.FinishButton))  # "Later"
    assert session.store.medications.all() != []
    expected = {time(14): SlotStatus.PENDING, time(20): SlotStatus.PENDING}
    assert today_slots(session, at(9, 30)) == expected
    assert stored_slots(session, at(9, 30)) == expected
    # Late in the evening the untaken 14:00 and 20:00 are missed; 08:00 still is not.
    late = {time(14): SlotStatus.MISSED, time(20): SlotStatus.MISSED}
    assert today_slots(session, at(23)) == late
    assert stored_slots(session, at(23)) == late


def test_at_2100_the_plan_starts_tomorrow(
        qtbot, make_wizard: Make, session: DiarySession, clock: list[datetime]) -> None:
    clock[0] = at(21)  # the 20:00 dose's window closes now
    wizard = make_wizard()
    to_plan(qtbot, wizard)
    wizard.plan.target.setText("20")
    assert wizard.plan.start_note.text() == (
        "Starting tomorrow, because today's dose times have passed.")
    next_page(qtbot, wizard)
    assert wizard.first.dose.text() == "5 mg of Baclofen, tomorrow, Fri 27 Nov 2026, at 08:00."
    assert wizard.first.take.isHidden()
    click(qtbot, wizard.button(Button.FinishButton))
    [med] = session.store.medications.all()
    assert session.store.plans.steps(med.id)[0].start == TODAY + timedelta(days=1)
    assert today_slots(session, at(21)) == {}
