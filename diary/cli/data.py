"""`export csv` (the diary as CSV files) and `import csv` (doses, ratings and events from a CSV
file, the program's own or another app's). The work is in diary.csv and diary.fhir, imported
only when one of these commands runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from diary.cli.common import (
    PROG,
    CommandError,
    Commands,
    actions_of,
    diary_command,
    option_type,
    stamp,
)
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.errors import ValidationError
from diary.domain.units import format_amount
from diary.domain.wording import plural
from diary.storage.store import DiaryStore

if TYPE_CHECKING:
    from diary.csv import ImportPlan
    from diary.storage import ImportResult, OverMax


PREVIEW_ENTRIES = 5
SHOWN_DAYS = 10
DELIMITER_WORDS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


def add_commands(commands: Commands) -> Commands:
    """The `export` and `import` commands; returns the formats of `export`, for more to join."""
    formats = add_export_parsers(commands)
    _add_import(commands)
    return formats


def add_export_parsers(commands: Commands) -> Commands:
    """The `export` command group with its `csv` format; returns its sub-parsers."""
    formats = actions_of(commands, "export", help="write the diary to files (CSV, FHIR)",
                         description="Write the diary's entries and settings to files another "
                         "program can read. Nothing in the diary changes.",
                         title="formats", metavar="FORMAT")
    csv = diary_command(
        formats, "export csv", export_csv, help="one CSV file per kind of record, for spreadsheets",
        description="Write intakes.csv, ratings.csv, events.csv, medications.csv and "
        "plan_steps.csv into DIR: UTF-8 with a byte-order mark, comma-separated, one row per "
        "record, deleted entries left out, each file mode 0600. DIR is created (mode 0700) when "
        "missing; one that already holds any of these files is refused, never overwritten.")
    csv.add_argument("-o", "--out", required=True, type=Path, metavar="DIR",
                     help="the folder for the files")
    fhir = diary_command(
        formats, "export fhir", export_fhir,
        help="an HL7 FHIR R4 Bundle (JSON), for a clinician's system",
        description="Write the whole diary as one HL7 FHIR R4 Bundle of type collection: "
        "Patient, Medication, MedicationStatement per plan step, MedicationAdministration per "
        "dose, Observation per rating, units in UCUM. Deleted entries and events are left out. "
        "The file is created mode 0600; an existing file is refused, never overwritten.")
    fhir.add_argument("-o", "--out", required=True, type=Path, metavar="FILE",
                      help="the new JSON file")
    return formats


def _add_import(commands: Commands) -> None:
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


# --- export csv ---------------------------------------------------------------------------------
def export_csv(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    from diary.csv import ExportRefused, export_csv

    try:
        written = export_csv(store, args.out)
    except ExportRefused as exc:
        raise CommandError(str(exc)) from None
    for item in written:
        print(f"{item.path}: {plural(item.rows, 'row')}")
    return 0


def export_fhir(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    from diary.fhir import ExportExistsError, write_bundle

    try:
        done = write_bundle(store, Path(args.out).expanduser(), now)
    except ExportExistsError as exc:
        raise CommandError(str(exc)) from None
    counts = ", ".join(f"{kind} {count}" for kind, count in done.counts.items())
    print(f"{done.path}: FHIR R4 Bundle of {plural(done.total, 'resource')} ({counts})")
    return 0


# --- import csv ---------------------------------------------------------------------------------
def import_csv(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    from diary.csv import CsvImportError, DateOrder, ImportOptions, plan_import
    from diary.csv import apply as apply_import

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
    from diary.csv import medication_list, symptom_list

    present = plan.presence
    counts = _counts(len(plan.intakes) - len(present.intakes),
                     len(plan.ratings) - len(present.ratings),
                     len(plan.events) - len(present.events))
    print(f"Would import {counts}.")
    _print_present(plan)
    if plan.created:
        print(f"Would create medications: {medication_list(plan.created)}.")
    if plan.new_symptoms:
        print(f"Would create symptoms: {symptom_list(plan.new_symptoms)}.")
    _print_settings(plan)
    preview = _preview(plan)
    if preview:
        print("First entries:")
        for line in preview:
            print(f"  {line}")
    _print_over_max(plan.over_max)


def _print_result(plan: ImportPlan, result: ImportResult) -> None:
    from diary.csv import medication_list, symptom_list

    print(f"Imported {_counts(result.intakes, result.ratings, result.events)}.")
    _print_present(plan)
    if result.created:
        print(f"Created medications: {medication_list(result.created)}.")
    if result.created_symptoms:
        print(f"Created symptoms: {symptom_list(result.created_symptoms)}.")
    _print_settings(plan)
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
