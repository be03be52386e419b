"""The diary's entities (diary/domain/entities.py): frozen values, a plan step's dosing and the
days it covers, the words for each kind of event, and the seeded symptoms and their scales."""

from __future__ import annotations

import dataclasses
from datetime import date
from datetime import time

import pytest

from diary.domain.entities import ALLOWED_SCALES
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import SCALE_ANCHORS
from diary.domain.entities import SEEDED_SYMPTOMS
from diary.domain.entities import DiaryInfo
from diary.domain.entities import EventKind
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Symptom
from diary.domain.units import Unit

TID = (time(8), time(14), time(20))


def test_a_step_with_times_is_scheduled_and_its_day_is_the_sum_of_its_doses() -> None:
    step = PlanStep(1, date(2026, 11, 1), 5_000, TID)
    assert not step.as_needed
    assert step.daily_amount == 15_000


def test_a_step_without_times_is_as_needed_and_plans_nothing_a_day() -> None:
    step = PlanStep(1, date(2026, 11, 1), 500)
    assert step.as_needed and step.daily_amount == 0


def test_a_step_covers_the_days_from_its_start_to_its_end_both_included() -> None:
    ended = PlanStep(1, date(2026, 11, 1), 5_000, TID, end=date(2026, 11, 3))
    days = [date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 3), date(2026, 11, 4)]
    assert [ended.covers(day) for day in days] == [False, True, True, False]
    open_ended = PlanStep(1, date(2026, 11, 1), 5_000, TID)
    assert open_ended.covers(date(2036, 1, 1)) and not open_ended.covers(date(2026, 10, 31))


def test_entities_are_values_that_cannot_change() -> None:
    med = Medication("Baclofen", Unit.MG)
    with pytest.raises(dataclasses.FrozenInstanceError):
        med.name = "Lioresal"  # type: ignore[misc]
    assert med == Medication("Baclofen", Unit.MG) and med.id is None
    assert dataclasses.replace(med, id=3) != med


def test_the_defaults_of_a_new_diary_medication_and_symptom() -> None:
    info = DiaryInfo()
    assert (info.name, info.day_starts_at, info.on_time_window_minutes) == ("", time(4), 60)
    med = Medication("Baclofen", Unit.MG)
    assert (med.form, med.max_daily, med.taper_required, med.archived_at) == (
        "tablet", None, False, None)
    assert Symptom("Pain").scale_max == 10


def test_every_kind_of_event_has_its_words_and_statuses_are_stored_as_words() -> None:
    assert set(EVENT_KIND_LABELS) == set(EventKind)
    assert EVENT_KIND_LABELS[EventKind.DOSE_CHANGE] == "Dose change by clinician"
    assert [s.value for s in IntakeStatus] == ["taken", "skipped"]
    assert EventKind("dose_change") is EventKind.DOSE_CHANGE


def test_the_seeded_symptoms_and_the_two_scales() -> None:
    assert SEEDED_SYMPTOMS == ("Spasticity", "Drowsiness", "Nausea", "Headache")
    assert ALLOWED_SCALES == {4, 10} == set(SCALE_ANCHORS)
    assert SCALE_ANCHORS[4] == ("0 = none", "4 = severe")
