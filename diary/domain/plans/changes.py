"""The one rule for a change of plan that lowers the dose of a medication that must be tapered.

The oral baclofen label: "Hallucinations and seizures have occurred on abrupt withdrawal of
baclofen." A plan step added at a lower amount, a step edited, ended or deleted, a titration laid
over a running plan, a medication archived while its plan runs: each of these can lower the
planned daily amount, and a slip of the keyboard must never do it silently. So, for a
`taper_required` medication, `dose_cut` compares the planned daily amount of every day from today
on before and after the change; where the change lowers it, the command line refuses without an
explicit `--lower-dose` and the window asks, with keeping the current plan as the default. Both
show the same before -> after and the label's warning (`DoseCut.text`).

The taper template (`plan.taper_template`, which refuses a pace the taper rule would not call a
taper) is the intended way down and is not asked about again. Medications that need no taper are
not asked about: their plan is the prescriber's to change.
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
from typing import NamedTuple

from diary.domain.daytime import DEFAULT_DAY_STARTS_AT
from diary.domain.daytime import local_day
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.plans.steps import diary_position
from diary.domain.plans.steps import entered_in_time
from diary.domain.plans.steps import expected_daily_amount
from diary.domain.templates import find_template
from diary.domain.templates import withdrawal_warning
from diary.domain.units import format_amount
from diary.domain.wording import day_or_today


@dataclass(frozen=True)
class DoseCut:
    """A change that lowers a taper-required medication's planned daily amount: on `day` (the
    first day from today on where it does) from `before` to `after` per day; `lowest` is the
    least the changed plan has on any day from then on where it is lower."""

    medication: Medication
    day: date
    before: int
    after: int
    lowest: int
    pace: str = ""  # for a taper faster than the label allows: how, in words ("faster than...")

    def change_text(self, today: date) -> str:
        """The before -> after per day, in one sentence or two."""
        unit = self.medication.unit
        after = ("nothing (no dose planned)" if self.after == 0
                 else f"{format_amount(self.after, unit)}/day")
        how = f"{self.pace} " if self.pace else ""
        text = (f"{self.medication.name}: this change lowers the planned dose {how}from "
                f"{day_or_today(self.day, today)}: {format_amount(self.before, unit)}/day → "
                f"{after}.")
        if self.lowest < self.after:
            lowest = "nothing" if self.lowest == 0 else f"{format_amount(self.lowest, unit)}/day"
            text += f" Later it falls to {lowest}."
        return text

    @property
    def warning(self) -> str:
        """The label's warning on stopping or lowering abruptly."""
        return withdrawal_warning(self.medication)


def _change_days(steps: Iterable[PlanStep], today: date) -> set[date]:
    """Today and every later day on which some step starts or stops: between two of them the
    planned daily amount of each medication stays the same."""
    days = {today}
    for step in steps:
        days.add(step.start)
        if step.end is not None:
            days.add(step.end + timedelta(days=1))
    return {d for d in days if d >= today}


def dose_cut(medication: Medication, before: Sequence[PlanStep], after: Sequence[PlanStep],
             today: date) -> DoseCut | None:
    """Whether replacing the plan `before` with `after` lowers the planned daily amount of
    `medication` on any day from `today` on, for a medication that needs a taper; None when it
    does not (or the medication needs none). A day planned at the same amount as before is not
    lowered; as-needed steps plan no daily amount."""
    if not medication.taper_required or medication.id is None:
        return None
    med_id = medication.id
    own_before = [s for s in before if s.medication_id == med_id]
    own_after = [s for s in after if s.medication_id == med_id]
    cuts = []
    for day in sorted(_change_days([*own_before, *own_after], today)):
        was = expected_daily_amount(own_before, med_id, day)
        will = expected_daily_amount(own_after, med_id, day)
        if will < was:
            cuts.append((day, was, will))
    if not cuts:
        return None
    day, was, will = cuts[0]
    return DoseCut(medication, day, was, will, min(c[2] for c in cuts))


def taper_cut(medication: Medication, before: Sequence[PlanStep], after: Sequence[PlanStep],
              start: date, today: date) -> DoseCut | None:
    """The rule for a taper made by the taper template, which is the intended way down: it is
    not asked about while it starts today or later and keeps to the label's pace. A taper that
    started before today (backdated) lowers today's dose at once from what the plan had, so any
    cut from today on counts (`dose_cut`). Where the label states a pace (tizanidine: the daily
    amount 2 to 4 mg less each day), a day on which the taper falls by more than that from the
    day before is a cut too."""
    if start < today:
        return dose_cut(medication, before, after, today)
    template = find_template(medication.name)
    if (template is None or template.taper_max_drop_per_day is None
            or not medication.taper_required or medication.id is None):
        return None
    pace = (f"the {template.key} label's pace (at most "
            f"{format_amount(template.taper_max_drop_per_day, template.unit)} a day less each "
            "day)")
    # The label's pace is in its own unit: in tablets or ml it cannot be checked, so any fall
    # is asked about rather than let through.
    same_unit = medication.unit is template.unit
    rate = template.taper_max_drop_per_day if same_unit else 0
    med_id = medication.id
    own = [s for s in after if s.medication_id == med_id]
    falls = []
    for day in sorted(_change_days(own, today)):
        previous = expected_daily_amount(own, med_id, day - timedelta(days=1))
        amount = expected_daily_amount(own, med_id, day)
        if previous - amount > rate:
            falls.append((day, previous, amount))
    if not falls:
        return None
    day, previous, amount = falls[0]
    how = (f"faster than {pace}" if same_unit else
           f"at a pace that cannot be checked against {pace}, since it is in "
           f"{medication.unit.value}")
    return DoseCut(medication, day, previous, amount, min(f[2] for f in falls), pace=how)


def stop_cut(medication: Medication, steps: Sequence[PlanStep], today: date) -> DoseCut | None:
    """`dose_cut` of stopping every step of the plan (archiving the medication)."""
    return dose_cut(medication, steps, [], today)


def recorded(steps: Sequence[PlanStep], now: datetime, day_starts_at: time, *,
             backdate: bool) -> list[PlanStep]:
    """New steps as entered at `now`: one that starts today or earlier expects no dose due
    before that moment (`PlanStep.recorded_at`), unless the person backdates it on purpose. A
    step that starts later expects all of its doses and keeps no recording time."""
    today = local_day(now, day_starts_at)
    return [replace(s, recorded_at=now if s.start <= today and not backdate else None)
            for s in steps]


def replaced_until(steps: Sequence[PlanStep], start: date, today: date, *,
                   backdate: bool) -> list[PlanStep]:
    """The steps a titration or taper from `start` replaces, with their last day: the day before
    `start`; but for one entered for today without backdating, today itself, so that today's
    doses due before it was entered stay the old step's (taken, they are neither extra nor
    matched to a later slot; untaken, they are missed as they were)."""
    last = start if start == today and not backdate else start - timedelta(days=1)
    return [replace(s, end=last) for s in steps]


def rewrites_past(original: PlanStep, edited: PlanStep, today: date) -> bool:
    """Whether an edit of `original` changes what was planned on days before today: the
    step had started, and its amount, times or start change, or its end moves before today.
    Such an edit corrects the record and is done on purpose (the window's tick), never by the
    way; a change of dose from today on is a new step."""
    if original.start >= today and edited.start >= today:
        return False
    ended_before = [e for e in (original.end, edited.end) if e is not None and e < today]
    return (edited.amount != original.amount or edited.times != original.times
            or edited.start != original.start
            or (original.end != edited.end and bool(ended_before)))


class Deletion(NamedTuple):
    """What deleting steps does without rewriting the past: a step not started yet is deleted;
    one in force ends today instead (the days it covered keep their plan, and today's doses
    still count against it); one that is over stays as the record of what was planned."""

    deleted: list[PlanStep]
    ended: list[PlanStep]  # with their new end, today
    kept: list[PlanStep]

    def after(self, steps: Sequence[PlanStep]) -> list[PlanStep]:
        """`steps` as they will be once this is done."""
        gone = {s.id for s in self.deleted}
        ended = {s.id: s for s in self.ended}
        return [ended.get(s.id, s) for s in steps if s.id not in gone]


def deletion(chosen: Sequence[PlanStep], today: date) -> Deletion:
    """The window's Delete and the command line's `plan delete` both go by this."""
    future = [s for s in chosen if s.start > today]
    running = [s for s in chosen if s.start <= today and (s.end is None or s.end > today)]
    over = [s for s in chosen if s not in future and s not in running]
    return Deletion(future, [replace(s, end=today) for s in running], over)


def all_doses_past(times: Sequence[time], now: datetime,
                   day_starts_at: time = DEFAULT_DAY_STARTS_AT, *,
                   on_time_window: timedelta = timedelta(0)) -> bool:
    """Whether every one of today's dose `times` is already past at `now`, its on-time window
    (`on_time_window`, the diary's) closed: a step entered now to start today would then expect
    nothing until tomorrow (`steps.entered_in_time`), so the window proposes tomorrow."""
    if not times:
        return False
    today, _ = diary_position(now, day_starts_at)
    return not any(entered_in_time(Slot(today, t), now, on_time_window, day_starts_at)
                   for t in times)
