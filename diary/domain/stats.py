"""Statistics over any date range: adherence per scheduled slot, daily totals, rolling means and
the change from a baseline period.

`match_intakes_to_slots` is the one place that decides which intake answers which scheduled dose;
adherence here and the missed-slot and unlogged-dose rules in `safety` all go through it.

Time (DESIGN.md): every intake keeps its own UTC offset and a plan slot is a local wall-clock
time. Whenever an intake is compared with a slot, the slot is placed in that intake's offset
(`dose_instant_for`); the zone passed as `tz` only places slots no intake answers, to say whether
they are missed yet or still pending.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from datetime import tzinfo
from enum import StrEnum
from fractions import Fraction

from diary.domain.daytime import check_order
from diary.domain.daytime import day_bounds
from diary.domain.daytime import local_day
from diary.domain.daytime import minutes_of
from diary.domain.daytime import slot_instant
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.errors import ValidationError
from diary.domain.plans.steps import ScheduledDose
from diary.domain.plans.steps import expected_slots
from diary.domain.plans.steps import expected_slots_between

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
    doses: Sequence[ScheduledDose],
    intakes: Iterable[Intake],
    day_starts_at: time,
    tz: tzinfo | None = None,
) -> dict[ScheduledDose, Intake]:
    """Which intake (taken or skipped, not deleted) answers which scheduled dose.

    An intake linked to a slot answers that slot; a second intake linked to the same slot is an
    extra dose and answers nothing, and one linked to a slot of a day outside `doses` answers
    nothing here. Unlinked intakes, and intakes linked to a time the plan no longer has on that
    day, answer the free slot of the same medication on the same diary day nearest in time,
    closest pairs first, so that one intake never answers two slots.

    A slot is a local wall-clock time, and every intake keeps its own UTC offset: an intake is
    compared with the slots of its day placed in that offset (`dose_instant_for`), so a week
    logged in Berlin matches the same way whatever zone the computer is in now, and a traveller's
    morning dose in Paris and evening dose in New York both answer their own slots. `tz` plays no
    part in matching; it is accepted so that callers can pass the zone they use for slots no
    intake answers.
    """
    del tz  # matching never depends on the zone of the reader, only on each intake's own offset
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
        day_doses = sorted(of_day.get(key, []), key=lambda d: _into_day(d, day_starts_at))
        free = [d for d in day_doses if d not in matches]
        matches.update(_nearest_pairs(day_doses, free, group, day_starts_at))
    return matches


def _into_day(dose: ScheduledDose, day_starts_at: time) -> int:
    """Minutes from the start of the diary day to the slot (a 01:00 slot comes last)."""
    return (minutes_of(dose.slot.time) - minutes_of(day_starts_at)) % (24 * 60)


def _within_reach(
    day_doses: list[ScheduledDose], intake: Intake, day_starts_at: time
) -> dict[ScheduledDose, tuple[datetime, datetime]]:
    """When `intake` can answer each slot of its diary day, the slots placed in the intake's own
    offset: from halfway after the slot before to halfway to the slot after (the day's edges for
    the first and last; the intake is on that diary day by its own offset). A dose at 14:10, when
    the 14:00 dose is already logged, is an extra dose, not the 20:00 one taken six hours early."""
    instants = [dose_instant_for(d, intake, day_starts_at) for d in day_doses]
    first, last = day_bounds(day_doses[0].slot.day, day_starts_at, own_offset(intake.at))
    spans = {}
    final = len(day_doses) - 1
    for i, dose in enumerate(day_doses):
        low = first if i == 0 else instants[i - 1] + (instants[i] - instants[i - 1]) / 2
        high = last if i == final else instants[i] + (instants[i + 1] - instants[i]) / 2
        spans[dose] = (low, high)
    return spans


def _nearest_pairs(
    day_doses: list[ScheduledDose],
    free: list[ScheduledDose],
    intakes: list[Intake],
    day_starts_at: time,
) -> dict[ScheduledDose, Intake]:
    """Pair free slots (in diary-day order) with intakes of the same day, nearest first; ties go
    to the earlier slot, then the earlier intake."""
    if not free:
        return {}
    pairs = []
    for n, intake in enumerate(intakes):
        reach = _within_reach(day_doses, intake, day_starts_at)
        for d, dose in enumerate(free):
            low, high = reach[dose]
            if low <= intake.at <= high:
                gap = abs(intake.at - dose_instant_for(dose, intake, day_starts_at))
                pairs.append((gap, d, intake.at, n))
    taken_doses: set[int] = set()
    used: set[int] = set()
    result: dict[ScheduledDose, Intake] = {}
    for _, d, _, n in sorted(pairs):
        if d not in taken_doses and n not in used:
            taken_doses.add(d)
            used.add(n)
            result[free[d]] = intakes[n]
    return result


def own_offset(at: datetime) -> timezone:
    """The fixed UTC offset an entry was made in (the one storage keeps with it)."""
    offset = at.utcoffset()
    if offset is None:
        raise ValueError("an aware datetime is needed")
    return timezone(offset)


def dose_instant(dose: ScheduledDose, day_starts_at: time, tz: tzinfo) -> datetime:
    """The slot placed in zone `tz`: when a dose no intake answers was due, for the reader."""
    return slot_instant(dose.slot.day, dose.slot.time, day_starts_at, tz)


def dose_instant_for(dose: ScheduledDose, intake: Intake, day_starts_at: time) -> datetime:
    """The slot placed in the intake's own UTC offset: the wall-clock time the plan meant, where
    the intake was logged. Every comparison of an intake with a slot (matching, reach, delay,
    on time / early / late) uses this, never the zone of the reader."""
    return slot_instant(dose.slot.day, dose.slot.time, day_starts_at, own_offset(intake.at))


def answer_delay(dose: ScheduledDose, intake: Intake, day_starts_at: time) -> timedelta:
    """The intake's time minus its slot's, both read in the intake's own offset (negative when
    early)."""
    return intake.at - dose_instant_for(dose, intake, day_starts_at)


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

    An answered slot is read in its intake's own UTC offset (the delay is the difference of
    wall-clock times there), so the result does not depend on `tz`; `tz` places only the slots
    nobody answered, to tell missed from pending at `now`.
    """
    check_order(start, end)
    if on_time_window < timedelta(0):
        raise ValidationError("on-time window", "must not be negative")
    doses = scheduled_doses(steps, start, end, day_starts_at, on_time_window=on_time_window)
    matches = match_intakes_to_slots(doses, intakes, day_starts_at, tz)
    return [
        _outcome(dose, matches.get(dose), now, day_starts_at, tz, on_time_window)
        for dose in doses
    ]


def scheduled_doses(
    steps: Sequence[PlanStep], start: date, end: date, day_starts_at: time, *,
    on_time_window: timedelta,
) -> list[ScheduledDose]:
    """Every dose the plan expects on diary days `start`..`end`, in time order (a step entered
    late expects those whose `on_time_window` was still open: `steps.expects`)."""
    return expected_slots_between(steps, start, end, day_starts_at,
                                  on_time_window=on_time_window)


def _outcome(
    dose: ScheduledDose,
    intake: Intake | None,
    now: datetime,
    day_starts_at: time,
    tz: tzinfo,
    window: timedelta,
) -> SlotOutcome:
    base = (dose.slot, dose.medication_id, dose.amount)
    if intake is None:
        # Nobody answered: whether the window has closed is the reader's question, in `tz`.
        due = dose_instant(dose, day_starts_at, tz)
        return SlotOutcome(*base, SlotStatus.PENDING if now <= due + window else SlotStatus.MISSED)
    if intake.status is IntakeStatus.SKIPPED:
        return SlotOutcome(*base, SlotStatus.SKIPPED, intake)
    delay = answer_delay(dose, intake, day_starts_at)
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


def answered_slot(draft: Intake, steps: Sequence[PlanStep], day_intakes: Sequence[Intake],
                  day: date, day_starts_at: time, tz: tzinfo | None = None, *,
                  on_time_window: timedelta) -> Slot | None:
    """The scheduled slot of `day` a new dose answers (the nearest free slot within reach, by
    the matching adherence uses, among those the plan expects with the diary's
    `on_time_window`), or None for an extra dose."""
    doses = [d for d in expected_slots(steps, day, day_starts_at, on_time_window=on_time_window)
             if d.medication_id == draft.medication_id]
    matches = match_intakes_to_slots(doses, [*day_intakes, draft], day_starts_at, tz)
    return next((dose.slot for dose, intake in matches.items() if intake is draft), None)
