"""`log dose`, `log rating`, `log event`: one entry each, checked before anything is written."""

from __future__ import annotations

import argparse
import sqlite3
from datetime import datetime

from diary.cli.common import WHEN_HELP
from diary.cli.common import CommandError
from diary.cli.common import Commands
from diary.cli.common import actions_of
from diary.cli.common import as_options
from diary.cli.common import diary_command
from diary.cli.common import medication_named
from diary.cli.common import moment
from diary.cli.common import stamp
from diary.cli.common import whole_number
from diary.cli.common import zone
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Event
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Rating
from diary.domain.safety import DoseVerdict
from diary.domain.units import format_amount
from diary.domain.units import parse_amount
from diary.domain.validation import parse_event_kind
from diary.storage.dosing import check_and_add
from diary.storage.store import DiaryStore

ENTRY_OPTIONS = {"note": "--note"}
BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_BUSY_SNAPSHOT)


def log_dose(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    med = medication_named(store, args.medication)
    assert med.id is not None
    amount = parse_amount(args.amount, med.unit)
    at = moment(args.at, now)
    status = IntakeStatus.SKIPPED if args.skipped else IntakeStatus.TAKEN
    # The check and the save are one transaction (storage.dosing): a second writer cannot slip
    # a dose in between, so two doses can never both pass the max check against the same total.
    # (One that writes after this transaction has read makes the save fail, and nothing is
    # written.)
    try:
        with as_options(ENTRY_OPTIONS):
            outcome = check_and_add(store, Intake(med.id, at, amount, status,
                                                  note=args.note or ""),
                                    zone(now), confirmed=args.force, now=now)
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", None) not in BUSY:
            raise
        raise CommandError("another program wrote to the diary while this dose was being "
                           "checked; nothing was recorded: run the command again") from exc
    verdict = outcome.verdict
    saved = outcome.saved
    if saved is None:
        reasons = " ".join(f.message for f in verdict.rule_findings)
        raise CommandError(f"{reasons} Nothing was recorded; add --force to record it "
                           "anyway.", label="refused")
    slot = f" (the {saved.slot.time:%H:%M} dose)" if saved.slot else " (no scheduled dose)"
    print(f"Logged {med.name} {format_amount(saved.amount, med.unit)} {saved.status.value} "
          f"at {stamp(saved.at)}{slot}.")
    _print_findings(verdict)
    return 0


def _print_findings(verdict: DoseVerdict) -> None:
    """Each finding on a line; a dose beyond the plan comes last, as a note."""
    for finding in verdict.findings:
        if finding in verdict.rule_findings:
            print(f"warning (recorded with --force): {finding.message}")
        else:
            print(f"note: {finding.message}")


def log_rating(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    symptom = store.symptoms.named(args.symptom)
    if symptom.archived_at is not None:
        raise CommandError(f"the symptom {symptom.name!r} is archived; unarchive it to rate it")
    assert symptom.id is not None
    at = moment(args.at, now)
    with as_options(ENTRY_OPTIONS):
        saved = store.ratings.add(Rating(symptom.id, at, args.score, note=args.note or ""))
    print(f"Logged {symptom.name} {saved.score}/{symptom.scale_max} at {stamp(saved.at)}.")
    return 0


def log_event(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    kind = parse_event_kind(args.kind)
    at = moment(args.at, now)
    saved = store.events.add(Event(at, kind, args.text))
    print(f"Logged {EVENT_KIND_LABELS[kind].lower()} at {stamp(saved.at)}: {saved.text}")
    return 0


def add_commands(commands: Commands) -> None:
    kinds = actions_of(commands, "log", help="record a dose, a symptom rating or an event",
                       description="Record one entry in the diary.", title="entries",
                       metavar="ENTRY")
    dose = diary_command(kinds, "log dose", log_dose, help="a dose taken (or skipped)",
                         description="Record a dose. A dose over the max daily amount or inside "
                         "the minimum interval is refused unless --force is given.", writes=True)
    dose.add_argument("medication", metavar="MEDICATION", help="the medication's name")
    dose.add_argument("amount", metavar="AMOUNT",
                      help='in the medication\'s unit: "20", "7.5", "20 mg", "1/2" (tablets)')
    dose.add_argument("--at", metavar="WHEN", help=WHEN_HELP)
    dose.add_argument("--skipped", action="store_true", help="the dose was deliberately skipped")
    dose.add_argument("--note", metavar="TEXT", help="a note")
    dose.add_argument("--force", action="store_true",
                      help="record it even though it breaks a safety rule")
    rating = diary_command(kinds, "log rating", log_rating, help="a symptom rating",
                           description="Rate a symptom on its scale (0-10 unless changed).",
                           writes=True)
    rating.add_argument("symptom", metavar="SYMPTOM", help="the symptom's name")
    rating.add_argument("score", type=whole_number, metavar="SCORE",
                        help="a whole number on the symptom's scale")
    rating.add_argument("--at", metavar="WHEN", help=WHEN_HELP)
    rating.add_argument("--note", metavar="TEXT", help="a note")
    event = diary_command(kinds, "log event", log_event,
                          help="an event (appointment, dose change, fall...)",
                          description="Record an event: appointment, dose_change, fall, illness "
                          "or other.", writes=True)
    event.add_argument("kind", metavar="KIND",
                       help="appointment, dose_change, fall, illness or other")
    event.add_argument("text", metavar="TEXT", help="what happened")
    event.add_argument("--at", metavar="WHEN", help=WHEN_HELP)
