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

    def text(saved: list[Rating]) -> str:  # named once the diary took them
        if len(saved) == 1:
            return f"Save rating: {rating_words(session, saved[0])}"
        return f"Save ratings ({len(saved)})"

    return run(session, text, lambda: store.ratings.add_all(ratings), undo, redo)


def rating_words(session: DiarySession, rating: Rating) -> str:
    """A rating in a few words, for Edit > Undo: 'Spasticity 6'."""
    return f"{session.store.symptoms.get(rating.symptom_id).name} {rating.score}"


def edit_rating(session: DiarySession, rating: Rating) -> Rating:
    return edit_row(session, f"Edit rating: {rating_words(session, rating)}",
                    session.store.ratings, rating)


def delete_rating(session: DiarySession, rating_id: int) -> None:
    ratings = session.store.ratings
    delete_row(session, f"Delete rating: {rating_words(session, ratings.get(rating_id))}",
               ratings, rating_id)


def restore_rating(session: DiarySession, rating_id: int) -> None:
    ratings = session.store.ratings
    restore_row(session, f"Restore rating: {rating_words(session, ratings.get(rating_id))}",
                ratings, rating_id)
