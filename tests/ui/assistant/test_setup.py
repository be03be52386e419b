"""What the assistant will write, worked out before anything is: the label's titration and the
prescriber's step (recorded as entered now; a dose whose on-time window is still open is expected
and none whose window has closed), the first dose they expect, when the plan starts, what Finish
saves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import time
from datetime import timedelta

import pytest

from diary.domain.daytime import DEFAULT_DAY_STARTS_AT
from diary.domain.entities import DiaryInfo
from diary.domain.entities import Medication
from diary.domain.entities import Slot
from diary.domain.errors import ValidationError
from diary.domain.templates import medication_for_name
from diary.domain.units import SCALE
from diary.domain.units import Unit
from diary.ui.assistant.setup import PREVIEW_ID
from diary.ui.assistant.setup import TIMES_FOR_COUNT
from diary.ui.assistant.setup import PlanChoice
from diary.ui.assistant.setup import PlanKind
from diary.ui.assistant.setup import SetUp
from diary.ui.assistant.setup import capped
from diary.ui.assistant.setup import first_dose
from diary.ui.assistant.setup import first_time_today
from diary.ui.assistant.setup import plan_start
from diary.ui.assistant.setup import plan_steps
from diary.ui.assistant.setup import preview
from diary.ui.assistant.setup import refuse_duplicate
from diary.ui.assistant.setup import start_text
from diary.ui.assistant.setup import summary_lines
from tests.ui.assistant.support import at

TODAY = date(2026, 11, 26)
THREE = TIMES_FOR_COUNT[3]
WINDOW = timedelta(minutes=60)  # the diary's on-time window, by default


def baclofen() -> Medication:
    med = medication_for_name("baclofen")
    assert med is not None
    return preview(med)


def test_the_label_titration_goes_up_5_mg_per_dose_every_3_days_to_the_target() -> None:
    choice = PlanChoice(PlanKind.LABEL, 20 * SCALE, THREE, TODAY)
    steps = plan_steps(baclofen(), choice, at(13, 50), DEFAULT_DAY_STARTS_AT)
    assert [s.amount for s in steps] == [5 * SCALE, 10 * SCALE, 15 * SCALE, 20 * SCALE]
    assert [s.start for s in steps] == [TODAY + timedelta(days=3 * i) for i in range(4)]
    assert [s.end for s in steps] == [TODAY + timedelta(days=3 * i + 2) for i in range(3)] + [None]
    assert all(s.times == THREE and s.medication_id == PREVIEW_ID for s in steps)
    # Recorded as entered when it was set up (today's 08:00 dose, whose window closed at 09:00,
    # is not expected of it), and the first step says when.
    assert steps[0].recorded_at == at(13, 50)
    assert all(s.recorded_at is None for s in steps[1:])


def test_a_target_over_the_max_per_day_stops_below_it_and_says_so() -> None:
    choice = PlanChoice(PlanKind.LABEL, 30 * SCALE, THREE, TODAY)
    med = baclofen()
    steps = plan_steps(med, choice, at(9), DEFAULT_DAY_STARTS_AT)
    assert steps[-1].daily_amount <= 80 * SCALE
    note = capped(med, choice, steps)
    assert note is not None and "over Baclofen's max of 80 mg/day" in note


def test_the_prescribers_plan_is_one_open_ended_step() -> None:
    choice = PlanChoice(PlanKind.PRESCRIBER, 10 * SCALE, (time(8), time(20)),
                        TODAY + timedelta(days=1))
    [step] = plan_steps(baclofen(), choice, at(22), DEFAULT_DAY_STARTS_AT)
    assert (step.amount, step.times, step.start, step.end) == (
        10 * SCALE, (time(8), time(20)), TODAY + timedelta(days=1), None)
    assert step.recorded_at is None  # it starts tomorrow: every dose of it is expected


def test_a_plan_that_is_not_one_is_refused() -> None:
    twice = PlanChoice(PlanKind.PRESCRIBER, 10 * SCALE, (time(8), time(8)), TODAY)
    with pytest.raises(ValidationError, match="twice"):
        plan_steps(baclofen(), twice, at(7), DEFAULT_DAY_STARTS_AT)


def test_the_start_says_today_with_which_dose_or_why_tomorrow() -> None:
    assert start_text(TODAY, TODAY, time(8)) == (
        "Starting today, Thu 26 Nov 2026, with the 08:00 dose.")
    assert start_text(TODAY + timedelta(days=1), TODAY, None) == (
        "Starting tomorrow, because today's dose times have passed.")


@pytest.mark.parametrize(("now", "expected"), [
    (at(7, 30), Slot(TODAY, time(8))),
    (at(8, 30), Slot(TODAY, time(8))),  # set up inside the 08:00 dose's window: that dose
    (at(9), Slot(TODAY, time(14))),  # its window closes now: past
    (at(9, 30), Slot(TODAY, time(14))),  # the 08:00 dose's window closed before set-up
    (at(13, 50), Slot(TODAY, time(14))),
    (at(20, 30), Slot(TODAY, time(20))),  # the 20:00 dose's window is still open
    (at(21), Slot(TODAY + timedelta(days=1), time(8))),  # all of today's are past: tomorrow's
])
def test_the_first_dose_is_the_first_slot_the_plan_expects(now, expected) -> None:
    start = plan_start(THREE, now, DEFAULT_DAY_STARTS_AT, WINDOW)
    assert start == expected.day
    choice = PlanChoice(PlanKind.LABEL, 20 * SCALE, THREE, start)
    steps = plan_steps(baclofen(), choice, now, DEFAULT_DAY_STARTS_AT)
    dose = first_dose(steps, DEFAULT_DAY_STARTS_AT, WINDOW)
    assert dose is not None and dose.slot == expected
    assert dose.amount == 5 * SCALE
    today = first_time_today(THREE, now, DEFAULT_DAY_STARTS_AT, WINDOW)
    assert today == (expected.time if expected.day == TODAY else None)


def test_the_plan_is_recorded_as_entered_when_it_was_set_up() -> None:
    """At 08:30 the step is stored as entered at 08:30 (what `plan show`, the CSV export and
    FHIR say), and still expects the 08:00 dose, whose window is open: it is the first dose."""
    choice = PlanChoice(PlanKind.PRESCRIBER, 10 * SCALE, THREE, TODAY)
    [step] = plan_steps(baclofen(), choice, at(8, 30), DEFAULT_DAY_STARTS_AT)
    assert step.recorded_at == at(8, 30)
    dose = first_dose([step], DEFAULT_DAY_STARTS_AT, WINDOW)
    assert dose is not None and dose.slot == Slot(TODAY, time(8))
    # With a 15-minute window, the 08:00 dose's had closed at 08:15: the 14:00 one comes first.
    short = timedelta(minutes=15)
    assert first_time_today(THREE, at(8, 30), DEFAULT_DAY_STARTS_AT, short) == time(14)
    dose = first_dose([step], DEFAULT_DAY_STARTS_AT, short)
    assert dose is not None and dose.slot == Slot(TODAY, time(14))
    # Set up at 04:30 with the diary day starting at 04:00: every dose of the day is still to
    # come or open.
    assert first_time_today((time(4, 10), time(12)), at(4, 30), time(4), WINDOW) == time(4, 10)
    assert plan_start((time(4, 10),), at(4, 30), time(4), WINDOW) == TODAY
    # A 01:00 dose after a 04:00 day start is the day's last: still to come at 23:30.
    assert first_time_today((time(8), time(1)), at(23, 30), time(4), WINDOW) == time(1)


def test_no_steps_no_first_dose() -> None:
    assert first_dose([], DEFAULT_DAY_STARTS_AT, WINDOW) is None


def test_a_medication_already_in_the_diary_is_refused_by_any_of_its_names() -> None:
    there = [Medication("Baclofen", Unit.MG, id=1), Medication("Paracetamol", Unit.MG, id=2)]
    with pytest.raises(ValidationError, match="Baclofen is already in this diary"):
        refuse_duplicate(" baclofen ", there)
    with pytest.raises(ValidationError, match="Lioresal is baclofen, already in this diary as "
                                              "Baclofen"):
        refuse_duplicate("Lioresal", there)
    refuse_duplicate("Tizanidine", there)  # another drug: fine


def test_the_summary_lists_what_changes_and_what_is_added() -> None:
    before = DiaryInfo()
    info = replace(before, name="Alex Martin", condition="Multiple sclerosis",
                   birth_date=date(1968, 4, 23))
    choice = PlanChoice(PlanKind.LABEL, 20 * SCALE, THREE, TODAY)
    med = baclofen()
    steps = plan_steps(med, choice, at(9), DEFAULT_DAY_STARTS_AT)
    lines = summary_lines(before, SetUp(info, med, choice), steps, TODAY)
    assert lines == [
        "Whose diary: Alex Martin",
        "Born: 23 Apr 1968",
        "Condition: Multiple sclerosis",
        "Baclofen (tablet): max 80 mg/day, needs a taper",
        "The label's titration: 4 steps, from 5 mg to 20 mg per dose at 08:00, 14:00, 20:00",
        "Starting today, Thu 26 Nov 2026, with the 14:00 dose.",
    ]
    unchanged = summary_lines(info, SetUp(info, med, choice), steps, TODAY)
    assert not any(line.startswith(("Whose", "Born", "Condition")) for line in unchanged)


def test_the_summary_of_the_prescribers_plan() -> None:
    choice = PlanChoice(PlanKind.PRESCRIBER, 7_500, (time(9),), TODAY)
    med = Medication("Gabapentin", Unit.MG, form="capsule", id=PREVIEW_ID)
    steps = plan_steps(med, choice, at(7), DEFAULT_DAY_STARTS_AT)
    lines = summary_lines(DiaryInfo(), SetUp(DiaryInfo(), med, choice), steps, TODAY)
    assert lines == ["Gabapentin (capsule): no max per day",
                     "Your prescriber's doses: 7.5 mg at 09:00",
                     "Starting today, Thu 26 Nov 2026, with the 09:00 dose."]
