"""Trend helpers on hand-made data: one status per day, weekly aggregates, the plan's expected
daily amount, hours since the last dose and binned means."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.errors import ValidationError
from diary.domain.stats import SlotOutcome
from diary.domain.stats import SlotStatus
from diary.domain.stats import adherence
from diary.domain.trends import DOSE_LOOKBACK
from diary.domain.trends import WEEKLY_AFTER_DAYS
from diary.domain.trends import Bin
from diary.domain.trends import DayStatus
from diary.domain.trends import RatingPoint
from diary.domain.trends import TrendData
from diary.domain.trends import binned_means
from diary.domain.trends import day_status_of
from diary.domain.trends import day_statuses
from diary.domain.trends import expected_daily
from diary.domain.trends import hours_since_last_dose
from diary.domain.trends import rating_points
from diary.domain.trends import scheduled_medications
from diary.domain.trends import week_of
from diary.domain.trends import weekly

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
MON = date(2026, 3, 2)
TUE, WED, THU, FRI, SAT, SUN = (MON + timedelta(days=n) for n in range(1, 7))
NEXT_MON = MON + timedelta(days=7)
S = SlotStatus


def outcome(day: date, hour: int, status: SlotStatus, medication_id: int = 1) -> SlotOutcome:
    return SlotOutcome(Slot(day, time(hour)), medication_id, 10_000, status)


# --- day statuses ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([S.ON_TIME, S.ON_TIME], DayStatus.TAKEN),
        ([S.ON_TIME, S.EARLY], DayStatus.LATE),
        ([S.LATE, S.ON_TIME], DayStatus.LATE),
        ([S.LATE, S.MISSED], DayStatus.MISSED),
        ([S.SKIPPED, S.MISSED], DayStatus.MISSED),
        ([S.SKIPPED, S.LATE], DayStatus.SKIPPED),
        ([S.SKIPPED, S.ON_TIME], DayStatus.SKIPPED),
        ([S.ON_TIME, S.PENDING], DayStatus.PENDING),
        ([S.SKIPPED, S.PENDING], DayStatus.PENDING),
        ([S.MISSED, S.PENDING], DayStatus.MISSED),
        ([], DayStatus.NONE),
    ],
)
def test_a_day_takes_the_worst_of_its_slots(statuses, expected) -> None:
    assert day_status_of(statuses) is expected


def test_day_statuses_group_by_diary_day_and_fill_the_range() -> None:
    outcomes = [
        outcome(MON, 8, S.ON_TIME), outcome(MON, 20, S.ON_TIME),
        outcome(TUE, 8, S.ON_TIME), outcome(TUE, 20, S.LATE),
        outcome(WED, 8, S.MISSED), outcome(WED, 20, S.ON_TIME),
        # Two medications on one day: the second one's skip marks the day.
        outcome(FRI, 8, S.ON_TIME), outcome(FRI, 8, S.SKIPPED, medication_id=2),
    ]
    assert day_statuses(outcomes, MON, SAT) == {
        MON: DayStatus.TAKEN, TUE: DayStatus.LATE, WED: DayStatus.MISSED,
        THU: DayStatus.NONE, FRI: DayStatus.SKIPPED, SAT: DayStatus.NONE,
    }
    assert day_statuses(outcomes) == {
        MON: DayStatus.TAKEN, TUE: DayStatus.LATE, WED: DayStatus.MISSED,
        FRI: DayStatus.SKIPPED,
    }


def test_day_statuses_from_adherence_on_a_hand_made_week() -> None:
    steps = [PlanStep(1, MON, 10_000, (time(8), time(20)), end=WED)]
    intakes = [
        Intake(1, datetime(2026, 3, 2, 8, 10, tzinfo=CET), 10_000),
        Intake(1, datetime(2026, 3, 2, 20, 0, tzinfo=CET), 10_000),
        Intake(1, datetime(2026, 3, 3, 8, 0, tzinfo=CET), 10_000),
        Intake(1, datetime(2026, 3, 3, 20, 0, tzinfo=CET), 10_000, IntakeStatus.SKIPPED,
               Slot(TUE, time(20))),
        Intake(1, datetime(2026, 3, 4, 8, 0, tzinfo=CET), 10_000),
    ]
    # Wednesday 20:30: the 20:00 dose is still within its hour.
    now = datetime(2026, 3, 4, 20, 30, tzinfo=CET)
    outcomes = adherence(steps, intakes, MON, THU, now, time(4), CET, timedelta(hours=1))
    assert day_statuses(outcomes, MON, THU) == {
        MON: DayStatus.TAKEN, TUE: DayStatus.SKIPPED, WED: DayStatus.PENDING,
        THU: DayStatus.NONE,
    }


# --- weekly ----------------------------------------------------------------------------------

def test_week_of_is_the_monday_before() -> None:
    assert [week_of(d) for d in (MON, WED, SUN, NEXT_MON)] == [MON, MON, MON, NEXT_MON]


def test_weekly_means_and_sums_over_the_days_with_a_value() -> None:
    daily = {SAT: 4.0, SUN: 6.0, NEXT_MON: 1.0, NEXT_MON + timedelta(days=2): 2.0, MON: 2.0}
    assert weekly(daily, "mean") == {MON: 4.0, NEXT_MON: 1.5}
    assert weekly(daily, "sum") == {MON: 12.0, NEXT_MON: 3.0}
    assert list(weekly(daily)) == [MON, NEXT_MON]  # in order, mean by default
    assert weekly({}) == {}


def test_weekly_refuses_an_unknown_aggregate() -> None:
    with pytest.raises(ValidationError, match="median"):
        weekly({MON: 1.0}, "median")  # type: ignore[arg-type]


def test_trend_data_goes_weekly_past_the_threshold() -> None:
    def data(days: int) -> TrendData:
        return TrendData(start=MON, end=MON + timedelta(days=days - 1), day_starts_at=time(4),
                         medications=[], symptoms=[], totals={}, expected={}, ratings={},
                         points_by_medication={}, day_status={}, events=[])

    assert data(WEEKLY_AFTER_DAYS).days == WEEKLY_AFTER_DAYS
    assert not data(WEEKLY_AFTER_DAYS).by_week
    assert data(WEEKLY_AFTER_DAYS + 1).by_week
    assert data(3).is_empty


# --- expected daily amount -------------------------------------------------------------------

def test_expected_daily_follows_the_step_in_force() -> None:
    steps = [
        PlanStep(1, MON, 5_000, (time(8), time(14), time(20)), end=TUE),
        PlanStep(1, WED, 10_000, (time(8), time(14), time(20)), end=THU),
        # A later start wins where steps overlap: Friday on, 20 mg twice a day.
        PlanStep(1, FRI, 20_000, (time(8), time(20))),
        PlanStep(1, NEXT_MON, 15_000, (time(8), time(20)), end=NEXT_MON),
        # As needed only: nothing expected, so this medication has no entry at all.
        PlanStep(2, MON, 1_000_000),
    ]
    assert expected_daily(steps, SUN - timedelta(days=7), NEXT_MON + timedelta(days=1)) == {
        1: {
            MON: 15_000, TUE: 15_000, WED: 30_000, THU: 30_000, FRI: 40_000, SAT: 40_000,
            SUN: 40_000, NEXT_MON: 30_000, NEXT_MON + timedelta(days=1): 40_000,
        },
    }
    assert expected_daily(steps, THU, FRI) == {1: {THU: 30_000, FRI: 40_000}}
    assert scheduled_medications(steps) == {1}


def test_days_without_a_scheduled_step_are_left_out() -> None:
    steps = [
        PlanStep(1, MON, 5_000, (time(8),), end=MON),
        PlanStep(1, WED, 5_000, (time(8),), end=THU),
        PlanStep(1, THU, 1_000),  # an as-needed step taking over on Thursday
    ]
    assert expected_daily(steps, MON, FRI) == {1: {MON: 5_000, WED: 5_000}}
    assert expected_daily(steps, FRI, SUN) == {}


def test_expected_daily_refuses_a_range_that_ends_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="ends"):
        expected_daily([], TUE, MON)


# --- hours since the last dose ---------------------------------------------------------------

DOSES = [
    datetime(2026, 3, 2, 8, 0, tzinfo=CET),
    datetime(2026, 3, 2, 20, 0, tzinfo=CET),
    datetime(2026, 3, 5, 8, 0, tzinfo=CET),
]


@pytest.mark.parametrize(
    ("at", "hours"),
    [
        (datetime(2026, 3, 2, 7, 59, tzinfo=CET), None),  # before any dose
        (datetime(2026, 3, 2, 8, 0, tzinfo=CET), 0.0),  # at the dose itself
        (datetime(2026, 3, 2, 11, 30, tzinfo=CET), 3.5),
        (datetime(2026, 3, 2, 21, 15, tzinfo=CET), 1.25),
        # The same instant written in another offset: 23:00 at +02:00 is 22:00 at +01:00.
        (datetime(2026, 3, 2, 23, 0, tzinfo=CEST), 2.0),
        (datetime(2026, 3, 4, 20, 0, tzinfo=CET), 48.0),  # exactly the look-back: still counts
        (datetime(2026, 3, 4, 20, 1, tzinfo=CET), None),  # a minute more: no recent dose
        (datetime(2026, 3, 5, 9, 45, tzinfo=CET), 1.75),
    ],
)
def test_hours_since_last_dose(at: datetime, hours: float | None) -> None:
    assert timedelta(hours=48) == DOSE_LOOKBACK
    assert hours_since_last_dose(at, DOSES) == hours


def test_rating_points_leave_out_deleted_ratings_and_come_oldest_first() -> None:
    later = Rating(1, datetime(2026, 3, 2, 21, 0, tzinfo=CET), 4)
    earlier = Rating(2, datetime(2026, 3, 2, 9, 0, tzinfo=CET), 6)
    gone = Rating(1, datetime(2026, 3, 2, 10, 0, tzinfo=CET), 9,
                  deleted_at=datetime(2026, 3, 2, 10, 5, tzinfo=CET))
    assert rating_points([later, earlier, gone], reversed(DOSES)) == [
        RatingPoint(2, earlier.at, 6, 1.0),
        RatingPoint(1, later.at, 4, 1.0),
    ]


# --- binned means ----------------------------------------------------------------------------

def test_binned_means_by_hand() -> None:
    pairs = [(0.0, 2), (1.9, 4), (2.0, 6), (3.5, 8), (3.9, 10), (5.0, 1), (6.0, 3), (7.0, 9)]
    # Bins of 2 h up to 6 h: [0, 2) {2, 4}, [2, 4) {6, 8, 10}, [4, 6] {1, 3}; 7.0 is past 6.
    assert binned_means(pairs, 2.0, 6.0) == [
        Bin(0.0, 2.0, 3.0, 2), Bin(2.0, 4.0, 8.0, 3), Bin(4.0, 6.0, 2.0, 2),
    ]
    assert binned_means(pairs, 2.0, 6.0, minimum=3) == [Bin(2.0, 4.0, 8.0, 3)]
    assert Bin(2.0, 4.0, 8.0, 3).middle == 3.0
    with pytest.raises(ValidationError):
        binned_means(pairs, 0.0, 6.0)
