"""A CSV import as one undo step: undo takes back exactly the rows it added, redo brings them
back; an import that added nothing is no step, and one the diary refuses reaches no stack."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.errors import ValidationError
from diary.storage import ImportResult
from diary.ui import edits
from diary.ui.shell.session import DiarySession


def two_events(clock: list[datetime]) -> list[Event]:
    return [Event(clock[0] - timedelta(days=2), EventKind.APPOINTMENT, "neurologist"),
            Event(clock[0] - timedelta(days=1), EventKind.FALL, "kitchen")]


def described(result: ImportResult) -> str:
    return f"Import {result.events} events"


def test_the_rows_an_import_added_go_and_come_back_together(session: DiarySession,
                                                            clock: list[datetime],
                                                            qtbot) -> None:
    own = edits.add_event(session, Event(clock[0] - timedelta(hours=3), EventKind.OTHER, "mine"))
    store = session.store
    with qtbot.waitSignal(session.changed, timeout=1000):
        result = edits.import_entries(
            session, lambda: store.imports.add([], [], two_events(clock)), described)
    assert len(result.event_ids) == 2
    assert session.undo_stack.undoText() == "Import 2 events"
    session.undo_stack.undo()
    assert store.events.between(date.min, date.max) == [own]  # the person's own entry stays
    session.undo_stack.redo()
    assert sorted(e.id for e in store.events.between(date.min, date.max)) == sorted(
        [own.id, *result.event_ids])


def test_an_import_that_added_nothing_is_no_step(session: DiarySession,
                                                 clock: list[datetime], qtbot) -> None:
    store = session.store
    edits.import_entries(session, lambda: store.imports.add([], [], two_events(clock)),
                         described)
    depth = session.undo_stack.count()
    with qtbot.waitSignal(session.changed, timeout=1000):  # the views read the diary again
        again = edits.import_entries(
            session, lambda: store.imports.add([], [], two_events(clock)), described)
    assert again.events == 0 and again.event_ids == ()
    assert session.undo_stack.count() == depth


def test_an_import_the_diary_refuses_reaches_no_stack(session: DiarySession,
                                                      clock: list[datetime]) -> None:
    store = session.store
    future = [Event(clock[0] + timedelta(days=1), EventKind.OTHER, "tomorrow")]
    with pytest.raises(ValidationError):
        edits.import_entries(session, lambda: store.imports.add([], [], future), described)
    assert session.undo_stack.count() == 0
    assert store.events.between(date.min, date.max) == []
