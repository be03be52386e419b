"""`history`: the entries of a date range, doses, ratings and events, oldest first."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from datetime import datetime

from diary.cli.common import DATE
from diary.cli.common import Commands
from diary.cli.common import diary_command
from diary.cli.common import event_json
from diary.cli.common import from_to
from diary.cli.common import intake_json
from diary.cli.common import json_option
from diary.cli.common import print_json
from diary.cli.common import rating_json
from diary.cli.common import stamp
from diary.domain.daytime import local_day
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.errors import ValidationError
from diary.domain.units import format_amount
from diary.domain.wording import plural
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
    lines = sorted(
        [*_dose_lines(store, start, end), *_rating_lines(store, start, end),
         *_event_lines(store, start, end)],
        key=lambda line: (line.at, line.order),
    )
    if args.json:
        print_json({"from": start.isoformat(), "to": end.isoformat(),
                    "entries": [line.json for line in lines]})
        return 0
    counts = {kind: sum(1 for line in lines if line.json["type"] == kind)
              for kind in ("dose", "rating", "event")}
    print(f"History {start} to {end}: {plural(counts['dose'], 'dose')}, "
          f"{plural(counts['rating'], 'rating')}, {plural(counts['event'], 'event')}")
    for line in lines:
        print(line.text)
    return 0


def history_range(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """--from and --to; by default the last HISTORY_DAYS diary days to today."""
    start, end = from_to(start, end, today, HISTORY_DAYS)
    if (end - start).days > MAX_HISTORY_DAYS:
        raise ValidationError("--from", "the range is longer than a hundred years")
    return start, end


def _note(text: str) -> str:
    return f"  ({text})" if text else ""


def _dose_lines(store: DiaryStore, start: date, end: date) -> list[Line]:
    meds = store.medications.by_id()
    lines = []
    for intake in store.intakes.between(start, end):
        med = meds[intake.medication_id]
        slot = f" ({intake.slot.time:%H:%M} dose)" if intake.slot else ""
        text = (f"{stamp(intake.at)}  dose    {med.name} {format_amount(intake.amount, med.unit)} "
                f"{intake.status.value}{slot}{_note(intake.note)}")
        lines.append(Line(intake.at, 0, intake_json(intake, med), text))
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
    history_parser = diary_command(commands, "history", history,
                                   help="the entries of a date range",
                                   description="Doses, ratings and events, oldest first.")
    history_parser.add_argument("--from", dest="start", type=DATE, metavar="DATE",
                                help="first diary day, YYYY-MM-DD (default: 29 days before --to)")
    history_parser.add_argument("--to", dest="end", type=DATE, metavar="DATE",
                                help="last diary day, YYYY-MM-DD (default: today)")
    json_option(history_parser)
