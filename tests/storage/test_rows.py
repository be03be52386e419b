"""Entities to rows of the diary file and back (diary/storage/rows.py): every entity comes back
as it was written, an instant in the offset it was entered in, and a stored value that cannot be
read is a damaged row naming its table and id, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone

import pytest

from diary.domain.entities import DiaryInfo
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.entities import Symptom
from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.domain.looks import default_look
from diary.domain.units import Unit
from diary.storage import rows
from diary.storage.errors import DamagedRowError
from tests.helpers.clock import NOW

NEW_YORK = timezone(timedelta(hours=-5))
AT = datetime(2026, 11, 26, 8, 5, tzinfo=NEW_YORK)
ARCHIVED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def stored(row: dict[str, object], row_id: int = 7, **more: object) -> dict[str, object]:
    """The row as SQLite gives it back: with its id, and the columns the program fills."""
    return {"id": row_id, "deleted_utc": None, **row, **more}


def test_an_instant_is_stored_in_utc_with_its_offset() -> None:
    assert rows.at_columns(AT) == {"at_utc": "2026-11-26 13:05:00", "utc_offset_min": -300}


def test_the_diarys_own_row_comes_back() -> None:
    info = DiaryInfo("Ann", date(1970, 5, 17), "Multiple sclerosis", "Dr. Okafor",
                     day_starts_at=time(5, 30), on_time_window_minutes=45)
    row = rows.info_row(info)
    assert (row["condition"], row["prescriber"]) == ("Multiple sclerosis", "Dr. Okafor")
    back = rows.info_from({**row, "created_utc": "2026-11-01 10:00:00"})
    assert back == replace(info, created_at=datetime(2026, 11, 1, 10, 0, tzinfo=UTC))


def test_a_medication_comes_back_with_every_setting() -> None:
    med = Medication("Baclofen", Unit.MG, "oral solution", 80_000, 240, True, "shake", ARCHIVED,
                     id=7, colour=Colour.SKY, shape=Shape.HEXAGON)
    row = rows.medication_row(med)
    assert row["taper_required"] == 1 and row["unit"] == "mg"
    assert (row["colour"], row["shape"]) == ("sky", "hexagon")
    assert rows.medication_from(stored(row)) == med


def test_a_medication_without_a_chosen_look_stores_none_and_takes_its_ids() -> None:
    med = Medication("Baclofen", Unit.MG, id=7)
    row = rows.medication_row(med)
    assert (row["colour"], row["shape"]) == (None, None)
    back = rows.medication_from(stored(row))
    assert back == med and back.look == default_look(7)


def test_a_plan_step_comes_back_with_its_times_and_when_it_was_entered() -> None:
    step = PlanStep(3, date(2026, 11, 1), 5_000, (time(8), time(14, 30)), date(2026, 11, 9),
                    "week 1", id=7, recorded_at=AT)
    row = rows.plan_step_row(step)
    assert row["times"] == '["08:00", "14:30"]'
    back = rows.plan_step_from(stored(row))
    assert back == step and back.recorded_at is not None
    assert back.recorded_at.utcoffset() == timedelta(hours=-5)
    backdated = PlanStep(3, date(2026, 11, 1), 5_000, id=7)
    assert rows.plan_step_from(stored(rows.plan_step_row(backdated))) == backdated


def test_an_intake_comes_back_from_its_row_or_its_values_alike() -> None:
    intake = Intake(3, AT, 7_500, IntakeStatus.SKIPPED, Slot(date(2026, 11, 26), time(8)),
                    "too drowsy", id=7)
    row = stored(rows.intake_row(intake))
    back = rows.intake_from(row)
    assert back == intake and back.at.utcoffset() == timedelta(hours=-5)
    values = tuple(row[name] for name in rows.INTAKE_COLUMNS)
    assert rows.intake_from_values(values) == intake
    assert rows.INTAKE_COLUMNS_SQL.split(", ") == list(rows.INTAKE_COLUMNS)


def test_a_deleted_entry_comes_back_with_when_it_was_deleted() -> None:
    intake = Intake(3, AT, 7_500, id=7)
    back = rows.intake_from(stored(rows.intake_row(intake), deleted_utc="2026-11-27 08:00:00"))
    assert back.deleted_at == datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def test_symptoms_ratings_and_events_come_back() -> None:
    symptom = Symptom("Bladder urgency", 4, 2, ARCHIVED, id=7)
    assert rows.symptom_from(stored(rows.symptom_row(symptom))) == symptom
    rating = Rating(7, AT, 3, "woke twice", id=7)
    assert rows.rating_from(stored(rows.rating_row(rating))) == rating
    event = Event(NOW, EventKind.DOSE_CHANGE, "Raise to 10 mg", id=7)
    assert rows.event_from(stored(rows.event_row(event))) == event


@pytest.mark.parametrize(("read", "row", "table"), [
    (rows.intake_from, {"slot_day": "2026-12- 7", "slot_time": "08:00"}, "intakes"),
    (rows.rating_from, {"at_utc": "zz"}, "ratings"),
    (rows.event_from, {"kind": "party"}, "events"),
    (rows.symptom_from, {"archived_utc": 12}, "symptoms"),
    (rows.medication_from, {"unit": "bucket"}, "medications"),
    (rows.medication_from, {"colour": "pink"}, "medications"),
    (rows.medication_from, {"shape": ""}, "medications"),
    (rows.plan_step_from, {"times": "not json"}, "plan_steps"),
])
def test_a_value_that_cannot_be_read_is_a_damaged_row(
        read: Callable[[dict[str, object]], object], row: dict[str, object], table: str) -> None:
    good = {
        "intakes": rows.intake_row(Intake(3, AT, 5_000)),
        "ratings": rows.rating_row(Rating(1, AT, 4)),
        "events": rows.event_row(Event(AT, EventKind.FALL, "x")),
        "symptoms": rows.symptom_row(Symptom("Pain")),
        "medications": rows.medication_row(Medication("Baclofen", Unit.MG)),
        "plan_steps": rows.plan_step_row(PlanStep(3, date(2026, 11, 1), 5_000, (time(8),))),
    }[table]
    with pytest.raises(DamagedRowError) as damaged:
        read(stored({**good, **row}, row_id=41))
    assert (damaged.value.table, damaged.value.row_id) == (table, 41)
    assert f"{table} row 41 holds a value that cannot be read" in str(damaged.value)
