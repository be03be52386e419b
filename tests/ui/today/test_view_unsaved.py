"""What the Today view holds that is not saved yet (the window asks before closing on it), and
Ctrl+Z after a save: it undoes the saved entry (Edit > Undo), it does not bring the typed text
back into the field for a second Enter to save twice."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from PySide6.QtCore import Qt

from diary.storage.store import open_diary
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import activate, click
from tests.ui.today.support import DAY, baclofen, make_view, paracetamol, row, with_edit_undo


def test_ctrl_z_after_adding_an_event_undoes_it(qtbot, session: DiarySession) -> None:
    """Reviewer: after adding an event, Ctrl+Z brought "dizzy" back into the text box, so the
    next Enter added a duplicate."""
    view = make_view(qtbot, session)
    with_edit_undo(view, session)
    activate(qtbot, view)
    view.events.focus_text()
    qtbot.keyClicks(view.events.text, "dizzy")
    qtbot.keyClick(view.events.text, Qt.Key.Key_Return)
    assert len(session.store.events.between(DAY, DAY)) == 1
    qtbot.keyClick(view.events.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.store.events.between(DAY, DAY) == []
    assert view.events.text.text() == ""
    qtbot.keyClick(view.events.text, Qt.Key.Key_Return)  # nothing to add twice
    assert session.store.events.between(DAY, DAY) == []
    assert session.undo_stack.canRedo() and not session.undo_stack.canUndo()


def test_ctrl_z_after_saving_ratings_undoes_them(qtbot, session: DiarySession) -> None:
    view = make_view(qtbot, session)
    with_edit_undo(view, session)
    activate(qtbot, view)
    first = next(iter(view.ratings.scales.values()))
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_7)
    view.ratings.note.setFocus()
    qtbot.keyClicks(view.ratings.note, "stiff morning")
    qtbot.keyClick(view.ratings.note, Qt.Key.Key_Return)
    assert [r.score for r in session.store.ratings.between(DAY, DAY)] == [7]
    qtbot.keyClick(view.ratings.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.store.ratings.between(DAY, DAY) == []
    assert view.ratings.note.text() == ""


def test_unsaved_changes_in_plain_words(qtbot, session: DiarySession) -> None:
    """Reviewer: a rating of 7 and an event typed, then the window closed: no question."""
    med = baclofen(session)
    paracetamol(session)
    view = make_view(qtbot, session)
    assert view.unsaved_changes() == []
    first = next(iter(view.ratings.scales.values()))
    first.set_value(7)
    view.ratings.note.setText("bad night")
    view.events.text.setText("dizzy")
    assert view.unsaved_changes() == [
        "Symptom ratings set and not saved (Spasticity 7/10)",
        "A note for the ratings, not saved (“bad night”)",
        "An event typed and not added (appointment: “dizzy”)",
    ]
    # The as-needed form counts only when it differs from what was prefilled.
    assert view.dose.amount.text() == "1000"
    view.dose.amount.setText("500")
    assert "An as-needed dose of Paracetamol typed and not logged (500 mg)" in \
        view.unsaved_changes()
    view.dose.amount.setText("1000")
    view.dose.at.setText("12:15")
    assert "An as-needed dose of Paracetamol typed and not logged (1000 mg, at 12:15)" in \
        view.unsaved_changes()
    view.dose.at.setText("")
    # A time typed under "Other…" for a slot.
    evening = row(view, med, time(20))
    click(qtbot, evening.other)
    assert not any("A time typed" in c for c in view.unsaved_changes())  # the slot's own time
    evening.at.setText("20:40")
    assert "A time typed for Baclofen, the 20:00 dose, not saved (20:40)" in \
        view.unsaved_changes()
    evening.close_editor()
    # Saved, nothing is left unsaved.
    click(qtbot, view.ratings.save_button)
    click(qtbot, view.events.add_button)
    assert view.unsaved_changes() == []


def test_a_read_only_view_holds_nothing_unsaved(qtbot, session: DiarySession,
                                                clock: list[datetime],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    paracetamol(session)
    path = session.store.path
    session.store.close()
    reader = open_diary(path, read_only=True, clock=lambda: clock[0])
    try:
        view = make_view(qtbot, DiarySession(reader, lambda: clock[0]))
        view.events.text.setText("x")  # disabled fields: nothing the user could have typed
        assert view.unsaved_changes() == []
    finally:
        reader.close()
