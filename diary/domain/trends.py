"""What the trend charts and the report need for one range of diary days, and the pure helpers
that shape it: one status per day, hours since the last dose of each scheduled medication, weekly
aggregates and the plan's expected daily amount.

`TrendData` is built by `diary.storage.trends.load_trends`; charts only read it.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from enum import StrEnum
from typing import Literal

from diary.domain.baseline import Basis
from diary.domain.baseline import Comparison
from diary.domain.baseline import range_baseline
from diary.domain.baseline import recent_period
from diary.domain.baseline import responder_symptom
from diary.domain.daytime import check_order
from diary.domain.entities import DailyRating
from diary.domain.entities import Event
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.plans.steps import step_on
from diary.domain.stats import SlotOutcome
from diary.domain.stats import SlotStatus
from diary.domain.stats import days_between

# Ranges longer than this are drawn by week: a daily series of more than about a year has more
# days than an A4 chart has points to show them, and one point per week keeps charts fast.
WEEKLY_AFTER_DAYS = 400

# A rating more than this long after the last dose is not read as an effect of that dose: with
# doses two to four times a day, 48 hours means at least a whole day of doses was not taken.
DOSE_LOOKBACK = timedelta(hours=48)


class DayStatus(StrEnum):
    """How the scheduled doses of one diary day went, worst first (see `day_status_of`)."""

    TAKEN = "taken"  # every scheduled dose taken on time
    LATE = "late"  # all taken, some early or late
    MISSED = "missed"  # at least one dose missed
    SKIPPED = "skipped"  # at least one skipped on purpose, none missed
    PENDING = "pending"  # some doses not due yet (today, or a day to come), none missed
    NONE = "none"  # nothing scheduled that day


@dataclass(frozen=True, slots=True)
class RatingPoint:
    """One rating with the hours since the latest dose of one medication taken at or before it
    (which medication: the key of `TrendData.points_by_medication` it is listed under). None
    when no dose of it was taken in the DOSE_LOOKBACK (48 h) before: then the rating follows
    missed doses, not a dose. Slotted: ten years hold some 50,000 ratings per medication."""

    symptom_id: int
    at: datetime
    score: int
    hours_since_dose: float | None


@dataclass(frozen=True)
class TrendData:
    """Everything the trend charts draw for diary days `start`..`end` (inclusive).

    medications: those with a dose taken or a plan step in force in the range (archived too)
    symptoms:   active ones, and archived ones rated in the range, in the user's order
    totals:     medication id -> diary day -> thousandths taken (days without a dose are absent)
    expected:   medication id -> diary day -> the plan's scheduled daily amount, on days a
                scheduled step is in force (absent otherwise; as-needed steps expect nothing)
    ratings:    symptom id -> diary day -> that day's mean, max and count
    points_by_medication: medication id -> every rating, oldest first, with the hours since
                the last dose of that medication; one entry per medication with scheduled
                doses (a plan step that is not as-needed) and a dose taken in the range. Hours
                are never counted from another medication's dose: two regimens have two
                rhythms, and doses of as-needed-only medications say nothing about either
    day_status: every day of the range -> how its scheduled doses went
    events:     the events of the range's diary days, oldest first
    comparison: the baseline and recent periods compared, with their daily means (None when
                the data was made by hand: `comparison_of` then compares within the range)
    doses_taken: medication id -> how many doses were taken in the range (absent: none)
    """

    start: date
    end: date
    day_starts_at: time
    medications: list[Medication]
    symptoms: list[Symptom]
    totals: dict[int, dict[date, int]]
    expected: dict[int, dict[date, int]]
    ratings: dict[int, dict[date, DailyRating]]
    points_by_medication: dict[int, list[RatingPoint]]
    day_status: dict[date, DayStatus]
    events: list[Event]
    comparison: Comparison | None = None
    doses_taken: dict[int, int] = field(default_factory=dict)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def by_week(self) -> bool:
        """Whether charts aggregate this range by week."""
        return self.days > WEEKLY_AFTER_DAYS

    @property
    def is_empty(self) -> bool:
        """No dose taken and no rating in the range."""
        return not any(self.totals.values()) and not any(self.ratings.values())


def dose_effect_medications(data: TrendData) -> list[Medication]:
    """The medications the dose-and-effect chart can count hours from, the default first: most
    doses taken in the range first, then in the data's order (by name)."""
    found = [m for m in data.medications if m.id in data.points_by_medication]
    return sorted(found, key=lambda m: -data.doses_taken.get(m.id or 0, 0))


def comparison_of(data: TrendData) -> Comparison:
    """The data's comparison, or one within its range: the first days with a spasticity rating
    against the range's last week."""
    if data.comparison is not None:
        return data.comparison
    responder = responder_symptom(data.symptoms)
    rated = sorted(data.ratings.get(responder.id, {})) if responder and responder.id else []
    daily = {sid: {day: r.mean for day, r in days.items()} for sid, days in data.ratings.items()}
    return Comparison(range_baseline(data.start, data.end, rated),
                      recent_period(data.start, data.end), Basis.RANGE, daily)


# A day takes the first of these its slots show: one missed dose marks the day whatever else
# happened; a day still under way is pending rather than judged; a deliberate skip outranks a
# late dose, and a late dose outranks the rest taken on time.
_PRECEDENCE: tuple[tuple[DayStatus, frozenset[SlotStatus]], ...] = (
    (DayStatus.MISSED, frozenset({SlotStatus.MISSED})),
    (DayStatus.PENDING, frozenset({SlotStatus.PENDING})),
    (DayStatus.SKIPPED, frozenset({SlotStatus.SKIPPED})),
    (DayStatus.LATE, frozenset({SlotStatus.EARLY, SlotStatus.LATE})),
    (DayStatus.TAKEN, frozenset({SlotStatus.ON_TIME})),
)


def day_status_of(statuses: Iterable[SlotStatus]) -> DayStatus:
    """The status of a day whose scheduled doses had these outcomes (NONE for no outcome)."""
    seen = set(statuses)
    for status, slot_statuses in _PRECEDENCE:
        if seen & slot_statuses:
            return status
    return DayStatus.NONE


def day_statuses(
    outcomes: Iterable[SlotOutcome], start: date | None = None, end: date | None = None
) -> dict[date, DayStatus]:
    """One status per diary day from `adherence` outcomes. With `start` and `end`, every day of
    that range is present, NONE where nothing was scheduled; without them, only days with
    outcomes are."""
    by_day: dict[date, list[SlotStatus]] = defaultdict(list)
    for outcome in outcomes:
        by_day[outcome.slot.day].append(outcome.status)
    if start is not None and end is not None:
        days = list(days_between(start, end))
    else:
        days = sorted(by_day)
    return {day: day_status_of(by_day.get(day, ())) for day in days}


def hours_since_last_dose(
    at: datetime, doses: Sequence[datetime], within: timedelta = DOSE_LOOKBACK
) -> float | None:
    """Hours from the latest dose at or before `at` to `at`; None when there is no dose in the
    `within` before it. `doses` must be sorted, oldest first (aware datetimes)."""
    index = bisect_right(doses, at)
    if index == 0:
        return None
    gap = at - doses[index - 1]
    return None if gap > within else gap.total_seconds() / 3600


def rating_points(
    ratings: Iterable[Rating], doses: Iterable[datetime], within: timedelta = DOSE_LOOKBACK
) -> list[RatingPoint]:
    """Every live rating, oldest first, with the hours since the last of `doses` before it."""
    live = sorted((r for r in ratings if r.deleted_at is None), key=lambda r: r.at)
    return _points(live, sorted(doses), within)


def points_by_medication(
    ratings: Iterable[Rating], doses: Mapping[int, Iterable[datetime]],
    within: timedelta = DOSE_LOOKBACK,
) -> dict[int, list[RatingPoint]]:
    """Per medication of `doses` (medication id -> its taken doses), every live rating, oldest
    first, with the hours since that medication's last dose before it."""
    live = sorted((r for r in ratings if r.deleted_at is None), key=lambda r: r.at)
    return {mid: _points(live, sorted(times), within) for mid, times in doses.items()}


def _points(live: Sequence[Rating], ordered: Sequence[datetime],
            within: timedelta) -> list[RatingPoint]:
    return [
        RatingPoint(r.symptom_id, r.at, r.score, hours_since_last_dose(r.at, ordered, within))
        for r in live
    ]


def scheduled_medications(steps: Iterable[PlanStep]) -> set[int]:
    """Medications with at least one step that schedules doses (not only as-needed)."""
    return {s.medication_id for s in steps if not s.as_needed}


def expected_daily(
    steps: Sequence[PlanStep], start: date, end: date
) -> dict[int, dict[date, int]]:
    """The plan's daily amount per medication per day of `start`..`end`, on the days a scheduled
    step is in force (the step `step_on` chooses: the latest start wins). Days without a step, or
    whose step in force is as-needed, are absent: the plan expects no particular amount there."""
    check_order(start, end)
    result: dict[int, dict[date, int]] = {}
    for medication_id in sorted(scheduled_medications(steps)):
        own = [s for s in steps if s.medication_id == medication_id]
        daily = {}
        for day in days_between(max(start, min(s.start for s in own)), end):
            step = step_on(own, medication_id, day)
            if step is not None and not step.as_needed:
                daily[day] = step.daily_amount
        if daily:
            result[medication_id] = daily
    return result


def week_of(day: date) -> date:
    """The Monday starting the week of `day`."""
    return day - timedelta(days=day.weekday())


def weekly(
    daily: Mapping[date, float], how: Literal["mean", "sum"] = "mean"
) -> dict[date, float]:
    """Daily values gathered by week (keyed by the week's Monday, in order): the mean or the sum
    of the days that have a value. Days without a value are left out, not counted as zeros; give
    zeros explicitly where a missing day means none (a day without a dose)."""
    if how not in ("mean", "sum"):
        raise ValidationError("how", f"{how!r} is not 'mean' or 'sum'")
    weeks: dict[date, list[float]] = defaultdict(list)
    for day in sorted(daily):
        weeks[week_of(day)].append(daily[day])
    if how == "sum":
        return {week: math.fsum(values) for week, values in weeks.items()}
    return {week: math.fsum(values) / len(values) for week, values in weeks.items()}


@dataclass(frozen=True)
class Bin:
    """Ratings whose hours since the last dose fall in [low, high) (the last bin: [low, high])."""

    low: float
    high: float
    mean: float
    count: int

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


def binned_means(
    pairs: Iterable[tuple[float, float]], width: float, limit: float, minimum: int = 1
) -> list[Bin]:
    """Mean score per bin of `width` hours over [0, limit] from (hours, score) pairs: bins are
    [0, width), [width, 2 width)... and the last one also holds `limit` itself. Pairs outside
    [0, limit] are left out, and so are bins with fewer than `minimum` pairs (too few to draw a
    mean from)."""
    if width <= 0 or limit <= 0:
        raise ValidationError("bins", "the bin width and the limit are more than zero")
    last = math.ceil(limit / width) - 1
    gathered: dict[int, list[float]] = defaultdict(list)
    for hours, score in pairs:
        if 0 <= hours <= limit:
            gathered[min(int(hours // width), last)].append(score)
    return [
        Bin(n * width, min((n + 1) * width, limit), math.fsum(values) / len(values), len(values))
        for n, values in sorted(gathered.items())
        if len(values) >= minimum
    ]
