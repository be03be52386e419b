"""What every sub-command shares: the command records, the refusal error, times and amounts as the
command line prints them (text and JSON)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, tzinfo

from diary.domain.daytime import check_moment, fixed, parse_when
from diary.domain.entities import (
    EVENT_KIND_LABELS,
    Event,
    Intake,
    Medication,
    Rating,
    Symptom,
)
from diary.domain.units import Unit, format_amount
from diary.storage.store import DiaryStore

PROG = "medication-diary"

Clock = Callable[[], datetime]


class CommandError(Exception):
    """A sub-command refuses to go on; the message is the one line shown to the user, after the
    program's name and `label` ("error", or "refused" for a dose a safety rule stops)."""

    def __init__(self, message: str, *, label: str = "error") -> None:
        super().__init__(message)
        self.label = label


@dataclass(frozen=True)
class DiaryCommand:
    """A sub-command that works on the open diary. `writes` ones are refused with --read-only."""

    name: str
    run: Callable[[DiaryStore, argparse.Namespace, datetime], int]
    writes: bool = False


@dataclass(frozen=True)
class FileCommand:
    """A sub-command that does not open the diary (it writes a file of its own)."""

    name: str
    run: Callable[[argparse.Namespace, Clock], int]


def moment(text: str | None, now: datetime) -> datetime:
    """WHEN as typed ("HH:MM", the latest such time, or ISO 8601), or now; never in the
    future."""
    at = fixed(now) if text is None else parse_when(text, now)
    return check_moment(at, now)


def iso(at: datetime) -> str:
    """ISO 8601 to the second, with the UTC offset the entry was made in."""
    return at.isoformat(timespec="seconds")


def clock_text(at: datetime | time) -> str:
    """'08:05': a time of day, or the wall-clock time of an instant in its own offset."""
    return at.strftime("%H:%M")


def zone(now: datetime) -> tzinfo:
    """The local zone the clock's "now" is in (the system's, or the test's)."""
    if now.tzinfo is None:
        raise ValueError("the clock must give an aware datetime")
    return now.tzinfo


def stamp(at: datetime) -> str:
    """'2026-11-26 08:05 +01:00': the date, time and offset a person reads in a list."""
    offset = at.strftime("%z")
    return f"{at:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"


def amount_json(thousandths: int, unit: Unit) -> dict[str, object]:
    """An amount in JSON: the exact integer (thousandths of the unit) and how it reads."""
    return {"thousandths": thousandths, "display": format_amount(thousandths, unit)}


def print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# --- entries as JSON, the same shape in `today` and `history` -----------------------------------
def intake_json(intake: Intake, med: Medication) -> dict[str, object]:
    return {
        "type": "dose",
        "id": intake.id,
        "at": iso(intake.at),
        "medication_id": intake.medication_id,
        "medication": med.name,
        "amount": amount_json(intake.amount, med.unit),
        "status": intake.status.value,
        "slot": None if intake.slot is None else {
            "day": intake.slot.day.isoformat(), "time": clock_text(intake.slot.time)},
        "note": intake.note,
    }


def rating_json(rating: Rating, symptom: Symptom) -> dict[str, object]:
    return {
        "type": "rating",
        "id": rating.id,
        "at": iso(rating.at),
        "symptom_id": rating.symptom_id,
        "symptom": symptom.name,
        "score": rating.score,
        "scale_max": symptom.scale_max,
        "note": rating.note,
    }


def event_json(event: Event) -> dict[str, object]:
    return {
        "type": "event",
        "id": event.id,
        "at": iso(event.at),
        "kind": event.kind.value,
        "label": EVENT_KIND_LABELS[event.kind],
        "text": event.text,
    }
