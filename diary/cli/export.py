"""`export csv` (the diary as CSV files, one per kind of record) and `export fhir` (the diary
as one HL7 FHIR R4 Bundle). The work is in diary.csv and diary.fhir, imported only when one of
these commands runs.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from diary.cli.common import CommandError
from diary.cli.common import Commands
from diary.cli.common import actions_of
from diary.cli.common import diary_command
from diary.domain.wording import plural
from diary.storage.store import DiaryStore


def export_csv(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    from diary.csv import ExportRefused
    from diary.csv import export_csv

    try:
        written = export_csv(store, args.out)
    except ExportRefused as exc:
        raise CommandError(str(exc)) from None
    for item in written:
        print(f"{item.path}: {plural(item.rows, 'row')}")
    return 0


def export_fhir(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    from diary.fhir import ExportExistsError
    from diary.fhir import write_bundle

    try:
        done = write_bundle(store, Path(args.out).expanduser(), now)
    except ExportExistsError as exc:
        raise CommandError(str(exc)) from None
    counts = ", ".join(f"{kind} {count}" for kind, count in done.counts.items())
    print(f"{done.path}: FHIR R4 Bundle of {plural(done.total, 'resource')} ({counts})")
    return 0


def add_commands(commands: Commands) -> None:
    formats = actions_of(commands, "export", help="write the diary to files (CSV, FHIR)",
                         description="Write the diary's entries and settings to files another "
                         "program can read. Nothing in the diary changes.",
                         title="formats", metavar="FORMAT")
    for name, run, out, out_help, summary, description in (
        ("csv", export_csv, "DIR", "the folder for the files",
         "one CSV file per kind of record, for spreadsheets",
         "Write intakes.csv, ratings.csv, events.csv, medications.csv and plan_steps.csv into "
         "DIR: UTF-8 with a byte-order mark, comma-separated, one row per record, deleted "
         "entries left out, each file mode 0600. DIR is created (mode 0700) when missing; one "
         "that already holds any of these files is refused, never overwritten."),
        ("fhir", export_fhir, "FILE", "the new JSON file",
         "an HL7 FHIR R4 Bundle (JSON), for a clinician's system",
         "Write the whole diary as one HL7 FHIR R4 Bundle of type collection: Patient, "
         "Medication, MedicationStatement per plan step, MedicationAdministration per dose, "
         "Observation per rating, units in UCUM. Deleted entries and events are left out. The "
         "file is created mode 0600; an existing file is refused, never overwritten."),
    ):
        parser = diary_command(formats, f"export {name}", run, help=summary,
                               description=description)
        parser.add_argument("-o", "--out", required=True, type=Path, metavar=out, help=out_help)
