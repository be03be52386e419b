"""`log dose`, `log rating`, `log event`: one entry each, checked before anything is written."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time

from diary.cli_common import (
    CommandError,
    as_options,
    day_text,
    medication_named,
    moment,
    stamp,
    zone,
)
from diary.domain.daytime import local_day
from diary.domain.entities import (
    EVENT_KIND_LABELS,
    Event,
    Intake,
    IntakeStatus,
    Medication,
    PlanStep,
    Rating,
)
from diary.domain.plan import step_on
from diary.domain.safety import DoseVerdict, Finding, FindingKind, check_dose
from diary.domain.stats import answered_slot
from diary.domain.units import format_amount, parse_amount
from diary.domain.validation import parse_event_kind
from diary.storage.store import DiaryStore

ENTRY_OPTIONS = {"note": "--note"}
BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_BUSY_SNAPSHOT)


def log_dose(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    med = medication_named(store, args.medication)
    assert med.id is not None
    amount = parse_amount(args.amount, med.unit)
    at = moment(args.at, now)
    day_starts_at = store.info().day_starts_at
    day = local_day(at, day_starts_at)
    today = local_day(now, day_starts_at)
    steps = store.plan_steps(med.id)
    status = IntakeStatus.SKIPPED if args.skipped else IntakeStatus.TAKEN
    # The check and the save are one transaction: a second writer cannot slip a dose in
    # between, so two doses can never both pass the max check against the same total. (One
    # that writes after this transaction has read makes the save fail, and nothing is written.)
    try:
        with store.write(), as_options(ENTRY_OPTIONS):
            day_intakes = store.intakes(day, day, med.id)
            draft = Intake(med.id, at, amount, status, note=args.note or "")
            draft = replace(draft, slot=answered_slot(draft, steps, day_intakes, day,
                                                      day_starts_at, zone(now)))
            # The minimum interval is measured from the nearest dose either side, on any day.
            nearest = store.nearest_taken(med.id, at)
            verdict = check_dose(med, draft, day_intakes, nearest, steps, day_starts_at)
            verdict = DoseVerdict(tuple(_worded(f, med, day, today) for f in verdict.findings))
            if verdict.breaks_rule and not args.force:
                reasons = " ".join(f.message for f in verdict.rule_findings)
                raise CommandError(f"{reasons} Nothing was recorded; add --force to record it "
                                   "anyway.", label="refused")
            saved = store.add_intake(draft)
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", None) not in BUSY:
            raise
        raise CommandError("another program wrote to the diary while this dose was being "
                           "checked; nothing was recorded: run the command again") from exc
    slot = f" (the {saved.slot.time:%H:%M} dose)" if saved.slot else " (no scheduled dose)"
    print(f"Logged {med.name} {format_amount(saved.amount, med.unit)} {saved.status.value} "
          f"at {stamp(saved.at)}{slot}.")
    _print_findings(verdict)
    beyond = beyond_plan(med, saved, day_intakes, steps, day, today, day_starts_at)
    if beyond is not None:
        print(f"note: {beyond}")
    return 0


def _worded(finding: Finding, med: Medication, day: date, today: date) -> Finding:
    """The domain says a dose over the max "would take today to ..."; a dose logged for another
    diary day names that day."""
    if finding.kind is not FindingKind.OVER_MAX_DAILY or day == today:
        return finding
    assert med.max_daily is not None and finding.amount is not None
    unit = med.unit
    return replace(finding, message=(
        f"{med.name}: this dose would take {day_text(day, today)} to "
        f"{format_amount(med.max_daily + finding.amount, unit)}, "
        f"{format_amount(finding.amount, unit)} over the {format_amount(med.max_daily, unit)} "
        "maximum per day."))


def beyond_plan(med: Medication, dose: Intake, day_intakes: Sequence[Intake],
                steps: Sequence[PlanStep], day: date, today: date,
                day_starts_at: time) -> str | None:
    """A notice when a taken dose goes beyond the plan of its diary day: more doses than the
    plan's count, or a day's total above the plan's daily amount. (The domain's check_dose
    compares the dose only with the planned amount per dose.) None for an as-needed step or a
    day without one, which check_dose reports itself."""
    assert med.id is not None
    step = step_on(steps, med.id, day)
    if dose.status is not IntakeStatus.TAKEN or step is None or step.as_needed:
        return None
    taken = [i for i in [*day_intakes, dose]
             if i.status is IntakeStatus.TAKEN and i.deleted_at is None
             and local_day(i.at, day_starts_at) == day]
    when = day_text(day, today)
    on = when if day == today else f"on {when}"
    parts = []
    if len(taken) > len(step.times):
        parts.append(f"{len(taken)} doses taken {on}, and the plan has {len(step.times)} a day")
    total = sum(i.amount for i in taken)
    if total > step.daily_amount:
        parts.append(f"{format_amount(total, med.unit)} taken {on}, above the planned "
                     f"{format_amount(step.daily_amount, med.unit)}/day")
    if not parts:
        return None
    return f"{med.name}: beyond the plan: {'; '.join(parts)}."


def _print_findings(verdict: DoseVerdict) -> None:
    for finding in verdict.findings:
        if finding in verdict.rule_findings:
            print(f"warning (recorded with --force): {finding.message}")
        else:
            print(f"note: {finding.message}")


def log_rating(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    symptom = store.symptom_by_name(args.symptom)
    if symptom.archived_at is not None:
        raise CommandError(f"the symptom {symptom.name!r} is archived; unarchive it to rate it")
    assert symptom.id is not None
    at = moment(args.at, now)
    with as_options(ENTRY_OPTIONS):
        saved = store.add_rating(Rating(symptom.id, at, args.score, note=args.note or ""))
    print(f"Logged {symptom.name} {saved.score}/{symptom.scale_max} at {stamp(saved.at)}.")
    return 0


def log_event(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    kind = parse_event_kind(args.kind)
    at = moment(args.at, now)
    saved = store.add_event(Event(at, kind, args.text))
    print(f"Logged {EVENT_KIND_LABELS[kind].lower()} at {stamp(saved.at)}: {saved.text}")
    return 0
