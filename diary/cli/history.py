"""`history`: the entries of a date range, doses, ratings and events, oldest first, with the doses
the plan expected and nobody took or skipped listed as missed at their scheduled time (the rule
the window's History and summary follow: diary.storage.records.outcomes)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from datetime import datetime

from diary.cli.common import DATE
from diary.cli.common import Commands
from diary.cli.common import amount_json
from diary.cli.common import diary_command
from diary.cli.common import event_json
from diary.cli.common import from_to
from diary.cli.common import intake_json
from diary.cli.common import iso
from diary.cli.common import json_option
from diary.cli.common import print_json
from diary.cli.common import rating_json
from diary.cli.common import stamp
from diary.cli.common import zone
from diary.domain.daytime import local_day
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.errors import ValidationError
from diary.domain.plans.answers import missed_dose
from diary.domain.plans.answers import scheduled_at
from diary.domain.stats import SlotOutcome
from diary.domain.stats import SlotStatus
from diary.domain.units import format_amount
from diary.domain.wording import clock_text
from diary.domain.wording import plural
from diary.storage.records.history import DoseStatus
from diary.storage.records.outcomes import answers_by_intake
from diary.storage.records.outcomes import outcomes_between
from diary.storage.records.outcomes import read_plan
from diary.storage.store import DiaryStore

HISTORY_DAYS = 30  # the default range: the last 30 diary days, today included
MAX_HISTORY_DAYS = 100 * 366


@dataclass(frozen=True)
class Line:
    """One entry of the history: its instant (for the order), JSON and text forms."""

    at: datetime
    order: int
    json: dict[str, object]
    text: str


def history(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    start, end = history_range(args.start, args.end, local_day(now, store.info().day_starts_at))
    status = None if args.status is None else DoseStatus(args.status)
    with store.reading():
        lines = _lines(store, start, end, now, status)
    lines.sort(key=lambda line: (line.at, line.order))
    if args.json:
        print_json({"from": start.isoformat(), "to": end.isoformat(),
                    "entries": [line.json for line in lines]})
        return 0
    missed = sum(1 for line in lines if line.json.get("status") == "missed")
    counts = {kind: sum(1 for line in lines if line.json["type"] == kind)
              for kind in ("dose", "rating", "event")}
    doses = plural(counts["dose"] - missed, "dose")
    if missed:
        doses += f", {plural(missed, 'missed dose')}"
    print(f"History {start} to {end}: {doses}, "
          f"{plural(counts['rating'], 'rating')}, {plural(counts['event'], 'event')}")
    for line in lines:
        print(line.text)
    return 0


def _lines(store: DiaryStore, start: date, end: date, now: datetime,
           status: DoseStatus | None) -> list[Line]:
    """The lines of the range that `--status` keeps: with a status, doses alone."""
    plan = read_plan(store)
    outcomes = outcomes_between(store, start, end, now, plan=plan)
    lines = []
    if status is not DoseStatus.MISSED:
        lines += [line for line in _dose_lines(store, start, end, outcomes)
                  if status is None or line.json["status"] == status.value]
    if status in (None, DoseStatus.MISSED):
        lines += _missed_lines(store, outcomes, now)
    if status is None:
        lines += [*_rating_lines(store, start, end), *_event_lines(store, start, end)]
    return lines


def history_range(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """--from and --to; by default the last HISTORY_DAYS diary days to today."""
    start, end = from_to(start, end, today, HISTORY_DAYS)
    if (end - start).days > MAX_HISTORY_DAYS:
        raise ValidationError("--from", "the range is longer than a hundred years")
    return start, end


def _note(text: str) -> str:
    return f"  ({text})" if text else ""


def _dose_lines(store: DiaryStore, start: date, end: date,
                outcomes: list[SlotOutcome]) -> list[Line]:
    """Each stored dose; in JSON also when the slot it answers was due and how late it was
    taken (null for a dose that answers no slot)."""
    meds = store.medications.by_id()
    answers = answers_by_intake(outcomes)
    day_starts_at = store.info().day_starts_at
    lines = []
    for intake in store.intakes.between(start, end):
        med = meds[intake.medication_id]
        slot = f" ({intake.slot.time:%H:%M} dose)" if intake.slot else ""
        text = (f"{stamp(intake.at)}  dose    {med.name} {format_amount(intake.amount, med.unit)} "
                f"{intake.status.value}{slot}{_note(intake.note)}")
        answer = answers.get(intake.id) if intake.id is not None else None
        scheduled = None if answer is None else scheduled_at(answer, day_starts_at, zone(intake.at))
        lines.append(Line(intake.at, 0, {
            **intake_json(intake, med),
            "scheduled": None if scheduled is None else iso(scheduled),
            "delay_minutes": None if answer is None else answer.delay_minutes,
        }, text))
    return lines


def _missed_lines(store: DiaryStore, outcomes: list[SlotOutcome], now: datetime) -> list[Line]:
    """The doses of the plan nobody took or skipped, their on-time window closed, each at the
    time it was due (in the local zone)."""
    meds = store.medications.by_id()
    day_starts_at = store.info().day_starts_at
    lines = []
    for outcome in outcomes:
        if outcome.status is not SlotStatus.MISSED:
            continue
        missed = missed_dose(outcome, day_starts_at, zone(now))
        med = meds[missed.medication_id]
        amount = format_amount(missed.amount, med.unit)
        text = (f"{stamp(missed.at)}  dose    {med.name} {amount} missed "
                f"({clock_text(missed.slot.time)} dose)")
        lines.append(Line(missed.at, 3, {
            "type": "dose", "id": None, "at": iso(missed.at),
            "medication_id": missed.medication_id, "medication": med.name,
            "amount": amount_json(missed.amount, med.unit), "status": "missed",
            "slot": {"day": missed.slot.day.isoformat(), "time": clock_text(missed.slot.time)},
            "note": "", "scheduled": iso(missed.at), "delay_minutes": None,
        }, text))
    return lines


def _rating_lines(store: DiaryStore, start: date, end: date) -> list[Line]:
    symptoms = store.symptoms.by_id()
    lines = []
    for rating in store.ratings.between(start, end):
        symptom = symptoms[rating.symptom_id]
        text = (f"{stamp(rating.at)}  rating  {symptom.name} {rating.score}/{symptom.scale_max}"
                f"{_note(rating.note)}")
        lines.append(Line(rating.at, 1, rating_json(rating, symptom), text))
    return lines


def _event_lines(store: DiaryStore, start: date, end: date) -> list[Line]:
    return [
        Line(event.at, 2, event_json(event),
             f"{stamp(event.at)}  event   {EVENT_KIND_LABELS[event.kind]}: {event.text}")
        for event in store.events.between(start, end)
    ]


def add_commands(commands: Commands) -> None:
    history_parser = diary_command(
        commands, "history", history, help="the entries of a date range",
        description="Doses, ratings and events, oldest first. A dose of the plan that was "
        "neither taken nor skipped is listed as missed, at its scheduled time, once its on-time "
        "window has passed (today's doses still to come are not). In --json every dose carries "
        "its status (taken, skipped or missed), the time its slot was due (scheduled; null for "
        "a dose that answers no slot of the plan) and how many minutes after it the dose was "
        "taken (delay_minutes; negative when early); a missed dose has no id.")
    history_parser.add_argument("--from", dest="start", type=DATE, metavar="DATE",
                                help="first diary day, YYYY-MM-DD (default: 29 days before --to)")
    history_parser.add_argument("--to", dest="end", type=DATE, metavar="DATE",
                                help="last diary day, YYYY-MM-DD (default: today)")
    history_parser.add_argument(
        "--status", choices=[status.value for status in DoseStatus],
        help="only the doses taken, skipped or missed (default: every entry)")
    json_option(history_parser)
