"""The plan: which doses are expected on a day, and the titration and taper templates.

A regimen is a list of dated `PlanStep`s per medication. Where steps overlap, the one that started
last wins (a clinician's change of dose is entered as a new step without editing the old one).
The templates only propose editable steps; they never choose a target dose on their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from fractions import Fraction
from typing import NamedTuple

from diary.domain.daytime import DEFAULT_DAY_STARTS_AT
from diary.domain.daytime import minutes_of
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.errors import ValidationError
from diary.domain.units import SCALE
from diary.domain.units import Unit
from diary.domain.units import format_amount

DEFAULT_TIMES: tuple[time, ...] = (time(8), time(14), time(20))

# Oral baclofen label, DOSAGE AND ADMINISTRATION: "5 mg t.i.d. for 3 days, 10 mg t.i.d. for 3 days,
# 15 mg t.i.d. for 3 days, 20 mg t.i.d. for 3 days" (thousandths of a mg below).
LABEL_FIRST_DOSE = 5 * SCALE
LABEL_INCREMENT = 5 * SCALE
LABEL_DAYS_PER_STEP = 3

# The smallest change a taper step makes, per unit: whole mg or mcg are what tablets and liquids
# can be measured in; tablets and capsules can at best be halved.
TAPER_GRID: dict[Unit, int] = {
    Unit.MG: SCALE, Unit.MCG: SCALE, Unit.G: SCALE // 10, Unit.ML: SCALE // 2, Unit.DROP: SCALE,
    Unit.TABLET: SCALE // 2, Unit.CAPSULE: SCALE // 2, Unit.IU: SCALE, Unit.PUFF: SCALE,
}
DAYS_PER_TAPER_STEP = 3
TAPER_LOOKBACK_DAYS = 56  # how far before the plan's end the taper rule looks for the usual dose
# The reduced dosing must last at least a week: `ends_with_taper` asks it of a plan's end and
# `taper_template` refuses a shorter taper, so that the app's own taper is never flagged.
TAPER_MIN_DAYS = 7


@dataclass(frozen=True)
class ScheduledDose:
    """One dose the plan expects: which medication, at which slot, how much."""

    medication_id: int
    slot: Slot
    amount: int


UNSAVED = 2**62  # the precedence of a step not saved yet: it will be saved last


def _precedence(step: PlanStep) -> tuple[date, int]:
    """Latest start first, then the step saved last: one not saved yet (a change being checked
    before it is written) takes precedence over a saved one of the same start, as it will."""
    return step.start, UNSAVED if step.id is None else step.id


def step_on(steps: Iterable[PlanStep], medication_id: int, day: date) -> PlanStep | None:
    """The step of `medication_id` in force on `day`: of overlapping steps, the latest start wins,
    then the highest id (the one saved last; an unsaved one counts as saved after them)."""
    covering = [s for s in steps if s.medication_id == medication_id and s.covers(day)]
    return max(covering, key=_precedence, default=None)


def expected_slots(
    steps: Sequence[PlanStep], day: date, day_starts_at: time = DEFAULT_DAY_STARTS_AT, *,
    on_time_window: timedelta = timedelta(0),
) -> list[ScheduledDose]:
    """The doses expected on diary day `day`, in the order they fall in that day, then by
    medication. A 01:00 dose after a 04:00 day start comes last: it belongs to the late evening.
    Each medication's doses are those of its step in force that day (`step_on`), as `expects`
    leaves them to it (`on_time_window`: the diary's on-time window)."""
    return expected_slots_between(steps, day, day, day_starts_at, on_time_window=on_time_window)


def expected_slots_between(
    steps: Sequence[PlanStep], start: date, end: date,
    day_starts_at: time = DEFAULT_DAY_STARTS_AT, *, on_time_window: timedelta,
) -> list[ScheduledDose]:
    """`expected_slots` of every diary day from `start` to `end` (inclusive), day after day.

    A step with a `recorded_at` expects the doses whose on-time window was still open when it was
    entered (`expects`): the slots before belong to the plan as it was before the step was
    entered (the step it took precedence over), or to nothing. So a plan typed in at 22:00 for
    today does not call the morning's doses missed, and a dose taken at 08:00 under yesterday's
    plan still answers that plan's 08:00 slot; typed in at 08:30, it expects the 08:00 dose.

    The steps are put in order once for the whole range rather than once a day, and a day whose
    steps in force are those of a day before is laid out as that day was."""
    grouped: dict[int, list[PlanStep]] = {}
    for step in steps:
        grouped.setdefault(step.medication_id, []).append(step)
    # `step_on` takes, of the steps covering a day, the first of the highest precedence: after a
    # stable sort by precedence, highest first, it is the first of them that covers the day.
    ranked = [sorted(grouped[m], key=_precedence, reverse=True) for m in sorted(grouped)]
    start_minutes = minutes_of(day_starts_at)
    # The day from which on a recorded step expects all its doses; before, it may leave some.
    since = {id(s): _since(s.recorded_at, on_time_window, day_starts_at)[0]
             for s in steps if s.recorded_at is not None}
    layouts: dict[tuple[int, ...], list[tuple[int, time, int]]] = {}
    doses: list[ScheduledDose] = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        in_force = [next((s for s in ordered if s.covers(day)), None) for ordered in ranked]
        if any(s is not None and id(s) in since and since[id(s)] >= day for s in in_force):
            layout = _layout_before_recording(ranked, day, on_time_window, day_starts_at)
        else:
            key = tuple(map(id, in_force))
            if key not in layouts:
                layouts[key] = _layout([(s.medication_id, t, s.amount) for s in in_force
                                        if s is not None for t in s.times], start_minutes)
            layout = layouts[key]
        doses.extend(ScheduledDose(m, Slot(day, t), amount) for m, t, amount in layout)
    return doses


def expects(step: PlanStep, slot: Slot, on_time_window: timedelta,
            day_starts_at: time = DEFAULT_DAY_STARTS_AT) -> bool:
    """Whether `step` expects `slot` (of a day it covers): all when backdated (no `recorded_at`)."""
    return step.recorded_at is None or entered_in_time(slot, step.recorded_at, on_time_window,
                                                       day_starts_at)


def entered_in_time(slot: Slot, entered: datetime, on_time_window: timedelta,
                    day_starts_at: time = DEFAULT_DAY_STARTS_AT) -> bool:
    """The one rule: a step entered at R expects a slot at S, read in R's own offset, when S +
    `on_time_window` > R. Entered at 08:30 with a 60-minute window, it expects the 08:00 dose."""
    position = (slot.day, slot_seconds(slot.time, minutes_of(day_starts_at)))
    return position > _since(entered, on_time_window, day_starts_at)


def _since(entered: datetime, on_time_window: timedelta,
           day_starts_at: time) -> tuple[date, int]:
    """The diary position a slot must fall after, S > R - window (slots fall on whole seconds)."""
    return diary_position(entered - on_time_window, day_starts_at)


def diary_position(at: datetime, day_starts_at: time = DEFAULT_DAY_STARTS_AT) -> tuple[date, int]:
    """Where an instant falls in the diary, read in its own UTC offset: its diary day and the
    seconds since that day started."""
    local = at - timedelta(minutes=minutes_of(day_starts_at))
    return local.date(), local.hour * 3600 + local.minute * 60 + local.second


def slot_seconds(t: time, start_minutes: int) -> int:
    """The seconds from the start of the diary day (at `start_minutes`) to dose time `t`."""
    return (minutes_of(t) - start_minutes) % (24 * 60) * 60


def _layout_before_recording(
    ranked: list[list[PlanStep]], day: date, on_time_window: timedelta, day_starts_at: time,
) -> list[tuple[int, time, int]]:
    """The doses of a day on which a step in force was recorded (or later): each step those of
    its slots it `expects` and no step above it expects (whatever their times); the slots before
    fall to the step below it, as they did before it was entered."""
    doses: list[tuple[int, time, int]] = []
    for ordered in ranked:
        above: list[PlanStep] = []
        for step in ordered:
            if not step.covers(day):
                continue
            doses.extend((step.medication_id, t, step.amount) for t in step.times
                         if expects(step, Slot(day, t), on_time_window, day_starts_at)
                         and not any(expects(s, Slot(day, t), on_time_window, day_starts_at)
                                     for s in above))
            above.append(step)
    return _layout(doses, minutes_of(day_starts_at))


def _layout(doses: list[tuple[int, time, int]], start_minutes: int) -> list[tuple[int, time, int]]:
    """(medication, time, amount) of each dose of a day in the order the doses fall in the day,
    then by medication."""
    return sorted(doses, key=lambda d: ((minutes_of(d[1]) - start_minutes) % (24 * 60), d[0]))


def expected_daily_amount(steps: Sequence[PlanStep], medication_id: int, day: date) -> int:
    """The planned total for one day; 0 without a step or for an as-needed step."""
    step = step_on(steps, medication_id, day)
    return 0 if step is None else step.daily_amount


def plan_end(steps: Sequence[PlanStep], medication_id: int) -> date | None:
    """The last day the scheduled plan of a medication covers, or None while it runs open-ended.

    As-needed steps are ignored: they schedule nothing, so they neither keep a plan going nor
    end it.
    """
    scheduled = [s for s in steps if s.medication_id == medication_id and not s.as_needed]
    if not scheduled or any(s.end is None for s in scheduled):
        return None
    return max(s.end for s in scheduled if s.end is not None)


def ends_with_taper(steps: Sequence[PlanStep], medication_id: int, end: date) -> bool:
    """Whether a plan ending on `end` tapers, by this rule.

    Let D(d) be the planned daily amount on day d (`expected_daily_amount`; 0 without a step), and
    look at the TAPER_LOOKBACK_DAYS (56) days ending on `end`. Let the peak be the highest D in
    them and the last peak day the latest day at that amount. The plan tapers when both hold:
      - the final amount D(end) is at most half the peak (the dose was at least halved), and
      - the last peak day is at least TAPER_MIN_DAYS (7) days before `end`, so that the reduced
        doses ran for at least a week.
    A steady dose that simply stops, or a cut made a few days before the end, is not a taper; a
    long taper with steps of two or four weeks still is, because the window covers eight weeks.
    """
    window = [end - timedelta(days=back) for back in range(TAPER_LOOKBACK_DAYS)]
    daily = {d: expected_daily_amount(steps, medication_id, d) for d in window}
    peak = max(daily.values())
    last_peak = max(d for d, amount in daily.items() if amount == peak)
    return daily[end] * 2 <= peak and (end - last_peak).days >= TAPER_MIN_DAYS


def _medication_id(medication: Medication) -> int:
    if medication.id is None:
        raise ValidationError("medication", "save the medication before planning its doses")
    return medication.id


def _check_times(times: Sequence[time]) -> tuple[time, ...]:
    if not times:
        raise ValidationError("times", "a schedule needs at least one dose time")
    ordered = tuple(sorted(set(times)))
    if len(ordered) != len(times):
        raise ValidationError("times", "the same dose time is listed twice")
    return ordered


def titration_ceiling(
    medication: Medication, doses_per_day: int, increment: int = LABEL_INCREMENT
) -> int | None:
    """The highest per-dose amount on the increment grid that keeps a day within the medication's
    max daily amount (None when the medication states no maximum)."""
    if medication.max_daily is None:
        return None
    return (medication.max_daily // doses_per_day) // increment * increment


def titration_capped(
    medication: Medication, target_per_dose: int, times: Sequence[time] = DEFAULT_TIMES
) -> bool:
    """True when `titration_template` stops below the target because the target, taken at every
    dose time, would go over the medication's max daily amount."""
    return medication.max_daily is not None and target_per_dose * len(times) > medication.max_daily


def titration_template(
    medication: Medication,
    start: date,
    target_per_dose: int,
    times: Sequence[time] = DEFAULT_TIMES,
    first_dose: int = LABEL_FIRST_DOSE,
    increment: int = LABEL_INCREMENT,
    days_per_step: int = LABEL_DAYS_PER_STEP,
) -> list[PlanStep]:
    """The label's upward titration as editable steps: `first_dose` at each of `times`, then
    `increment` more per dose every `days_per_step` days, up to the target the user entered.

    The last step holds the target and is open-ended. A target off the grid (17 mg) becomes the last
    step itself (5, 10, 15, 17). When the target would exceed the medication's max daily amount the
    steps stop at the highest grid amount within it; `titration_capped` tells the caller so.
    """
    medication_id = _medication_id(medication)
    ordered = _check_times(times)
    if target_per_dose <= 0:
        raise ValidationError("target", "the target dose must be more than zero")
    if first_dose <= 0 or increment <= 0:
        raise ValidationError("increment", "the first dose and the increment must be above zero")
    if days_per_step < 1:
        raise ValidationError("days per step", "each step lasts at least one day")
    final = target_per_dose
    ceiling = titration_ceiling(medication, len(ordered), increment)
    if ceiling is not None and titration_capped(medication, target_per_dose, ordered):
        if ceiling < min(first_dose, target_per_dose):
            raise ValidationError(
                "target",
                f"no dose on the {format_amount(increment, medication.unit)} grid from "
                f"{format_amount(first_dose, medication.unit)} fits {len(ordered)} times a day "
                f"within the max daily amount of {_max_text(medication)}",
            )
        final = ceiling
    amounts = [*range(first_dose, final, increment), final]
    return [
        titration_step(medication_id, start, ordered, days_per_step, amounts, i)
        for i in range(len(amounts))
    ]


def _max_text(medication: Medication) -> str:
    assert medication.max_daily is not None
    return format_amount(medication.max_daily, medication.unit)


def titration_step(
    medication_id: int,
    start: date,
    times: tuple[time, ...],
    days_per_step: int,
    amounts: list[int],
    index: int,
) -> PlanStep:
    """Step `index` of a titration through `amounts`, `days_per_step` days each from `start`;
    the last is open-ended."""
    first_day = start + timedelta(days=index * days_per_step)
    last = index == len(amounts) - 1
    return PlanStep(
        medication_id=medication_id,
        start=first_day,
        amount=amounts[index],
        times=times,
        end=None if last else first_day + timedelta(days=days_per_step - 1),
        note=f"Titration step {index + 1} of {len(amounts)}",
    )


class TaperPlan(NamedTuple):
    """What a taper changes in the plan: both parts must be saved together.

    `ended_from_step` is the step tapered from, ended the day before the taper starts, with its id
    kept: save it as an edit of that step. Without it the full dose would resume after the taper's
    last day. `steps` are the new taper steps, to add.
    """

    ended_from_step: PlanStep
    steps: list[PlanStep]


def taper_template(
    medication: Medication,
    from_step: PlanStep,
    start: date,
    days: int,
    steps: int | None = None,
) -> TaperPlan:
    """Steps down from `from_step`'s per-dose amount to nothing over `days` days, from `start`.

    Returns `from_step` ended on start - 1 day (same id, for the caller to save as an edit) and
    the new steps (see `TaperPlan`). Amounts fall in equal parts (20 mg in 4 steps: 16, 12, 8, 4),
    rounded to the unit's `TAPER_GRID`, strictly decreasing and never 0; the last is at most half
    of `from_step`'s amount. The last step ends on start + days - 1 and no step follows: the plan
    ends. By default there is about one step every 3 days, at least 2, and no more than the grid
    allows.

    Every taper this returns is one `ends_with_taper` recognises on its last day: a taper shorter
    than TAPER_MIN_DAYS (7) days is refused, and so is a taper longer than the rule's
    TAPER_LOOKBACK_DAYS (56) whose final amount would run for so long that the rule no longer sees
    a reduction (choose more steps or fewer days); a shorter one never is. `from_step` must be in
    force on the day before `start`.
    """
    medication_id = _medication_id(medication)
    if from_step.medication_id != medication_id:
        raise ValidationError("plan", "the step to taper from belongs to another medication")
    if from_step.as_needed:
        raise ValidationError("plan", "an as-needed step has no scheduled dose to taper from")
    day_before = start - timedelta(days=1)
    if not from_step.covers(day_before):
        raise ValidationError(
            "start",
            f"the step to taper from ({from_step.start} to {from_step.end or 'open'}) must be "
            f"in force on {day_before}, the day before the taper starts",
        )
    if days < TAPER_MIN_DAYS:
        raise ValidationError(
            "days",
            f"a taper lasts at least {TAPER_MIN_DAYS} days, so that the reduced doses run for a "
            "week before the plan ends",
        )
    grid = TAPER_GRID[medication.unit]
    if from_step.amount < 2 * grid:
        raise ValidationError(
            "amount",
            f"{format_amount(from_step.amount, medication.unit)} cannot be halved in steps of "
            f"{format_amount(grid, medication.unit)}; ask the prescriber how to stop",
        )
    room = (from_step.amount - 1) // grid  # grid amounts strictly between 0 and the current dose
    count = _taper_count(days, steps, room, grid, medication.unit)
    amounts = _taper_amounts(from_step.amount, count, grid)
    plan = TaperPlan(
        replace(from_step, end=day_before),
        [
            PlanStep(
                medication_id=medication_id,
                start=start + timedelta(days=i * days // count),
                amount=amount,
                times=from_step.times,
                end=start + timedelta(days=(i + 1) * days // count - 1),
                note=f"Taper step {i + 1} of {count}",
            )
            for i, amount in enumerate(amounts)
        ],
    )
    last_day = start + timedelta(days=days - 1)
    if not ends_with_taper([plan.ended_from_step, *plan.steps], medication_id, last_day):
        final = plan.steps[-1]
        length = (last_day - final.start).days + 1
        raise ValidationError(
            "days",
            f"the last step, {format_amount(final.amount, medication.unit)} for {length} days, "
            f"is not at most half of any dose planned in the {TAPER_LOOKBACK_DAYS} days before "
            "the plan ends, so stopping after it would be abrupt; choose more steps or fewer days",
        )
    return plan


def _taper_count(days: int, steps: int | None, room: int, grid: int, unit: Unit) -> int:
    if steps is None:
        return max(1, min(max(2, days // DAYS_PER_TAPER_STEP), days, room))
    if not 1 <= steps <= days:
        raise ValidationError("steps", f"a taper over {days} days has between 1 and {days} steps")
    if steps > room:
        raise ValidationError(
            "steps",
            f"at most {room} distinct amounts in steps of {format_amount(grid, unit)} fit below "
            "the current dose; choose fewer steps",
        )
    return steps


def _taper_amounts(start_amount: int, count: int, grid: int) -> list[int]:
    """Equal decrements toward zero, rounded to the grid, kept strictly decreasing and positive.

    Each amount is clamped between what the remaining steps need below it (one grid unit each) and
    one grid unit under the previous amount, and the last to at most half the starting amount;
    `count` never exceeds the room and the start is at least two grid units, so the bounds meet.
    """
    amounts: list[int] = []
    upper = (start_amount - 1) // grid * grid
    half = start_amount // 2 // grid * grid  # the last amount is at most half: a taper's rule
    for k in range(1, count + 1):
        exact = Fraction(start_amount * (count + 1 - k), count + 1)
        rounded = round(exact / grid) * grid
        lower = (count + 1 - k) * grid
        if k == count:
            upper = min(upper, half)
        amount = max(lower, min(rounded, upper))
        amounts.append(amount)
        upper = amount - grid
    return amounts
