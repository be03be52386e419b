"""Finish writes the set-up through the edits as one undo step and one transaction, all or
nothing; the first dose goes through the Today view's dose path, its verdict and its question."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time

import pytest

from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import Slot
from diary.domain.templates import medication_for_name
from diary.domain.units import SCALE
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.assistant.apply import apply_setup
from diary.ui.assistant.apply import take_first_dose
from diary.ui.assistant.setup import TIMES_FOR_COUNT
from diary.ui.assistant.setup import PlanChoice
from diary.ui.assistant.setup import PlanKind
from diary.ui.assistant.setup import SetUp
from diary.ui.shell.session import DiarySession
from tests.helpers.dialogs import DialogAnswers
from tests.ui.assistant.support import at

TODAY = date(2026, 11, 26)


def label_setup(session: DiarySession, name: str = "Alex Martin") -> SetUp:
    med = medication_for_name("Baclofen")
    assert med is not None
    info = replace(session.store.info(), name=name, condition="Multiple sclerosis")
    return SetUp(info, med, PlanChoice(PlanKind.LABEL, 20 * SCALE, TIMES_FOR_COUNT[3], TODAY))


def test_the_set_up_is_one_undo_step(session: DiarySession, clock: list[datetime],
                                     dialog_answers: DialogAnswers) -> None:
    clock[0] = at(13, 50)
    stack = session.undo_stack
    applied = apply_setup(session, label_setup(session))
    store = session.store
    assert store.info().name == "Alex Martin"
    [med] = store.medications.all()
    assert med == applied.medication and med.max_daily == 80 * SCALE and med.taper_required
    assert [s.amount for s in store.plans.steps(med.id)] == [5_000, 10_000, 15_000, 20_000]
    assert (stack.count(), stack.undoText()) == (1, "Set up Baclofen")
    # One Undo takes all of it back (the stack's own question about the plan, kept).
    dialog_answers.queue(True)
    assert edits.undo_last(session)
    assert store.medications.all() == [] and store.info().name == ""
    assert "Set up Baclofen" in dialog_answers.asked[0].title
    assert edits.redo_next(session)
    assert store.medications.all()[0].name == "Baclofen"
    assert len(store.plans.steps(med.id)) == 4 and store.info().name == "Alex Martin"


def test_unchanged_details_are_not_written(session: DiarySession, clock: list[datetime]) -> None:
    clock[0] = at(9)
    setup = replace(label_setup(session), info=session.store.info())
    apply_setup(session, setup)
    macro = session.undo_stack.command(0)
    assert macro is not None
    assert [macro.child(i).text() for i in range(macro.childCount())] == [
        "Add Baclofen", "Plan of Baclofen"]


def test_a_failure_half_way_writes_nothing_and_leaves_no_step(
        session: DiarySession, clock: list[datetime], monkeypatch: pytest.MonkeyPatch) -> None:
    clock[0] = at(9)

    def locked(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    store = session.store
    edits.update_info(session, replace(store.info(), prescriber="Dr Okafor"))  # done before
    monkeypatch.setattr(edits, "add_plan_steps", locked)
    seen: list[None] = []
    failed: list[str] = []
    session.changed.connect(lambda: seen.append(None))
    session.failed.connect(failed.append)
    with pytest.raises(sqlite3.OperationalError):
        apply_setup(session, label_setup(session))
    assert store.medications.all(include_archived=True) == []
    assert (store.info().name, store.info().prescriber) == ("", "Dr Okafor")
    stack = session.undo_stack
    assert (stack.count(), stack.undoText(), stack.canRedo()) == (1, "Change settings", False)
    assert seen and not failed  # the views read the diary again; no undo was run, none failed


def test_the_first_dose_answers_its_slot(session: DiarySession, clock: list[datetime]) -> None:
    clock[0] = at(13, 50)
    applied = apply_setup(session, label_setup(session))
    said: list[str] = []
    intake = take_first_dose(None, session, applied, said.append)
    assert intake is not None
    assert (intake.slot, intake.amount, intake.status) == (
        Slot(TODAY, time(14)), 5 * SCALE, IntakeStatus.TAKEN)
    assert session.store.intakes.between(TODAY, TODAY) == [intake]
    assert said[0].startswith("Recorded Baclofen 5 mg taken at 13:50 (the 14:00 dose).")
    # A step of its own, after the set-up.
    assert session.undo_stack.undoText() == "Log dose: Baclofen 5 mg at 13:50"


def test_a_dose_early_for_its_slot_is_asked_about_not_logged_silently(
        session: DiarySession, clock: list[datetime], dialog_answers: DialogAnswers) -> None:
    clock[0] = at(9, 30)  # the first dose the plan expects is at 14:00
    applied = apply_setup(session, label_setup(session))
    dialog_answers.queue(False)  # "I did not take it"
    said: list[str] = []
    assert take_first_dose(None, session, applied, said.append) is None
    assert session.store.intakes.between(TODAY, TODAY) == []
    assert dialog_answers.asked[0].no.startswith("I did not take it")
    assert said[0].startswith("Not recorded.")
    dialog_answers.queue(True)  # asked again: "I took it early"
    intake = take_first_dose(None, session, applied, said.append)
    assert intake is not None and intake.slot == Slot(TODAY, time(14))


def test_a_plan_that_expects_no_dose_logs_nothing(session: DiarySession,
                                                  clock: list[datetime]) -> None:
    clock[0] = at(9)
    applied = apply_setup(session, label_setup(session))
    said: list[str] = []
    assert take_first_dose(None, session, replace(applied, steps=[]), said.append) is None
    assert said == ["Baclofen's plan expects no dose yet: nothing was recorded."]


def test_a_medication_of_the_prescribers_own(session: DiarySession,
                                            clock: list[datetime]) -> None:
    clock[0] = at(7)
    med = Medication("Gabapentin", Unit.MG, form="capsule")
    setup = SetUp(session.store.info(), med,
                  PlanChoice(PlanKind.PRESCRIBER, 300 * SCALE, (time(8), time(20)), TODAY))
    applied = apply_setup(session, setup)
    [step] = session.store.plans.steps(applied.medication.id)
    assert (step.amount, step.times, step.start, step.end) == (
        300 * SCALE, (time(8), time(20)), TODAY, None)
