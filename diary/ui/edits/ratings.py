"""Symptom ratings from the window, on the undo stack."""

from __future__ import annotations

from diary.domain.entities import Rating
from diary.ui.edits.stack import delete_row
from diary.ui.edits.stack import edit_row
from diary.ui.edits.stack import restore_row
from diary.ui.edits.stack import row_id
from diary.ui.edits.stack import run
from diary.ui.shell.session import DiarySession


def add_ratings(session: DiarySession, ratings: list[Rating]) -> list[Rating]:
    store = session.store

    def undo(saved: list[Rating]) -> None:
        for rating in saved:
            store.ratings.delete(row_id(rating))

    def redo(saved: list[Rating]) -> None:
        for rating in saved:
            store.ratings.restore(row_id(rating))

    text = "Save rating" if len(ratings) == 1 else "Save ratings"
    return run(session, text, lambda: store.ratings.add_all(ratings), undo, redo)


def edit_rating(session: DiarySession, rating: Rating) -> Rating:
    return edit_row(session, "Edit rating", session.store.ratings, rating)


def delete_rating(session: DiarySession, rating_id: int) -> None:
    delete_row(session, "Delete rating", session.store.ratings, rating_id)


def restore_rating(session: DiarySession, rating_id: int) -> None:
    restore_row(session, "Restore rating", session.store.ratings, rating_id)
