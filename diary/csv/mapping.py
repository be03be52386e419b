"""Which column of a CSV file holds which field of a diary entry.

The program's own headers and common synonyms are recognised by name (any case; spaces, hyphens
and underscores alike); `--map COLUMN=FIELD` says it for a column whose name is not recognised,
or overrides a guess (`--map COLUMN=ignore` leaves a column out).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from diary.csv.cells import restore
from diary.csv.source import CsvImportError
from diary.domain.errors import ValidationError

# What a column can hold. A line is a dose when its medication cell is filled, a rating when its
# symptom cell is, an event (the program's own events.csv) when its kind cell is.
FIELDS: dict[str, str] = {
    "time": "the moment (date and time), or only the time of day when a date column is mapped",
    "date": "the calendar date, when the time of day is in a column of its own",
    "medication": "the medication's name (doses)",
    "medication_id": "the medication's number in the diary this program exported the file from "
                     "(tells apart two medications of one name, with its medications.csv)",
    "amount": 'the amount taken, in the medication\'s unit: "10", "7.5", "7,5", "10 mg", "½"',
    "unit": "the amount's unit (mg, ml, tablet...), when it has a column of its own",
    "status": "taken or skipped (empty: taken)",
    "slot_day": "the diary day of the scheduled dose it answers (YYYY-MM-DD)",
    "slot_time": "the time of the scheduled dose it answers (HH:MM)",
    "symptom": "the symptom's name (ratings)",
    "score": "the rating, a whole number on the symptom's scale",
    "scale_max": "the top of the symptom's scale, 10 or 4 (checked against the diary's; used "
                 "when a symptom is created)",
    "note": "a note",
    "kind": "the event's kind: appointment, dose_change, fall, illness or other (events)",
    "text": "the event's text (events)",
}
IGNORE = "ignore"

SYNONYMS: dict[str, str] = {
    "time": "time", "datetime": "time", "date_time": "time", "timestamp": "time",
    "date": "date",
    "medication": "medication", "drug": "medication", "medicine": "medication",
    "medication_id": "medication_id",
    "amount": "amount", "dose": "amount", "dosage": "amount",
    "unit": "unit", "units": "unit",
    "status": "status",
    "slot_day": "slot_day", "slot_time": "slot_time",
    "symptom": "symptom",
    "score": "score", "rating": "score", "severity": "score",
    "scale_max": "scale_max",
    "note": "note", "notes": "note", "comment": "note", "comments": "note",
    "kind": "kind", "text": "text",
}

# Fields that only make sense beside another: (field, the one it needs).
_NEEDS = (("amount", "medication"), ("medication", "amount"), ("score", "symptom"),
          ("symptom", "score"), ("scale_max", "symptom"), ("kind", "text"), ("text", "kind"),
          ("slot_day", "slot_time"), ("slot_time", "slot_day"), ("medication_id", "medication"))


def normalised(name: str) -> str:
    return re.sub(r"[\s_-]+", "_", name.strip().casefold()).strip("_")


def parse_map(text: str) -> tuple[str, str]:
    """`COLUMN=FIELD` as typed for --map; the column as written, the field in lower case."""
    column, equals, field = text.rpartition("=")
    if not equals or not column.strip() or not field.strip():
        raise ValidationError("--map", f"{text!r} is not COLUMN=FIELD, as in Dose=amount")
    key = field.strip().lower()
    if key not in FIELDS and key != IGNORE:
        raise ValidationError("--map", f"{field.strip()!r} is not a field; fields: "
                              f"{', '.join(FIELDS)} (or {IGNORE})")
    return column.strip(), key


@dataclass(frozen=True)
class Mapping:
    """Field -> index of its column, and the header as the file wrote it."""

    header: tuple[str, ...]
    columns: dict[str, int]

    def has(self, field: str) -> bool:
        return field in self.columns

    def column(self, field: str) -> str:
        """The column's name as in the file, for messages ("column Dose: ...")."""
        index = self.columns.get(field)
        return field if index is None else self.header[index] or f"#{index + 1}"

    def cell(self, cells: Sequence[str], field: str) -> str | None:
        """The field's value on a line (trimmed, with a formula guard undone): None when no
        column holds the field, "" when the line leaves it empty or ends before it."""
        index = self.columns.get(field)
        if index is None:
            return None
        return restore(cells[index].strip()) if index < len(cells) else ""

    @property
    def used(self) -> list[str]:
        return [self.header[i] for i in sorted(self.columns.values())]

    @property
    def unused(self) -> list[str]:
        taken = set(self.columns.values())
        return [name for i, name in enumerate(self.header) if i not in taken]


def build_mapping(header: Sequence[str], overrides: Sequence[tuple[str, str]],
                  shown: str) -> Mapping:
    """The mapping for this header: --map first, then the recognised names; refused when a
    field would come from two columns or a needed column is missing."""
    columns: dict[str, int] = {}
    decided: set[int] = set()
    for column, field in overrides:
        index = _find(header, column, shown)
        if index in decided:
            raise CsvImportError(f"{shown}: --map gives the column {header[index]!r} twice")
        decided.add(index)
        if field == IGNORE:
            continue
        if field in columns:
            raise CsvImportError(f"{shown}: --map gives {field} twice: columns "
                                 f"{header[columns[field]]!r} and {header[index]!r}")
        columns[field] = index
    guessed: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        synonym = SYNONYMS.get(normalised(name))
        if index not in decided and synonym is not None and synonym not in columns:
            guessed.setdefault(synonym, []).append(index)
    for field, indexes in guessed.items():
        if len(indexes) > 1:
            names = " and ".join(repr(header[i]) for i in indexes)
            raise CsvImportError(f"{shown}: the columns {names} could both be {field}; choose "
                                 f"with --map {header[indexes[0]]}={field} --map "
                                 f"{header[indexes[1]]}={IGNORE}")
        columns[field] = indexes[0]
    if "text" in guessed and "kind" not in columns:
        del columns["text"]  # a column called Text, in a file of doses, is not an event's text
    mapping = Mapping(tuple(header), columns)
    _check_needed(mapping, shown)
    return mapping


def _find(header: Sequence[str], column: str, shown: str) -> int:
    for same in (lambda h: h == column, lambda h: h.casefold() == column.casefold(),
                 lambda h: normalised(h) == normalised(column)):
        found = [i for i, name in enumerate(header) if same(name)]
        if found:
            return found[0]
    raise CsvImportError(f"{shown}: --map names the column {column!r}, which the file does not "
                         f"have; its columns: {_listing(header)}")


def _check_needed(mapping: Mapping, shown: str) -> None:
    missing = [f"{needed} (beside {field})" for field, needed in _NEEDS
               if mapping.has(field) and not mapping.has(needed)]
    if not mapping.has("time"):
        missing.insert(0, "time (a date column alone gives no time of day)"
                       if mapping.has("date") else "time")
    if not any(mapping.has(f) for f in ("medication", "symptom", "kind")):
        missing.append("medication and amount (doses), or symptom and score (ratings)")
    if missing:
        raise CsvImportError(
            f"{shown}: missing required columns: {'; '.join(missing)}. Found columns: "
            f"{_listing(mapping.header)}. Say which column holds what with --map COLUMN=FIELD "
            f"(fields: {', '.join(FIELDS)})")


def _listing(header: Sequence[str]) -> str:
    return ", ".join(repr(name) for name in header) or "none"
