"""A dose on the undo stack for a test's setup, as the window's edits would leave it, without
the safety verdict: the program itself records a dose only through diary.ui.edits.doses (or
storage.dosing), which checks it first. Tests use these to arrange a diary, never to test a
write path."""

from __future__ import annotations

from diary.domain.entities import Intake
from diary.ui import edits
from diary.ui.shell.session import DiarySession


def add_intake(session: DiarySession, intake: Intake, text: str = "Log dose") -> Intake:
    store = session.store

    def saved_id(saved: Intake) -> int:
        assert saved.id is not None
        return saved.id

    return edits.run(session, text, lambda: store.intakes.add(intake),
                    lambda saved: store.intakes.delete(saved_id(saved)),
                    lambda saved: store.intakes.restore(saved_id(saved)))


def edit_intake(session: DiarySession, intake: Intake) -> Intake:
    store = session.store
    return edits.run(session, "Edit dose", lambda: store.intakes.edit(intake),
                    lambda before: store.intakes.edit(before), lambda _: store.intakes.edit(intake))
