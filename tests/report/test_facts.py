"""The figures of the report's first page (diary/report/facts.py), worked out from domain objects
alone: the plan in force and the days its dosing changes, adherence by medication, the days a
mean counts, missed doses newest first, the notes written with doses and ratings, and the
symptom named."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.entities import Symptom
from diary.domain.stats import SlotOutcome
from diary.domain.stats import SlotStatus
from diary.domain.units import Unit
from diary.report.facts import SymptomFacts
from diary.report.facts import adherence_by_medication
from diary.report.facts import counted_days
from diary.report.facts import in_force
from diary.report.facts import missed_doses
from diary.report.facts import named
from diary.report.facts import notes
from diary.report.facts import plan_changes
from tests.helpers.clock import PARIS_WINTER

BACLOFEN = Medication("Baclofen", Unit.MG, id=1)
TIZANIDINE = Medication("Tizanidine", Unit.MG, id=2)
SPASTICITY = Symptom("Spasticity", id=1)
BLADDER = Symptom("Bladder urgency", scale_max=4, id=2)
START, END = date(2026, 11, 1), date(2026, 11, 25)
TID = (time(8), time(14), time(20))


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=PARIS_WINTER)


def outcome(day: int, hour: int, status: SlotStatus, medication_id: int = 1) -> SlotOutcome:
    return SlotOutcome(Slot(date(2026, 11, day), time(hour)), medication_id, 5_000, status)


def test_the_plan_in_force_on_a_day_and_none_where_no_step_covers_it() -> None:
    steps = [PlanStep(1, START, 5_000, TID, end=date(2026, 11, 10)),
             PlanStep(1, date(2026, 11, 11), 10_000, TID)]
    unsaved = Medication("Not saved yet", Unit.MG)
    found = in_force(steps, [BACLOFEN, TIZANIDINE, unsaved], date(2026, 11, 12))
    assert [(f.medication.name, f.step) for f in found] == [
        ("Baclofen", steps[1]), ("Tizanidine", None)]  # a medication without an id is left out


def test_the_dosing_changes_where_a_step_starts_or_the_day_after_one_ends() -> None:
    steps = [
        PlanStep(1, date(2026, 10, 1), 5_000, TID, end=date(2026, 11, 4)),
        PlanStep(1, date(2026, 11, 5), 10_000, TID, end=date(2026, 11, 14)),
        PlanStep(1, date(2026, 11, 15), 10_000, TID, end=date(2026, 11, 19)),  # the same dosing
        PlanStep(2, date(2026, 11, 5), 2_000, (time(22),), end=date(2026, 11, 9)),
    ]
    changes = plan_changes(steps, [TIZANIDINE, BACLOFEN], START, END)
    assert [(c.day, c.medication.name, c.before, c.after) for c in changes] == [
        (date(2026, 11, 5), "Baclofen", steps[0], steps[1]),
        (date(2026, 11, 5), "Tizanidine", None, steps[3]),
        (date(2026, 11, 10), "Tizanidine", steps[3], None),
        (date(2026, 11, 20), "Baclofen", steps[2], None),
    ]


def test_a_change_of_times_alone_is_a_change_and_one_outside_the_range_is_not() -> None:
    steps = [PlanStep(1, date(2026, 10, 1), 5_000, TID, end=date(2026, 11, 9)),
             PlanStep(1, date(2026, 11, 10), 5_000, (time(9), time(21)), end=date(2026, 11, 30))]
    assert [c.day for c in plan_changes(steps, [BACLOFEN], START, END)] == [date(2026, 11, 10)]
    assert plan_changes(steps, [BACLOFEN], date(2026, 11, 11), END) == []


def test_adherence_is_summed_for_each_medication_with_doses_due() -> None:
    outcomes = [outcome(20, 8, SlotStatus.ON_TIME), outcome(20, 14, SlotStatus.LATE),
                outcome(20, 20, SlotStatus.MISSED), outcome(21, 8, SlotStatus.SKIPPED)]
    [baclofen] = adherence_by_medication(outcomes, [BACLOFEN, TIZANIDINE])
    assert baclofen.medication == BACLOFEN
    summary = baclofen.summary
    assert (summary.on_time, summary.late, summary.missed, summary.skipped) == (1, 1, 1, 1)
    assert summary.taken == 2


def test_the_day_under_way_is_not_counted_unless_it_is_the_only_one() -> None:
    days = [date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26)]
    today = date(2026, 11, 26)
    assert counted_days(days, today) == days[:2]
    assert counted_days(days, None) == days
    assert counted_days([today], today) == [today]


def test_missed_doses_newest_first_and_a_slot_after_midnight_ends_its_day() -> None:
    outcomes = [outcome(20, 8, SlotStatus.MISSED), outcome(20, 1, SlotStatus.MISSED),
                outcome(20, 20, SlotStatus.ON_TIME), outcome(21, 8, SlotStatus.MISSED, 2),
                outcome(20, 14, SlotStatus.MISSED)]
    missed = missed_doses(outcomes, {1: BACLOFEN, 2: TIZANIDINE}, time(4))
    assert [(m.medication.name, m.slot.day.day, m.slot.time.hour) for m in missed] == [
        ("Tizanidine", 21, 8), ("Baclofen", 20, 1), ("Baclofen", 20, 14), ("Baclofen", 20, 8)]
    assert {m.amount for m in missed} == {5_000}


def test_notes_of_doses_and_ratings_newest_first_without_blank_or_deleted_ones() -> None:
    intakes = [
        Intake(1, at(20, 8), 20_000, note="  with breakfast "),
        Intake(1, at(20, 14), 20_000, IntakeStatus.SKIPPED, note="too drowsy"),
        Intake(1, at(20, 20), 20_000, note="   "),
        Intake(1, at(21, 8), 20_000, note="logged twice", deleted_at=at(21, 9)),
    ]
    ratings = [Rating(2, at(20, 21), 3, note="woke twice"),
               Rating(1, at(19, 21), 6, note="gone", deleted_at=at(20, 9))]
    found = notes(intakes, ratings, {1: BACLOFEN}, {1: SPASTICITY, 2: BLADDER})
    assert [(n.at, n.about, n.brief, n.text) for n in found] == [
        (at(20, 21), "Bladder urgency 3/4", "Bladder urgency 3/4", "woke twice"),
        (at(20, 14), "Baclofen 20 mg skipped", "Baclofen skipped", "too drowsy"),
        (at(20, 8), "Baclofen 20 mg taken", "Baclofen", "with breakfast"),
    ]


def test_a_symptom_is_named_in_any_case() -> None:
    facts = [SymptomFacts(SPASTICITY, 3, 4.5, None, []), SymptomFacts(BLADDER, 2, 1.0, None, [])]
    assert named(facts, "bladder URGENCY") is facts[1]
    assert named(facts, "Pain") is None


def test_a_step_that_starts_on_the_ranges_first_day_is_a_change_that_day() -> None:
    steps = [PlanStep(1, START, 5_000, TID)]
    [change] = plan_changes(steps, [BACLOFEN], START, END)
    assert (change.day, change.before, change.after) == (START, None, steps[0])
