"""What the summary shows, read from the store (diary/ui/summary/state.py): today's slots in
words, the week slot by slot, the symptoms of the week, the week's events; by the same rule the
History and the `history` command follow."""

from __future__ import annotations

from datetime import time

from diary.domain.plans.answers import Answer
from diary.storage.records.outcomes import outcomes_between
from diary.ui.shell.session import DiarySession
from diary.ui.summary.state import build_summary
from tests.ui.summary.conftest import TODAY
from tests.ui.summary.conftest import ago

T, L, S, M, N = Answer.TAKEN, Answer.LATE, Answer.SKIPPED, Answer.MISSED, Answer.NOT_DUE


def test_todays_slots_in_the_order_of_the_day(session: DiarySession,
                                              known: dict[str, int]) -> None:
    state = build_summary(session.store, session.now())
    assert state.today == TODAY and state.days == tuple(ago(n) for n in range(6, -1, -1))
    assert [(s.outcome.slot.time, s.medication.name, s.amount, s.answer, s.text)
            for s in state.slots] == [
        (time(8), "Baclofen", "20 mg", T, "Taken 08:05"),
        (time(11), "Baclofen", "20 mg", L, "Taken late 12:20 (+1 h 20 min)"),
        (time(14), "Baclofen", "20 mg", S, "Skipped 14:02"),
        (time(17), "Baclofen", "20 mg", M, "Missed"),
        (time(22), "Tizanidine", "4 mg", N, "Not yet due"),
    ]
    assert [(i.amount, m.name) for i, m in state.extra] == [(1_000_000, "Paracetamol")]


def test_the_week_slot_by_slot(session: DiarySession, known: dict[str, int]) -> None:
    state = build_summary(session.store, session.now())
    blank = (None, None, None)  # six to four days ago: no plan yet
    assert [(w.medication.name, w.at, w.answers) for w in state.week] == [
        ("Baclofen", time(8), (*blank, S, M, T, T)),
        ("Baclofen", time(11), (*blank, M, M, T, L)),
        ("Baclofen", time(14), (*blank, M, M, T, S)),
        ("Baclofen", time(17), (*blank, M, M, T, M)),
        ("Tizanidine", time(22), (*blank, M, M, T, N)),
    ]


def test_the_same_answers_as_the_history_reads(session: DiarySession,
                                               known: dict[str, int]) -> None:
    state = build_summary(session.store, session.now())
    missed = {(o.slot.day, o.slot.time) for o in outcomes_between(
        session.store, ago(6), TODAY, session.now()) if o.status.value == "missed"}
    shown = {(state.days[n], w.at) for w in state.week for n, a in enumerate(w.answers)
             if a is M}
    assert shown == missed and len(missed) == 10


def test_symptoms_and_events_of_the_week(session: DiarySession, known: dict[str, int]) -> None:
    state = build_summary(session.store, session.now())
    assert [(w.symptom.name, w.latest.score, w.low, w.high, w.count)
            for w in state.symptoms] == [("Spasticity", 4, 4, 6, 2), ("Drowsiness", 2, 2, 2, 1)]
    assert [e.text for e in state.events] == ["Slipped in the hall"]


def test_an_empty_diary(session: DiarySession) -> None:
    state = build_summary(session.store, session.now())
    assert (state.slots, state.extra, state.week, state.symptoms, state.events) == (
        [], [], [], [], [])
