"""Medications from the window: added (undo archives it again), edited, archived and unarchived,
each one undo step named after the medication."""

from __future__ import annotations

from dataclasses import replace

from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.shell.session import DiarySession


def tizanidine(session: DiarySession) -> Medication:
    return edits.add_medication(session, Medication("Tizanidine", Unit.MG, max_daily=36_000))


def test_an_added_medication_is_archived_by_undo_and_back_by_redo(
        session: DiarySession) -> None:
    med = tizanidine(session)
    assert med.id is not None
    assert session.undo_stack.undoText() == "Add Tizanidine"
    session.undo_stack.undo()
    assert session.store.medications.all() == []
    assert session.store.medications.get(med.id).archived_at is not None  # kept, as history
    session.undo_stack.redo()
    assert session.store.medications.all() == [med]


def test_an_edit_is_named_after_the_medication_and_undone_whole(session: DiarySession) -> None:
    med = tizanidine(session)
    assert med.id is not None
    edits.edit_medication(session, replace(med, max_daily=24_000, min_interval_minutes=360))
    assert session.undo_stack.undoText() == "Edit Tizanidine"
    assert session.store.medications.get(med.id).max_daily == 24_000
    session.undo_stack.undo()
    assert session.store.medications.get(med.id) == med


def test_archive_and_unarchive_say_which_they_are(session: DiarySession) -> None:
    med = tizanidine(session)
    assert med.id is not None
    edits.archive_medication(session, med.id)
    assert session.undo_stack.undoText() == "Archive Tizanidine"
    assert session.store.medications.all() == []
    edits.archive_medication(session, med.id, archived=False)
    assert session.undo_stack.undoText() == "Unarchive Tizanidine"
    assert session.store.medications.all() == [med]
    session.undo_stack.undo()
    assert session.store.medications.all() == []
    session.undo_stack.undo()
    assert session.store.medications.all() == [med]
