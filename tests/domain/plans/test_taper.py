"""The taper rules (diary/domain/plans/taper.py): the doses of a day that were missed, a plan of
a medication that needs a taper ending without one, and scheduled doses left unlogged for more
than a day, read in the zone of the reader wherever they were logged."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import time
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.findings import FindingKind
from diary.domain.plans.steps import ScheduledDose
from diary.domain.plans.steps import taper_template
from diary.domain.plans.taper import first_unlogged_dose
from diary.domain.plans.taper import missed_slots
from diary.domain.plans.taper import taper_findings
from diary.domain.templates import BACLOFEN_WITHDRAWAL_WARNING
from tests.domain.test_safety import BACLOFEN
from tests.domain.test_safety import FOUR
from tests.domain.test_safety import LABEL_WORDS
from tests.domain.test_safety import MINUTE
from tests.domain.test_safety import MON
from tests.domain.test_safety import NEW_YORK
from tests.domain.test_safety import PARIS
from tests.domain.test_safety import STEPS
from tests.domain.test_safety import TID
from tests.domain.test_safety import USUAL
from tests.domain.test_safety import at
from tests.domain.test_safety import at_in
from tests.domain.test_safety import day
from tests.domain.test_safety import mg
from tests.domain.test_safety import taken

# --- missed slots -----------------------------------------------------------------------------
WINDOW = timedelta(minutes=60)


def dose(hour: int, d: date = MON) -> ScheduledDose:
    return ScheduledDose(1, Slot(d, time(hour)), mg(20))


def test_missed_slots_after_the_window() -> None:
    intakes = [taken(at(MON, 8, 5), slot=Slot(MON, time(8)))]
    now = at(MON, 15, 1)
    assert missed_slots(STEPS, intakes, MON, now, FOUR, PARIS, WINDOW) == [dose(14)]


def test_a_slot_is_not_missed_until_its_window_closes() -> None:
    intakes = [taken(at(MON, 8, 5), slot=Slot(MON, time(8)))]
    assert missed_slots(STEPS, intakes, MON, at(MON, 15), FOUR, PARIS, WINDOW) == []


def test_skipped_and_unlinked_intakes_answer_slots() -> None:
    intakes = [
        taken(at(MON, 7, 30)),  # unlinked, nearest to 08:00
        taken(at(MON, 14), status=IntakeStatus.SKIPPED, slot=Slot(MON, time(14))),
        taken(at(MON, 20), deleted_at=at(MON, 21)),  # deleted: answers nothing
    ]
    now = at(day(1), 3)
    assert missed_slots(STEPS, intakes, MON, now, FOUR, PARIS, WINDOW) == [dose(20)]


def test_intakes_of_another_medication_or_day_do_not_answer() -> None:
    intakes = [Intake(2, at(MON, 8), mg(10)), taken(at(day(1), 8))]
    now = at(day(1), 12)
    assert missed_slots(STEPS, intakes, MON, now, FOUR, PARIS, WINDOW) == [
        dose(8), dose(14), dose(20)
    ]


def test_missed_slots_of_a_day_logged_in_paris_read_in_new_york() -> None:
    # Logged in Paris at 08:05, 14:05 and 20:05; read the next day on a computer in New York.
    intakes = [taken(at(MON, h, 5), mg(20)) for h in (8, 14, 20)]
    now = at_in(NEW_YORK, day(1), 12)
    assert missed_slots(STEPS, intakes, MON, now, FOUR, NEW_YORK, WINDOW) == []


@pytest.mark.parametrize("zone", [PARIS, NEW_YORK], ids=["Paris", "New York"])
def test_missed_slots_of_a_traveller(zone: ZoneInfo) -> None:
    # 08:00 and 14:00 in Paris, then the flight; 20:00 in New York (02:00 Tuesday in Paris).
    intakes = [taken(at(MON, 8), mg(20)), taken(at(MON, 14), mg(20)),
               taken(at_in(NEW_YORK, MON, 20), mg(20))]
    now = at_in(NEW_YORK, day(1), 7)
    assert missed_slots(STEPS, intakes, MON, now, FOUR, zone, WINDOW) == []


# --- taper findings ---------------------------------------------------------------------------
def test_plan_ending_without_taper_warns_with_the_label() -> None:
    steps = [replace(USUAL, end=day(5))]
    logged = [taken(at(MON, 8), mg(20))]
    findings = taper_findings(BACLOFEN, steps, logged, at(MON, 9), FOUR, PARIS)
    assert [f.kind for f in findings] == [FindingKind.PLAN_ENDS_WITHOUT_TAPER]
    assert findings[0].day == day(5)
    assert BACLOFEN_WITHDRAWAL_WARNING in findings[0].message
    assert LABEL_WORDS in findings[0].message
    assert "Hallucinations and seizures" in findings[0].message


def test_plan_with_a_taper_does_not_warn() -> None:
    ended, taper = taper_template(BACLOFEN, USUAL, MON, 14)
    steps = [ended, *taper]
    intakes = [taken(at(day(-1), 20), slot=Slot(day(-1), time(20)))]
    assert taper_findings(BACLOFEN, steps, intakes, at(MON, 9), FOUR, PARIS) == []


def test_open_plans_and_old_ends_do_not_warn() -> None:
    open_plan = [replace(USUAL, end=None)]
    logged = [taken(at(MON, 8))]
    assert taper_findings(BACLOFEN, open_plan, logged, at(MON, 9), FOUR, PARIS) == []
    ended_long_ago = [replace(USUAL, end=day(-15))]
    assert taper_findings(BACLOFEN, ended_long_ago, [], at(MON, 9), FOUR, PARIS) == []
    ended_recently = [replace(USUAL, end=day(-14))]
    assert taper_findings(BACLOFEN, ended_recently, [], at(MON, 9), FOUR, PARIS) != []


def test_no_taper_findings_unless_taper_required() -> None:
    plain = replace(BACLOFEN, taper_required=False)
    steps = [replace(USUAL, end=day(5))]
    assert taper_findings(plain, steps, [], at(day(3), 9), FOUR, PARIS) == []


OPEN = [PlanStep(1, MON - timedelta(days=30), mg(20), TID)]


def unlogged(*args: Any) -> ScheduledDose | None:
    """`first_unlogged_dose` with the diary's usual on-time window."""
    return first_unlogged_dose(*args, on_time_window=WINDOW)


def logged_until_monday_evening() -> list[Intake]:
    return [taken(at(d, h), mg(20)) for d in (day(-1), MON) for h in (8, 14, 20)]


def test_unlogged_doses_warn_after_24_hours() -> None:
    intakes = logged_until_monday_evening()
    # Tuesday 08:00 was the first dose not taken; exactly 24 hours later is not yet "more than".
    assert taper_findings(BACLOFEN, OPEN, intakes, at(day(2), 8), FOUR, PARIS) == []
    findings = taper_findings(BACLOFEN, OPEN, intakes, at(day(2), 8, 1), FOUR, PARIS)
    assert [f.kind for f in findings] == [FindingKind.DOSES_UNLOGGED]
    assert findings[0].slot == Slot(day(1), time(8))
    assert LABEL_WORDS in findings[0].message
    assert "since the 08:00 dose of Tue 03 Mar" in findings[0].message


def test_skipped_doses_are_not_taken_doses() -> None:
    intakes = logged_until_monday_evening() + [
        taken(at(day(1), h), mg(20), status=IntakeStatus.SKIPPED, slot=Slot(day(1), time(h)))
        for h in (8, 14, 20)
    ]
    findings = taper_findings(BACLOFEN, OPEN, intakes, at(day(2), 9), FOUR, PARIS)
    assert [f.kind for f in findings] == [FindingKind.DOSES_UNLOGGED]


def test_an_early_dose_answers_its_slot() -> None:
    # Tuesday's 08:00 dose taken at 07:30, then nothing: the gap starts at Tuesday 14:00.
    intakes = [*logged_until_monday_evening(), taken(at(day(1), 7, 30), mg(20))]
    assert unlogged(1, OPEN, intakes, at(day(2), 9), FOUR, PARIS) is None
    late = unlogged(1, OPEN, intakes, at(day(2), 14, 1), FOUR, PARIS)
    assert late == ScheduledDose(1, Slot(day(1), time(14)), mg(20))


def test_no_unlogged_warning_without_scheduled_doses() -> None:
    as_needed = [PlanStep(1, MON - timedelta(days=30), mg(20))]
    assert taper_findings(BACLOFEN, as_needed, [], at(day(5), 9), FOUR, PARIS) == []


def test_doses_logged_in_paris_are_not_unlogged_when_read_in_new_york() -> None:
    intakes = logged_until_monday_evening()  # in Paris
    # Tuesday 21:00 in New York: Monday's doses are all logged, Tuesday's 08:00 is 13 hours due.
    now = at_in(NEW_YORK, day(1), 21)
    assert unlogged(1, OPEN, intakes, now, FOUR, NEW_YORK) is None
    assert taper_findings(BACLOFEN, OPEN, intakes, now, FOUR, NEW_YORK) == []
    # Nobody answered Tuesday 08:00, so it is due at 08:00 where the reader is now.
    later = at_in(NEW_YORK, day(2), 8, 1)
    assert unlogged(1, OPEN, intakes, later, FOUR, NEW_YORK) == ScheduledDose(
        1, Slot(day(1), time(8)), mg(20)
    )
    assert unlogged(1, OPEN, intakes, later - 2 * MINUTE, FOUR, NEW_YORK) is None


def test_a_traveller_is_not_warned_for_doses_logged_on_the_way() -> None:
    # Sunday and Monday morning in Paris, Monday evening in New York, then Tuesday in New York.
    intakes = [
        *(taken(at(d, h), mg(20)) for d in (day(-1), MON) for h in (8, 14)),
        taken(at(day(-1), 20), mg(20)),
        *(taken(at_in(NEW_YORK, d, h), mg(20)) for d, h in [(MON, 20), (day(1), 8)]),
    ]
    for zone in (PARIS, NEW_YORK):
        assert unlogged(1, OPEN, intakes, at_in(NEW_YORK, day(2), 7), FOUR, zone) is None


@pytest.mark.parametrize("gap_days", [2, 3])
def test_unlogged_after_a_taken_dose_days_ago(gap_days: int) -> None:
    intakes = [taken(at(MON, 20), mg(20))]
    now = at(day(gap_days), 20, 1)
    dose_ = unlogged(1, OPEN, intakes, now, FOUR, PARIS)
    assert dose_ == ScheduledDose(1, Slot(day(1), time(8)), mg(20))
