"""The plan of a medication: the steps table, add/edit/delete a step, titration from the label's
template and a taper, each one undo action; the label's warning before a plan stops abruptly."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt

from diary.domain.entities import Medication, PlanStep
from diary.domain.plans.steps import DEFAULT_TIMES, ends_with_taper, plan_end
from diary.domain.templates import BACLOFEN_WITHDRAWAL_WARNING
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.medications.plan_dialogs import StepDialog
from diary.ui.medications.plan_table import (
    OVER_MAX_MARK,
    PER_DAY,
    TODAY_COLUMN,
    TODAY_MARK,
    PlanTableModel,
)
from diary.ui.medications.template_dialogs import TaperDialog, TitrationDialog
from diary.ui.medications.view import MedicationsView
from diary.ui.shell.session import DiarySession
from diary.ui.widgets.dates import pydate, qdate
from tests.helpers.locks import locked
from tests.helpers.qt import click


@pytest.fixture
def view(qtbot, session: DiarySession) -> MedicationsView:
    widget = MedicationsView(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def add_med(session: DiarySession, name: str = "Baclofen", max_daily: int | None = 80_000,
            unit: Unit = Unit.MG) -> Medication:
    return edits.add_medication(session, Medication(name, unit, max_daily=max_daily,
                                                   taper_required=True))


def steps_of(session: DiarySession, med: Medication) -> list[tuple[date, date | None, int]]:
    return [(s.start, s.end, s.amount) for s in session.store.plans.steps(med.id)]


# --- the table ----------------------------------------------------------------------------------
def test_the_table_shows_daily_amounts_the_over_max_mark_and_todays_step(qtbot, view,
                                                                        session) -> None:
    med = add_med(session)
    today = session.today()
    edits.add_plan_steps(session, [
        PlanStep(med.id, today - timedelta(days=10), 20_000, DEFAULT_TIMES,
                 end=today - timedelta(days=1)),
        PlanStep(med.id, today, 30_000, DEFAULT_TIMES, note="prescriber's trial"),
        PlanStep(med.id, today - timedelta(days=20), 100_000, note="as needed, large"),
    ])
    view.refresh()
    model = view.plan.model
    table = [[model.index(r, c).data() for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    assert [row[1:6] for row in table] == [
        [str(today - timedelta(days=20)), "open", "100 mg", "as needed",
         f"as needed {OVER_MAX_MARK} over max"],
        [str(today - timedelta(days=10)), str(today - timedelta(days=1)), "20 mg",
         "08:00, 14:00, 20:00", "60 mg"],
        [str(today), "open", "30 mg", "08:00, 14:00, 20:00",
         f"90 mg {OVER_MAX_MARK} over max"],
    ]
    assert [row[TODAY_COLUMN] for row in table] == ["", "", TODAY_MARK]
    assert "over the 80 mg/day max" in model.index(2, PER_DAY).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(2, PER_DAY).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "90 mg, over the 80 mg/day max")
    assert "marked “▶ today”" in view.plan.summary.text()
    assert "30 mg at 08:00, 14:00, 20:00 = 90 mg/day" in view.plan.summary.text()


def test_the_plan_model_passes_the_model_tester(qtmodeltester, session) -> None:
    med = add_med(session)
    model = PlanTableModel()
    steps = edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 5_000,
                                                   DEFAULT_TIMES)])
    model.set_plan(med, steps, date(2026, 11, 26))
    qtmodeltester.check(model)


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
    assert session.undo_stack.undoText() == "End plan step"
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
    assert session.undo_stack.undoText() == "End and delete plan steps"
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
    assert session.undo_stack.undoText() == "Delete plan step"


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


# --- titration ----------------------------------------------------------------------------------
def open_titration(qtbot, view: MedicationsView) -> TitrationDialog:
    click(qtbot, view.plan.titration)
    dialog = view.dialog
    assert isinstance(dialog, TitrationDialog) and dialog.isVisible()
    return dialog


def test_titration_to_20_mg_gives_the_label_steps_and_undo_removes_them_all(qtbot, view,
                                                                           session) -> None:
    med = add_med(session)
    view.refresh()
    dialog = open_titration(qtbot, view)
    assert not dialog.ok_button.isEnabled()  # no target typed: the app proposes none
    qtbot.keyClicks(dialog.target, "20")
    assert dialog.model.rowCount() == 4  # shown before saving
    assert "Capped" not in dialog.summary.text()
    depth = session.undo_stack.count()
    click(qtbot, dialog.ok_button)
    first = session.today() + timedelta(days=1)  # today's doses were all past at 21:00
    saved = session.store.plans.steps(med.id)
    assert [(s.start - first).days for s in saved] == [0, 3, 6, 9]
    assert [s.amount for s in saved] == [5_000, 10_000, 15_000, 20_000]
    assert all(s.times == (time(8), time(14), time(20)) for s in saved)
    assert [s.end for s in saved[:3]] == [first + timedelta(days=d) for d in (2, 5, 8)]
    assert saved[-1].end is None
    assert session.undo_stack.count() == depth + 1
    assert view.plan.model.rowCount() == 4
    session.undo_stack.undo()
    assert session.store.plans.steps(med.id) == []
    session.undo_stack.redo()
    assert session.store.plans.steps(med.id) == saved


def test_titration_is_capped_at_the_max_and_says_so(qtbot, view, session) -> None:
    med = add_med(session, max_daily=60_000)
    view.refresh()
    dialog = open_titration(qtbot, view)
    qtbot.keyClicks(dialog.target, "25")
    assert "Capped: the target 25 mg 3 times a day is 75 mg/day, over Baclofen's max of " \
           "60 mg/day; the steps stop at 20 mg per dose (60 mg/day)." in dialog.summary.text()
    click(qtbot, dialog.ok_button)
    saved = session.store.plans.steps(med.id)
    assert [s.amount for s in saved] == [5_000, 10_000, 15_000, 20_000]
    assert max(s.daily_amount for s in saved) <= 60_000


def test_titration_names_whose_label_it_is_for_another_medication(qtbot, view, session) -> None:
    add_med(session, name="Tizanidine", max_daily=36_000)
    view.refresh()
    dialog = open_titration(qtbot, view)
    qtbot.keyClicks(dialog.target, "4")
    assert "this is the oral baclofen label's schedule; check it with the prescriber for " \
           "Tizanidine" in dialog.summary.text()


def test_titration_refuses_a_medication_not_in_mg(qtbot, view, session,
                                                  dialog_answers) -> None:
    add_med(session, name="Baclofen solution", unit=Unit.ML, max_daily=None)
    shown = dialog_answers.error_texts
    view.refresh()
    click(qtbot, view.plan.titration)
    assert view.dialog is None
    assert shown == ["The titration template is the baclofen label's, in mg; Baclofen solution "
                     "is measured in ml: add its steps with Add step."]


# --- taper --------------------------------------------------------------------------------------
def open_taper(qtbot, view: MedicationsView) -> TaperDialog:
    click(qtbot, view.plan.taper)
    dialog = view.dialog
    assert isinstance(dialog, TaperDialog) and dialog.isVisible()
    return dialog


def test_taper_ends_the_running_step_and_undo_restores_it(qtbot, view, session) -> None:
    med = add_med(session)
    today = session.today()
    [running] = edits.add_plan_steps(session, [PlanStep(med.id, today - timedelta(days=30),
                                                       20_000, DEFAULT_TIMES)])
    view.refresh()
    dialog = open_taper(qtbot, view)
    assert not dialog.ok_button.isEnabled()  # its length is the prescriber's to enter
    dialog.days.setFocus()
    dialog.days.selectAll()
    qtbot.keyClicks(dialog.days, "14")
    assert dialog.days.value() == 14
    tomorrow = today + timedelta(days=1)
    assert pydate_of(dialog) == tomorrow
    assert f"the step from {running.start} ends on {today}" in dialog.summary.text()
    assert dialog.model.rowCount() == 1 + 4  # the ended step and the taper, before saving
    depth = session.undo_stack.count()
    click(qtbot, dialog.ok_button)

    saved = session.store.plans.steps(med.id)
    assert saved[0].id == running.id and saved[0].end == today
    assert [s.amount for s in saved[1:]] == [16_000, 12_000, 8_000, 4_000]
    assert saved[1].start == tomorrow and saved[-1].end == tomorrow + timedelta(days=13)
    assert plan_end(saved, med.id) == tomorrow + timedelta(days=13)
    assert ends_with_taper(saved, med.id, tomorrow + timedelta(days=13))
    assert view.plan.warning.isHidden()  # a taper is not an abrupt stop
    assert session.undo_stack.count() == depth + 1
    session.undo_stack.undo()
    assert session.store.plans.steps(med.id) == [running]


def test_taper_also_ends_an_older_open_step_in_the_same_undo_action(qtbot, view,
                                                                    session) -> None:
    med = add_med(session)
    today = session.today()
    steps = edits.add_plan_steps(session, [
        PlanStep(med.id, today - timedelta(days=60), 10_000, DEFAULT_TIMES),
        PlanStep(med.id, today - timedelta(days=30), 20_000, DEFAULT_TIMES),
    ])
    view.refresh()
    dialog = open_taper(qtbot, view)
    dialog.days.setValue(14)
    click(qtbot, dialog.ok_button)
    saved = session.store.plans.steps(med.id)
    assert [s.end for s in saved[:2]] == [today, today]
    assert plan_end(saved, med.id) == today + timedelta(days=14)
    assert session.undo_stack.undoText() == "Taper Baclofen"
    session.undo_stack.undo()
    assert session.store.plans.steps(med.id) == steps


def test_taper_without_a_step_to_taper_from_says_why(qtbot, view, session) -> None:
    add_med(session)
    view.refresh()
    dialog = open_taper(qtbot, view)
    dialog.days.setValue(14)
    assert "has no plan step on 2026-11-26, the day before the taper starts" in \
        dialog.summary.text()
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # even forced, it saves nothing
    assert dialog.isVisible() and dialog.error.isVisible()
    assert session.store.plans.steps() == []


def pydate_of(dialog: TaperDialog) -> date:
    value = dialog.start.date()
    return date(value.year(), value.month(), value.day())


# --- a start in the past ------------------------------------------------------------------------
def test_titration_from_a_past_day_needs_rewrite_past_days(qtbot, view, session) -> None:
    med = add_med(session)
    view.refresh()
    dialog = open_titration(qtbot, view)
    qtbot.keyClicks(dialog.target, "10")
    yesterday = session.today() - timedelta(days=1)
    dialog.start.setDate(qdate(yesterday))
    assert f"{yesterday} is before today ({session.today()}): that would rewrite the plan of " \
           "past days" in dialog.summary.text()
    assert not dialog.ok_button.isEnabled()
    assert dialog.model.rowCount() == 0
    click(qtbot, dialog.backdate)
    assert "Backdated: the plan from" in dialog.summary.text()
    click(qtbot, dialog.ok_button)
    assert [s.start for s in session.store.plans.steps(med.id)] == [
        yesterday, yesterday + timedelta(days=3)]


def test_taper_from_a_past_day_needs_rewrite_past_days(qtbot, view, session,
                                                       dialog_answers) -> None:
    """Backdated three days, the taper is already on its second step today: today's dose falls
    at once, so it is asked about as any cut is."""
    asked = dialog_answers.always(True).texts
    med = add_med(session)
    today = session.today()
    edits.add_plan_steps(session, [PlanStep(med.id, today - timedelta(days=30), 20_000,
                                           DEFAULT_TIMES)])
    view.refresh()
    dialog = open_taper(qtbot, view)
    dialog.days.setValue(14)
    dialog.start.setDate(dialog.start.date().addDays(-3))
    assert "that would rewrite the plan of past days" in dialog.summary.text()
    assert not dialog.ok_button.isEnabled()
    dialog.backdate.setChecked(True)
    assert dialog.ok_button.isEnabled()
    click(qtbot, dialog.ok_button)
    assert len(asked) == 1 and "this change lowers the planned dose from today: 60 mg/day" \
        in asked[0]
    assert session.store.plans.steps(med.id)[0].end == today - timedelta(days=3)


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
