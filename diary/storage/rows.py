"""Conversions between domain entities and the rows of the diary file.

Reading a row never ends in a traceback: a stored value that cannot be read as what it stands
for (a damaged date, a number where text belongs) raises DamagedRowError naming the table and
the row (`_read_as`)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from collections.abc import Iterable
from datetime import date
from datetime import datetime
from datetime import time
from typing import Any
from typing import TypeVar

from diary.domain import entities
from diary.domain.daytime import from_stored
from diary.domain.daytime import offset_minutes
from diary.domain.daytime import utc_text
from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.domain.units import Unit
from diary.storage.errors import DamagedRowError

Row = dict[str, Any]
T = TypeVar("T")


def _read_as(table: str) -> Callable[[Callable[[Any], T]], Callable[[Any], T]]:
    """A row (a dict, or a tuple led by the id) read as an entity; a value that cannot be read
    raises DamagedRowError naming `table` and the row's id."""
    def decorate(read: Callable[[Any], T]) -> Callable[[Any], T]:
        @functools.wraps(read)
        def reading(row: Any) -> T:
            try:
                return read(row)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
                row_id = row.get("id") if isinstance(row, dict) else row[0]
                raise DamagedRowError(table, row_id, str(exc) or type(exc).__name__) from None
        return reading
    return decorate


def _clock(t: time) -> str:
    return t.strftime("%H:%M")


def _opt_utc(at: datetime | None) -> str | None:
    return None if at is None else utc_text(at)


def _opt_from_utc(text: str | None) -> datetime | None:
    return None if text is None else from_stored(text, 0)


def _opt_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def at_columns(at: datetime) -> Row:
    return {"at_utc": utc_text(at), "utc_offset_min": offset_minutes(at)}


def info_row(info: entities.DiaryInfo) -> Row:
    return {
        "name": info.name,
        "birth_date": None if info.birth_date is None else info.birth_date.isoformat(),
        "condition": info.condition,
        "prescriber": info.prescriber,
        "day_starts_at": _clock(info.day_starts_at),
        "on_time_window_min": info.on_time_window_minutes,
    }


@_read_as("diary")
def info_from(row: Row) -> entities.DiaryInfo:
    return entities.DiaryInfo(
        name=row["name"],
        birth_date=_opt_date(row["birth_date"]),
        condition=row["condition"],
        prescriber=row["prescriber"],
        day_starts_at=time.fromisoformat(row["day_starts_at"]),
        on_time_window_minutes=row["on_time_window_min"],
        created_at=from_stored(row["created_utc"], 0),
    )


def medication_row(med: entities.Medication) -> Row:
    return {
        "name": med.name,
        "form": med.form,
        "unit": med.unit.value,
        "max_daily": med.max_daily,
        "min_interval_min": med.min_interval_minutes,
        "taper_required": int(med.taper_required),
        "notes": med.notes,
        "archived_utc": _opt_utc(med.archived_at),
        "colour": None if med.colour is None else med.colour.value,
        "shape": None if med.shape is None else med.shape.value,
    }


@_read_as("medications")
def medication_from(row: Row) -> entities.Medication:
    return entities.Medication(
        id=row["id"],
        name=row["name"],
        form=row["form"],
        unit=Unit(row["unit"]),
        max_daily=row["max_daily"],
        min_interval_minutes=row["min_interval_min"],
        taper_required=bool(row["taper_required"]),
        notes=row["notes"],
        archived_at=_opt_from_utc(row["archived_utc"]),
        colour=None if row["colour"] is None else Colour(row["colour"]),
        shape=None if row["shape"] is None else Shape(row["shape"]),
    )


def plan_step_row(step: entities.PlanStep) -> Row:
    return {
        "medication_id": step.medication_id,
        "start_day": step.start.isoformat(),
        "end_day": None if step.end is None else step.end.isoformat(),
        "amount": step.amount,
        "times": json.dumps([_clock(t) for t in step.times]),
        "note": step.note,
        "recorded_utc": None if step.recorded_at is None else utc_text(step.recorded_at),
        "recorded_offset_min": (None if step.recorded_at is None
                                else offset_minutes(step.recorded_at)),
    }


@_read_as("plan_steps")
def plan_step_from(row: Row) -> entities.PlanStep:
    return entities.PlanStep(
        id=row["id"],
        medication_id=row["medication_id"],
        start=date.fromisoformat(row["start_day"]),
        end=_opt_date(row["end_day"]),
        amount=row["amount"],
        times=_times(row["times"]),
        note=row["note"],
        recorded_at=(None if row["recorded_utc"] is None
                     else from_stored(row["recorded_utc"], row["recorded_offset_min"])),
    )


@functools.lru_cache(maxsize=64)
def _times(text: str) -> tuple[time, ...]:
    """A step's dose times from their stored JSON: few schedules, read with every dose logged."""
    return tuple(time.fromisoformat(t) for t in json.loads(text))


def intake_row(intake: entities.Intake) -> Row:
    slot = intake.slot
    return {
        "medication_id": intake.medication_id,
        **at_columns(intake.at),
        "amount": intake.amount,
        "status": intake.status.value,
        "slot_day": None if slot is None else slot.day.isoformat(),
        "slot_time": None if slot is None else _clock(slot.time),
        "note": intake.note,
    }


# An intake's columns, in the order `intake_from_values` takes them.
INTAKE_COLUMNS = ("id", "medication_id", "at_utc", "utc_offset_min", "amount", "status",
                  "slot_day", "slot_time", "note", "deleted_utc")
INTAKE_COLUMNS_SQL = ", ".join(INTAKE_COLUMNS)


def intake_from(row: Row) -> entities.Intake:
    return intake_from_values(tuple(row[name] for name in INTAKE_COLUMNS))


@functools.lru_cache(maxsize=1024)
@_read_as("intakes")
def intake_from_values(values: tuple[Any, ...]) -> entities.Intake:
    """The intake of a row's values (in INTAKE_COLUMNS order). The result depends on nothing but
    `values` and is frozen, so one object serves every read of the same stored values: the Today
    view and every dose logged read the same few weeks of intakes again and again."""
    row_id, medication_id, at_utc, offset, amount, status, slot_day, slot_time, note, deleted = (
        values)
    return entities.Intake(
        id=row_id,
        medication_id=medication_id,
        at=from_stored(at_utc, offset),
        amount=amount,
        status=entities.IntakeStatus(status),
        slot=None if slot_day is None else _slot(slot_day, slot_time),
        note=note,
        deleted_at=_opt_from_utc(deleted),
    )


@functools.lru_cache(maxsize=256)
def _slot(day: str, at: str) -> entities.Slot:
    return entities.Slot(date.fromisoformat(day), time.fromisoformat(at))


def symptom_row(symptom: entities.Symptom) -> Row:
    return {
        "name": symptom.name,
        "scale_max": symptom.scale_max,
        "position": symptom.position,
        "archived_utc": _opt_utc(symptom.archived_at),
    }


@_read_as("symptoms")
def symptom_from(row: Row) -> entities.Symptom:
    return entities.Symptom(
        id=row["id"],
        name=row["name"],
        scale_max=row["scale_max"],
        position=row["position"],
        archived_at=_opt_from_utc(row["archived_utc"]),
    )


def rating_row(rating: entities.Rating) -> Row:
    return {
        "symptom_id": rating.symptom_id,
        **at_columns(rating.at),
        "score": rating.score,
        "note": rating.note,
    }


@_read_as("ratings")
def rating_from(row: Row) -> entities.Rating:
    return entities.Rating(
        id=row["id"],
        symptom_id=row["symptom_id"],
        at=from_stored(row["at_utc"], row["utc_offset_min"]),
        score=row["score"],
        note=row["note"],
        deleted_at=_opt_from_utc(row["deleted_utc"]),
    )


def event_row(event: entities.Event) -> Row:
    return {**at_columns(event.at), "kind": event.kind.value, "text": event.text}


@_read_as("events")
def event_from(row: Row) -> entities.Event:
    return entities.Event(
        id=row["id"],
        at=from_stored(row["at_utc"], row["utc_offset_min"]),
        kind=entities.EventKind(row["kind"]),
        text=row["text"],
        deleted_at=_opt_from_utc(row["deleted_utc"]),
    )


class Referenced(dict[int | None, T]):
    """Rows of one table by id, for the rows that refer to them (doses to their medication,
    ratings to their symptom). A reference to a row that is not there (a flipped id, which the
    full check finds, met between two checks) is a damaged diary, never a KeyError."""

    def __init__(self, table: str, found: Iterable[T], key: Callable[[T], int | None]) -> None:
        super().__init__((key(item), item) for item in found)
        self.table = table

    def __missing__(self, key: int | None) -> T:
        raise DamagedRowError(self.table, key, "a row refers to it, and it is not there")
