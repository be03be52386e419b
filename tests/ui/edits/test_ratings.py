"""Symptom ratings from the window: the day's ratings saved as one undo step, edited, deleted and
restored."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from datetime import timedelta

from diary.domain.entities import Rating
from diary.ui import edits
from diary.ui.shell.session import DiarySession


def test_ratings_saved_as_one_action(session: DiarySession, clock: list[datetime]) -> None:
    saved = edits.add_ratings(session, [Rating(1, clock[0], 4), Rating(2, clock[0], 2)])
    day = session.today()
    assert len(session.store.ratings.between(day, day)) == 2
    assert session.undo_stack.undoText() == "Save ratings (2)"  # short enough for a menu
    session.undo_stack.undo()
    assert session.store.ratings.between(day, day) == []
    assert session.undo_stack.count() == 1
    session.undo_stack.redo()
    assert {r.id for r in session.store.ratings.between(day, day)} == {r.id for r in saved}


def test_edit_delete_and_restore_of_a_rating(session: DiarySession,
                                            clock: list[datetime]) -> None:
    [rating] = edits.add_ratings(session, [Rating(1, clock[0] - timedelta(hours=1), 6)])
    assert rating.id is not None and session.undo_stack.undoText() == "Save rating: Spasticity 6"
    edits.edit_rating(session, replace(rating, score=4, note="after physio"))
    assert session.undo_stack.undoText() == "Edit rating: Spasticity 4"
    assert session.store.ratings.get(rating.id).score == 4
    edits.delete_rating(session, rating.id)
    assert session.undo_stack.undoText() == "Delete rating: Spasticity 4"
    edits.restore_rating(session, rating.id)
    assert session.undo_stack.undoText() == "Restore rating: Spasticity 4"
    assert session.store.ratings.get(rating.id).deleted_at is None
    for _ in range(3):
        session.undo_stack.undo()
    assert session.store.ratings.get(rating.id) == rating
