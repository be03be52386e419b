"""What the Today view holds that is not saved yet, said in plain words: the window asks before
closing on it. (Ctrl+Z after a save: test_fields.py.)"""

from __future__ import annotations

from datetime import datetime
from datetime import time

import pytest

from diary.domain.entities import EventKind
from diary.storage.store import open_diary
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import click
from tests.ui.today.support import baclofen
from tests.ui.today.support import make_view
from tests.ui.today.support import paracetamol
from tests.ui.today.support import row


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
        "An event typed and not added (no kind chosen: “dizzy”)",
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
    click(qtbot, view.events.add_button)  # no kind chosen yet: not added, still unsaved
    assert view.unsaved_changes() == ["An event typed and not added (no kind chosen: “dizzy”)"]
    view.events.kind.setCurrentIndex(view.events.kind.findData(EventKind.FALL.value))
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
