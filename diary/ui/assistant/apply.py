"""Finish: the assistant's set-up written through diary/ui/edits/ as one undo step, and the
first dose through the Today view's own dose path.

The person's details (`edits.update_info`, only when they changed), the medication
(`edits.add_medication`) and its plan (`edits.add_plan_steps`, worked out again under the
medication's new id) are pushed inside one macro of the undo stack, "Set up Baclofen", so that
Edit > Undo takes the whole set-up back at once, and inside one transaction of the diary: when
any of them fails (a locked file, a full disk), the diary rolls all of it back and the macro is
taken off the stack without being run, so nothing is left half written and Redo offers nothing.

The first dose is a step of its own ("Log dose"), written by `record_dose`, as a dose ticked
off in the Today view: one dosing call checks it against the safety rules and, when the
verdict needs it (over the max, too soon, early for its slot), asks "Did you take it?" through
the dialog seam before anything is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtWidgets import QWidget

from diary.domain.daytime import fixed
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.plans.steps import ScheduledDose
from diary.ui import edits
from diary.ui.assistant.setup import SetUp
from diary.ui.assistant.setup import first_dose
from diary.ui.assistant.setup import plan_steps
from diary.ui.shell.session import DiarySession
from diary.ui.today.dose import record_dose


@dataclass(frozen=True)
class Applied:
    """What Finish wrote: the medication as saved and its plan's steps."""

    medication: Medication
    steps: list[PlanStep]

    def first_dose(self, session: DiarySession) -> ScheduledDose | None:
        info = session.store.info()
        return first_dose(self.steps, info.day_starts_at,
                          timedelta(minutes=info.on_time_window_minutes))


def undo_text(setup: SetUp) -> str:
    return f"Set up {setup.medication.name}"


def apply_setup(session: DiarySession, setup: SetUp) -> Applied:
    """Write `setup` as one undo step and one transaction; on a store error (edits.STORE_ERRORS)
    nothing is written and the stack is as it was, and the error is raised."""
    store, stack = session.store, session.undo_stack
    stack.beginMacro(undo_text(setup))
    try:
        with store.write():
            if setup.info != store.info():
                edits.update_info(session, setup.info)
            med = edits.add_medication(session, setup.medication)
            steps = plan_steps(med, setup.plan, session.now(), setup.info.day_starts_at)
            saved = edits.add_plan_steps(session, steps, f"Plan of {med.name}")
    except BaseException:
        stack.endMacro()
        _forget_last(session)
        raise
    stack.endMacro()
    return Applied(med, saved)


def _forget_last(session: DiarySession) -> None:
    """The macro just ended holds commands whose writes were rolled back: take it off the stack
    without running their undo (an obsolete command is dropped, not undone), and let the views
    read the diary again."""
    stack = session.undo_stack
    macro = stack.command(stack.index() - 1)
    if macro is not None:
        macro.setObsolete(True)
        stack.undo()
    session.changed.emit()


def take_first_dose(parent: QWidget | None, session: DiarySession, applied: Applied,
                    notify: Callable[[str], None]) -> Intake | None:
    """Log the plan's first dose as taken now, answering its slot, through `record_dose` (the
    verdict, the question when it needs one, one undo step); the intake saved, or None (not
    taken, not answered, or refused: `notify` has said which)."""
    dose = applied.first_dose(session)
    med = applied.medication
    if dose is None or med.id is None:
        notify(f"{med.name}'s plan expects no dose yet: nothing was recorded.")
        return None
    draft = Intake(med.id, fixed(session.now()), dose.amount, IntakeStatus.TAKEN, dose.slot)
    return record_dose(parent, session, draft, notify)
