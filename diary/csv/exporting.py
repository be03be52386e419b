"""`export csv`: the diary as six tidy CSV files, one row per record, that spreadsheets open.

The files are UTF-8 with a byte-order mark (Excel reads UTF-8 without one as the system's code
page; LibreOffice, Numbers and Python read it either way), comma-separated with CRLF line ends
(RFC 4180), every field in double quotes so that no separator inside one can start a new cell
(see `csv_cells` for this and the formula guard), mode 0600. Times are ISO 8601 with the offset
they were entered in; amounts are exact decimal text from the stored thousandths; deleted entries
are left out. Every file is written to a temporary name first and linked into place only when all
six are complete, so a failure leaves no half file, and a file already there is never replaced.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import os
import tempfile
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from pathlib import Path

from diary.csv.cells import neutralise
from diary.domain.daytime import local_day
from diary.domain.entities import Event
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.units import format_number
from diary.storage.file.placement import fsync_folder
from diary.storage.file.placement import place_new
from diary.storage.store import DiaryStore

ENCODING = "utf-8-sig"
FOLDER_MODE = 0o700

INTAKE_COLUMNS = ("id", "time", "day", "medication_id", "medication", "amount", "unit", "status",
                  "slot_day", "slot_time", "note")
RATING_COLUMNS = ("id", "time", "day", "symptom_id", "symptom", "score", "scale_max", "note")
EVENT_COLUMNS = ("id", "time", "day", "kind", "text")
# `colour`, `shape`: the look chosen for it (diary.domain.looks), empty for the one its id gives.
MEDICATION_COLUMNS = ("id", "name", "unit", "form", "max_daily", "min_interval_minutes",
                      "taper_required", "notes", "archived", "colour", "shape")
# The header medications.csv had before the look: still the program's own file.
EARLIER_MEDICATION_COLUMNS = MEDICATION_COLUMNS[:-2]
SYMPTOM_COLUMNS = ("id", "name", "scale_max", "position", "archived")
# `recorded`: when the step was entered (PlanStep.recorded_at, ISO 8601 with its offset); the step
# expects no dose whose on-time window had closed by then (diary.domain.plans.steps.expects).
# Empty for a step that expects every dose from its start: one backdated on purpose or entered
# before its first day, and one entered before the diary kept this.
PLAN_STEP_COLUMNS = ("id", "medication_id", "medication", "start", "end", "amount", "unit",
                     "as_needed", "times", "note", "recorded")
# The header plan_steps.csv had before `recorded`: still the program's own file, not imported.
EARLIER_PLAN_STEP_COLUMNS = PLAN_STEP_COLUMNS[:-1]

FILES: dict[str, tuple[str, ...]] = {
    "intakes.csv": INTAKE_COLUMNS,
    "ratings.csv": RATING_COLUMNS,
    "events.csv": EVENT_COLUMNS,
    "medications.csv": MEDICATION_COLUMNS,
    "symptoms.csv": SYMPTOM_COLUMNS,
    "plan_steps.csv": PLAN_STEP_COLUMNS,
}

# Errnos of a file system without hard links (FAT on a USB stick): the file is renamed instead.

Cells = list[str]


class ExportRefused(Exception):
    """The export cannot go ahead as asked; nothing was written."""


@dataclass(frozen=True)
class Written:
    path: Path
    rows: int


def export_csv(store: DiaryStore, folder: Path) -> list[Written]:
    """Write the six files into `folder` (created 0700 when missing); refuse a folder that holds
    any of them already."""
    folder = Path(folder).expanduser()
    made = _prepare(folder)
    try:
        with store.reading():
            tables = _tables(store)
        return _write_all(folder, tables)
    except BaseException:
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty: nothing of ours is left in it
        raise


# --- the rows -----------------------------------------------------------------------------------
def iso(at: datetime) -> str:
    return at.isoformat(timespec="seconds")


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def intake_cells(intake: Intake, med: Medication, day_starts: time) -> Cells:
    slot = intake.slot
    return [str(intake.id), iso(intake.at), local_day(intake.at, day_starts).isoformat(),
            str(med.id), med.name, format_number(intake.amount), med.unit.value,
            intake.status.value, "" if slot is None else slot.day.isoformat(),
            "" if slot is None else f"{slot.time:%H:%M}", intake.note]


def rating_cells(rating: Rating, symptom: Symptom, day_starts: time) -> Cells:
    return [str(rating.id), iso(rating.at), local_day(rating.at, day_starts).isoformat(),
            str(symptom.id), symptom.name, str(rating.score), str(symptom.scale_max),
            rating.note]


def event_cells(event: Event, day_starts: time) -> Cells:
    return [str(event.id), iso(event.at), local_day(event.at, day_starts).isoformat(),
            event.kind.value, event.text]


def medication_cells(med: Medication) -> Cells:
    return [str(med.id), med.name, med.unit.value, med.form,
            "" if med.max_daily is None else format_number(med.max_daily),
            "" if med.min_interval_minutes is None else str(med.min_interval_minutes),
            _yes(med.taper_required), med.notes,
            "" if med.archived_at is None else iso(med.archived_at),
            "" if med.colour is None else med.colour.value,
            "" if med.shape is None else med.shape.value]


def symptom_cells(symptom: Symptom) -> Cells:
    return [str(symptom.id), symptom.name, str(symptom.scale_max), str(symptom.position),
            "" if symptom.archived_at is None else iso(symptom.archived_at)]


def plan_step_cells(step: PlanStep, med: Medication) -> Cells:
    return [str(step.id), str(med.id), med.name, step.start.isoformat(),
            "" if step.end is None else step.end.isoformat(), format_number(step.amount),
            med.unit.value, _yes(step.as_needed), " ".join(f"{t:%H:%M}" for t in step.times),
            step.note, "" if step.recorded_at is None else iso(step.recorded_at)]


def _tables(store: DiaryStore) -> dict[str, list[Cells]]:
    day_starts = store.info().day_starts_at
    meds = store.medications.by_id()
    symptoms = store.symptoms.by_id()
    return {
        "intakes.csv": [
            intake_cells(i, meds[i.medication_id], day_starts)
            for i in store.intakes.between(date.min, date.max)
        ],
        "ratings.csv": [
            rating_cells(r, symptoms[r.symptom_id], day_starts)
            for r in store.ratings.between(date.min, date.max)
        ],
        "events.csv": [
            event_cells(e, day_starts) for e in store.events.between(date.min, date.max)
        ],
        "medications.csv": [medication_cells(m) for m in meds.values()],
        "symptoms.csv": [symptom_cells(s) for s in symptoms.values()],
        "plan_steps.csv": [plan_step_cells(s, meds[s.medication_id]) for s in store.plans.steps()],
    }


# --- the files ----------------------------------------------------------------------------------
def _prepare(folder: Path) -> bool:
    """Check the folder can take the files, creating it (0700) when missing; True if made."""
    if folder.exists() and not folder.is_dir():
        raise ExportRefused(f"{folder} is a file, not a folder; give a folder for the CSV files")
    if folder.is_dir():
        there = [name for name in FILES if os.path.lexists(folder / name)]
        if there:
            raise ExportRefused(
                f"{folder} already holds {', '.join(there)}; nothing was "
                "written: give a new or empty folder (existing files are never "
                "replaced)"
            )
        return False
    folder.mkdir(mode=FOLDER_MODE, parents=True)
    os.chmod(folder, FOLDER_MODE)  # whatever the umask took away or left
    return True


def _write_all(folder: Path, tables: dict[str, list[Cells]]) -> list[Written]:
    """Every file complete under a temporary name first, then all put in place; on any failure
    nothing of this export is left behind."""
    temporary: dict[str, Path] = {}
    placed: list[Path] = []
    try:
        for name, cells in tables.items():
            temporary[name] = _write_temporary(folder, name, FILES[name], cells)
        for name, path in temporary.items():
            target = folder / name
            place_new(
                path,
                target,
                functools.partial(
                    ExportRefused,
                    f"{target} appeared while the export was written; nothing was written",
                ),
            )
            placed.append(target)
        fsync_folder(folder)
    except BaseException:
        for path in [*temporary.values(), *placed]:
            path.unlink(missing_ok=True)
        raise
    return [Written(folder / name, len(cells)) for name, cells in tables.items()]


def _write_temporary(folder: Path, name: str, header: Sequence[str], rows: Iterable[Cells]) -> Path:
    fd, text = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")  # mode 0600
    path = Path(text)
    try:
        with os.fdopen(fd, "w", encoding=ENCODING, newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
            writer.writerow(header)
            writer.writerows([neutralise(cell) for cell in row] for row in rows)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
