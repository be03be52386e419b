"""`import csv`: doses, ratings and events from a CSV file, the program's own or another app's,
the whole file checked first (one bad line and nothing is added). The work is in diary.csv,
imported only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from diary.cli.common import PROG
from diary.cli.common import Commands
from diary.cli.common import actions_of
from diary.cli.common import diary_command
from diary.cli.common import option_type
from diary.cli.common import stamp
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Medication
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.units import format_amount
from diary.domain.wording import plural
from diary.storage.store import DiaryStore

if TYPE_CHECKING:
    from diary.csv import ImportPlan
    from diary.storage import ImportResult
    from diary.storage import OverMax


PREVIEW_ENTRIES = 5
SHOWN_DAYS = 10
DELIMITER_WORDS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


# --- option values ------------------------------------------------------------------------------
def _parse_map(text: str) -> tuple[str, str]:
    from diary.csv import parse_map

    return parse_map(text)


def _parse_delimiter(text: str) -> str:
    chosen = DELIMITER_WORDS.get(text.lower(), text)
    if len(chosen) != 1 or chosen in "\"'\r\n" or chosen.isalnum():
        raise ValidationError("--delimiter", f"{text!r} is not one delimiter character such as "
                              ", ; | or tab")
    return chosen


MAP = option_type(_parse_map)
DELIMITER = option_type(_parse_delimiter)


# --- import csv ---------------------------------------------------------------------------------
def import_csv(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    from diary.csv import CsvImportError
    from diary.csv import DateOrder
    from diary.csv import ImportOptions
    from diary.csv import apply as apply_import
    from diary.csv import plan_import

    options = ImportOptions(
        mapping=tuple(args.map or ()), delimiter=args.delimiter, encoding=args.encoding,
        date_order=None if args.date_order is None else DateOrder(args.date_order),
        create_medications=args.create_medications, create_symptoms=args.create_symptoms)
    try:
        plan = plan_import(Path(args.file).expanduser(), str(args.file), store, options,
                                  now)
    except CsvImportError as exc:
        # More than one line: the summary first, in the form of every other error, then where.
        print(f"{PROG}: error: {_one_line(exc.summary)}", file=sys.stderr)
        for detail in exc.details:
            print(_one_line(detail), file=sys.stderr)
        return 1
    _print_source(plan)
    if args.dry_run:
        print("Dry run: nothing was written.")
        _print_plan(plan)
        return 0
    result = apply_import(store, plan)
    _print_result(plan, result)
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _print_source(plan: ImportPlan) -> None:
    source = plan.source
    print(f"Read {source.shown}: {plural(source.lines, 'line')}, {source.description}.")
    print(f"Columns used: {', '.join(source.used)}"
          + (f"; not used: {', '.join(source.unused)}." if source.unused else "."))
    for given, diary_name in plan.other_names:
        print(f"{given} in the file is {diary_name} in the diary.")


def _print_plan(plan: ImportPlan) -> None:
    present = plan.presence
    counts = _counts(len(plan.intakes) - len(present.intakes),
                     len(plan.ratings) - len(present.ratings),
                     len(plan.events) - len(present.events))
    _print_outcome(plan, ("Would import", "Would create"), counts, plan.created,
                   plan.new_symptoms, _preview(plan))


def _print_result(plan: ImportPlan, result: ImportResult) -> None:
    _print_outcome(plan, ("Imported", "Created"),
                   _counts(result.intakes, result.ratings, result.events), result.created,
                   result.created_symptoms, [])


def _print_outcome(plan: ImportPlan, verbs: tuple[str, str], counts: str,
                   medications: Sequence[Medication], symptoms: Sequence[Symptom],
                   preview: Sequence[str]) -> None:
    """What an import adds, in the same order whether it ran or was a dry run (`verbs`: how the
    entries and the medications and symptoms created are said, done or to do)."""
    from diary.csv import medication_list
    from diary.csv import symptom_list

    imported, created = verbs
    print(f"{imported} {counts}.")
    _print_present(plan)
    if medications:
        print(f"{created} medications: {medication_list(medications)}.")
    if symptoms:
        print(f"{created} symptoms: {symptom_list(symptoms)}.")
    _print_settings(plan)
    if preview:
        print("First entries:")
        for line in preview:
            print(f"  {line}")
    _print_over_max(plan.over_max)


def _counts(doses: int, ratings: int, events: int) -> str:
    return f"{plural(doses, 'dose')}, {plural(ratings, 'rating')} and {plural(events, 'event')}"


def _print_present(plan: ImportPlan) -> None:
    from diary.csv import line_list

    present = plan.presence
    lines = sorted({*(plan.intake_lines[i] for i in present.intakes),
                    *(plan.rating_lines[i] for i in present.ratings),
                    *(plan.event_lines[i] for i in present.events)})
    count = len(present.intakes) + len(present.ratings) + len(present.events)
    if count:
        print(f"Skipped {count} already in the diary: {line_list(lines)}.")


def _print_settings(plan: ImportPlan) -> None:
    from diary.csv import settings_lines

    for line in settings_lines(plan):
        print(line)


def _preview(plan: ImportPlan) -> list[str]:
    """The first few entries to be added, in the file's order."""
    present = plan.presence
    found: list[tuple[int, str]] = []
    for index, item in enumerate(plan.intakes):
        if index not in present.intakes:
            med, intake = item.medication, item.intake
            found.append((plan.intake_lines[index],
                          f"dose {stamp(intake.at)} {med.name} "
                          f"{format_amount(intake.amount, med.unit)} {intake.status.value}"
                          + _note(intake.note)))
    for index, rating in enumerate(plan.ratings):
        if index not in present.ratings:
            symptom = plan.symptoms[rating.symptom_id]
            found.append((plan.rating_lines[index],
                          f"rating {stamp(rating.at)} {symptom.name} {rating.score}/"
                          f"{symptom.scale_max}" + _note(rating.note)))
    for index, event in enumerate(plan.events):
        if index not in present.events:
            found.append((plan.event_lines[index],
                          f"event {stamp(event.at)} {EVENT_KIND_LABELS[event.kind]}: "
                          f"{_one_line(event.text)}"))
    found.sort(key=lambda pair: pair[0])
    return [f"line {line}: {text}" for line, text in found[:PREVIEW_ENTRIES]]


def _note(note: str) -> str:
    return f" ({_one_line(note)})" if note else ""


def _print_over_max(over: Sequence[OverMax]) -> None:
    """Imported doses are history and are not refused; the days over a maximum are told."""
    for item in over:
        med, days = item.medication, item.days
        shown = ", ".join(d.isoformat() for d in days[:SHOWN_DAYS])
        more = f" and {len(days) - SHOWN_DAYS} more" if len(days) > SHOWN_DAYS else ""
        assert med.max_daily is not None
        print(f"Note: {plural(len(days), 'day')} over the "
              f"{format_amount(med.max_daily, med.unit)} max per day of {med.name} in the "
              f"imported doses (imported as they were): {shown}{more}.")


def add_commands(commands: Commands) -> None:
    formats = actions_of(commands, "import", help="add entries from a file (CSV)",
                         description="Add doses, ratings and events from a file. The whole file "
                         "is checked first: one bad line and nothing is added.",
                         title="formats", metavar="FORMAT")
    csv = diary_command(
        formats, "import csv", import_csv, writes=True,
        help="doses and ratings from a CSV file (this program's or another app's)",
        description="Import doses and ratings (and events, from this program's events.csv) "
        "from a CSV file: this program's intakes.csv, ratings.csv, events.csv, or another "
        "app's export. Columns are recognised by name (time, date, medication, drug, amount, "
        "dose, symptom, score, rating, note...); --map names the others. Entries already in "
        "the diary are skipped, so importing a file twice adds nothing the second time.")
    csv.add_argument("file", type=Path, metavar="FILE", help="the CSV file (at most 10 MB)")
    csv.add_argument("--map", action="append", type=MAP, metavar="COLUMN=FIELD",
                     help="the column COLUMN holds FIELD: time, date, medication, "
                     "medication_id, amount, unit, status, slot_day, slot_time, symptom, score, "
                     "scale_max, note, kind, text, or ignore; repeat for more columns")
    csv.add_argument("--delimiter", type=DELIMITER, metavar="C",
                     help='the delimiter: "," ";" "|" or tab (default: detected)')
    csv.add_argument("--encoding", metavar="NAME",
                     help="the file's encoding when detection gets it wrong: utf-8, "
                     "utf-8-sig, utf-16, utf-16-le, utf-16-be, cp1252, latin-1 or mac-roman "
                     "(default: detected)")
    csv.add_argument("--date-order", choices=("dmy", "mdy"),
                     help="how dates with slashes read: 05/11/2026 is 5 November (dmy) or "
                     "May 11 (mdy); needed only when a date could be either")
    csv.add_argument("--create-medications", action="store_true",
                     help="add the medications the diary does not have: as the "
                     "medications.csv beside this program's intakes.csv has them, else with "
                     "the file's unit (and a label's figures for a known drug); without it "
                     "they are refused")
    csv.add_argument("--create-symptoms", action="store_true",
                     help="add the symptoms the diary does not have: those the symptoms.csv "
                     "beside this program's ratings.csv lists, else on the scale the file's "
                     "scale_max column gives (else 0-10); without it they are refused")
    csv.add_argument("--dry-run", action="store_true",
                     help="show what would be imported and write nothing")
