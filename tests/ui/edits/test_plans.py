"""Plan steps from the window: added with the running steps they end, edited, ended and deleted,
each change one transaction and one undo step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from diary.domain.entities import PlanStep
from diary.ui import edits
from diary.ui.shell.session import DiarySession
from tests.ui.edits.support import baclofen


def test_taper_ends_the_running_step_in_the_same_undo_step(session: DiarySession) -> None:
    med = baclofen(session)
    [running] = edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 20_000)])
    taper = [PlanStep(med.id, date(2026, 12, 1), 10_000, end=date(2026, 12, 7))]
    assert session.undo_stack.undoText() == "Add plan step: Baclofen"  # whose plan
    edits.add_plan_steps(session, taper, "Taper Baclofen",
                        endings=[replace(running, end=date(2026, 11, 30))])
    assert session.undo_stack.undoText() == "Taper Baclofen"  # named once, not twice
    assert [s.end for s in session.store.plans.steps(med.id)] == [date(2026, 11, 30),
                                                                 date(2026, 12, 7)]
    session.undo_stack.undo()
    assert session.store.plans.steps(med.id) == [running]
    session.undo_stack.redo()
    assert len(session.store.plans.steps(med.id)) == 2


def test_several_plan_steps_are_deleted_in_one_undo_step(session: DiarySession) -> None:
    med = baclofen(session)
    steps = edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 5_000,
                                                   end=date(2026, 11, 3)),
                                          PlanStep(med.id, date(2026, 11, 4), 10_000)])
    depth = session.undo_stack.count()
    edits.delete_plan_steps(session, [s.id for s in steps])
    assert session.store.plans.steps(med.id) == []
    assert session.undo_stack.count() == depth + 1
    assert session.undo_stack.undoText() == "Delete 2 plan steps: Baclofen"
    session.undo_stack.undo()
    assert session.store.plans.steps(med.id) == steps


def test_an_edited_step_is_undone_to_what_it_planned(session: DiarySession) -> None:
    med = baclofen(session)
    [step] = edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 10_000)])
    edits.edit_plan_step(session, replace(step, amount=15_000, note="prescriber's change"))
    assert session.undo_stack.undoText() == "Edit plan step: Baclofen"
    assert session.store.plans.steps(med.id)[0].amount == 15_000
    session.undo_stack.undo()
    assert session.store.plans.steps(med.id) == [step]


def test_ending_one_step_and_deleting_another_is_one_undo_step(session: DiarySession) -> None:
    med = baclofen(session)
    running, later = edits.add_plan_steps(session, [
        PlanStep(med.id, date(2026, 11, 1), 20_000, end=date(2026, 11, 30)),
        PlanStep(med.id, date(2026, 12, 1), 15_000)])
    depth = session.undo_stack.count()
    edits.change_plan_steps(session, "End plan step",
                            endings=[replace(running, end=date(2026, 11, 26))],
                            deleted=[later.id])
    assert [(s.start, s.end) for s in session.store.plans.steps(med.id)] == [
        (date(2026, 11, 1), date(2026, 11, 26))]
    assert session.undo_stack.count() == depth + 1
    assert session.undo_stack.undoText() == "End plan step: Baclofen"
    session.undo_stack.undo()
    assert session.store.plans.steps(med.id) == [running, later]
    session.undo_stack.redo()
    assert len(session.store.plans.steps(med.id)) == 1
