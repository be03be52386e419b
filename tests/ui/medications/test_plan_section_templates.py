"""The plan section's templates: titration from the label's schedule (capped at the max, named
for another drug, refused outside mg) and a taper that ends the running steps, each one undo
action; a start in the past only when asked for."""

from __future__ import annotations

from datetime import date
from datetime import time
from datetime import timedelta

from diary.domain.entities import PlanStep
from diary.domain.plans.steps import DEFAULT_TIMES
from diary.domain.plans.steps import ends_with_taper
from diary.domain.plans.steps import plan_end
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.medications.template_dialogs import TaperDialog
from diary.ui.medications.template_dialogs import TitrationDialog
from diary.ui.medications.view import MedicationsView
from diary.ui.widgets.dates import qdate
from tests.helpers.qt import click
from tests.ui.medications.support import add_med


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
