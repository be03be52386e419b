"""The one undo stack of the window: every edit of diary data is an undoable command on it, named
in words for Edit > Undo and "Undone: …" by what it did and to what ("Log dose: Baclofen 20 mg
at 08:10", "Add event: Fall"; `named`).

An action runs once before it is pushed, so a value the diary refuses raises to the caller (who
shows the message) and never reaches the stack. Undo and redo of an add use delete and restore of
the same row, so ids stay stable and the audit trail tells the whole story; an edit and a delete
are undone alike whatever the row (`edit_row`, `delete_row`).

Edit > Undo and Redo go through `undo_last` and `redo_next`, which run the command's operation
first, in one transaction, and let the stack move only once it succeeded: a diary that refuses
(locked by another program, read-only underneath, a full disk) leaves the file, the stack and the
menu as they were, and the session's `failed` says why. An undo or redo that lowers the planned
daily amount of a medication that needs a taper is a change of plan like any other: it says
before -> after and the label's warning, and the default answer puts the plan back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any
from typing import Protocol
from typing import TypeVar

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.errors import ValidationError
from diary.domain.plans.changes import dose_cut
from diary.storage import NotFoundError
from diary.storage import ReadOnlyError
from diary.storage.errors import OS_REASONS
from diary.storage.errors import disk_reason
from diary.storage.errors import os_reason
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs

T = TypeVar("T")
E = TypeVar("E")
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
    """Edit > Undo: undo the last change if the diary takes it; True when it was undone (the
    session's `undone` then says which). An undo that lowers a taper-required medication's plan
    is asked about (`_kept`)."""
    text = session.undo_stack.undoText()
    done = _move(session, parent, undoing=True)
    if done:
        session.undone.emit(text)
    return done


def redo_next(session: DiarySession, parent: QWidget | None = None) -> bool:
    """Edit > Redo: redo the change last undone if the diary takes it; True when it was redone
    (the session's `redone` then says which)."""
    text = session.undo_stack.redoText()
    done = _move(session, parent, undoing=False)
    if done:
        session.redone.emit(text)
    return done


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
    return {m.id: (m, [] if m.archived_at is not None else store.plans.steps(m.id))
            for m in store.medications.all(include_archived=True)
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


def run(session: DiarySession, text: str | Callable[[T], str], action: Callable[[], T],
        undo: Callable[[T], Any], redo: Callable[[T], Any]) -> T:
    """Run `action` now (it may raise), then push it so Undo calls `undo(result)`. `text` is
    what Edit > Undo says ("Log dose: Baclofen 20 mg at 08:10"), or makes it from the result."""
    result = action()
    said = text(result) if callable(text) else text
    session.undo_stack.push(
        StoreCommand(session, said, lambda: redo(result), lambda: undo(result))
    )
    session.changed.emit()
    return result


def named(text: str, *names: str) -> str:
    """`text` followed by what it was done to, for Edit > Undo and "Undone: …" ('Add plan step:
    Baclofen'); a name `text` already holds is not said twice ('Taper Baclofen')."""
    shown = [name for name in dict.fromkeys(names) if name and name not in text]
    return f"{text}: {', '.join(shown)}" if shown else text


def short(text: str, limit: int = 30) -> str:
    """A person's words cut to fit a menu item, at a word when one ends late enough: 'went to
    the pharmacy, then…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


class Editable(Protocol[E]):
    """A part of the store whose edit returns the row as it was (doses, ratings, events,
    medications, plan steps)."""

    def edit(self, row: E, /) -> E: ...


class Restorable(Protocol):
    """A part of the store that keeps a deleted row, to restore it (doses, ratings, events)."""

    def delete(self, row_id: int, /) -> None: ...

    def restore(self, row_id: int, /) -> None: ...


def edit_row(session: DiarySession, text: str, part: Editable[E], row: E) -> E:
    """Save `row` over the row of its id; Undo puts back the row as it was, Redo saves `row`
    again. Returns the row as it was."""
    return run(session, text, lambda: part.edit(row), part.edit, lambda _: part.edit(row))


def delete_row(session: DiarySession, text: str, part: Restorable, row_id: int) -> None:
    """Delete a row; Undo restores it, Redo deletes it again."""
    run(session, text, lambda: part.delete(row_id), lambda _: part.restore(row_id),
        lambda _: part.delete(row_id))


def restore_row(session: DiarySession, text: str, part: Restorable, row_id: int) -> None:
    """Bring a deleted row back; Undo deletes it again, Redo restores it."""
    run(session, text, lambda: part.restore(row_id), lambda _: part.delete(row_id),
        lambda _: part.restore(row_id))


def row_id(entity: Any) -> int:
    row_id = entity.id
    assert isinstance(row_id, int)
    return row_id
