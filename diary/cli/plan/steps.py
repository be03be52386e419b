"""How plan steps read on the command line, and the checks a change of plan meets there before
it is written: the dose-cut rule with --lower-dose (diary.domain.plans.changes), a start before
today with --backdate, and what a backdated change does to the doses already logged; then how a
change is saved and ends (the backdate note, a dry run's last line), the same for every command."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from diary.cli.common import CommandError
from diary.cli.common import amount_json
from diary.cli.common import iso
from diary.cli.common import typed
from diary.cli.common import zone
from diary.domain.daytime import local_day
from diary.domain.daytime import parse_clock
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.errors import ValidationError
from diary.domain.plans.changes import DoseCut
from diary.domain.plans.changes import dose_cut
from diary.domain.plans.steps import expected_slots
from diary.domain.safety import FindingKind
from diary.domain.safety import taper_findings
from diary.domain.stats import match_intakes_to_slots
from diary.domain.units import format_amount
from diary.domain.wording import clock_text
from diary.domain.wording import day_text
from diary.domain.wording import plural
from diary.storage.store import DiaryStore


# --- values as typed -----------------------------------------------------------------------------
def parse_times(text: str) -> tuple[time, ...]:
    """'08:00,14:00,20:00' -> the dose times of day, each once."""
    times = []
    for part in text.split(","):
        try:
            times.append(parse_clock(part))
        except ValidationError as exc:
            raise ValidationError("--times", f"{exc.message}; list times like 08:00,14:00,20:00"
                                  ) from None
    if len(set(times)) != len(times):
        raise ValidationError("--times", "the same dose time is listed twice")
    return tuple(times)


# --- how a step reads ----------------------------------------------------------------------------
def dates_text(step: PlanStep) -> str:
    return f"{step.start} onwards" if step.end is None else f"{step.start} to {step.end}"


def over_max(step: PlanStep, med: Medication) -> bool:
    """A day of this step goes over the max (for as-needed steps: a single dose already does)."""
    planned = step.amount if step.as_needed else step.daily_amount
    return med.max_daily is not None and planned > med.max_daily


def step_text(step: PlanStep, med: Medication) -> str:
    """'2026-11-26 to 2026-11-28  5 mg at 08:00, 14:00, 20:00 = 15 mg/day  (Titration step 1 of 4)'
    with '! over the 80 mg/day max' when the step's day goes over the medication's max."""
    unit = med.unit
    text = f"{dates_text(step):<24}  {format_amount(step.amount, unit)} "
    if step.as_needed:
        text += "as needed"
    else:
        text += (f"at {', '.join(clock_text(t) for t in step.times)} = "
                 f"{format_amount(step.daily_amount, unit)}/day")
    if step.note:
        text += f"  ({step.note})"
    if step.recorded_at is not None and not step.as_needed:
        text += (f"  [entered {day_text(step.recorded_at.date())} {clock_text(step.recorded_at)}: "
                 "no dose due before that is expected of it]")
    if over_max(step, med):
        assert med.max_daily is not None
        text += f"  ! over the {format_amount(med.max_daily, unit)}/day max"
    return text


def listed(steps: Sequence[PlanStep], med: Medication, *, ids: bool = True) -> None:
    for step in steps:
        prefix = f"#{step.id:<4}" if ids else "  "
        print(f"  {prefix}{step_text(step, med)}")


def over_max_warning(med: Medication, steps: Sequence[PlanStep]) -> str | None:
    """The warning when a planned day of one of `steps` goes over the medication's max."""
    if med.max_daily is None or not any(over_max(s, med) for s in steps):
        return None
    return (f"a planned day goes over {med.name}'s max of "
            f"{format_amount(med.max_daily, med.unit)}/day, so those doses will be refused "
            f"without --force; if the prescriber set a higher max, change it with "
            f"'medication edit {typed(med.name)} --max-daily AMOUNT'")


def plan_warnings(store: DiaryStore, med: Medication, steps: Sequence[PlanStep],
                  now: datetime) -> list[str]:
    """The label's warning when the plan of a taper-required medication ends without a taper:
    the domain's rule, as `today` shows it (a plan that ended long ago is history)."""
    info = store.info()
    findings = taper_findings(med, steps, [], now, info.day_starts_at, zone(now),
                              on_time_window=timedelta(minutes=info.on_time_window_minutes))
    return [f.message for f in findings if f.kind is FindingKind.PLAN_ENDS_WITHOUT_TAPER]


def print_after_change(store: DiaryStore, med: Medication, existing: Sequence[PlanStep],
                        added: Sequence[PlanStep], now: datetime) -> None:
    """Notes on what the change means: steps that start later take precedence over the new ones;
    a day over the max; a plan that now ends without a taper."""
    if added:
        first, last = min(s.start for s in added), max(s.end or date.max for s in added)
        for step in existing:
            if first < step.start <= last:
                print(f"note: step #{step.id} ({dates_text(step)}) starts later, so from "
                      f"{step.start} it takes precedence over the new steps")
    over = over_max_warning(med, added)
    if over is not None:
        print(f"warning: {over}")
    for warning in plan_warnings(store, med, [*existing, *added], now):
        print(f"warning: {warning}")


def step_json(step: PlanStep, med: Medication, in_force: bool) -> dict[str, object]:
    return {
        "id": step.id,
        "from": step.start.isoformat(),
        "to": None if step.end is None else step.end.isoformat(),
        "amount": amount_json(step.amount, med.unit),
        "times": [clock_text(t) for t in step.times],
        "as_needed": step.as_needed,
        "daily_amount": None if step.as_needed else amount_json(step.daily_amount, med.unit),
        "over_max": over_max(step, med),
        "in_force_today": in_force,
        "note": step.note,
        # When a step entered for a day already begun was entered: it expects no dose due
        # before then. None for one that expects every dose from its start.
        "recorded": None if step.recorded_at is None else iso(step.recorded_at),
    }


def refuse_dose_cut(store: DiaryStore, med: Medication, before: Sequence[PlanStep],
                    after: Sequence[PlanStep], now: datetime, confirmed: bool, *,
                    dry_run: bool = False) -> None:
    """The one rule (diary.domain.plans.changes) on the command line: a change that lowers a
    taper-required medication's planned daily amount is refused, with the before -> after and
    the label's warning, unless --lower-dose says the prescriber ordered it; with it, the same
    is printed as a warning and the change goes ahead."""
    today = local_day(now, store.info().day_starts_at)
    cut = dose_cut(med, before, after, today)
    if cut is not None:
        refuse_cut(cut, med, today, confirmed, dry_run=dry_run)


def refuse_cut(cut: DoseCut, med: Medication, today: date, confirmed: bool, *,
               dry_run: bool = False, instead: str | None = None) -> None:
    """Refuse `cut` (CommandError) unless `confirmed` (--lower-dose); then say it as a warning.
    A dry run is never refused: it says what the real run would need. `instead` is the gentler
    way to suggest (by default, the taper)."""
    gently = instead or f"to come off it gradually, use 'plan taper {typed(med.name)}'"
    if dry_run and not confirmed:
        print(f"warning (the real run needs --lower-dose): {cut.change_text(today)} "
              f"{cut.warning}")
        return
    if not confirmed:
        raise CommandError(
            f"{cut.change_text(today)} {cut.warning} Nothing was changed. If the prescriber "
            f"lowered the dose, run the command again with --lower-dose; {gently}.",
            label="refused")
    verb = "would be lowered" if dry_run else "lowered"
    print(f"warning ({verb} with --lower-dose): {cut.change_text(today)} {cut.warning}")


# --- a plan rewritten from a day in the past -----------------------------------------------------
def refuse_past_start(store: DiaryStore, start: date, now: datetime, backdate: bool,
                       option: str = "--start") -> date:
    """Today's diary day; a start before it is refused without --backdate, since it rewrites
    what was planned on days whose doses are already logged against that plan."""
    today = local_day(now, store.info().day_starts_at)
    if start < today and not backdate:
        raise CommandError(f"{option} {start} is before today ({today}): that would rewrite the "
                           "plan of past days, against which doses are already logged; give "
                           "--backdate to rewrite it anyway")
    return today


def backdate_note(store: DiaryStore, med: Medication, old: Sequence[PlanStep],
                   new: Sequence[PlanStep], start: date, now: datetime, *, dry_run: bool) -> None:
    """With --backdate: how many doses logged from --start to today match the rewritten plan
    less well than they matched the old one (a dose that answered a slot no longer answers one,
    or no longer at the planned amount)."""
    info = store.info()
    day_starts_at, window = info.day_starts_at, timedelta(minutes=info.on_time_window_minutes)
    today = local_day(now, day_starts_at)
    if start >= today:
        return
    assert med.id is not None
    # New steps are saved after every existing one: give them ids that say so.
    top = max((s.id or 0 for s in old), default=0)
    new = [s if s.id is not None else replace(s, id=top + n) for n, s in enumerate(new, 1)]
    by_day: dict[date, list[Intake]] = {}
    for intake in store.intakes.between(start, today, med.id):
        by_day.setdefault(local_day(intake.at, day_starts_at), []).append(intake)
    lost = 0
    for day, intakes in by_day.items():
        before = _fit(old, intakes, med.id, day, day_starts_at, window)
        after = _fit(new, intakes, med.id, day, day_starts_at, window)
        lost += sum(1 for i in intakes if after.get(id(i), 0) < before.get(id(i), 0))
    if lost:
        verb = "would no longer match" if dry_run else "no longer match"
        print(f"note: backdated from {start}: {plural(lost, 'dose')} logged from {start} to "
              f"{today} {verb} the plan as they did (they become extra doses, or differ from "
              "the planned amount).")
    else:
        print(f"note: backdated from {start}: the doses logged from {start} to {today} match "
              "the plan as well as they did.")


def replacing(existing: Sequence[PlanStep], ended: Sequence[PlanStep],
              added: Sequence[PlanStep]) -> list[PlanStep]:
    """The plan once a titration or taper is saved: the steps it leaves as they were, those it
    ends (with their new last day) and those it adds."""
    changed = {s.id for s in ended}
    return [*(s for s in existing if s.id not in changed), *ended, *added]


def save_replacing(store: DiaryStore, ended: Sequence[PlanStep],
                   added: Sequence[PlanStep]) -> list[PlanStep]:
    """Save a titration or a taper: the steps it ends (`ended`, their new last day) and the steps
    it adds, all or nothing. Returns the added steps with their ids."""
    with store.write():
        for step in ended:
            store.plans.edit(step)
        return store.plans.add_all(added)


def change_done(store: DiaryStore, med: Medication, old: Sequence[PlanStep],
                new: Sequence[PlanStep], start: date, now: datetime, *, backdate: bool,
                dry_run: bool) -> int:
    """How a change of plan ends (add, titrate, taper): the note on the logged doses with
    --backdate, then, for a dry run, that nothing was written. The command's exit status."""
    if backdate:
        backdate_note(store, med, old, new, start, now, dry_run=dry_run)
    if dry_run:
        print("Dry run: nothing was written.")
    return 0


def _fit(steps: Sequence[PlanStep], intakes: Sequence[Intake], medication_id: int,
         day: date, day_starts_at: time, window: timedelta) -> dict[int, int]:
    """How each intake of `day` (by id()) fits the plan `steps`, by the matching adherence uses:
    2 when it answers a slot as planned (taken at the planned amount, or skipped), 1 when it
    answers one at another amount; intakes answering no slot are left out (0)."""
    doses = [d for d in expected_slots(steps, day, day_starts_at, on_time_window=window)
             if d.medication_id == medication_id]
    matches = match_intakes_to_slots(doses, intakes, day_starts_at)
    return {id(intake): 2 if intake.status is IntakeStatus.SKIPPED
            or intake.amount == dose.amount else 1
            for dose, intake in matches.items()}


def print_ended(ended: Sequence[PlanStep], existing: Sequence[PlanStep], *,
                 dry_run: bool) -> None:
    """One line for each step that a titration or taper ends the day before it starts."""
    for step in ended:
        before = next(s for s in existing if s.id == step.id)
        print(f"  #{step.id:<4}{'would end' if dry_run else 'ends'} on {step.end} "
              f"(was {dates_text(before)})")
