"""Statistics over any date range: adherence per scheduled slot, daily totals, rolling means and
the change from a baseline period.

`match_intakes_to_slots` is the one place that decides which intake answers which scheduled dose;
adherence here and the missed-slot and unlogged-dose rules in `safety` all go through it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from fractions import Fraction

from diary.domain.daytime import day_bounds, local_day, slot_instant
from diary.domain.entities import Intake, IntakeStatus, PlanStep, Slot
from diary.domain.errors import ValidationError
from diary.domain.plan import ScheduledDose, expected_slots

RESPONDER_THRESHOLD = 0.30  # a 30% fall from baseline: the usual responder cut-off in MS trials


class SlotStatus(StrEnum):
    ON_TIME = "on_time"
    EARLY = "early"  # taken, but before the on-time window opened
    LATE = "late"
    MISSED = "missed"
    SKIPPED = "skipped"
    PENDING = "pending"  # no answer yet, and the on-time window has not closed


@dataclass(frozen=True)
class SlotOutcome:
    """What became of one scheduled dose. `intake` is the answer, if any; `delay_minutes` is the
    taken time minus the slot time (negative when early), None unless a dose was taken."""

    slot: Slot
    medication_id: int
    planned_amount: int
    status: SlotStatus
    intake: Intake | None = None
    delay_minutes: int | None = None

    @property
    def dose(self) -> ScheduledDose:
        return ScheduledDose(self.medication_id, self.slot, self.planned_amount)


@dataclass(frozen=True)
class AdherenceSummary:
    on_time: int = 0
    early: int = 0
    late: int = 0
    missed: int = 0
    skipped: int = 0
    pending: int = 0

    @property
    def taken(self) -> int:
        return self.on_time + self.early + self.late

    @property
    def due(self) -> int:
        """Slots whose window has closed or that have an answer: everything but pending."""
        return self.taken + self.missed + self.skipped

    @property
    def percent_taken(self) -> float | None:
        """Taken slots (on time, early or late) over due slots, in percent; None with none due."""
        return None if self.due == 0 else 100 * self.taken / self.due


def _live(intakes: Iterable[Intake]) -> list[Intake]:
    return sorted(
        (i for i in intakes if i.deleted_at is None),
        key=lambda i: (i.at, -1 if i.id is None else i.id),
    )


def match_intakes_to_slots(
    doses: Sequence[ScheduledDose], intakes: Iterable[Intake], day_starts_at: time, tz: tzinfo
) -> dict[ScheduledDose, Intake]:
    """Which intake (taken or skipped, not deleted) answers which scheduled dose.

    An intake linked to a slot answers that slot; a second intake linked to the same slot is an
    extra dose and answers nothing, and one linked to a slot of a day outside `doses` answers
    nothing here. Unlinked intakes, and intakes linked to a time the plan no longer has on that
    day, answer the free slot of the same medication on the same diary day nearest in time,
    closest pairs first, so that one intake never answers two slots.
    """
    wanted = {(d.medication_id, d.slot): d for d in doses}
    in_scope = {(d.medication_id, d.slot.day) for d in doses}
    matches: dict[ScheduledDose, Intake] = {}
    loose: list[Intake] = []
    for intake in _live(intakes):
        if intake.slot is None:
            loose.append(intake)
            continue
        dose = wanted.get((intake.medication_id, intake.slot))
        if dose is None and (intake.medication_id, intake.slot.day) in in_scope:
            loose.append(intake)  # the plan changed that day's times after the dose was logged
        elif dose is not None and dose not in matches:
            matches[dose] = intake
    of_day: dict[tuple[int, date], list[ScheduledDose]] = defaultdict(list)
    for dose in doses:
        of_day[(dose.medication_id, dose.slot.day)].append(dose)
    by_day: dict[tuple[int, date], list[Intake]] = defaultdict(list)
    for intake in loose:
        by_day[(intake.medication_id, local_day(intake.at, day_starts_at))].append(intake)
    for key, group in by_day.items():
        reach = _reach(of_day.get(key, []), key[1], day_starts_at, tz)
        free = [d for d in of_day.get(key, []) if d not in matches]
        matches.update(_nearest_pairs(free, group, reach, day_starts_at, tz))
    return matches


def _reach(
    doses: list[ScheduledDose], day: date, day_starts_at: time, tz: tzinfo
) -> dict[ScheduledDose, tuple[datetime, datetime]]:
    """When an unlinked intake can answer each slot: from halfway after the slot before to
    halfway to the slot after (the day's edges for the first and last). A dose at 14:10, when the
    14:00 dose is already logged, is an extra dose, not the 20:00 one taken six hours early."""
    ordered = sorted(doses, key=lambda d: dose_instant(d, day_starts_at, tz))
    instants = [dose_instant(d, day_starts_at, tz) for d in ordered]
    first, last = day_bounds(day, day_starts_at, tz)
    spans = {}
    for i, dose in enumerate(ordered):
        low = first if i == 0 else instants[i - 1] + (instants[i] - instants[i - 1]) / 2
        high = last if i == len(ordered) - 1 else instants[i] + (instants[i + 1] - instants[i]) / 2
        spans[dose] = (low, high)
    return spans


def _nearest_pairs(
    doses: list[ScheduledDose], intakes: list[Intake],
    reach: dict[ScheduledDose, tuple[datetime, datetime]], day_starts_at: time, tz: tzinfo,
) -> dict[ScheduledDose, Intake]:
    instants = [dose_instant(d, day_starts_at, tz) for d in doses]
    pairs = sorted(
        (abs(intake.at - instants[d]), instants[d], intake.at, d, n)
        for d in range(len(doses))
        for n, intake in enumerate(intakes)
        if reach[doses[d]][0] <= intake.at <= reach[doses[d]][1]
    )
    taken_doses: set[int] = set()
    used: set[int] = set()
    result: dict[ScheduledDose, Intake] = {}
    for _, _, _, d, n in pairs:
        if d not in taken_doses and n not in used:
            taken_doses.add(d)
            used.add(n)
            result[doses[d]] = intakes[n]
    return result


def dose_instant(dose: ScheduledDose, day_starts_at: time, tz: tzinfo) -> datetime:
    return slot_instant(dose.slot.day, dose.slot.time, day_starts_at, tz)


def days_between(start: date, end: date) -> Iterator[date]:
    """Every calendar day from `start` to `end`, both included."""
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


def adherence(
    steps: Sequence[PlanStep],
    intakes: Iterable[Intake],
    start: date,
    end: date,
    now: datetime,
    day_starts_at: time,
    tz: tzinfo,
    on_time_window: timedelta,
) -> list[SlotOutcome]:
    """The outcome of every dose the plan expected on diary days `start`..`end` (inclusive).

    On time: taken within ± `on_time_window` of the slot. Early or late: taken outside it. Skipped:
    answered by a skipped intake. Missed: no answer and the window has closed (slot + window is
    before `now`). Pending: no answer yet and the window still open, including future slots.
    """
    if end < start:
        raise ValidationError("dates", f"the range ends ({end}) before it starts ({start})")
    if on_time_window < timedelta(0):
        raise ValidationError("on-time window", "must not be negative")
    doses = scheduled_doses(steps, start, end, day_starts_at)
    matches = match_intakes_to_slots(doses, intakes, day_starts_at, tz)
    outcomes = []
    for dose in doses:
        at = dose_instant(dose, day_starts_at, tz)
        outcomes.append(_outcome(dose, matches.get(dose), at, now, on_time_window))
    return outcomes


def scheduled_doses(
    steps: Sequence[PlanStep], start: date, end: date, day_starts_at: time
) -> list[ScheduledDose]:
    """Every dose the plan expects on diary days `start`..`end`, in time order."""
    days = days_between(start, end)
    return [dose for day in days for dose in expected_slots(steps, day, day_starts_at)]


def _outcome(
    dose: ScheduledDose, intake: Intake | None, at: datetime, now: datetime, window: timedelta
) -> SlotOutcome:
    base = (dose.slot, dose.medication_id, dose.amount)
    if intake is None:
        return SlotOutcome(*base, SlotStatus.PENDING if now <= at + window else SlotStatus.MISSED)
    if intake.status is IntakeStatus.SKIPPED:
        return SlotOutcome(*base, SlotStatus.SKIPPED, intake)
    delay = intake.at - at
    if abs(delay) <= window:
        status = SlotStatus.ON_TIME
    else:
        status = SlotStatus.EARLY if delay < timedelta(0) else SlotStatus.LATE
    return SlotOutcome(*base, status, intake, round(delay.total_seconds() / 60))


def summarize(outcomes: Iterable[SlotOutcome]) -> AdherenceSummary:
    counts = {status: 0 for status in SlotStatus}
    for outcome in outcomes:
        counts[outcome.status] += 1
    return AdherenceSummary(
        on_time=counts[SlotStatus.ON_TIME],
        early=counts[SlotStatus.EARLY],
        late=counts[SlotStatus.LATE],
        missed=counts[SlotStatus.MISSED],
        skipped=counts[SlotStatus.SKIPPED],
        pending=counts[SlotStatus.PENDING],
    )


def daily_totals(intakes: Iterable[Intake], day_starts_at: time) -> dict[tuple[date, int], int]:
    """Sum of taken (not skipped, not deleted) amounts per (diary day, medication id)."""
    totals: dict[tuple[date, int], int] = defaultdict(int)
    for intake in intakes:
        if intake.deleted_at is None and intake.status is IntakeStatus.TAKEN:
            totals[(local_day(intake.at, day_starts_at), intake.medication_id)] += intake.amount
    return dict(totals)


def rolling_mean(values: Mapping[date, float], window: int = 7) -> dict[date, float]:
    """Trailing mean over `window` calendar days (the day itself and the window - 1 before it).

    Days without a value are gaps, not zeros: each mean is over the days in its window that have a
    value. Every calendar day from the first to the last day with a value gets a mean, unless its
    whole window is empty; such a day is left out, so a chart shows a break rather than a made-up
    value.
    """
    if window < 1:
        raise ValidationError("window", "a rolling window is at least one day")
    if not values:
        return {}
    result: dict[date, float] = {}
    for day in days_between(min(values), max(values)):
        present = [
            values[d]
            for d in (day - timedelta(days=back) for back in range(window))
            if d in values
        ]
        if present:
            result[day] = math.fsum(present) / len(present)
    return result


@dataclass(frozen=True)
class BaselineChange:
    baseline_mean: float
    recent_mean: float
    percent_change: float | None  # relative to baseline; None when the baseline mean is 0
    responder: bool


def _period_values(daily: Mapping[date, float], period: tuple[date, date]) -> list[float]:
    first, last = period
    if last < first:
        raise ValidationError("dates", f"the period ends ({last}) before it starts ({first})")
    return [value for day, value in daily.items() if first <= day <= last]


def baseline_change(
    daily: Mapping[date, float],
    baseline: tuple[date, date],
    recent: tuple[date, date],
    threshold: float = RESPONDER_THRESHOLD,
) -> BaselineChange | None:
    """Mean of the recent period against the mean of the baseline period (both inclusive).

    None when either period has no value. A responder has a fall of at least `threshold` (30%) from
    a baseline above 0; the comparison is exact in rationals, so a fall of exactly 30% counts. A
    baseline of 0 has no percent change and cannot fall, so it never makes a responder.
    """
    if not 0 < threshold <= 1:
        raise ValidationError("threshold", "a responder threshold is between 0 and 100%")
    before, after = _period_values(daily, baseline), _period_values(daily, recent)
    if not before or not after:
        return None
    base = sum(map(Fraction, before)) / len(before)
    now = sum(map(Fraction, after)) / len(after)
    if base == 0:
        return BaselineChange(0.0, float(now), None, False)
    change = (now - base) / base
    responder = base > 0 and -change >= Fraction(repr(threshold))
    return BaselineChange(float(base), float(now), float(change * 100), responder)
