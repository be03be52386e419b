"""Events (appointment, dose change, fall...) from the window, on the undo stack."""

from __future__ import annotations

from diary.domain.entities import Event
from diary.ui.edits.stack import delete_row
from diary.ui.edits.stack import edit_row
from diary.ui.edits.stack import restore_row
from diary.ui.edits.stack import row_id
from diary.ui.edits.stack import run
from diary.ui.shell.session import DiarySession


def add_event(session: DiarySession, event: Event) -> Event:
    store = session.store
    return run(session, "Add event", lambda: store.events.add(event),
               lambda saved: store.events.delete(row_id(saved)),
               lambda saved: store.events.restore(row_id(saved)))


def edit_event(session: DiarySession, event: Event) -> Event:
    return edit_row(session, "Edit event", session.store.events, event)


def delete_event(session: DiarySession, event_id: int) -> None:
    delete_row(session, "Delete event", session.store.events, event_id)


def restore_event(session: DiarySession, event_id: int) -> None:
    restore_row(session, "Restore event", session.store.events, event_id)
