"""The label's titration laid over the plan a person is already on.

`plan.titration_template` writes the label's schedule from its first dose (5 mg three times a
day). A person already on a dose must never be sent back to it: 60 mg/day cut to 15 would be the
abrupt reduction the label warns of. So `titration_plan` starts from the dose in force where the
titration starts and goes up from there (+5 mg per dose every 3 days, to the target), changes
nothing for a person at or above the target, and ends the steps it replaces the day before, so
that no step is left open beside the new ones. The command line and the window both call it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from datetime import time
from datetime import timedelta
from typing import NamedTuple

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.errors import ValidationError
from diary.domain.plans.steps import DEFAULT_TIMES
from diary.domain.plans.steps import LABEL_DAYS_PER_STEP
from diary.domain.plans.steps import LABEL_INCREMENT
from diary.domain.plans.steps import step_on
from diary.domain.plans.steps import titration_capped
from diary.domain.plans.steps import titration_step
from diary.domain.plans.steps import titration_template
from diary.domain.units import format_amount
from diary.domain.wording import times_a_day


class TitrationPlan(NamedTuple):
    """What a titration changes: `ended` are the steps still running on its start, ended the day
    before (same ids: save them as edits); `steps` are the new steps, to add. Both empty, with
    `unchanged` saying why, when the person is already at or above the target. `current` is the
    scheduled step in force on the start day under the plan as it was, if any."""

    steps: list[PlanStep]
    ended: list[PlanStep]
    current: PlanStep | None
    unchanged: str | None = None


def later_steps_refusal(medication: Medication, steps: Sequence[PlanStep], start: date,
                        what: str) -> str | None:
    """Why a titration or taper starting on `start` cannot be laid over `steps`: a step that
    starts on that day or later would be left beside it (delete it first, or start after it)."""
    later = [s for s in steps if s.medication_id == medication.id and s.start >= start]
    if not later:
        return None
    listed = ", ".join(f"#{s.id} from {s.start}" if s.id is not None else f"from {s.start}"
                       for s in later)
    return (f"{medication.name} has plan steps from {start} on ({listed}); {what}, so delete "
            "them first, or start after them")


def titration_plan(
    medication: Medication,
    existing: Sequence[PlanStep],
    start: date,
    target_per_dose: int,
    times: Sequence[time] | None = None,
) -> TitrationPlan:
    """The label's titration from `start` to `target_per_dose`, continuing from the dose the
    person is on.

    The current dose is the scheduled step in force on `start` under `existing`. Without one, the
    steps are the label's from its first dose (`titration_template`). With one, the first new
    step is one increment above it per dose (more where fewer dose times would otherwise lower
    the day's total), and each later step one increment more, up to the target (capped by the
    max daily amount, as the template is). `times` default to the current step's, else the
    label's three. When the current daily amount is already at or above the target's, nothing
    changes. Steps that start on `start` or later are refused (ValidationError): the titration
    would take precedence over them only until they start.
    """
    if medication.id is None:
        raise ValidationError("medication", "save the medication before planning its doses")
    own = [s for s in existing if s.medication_id == medication.id]
    refusal = later_steps_refusal(medication, own, start, "a titration replaces the plan from "
                                  "its start")
    if refusal is not None:
        raise ValidationError("start", refusal)
    in_force = step_on(own, medication.id, start)
    current = in_force if in_force is not None and not in_force.as_needed else None
    if times is None:
        times = current.times if current is not None else DEFAULT_TIMES
    if current is None:
        steps = titration_template(medication, start, target_per_dose, times)
    else:
        proposed = titration_template(medication, start, target_per_dose, times)
        final = proposed[-1].amount  # the target, or the highest amount within the max
        count = len(proposed[-1].times)
        unit = medication.unit
        if current.daily_amount >= final * count:
            reach = (f"{format_amount(final, unit)} {times_a_day(count)} "
                     f"({format_amount(final * count, unit)}/day)")
            goal = (f"the target of {reach}" if final == target_per_dose else
                    f"the most the titration reaches within the max per day, {reach} (the "
                    f"target of {format_amount(target_per_dose, unit)} per dose would go over "
                    "it)")
            return TitrationPlan([], [], current, (
                f"{medication.name} is already on {format_amount(current.amount, unit)} "
                f"{times_a_day(len(current.times))} ({format_amount(current.daily_amount, unit)}"
                f"/day), at or above {goal}: the titration changes nothing."))
        first = current.amount + LABEL_INCREMENT
        while first * count < current.daily_amount:
            first += LABEL_INCREMENT
        amounts = [*range(first, final, LABEL_INCREMENT), final] if first < final else [final]
        steps = [titration_step(medication.id, start, proposed[-1].times, LABEL_DAYS_PER_STEP,
                                amounts, i) for i in range(len(amounts))]
    day_before = start - timedelta(days=1)
    ended = [replace(s, end=day_before) for s in own
             if s.start <= day_before and (s.end is None or s.end >= start)]
    return TitrationPlan(steps, ended, current)


def capped_text(medication: Medication, target_per_dose: int, steps: Sequence[PlanStep]
                ) -> str | None:
    """When the titration stopped below the target because of the max daily amount, the
    sentence that says so (the command line and the window both show it); None otherwise."""
    times = steps[-1].times if steps else ()
    if not steps or not titration_capped(medication, target_per_dose, times):
        return None
    assert medication.max_daily is not None
    unit, final, count = medication.unit, steps[-1].amount, len(times)
    return (f"the target {format_amount(target_per_dose, unit)} {count} times a day is "
            f"{format_amount(target_per_dose * count, unit)}/day, over {medication.name}'s max "
            f"of {format_amount(medication.max_daily, unit)}/day; the steps stop at "
            f"{format_amount(final, unit)} per dose ({format_amount(final * count, unit)}/day).")
