"""Plan steps from the window, on the undo stack: added, edited, ended and deleted, each change
one transaction and one undo step (the questions before a change that lowers a dose are the
dialogs', through the domain's rule), named by the medication whose plan it is ("End plan step:
Baclofen")."""

from __future__ import annotations

from collections.abc import Sequence

from diary.domain.entities import PlanStep
from diary.ui.edits.stack import edit_row
from diary.ui.edits.stack import named
from diary.ui.edits.stack import row_id
from diary.ui.edits.stack import run
from diary.ui.shell.session import DiarySession


def _of(session: DiarySession, text: str, steps: Sequence[PlanStep] = (),
        step_ids: Sequence[int] = ()) -> str:
    """`text` with the medications whose plan it changes: 'Add plan step: Baclofen'."""
    store = session.store
    meds = [step.medication_id for step in steps]
    meds += [store.plans.get(step_id).medication_id for step_id in step_ids]
    return named(text, *(store.medications.get(med_id).name for med_id in dict.fromkeys(meds)))


def add_plan_steps(session: DiarySession, steps: list[PlanStep], text: str = "Add plan step",
                   endings: Sequence[PlanStep] = ()) -> list[PlanStep]:
    """Add steps and end running ones (`endings`: those steps with their new end dates) in one
    transaction and one undo step: a taper and the end of the doses it replaces go together."""
    store = session.store
    previous: list[PlanStep] = []

    def action() -> list[PlanStep]:
        with store.write():
            previous.extend(store.plans.edit(step) for step in endings)
            return store.plans.add_all(steps)

    def undo(saved: list[PlanStep]) -> None:
        with store.write():
            for step in saved:
                store.plans.delete(row_id(step))
            for step in previous:
                store.plans.edit(step)

    def redo(saved: list[PlanStep]) -> None:
        with store.write():
            for step in endings:
                store.plans.edit(step)
            for step in saved:
                store.plans.delete(row_id(step), deleted=False)

    return run(session, lambda saved: _of(session, text, [*saved, *endings]), action, undo,
               redo)


def edit_plan_step(session: DiarySession, step: PlanStep) -> PlanStep:
    return edit_row(session, _of(session, "Edit plan step", [step]), session.store.plans, step)


def delete_plan_steps(session: DiarySession, step_ids: Sequence[int]) -> None:
    """Delete steps in one transaction and one undo step."""
    store = session.store
    ids = list(step_ids)

    def apply(deleted: bool) -> None:
        with store.write():
            for step_id in ids:
                store.plans.delete(step_id, deleted=deleted)

    text = "Delete plan step" if len(ids) == 1 else f"Delete {len(ids)} plan steps"
    run(session, _of(session, text, step_ids=ids), lambda: apply(True), lambda _: apply(False),
        lambda _: apply(True))


def change_plan_steps(session: DiarySession, text: str, *, endings: Sequence[PlanStep] = (),
                      deleted: Sequence[int] = ()) -> None:
    """End running steps (`endings`: those steps with their new end dates) and delete others, in
    one transaction and one undo step."""
    store = session.store
    previous: list[PlanStep] = []
    ids = list(deleted)

    def apply(gone: bool, ends: Sequence[PlanStep]) -> list[PlanStep]:
        with store.write():
            before = [store.plans.edit(step) for step in ends]
            for step_id in ids:
                store.plans.delete(step_id, deleted=gone)
            return before

    def action() -> None:
        previous.extend(apply(True, endings))

    run(session, _of(session, text, endings, ids), action, lambda _: apply(False, previous),
        lambda _: apply(True, endings))
