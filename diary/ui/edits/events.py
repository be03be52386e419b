"""Events (appointment, dose change, fall...) from the window, on the undo stack."""

from __future__ import annotations

from diary.domain.entities import Event
from diary.ui.edits.stack import row_id, run
from diary.ui.shell.session import DiarySession


def add_event(session: DiarySession, event: Event) -> Event:
    store = session.store
    return run(session, "Add event", lambda: store.add_event(event),
               lambda saved: store.delete_event(row_id(saved)),
               lambda saved: store.restore_event(row_id(saved)))


def edit_event(session: DiarySession, event: Event) -> Event:
    store = session.store
    return run(session, "Edit event", lambda: store.edit_event(event),
               lambda before: store.edit_event(before), lambda _: store.edit_event(event))


def delete_event(session: DiarySession, event_id: int) -> None:
    store = session.store
    run(session, "Delete event", lambda: store.delete_event(event_id),
        lambda _: store.restore_event(event_id), lambda _: store.delete_event(event_id))
