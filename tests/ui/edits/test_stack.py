"""Every edit goes on the one undo stack; undo and redo replay it on the same rows."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Rating
from diary.domain.errors import ValidationError
from diary.ui import edits
from diary.ui.shell.session import DiarySession
from tests.helpers import store_sql
from tests.helpers.doses import add_intake
from tests.helpers.locks import locked
from tests.ui.edits.support import baclofen
from tests.ui.today.support import baclofen as planned_baclofen


def test_add_dose_undo_redo_keeps_the_same_row(session: DiarySession,
                                               clock: list[datetime]) -> None:
    med = baclofen(session)
    dose = add_intake(session, Intake(med.id, clock[0] - timedelta(hours=1), 20_000))
    day = session.today()
    assert [i.id for i in session.store.intakes.between(day, day)] == [dose.id]
    session.undo_stack.undo()
    assert session.store.intakes.between(day, day) == []
    session.undo_stack.redo()
    assert [i.id for i in session.store.intakes.between(day, day)] == [dose.id]
    assert [c.action for c in session.store.audit.of("intakes", dose.id)] == [
        "insert", "delete", "restore"]


def test_a_refused_value_never_reaches_the_stack(session: DiarySession,
                                                 clock: list[datetime]) -> None:
    med = baclofen(session)
    depth = session.undo_stack.count()
    with pytest.raises(ValidationError):
        add_intake(session, Intake(med.id, clock[0] + timedelta(hours=1), 20_000))
    assert session.undo_stack.count() == depth


def test_every_write_emits_changed(session: DiarySession, clock: list[datetime], qtbot) -> None:
    with qtbot.waitSignal(session.changed, timeout=1000):
        edits.add_event(session, Event(clock[0], EventKind.FALL, "tripped"))
    with qtbot.waitSignal(session.changed, timeout=1000):
        session.undo_stack.undo()


def test_a_failed_undo_is_reported_not_raised(session: DiarySession, clock: list[datetime],
                                              qtbot) -> None:
    event = edits.add_event(session, Event(clock[0], EventKind.OTHER, "x"))
    store_sql.tables(session.store).read_only = True  # as if the file became read-only underneath
    with qtbot.waitSignal(session.failed, timeout=1000) as blocker:
        session.undo_stack.undo()
    assert "Add event" in blocker.args[0] and "read-only" in blocker.args[0]
    store_sql.tables(session.store).read_only = False
    assert session.store.events.get(event.id).deleted_at is None


# --- a diary that refuses: the stack tells the truth ----------------------------------------------
def test_a_failed_undo_under_a_lock_leaves_the_change_undoable(session: DiarySession,
                                                               clock: list[datetime],
                                                               qtbot) -> None:
    event = edits.add_event(session, Event(clock[0], EventKind.OTHER, "x"))
    stack = session.undo_stack
    with locked(session.store), qtbot.waitSignal(session.failed, timeout=1000) as failed, \
                qtbot.waitSignal(session.changed, timeout=1000):  # the views read the file again
        assert not edits.undo_last(session)
    assert "Could not undo “Add event: x”" in failed.args[0] and "busy" in failed.args[0]
    assert session.store.events.get(event.id).deleted_at is None  # still in the file
    assert (stack.index(), stack.canUndo(), stack.canRedo()) == (1, True, False)
    assert stack.undoText() == "Add event: x"  # the menu still offers it, truthfully
    assert edits.undo_last(session)  # the lock is gone: it works now
    assert session.store.events.get(event.id).deleted_at is not None
    assert [c.action for c in session.store.audit.of("events", event.id)] == [
        "insert", "delete"]  # undone once, not twice


def test_a_failed_redo_under_a_lock_leaves_the_change_redoable(session: DiarySession,
                                                               clock: list[datetime],
                                                               qtbot) -> None:
    event = edits.add_event(session, Event(clock[0], EventKind.OTHER, "x"))
    assert edits.undo_last(session)
    stack = session.undo_stack
    with locked(session.store), qtbot.waitSignal(session.failed, timeout=1000) as failed:
        assert not edits.redo_next(session)
    assert "Could not redo “Add event: x”" in failed.args[0]
    assert session.store.events.get(event.id).deleted_at is not None
    assert (stack.index(), stack.canRedo(), stack.redoText()) == (0, True, "Add event: x")
    assert edits.redo_next(session)
    assert session.store.events.get(event.id).deleted_at is None


def test_an_undo_of_several_rows_is_all_or_nothing(session: DiarySession,
                                                   clock: list[datetime], monkeypatch) -> None:
    saved = edits.add_ratings(session, [Rating(1, clock[0], 4), Rating(2, clock[0], 2)])
    store = session.store
    real = store.ratings.delete
    calls: list[int] = []

    def second_fails(rating_id: int, **kwargs: object) -> None:
        calls.append(rating_id)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(rating_id)

    monkeypatch.setattr(store.ratings, "delete", second_fails)
    failed: list[str] = []
    session.failed.connect(failed.append)
    assert not edits.undo_last(session)
    assert "No space left on device" in failed[0]
    day = session.today()
    assert {r.id for r in store.ratings.between(day, day)} == {r.id for r in saved}  # none undone
    assert session.undo_stack.canUndo()


def test_a_stack_driven_directly_never_raises_out_of_qt(session: DiarySession,
                                                        clock: list[datetime], qtbot) -> None:
    """Something that calls the stack itself (not Edit > Undo) still gets no exception out of
    QUndoCommand.undo: the command the diary refused is dropped and `failed` says so."""
    event = edits.add_event(session, Event(clock[0], EventKind.OTHER, "x"))
    with locked(session.store), qtbot.waitSignal(session.failed, timeout=1000) as failed:
        session.undo_stack.undo()
    assert "can no longer be taken back" in failed.args[0]
    assert session.store.events.get(event.id).deleted_at is None
    assert session.undo_stack.count() == 0  # the stack no longer claims it can undo it


def test_undo_and_redo_tell_the_session_what_they_did(session: DiarySession,
                                                      clock: list[datetime]) -> None:
    heard: list[tuple[str, str]] = []
    session.undone.connect(lambda text: heard.append(("undone", text)))
    session.redone.connect(lambda text: heard.append(("redone", text)))
    edits.add_event(session, Event(clock[0] - timedelta(minutes=5), EventKind.FALL, "tripped"))
    assert edits.undo_last(session) and edits.redo_next(session)
    assert heard == [("undone", "Add event: Fall"), ("redone", "Add event: Fall")]
    assert not edits.redo_next(session)  # nothing to redo: nothing said
    assert len(heard) == 2


def test_an_undo_taken_back_at_once_is_not_told(session: DiarySession,
                                                dialog_answers) -> None:
    """An undo that would lower a taper-required medication's plan, and the person chose to put
    the plan back: nothing changed, so nothing is said."""
    med = planned_baclofen(session)  # 60 mg/day, taper required
    edits.archive_medication(session, med.id)
    edits.archive_medication(session, med.id, archived=False)
    heard: list[str] = []
    session.undone.connect(heard.append)
    session.redone.connect(heard.append)
    dialog_answers.always(False)  # "Put the plan back"
    assert not edits.undo_last(session)
    assert heard == []
