"""The plan of a medication: add, edit and delete a step, each one undo action, with the label's
warning before a change that stops the plan abruptly; a diary locked by another program keeps
what was typed. (Its templates, titration and taper: test_plan_section_templates.py.)"""

from __future__ import annotations

from datetime import date
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.plans.steps import DEFAULT_TIMES
from diary.domain.templates import BACLOFEN_WITHDRAWAL_WARNING
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.medications.plan_dialogs import StepDialog
from diary.ui.medications.plan_table import OVER_MAX_MARK
from diary.ui.medications.plan_table import PER_DAY
from diary.ui.widgets.dates import pydate
from tests.helpers.locks import locked
from tests.helpers.qt import click
from tests.ui.medications.support import add_med
from tests.ui.medications.support import steps_of


# --- one step -----------------------------------------------------------------------------------
def test_add_a_step_shows_what_it_saves_and_undo_removes_it(qtbot, view, session) -> None:
    med = add_med(session)
    view.refresh()
    click(qtbot, view.plan.add_step)
    dialog = view.dialog
    assert isinstance(dialog, StepDialog)
    # 21:00: today's 08:00, 14:00 and 20:00 are past, so the step is proposed from tomorrow.
    assert pydate(dialog.start.date()) == session.today() + timedelta(days=1)
    qtbot.keyClicks(dialog.amount, "30")
    assert "= 90 mg/day" in dialog.summary.text()
    assert "⚠ A day of this step is over the 80 mg/day max" in dialog.summary.text()
    click(qtbot, dialog.ok_button)
    assert steps_of(session, med) == [(session.today() + timedelta(days=1), None, 30_000)]
    assert OVER_MAX_MARK in view.plan.model.index(0, PER_DAY).data()
    session.undo_stack.undo()
    assert steps_of(session, med) == []
    assert view.plan.model.rowCount() == 0


def test_a_bad_dose_time_keeps_the_dialog_open_and_saves_nothing(qtbot, view, session) -> None:
    med = add_med(session)
    view.refresh()
    click(qtbot, view.plan.add_step)
    dialog = view.dialog
    qtbot.keyClicks(dialog.amount, "10")
    dialog.times.clear()
    qtbot.keyClicks(dialog.times, "08:00, 25:00")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "'25:00' is not a time of day" in dialog.error.text()
    assert steps_of(session, med) == []


def test_edit_a_step_with_enter_and_undo_restores_it(qtbot, view, session) -> None:
    med = add_med(session)
    [step] = edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 10_000,
                                                    DEFAULT_TIMES)])
    view.refresh()
    view.plan.table.setFocus()
    view.plan.table.selectRow(0)
    qtbot.keyClick(view.plan.table, Qt.Key.Key_Return)
    dialog = view.dialog
    assert isinstance(dialog, StepDialog)
    assert dialog.amount.text() == "10"
    dialog.amount.selectAll()
    qtbot.keyClicks(dialog.amount, "15")
    # In force since 1 November: changing its amount rewrites what past days planned, which
    # is a correction made on purpose (a change from today on is a new step).
    assert "to change the dose from today on, add a step from today" in dialog.summary.text()
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and steps_of(session, med) == [(date(2026, 11, 1), None, 10_000)]
    click(qtbot, dialog.backdate)
    assert "Corrected: what the step planned from 2026-11-01 to 2026-11-25" in \
        dialog.summary.text()
    click(qtbot, dialog.ok_button)
    assert steps_of(session, med) == [(date(2026, 11, 1), None, 15_000)]
    session.undo_stack.undo()
    assert session.store.plans.steps(med.id) == [step]


@pytest.mark.parametrize("reply", [False, True])
def test_deleting_the_running_step_ends_it_today_after_the_warning(qtbot, view, session,
                                                                  dialog_answers, reply) -> None:
    med = add_med(session)
    steps = edits.add_plan_steps(session, [
        PlanStep(med.id, date(2026, 11, 1), 10_000, DEFAULT_TIMES, end=date(2026, 11, 20)),
        PlanStep(med.id, date(2026, 11, 21), 20_000, DEFAULT_TIMES),
    ])
    asked = dialog_answers.always(reply).texts
    view.refresh()
    view.plan.table.setFocus()
    view.plan.table.selectRow(1)
    qtbot.keyClick(view.plan.table, Qt.Key.Key_Delete)
    assert len(asked) == 1
    assert "not deleted but ends today, Thu 26 Nov 2026" in asked[0]
    assert "ends on Thu 26 Nov 2026 without a taper" in asked[0]
    assert BACLOFEN_WITHDRAWAL_WARNING in asked[0]
    if not reply:
        assert session.store.plans.steps(med.id) == steps
        return
    assert steps_of(session, med) == [(date(2026, 11, 1), date(2026, 11, 20), 10_000),
                                      (date(2026, 11, 21), date(2026, 11, 26), 20_000)]
    assert "without a taper" in view.plan.warning.text()
    assert not view.plan.warning.isHidden()
    assert session.undo_stack.undoText() == "End plan step: Baclofen"
    session.undo_stack.undo()
    assert session.store.plans.steps(med.id) == steps
    assert view.plan.warning.isHidden()


def test_deleting_the_step_in_force_for_months_keeps_the_past_and_the_warning(
        qtbot, view, session, dialog_answers) -> None:
    """The reviewer's case: the open-ended step started in August. Deleting it used to make the
    plan 'end' in August, so the 14-day rule hid the warning and three months of plan were
    rewritten; now it ends today, the past keeps its plan, and the warning shows."""
    med = add_med(session)
    [step] = edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 8, 14), 20_000,
                                                    DEFAULT_TIMES)])
    asked = dialog_answers.always(True).texts
    view.refresh()
    view.plan.table.selectRow(0)
    click(qtbot, view.plan.delete_step)
    assert "ends on Thu 26 Nov 2026 without a taper" in asked[0]
    assert steps_of(session, med) == [(date(2026, 8, 14), date(2026, 11, 26), 20_000)]
    assert BACLOFEN_WITHDRAWAL_WARNING in view.plan.warning.text()
    assert not view.plan.warning.isHidden()
    session.undo_stack.undo()
    assert session.store.plans.steps(med.id) == [step]


def test_selecting_every_step_ends_the_running_one_and_keeps_the_past(qtbot, view, session,
                                                                     dialog_answers) -> None:
    med = add_med(session)
    steps = edits.add_plan_steps(session, [
        PlanStep(med.id, date(2026, 11, 1), 10_000, DEFAULT_TIMES, end=date(2026, 11, 10)),
        PlanStep(med.id, date(2026, 11, 11), 20_000, DEFAULT_TIMES),
        PlanStep(med.id, date(2026, 12, 1), 25_000, DEFAULT_TIMES),
    ])
    asked = dialog_answers.always(True).texts
    view.refresh()
    view.plan.table.selectAll()
    assert view.plan.delete_step.text() == "De&lete steps"
    click(qtbot, view.plan.delete_step)
    assert "ends on Thu 26 Nov 2026 without a taper" in asked[0]
    assert "not started yet, so it is deleted" in asked[0]
    assert "stays as the record" in asked[0]
    assert steps_of(session, med) == [(date(2026, 11, 1), date(2026, 11, 10), 10_000),
                                      (date(2026, 11, 11), date(2026, 11, 26), 20_000)]
    assert session.undo_stack.undoText() == "End and delete plan steps: Baclofen"
    session.undo_stack.undo()
    assert session.store.plans.steps(med.id) == steps
    session.undo_stack.redo()
    assert len(session.store.plans.steps(med.id)) == 2


def test_ending_a_plan_running_since_long_ago_warns(qtbot, view, session, dialog_answers) -> None:
    med = add_med(session)
    edits.add_plan_steps(session, [
        PlanStep(med.id, date(2026, 10, 1), 10_000, DEFAULT_TIMES, end=date(2026, 10, 10)),
        PlanStep(med.id, date(2026, 10, 11), 20_000, DEFAULT_TIMES),
    ])
    asked = dialog_answers.always(False).texts
    view.refresh()
    view.plan.table.selectRow(1)
    click(qtbot, view.plan.delete_step)
    assert "ends on Thu 26 Nov 2026 without a taper" in asked[0]
    assert steps_of(session, med)[1] == (date(2026, 10, 11), None, 20_000)


def test_ending_a_step_in_force_asks_even_without_a_taper(qtbot, view, session,
                                                          dialog_answers) -> None:
    med = edits.add_medication(session, Medication("Paracetamol", Unit.MG))
    edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 500_000, DEFAULT_TIMES)])
    asked = dialog_answers.always(True).texts
    view.refresh()
    view.select_medication(med.id)
    view.plan.table.selectRow(0)
    click(qtbot, view.plan.delete_step)
    assert "not deleted but ends today" in asked[0]
    assert steps_of(session, med) == [(date(2026, 11, 1), date(2026, 11, 26), 500_000)]


def test_deleting_a_future_step_that_leaves_the_plan_running_asks_nothing(qtbot, view,
                                                                          session) -> None:
    """A lower step planned from 1 December, deleted: the 60 mg/day in force runs on."""
    med = add_med(session)
    edits.add_plan_steps(session, [
        PlanStep(med.id, date(2026, 11, 1), 20_000, DEFAULT_TIMES),
        PlanStep(med.id, date(2026, 12, 1), 15_000, DEFAULT_TIMES),
    ])
    view.refresh()
    view.plan.table.selectRow(1)
    click(qtbot, view.plan.delete_step)  # conftest fails on any dialog
    assert steps_of(session, med) == [(date(2026, 11, 1), None, 20_000)]
    assert session.undo_stack.undoText() == "Delete plan step: Baclofen"


@pytest.mark.parametrize("reply", [False, True])
def test_deleting_a_future_step_that_leaves_days_without_a_dose_asks(qtbot, view, session,
                                                                     dialog_answers,
                                                                     reply: bool) -> None:
    """10 mg until 30 November, 20 mg from 1 December, 25 mg from 5 December: deleting the 1
    December step would plan nothing from 1 to 4 December, an abrupt stop."""
    med = add_med(session)
    edits.add_plan_steps(session, [
        PlanStep(med.id, date(2026, 11, 1), 10_000, DEFAULT_TIMES, end=date(2026, 11, 30)),
        PlanStep(med.id, date(2026, 12, 1), 20_000, DEFAULT_TIMES),
        PlanStep(med.id, date(2026, 12, 5), 25_000, DEFAULT_TIMES),
    ])
    asked = dialog_answers.always(reply).texts
    view.refresh()
    view.plan.table.selectRow(1)
    click(qtbot, view.plan.delete_step)
    assert len(asked) == 1
    assert ("this change lowers the planned dose from Tue 1 Dec 2026: 60 mg/day → nothing (no "
            "dose planned)") in asked[0]
    assert BACLOFEN_WITHDRAWAL_WARNING in asked[0]
    kept = [(date(2026, 11, 1), date(2026, 11, 30), 10_000), (date(2026, 12, 1), None, 20_000),
            (date(2026, 12, 5), None, 25_000)]
    assert steps_of(session, med) == ([kept[0], kept[2]] if reply else kept)


def test_a_step_that_is_over_is_kept_as_the_record(qtbot, view, session,
                                                   dialog_answers) -> None:
    med = add_med(session)
    steps = edits.add_plan_steps(session, [
        PlanStep(med.id, date(2026, 11, 1), 10_000, DEFAULT_TIMES, end=date(2026, 11, 10)),
        PlanStep(med.id, date(2026, 11, 11), 20_000, DEFAULT_TIMES),
    ])
    told = dialog_answers.notice_texts
    view.refresh()
    view.plan.table.selectRow(0)
    depth = session.undo_stack.count()
    click(qtbot, view.plan.delete_step)
    assert told and "Edit step" in told[0]
    assert session.store.plans.steps(med.id) == steps
    assert session.undo_stack.count() == depth


# --- a diary locked by another program ---------------------------------------------------------


def test_a_locked_diary_keeps_the_step_dialog_open_with_what_was_typed(qtbot, view, session,
                                                                       dialog_answers) -> None:
    errors = dialog_answers.errors
    med = add_med(session)
    view.refresh()
    click(qtbot, view.plan.add_step)
    dialog = view.dialog
    assert isinstance(dialog, StepDialog)
    qtbot.keyClicks(dialog.amount, "10")
    with locked(session.store):
        click(qtbot, dialog.ok_button)
    assert errors and errors[0][0] == "The plan was not saved" and "busy" in errors[0][1]
    assert dialog.isVisible() and dialog.amount.text() == "10"
    assert steps_of(session, med) == []
    click(qtbot, dialog.ok_button)
    assert steps_of(session, med) == [(session.today() + timedelta(days=1), None, 10_000)]


def test_ending_a_step_on_a_locked_diary_says_so(qtbot, view, session, dialog_answers) -> None:
    errors = dialog_answers.always(True).errors
    med = add_med(session)
    steps = edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 10_000,
                                                   DEFAULT_TIMES)])
    view.refresh()
    view.plan.table.selectRow(0)
    with locked(session.store):
        click(qtbot, view.plan.delete_step)
    assert errors and errors[0][0] == "The plan was not changed"
    assert session.store.plans.steps(med.id) == steps
