"""Events (appointment, dose change, fall...) from the window, on the undo stack."""

from __future__ import annotations

from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.ui.edits.stack import delete_row
from diary.ui.edits.stack import edit_row
from diary.ui.edits.stack import restore_row
from diary.ui.edits.stack import row_id
from diary.ui.edits.stack import run
from diary.ui.edits.stack import short
from diary.ui.shell.session import DiarySession


def event_words(event: Event) -> str:
    """An event in a word or two, for Edit > Undo: its kind ('Fall'), or what happened for an
    event of no particular kind ('lost my keys')."""
    if event.kind is EventKind.OTHER and event.text.strip():
        return short(event.text)
    return EVENT_KIND_LABELS[event.kind]


def add_event(session: DiarySession, event: Event) -> Event:
    store = session.store
    return run(session, f"Add event: {event_words(event)}", lambda: store.events.add(event),
               lambda saved: store.events.delete(row_id(saved)),
               lambda saved: store.events.restore(row_id(saved)))


def edit_event(session: DiarySession, event: Event) -> Event:
    return edit_row(session, f"Edit event: {event_words(event)}", session.store.events, event)


def delete_event(session: DiarySession, event_id: int) -> None:
    events = session.store.events
    delete_row(session, f"Delete event: {event_words(events.get(event_id))}", events, event_id)


def restore_event(session: DiarySession, event_id: int) -> None:
    events = session.store.events
    restore_row(session, f"Restore event: {event_words(events.get(event_id))}", events,
                event_id)
