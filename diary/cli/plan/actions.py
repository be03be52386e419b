"""What `plan show / add / titrate / taper / delete` do; diary.cli.plan registers their options.

The titration and taper come from the domain (diary.domain.plans), and so does the rule that no
change lowers a dose silently; this module only reads the options, shows the steps and saves
them, each command in one transaction.
"""

from __future__ import annotations

import argparse
from datetime import date
from datetime import datetime
from datetime import timedelta

from diary.cli.common import CommandError
from diary.cli.common import amount_for
from diary.cli.common import as_options
from diary.cli.common import max_daily_json
from diary.cli.common import medication_named
from diary.cli.common import print_json
from diary.cli.common import typed
from diary.cli.plan.steps import change_done
from diary.cli.plan.steps import dates_text
from diary.cli.plan.steps import listed
from diary.cli.plan.steps import plan_warnings
from diary.cli.plan.steps import print_after_change
from diary.cli.plan.steps import print_ended
from diary.cli.plan.steps import refuse_cut
from diary.cli.plan.steps import refuse_dose_cut
from diary.cli.plan.steps import refuse_past_start
from diary.cli.plan.steps import replacing
from diary.cli.plan.steps import save_replacing
from diary.cli.plan.steps import step_json
from diary.cli.plan.steps import step_text
from diary.domain.daytime import check_order
from diary.domain.daytime import local_day
from diary.domain.entities import PlanStep
from diary.domain.plans.changes import Deletion
from diary.domain.plans.changes import deletion
from diary.domain.plans.changes import recorded
from diary.domain.plans.changes import replaced_until
from diary.domain.plans.changes import taper_cut
from diary.domain.plans.steps import LABEL_DAYS_PER_STEP
from diary.domain.plans.steps import LABEL_FIRST_DOSE
from diary.domain.plans.steps import LABEL_INCREMENT
from diary.domain.plans.steps import plan_end
from diary.domain.plans.steps import step_on
from diary.domain.plans.steps import taper_template
from diary.domain.plans.titration import capped_text
from diary.domain.plans.titration import later_steps_refusal
from diary.domain.plans.titration import titration_plan
from diary.domain.templates import find_template
from diary.domain.units import Unit
from diary.domain.units import format_amount
from diary.domain.validation import valid_plan_step
from diary.domain.wording import max_daily_text
from diary.domain.wording import plural
from diary.storage.store import DiaryStore


# --- plan show -----------------------------------------------------------------------------------
def plan_show(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    med = medication_named(store, args.medication, archived_ok=True)
    assert med.id is not None
    steps = store.plans.steps(med.id)
    today = local_day(now, store.info().day_starts_at)
    current = step_on(steps, med.id, today)
    end = plan_end(steps, med.id)
    warnings = plan_warnings(store, med, steps, now)
    if args.json:
        print_json({
            "medication": {"id": med.id, "name": med.name, "unit": med.unit.value,
                           "max_daily": max_daily_json(med)},
            "today": today.isoformat(),
            "steps": [step_json(s, med, s is current) for s in steps],
            "plan_ends": None if end is None else end.isoformat(),
            "warnings": warnings,
        })
        return 0
    maximum = max_daily_text(med)
    if not steps:
        print(f"{med.name} has no plan steps yet ({maximum}); add them with 'plan add' or "
              "'plan titrate'.")
        return 0
    print(f"{med.name} plan ({maximum}; {plural(len(steps), 'step')}, in date order):")
    for step in steps:
        marker = "  <- today" if step is current else ""
        print(f"  #{step.id:<4}{step_text(step, med)}{marker}")
    if end is not None:
        print(f"The plan ends on {end}.")
    for warning in warnings:
        print(f"warning: {warning}")
    return 0


# --- plan add ------------------------------------------------------------------------------------
def plan_add(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    med = medication_named(store, args.medication)
    assert med.id is not None
    start: date = args.start
    end: date | None = args.end
    if end is not None:
        check_order(start, end, "--to", "the step")
    amount = amount_for(args.amount, med.unit, "--amount")
    times = () if args.as_needed else args.times
    refuse_past_start(store, start, now, args.backdate, "--from")
    existing = store.plans.steps(med.id)
    [step] = recorded([PlanStep(med.id, start, amount, times, end, args.note or "")], now,
                      store.info().day_starts_at, backdate=args.backdate)
    with as_options({"times": "--times", "note": "--note", "end": "--to"}):
        valid_plan_step(step, med.unit)
    refuse_dose_cut(store, med, existing, [*existing, step], now, args.lower_dose)
    saved = store.plans.add(step)
    print(f"Added plan step #{saved.id} for {med.name}: {step_text(saved, med)}")
    print_after_change(store, med, existing, [saved], now)
    return change_done(store, med, existing, [*existing, saved], start, now,
                       backdate=args.backdate, dry_run=False)


# --- plan titrate --------------------------------------------------------------------------------
def plan_titrate(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    med = medication_named(store, args.medication)
    assert med.id is not None
    if med.unit is not Unit.MG:
        raise CommandError(f"the titration template is the baclofen label's, in mg; {med.name} "
                           f"is measured in {med.unit.value}: add its steps with 'plan add'")
    start: date = args.start
    refuse_past_start(store, start, now, args.backdate)
    target = amount_for(args.target, med.unit, "--target")
    existing = store.plans.steps(med.id)
    with as_options({"target": "--target", "times": "--times", "start": "--start"}):
        plan = titration_plan(med, existing, start, target, args.times)
    if plan.unchanged is not None:
        print(f"{plan.unchanged} Nothing was written.")
        return 0
    day_starts_at = store.info().day_starts_at
    steps = recorded(plan.steps, now, day_starts_at, backdate=args.backdate)
    ended = replaced_until(plan.ended, start, local_day(now, day_starts_at),
                           backdate=args.backdate)
    ended_ids = {s.id for s in ended}
    after = replacing(existing, ended, steps)
    refuse_dose_cut(store, med, existing, after, now, args.lower_dose, dry_run=args.dry_run)
    if not args.dry_run:
        steps = save_replacing(store, ended, steps)
    verb = "Would add" if args.dry_run else "Added"
    if plan.current is None:
        origin = (f"the baclofen label's schedule: {format_amount(LABEL_FIRST_DOSE, med.unit)} "
                  "per dose, then")
    else:
        origin = (f"continuing from the {format_amount(plan.current.amount, med.unit)} per dose "
                  "of the plan in force:")
    print(f"{verb} {plural(len(steps), 'titration step')} for {med.name} ({origin} "
          f"+{format_amount(LABEL_INCREMENT, med.unit)} every {LABEL_DAYS_PER_STEP} days):")
    listed(steps, med, ids=not args.dry_run)
    print_ended(ended, existing, dry_run=args.dry_run)
    capped = capped_text(med, target, steps)
    if capped is not None:
        print(f"capped: {capped}")
    template = find_template(med.name)
    if template is None or template.key != "baclofen":
        print(f"note: this is the oral baclofen label's schedule; check it with the prescriber "
              f"for {med.name}.")
    print_after_change(store, med, [s for s in existing if s.id not in ended_ids], steps, now)
    return change_done(store, med, existing, after, start, now, backdate=args.backdate,
                       dry_run=args.dry_run)


# --- plan taper ----------------------------------------------------------------------------------
def plan_taper(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    med = medication_named(store, args.medication)
    assert med.id is not None
    start: date = args.start
    days: int = args.days
    refuse_past_start(store, start, now, args.backdate)
    steps = store.plans.steps(med.id)
    day_before = start - timedelta(days=1)
    from_step = step_on(steps, med.id, day_before)
    if from_step is None:
        raise CommandError(f"{med.name} has no plan step on {day_before}, the day before "
                           f"--start: a taper steps down from the dose in force then (see "
                           f"'plan show {typed(med.name)}')")
    refusal = later_steps_refusal(med, steps, start, "a taper ends the plan")
    if refusal is not None:
        raise CommandError(f"{refusal} ('plan delete {typed(med.name)} --step ID')")
    with as_options({"days": "--days", "steps": "--steps", "start": "--start"}):
        taper = taper_template(med, from_step, start, days, args.steps)
    # Every other step still running on --start ends the day before too (an older open-ended
    # step would otherwise come back after the taper's last day); none of them was in force
    # then, so the days before the taper keep their doses.
    today = local_day(now, store.info().day_starts_at)
    ended = replaced_until([taper.ended_from_step, *(
        s for s in steps
        if s.id != from_step.id and s.start <= day_before and (s.end is None or s.end >= start))],
        start, today, backdate=args.backdate)
    for step in [*ended, *taper.steps]:
        valid_plan_step(step, med.unit)
    added = recorded(taper.steps, now, store.info().day_starts_at, backdate=args.backdate)
    rewritten = replacing(steps, ended, added)
    cut = taper_cut(med, steps, rewritten, start, today)
    if cut is not None:
        instead = ("to keep to the label's pace, give more --days with as many --steps"
                   if cut.pace else "to come off it gradually, start the taper today or later")
        refuse_cut(cut, med, today, args.lower_dose, dry_run=args.dry_run, instead=instead)
    if not args.dry_run:
        added = save_replacing(store, ended, added)
    print(f"{'Would taper' if args.dry_run else 'Tapering'} {med.name} over "
          f"{plural(days, 'day')} from {start}, down from "
          f"{format_amount(from_step.amount, med.unit)} per dose:")
    print_ended(ended, steps, dry_run=args.dry_run)
    listed(added, med, ids=not args.dry_run)
    last = added[-1].end
    print(f"The plan ends on {last}: no dose is planned after it.")
    rewritten = replacing(steps, ended, added)  # with their ids
    return change_done(store, med, steps, rewritten, start, now, backdate=args.backdate,
                       dry_run=args.dry_run)


# --- plan delete ---------------------------------------------------------------------------------
def plan_delete(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    med = medication_named(store, args.medication)
    assert med.id is not None
    step_id: int = args.step
    steps = store.plans.steps(med.id)
    step = next((s for s in steps if s.id == step_id), None)
    if step is None:
        known = ", ".join(f"#{s.id}" for s in steps) or "none"
        raise CommandError(f"{med.name} has no plan step #{step_id} (its steps: {known}; see "
                           f"'plan show {typed(med.name)}')")
    today = local_day(now, store.info().day_starts_at)
    plan = deletion([step], today)
    if args.backdate:  # delete it whole, the days it covered included
        plan = Deletion([step], [], [])
    elif plan.kept:
        raise CommandError(f"step #{step_id} ({dates_text(step)}) is over: it is the record of "
                           "what was planned on those days, so it is not deleted; give "
                           "--backdate to delete it anyway (that rewrites the plan of past days)")
    after = plan.after(steps)
    refuse_dose_cut(store, med, steps, after, now, args.lower_dose)
    if plan.ended:
        store.plans.edit(plan.ended[0])
        print(f"Ended plan step #{step_id} of {med.name} today ({today}), since it was already "
              f"in force: {step_text(plan.ended[0], med)}. The days it covered keep their plan; "
              "give --backdate to delete it whole.")
    else:
        store.plans.delete(step_id)
        print(f"Deleted plan step #{step_id} of {med.name}: {step_text(step, med)}. The audit "
              "trail keeps it.")
    for warning in plan_warnings(store, med, after, now):
        print(f"warning: {warning}")
    return 0
