"""What the set-up assistant will write, worked out before anything is written (no Qt).

The assistant gathers the person's details, one medication and its plan, and writes nothing
until Finish; this module turns what was typed into the entities that will be saved, by the
rules the rest of the window uses: the label's titration is `titration_plan` (the Titration from
template dialog's rule), a prescriber's plan is one open-ended step checked by
`valid_plan_step`, and the first dose is the first slot that plan expects
(`expected_slots_between`).

A step that starts today is recorded as entered now (`recorded`, `PlanStep.recorded_at`), and
expects the doses whose on-time window was still open then (`steps.entered_in_time`): the 08:00
dose, set up at 08:30 with a 60-minute window, is expected and offered first (not filed as the
14:00 one), while a dose whose window has closed is expected of no one and so never called
missed (Today, History, the report: a dose is missed once its window has closed,
`diary.domain.stats.adherence`). The plan starts today while one of today's doses is still to
come or inside its window, else tomorrow (`plan_start`), and the plan page says which, and with
which dose.

Until Finish the medication has no id: its steps are worked out under `PREVIEW_ID`, which stands
for it (the steps are the same for any id), and worked out again under the real id when saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from enum import StrEnum

from diary.domain.daytime import local_day
from diary.domain.daytime import minutes_of
from diary.domain.entities import DiaryInfo
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.errors import ValidationError
from diary.domain.plans.changes import recorded
from diary.domain.plans.steps import DEFAULT_TIMES
from diary.domain.plans.steps import ScheduledDose
from diary.domain.plans.steps import entered_in_time
from diary.domain.plans.steps import expected_slots_between
from diary.domain.plans.steps import slot_seconds
from diary.domain.plans.titration import capped_text
from diary.domain.plans.titration import titration_plan
from diary.domain.templates import find_template
from diary.domain.units import format_amount
from diary.domain.validation import valid_plan_step
from diary.domain.wording import clock_text
from diary.domain.wording import day_text
from diary.domain.wording import max_daily_text
from diary.domain.wording import plural
from diary.domain.wording import short_day
from diary.ui.medications.wording import times_text

PREVIEW_ID = 0  # stands for the medication's id until it is saved (SQLite's ids start at 1)

# The dose times proposed for so many doses a day: the label's three (08:00, 14:00, 20:00), and
# as evenly through the waking day for the others. The person edits them freely.
TIMES_FOR_COUNT: dict[int, tuple[time, ...]] = {
    1: (time(8),),
    2: (time(8), time(20)),
    3: DEFAULT_TIMES,
    4: (time(8), time(12), time(16), time(20)),
}


class PlanKind(StrEnum):
    LABEL = "label"  # the label's titration, up to the prescriber's target per dose
    PRESCRIBER = "prescriber"  # the prescriber's amount per dose at fixed times


@dataclass(frozen=True)
class PlanChoice:
    """The plan chosen: `amount` is the target per dose (LABEL) or the amount per dose
    (PRESCRIBER), in thousandths of the medication's unit, at `times` from `start`."""

    kind: PlanKind
    amount: int
    times: tuple[time, ...]
    start: date


@dataclass(frozen=True)
class SetUp:
    """Everything Finish writes: the diary's details as they will be, the new medication (no id
    yet) and its plan."""

    info: DiaryInfo
    medication: Medication
    plan: PlanChoice


def first_time_today(times: Sequence[time], now: datetime, day_starts_at: time,
                     window: timedelta) -> time | None:
    """The first of today's dose `times` a plan set up at `now` expects (the earliest whose
    on-time window, `window`, is still open, or to come: `entered_in_time`), or None when they
    have all passed."""
    today = local_day(now, day_starts_at)
    start_minutes = minutes_of(day_starts_at)
    open_ = [t for t in times if entered_in_time(Slot(today, t), now, window, day_starts_at)]
    return min(open_, key=lambda t: slot_seconds(t, start_minutes), default=None)


def plan_start(times: Sequence[time], now: datetime, day_starts_at: time,
               window: timedelta) -> date:
    """Today while one of today's dose `times` is still open or to come, else tomorrow."""
    today = local_day(now, day_starts_at)
    if first_time_today(times, now, day_starts_at, window) is None:
        return today + timedelta(days=1)
    return today


def start_text(start: date, today: date, first: time | None) -> str:
    """Whether the plan starts today (with its `first` dose) or tomorrow, and why tomorrow."""
    if start > today:
        return "Starting tomorrow, because today's dose times have passed."
    if first is None:
        return f"Starting today, {day_text(start)}."
    return f"Starting today, {day_text(start)}, with the {clock_text(first)} dose."


def plan_steps(med: Medication, choice: PlanChoice, now: datetime,
               day_starts_at: time) -> list[PlanStep]:
    """The new steps of `med` (saved, or under PREVIEW_ID) as they will be saved, set up at
    `now` and so recorded as entered then; ValidationError for a plan that is not one."""
    if choice.kind is PlanKind.LABEL:
        plan = titration_plan(med, [], choice.start, choice.amount, choice.times)
        steps = plan.steps
    else:
        assert med.id is not None
        steps = [PlanStep(med.id, choice.start, choice.amount, choice.times)]
    checked = [valid_plan_step(step, med.unit) for step in steps]
    return recorded(checked, now, day_starts_at, backdate=False)


def preview(med: Medication) -> Medication:
    """`med` under PREVIEW_ID, to work out its steps before it is saved."""
    return replace(med, id=PREVIEW_ID)


def capped(med: Medication, choice: PlanChoice, steps: Sequence[PlanStep]) -> str | None:
    """When the titration stops below the target because of the max per day, what to say."""
    if choice.kind is not PlanKind.LABEL:
        return None
    return capped_text(med, choice.amount, steps)


def first_dose(steps: Sequence[PlanStep], day_starts_at: time,
               window: timedelta) -> ScheduledDose | None:
    """The first dose the new plan expects (`window`: the diary's on-time window): on its first
    day, or the day after."""
    if not steps:
        return None
    start = min(step.start for step in steps)
    found = expected_slots_between(steps, start, start + timedelta(days=1), day_starts_at,
                                   on_time_window=window)
    return found[0] if found else None


def summary_lines(before: DiaryInfo, setup: SetUp, steps: Sequence[PlanStep],
                  today: date) -> list[str]:
    """What Finish will write, a line each: the person's details that change, the medication
    and its plan."""
    info, med, choice = setup.info, setup.medication, setup.plan
    lines = []
    if info.name != before.name and info.name:
        lines.append(f"Whose diary: {info.name}")
    if info.birth_date != before.birth_date and info.birth_date is not None:
        lines.append(f"Born: {short_day(info.birth_date)}")
    if info.condition != before.condition and info.condition:
        lines.append(f"Condition: {info.condition}")
    taper = ", needs a taper" if med.taper_required else ""
    lines.append(f"{med.name} ({med.form or med.unit.value}): {max_daily_text(med)}{taper}")
    unit = med.unit
    if choice.kind is PlanKind.LABEL:
        lines.append(f"The label's titration: {plural(len(steps), 'step')}, from "
                     f"{format_amount(steps[0].amount, unit)} to "
                     f"{format_amount(steps[-1].amount, unit)} per dose at "
                     f"{times_text(choice.times)}")
    else:
        lines.append(f"Your prescriber's doses: {format_amount(choice.amount, unit)} at "
                     f"{times_text(choice.times)}")
    first = first_dose(steps, info.day_starts_at,
                       timedelta(minutes=info.on_time_window_minutes))
    lines.append(start_text(choice.start, today, None if first is None or first.slot.day != today
                            else first.slot.time))
    return lines


def refuse_duplicate(name: str, existing: Sequence[Medication]) -> None:
    """The assistant adds a medication the diary does not hold yet: ValidationError when one of
    the same name, or another name of the same drug (Lioresal for Baclofen: each would count
    against its own max per day), is already there."""
    given = name.strip().casefold()
    template = find_template(name)
    for other in existing:
        same = find_template(other.name)
        if other.name.casefold() == given:
            raise ValidationError("name", f"{other.name} is already in this diary: change its "
                                  "plan under Medications")
        if template is not None and same is not None and same.key == template.key:
            raise ValidationError(
                "name", f"{name.strip()} is {template.key}, already in this diary as "
                f"{other.name}: change its plan under Medications")
