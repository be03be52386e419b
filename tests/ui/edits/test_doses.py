"""A dose from the window: one dosing call as one undo step, nothing on the stack when the
verdict needs a confirmation, and the question asked before it in words true for what was
found."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from datetime import time
from datetime import timedelta

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Slot
from diary.domain.findings import DoseVerdict
from diary.domain.findings import Finding
from diary.domain.findings import FindingKind
from diary.domain.findings import Severity
from diary.ui import edits
from diary.ui.edits.doses import dose_question
from diary.ui.shell.session import DiarySession
from tests.helpers.doses import add_intake
from tests.helpers.doses import edit_intake
from tests.ui.edits.support import baclofen


def test_edit_and_delete_undo(session: DiarySession, clock: list[datetime]) -> None:
    med = baclofen(session)
    dose = add_intake(session, Intake(med.id, clock[0] - timedelta(hours=1), 20_000))
    edit_intake(session, replace(dose, amount=15_000))
    assert session.store.intakes.get(dose.id).amount == 15_000
    edits.delete_intake(session, dose.id)
    assert session.store.intakes.get(dose.id).deleted_at is not None
    session.undo_stack.undo()
    assert session.store.intakes.get(dose.id).deleted_at is None
    session.undo_stack.undo()
    assert session.store.intakes.get(dose.id).amount == 20_000
    session.undo_stack.redo()
    assert session.store.intakes.get(dose.id).amount == 15_000
    assert session.undo_stack.undoText() == "Edit dose"


def test_each_dose_step_says_which_dose(session: DiarySession, clock: list[datetime]) -> None:
    """Issue 18: "Undone: Log dose" did not say which: Edit > Undo names the medication, the
    amount and the time."""
    med = baclofen(session)
    stack = session.undo_stack
    at = clock[0] - timedelta(minutes=50)  # 20:10
    logged = edits.add_dose(session, Intake(med.id, at, 20_000), "Log dose", timing=False)
    assert logged.saved is not None and logged.saved.id is not None
    assert stack.undoText() == "Log dose: Baclofen 20 mg at 20:10"
    edits.edit_dose(session, replace(logged.saved, amount=15_000, at=at + timedelta(minutes=5)))
    assert stack.undoText() == "Edit dose: Baclofen 15 mg at 20:15"
    edits.delete_intake(session, logged.saved.id)
    assert stack.undoText() == "Delete dose: Baclofen 15 mg at 20:15"
    skipped = Intake(med.id, at, 20_000, IntakeStatus.SKIPPED,
                     slot=Slot(at.date(), time(8, 0)))
    edits.add_dose(session, skipped, "Skip dose", timing=False)
    assert stack.undoText() == "Skip dose: Baclofen 20 mg due 08:00"
    # A text that names the dose already (a reminder's) is kept as it is.
    edits.add_dose(session, Intake(med.id, at, 20_000), "Log Baclofen 20 mg (20:00)",
                   timing=False, confirmed=True)
    assert stack.undoText() == "Log Baclofen 20 mg (20:00)"


def finding(kind: FindingKind, message: str) -> Finding:
    return Finding(kind, Severity.WARNING, message, 1)


def test_each_kind_is_asked_in_words_true_for_it() -> None:
    """A dose early for its slot may be a click on the wrong "Take now"; a dose near another may
    be the same dose entered twice: the question says which, and "not taken" fits each."""
    early = finding(FindingKind.EARLY_FOR_SLOT, "Baclofen: 09:30 is 4 h 30 min before …")
    near = finding(FindingKind.NEAR_ANOTHER_DOSE, "Baclofen: a dose was already taken …")
    interval = finding(FindingKind.INSIDE_MIN_INTERVAL, "Paracetamol: only 1 h from …")
    asked = {name: dose_question(DoseVerdict(found)) for name, found in (
        ("early", (early,)), ("near", (near,)), ("interval", (interval,)),
        ("interval and near", (interval, near)))}
    assert [(q.text.split("\n\n")[-1], q.taken, q.not_taken) for q in asked.values()] == [
        ("Did you take it early?", "I took it early — record it", "I did not take it"),
        ("Did you take a second dose?", "I took a second dose — record it",
         "I did not take a second dose"),
        ("Did you take it?", "I took it — record it", "I did not take it"),
        ("Did you take it?", "I took it — record it", "I did not take it")]
    assert asked["near"].declined == "You did not take a second dose."
    assert asked["interval and near"].text.startswith(f"{interval.message}\n\n{near.message}")
    # Only a dose over the maximum says what the report does with it.
    assert "report" not in asked["interval"].text


def over_the_max(session: DiarySession, clock: list[datetime]) -> Intake:
    """60 mg of baclofen taken this morning: a further 30 mg goes 10 mg over its 80 mg."""
    med = baclofen(session)
    assert med.id is not None
    add_intake(session, Intake(med.id, clock[0] - timedelta(hours=10), 60_000))
    return Intake(med.id, clock[0] - timedelta(minutes=5), 30_000)


def test_a_dose_that_needs_a_confirmation_reaches_no_stack(session: DiarySession,
                                                           clock: list[datetime]) -> None:
    draft = over_the_max(session, clock)
    depth = session.undo_stack.count()
    outcome = edits.add_dose(session, draft, "Log dose", timing=False)
    assert outcome.saved is None and outcome.needs_confirmation
    assert [f.kind for f in outcome.verdict.to_confirm] == [FindingKind.OVER_MAX_DAILY]
    assert session.undo_stack.count() == depth
    assert len(session.store.intakes.between(session.today(), session.today())) == 1


def test_i_took_it_writes_the_dose_knowingly_as_one_step(session: DiarySession,
                                                         clock: list[datetime],
                                                         dialog_answers) -> None:
    draft = over_the_max(session, clock)
    answers = dialog_answers.queue(True)
    done = edits.confirm_and_write(None, lambda confirmed, seen: edits.add_dose(
        session, draft, "Log dose", confirmed=confirmed, seen=seen, timing=False))
    [asked] = answers.asked
    assert (asked.title, asked.yes, asked.no) == (
        "Before recording this dose", "I took it — record it", "I did not take it")
    assert done.answer is True and done.saved is not None
    assert session.undo_stack.undoText() == "Log dose: Baclofen 30 mg at 20:55"
    session.undo_stack.undo()
    assert len(session.store.intakes.between(session.today(), session.today())) == 1


def test_not_taken_or_no_answer_writes_nothing_and_says_why(session: DiarySession,
                                                            clock: list[datetime],
                                                            dialog_answers) -> None:
    draft = over_the_max(session, clock)
    dialog_answers.queue(False, None)
    attempt = lambda confirmed, seen: edits.add_dose(  # noqa: E731
        session, draft, "Log dose", confirmed=confirmed, seen=seen, timing=False)
    declined = edits.confirm_and_write(None, attempt)
    closed = edits.confirm_and_write(None, attempt)
    assert (declined.answer, declined.saved, closed.answer, closed.saved) == (
        False, None, None, None)
    reason = declined.verdict.to_confirm[0].message
    assert declined.not_written_text() == f"Not recorded. You did not take it. {reason}"
    assert closed.not_written_text("saved") == (
        f"Not saved yet: the question was closed without an answer. {reason}")
    assert len(session.store.intakes.between(session.today(), session.today())) == 1
