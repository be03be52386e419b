"""Safety rules on one dose (diary/domain/safety.py): max daily amount, minimum interval,
difference from the plan, the day beyond the plan, and timing. What the verdict asks to confirm
is test_findings.py; missed slots and the taper rules are tests/domain/plans/test_taper.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from zoneinfo import ZoneInfo

from diary.domain.daytime import fixed
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.safety import FindingKind
from diary.domain.safety import Severity
from diary.domain.safety import beyond_plan
from diary.domain.safety import check_dose
from diary.domain.safety import check_max_daily
from diary.domain.safety import check_min_interval
from diary.domain.safety import check_plan_difference
from diary.domain.safety import check_timing
from diary.domain.units import Unit

# Baclofen taken in Paris from Monday 2 March 2026, three times a day, with its label's maximum,
# minimum interval and taper: the doses test_findings.py and the taper rules' tests
# (tests/domain/plans/test_taper.py, test_steps_taper.py) are tried on too.
PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
FOUR = time(4)
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)
TID = (time(8), time(14), time(20))
MON = date(2026, 3, 2)
BACLOFEN = Medication(
    "Baclofen", Unit.MG, max_daily=80_000, min_interval_minutes=240, taper_required=True, id=1
)
NO_INTERVAL = replace(BACLOFEN, min_interval_minutes=None)
LABEL_WORDS = "the dose should be reduced slowly when the drug is discontinued"


def mg(value: float) -> int:
    return round(value * 1000)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return fixed(datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS))


def at_in(zone: ZoneInfo, day: date, hour: int, minute: int = 0) -> datetime:
    return fixed(datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone))


def day(n: int) -> date:
    return MON + timedelta(days=n)


def taken(when: datetime, amount: int = mg(10), slot: Slot | None = None, **kw: object) -> Intake:
    return Intake(1, when, amount, slot=slot, **kw)  # type: ignore[arg-type]


# 20 mg three times a day: from ten days before Monday, open; until the Sunday before, from
# sixty days before it.
STEPS = [PlanStep(1, MON - timedelta(days=10), mg(20), TID)]
USUAL = PlanStep(1, MON - timedelta(days=60), mg(20), TID, end=MON - timedelta(days=1))


# --- max daily --------------------------------------------------------------------------------


def test_max_daily_exactly_at_the_max_is_allowed() -> None:
    assert check_max_daily(BACLOFEN, mg(60), mg(20)) is None


def test_max_daily_one_thousandth_over_is_not() -> None:
    finding = check_max_daily(BACLOFEN, mg(60), mg(20) + 1)
    assert finding is not None
    assert finding.kind is FindingKind.OVER_MAX_DAILY
    assert finding.severity is Severity.DANGER
    assert finding.amount == 1
    assert "0.001 mg over the 80 mg maximum" in finding.message


def test_max_daily_says_by_how_much() -> None:
    finding = check_max_daily(BACLOFEN, mg(75), mg(20))
    assert finding is not None
    assert finding.amount == mg(15)
    assert "would take today to 95 mg, 15 mg over the 80 mg maximum" in finding.message
    assert finding.medication_id == 1


def test_max_daily_without_a_max_never_fires() -> None:
    assert check_max_daily(replace(BACLOFEN, max_daily=None), mg(1000), mg(1000)) is None


# --- minimum interval -------------------------------------------------------------------------


def test_min_interval_exactly_the_interval_is_allowed() -> None:
    assert check_min_interval(BACLOFEN, at(MON, 8), at(MON, 12)) is None


def test_min_interval_one_second_short_is_not() -> None:
    finding = check_min_interval(BACLOFEN, at(MON, 8), at(MON, 12) - timedelta(seconds=1))
    assert finding is not None
    assert finding.kind is FindingKind.INSIDE_MIN_INTERVAL
    assert finding.minutes == 1  # rounded up, never "0 minutes short"


def test_min_interval_says_by_how_much() -> None:
    finding = check_min_interval(BACLOFEN, at(MON, 8), at(MON, 10, 30))
    assert finding is not None
    assert finding.minutes == 90
    assert finding.message == (
        "Baclofen: only 2 h 30 min from the dose at 08:00; the minimum interval is 4 h "
        "(1 h 30 min short)."
    )


def test_min_interval_counts_both_ways() -> None:
    # A dose entered afterwards, an hour before one already recorded.
    assert check_min_interval(BACLOFEN, at(MON, 12), at(MON, 11)) is not None


def test_min_interval_needs_an_interval_and_a_previous_dose() -> None:
    assert check_min_interval(BACLOFEN, None, at(MON, 8)) is None
    free = replace(BACLOFEN, min_interval_minutes=None)
    assert check_min_interval(free, at(MON, 8), at(MON, 8, 1)) is None


# --- plan difference --------------------------------------------------------------------------


def test_plan_difference() -> None:
    step = PlanStep(1, MON, mg(10), TID)
    assert check_plan_difference(BACLOFEN, step, mg(10)) is None
    differs = check_plan_difference(BACLOFEN, step, mg(15), MON)
    assert differs is not None
    assert (differs.kind, differs.severity, differs.amount) == (
        FindingKind.DIFFERS_FROM_PLAN, Severity.WARNING, mg(5)
    )
    assert "15 mg differs from the planned 10 mg" in differs.message
    lower = check_plan_difference(BACLOFEN, step, mg(7.5))
    assert lower is not None and lower.amount == mg(-2.5)


def test_no_plan_step_is_information() -> None:
    finding = check_plan_difference(BACLOFEN, None, mg(10), MON)
    assert finding is not None
    assert (finding.kind, finding.severity, finding.day) == (
        FindingKind.NO_PLAN_STEP, Severity.INFO, MON
    )


# --- check_dose -------------------------------------------------------------------------------

def test_dose_within_every_rule() -> None:
    verdict = check_dose(BACLOFEN, taken(at(MON, 14), mg(20)), [taken(at(MON, 8), mg(20))], None,
                         STEPS)
    assert verdict.findings == ()
    assert not verdict.breaks_rule


def test_dose_over_the_max_breaks_a_rule() -> None:
    today = [taken(at(MON, 8), mg(30)), taken(at(MON, 13), mg(30))]
    verdict = check_dose(BACLOFEN, taken(at(MON, 20), mg(20) + 1), today, None, STEPS)
    assert verdict.breaks_rule
    assert [f.kind for f in verdict.rule_findings] == [FindingKind.OVER_MAX_DAILY]
    assert verdict.rule_findings[0].amount == 1


def test_dose_inside_the_interval_breaks_a_rule() -> None:
    verdict = check_dose(BACLOFEN, taken(at(MON, 11), mg(20)), [taken(at(MON, 8), mg(20))], None,
                         STEPS)
    assert verdict.breaks_rule
    assert [f.kind for f in verdict.findings] == [FindingKind.INSIDE_MIN_INTERVAL]


def test_dose_inside_the_interval_after_yesterdays_late_dose() -> None:
    # 03:00 belongs to the diary day before (day starts 04:00): previous_taken brings it in.
    late = taken(at(MON, 3), mg(20))
    verdict = check_dose(BACLOFEN, taken(at(MON, 6), mg(20)), [], late, STEPS)
    assert [f.kind for f in verdict.findings] == [FindingKind.INSIDE_MIN_INTERVAL]


def test_the_previous_dose_of_the_same_day_counts_once() -> None:
    # Storage's last_taken usually returns one of the day's own intakes: 40 + 20 + 5 is 65 mg.
    morning, noon = taken(at(MON, 8), mg(40), id=1), taken(at(MON, 13), mg(20), id=2)
    verdict = check_dose(BACLOFEN, taken(at(MON, 20), mg(5)), [morning, noon], noon, STEPS)
    assert FindingKind.OVER_MAX_DAILY not in [f.kind for f in verdict.findings]
    over = check_dose(BACLOFEN, taken(at(MON, 20), mg(25)), [morning, noon], noon, STEPS)
    assert [f.amount for f in over.rule_findings] == [mg(5)]


def test_previous_day_dose_does_not_count_towards_today() -> None:
    yesterday = taken(at(MON, 3), mg(70))
    verdict = check_dose(BACLOFEN, taken(at(MON, 20), mg(20)), [], yesterday, STEPS)
    assert not verdict.breaks_rule


def test_plan_difference_alone_breaks_no_rule() -> None:
    verdict = check_dose(BACLOFEN, taken(at(MON, 8), mg(25)), [], None, STEPS)
    assert [f.kind for f in verdict.findings] == [FindingKind.DIFFERS_FROM_PLAN]
    assert not verdict.breaks_rule
    unplanned = check_dose(BACLOFEN, taken(at(MON, 8), mg(25)), [], None, [])
    assert [f.kind for f in unplanned.findings] == [FindingKind.NO_PLAN_STEP]


def test_skipped_intakes_never_count() -> None:
    skipped = [
        taken(at(MON, 8), mg(40), status=IntakeStatus.SKIPPED),
        taken(at(MON, 14), mg(40), status=IntakeStatus.SKIPPED),
    ]
    verdict = check_dose(BACLOFEN, taken(at(MON, 15), mg(20)), skipped, None, STEPS)
    assert verdict.findings == ()


def test_a_skipped_proposed_intake_breaks_no_rule() -> None:
    today = [taken(at(MON, 8), mg(80))]
    proposal = taken(at(MON, 9), mg(20), status=IntakeStatus.SKIPPED)
    assert check_dose(BACLOFEN, proposal, today, None, STEPS).findings == ()


def test_deleted_and_edited_intakes_do_not_count() -> None:
    deleted = taken(at(MON, 8), mg(80), deleted_at=at(MON, 9))
    original = taken(at(MON, 14), mg(20), id=5)
    edit = replace(original, amount=mg(20))
    verdict = check_dose(BACLOFEN, edit, [deleted, original], None, STEPS)
    assert verdict.findings == ()


def test_dose_on_its_slots_day() -> None:
    # A dose linked to Sunday's 20:00 slot but taken Monday 05:00 is checked against Sunday's plan.
    steps = [PlanStep(1, day(-1), mg(5), TID, end=day(-1)), PlanStep(1, MON, mg(20), TID)]
    proposal = taken(at(MON, 5), mg(5), slot=Slot(day(-1), time(20)))
    assert check_dose(BACLOFEN, proposal, [], None, steps).findings == ()


# --- the day in words, beyond the plan --------------------------------------------------------


def test_a_dose_of_another_day_names_that_day() -> None:
    # Reviewer: a dose dated yesterday was said to "take today to 100 mg".
    yesterday = [taken(at(day(-1), 8), mg(40)), taken(at(day(-1), 14), mg(40))]
    proposal = taken(at(day(-1), 20), mg(20))
    verdict = check_dose(BACLOFEN, proposal, yesterday, None, STEPS, FOUR, today=MON)
    [over] = verdict.rule_findings
    assert over.message == ("Baclofen: this dose would take Sun 1 Mar 2026 to 100 mg, 20 mg "
                            "over the 80 mg maximum per day.")
    assert over.day == day(-1)
    same_day = check_dose(BACLOFEN, proposal, yesterday, None, STEPS, FOUR, today=day(-1))
    assert "this dose would take today to 100 mg" in same_day.rule_findings[0].message
    # Without `today`, as before: "today".
    unworded = check_dose(BACLOFEN, proposal, yesterday, None, STEPS)
    assert "would take today to 100 mg" in unworded.rule_findings[0].message


def test_beyond_the_plan_counts_doses_and_the_day_total() -> None:
    day_doses = [taken(at(MON, 8), mg(20), id=1), taken(at(MON, 14), mg(20), id=2),
                 taken(at(MON, 20), mg(20), id=3)]
    fourth = taken(at(MON, 21), mg(20))
    finding = beyond_plan(BACLOFEN, fourth, day_doses, STEPS, FOUR, MON)
    assert finding is not None and finding.kind is FindingKind.BEYOND_PLAN
    assert finding.message == ("Baclofen: beyond the plan: 4 doses taken today, and the plan has "
                               "3 a day; 80 mg taken today, above the planned 60 mg/day.")
    assert finding.severity is Severity.WARNING
    on_monday = beyond_plan(BACLOFEN, fourth, day_doses, STEPS, FOUR, day(1))
    assert on_monday is not None and "4 doses taken on Mon 2 Mar 2026" in on_monday.message
    # Within the plan, skipped, or an edit of one of the day's own doses: nothing beyond.
    assert beyond_plan(BACLOFEN, fourth, day_doses[:2], STEPS, FOUR, MON) is None
    skipped = replace(fourth, status=IntakeStatus.SKIPPED)
    assert beyond_plan(BACLOFEN, skipped, day_doses, STEPS, FOUR, MON) is None
    edit = replace(day_doses[2], amount=mg(15))
    assert beyond_plan(BACLOFEN, edit, day_doses, STEPS, FOUR, MON) is None


def test_beyond_the_plan_says_nothing_without_a_scheduled_step() -> None:
    as_needed = [PlanStep(1, MON - timedelta(days=10), mg(20), ())]
    assert beyond_plan(BACLOFEN, taken(at(MON, 8), mg(99)), [], as_needed, FOUR, MON) is None
    assert beyond_plan(BACLOFEN, taken(at(MON, 8), mg(99)), [], [], FOUR, MON) is None


# --- timing: early for the slot, close to another dose -------------------------------------------
def test_a_dose_well_before_its_slot_is_early() -> None:
    proposal = taken(at(MON, 9, 30), mg(20), slot=Slot(MON, time(14)))
    [early] = check_timing(NO_INTERVAL, proposal, [], None, HOUR, FOUR)
    assert early.kind is FindingKind.EARLY_FOR_SLOT
    assert early.message == ("Baclofen: 09:30 is 4 h 30 min before the 14:00 dose is due, "
                             "earlier than its on-time window (1 h).")
    assert early.minutes == 270
    # Inside the window (exactly its edge too), or after the slot: not early.
    for moment in (at(MON, 13), at(MON, 13, 30), at(MON, 18)):
        assert check_timing(NO_INTERVAL, replace(proposal, at=moment), [], None, HOUR,
                            FOUR) == ()


def test_a_second_dose_within_the_window_of_another() -> None:
    first = taken(at(MON, 20, 5), mg(20), slot=Slot(MON, time(14)), id=7)
    second = taken(at(MON, 20, 6), mg(20), slot=Slot(MON, time(20)))
    [near] = check_timing(NO_INTERVAL, second, [first], first, HOUR, FOUR)
    assert near.kind is FindingKind.NEAR_ANOTHER_DOSE
    assert near.message == ("Baclofen: a dose was already taken at 20:05, 1 min from this one: "
                            "this would be a second dose within 1 h.")
    assert near.minutes == 59
    # An hour apart, a skipped dose, the dose itself (an edit), a skipped proposal: nothing.
    later = replace(second, at=at(MON, 21, 5))
    assert check_timing(NO_INTERVAL, later, [first], first, HOUR, FOUR) == ()
    skipped = replace(first, status=IntakeStatus.SKIPPED)
    assert check_timing(NO_INTERVAL, second, [skipped], None, HOUR, FOUR) == ()
    assert check_timing(NO_INTERVAL, replace(first, amount=mg(10)), [first], first, HOUR,
                        FOUR) == ()
    assert check_timing(NO_INTERVAL, replace(second, status=IntakeStatus.SKIPPED), [first],
                        first, HOUR, FOUR) == ()


def test_the_minimum_interval_speaks_instead_of_the_timing() -> None:
    first = taken(at(MON, 20, 5), mg(20), id=7)
    second = taken(at(MON, 20, 30), mg(20))
    assert check_timing(BACLOFEN, second, [first], first, HOUR, FOUR) == ()
    assert [f.kind for f in check_dose(BACLOFEN, second, [first], first, STEPS).findings] == [
        FindingKind.INSIDE_MIN_INTERVAL]
