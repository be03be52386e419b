"""Every edit of diary data as an undoable command on the session's one QUndoStack.

An action runs once before it is pushed, so a value the diary refuses raises to the caller (who
shows the message) and never reaches the stack. Undo and redo of an add use delete and restore of
the same row, so ids stay stable and the audit trail tells the whole story.

Edit > Undo and Redo go through `undo_last` and `redo_next`, which run the command's operation
first, in one transaction, and let the stack move only once it succeeded: a diary that refuses
(locked by another program, read-only underneath, a full disk) leaves the file, the stack and the
menu as they were, and the session's `failed` says why. An undo or redo that lowers the planned
daily amount of a medication that needs a taper is a change of plan like any other: it says
before -> after and the label's warning, and the default answer puts the plan back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from diary.domain.entities import DiaryInfo, Event, Medication, PlanStep, Rating, Symptom
from diary.domain.errors import ValidationError
from diary.domain.plans.changes import dose_cut
from diary.storage import importing
from diary.storage.base import NotFoundError, ReadOnlyError
from diary.storage.errors import OS_REASONS, disk_reason, os_reason
from diary.storage.importing import ImportResult
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs

T = TypeVar("T")
# Everything a save can fail with that the window reports instead of crashing: a value the diary
# refuses, a row gone, a read-only diary, the database itself (locked, full, damaged), the disk.
STORE_ERRORS = (ValidationError, NotFoundError, ReadOnlyError, sqlite3.Error, OSError)


def error_text(exc: BaseException) -> str:
    """A save error in words a person can act on."""
    if isinstance(exc, sqlite3.OperationalError) and any(
            word in str(exc).lower() for word in ("locked", "busy")):
        return ("The diary file is busy: another program is writing to it. Nothing was "
                "changed; try again in a moment.")
    if isinstance(exc, sqlite3.Error) and (full := disk_reason(exc)) is not None:
        # The failed write was rolled back whole: what the diary held is all there.
        return (f"The diary file could not be written: {full} ({exc}). Nothing was changed, and "
                "everything already in the diary is kept; free some space on the disk, then try "
                "again.")
    if isinstance(exc, sqlite3.Error):
        return f"The diary file could not be written ({exc}). Nothing was changed."
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"A file could not be written{where}: {_os_words(exc)}."
    return str(exc)


def _os_words(exc: OSError) -> str:
    """'the disk is full (No space left on device)': the plain words, and the system's own when
    they differ (a search for the message finds them); 'Permission denied' as the system says."""
    plain, system = os_reason(exc), exc.strerror
    if not system:
        return plain if exc.errno in OS_REASONS else str(exc)
    return system if system.lower() == plain else f"{plain} ({system})"


def is_refusal(exc: BaseException) -> bool:
    """A value the diary refuses (the form shows it beside the field) rather than a failure of
    the file or the disk (which the window reports in a message box)."""
    return isinstance(exc, ValidationError)


class StoreCommand(QUndoCommand):
    """A pair of store operations. The first `redo` is skipped because the action already ran;
    so is a call the stack makes after `attempt` already ran the operation."""

    def __init__(self, session: DiarySession, text: str, redo: Callable[[], Any],
                 undo: Callable[[], Any]) -> None:
        super().__init__(text)
        self._session = session
        self._redo = redo
        self._undo = undo
        self._done = True  # the operation the stack is about to ask for has already run

    def redo(self) -> None:
        self._replay(self._redo, "redo")

    def undo(self) -> None:
        self._replay(self._undo, "undo")

    def attempt(self, *, undoing: bool) -> bool:
        """Run the undo (or redo) operation now. True: it is done and the stack may move (its
        call will not run it again). False: nothing changed, the stack must stay where it is;
        `failed` has said why and `changed` makes the views read the file again."""
        try:
            self._run(self._undo if undoing else self._redo)
        except STORE_ERRORS as exc:
            verb = "undo" if undoing else "redo"
            self._session.failed.emit(
                f"Could not {verb} “{self.text()}”. {error_text(exc)}\n\nThe diary is as it "
                f"was, and Edit > {verb.capitalize()} still offers “{self.text()}”.")
            self._session.changed.emit()
            return False
        self._done = True
        return True

    def _replay(self, operation: Callable[[], Any], verb: str) -> None:
        if self._done:
            self._done = False
        else:
            # Only a caller that drives the stack directly gets here (the menu goes through
            # undo_last/redo_next). Qt calls undo/redo from C++: an exception must not escape,
            # and the stack moves whatever happens, so make it forget what it cannot replay.
            try:
                self._run(operation)
            except STORE_ERRORS as exc:
                self.setObsolete(True)
                self._session.failed.emit(
                    f"Could not {verb} “{self.text()}”. {error_text(exc)}\n\nThe diary is as "
                    f"it was; this change can no longer be taken back with Edit > "
                    f"{verb.capitalize()}.")
        self._session.changed.emit()

    def _run(self, operation: Callable[[], Any]) -> None:
        with self._session.store.write():  # all of it or none of it
            operation()


def undo_last(session: DiarySession, parent: QWidget | None = None) -> bool:
    """Edit > Undo: undo the last change if the diary takes it; True when it was undone. An
    undo that lowers a taper-required medication's plan is asked about (`_kept`)."""
    return _move(session, parent, undoing=True)


def redo_next(session: DiarySession, parent: QWidget | None = None) -> bool:
    """Edit > Redo: redo the change last undone if the diary takes it; True when it was redone."""
    return _move(session, parent, undoing=False)


def _move(session: DiarySession, parent: QWidget | None, *, undoing: bool,
          asking: bool = True) -> bool:
    """One step of the stack, run on the diary first (StoreCommand.attempt). When `asking` and
    the step lowered a plan, the person is asked; putting the plan back is the reverse step,
    which is not asked about again (it only restores what was there a moment ago)."""
    stack = session.undo_stack
    if not (stack.canUndo() if undoing else stack.canRedo()):
        return False
    command = stack.command(stack.index() - 1 if undoing else stack.index())
    plans = _plans(session) if asking else {}
    if isinstance(command, StoreCommand) and not command.attempt(undoing=undoing):
        return False
    if undoing:
        stack.undo()
    else:
        stack.redo()
    what = f"{'Undo' if undoing else 'Redo'} “{command.text()}”"
    if asking and not _kept(session, parent, plans, what):
        _move(session, parent, undoing=not undoing, asking=False)
        return False
    return True


Plans = dict[int, tuple[Medication, list[PlanStep]]]


def _plans(session: DiarySession) -> Plans:
    """The plan of every taper-required medication, an archived one planning nothing."""
    store = session.store
    return {m.id: (m, [] if m.archived_at is not None else store.plan_steps(m.id))
            for m in store.medications(include_archived=True)
            if m.taper_required and m.id is not None}


def _kept(session: DiarySession, parent: QWidget | None, plans: Plans, what: str) -> bool:
    """After an undo or redo: when it lowered a taper-required medication's planned daily
    amount (the domain's rule, as every change of plan is asked about), say so and ask whether
    to keep it; the default puts the plan back. True to keep it (or nothing was lowered)."""
    now = _plans(session)
    today = session.today()
    for med_id, (med, steps) in plans.items():
        cut = dose_cut(med, steps, now.get(med_id, (med, []))[1], today)
        if cut is not None:
            return dialogs.ask_yes_no(
                parent, f"{what} lowers the dose of {med.name}",
                f"{cut.change_text(today)}\n\n{cut.warning}\n\nKeep this?",
                yes="Keep it", no="Put the plan back")
    return True


def run(session: DiarySession, text: str, action: Callable[[], T], undo: Callable[[T], Any],
        redo: Callable[[T], Any]) -> T:
    """Run `action` now (it may raise), then push it so Undo calls `undo(result)`."""
    result = action()
    session.undo_stack.push(
        StoreCommand(session, text, lambda: redo(result), lambda: undo(result))
    )
    session.changed.emit()
    return result


# --- entries ------------------------------------------------------------------------------------
def delete_intake(session: DiarySession, intake_id: int) -> None:
    store = session.store
    run(session, "Delete dose", lambda: store.delete_intake(intake_id),
        lambda _: store.restore_intake(intake_id), lambda _: store.delete_intake(intake_id))


def add_ratings(session: DiarySession, ratings: list[Rating]) -> list[Rating]:
    store = session.store

    def undo(saved: list[Rating]) -> None:
        for rating in saved:
            store.delete_rating(_id(rating))

    def redo(saved: list[Rating]) -> None:
        for rating in saved:
            store.restore_rating(_id(rating))

    text = "Save rating" if len(ratings) == 1 else "Save ratings"
    return run(session, text, lambda: store.add_ratings(ratings), undo, redo)


def edit_rating(session: DiarySession, rating: Rating) -> Rating:
    store = session.store
    return run(session, "Edit rating", lambda: store.edit_rating(rating),
               lambda before: store.edit_rating(before), lambda _: store.edit_rating(rating))


def delete_rating(session: DiarySession, rating_id: int) -> None:
    store = session.store
    run(session, "Delete rating", lambda: store.delete_rating(rating_id),
        lambda _: store.restore_rating(rating_id), lambda _: store.delete_rating(rating_id))


def add_event(session: DiarySession, event: Event) -> Event:
    store = session.store
    return run(session, "Add event", lambda: store.add_event(event),
               lambda saved: store.delete_event(_id(saved)),
               lambda saved: store.restore_event(_id(saved)))


def edit_event(session: DiarySession, event: Event) -> Event:
    store = session.store
    return run(session, "Edit event", lambda: store.edit_event(event),
               lambda before: store.edit_event(before), lambda _: store.edit_event(event))


def delete_event(session: DiarySession, event_id: int) -> None:
    store = session.store
    run(session, "Delete event", lambda: store.delete_event(event_id),
        lambda _: store.restore_event(event_id), lambda _: store.delete_event(event_id))


# --- regimen ------------------------------------------------------------------------------------
def add_medication(session: DiarySession, med: Medication) -> Medication:
    store = session.store
    return run(session, f"Add {med.name}", lambda: store.add_medication(med),
               lambda saved: store.archive_medication(_id(saved)),
               lambda saved: store.archive_medication(_id(saved), archived=False))


def edit_medication(session: DiarySession, med: Medication) -> Medication:
    store = session.store
    return run(session, f"Edit {med.name}", lambda: store.edit_medication(med),
               lambda before: store.edit_medication(before),
               lambda _: store.edit_medication(med))


def archive_medication(session: DiarySession, medication_id: int, *,
                       archived: bool = True) -> None:
    store = session.store
    name = store.medication(medication_id).name
    run(session, f"{'Archive' if archived else 'Unarchive'} {name}",
        lambda: store.archive_medication(medication_id, archived=archived),
        lambda _: store.archive_medication(medication_id, archived=not archived),
        lambda _: store.archive_medication(medication_id, archived=archived))


def add_plan_steps(session: DiarySession, steps: list[PlanStep], text: str = "Add plan step",
                   endings: Sequence[PlanStep] = ()) -> list[PlanStep]:
    """Add steps and end running ones (`endings`: those steps with their new end dates) in one
    transaction and one undo step: a taper and the end of the doses it replaces go together."""
    store = session.store
    previous: list[PlanStep] = []

    def action() -> list[PlanStep]:
        with store.write():
            previous.extend(store.edit_plan_step(step) for step in endings)
            return store.add_plan_steps(steps)

    def undo(saved: list[PlanStep]) -> None:
        with store.write():
            for step in saved:
                store.delete_plan_step(_id(step))
            for step in previous:
                store.edit_plan_step(step)

    def redo(saved: list[PlanStep]) -> None:
        with store.write():
            for step in endings:
                store.edit_plan_step(step)
            for step in saved:
                store.delete_plan_step(_id(step), deleted=False)

    return run(session, text, action, undo, redo)


def edit_plan_step(session: DiarySession, step: PlanStep) -> PlanStep:
    store = session.store
    return run(session, "Edit plan step", lambda: store.edit_plan_step(step),
               lambda before: store.edit_plan_step(before), lambda _: store.edit_plan_step(step))


def delete_plan_steps(session: DiarySession, step_ids: Sequence[int]) -> None:
    """Delete steps in one transaction and one undo step."""
    store = session.store
    ids = list(step_ids)

    def apply(deleted: bool) -> None:
        with store.write():
            for step_id in ids:
                store.delete_plan_step(step_id, deleted=deleted)

    text = "Delete plan step" if len(ids) == 1 else f"Delete {len(ids)} plan steps"
    run(session, text, lambda: apply(True), lambda _: apply(False), lambda _: apply(True))


def change_plan_steps(session: DiarySession, text: str, *, endings: Sequence[PlanStep] = (),
                      deleted: Sequence[int] = ()) -> None:
    """End running steps (`endings`: those steps with their new end dates) and delete others, in
    one transaction and one undo step."""
    store = session.store
    previous: list[PlanStep] = []
    ids = list(deleted)

    def apply(gone: bool, ends: Sequence[PlanStep]) -> list[PlanStep]:
        with store.write():
            before = [store.edit_plan_step(step) for step in ends]
            for step_id in ids:
                store.delete_plan_step(step_id, deleted=gone)
            return before

    def action() -> None:
        previous.extend(apply(True, endings))

    run(session, text, action, lambda _: apply(False, previous),
        lambda _: apply(True, endings))


def add_symptom(session: DiarySession, symptom: Symptom) -> Symptom:
    store = session.store
    return run(session, f"Add symptom {symptom.name}", lambda: store.add_symptom(symptom),
               lambda saved: store.archive_symptom(_id(saved)),
               lambda saved: store.archive_symptom(_id(saved), archived=False))


def rename_symptom(session: DiarySession, symptom_id: int, name: str) -> None:
    store = session.store
    old = store.symptom(symptom_id).name
    run(session, f"Rename {old}", lambda: store.rename_symptom(symptom_id, name),
        lambda _: store.rename_symptom(symptom_id, old),
        lambda _: store.rename_symptom(symptom_id, name))


def archive_symptom(session: DiarySession, symptom_id: int, *, archived: bool = True) -> None:
    store = session.store
    run(session, "Archive symptom" if archived else "Unarchive symptom",
        lambda: store.archive_symptom(symptom_id, archived=archived),
        lambda _: store.archive_symptom(symptom_id, archived=not archived),
        lambda _: store.archive_symptom(symptom_id, archived=archived))


def reorder_symptoms(session: DiarySession, ordered_ids: list[int]) -> None:
    store = session.store
    old = [_id(s) for s in store.symptoms(include_archived=True)]
    run(session, "Reorder symptoms", lambda: store.reorder_symptoms(ordered_ids),
        lambda _: store.reorder_symptoms(old), lambda _: store.reorder_symptoms(ordered_ids))


def update_info(session: DiarySession, info: DiaryInfo) -> None:
    store = session.store
    run(session, "Change settings", lambda: store.update_info(info),
        lambda before: store.update_info(before), lambda _: store.update_info(info))


# --- imports ------------------------------------------------------------------------------------
def import_entries(session: DiarySession, apply: Callable[[], ImportResult],
                   describe: Callable[[ImportResult], str]) -> ImportResult:
    """Run an import now (`apply` writes it in one transaction; it may raise) and push it as one
    undo step named `describe(result)`: undo takes back exactly the rows it added (and archives
    the medications and symptoms it created), redo brings them back. An import that added
    nothing is no step."""
    store = session.store
    result = apply()
    if (result.intake_ids or result.rating_ids or result.event_ids or result.created
            or result.created_symptoms):
        session.undo_stack.push(StoreCommand(
            session, describe(result), lambda: importing.restore_import(store, result),
            lambda: importing.withdraw_import(store, result)))
    session.changed.emit()
    return result


def _id(entity: Any) -> int:
    row_id = entity.id
    assert isinstance(row_id, int)
    return row_id
