"""What became of each scheduled dose in a caregiver's words (diary/domain/plans/answers.py): the
answer of each outcome, its symbol and words, how late a dose came, the steps an archived
medication leaves, and the missed doses of a stretch of time, by the rules the domain already
keeps (the on-time window, a step entered after a dose fell due, the day's start)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.plans.answers import SYMBOLS
from diary.domain.plans.answers import WORDS
from diary.domain.plans.answers import Answer
from diary.domain.plans.answers import MissedDose
from diary.domain.plans.answers import answer_of
from diary.domain.plans.answers import answer_text
from diary.domain.plans.answers import days_of
from diary.domain.plans.answers import delay_text
from diary.domain.plans.answers import expected_steps
from diary.domain.plans.answers import first_expected_day
from diary.domain.plans.answers import missed_between
from diary.domain.plans.answers import scheduled_at
from diary.domain.plans.answers import timing_text
from diary.domain.stats import adherence
from diary.domain.units import Unit

PARIS = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))
FOUR = time(4)
WINDOW = timedelta(minutes=60)
MON = date(2026, 11, 23)
TUE = MON + timedelta(days=1)
TID = (time(8), time(14), time(20))
STEPS = [PlanStep(1, MON - timedelta(days=7), 20_000, TID)]


def at(day: date, hour: int, minute: int = 0, tz: timezone = PARIS) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def dose(when: datetime, slot: time | None = None, status: IntakeStatus = IntakeStatus.TAKEN,
         day: date = MON, intake_id: int = 1) -> Intake:
    return Intake(1, when, 20_000, status, Slot(day, slot) if slot else None, id=intake_id)


def outcomes(intakes: list[Intake], now: datetime, steps: list[PlanStep] = STEPS,
             day: date = MON) -> dict[time, object]:
    found = adherence(steps, intakes, day, day, now, FOUR, PARIS, WINDOW)
    return {o.slot.time: o for o in found}


def test_each_outcome_reads_as_one_answer_with_a_symbol_and_words() -> None:
    intakes = [dose(at(MON, 8, 5), time(8)),
               dose(at(MON, 14, 0), time(14), IntakeStatus.SKIPPED, intake_id=2)]
    # 08:05 on time; 14:00 skipped; at 20:30 the 20:00 dose is inside its window: not yet due.
    found = outcomes(intakes, at(MON, 20, 30))
    assert {t: answer_of(o) for t, o in found.items()} == {  # type: ignore[arg-type]
        time(8): Answer.TAKEN, time(14): Answer.SKIPPED, time(20): Answer.NOT_DUE}
    assert answer_of(outcomes([], at(TUE, 5))[time(8)]) is Answer.MISSED  # type: ignore[arg-type]
    assert [SYMBOLS[a] for a in Answer] == ["✓", "!", "–", "✗", "·"]
    assert [WORDS[a] for a in Answer] == ["taken", "taken late", "skipped", "missed",
                                          "not yet due"]


@pytest.mark.parametrize(("minutes", "text"), [
    (80, "+1 h 20 min"), (45, "+45 min"), (120, "+2 h"), (-65, "−1 h 5 min"), (0, "+0 min"),
])
def test_delay_text(minutes: int, text: str) -> None:
    assert delay_text(minutes) == text


def test_late_early_and_on_time_in_words() -> None:
    found = outcomes([dose(at(MON, 9, 20), time(8)), dose(at(MON, 12, 50), intake_id=2),
                      dose(at(MON, 20, 10), time(20), intake_id=3)], at(MON, 22))
    late, early, on_time = found[time(8)], found[time(14)], found[time(20)]
    assert (timing_text(late), answer_text(late)) == (  # type: ignore[arg-type]
        "Taken late (+1 h 20 min)", "Taken late 09:20 (+1 h 20 min)")
    assert (timing_text(early), answer_text(early)) == (  # type: ignore[arg-type]
        "Taken early (−1 h 10 min)", "Taken early 12:50 (−1 h 10 min)")
    assert (timing_text(on_time), answer_text(on_time)) == (  # type: ignore[arg-type]
        "Taken", "Taken 20:10")
    skipped = outcomes([dose(at(MON, 8, 2), time(8), IntakeStatus.SKIPPED)], at(MON, 9))
    assert answer_text(skipped[time(8)]) == "Skipped 08:02"  # type: ignore[arg-type]
    assert answer_text(skipped[time(14)]) == "Not yet due"  # type: ignore[arg-type]


def test_scheduled_at_reads_an_answered_slot_where_it_was_logged() -> None:
    found = outcomes([dose(at(MON, 9, 0, NEW_YORK), time(8))], at(TUE, 5))
    assert scheduled_at(found[time(8)], FOUR, PARIS) == at(MON, 8, 0, NEW_YORK)  # type: ignore[arg-type]
    assert scheduled_at(found[time(14)], FOUR, PARIS) == at(MON, 14)  # type: ignore[arg-type]


def test_an_archived_medication_expects_nothing_from_the_day_it_was_archived() -> None:
    archived = Medication("Baclofen", Unit.MG, id=1, archived_at=at(MON, 10))
    other = PlanStep(2, MON - timedelta(days=3), 5_000, (time(9),))
    later = PlanStep(1, TUE, 10_000, TID)
    kept = expected_steps([*STEPS, later, other], [archived], FOUR)
    assert kept == [replace(STEPS[0], end=MON - timedelta(days=1)), other]
    ended = replace(STEPS[0], end=MON - timedelta(days=2))
    assert expected_steps([ended], [archived], FOUR) == [ended]
    assert expected_steps(STEPS, [replace(archived, archived_at=None)], FOUR) == STEPS


def test_first_expected_day_leaves_out_as_needed_steps() -> None:
    as_needed = PlanStep(1, MON - timedelta(days=30), 1_000)
    assert first_expected_day([as_needed, *STEPS]) == MON - timedelta(days=7)
    assert first_expected_day([as_needed]) is None


def missed(intakes: list[Intake], now: datetime, bounds: tuple[datetime | None, datetime | None],
           steps: list[PlanStep] = STEPS, days: tuple[date, date] = (MON, TUE),
           day_starts_at: time = FOUR) -> list[MissedDose]:
    return missed_between(steps, intakes, days, bounds, now, day_starts_at, PARIS,
                          WINDOW).missed


def test_missed_between_newest_first_inside_its_bounds() -> None:
    intakes = [dose(at(MON, 8, 5), time(8)), dose(at(TUE, 14, 10), time(14), day=TUE)]
    now = at(TUE, 21, 30)
    every = missed(intakes, now, (None, None))
    assert [(m.slot.day, m.slot.time) for m in every] == [
        (TUE, time(20)), (TUE, time(8)), (MON, time(20)), (MON, time(14))]
    assert every[0] == MissedDose(1, Slot(TUE, time(20)), 20_000, at(TUE, 20))
    # (low, high]: a dose due exactly at `low` belongs to the page below.
    assert [m.at for m in missed(intakes, now, (at(MON, 14), at(TUE, 8)))] == [
        at(TUE, 8), at(MON, 20)]


def test_a_slot_is_missed_only_once_its_window_has_closed() -> None:
    assert [m.at for m in missed([], at(MON, 9), (None, None))] == []
    assert [m.at for m in missed([], at(MON, 9, 1), (None, None))] == [at(MON, 8)]


def test_a_step_entered_after_a_dose_fell_due_does_not_make_it_missed() -> None:
    entered = [replace(STEPS[0], start=MON, recorded_at=at(MON, 12))]
    assert [m.at for m in missed([], at(MON, 23), (None, None), entered)] == [
        at(MON, 20), at(MON, 14)]
    backdated = [replace(STEPS[0], start=MON)]  # no recorded_at: backdated on purpose
    assert [m.at for m in missed([], at(MON, 23), (None, None), backdated)] == [
        at(MON, 20), at(MON, 14), at(MON, 8)]


def test_the_diary_day_starts_at_its_own_hour() -> None:
    """A 01:00 dose belongs to the diary day before; it is due the next calendar morning."""
    night = [PlanStep(1, MON, 5_000, (time(1),))]
    found = missed([], at(TUE, 3), (None, None), night, days=(MON, MON))
    assert found == [MissedDose(1, Slot(MON, time(1)), 5_000, at(TUE, 1))]
    # With days starting at midnight, diary day MON's 01:00 dose is due that same morning.
    assert [m.at for m in missed([], at(TUE, 3), (None, None), night, days=(MON, MON),
                                 day_starts_at=time(0))] == [at(MON, 1)]


def test_days_of_a_stretch_reach_a_day_beyond_each_end() -> None:
    assert days_of(at(MON, 3), at(TUE, 10), FOUR, PARIS) == (MON - timedelta(days=2),
                                                             TUE + timedelta(days=1))
    assert days_of(at(MON, 10, 0, NEW_YORK), at(MON, 10, 0, NEW_YORK), FOUR, PARIS) == (
        MON - timedelta(days=1), MON + timedelta(days=1))
