"""Events (appointment, dose change, fall...) from the window, on the undo stack."""

from __future__ import annotations

from diary.domain.entities import Event
from diary.ui.edits.stack import row_id, run
from diary.ui.shell.session import DiarySession


def add_event(session: DiarySession, event: Event) -> Event:
    store = session.store
    return run(session, "Add event", lambda: store.events.add(event),
               lambda saved: store.events.delete(row_id(saved)),
               lambda saved: store.events.restore(row_id(saved)))


def edit_event(session: DiarySession, event: Event) -> Event:
    store = session.store
    return run(session, "Edit event", lambda: store.events.edit(event),
               lambda before: store.events.edit(before), lambda _: store.events.edit(event))


def delete_event(session: DiarySession, event_id: int) -> None:
    store = session.store
    run(session, "Delete event", lambda: store.events.delete(event_id),
        lambda _: store.events.restore(event_id), lambda _: store.events.delete(event_id))
