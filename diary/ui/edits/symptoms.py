"""The symptoms a person rates, from the window, on the undo stack."""

from __future__ import annotations

from diary.domain.entities import Symptom
from diary.ui.edits.stack import row_id, run
from diary.ui.shell.session import DiarySession


def add_symptom(session: DiarySession, symptom: Symptom) -> Symptom:
    store = session.store
    return run(session, f"Add symptom {symptom.name}", lambda: store.add_symptom(symptom),
               lambda saved: store.archive_symptom(row_id(saved)),
               lambda saved: store.archive_symptom(row_id(saved), archived=False))


def rename_symptom(session: DiarySession, symptom_id: int, name: str) -> None:
    store = session.store
    old = store.symptom(symptom_id).name
    run(session, f"Rename {old}", lambda: store.rename_symptom(symptom_id, name),
        lambda _: store.rename_symptom(symptom_id, old),
        lambda _: store.rename_symptom(symptom_id, name))


def archive_symptom(session: DiarySession, symptom_id: int, *, archived: bool = True) -> None:
    store = session.store
    run(session, "Archive symptom" if archived else "Unarchive symptom",
        lambda: store.archive_symptom(symptom_id, archived=archived),
        lambda _: store.archive_symptom(symptom_id, archived=not archived),
        lambda _: store.archive_symptom(symptom_id, archived=archived))


def reorder_symptoms(session: DiarySession, ordered_ids: list[int]) -> None:
    store = session.store
    old = [row_id(s) for s in store.symptoms(include_archived=True)]
    run(session, "Reorder symptoms", lambda: store.reorder_symptoms(ordered_ids),
        lambda _: store.reorder_symptoms(old), lambda _: store.reorder_symptoms(ordered_ids))
