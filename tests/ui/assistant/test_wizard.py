"""The assistant from the first page to Finish, as a person clicks through it: baclofen with the
label's titration and the first dose logged, the prescriber's own doses, a plan that starts
tomorrow; Skip, Cancel on every page, and a diary that refuses the set-up."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from diary.domain.entities import DiaryInfo
from diary.domain.entities import Slot
from diary.domain.units import SCALE
from diary.domain.units import Unit
from diary.storage import DiaryStore
from diary.storage.store import open_diary
from diary.ui import edits
from diary.ui.assistant import AssistantWizard
from diary.ui.assistant import is_done
from diary.ui.assistant import open_assistant
from diary.ui.assistant.wizard import FIRST_DOSE
from diary.ui.assistant.wizard import MEDICATION
from diary.ui.assistant.wizard import PERSON
from diary.ui.assistant.wizard import PLAN
from diary.ui.shell.session import DiarySession
from tests.helpers.dialogs import DialogAnswers
from tests.helpers.qt import click
from tests.ui.assistant.support import at

TODAY = date(2026, 11, 26)
Button = QWizard.WizardButton
Make = Callable[[], AssistantWizard]


def next_page(qtbot, wizard: AssistantWizard) -> None:
    before = wizard.currentId()
    click(qtbot, wizard.button(Button.NextButton))
    assert wizard.currentId() == before + 1, wizard.currentPage().error.text()


def to_plan(qtbot, wizard: AssistantWizard, name: str = "Alex Martin") -> None:
    wizard.person.name.setText(name)
    wizard.person.condition.setCurrentIndex(0)
    next_page(qtbot, wizard)
    click(qtbot, wizard.medication.picks[0])  # Baclofen
    next_page(qtbot, wizard)


def nothing_written(session: DiarySession) -> bool:
    store = session.store
    return (store.medications.all(include_archived=True) == [] and store.info() == DiaryInfo(
        created_at=store.info().created_at) and session.undo_stack.count() == 0)


def test_baclofen_with_the_labels_titration_and_the_first_dose(
        qtbot, make_wizard: Make, session: DiarySession, settings: QSettings,
        clock: list[datetime]) -> None:
    clock[0] = at(13, 50)
    wizard = make_wizard()
    assert wizard.currentId() == PERSON
    to_plan(qtbot, wizard)
    assert wizard.plan.label_choice.isChecked()
    wizard.plan.target.setText("20")
    next_page(qtbot, wizard)
    assert wizard.first.dose.text() == "5 mg of Baclofen, today at 14:00."
    assert wizard.button(Button.FinishButton).text() == "&Later"
    assert nothing_written(session)  # nothing before the last page's buttons
    click(qtbot, wizard.first.take)
    store = session.store
    [med] = store.medications.all()
    assert (med.name, med.max_daily, med.taper_required) == ("Baclofen", 80 * SCALE, True)
    steps = store.plans.steps(med.id)
    assert [(s.start, s.end, s.amount, s.times) for s in steps] == [
        (TODAY + timedelta(days=3 * i), None if i == 3 else TODAY + timedelta(days=3 * i + 2),
         (i + 1) * 5 * SCALE, (time(8), time(14), time(20))) for i in range(4)]
    [intake] = store.intakes.between(TODAY, TODAY)
    assert (intake.medication_id, intake.slot, intake.amount) == (
        med.id, Slot(TODAY, time(14)), 5 * SCALE)
    assert intake == wizard.dose
    assert "Recorded Baclofen 5 mg taken at 13:50 (the 14:00 dose)." in wizard.first.outcome.text()
    info = store.info()
    assert (info.name, info.condition) == ("Alex Martin", "Multiple sclerosis")
    stack = session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Set up Baclofen",
                                                                 "Log dose: Baclofen 5 mg at 13:50"]
    # Saved: nothing to go back to, nothing to cancel; Finish closes.
    assert wizard.button(Button.BackButton).isHidden()
    assert wizard.button(Button.CancelButton).isHidden()
    assert wizard.first.take.isHidden()
    assert wizard.first.saves.text().startswith("Saved:")
    assert wizard.first.saves.text().endswith(
        "Edit > Undo takes back the dose, then the whole set-up in one more step.")
    assert wizard.button(Button.FinishButton).text() == "&Finish"
    click(qtbot, wizard.button(Button.FinishButton))
    assert wizard.result() == QWizard.DialogCode.Accepted and not wizard.isVisible()
    assert is_done(settings, store.path)
    assert stack.count() == 2 and len(store.plans.steps(med.id)) == 4  # written once


def test_the_condition_is_stored_with_the_persons_details(
        qtbot, make_wizard: Make, session: DiarySession, clock: list[datetime]) -> None:
    """Passes once the diary stores a condition (DiaryInfo.condition)."""
    clock[0] = at(9)
    wizard = make_wizard()
    wizard.person.name.setText("Sam")
    wizard.person.birth_date.setText("1968-04-23")
    wizard.person.condition.setCurrentText("Spinal cord injury")
    next_page(qtbot, wizard)
    wizard.medication.name.setText("baclofen")
    next_page(qtbot, wizard)
    wizard.plan.target.setText("15")
    next_page(qtbot, wizard)
    click(qtbot, wizard.button(Button.FinishButton))
    path = session.store.path
    session.close()
    with open_diary(path, read_only=True) as again:
        info = again.info()
    assert (info.name, info.birth_date, info.condition) == ("Sam", date(1968, 4, 23),
                                                            "Spinal cord injury")


def test_the_prescribers_doses_of_a_medication_the_labels_do_not_know(
        qtbot, make_wizard: Make, session: DiarySession, clock: list[datetime]) -> None:
    clock[0] = at(7)
    wizard = make_wizard()
    next_page(qtbot, wizard)
    wizard.medication.name.setText("Gabapentin")
    wizard.medication.form_field.setText("capsule")
    next_page(qtbot, wizard)
    assert wizard.plan.label_choice.isHidden() and wizard.plan.prescriber_choice.isChecked()
    wizard.plan.amount.setText("300")
    click(qtbot, wizard.plan.count_buttons[2])
    next_page(qtbot, wizard)
    assert wizard.first.dose.text() == "300 mg of Gabapentin, today at 08:00."
    assert wizard.first.take.isVisible()
    click(qtbot, wizard.button(Button.FinishButton))  # "Later"
    assert wizard.result() == QWizard.DialogCode.Accepted
    store = session.store
    [med] = store.medications.all()
    assert (med.name, med.unit, med.form, med.max_daily) == ("Gabapentin", Unit.MG, "capsule",
                                                             None)
    [step] = store.plans.steps(med.id)
    assert (step.start, step.amount, step.times, step.end) == (
        TODAY, 300 * SCALE, (time(8), time(20)), None)
    assert store.intakes.between(TODAY, TODAY) == []  # later: nothing logged
    assert store.info().name == ""  # no name typed, none written
    assert session.undo_stack.count() == 1


def test_starting_tomorrow_when_todays_dose_times_are_past(
        qtbot, make_wizard: Make, session: DiarySession, clock: list[datetime]) -> None:
    clock[0] = at(22)
    wizard = make_wizard()
    to_plan(qtbot, wizard)
    wizard.plan.target.setText("20")
    assert wizard.plan.start_note.text() == (
        "Starting tomorrow, because today's dose times have passed.")
    next_page(qtbot, wizard)
    assert wizard.first.dose.text() == (
        "5 mg of Baclofen, tomorrow, Fri 27 Nov 2026, at 08:00.")
    assert wizard.first.take.isHidden()
    assert "• Starting tomorrow, because today's dose times have passed." in (
        wizard.first.saves.text())
    assert wizard.button(Button.FinishButton).text() == "&Finish"
    click(qtbot, wizard.button(Button.FinishButton))
    [med] = session.store.medications.all()
    steps = session.store.plans.steps(med.id)
    assert steps[0].start == TODAY + timedelta(days=1) and steps[0].amount == 5 * SCALE


def test_skip_leaves_for_good_and_writes_nothing(qtbot, make_wizard: Make,
                                                  session: DiarySession,
                                                  settings: QSettings) -> None:
    wizard = make_wizard()
    wizard.person.name.setText("Alex")
    click(qtbot, wizard.person.skip)
    assert wizard.result() == QWizard.DialogCode.Rejected and not wizard.isVisible()
    assert is_done(settings, session.store.path)
    assert nothing_written(session)


@pytest.mark.parametrize("page", [PERSON, MEDICATION, PLAN, FIRST_DOSE])
def test_cancel_on_any_page_writes_nothing_and_asks_again_next_time(
        qtbot, make_wizard: Make, session: DiarySession, settings: QSettings,
        clock: list[datetime], page: int) -> None:
    clock[0] = at(13, 50)
    wizard = make_wizard()
    wizard.person.name.setText("Alex")
    if page > PERSON:
        to_plan(qtbot, wizard) if page > MEDICATION else next_page(qtbot, wizard)
    if page == FIRST_DOSE:
        wizard.plan.target.setText("20")
        next_page(qtbot, wizard)
    assert wizard.currentId() == page
    click(qtbot, wizard.button(Button.CancelButton))
    assert wizard.result() == QWizard.DialogCode.Rejected and not wizard.isVisible()
    assert nothing_written(session)
    assert not is_done(settings, session.store.path)


def test_back_keeps_what_was_typed(qtbot, make_wizard: Make, clock: list[datetime]) -> None:
    clock[0] = at(9)
    wizard = make_wizard()
    to_plan(qtbot, wizard)
    wizard.plan.target.setText("20")
    click(qtbot, wizard.button(Button.BackButton))
    wizard.medication.name.setText("Lioresal")
    next_page(qtbot, wizard)
    assert wizard.plan.target.text() == "20" and wizard.plan.model.rowCount() == 4
    next_page(qtbot, wizard)
    assert "Lioresal (tablet): max 80 mg/day" in wizard.first.saves.text()


def test_a_diary_that_refuses_the_set_up_keeps_the_assistant_open(
        qtbot, make_wizard: Make, session: DiarySession, clock: list[datetime],
        dialog_answers: DialogAnswers, monkeypatch: pytest.MonkeyPatch) -> None:
    clock[0] = at(9)
    wizard = make_wizard()
    to_plan(qtbot, wizard)
    wizard.plan.target.setText("20")
    next_page(qtbot, wizard)

    def locked(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(edits, "add_plan_steps", locked)
    click(qtbot, wizard.button(Button.FinishButton))
    assert wizard.isVisible() and wizard.currentId() == FIRST_DOSE
    assert dialog_answers.errors[0][0] == "The set-up was not saved"
    assert "busy" in dialog_answers.errors[0][1]
    assert nothing_written(session)
    assert wizard.button(Button.CancelButton).isVisible()  # nothing saved: Cancel still applies
    monkeypatch.undo()
    click(qtbot, wizard.button(Button.FinishButton))  # once the file is free again
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert [m.name for m in session.store.medications.all()] == ["Baclofen"]


def test_the_assistant_opens_over_the_window(qtbot, session: DiarySession,
                                             settings: QSettings) -> None:
    wizard = open_assistant(None, session, settings)
    assert wizard is not None
    qtbot.addWidget(wizard)
    assert wizard.isVisible() and wizard.windowTitle() == "Set up your diary"
    assert wizard.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def test_a_read_only_diary_says_why_it_cannot_run(store: DiaryStore, settings: QSettings,
                                                  clock: list[datetime],
                                                  dialog_answers: DialogAnswers) -> None:
    path = store.path
    store.close()
    viewer = DiarySession(open_diary(path, read_only=True, clock=lambda: clock[0]),
                          lambda: clock[0])
    try:
        assert open_assistant(None, viewer, settings) is None
        assert dialog_answers.notices[0][0] == "Set-up assistant"
        assert "read-only" in dialog_answers.notices[0][1]
    finally:
        viewer.close()
