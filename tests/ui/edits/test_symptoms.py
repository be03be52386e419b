"""The symptoms a person rates, from the window: added (undo archives it again), renamed,
archived and put in another order, each one undo step."""

from __future__ import annotations

from diary.domain.entities import Symptom
from diary.ui import edits
from diary.ui.shell.session import DiarySession


def names(session: DiarySession) -> list[str]:
    return [s.name for s in session.store.symptoms.all()]


def test_an_added_symptom_is_archived_by_undo(session: DiarySession) -> None:
    before = names(session)
    tingling = edits.add_symptom(session, Symptom("Tingling", scale_max=4))
    assert tingling.id is not None
    assert session.undo_stack.undoText() == "Add symptom: Tingling"
    assert names(session) == [*before, "Tingling"]
    session.undo_stack.undo()
    assert names(session) == before
    assert session.store.symptoms.get(tingling.id).archived_at is not None
    session.undo_stack.redo()
    assert names(session) == [*before, "Tingling"]


def test_a_rename_is_undone_to_the_old_name(session: DiarySession) -> None:
    spasticity = session.store.symptoms.named("Spasticity")
    assert spasticity.id is not None
    edits.rename_symptom(session, spasticity.id, "Stiffness")
    assert session.undo_stack.undoText() == "Rename Spasticity to Stiffness"
    assert session.store.symptoms.get(spasticity.id).name == "Stiffness"
    session.undo_stack.undo()
    assert session.store.symptoms.get(spasticity.id).name == "Spasticity"
    session.undo_stack.redo()
    assert session.store.symptoms.get(spasticity.id).name == "Stiffness"


def test_archive_and_unarchive(session: DiarySession) -> None:
    first = session.store.symptoms.all()[0]
    assert first.id is not None
    edits.archive_symptom(session, first.id)
    assert session.undo_stack.undoText() == f"Archive symptom: {first.name}"
    assert first.name not in names(session)
    edits.archive_symptom(session, first.id, archived=False)
    assert session.undo_stack.undoText() == f"Unarchive symptom: {first.name}"
    assert first.name in names(session)
    session.undo_stack.undo()
    assert first.name not in names(session)


def test_a_new_order_is_undone_to_the_old_one(session: DiarySession) -> None:
    before = session.store.symptoms.all(include_archived=True)
    ids = [s.id for s in before if s.id is not None]
    edits.reorder_symptoms(session, list(reversed(ids)))
    assert session.undo_stack.undoText() == "Reorder symptoms"
    assert [s.id for s in session.store.symptoms.all(include_archived=True)] == ids[::-1]
    session.undo_stack.undo()
    assert [s.id for s in session.store.symptoms.all(include_archived=True)] == ids
