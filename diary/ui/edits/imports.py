"""A CSV import as one step on the undo stack."""

from __future__ import annotations

from collections.abc import Callable

from diary.storage import ImportResult
from diary.ui.edits.stack import StoreCommand
from diary.ui.shell.session import DiarySession


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
            session, describe(result), lambda: store.imports.restore(result),
            lambda: store.imports.withdraw(result)))
    session.changed.emit()
    return result
