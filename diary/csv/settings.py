"""The medications and symptoms of the program's own export, read from its medications.csv and
symptoms.csv, for an import of its intakes.csv or ratings.csv that creates them.

An export writes the doses (intakes.csv) apart from the medications (medications.csv), and a dose
line names only its medication and unit; a rating line names only its symptom and scale. A
medication created from intakes.csv alone would lose its max per day, its minimum interval, its
form, its taper flag and its notes; a symptom created from ratings.csv alone, its place in the
list and whether it was archived; and those with no entries would not come back at all. So when
the file imported is the program's own intakes.csv (or ratings.csv) and medications.csv (or
symptoms.csv) lies beside it, what is created is what that file lists, its chosen look (colour
and shape) too. It is read with the care of any imported file: one bad line refuses the import,
naming the line and the column. A medications.csv exported before the look was kept (without
those two columns) is read as before: its medications take the look their id gives.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from diary.csv.cells import restore
from diary.csv.exporting import EARLIER_MEDICATION_COLUMNS
from diary.csv.exporting import INTAKE_COLUMNS
from diary.csv.exporting import MEDICATION_COLUMNS
from diary.csv.exporting import RATING_COLUMNS
from diary.csv.exporting import SYMPTOM_COLUMNS
from diary.csv.mapping import normalised
from diary.csv.names import key
from diary.csv.source import CsvImportError
from diary.csv.source import open_source
from diary.csv.values import parse_scale_cell
from diary.csv.values import parse_unit_cell
from diary.domain.entities import Medication
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.domain.units import parse_amount
from diary.domain.validation import valid_choice
from diary.domain.validation import valid_medication
from diary.domain.validation import valid_symptom

MEDICATIONS_FILE = "medications.csv"
SYMPTOMS_FILE = "symptoms.csv"
SHOWN_PROBLEMS = 20
_FLAGS = {"yes": True, "no": False}
# The fields the domain's checks name, as the columns of the files.
_COLUMN_OF = {"max daily amount": "max_daily", "minimum interval": "min_interval_minutes",
              "amount": "max_daily", "scale": "scale_max"}
T = TypeVar("T")
_Part = TypeVar("_Part", Colour, Shape)


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


@dataclass(frozen=True)
class SymptomSettings:
    shown: str
    symptoms: list[Symptom]  # in the export's order


def medications_beside(path: Path, shown: str, header: Sequence[str],
                       now: datetime) -> MedicationSettings | None:
    """The medications of the medications.csv beside `path` when `header` is the program's own
    intakes.csv and that file is the program's own medications.csv; else None."""
    found = _beside(path, shown, header, INTAKE_COLUMNS, MEDICATIONS_FILE,
                    (MEDICATION_COLUMNS, EARLIER_MEDICATION_COLUMNS),
                    lambda cell: medication(cell, now))
    if found is None:
        return None
    shown_beside, lines = found
    _one_of_a_name(shown_beside, [(line, med.name) for line, med in lines.values()
                                  if med.archived_at is None],
                   "is active on line {first} too, and a diary has one active medication of a "
                   "name")
    by_name: dict[str, Medication] = {}
    for _, med in lines.values():
        held = by_name.get(key(med.name))
        if held is None or (held.archived_at is not None and med.archived_at is None):
            by_name[key(med.name)] = med
    return MedicationSettings(shown_beside, {n: med for n, (_, med) in lines.items()}, by_name)


def symptoms_beside(path: Path, shown: str, header: Sequence[str],
                    now: datetime) -> SymptomSettings | None:
    """The symptoms of the symptoms.csv beside `path` when `header` is the program's own
    ratings.csv and that file is the program's own symptoms.csv; else None."""
    found = _beside(path, shown, header, RATING_COLUMNS, SYMPTOMS_FILE, (SYMPTOM_COLUMNS,),
                    lambda cell: symptom(cell, now))
    if found is None:
        return None
    shown_beside, lines = found
    _one_of_a_name(shown_beside, [(line, held.name) for line, held in lines.values()],
                   "is on line {first} too, and a diary has one symptom of a name")
    return SymptomSettings(shown_beside, sorted((s for _, s in lines.values()),
                                                key=lambda s: s.position))


def _one_of_a_name(shown: str, named: Sequence[tuple[int, str]], clash: str) -> None:
    """Refuse the second line of a name, saying `clash` (with {first}, the first line)."""
    first: dict[str, int] = {}
    for line, name in named:
        if key(name) in first:
            said = clash.format(first=first[key(name)])
            raise CsvImportError(f"{shown}:{line}: column name: {name} {said}; nothing was "
                                 "imported")
        first[key(name)] = line


def _beside(path: Path, shown: str, header: Sequence[str], own_header: tuple[str, ...],
            name: str, headers: tuple[tuple[str, ...], ...],
            parse: Callable[[dict[str, str]], T]) -> tuple[str, dict[str, tuple[int, T]]] | None:
    """(the file as messages name it, (line, what it holds) by the line's id cell), read from
    the file `name` beside `path` when both are the program's own (its header one of `headers`:
    this version's, then earlier ones); else None. Its encoding and delimiter are detected on
    their own: a spreadsheet may have saved one file and not the other."""
    if tuple(normalised(cell) for cell in header) != own_header:
        return None
    beside = path.with_name(name)
    if not beside.is_file():
        return None
    shown_beside = str(Path(shown).with_name(name))
    why = f"{shown_beside}, which the import reads beside {Path(shown).name},"
    try:
        with open_source(beside, shown_beside) as source:
            columns = tuple(normalised(cell) for cell in source.header)
            if columns not in headers:
                return None  # another program's file of that name: not ours to read
            return shown_beside, _read(source.records(), shown_beside, columns, parse)
    except OSError as exc:
        raise CsvImportError(f"{why} cannot be read: {exc.strerror or exc}") from None
    except CsvImportError as exc:
        if exc.details:
            raise
        reason = exc.summary
        for tail in ("; there is nothing to import", ": split the file", "; nothing was imported"):
            reason = reason.split(tail)[0]
        rest = reason.removeprefix(shown_beside)
        said = f"it{rest}" if rest.startswith(" ") else reason  # "FILE:3: ..." keeps its line
        raise CsvImportError(f"{why} cannot be used: {said}; move it away to import without it, "
                             "or export the diary again") from None


def _read(records: Iterator[tuple[int, list[str]]], shown: str, columns: tuple[str, ...],
          parse: Callable[[dict[str, str]], T]) -> dict[str, tuple[int, T]]:
    found: dict[str, tuple[int, T]] = {}
    problems: list[str] = []
    for line, cells in records:
        try:
            if len(cells) != len(columns):
                raise ValidationError("id", f"the line has {len(cells)} cells, not "
                                      f"{len(columns)}")
            number = cells[0].strip()
            if number in found:
                raise ValidationError("id", f"{number} is on an earlier line too")
            found[number] = line, parse(dict(zip(columns, (restore(cell.strip())
                                                           for cell in cells), strict=True)))
        except ValidationError as exc:
            problems.append(f"{shown}:{line}: column {_COLUMN_OF.get(exc.field, exc.field)}: "
                            f"{exc.message}")
    if problems:
        more = len(problems) - SHOWN_PROBLEMS
        raise CsvImportError(
            f"{shown}, which the import reads beside the file, has {len(problems)} bad "
            f"{'line' if len(problems) == 1 else 'lines'}; nothing was imported",
            problems[:SHOWN_PROBLEMS] + ([f"... and {more} more"] if more > 0 else []))
    return found


def medication(cell: dict[str, str], now: datetime) -> Medication:
    """One line of medications.csv by column, checked as `medication add` checks a new one.
    Without the look's columns (an earlier export), or with them empty: the automatic look."""
    unit = parse_unit_cell(cell["unit"])
    if unit is None:
        raise ValidationError("unit", "is empty; a medication needs its unit")
    return valid_medication(Medication(
        name=cell["name"], unit=unit, form=cell["form"],
        max_daily=parse_amount(cell["max_daily"], unit) if cell["max_daily"] else None,
        min_interval_minutes=_whole(cell["min_interval_minutes"], "min_interval_minutes"),
        taper_required=_flag(cell["taper_required"]), notes=cell["notes"],
        archived_at=_moment(cell["archived"], now),
        colour=_look_part(cell.get("colour", ""), Colour, "colour"),
        shape=_look_part(cell.get("shape", ""), Shape, "shape")))


def _look_part(text: str, kind: type[_Part], column: str) -> _Part | None:
    """A colour or shape as exported ("vermilion"), in any case; empty for the automatic one."""
    if not text:
        return None
    try:
        return kind(text.casefold())
    except ValueError:
        return valid_choice(text, kind, column)  # refused, naming the value as written


def symptom(cell: dict[str, str], now: datetime) -> Symptom:
    """One line of symptoms.csv by column, checked as `symptom add` checks a new one."""
    scale = parse_scale_cell(cell["scale_max"])
    if scale is None:
        raise ValidationError("scale_max", "is empty; a symptom needs its scale")
    return valid_symptom(Symptom(cell["name"], scale, _whole(cell["position"], "position") or 0,
                                 _moment(cell["archived"], now)))


def _whole(text: str, column: str) -> int | None:
    if not text:
        return None
    if not text.isascii() or not text.isdigit():
        raise ValidationError(column, f"{text!r} is not a whole number")
    return int(text)


def _flag(text: str) -> bool:
    flag = _FLAGS.get(text.casefold())
    if flag is None:
        raise ValidationError("taper_required", f"{text!r} is neither yes nor no")
    return flag


def _moment(text: str, now: datetime) -> datetime | None:
    if not text:
        return None
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise ValidationError("archived", f"{text!r} is not a moment with its UTC offset, as "
                              "in 2026-11-26T21:00:00+01:00")
    if at > now:
        raise ValidationError("archived", f"{text} is in the future")
    return at
