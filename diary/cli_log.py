"""`log dose`, `log rating`, `log event`: one entry each, checked before anything is written."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time, tzinfo

from diary.cli_common import CommandError, moment, stamp, zone
from diary.domain.daytime import local_day
from diary.domain.entities import (
    EVENT_KIND_LABELS,
    Event,
    Intake,
    IntakeStatus,
    PlanStep,
    Rating,
    Slot,
)
from diary.domain.errors import ValidationError
from diary.domain.plan import expected_slots
from diary.domain.safety import DoseVerdict, check_dose
from diary.domain.stats import match_intakes_to_slots
from diary.domain.units import format_amount, parse_amount
from diary.domain.validation import parse_event_kind
from diary.storage.store import DiaryStore


def log_dose(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    med = store.medication_by_name(args.medication)
    assert med.id is not None
    amount = parse_amount(args.amount, med.unit)
    at = moment(args.at, now)
    day_starts_at = store.info().day_starts_at
    day = local_day(at, day_starts_at)
    steps = store.plan_steps(med.id)
    day_intakes = store.intakes(day, day, med.id)
    status = IntakeStatus.SKIPPED if args.skipped else IntakeStatus.TAKEN
    draft = Intake(med.id, at, amount, status, note=args.note or "")
    draft = replace(
        draft, slot=answered_slot(draft, steps, day_intakes, day, day_starts_at, zone(now))
    )
    # The minimum interval is measured from the nearest dose either side, on any diary day.
    nearest = store.nearest_taken(med.id, at)
    verdict = check_dose(med, draft, day_intakes, nearest, steps, day_starts_at)
    if verdict.breaks_rule and not args.force:
        reasons = " ".join(f.message for f in verdict.rule_findings)
        raise CommandError(f"{reasons} Nothing was recorded; add --force to record it anyway.",
                           label="refused")
    saved = store.add_intake(draft)
    slot = f" (the {saved.slot.time:%H:%M} dose)" if saved.slot else " (no scheduled dose)"
    print(f"Logged {med.name} {format_amount(saved.amount, med.unit)} {saved.status.value} "
          f"at {stamp(saved.at)}{slot}.")
    _print_findings(verdict)
    return 0


def answered_slot(draft: Intake, steps: Sequence[PlanStep], day_intakes: Sequence[Intake],
                  day: date, day_starts_at: time, tz: tzinfo) -> Slot | None:
    """The scheduled slot of that day the new dose answers (by the same matching adherence uses:
    the nearest slot no other intake answers), or None for an extra dose."""
    doses = [d for d in expected_slots(steps, day, day_starts_at)
             if d.medication_id == draft.medication_id]
    matches = match_intakes_to_slots(doses, [*day_intakes, draft], day_starts_at, tz)
    return next((dose.slot for dose, intake in matches.items() if intake is draft), None)


def _print_findings(verdict: DoseVerdict) -> None:
    for finding in verdict.findings:
        if finding in verdict.rule_findings:
            print(f"warning (recorded with --force): {finding.message}")
        else:
            print(f"note: {finding.message}")


def parse_score(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValidationError("score", f"{text.strip()!r} is not a whole number") from None


def log_rating(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    symptom = store.symptom_by_name(args.symptom)
    if symptom.archived_at is not None:
        raise CommandError(f"the symptom {symptom.name!r} is archived; unarchive it to rate it")
    assert symptom.id is not None
    score = parse_score(args.score)
    at = moment(args.at, now)
    saved = store.add_rating(Rating(symptom.id, at, score, note=args.note or ""))
    print(f"Logged {symptom.name} {saved.score}/{symptom.scale_max} at {stamp(saved.at)}.")
    return 0


def log_event(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    kind = parse_event_kind(args.kind)
    at = moment(args.at, now)
    saved = store.add_event(Event(at, kind, args.text))
    print(f"Logged {EVENT_KIND_LABELS[kind].lower()} at {stamp(saved.at)}: {saved.text}")
    return 0
