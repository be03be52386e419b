"""The Today view's events: add one with a kind and a line of text (Enter or the button), see
today's, a kind is never chosen for the person, and a diary that refuses it keeps what was
typed."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta

from PySide6.QtCore import Qt

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.ui import edits
from diary.ui.shell.session import DiarySession
from tests.helpers.locks import locked
from tests.helpers.qt import click
from tests.ui.today.support import DAY
from tests.ui.today.support import at
from tests.ui.today.support import make_view


def test_an_event_is_added(qtbot, session: DiarySession) -> None:
    view = make_view(qtbot, session)
    assert view.events.today.text() == "No events today."
    assert not view.events.add_button.isEnabled()  # nothing typed yet
    view.events.kind.setCurrentIndex(view.events.kind.findData(EventKind.FALL.value))
    qtbot.keyClicks(view.events.text, "tripped on the stairs")
    qtbot.keyClick(view.events.text, Qt.Key.Key_Return)
    [event] = session.store.events.between(DAY, DAY)
    assert (event.kind, event.text, event.at) == (EventKind.FALL, "tripped on the stairs",
                                                  at(21))
    assert view.events.today.text() == "21:00  Fall: tripped on the stairs"
    assert view.events.text.text() == ""
    assert session.undo_stack.undoText() == "Add event: Fall"
    assert view.events.chosen_kind() is None  # the next event's kind is chosen afresh


def test_every_event_kind_is_offered(qtbot, session: DiarySession) -> None:
    view = make_view(qtbot, session)
    kinds = [view.events.kind.itemText(i) for i in range(view.events.kind.count())]
    assert kinds == ["Choose a kind…", "Appointment", "Dose change by clinician", "Fall",
                     "Illness", "Other"]
    assert view.events.kind.currentIndex() == 0 and view.events.chosen_kind() is None


def choose(view, kind: EventKind) -> None:
    view.events.kind.setCurrentIndex(view.events.kind.findData(kind.value))


def test_no_kind_is_chosen_for_the_person(qtbot, session: DiarySession) -> None:
    """Reviewer: Ctrl+E, text, Enter filed an appointment (and the next report's default range
    shrank to one day). Now Add and Enter say what is missing beside the chooser, and store
    nothing until a kind is chosen."""
    view = make_view(qtbot, session)
    events = view.events
    error = events.kind_error
    assert error.isHidden()
    qtbot.keyClicks(events.text, "dizzy after lunch")
    qtbot.keyClick(events.text, Qt.Key.Key_Return)
    assert session.store.events.between(DAY, DAY) == []
    assert not error.isHidden() and error.text() == "⚠ Choose what kind of event this is"
    assert error.accessibleDescription() == "Choose what kind of event this is"
    click(qtbot, events.add_button)
    assert session.store.events.between(DAY, DAY) == [] and session.undo_stack.count() == 0
    assert events.text.text() == "dizzy after lunch"  # kept as typed
    assert events.unsaved_changes() == [
        "An event typed and not added (no kind chosen: “dizzy after lunch”)"]
    choose(view, EventKind.ILLNESS)
    assert error.isHidden()  # answered
    click(qtbot, events.add_button)
    [event] = session.store.events.between(DAY, DAY)
    assert (event.kind, event.text) == (EventKind.ILLNESS, "dizzy after lunch")
    assert view.notice.text() == "Added illness at 21:00. Ctrl+Z undoes it."


def test_the_missing_kind_takes_no_room_of_its_own(qtbot, session: DiarySession) -> None:
    view = make_view(qtbot, session)
    view.resize(1366, 700)
    view.show()
    qtbot.waitExposed(view)
    text_field = view.events.text
    before = text_field.mapTo(view, text_field.rect().topLeft())
    text_field.setText("fell")
    view.events.add()
    qtbot.waitUntil(lambda: view.events.kind_error.isVisible())
    assert text_field.mapTo(view, text_field.rect().topLeft()) == before


def test_a_locked_diary_keeps_the_typed_event_and_says_so(qtbot, session: DiarySession,
                                                          dialog_answers) -> None:
    view = make_view(qtbot, session)
    told: list[str] = []
    view.events.notice.connect(told.append)
    choose(view, EventKind.APPOINTMENT)
    view.events.text.setText("dizzy after lunch")
    with locked(session.store):
        click(qtbot, view.events.add_button)
    [(title, text)] = dialog_answers.errors
    assert title == "The event was not added" and "busy" in text
    assert told == [f"Event not added: {text}"]
    assert view.events.text.text() == "dizzy after lunch"
    assert session.store.events.between(DAY, DAY) == []
    click(qtbot, view.events.add_button)  # the lock is gone: the same text is added
    assert [e.text for e in session.store.events.between(DAY, DAY)] == ["dizzy after lunch"]
    assert told[-1] == "Added appointment at 21:00. Ctrl+Z undoes it."


def test_blank_text_adds_nothing(qtbot, session: DiarySession) -> None:
    view = make_view(qtbot, session)
    view.events.text.setText("   ")
    assert not view.events.add_button.isEnabled()
    qtbot.keyClick(view.events.text, Qt.Key.Key_Return)
    assert session.store.events.between(DAY, DAY) == []
    assert view.events.unsaved_changes() == []


def test_todays_events_are_listed_by_time(qtbot, session: DiarySession,
                                          clock: list[datetime]) -> None:
    edits.add_event(session, Event(at(9, 30), EventKind.APPOINTMENT, "neurologist"))
    edits.add_event(session, Event(at(7, 5), EventKind.FALL, "bathroom"))
    edits.add_event(session, Event(clock[0] - timedelta(days=1), EventKind.OTHER, "yesterday"))
    view = make_view(qtbot, session)
    assert view.events.today.text() == "07:05  Fall: bathroom\n09:30  Appointment: neurologist"
