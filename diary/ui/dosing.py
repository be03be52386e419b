"""The window's way to record or change a dose: `storage.dosing` on the undo stack, and the
question the user answers before a dose that needs a confirmation is saved.

`add_dose` and `edit_dose` make one dosing call (one transaction: read, check, write) as one
undoable action; when the call writes nothing because the verdict needs a confirmation, nothing
reaches the undo stack and the outcome carries the verdict. `confirm_and_write` shows that
verdict (`dialogs.ask_yes_no`, replaced in tests) and, on yes, makes the call again with
`confirmed=True` and the verdict shown as `seen`: the dose is checked again and saved in one
transaction, and a re-check that finds something the user was not shown asks again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from diary.domain.entities import Intake
from diary.domain.safety import DoseVerdict
from diary.storage import dosing
from diary.storage.dosing import DoseOutcome
from diary.ui import dialogs, undo
from diary.ui.session import DiarySession

# One dosing call: (confirmed, the verdict the user saw) -> what it found and did.
Attempt = Callable[[bool, DoseVerdict | None], DoseOutcome]


class _NotWritten(Exception):
    """The dosing call wrote nothing (its verdict needs a confirmation): keep it off the stack."""

    def __init__(self, outcome: DoseOutcome) -> None:
        super().__init__("not written")
        self.outcome = outcome


def add_dose(session: DiarySession, draft: Intake, text: str, *, confirmed: bool = False,
             seen: DoseVerdict | None = None, timing: bool = True) -> DoseOutcome:
    """`dosing.check_and_add` as one undoable action (Undo deletes the dose, Redo restores it).
    `timing` (on in the window) also asks about a dose early for its slot or close to another."""
    store = session.store

    def action() -> DoseOutcome:
        outcome = dosing.check_and_add(store, draft, session.zone(), confirmed=confirmed,
                                       seen=seen, now=session.now(), timing=timing)
        if outcome.saved is None:
            raise _NotWritten(outcome)
        return outcome

    try:
        return undo.run(session, text, action,
                        lambda done: store.delete_intake(_saved_id(done)),
                        lambda done: store.restore_intake(_saved_id(done)))
    except _NotWritten as refused:
        return refused.outcome


def edit_dose(session: DiarySession, intake: Intake, text: str = "Edit dose", *,
              confirmed: bool = False, seen: DoseVerdict | None = None) -> DoseOutcome:
    """`dosing.check_and_edit` as one undoable action: an edit, or the restore of a deleted
    dose (`intake` from `dosing.restore_values`). Undo puts back the values it had (and deletes
    it again if it was deleted); Redo stores the new values again."""
    store = session.store

    def action() -> DoseOutcome:
        outcome = dosing.check_and_edit(store, intake, session.zone(), confirmed=confirmed,
                                        seen=seen, now=session.now())
        if outcome.saved is None:
            raise _NotWritten(outcome)
        return outcome

    def back(done: DoseOutcome) -> None:
        before = done.before
        assert before is not None and before.id is not None
        with store.write():
            store.edit_intake(before)
            if before.deleted_at is not None:
                store.delete_intake(before.id)

    def again(done: DoseOutcome) -> None:
        saved = done.saved
        assert saved is not None and saved.id is not None
        with store.write():
            store.edit_intake(saved)
            store.restore_intake(saved.id)

    try:
        return undo.run(session, text, action, back, again)
    except _NotWritten as refused:
        return refused.outcome


def confirm_and_write(parent: QWidget | None, attempt: Attempt, *, title: str, question: str,
                      yes: str, no: str) -> DoseOutcome:
    """Make the dosing call; while it wrote nothing, show what needs confirming, the message of
    each finding, then `question`, and on yes call again, confirmed, with the verdict shown.
    Returns the last outcome: `saved` is None when the user said no. Store errors propagate."""
    outcome = attempt(False, None)
    while outcome.saved is None:
        reasons = "\n\n".join(f.message for f in outcome.verdict.to_confirm)
        if not dialogs.ask_yes_no(parent, title, f"{reasons}\n\n{question}", yes=yes, no=no):
            return outcome
        outcome = attempt(True, outcome.verdict)
    return outcome


def _saved_id(outcome: DoseOutcome) -> int:
    saved = outcome.saved
    assert saved is not None and saved.id is not None
    return saved.id
