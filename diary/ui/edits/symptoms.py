"""The symptoms a person rates, from the window, on the undo stack."""

from __future__ import annotations

from diary.domain.entities import Symptom
from diary.ui.edits.stack import row_id
from diary.ui.edits.stack import run
from diary.ui.shell.session import DiarySession


def add_symptom(session: DiarySession, symptom: Symptom) -> Symptom:
    store = session.store
    return run(session, f"Add symptom: {symptom.name}", lambda: store.symptoms.add(symptom),
               lambda saved: store.symptoms.archive(row_id(saved)),
               lambda saved: store.symptoms.archive(row_id(saved), archived=False))


def rename_symptom(session: DiarySession, symptom_id: int, name: str) -> None:
    store = session.store
    old = store.symptoms.get(symptom_id).name
    run(session, f"Rename {old} to {name}", lambda: store.symptoms.rename(symptom_id, name),
        lambda _: store.symptoms.rename(symptom_id, old),
        lambda _: store.symptoms.rename(symptom_id, name))


def archive_symptom(session: DiarySession, symptom_id: int, *, archived: bool = True) -> None:
    store = session.store
    verb = "Archive" if archived else "Unarchive"
    run(session, f"{verb} symptom: {store.symptoms.get(symptom_id).name}",
        lambda: store.symptoms.archive(symptom_id, archived=archived),
        lambda _: store.symptoms.archive(symptom_id, archived=not archived),
        lambda _: store.symptoms.archive(symptom_id, archived=archived))


def reorder_symptoms(session: DiarySession, ordered_ids: list[int]) -> None:
    store = session.store
    old = [row_id(s) for s in store.symptoms.all(include_archived=True)]
    run(session, "Reorder symptoms", lambda: store.symptoms.reorder(ordered_ids),
        lambda _: store.symptoms.reorder(old), lambda _: store.symptoms.reorder(ordered_ids))
