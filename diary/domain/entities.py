"""The diary's entities: plain frozen dataclasses, no behaviour beyond what they are.

Amounts are integers in thousandths of the medication's unit; times are aware datetimes carrying the
fixed UTC offset in force when they were entered. `id` is None until storage has saved the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from enum import StrEnum

from diary.domain.daytime import DEFAULT_DAY_STARTS_AT
from diary.domain.looks import Colour
from diary.domain.looks import Look
from diary.domain.looks import Shape
from diary.domain.looks import look_of
from diary.domain.units import Unit


class IntakeStatus(StrEnum):
    TAKEN = "taken"
    SKIPPED = "skipped"


class EventKind(StrEnum):
    APPOINTMENT = "appointment"
    DOSE_CHANGE = "dose_change"
    FALL = "fall"
    ILLNESS = "illness"
    OTHER = "other"


EVENT_KIND_LABELS: dict[EventKind, str] = {
    EventKind.APPOINTMENT: "Appointment",
    EventKind.DOSE_CHANGE: "Dose change by clinician",
    EventKind.FALL: "Fall",
    EventKind.ILLNESS: "Illness",
    EventKind.OTHER: "Other",
}


@dataclass(frozen=True)
class DiaryInfo:
    """The one row describing whose diary this is and how its days are cut."""

    name: str = ""
    birth_date: date | None = None
    condition: str = ""  # what the medication treats ("Multiple sclerosis"), for the report
    prescriber: str = ""
    day_starts_at: time = DEFAULT_DAY_STARTS_AT
    on_time_window_minutes: int = 60
    created_at: datetime | None = None


@dataclass(frozen=True)
class Medication:
    name: str
    unit: Unit
    form: str = "tablet"
    max_daily: int | None = None  # thousandths of unit per diary day
    min_interval_minutes: int | None = None
    taper_required: bool = False
    notes: str = ""
    archived_at: datetime | None = None
    id: int | None = None
    # Its look in lists, reminders and charts (diary.domain.looks); None: derived from the id.
    colour: Colour | None = None
    shape: Shape | None = None

    @property
    def look(self) -> Look:
        return look_of(self.id, self.colour, self.shape)


@dataclass(frozen=True)
class PlanStep:
    """One dated step of a regimen: from `start` to `end` (inclusive; None = open), `amount` per
    dose at each of `times` (local wall-clock). No times means as-needed.

    `recorded_at` is when the step was entered, for a step that expects no dose due before that
    moment (`diary.domain.plans.steps.expected_slots`): a plan typed in at 22:00 does not call that
    morning's doses missed. None for a step backdated on purpose (it expects every dose from its
    start), and for steps recorded before the diary kept this."""

    medication_id: int
    start: date
    amount: int
    times: tuple[time, ...] = ()
    end: date | None = None
    note: str = ""
    id: int | None = None
    recorded_at: datetime | None = None

    @property
    def as_needed(self) -> bool:
        return not self.times

    @property
    def daily_amount(self) -> int:
        return self.amount * len(self.times)

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Slot:
    """A scheduled dose: diary day and local time of day. An intake answering it names it."""

    day: date
    time: time


@dataclass(frozen=True)
class Intake:
    medication_id: int
    at: datetime
    amount: int
    status: IntakeStatus = IntakeStatus.TAKEN
    slot: Slot | None = None
    note: str = ""
    deleted_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class Symptom:
    name: str
    scale_max: int = 10
    position: int = 0
    archived_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class Rating:
    symptom_id: int
    at: datetime
    score: int
    note: str = ""
    deleted_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: EventKind
    text: str
    deleted_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class Change:
    """One row of the audit trail: what a row was before and after one action."""

    at: datetime
    table: str
    row_id: int
    action: str  # insert, update, delete, restore
    before: dict[str, object] | None
    after: dict[str, object] | None
    id: int | None = None


@dataclass(frozen=True)
class DailyTotal:
    """Sum of taken amounts of one medication on one diary day."""

    day: date
    medication_id: int
    total: int
    doses: int


@dataclass(frozen=True)
class DailyRating:
    day: date
    symptom_id: int
    mean: float
    max: int
    count: int


SEEDED_SYMPTOMS: tuple[str, ...] = ("Spasticity", "Drowsiness", "Nausea", "Headache")

SCALE_ANCHORS: dict[int, tuple[str, str]] = {
    10: ("0 = none", "10 = worst imaginable"),
    4: ("0 = none", "4 = severe"),
}

ALLOWED_SCALES = frozenset(SCALE_ANCHORS)
