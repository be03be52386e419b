"""Events from the window (an appointment, a fall...): added, edited, deleted and restored, each
one undo step that undo and redo replay on the same row."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from datetime import timedelta

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.ui import edits
from diary.ui.shell.session import DiarySession


def fall(session: DiarySession, clock: list[datetime]) -> Event:
    return edits.add_event(session, Event(clock[0] - timedelta(hours=1), EventKind.FALL,
                                          "tripped on the stairs"))


def test_an_added_event_is_taken_back_and_brought_back_as_the_same_row(
        session: DiarySession, clock: list[datetime]) -> None:
    event = fall(session, clock)
    assert event.id is not None and session.undo_stack.undoText() == "Add event: Fall"
    session.undo_stack.undo()
    assert session.store.events.get(event.id).deleted_at is not None
    session.undo_stack.redo()
    assert session.store.events.get(event.id) == event
    assert [c.action for c in session.store.audit.of("events", event.id)] == [
        "insert", "delete", "restore"]


def test_an_edit_is_undone_to_what_the_event_said(session: DiarySession,
                                                  clock: list[datetime]) -> None:
    event = fall(session, clock)
    assert event.id is not None
    was = edits.edit_event(session, replace(event, kind=EventKind.ILLNESS, text="flu"))
    assert was == event  # the row as it was, for the undo
    saved = session.store.events.get(event.id)
    assert (saved.kind, saved.text) == (EventKind.ILLNESS, "flu")
    assert session.undo_stack.undoText() == "Edit event: Illness"
    session.undo_stack.undo()
    assert session.store.events.get(event.id) == event
    session.undo_stack.redo()
    assert session.store.events.get(event.id).text == "flu"


def test_delete_and_restore_are_steps_of_their_own(session: DiarySession,
                                                   clock: list[datetime]) -> None:
    event = fall(session, clock)
    assert event.id is not None
    edits.delete_event(session, event.id)
    assert session.undo_stack.undoText() == "Delete event: Fall"
    assert session.store.events.get(event.id).deleted_at is not None
    edits.restore_event(session, event.id)
    assert session.undo_stack.undoText() == "Restore event: Fall"
    assert session.store.events.get(event.id).deleted_at is None
    session.undo_stack.undo()  # the restore
    assert session.store.events.get(event.id).deleted_at is not None
    session.undo_stack.undo()  # the delete
    assert session.store.events.get(event.id).deleted_at is None
    assert session.undo_stack.count() == 3


def test_an_event_of_no_kind_is_named_by_what_happened(session: DiarySession,
                                                       clock: list[datetime]) -> None:
    edits.add_event(session, Event(clock[0], EventKind.OTHER, "lost my keys"))
    assert session.undo_stack.undoText() == "Add event: lost my keys"
    edits.add_event(session, Event(clock[0], EventKind.OTHER,
                                   "went to the pharmacy, then the long way home by the river"))
    assert session.undo_stack.undoText() == "Add event: went to the pharmacy, then…"
    edits.add_event(session, Event(clock[0], EventKind.APPOINTMENT, "neurologist"))
    assert session.undo_stack.undoText() == "Add event: Appointment"
