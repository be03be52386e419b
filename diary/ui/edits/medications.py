"""Medications from the window, on the undo stack."""

from __future__ import annotations

from diary.domain.entities import Medication
from diary.ui.edits.stack import edit_row
from diary.ui.edits.stack import row_id
from diary.ui.edits.stack import run
from diary.ui.shell.session import DiarySession


def add_medication(session: DiarySession, med: Medication) -> Medication:
    store = session.store
    return run(session, f"Add {med.name}", lambda: store.medications.add(med),
               lambda saved: store.medications.archive(row_id(saved)),
               lambda saved: store.medications.archive(row_id(saved), archived=False))


def edit_medication(session: DiarySession, med: Medication) -> Medication:
    return edit_row(session, f"Edit {med.name}", session.store.medications, med)


def archive_medication(session: DiarySession, medication_id: int, *,
                       archived: bool = True) -> None:
    store = session.store
    name = store.medications.get(medication_id).name
    run(session, f"{'Archive' if archived else 'Unarchive'} {name}",
        lambda: store.medications.archive(medication_id, archived=archived),
        lambda _: store.medications.archive(medication_id, archived=not archived),
        lambda _: store.medications.archive(medication_id, archived=archived))
