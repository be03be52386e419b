"""The settings of medications read from the program's own medications.csv, for an import of its
intakes.csv that creates them.

An export writes the doses (intakes.csv) apart from the medications (medications.csv), and a dose
line names only its medication and unit. A medication created from intakes.csv alone would lose
its max per day, its minimum interval, its form, its taper flag and its notes. So when the file
imported is the program's own intakes.csv and medications.csv lies beside it, the medications to
create take their settings from it. That file is read with the care of any imported file: one bad
line refuses the import, naming the line and the column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.domain.units import parse_amount
from diary.domain.validation import valid_medication
from diary.export.csv_cells import restore
from diary.export.csv_mapping import normalised
from diary.export.csv_names import key
from diary.export.csv_out import INTAKE_COLUMNS, MEDICATION_COLUMNS
from diary.export.csv_source import CsvImportError, open_source
from diary.export.csv_values import parse_unit_cell

FILE_NAME = "medications.csv"
SHOWN_PROBLEMS = 20
_FLAGS = {"yes": True, "no": False}


@dataclass(frozen=True)
class MedicationSettings:
    shown: str  # the file, as messages name it
    by_id: dict[str, Medication]  # its id cell -> the medication as the export had it
    by_name: dict[str, Medication]  # key(name) -> the same; an active one before archived ones

    def of(self, medication_id: str, name: str) -> Medication | None:
        """The export's medication of a dose line: by its number (which tells apart two of one
        name, an archived one and the one added again), else by its name."""
        found = self.by_id.get(medication_id.strip())
        if found is not None and key(found.name) == key(name):
            return found
        return self.by_name.get(key(name))


def settings_beside(path: Path, shown: str, header: tuple[str, ...]) -> MedicationSettings | None:
    """The medications of the medications.csv beside `path` when `header` is the program's own
    intakes.csv and that file is the program's own medications.csv; else None. Its encoding and
    delimiter are detected on their own: a spreadsheet may have saved one file and not the
    other."""
    if tuple(normalised(name) for name in header) != INTAKE_COLUMNS:
        return None
    beside = path.with_name(FILE_NAME)
    if not beside.is_file():
        return None
    shown_beside = str(Path(shown).with_name(FILE_NAME))
    try:
        with open_source(beside, shown_beside) as source:
            if tuple(normalised(name) for name in source.header) != MEDICATION_COLUMNS:
                return None  # another program's file of that name: not ours to read
            by_id = _read(source.records(), shown_beside)
    except OSError as exc:
        raise CsvImportError(f"{shown_beside} (beside {Path(shown).name}, for the settings of "
                             f"new medications) cannot be read: {exc.strerror or exc}") from None
    by_name: dict[str, Medication] = {}
    for med in by_id.values():
        held = by_name.get(key(med.name))
        if held is None or (held.archived_at is not None and med.archived_at is None):
            by_name[key(med.name)] = med
    return MedicationSettings(shown_beside, by_id, by_name)


def _read(records: Iterator[tuple[int, list[str]]], shown: str) -> dict[str, Medication]:
    found: dict[str, Medication] = {}
    problems: list[str] = []
    for line, cells in records:
        try:
            med = medication(cells)
        except ValidationError as exc:
            problems.append(f"{shown}:{line}: column {_COLUMN_OF.get(exc.field, exc.field)}: "
                            f"{exc.message}")
            continue
        found[cells[0].strip()] = med
    if problems:
        more = len(problems) - SHOWN_PROBLEMS
        raise CsvImportError(
            f"{shown}, which gives the settings of the medications to create, has "
            f"{len(problems)} bad {'line' if len(problems) == 1 else 'lines'}; nothing was "
            "imported", problems[:SHOWN_PROBLEMS] + ([f"... and {more} more"] if more > 0 else []))
    return found


# The fields valid_medication names, as the columns of medications.csv.
_COLUMN_OF = {"max daily amount": "max_daily", "minimum interval": "min_interval_minutes",
              "amount": "max_daily"}


def medication(cells: list[str]) -> Medication:
    """One line of medications.csv, checked as `medication add` checks a new one."""
    if len(cells) != len(MEDICATION_COLUMNS):
        raise ValidationError("id", f"the line has {len(cells)} cells, not "
                              f"{len(MEDICATION_COLUMNS)}")
    cell = dict(zip(MEDICATION_COLUMNS, (restore(c.strip()) for c in cells), strict=True))
    unit = parse_unit_cell(cell["unit"])
    if unit is None:
        raise ValidationError("unit", "is empty; a medication needs its unit")
    med = Medication(
        name=cell["name"], unit=unit, form=cell["form"],
        max_daily=parse_amount(cell["max_daily"], unit) if cell["max_daily"] else None,
        min_interval_minutes=_minutes(cell["min_interval_minutes"]),
        taper_required=_flag(cell["taper_required"]), notes=cell["notes"],
        archived_at=_moment(cell["archived"]))
    return valid_medication(med)


def _minutes(text: str) -> int | None:
    if not text:
        return None
    if not text.isascii() or not text.isdigit():
        raise ValidationError("min_interval_minutes", f"{text!r} is not a whole number of "
                              "minutes")
    return int(text)


def _flag(text: str) -> bool:
    flag = _FLAGS.get(text.casefold())
    if flag is None:
        raise ValidationError("taper_required", f"{text!r} is neither yes nor no")
    return flag


def _moment(text: str) -> datetime | None:
    if not text:
        return None
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise ValidationError("archived", f"{text!r} is not a moment with its UTC offset, as "
                              "in 2026-11-26T21:00:00+01:00")
    return at
