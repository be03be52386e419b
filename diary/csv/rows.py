"""One line of a CSV file read into the entries it holds: a dose (still by medication name, its
amount still text until the medication's unit is known), a rating, an event.

A line is a dose when its medication cell is filled, a rating when its symptom cell is, an event
when its kind cell is; one line of another program's export may hold a dose and a rating. Every
problem is a ValidationError naming the field, which the caller reports under the column's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from diary.csv.mapping import Mapping
from diary.csv.names import SymptomNames
from diary.csv.values import DateOrder
from diary.csv.values import moment
from diary.csv.values import parse_clock
from diary.csv.values import parse_scale_cell
from diary.csv.values import parse_score
from diary.csv.values import parse_status
from diary.csv.values import parse_unit_cell
from diary.domain.daytime import parse_date
from diary.domain.entities import Event
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.units import Unit
from diary.domain.validation import parse_event_kind
from diary.domain.validation import valid_event
from diary.domain.validation import valid_rating

WHOLE_LINE = ""  # the field of a problem with the line itself, not one of its cells


@dataclass(frozen=True)
class RawDose:
    line: int
    name: str
    amount: str  # as written; read once the medication's unit is known
    unit: Unit | None  # from a unit column
    at: datetime
    status: IntakeStatus
    slot: Slot | None
    note: str
    source_id: str = ""  # the medication's number in the diary the file was exported from


@dataclass
class LineEntries:
    dose: RawDose | None = None
    rating: Rating | None = None
    event: Event | None = None


@dataclass(frozen=True)
class LineReader:
    mapping: Mapping
    now: datetime  # refuses entries in the future; carries the local zone
    order: DateOrder | None
    symptoms: SymptomNames

    def read(self, line: int, cells: list[str]) -> LineEntries:
        mapping = self.mapping
        if len(cells) > len(mapping.header):
            raise ValidationError(WHOLE_LINE, f"has {len(cells)} cells but the header names "
                                  f"{len(mapping.header)} columns; check the delimiter")
        medication, symptom, kind = (mapping.cell(cells, f) or ""
                                     for f in ("medication", "symptom", "kind"))
        if not (medication or symptom or kind):
            first = next(f for f in ("medication", "symptom", "kind") if mapping.has(f))
            raise ValidationError(first, "is empty; a line holds a dose (its medication), a "
                                  "rating (its symptom) or an event (its kind)")
        at = moment(mapping.cell(cells, "date"), mapping.cell(cells, "time") or "", self.now,
                    self.order)
        note = mapping.cell(cells, "note") or ""
        entries = LineEntries()
        if medication:
            entries.dose = self._dose(line, cells, medication, at, note)
        if symptom:
            entries.rating = self._rating(line, cells, symptom, at, note)
        if kind:
            text = mapping.cell(cells, "text") or ""
            entries.event = valid_event(Event(at, parse_event_kind(kind), text), self.now)
        return entries

    def _dose(self, line: int, cells: list[str], name: str, at: datetime,
              note: str) -> RawDose:
        cell = self.mapping.cell
        amount = cell(cells, "amount") or ""
        if not amount:
            raise ValidationError("amount", "is empty; a dose needs its amount")
        unit = parse_unit_cell(cell(cells, "unit") or "")
        status = parse_status(cell(cells, "status") or "")
        return RawDose(line, name, amount, unit, at, status, self._slot(cells), note,
                       cell(cells, "medication_id") or "")

    def _slot(self, cells: list[str]) -> Slot | None:
        day, clock = (self.mapping.cell(cells, f) or "" for f in ("slot_day", "slot_time"))
        if not day and not clock:
            return None
        if not day or not clock:
            empty = "slot_day" if not day else "slot_time"
            raise ValidationError(empty, "is empty while the other slot column is not; give "
                                  "both or neither")
        at, offset = parse_clock(clock, "slot_time")
        if at.second or offset is not None:
            raise ValidationError("slot_time", f"{clock!r} is not a time of day as HH:MM")
        return Slot(parse_date(day, "slot_day"), at)

    def _rating(self, line: int, cells: list[str], name: str, at: datetime,
                note: str) -> Rating | None:
        score = parse_score(self.mapping.cell(cells, "score") or "")
        scale = parse_scale_cell(self.mapping.cell(cells, "scale_max") or "")
        symptom = self.symptoms.find(name, line, scale)
        if symptom is None or symptom.id is None:
            return None  # counted among the unknown symptoms
        if scale is not None and scale != symptom.scale_max:
            raise ValidationError("scale_max", self._other_scale(symptom, scale))
        return valid_rating(Rating(symptom.id, at, score, note), symptom, self.now)

    def _other_scale(self, symptom: Symptom, scale: int) -> str:
        """Scores on two scales cannot be put side by side: 2 of 4 is not 2 of 10."""
        where = self.symptoms.origin.get(symptom.id or 0, "in the diary")
        return (f"says 0–{scale}, but {symptom.name} is rated 0–{symptom.scale_max} {where}; "
                "a score on one scale cannot be kept on another")
