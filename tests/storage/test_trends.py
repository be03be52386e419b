"""A range's data for the charts and the report (diary/storage/trends.py): load_trends on a
tiny diary written through the store, every number worked out by hand, and on the demo diary.
The baseline it compares against is test_trends_baseline.py."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.demo import build_demo
from diary.domain.entities import DailyRating
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.errors import ValidationError
from diary.domain.trends import DayStatus
from diary.domain.trends import RatingPoint
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.storage.trends import load_trends

CET = timezone(timedelta(hours=1))
START, END = date(2026, 11, 21), date(2026, 11, 26)
EIGHT, TWENTY = time(8), time(20)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=CET)


def d(day: int) -> date:
    return date(2026, 11, day)


@pytest.fixture
def diary(store: DiaryStore) -> dict[str, int]:
    """Baclofen 5 mg twice a day from 20 to 22 November, then 10 mg twice a day; paracetamol as
    needed; an archived medication with one dose in the range; an old plan ended long ago."""
    bac = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000)).id
    par = store.medications.add(Medication("Paracetamol", Unit.MG)).id
    old = store.medications.add(Medication("Old", Unit.MG)).id
    gone = store.medications.add(Medication("Gone", Unit.MG)).id
    assert bac and par and old and gone
    store.plans.add_all([
        PlanStep(bac, d(20), 5_000, (EIGHT, TWENTY), end=d(22)),
        PlanStep(bac, d(23), 10_000, (EIGHT, TWENTY)),
        PlanStep(par, d(20), 1_000_000),
        PlanStep(old, date(2026, 10, 1), 1_000, (EIGHT,), end=date(2026, 10, 10)),
    ])

    def dose(when: datetime, amount: int, slot: tuple[int, time] | None = None,
             status: IntakeStatus = IntakeStatus.TAKEN, med: int = bac) -> Intake:
        linked = Slot(d(slot[0]), slot[1]) if slot else None
        return store.intakes.add(Intake(med, when, amount, status, linked))

    dose(at(20, 20), 5_000, (20, TWENTY))  # the day before the range: explains 21 Nov's ratings
    dose(at(21, 8, 5), 5_000, (21, EIGHT))
    dose(at(21, 20), 5_000, (21, TWENTY))
    dose(at(22, 8), 5_000, (22, EIGHT))
    dose(at(22, 20, 5), 5_000, (22, TWENTY), IntakeStatus.SKIPPED)
    dose(at(22, 12), 2_000, med=gone)
    dose(at(23, 9, 30), 10_000, (23, EIGHT))  # 90 minutes late
    dose(at(23, 20, 10), 10_000, (23, TWENTY))
    dose(at(24, 8), 10_000, (24, EIGHT))  # and nothing at 20:00, nor on the 25th
    dose(at(24, 12), 1_000_000, med=par)
    dose(at(25, 1, 30), 500_000, med=par)  # 01:30 counts for the evening of the 24th
    dose(at(26, 8, 45), 10_000, (26, EIGHT))
    extra = dose(at(26, 14), 10_000)
    store.intakes.delete(extra.id)
    store.medications.archive(gone)

    spasticity = store.symptoms.named("Spasticity").id
    drowsiness = store.symptoms.named("Drowsiness").id
    nausea = store.symptoms.named("Nausea").id
    headache = store.symptoms.named("Headache").id
    assert spasticity and drowsiness and nausea and headache
    for symptom, when, score in [
        (spasticity, at(21, 7), 6),
        (spasticity, at(21, 21), 4),
        (drowsiness, at(21, 21), 3),
        (drowsiness, at(23, 10), 5),
        (drowsiness, at(24, 13), 2),
        (spasticity, at(26, 2), 7),  # diary day 25
        (spasticity, at(26, 8, 30), 5),
        (headache, at(22, 18), 3),
    ]:
        store.ratings.add(Rating(symptom, when, score))
    deleted = store.ratings.add(Rating(spasticity, at(23, 21), 10))
    store.ratings.delete(deleted.id)
    store.symptoms.archive(headache)  # archived but rated in the range: still shown
    store.symptoms.archive(nausea)  # archived and never rated: left out

    store.events.add(Event(at(19, 10), EventKind.APPOINTMENT, "Before the range"))
    store.events.add(Event(at(23, 10, 30), EventKind.DOSE_CHANGE, "Up to 10 mg"))
    return {"bac": bac, "par": par, "gone": gone, "spasticity": spasticity,
            "drowsiness": drowsiness, "headache": headache}


def test_load_trends_on_a_hand_made_diary(store: DiaryStore, diary: dict[str, int]) -> None:
    # 20:30 on the last day: the 20:00 dose is still within its hour, so the day is pending.
    data = load_trends(store, START, END, at(26, 20, 30), CET)
    bac, par, gone = diary["bac"], diary["par"], diary["gone"]
    spas, drow, head = diary["spasticity"], diary["drowsiness"], diary["headache"]

    assert (data.start, data.end, data.day_starts_at) == (START, END, time(4))
    assert [m.name for m in data.medications] == ["Baclofen", "Gone", "Paracetamol"]
    assert [s.name for s in data.symptoms] == ["Spasticity", "Drowsiness", "Headache"]
    assert data.totals == {
        bac: {d(21): 10_000, d(22): 5_000, d(23): 20_000, d(24): 10_000, d(26): 10_000},
        par: {d(24): 1_500_000},
        gone: {d(22): 2_000},
    }
    assert data.expected == {
        bac: {d(21): 10_000, d(22): 10_000, d(23): 20_000, d(24): 20_000, d(25): 20_000,
              d(26): 20_000},
    }
    assert data.ratings == {
        spas: {d(21): DailyRating(d(21), spas, 5.0, 6, 2),
               d(25): DailyRating(d(25), spas, 7.0, 7, 1),
               d(26): DailyRating(d(26), spas, 5.0, 5, 1)},
        drow: {d(21): DailyRating(d(21), drow, 3.0, 3, 1),
               d(23): DailyRating(d(23), drow, 5.0, 5, 1),
               d(24): DailyRating(d(24), drow, 2.0, 2, 1)},
        head: {d(22): DailyRating(d(22), head, 3.0, 3, 1)},
    }
    # Hours since the last baclofen dose, the one scheduled medication taken in the range:
    # paracetamol (as needed only) and Gone (never scheduled) have none, nor Old (no dose).
    assert list(data.points_by_medication) == [bac]
    points = data.points_by_medication[bac]
    assert [(p.symptom_id, p.at, p.score, p.hours_since_dose) for p in points] == [
        (spas, at(21, 7), 6, 11.0),  # the dose at 20:00 the day before the range
        (spas, at(21, 21), 4, 1.0),
        (drow, at(21, 21), 3, 1.0),
        (head, at(22, 18), 3, 10.0),
        (drow, at(23, 10), 5, 0.5),
        (drow, at(24, 13), 2, 5.0),  # not 1 h: the noon paracetamol is not a scheduled dose
        (spas, at(26, 2), 7, 42.0),
        (spas, at(26, 8, 30), 5, None),  # 48.5 hours after 08:00 on the 24th
    ]
    assert all(isinstance(p, RatingPoint) for p in points)
    # The deleted 14:00 dose is not counted; the 20:00 dose of the 20th is before the range.
    assert data.doses_taken == {bac: 7, par: 2, gone: 1}
    assert data.day_status == {
        d(21): DayStatus.TAKEN, d(22): DayStatus.SKIPPED, d(23): DayStatus.LATE,
        d(24): DayStatus.MISSED, d(25): DayStatus.MISSED, d(26): DayStatus.PENDING,
    }
    assert [(e.kind, e.text) for e in data.events] == [(EventKind.DOSE_CHANGE, "Up to 10 mg")]


def test_after_the_last_dose_window_closes_the_day_is_missed(
    store: DiaryStore, diary: dict[str, int]
) -> None:
    data = load_trends(store, d(26), d(26), at(26, 21, 1), CET)
    assert data.day_status == {d(26): DayStatus.MISSED}
    assert data.days == 1


def test_a_range_that_ends_before_it_starts_is_refused(store: DiaryStore) -> None:
    with pytest.raises(ValidationError, match="ends"):
        load_trends(store, END, START, at(26, 21), CET)


def test_load_trends_on_the_demo_diary(tmp_path: Path) -> None:
    """The demo's 60 days: every day with a dose has its total, and ratings of the baseline week
    (before the first dose) have no hours since a dose."""
    now = datetime(2026, 11, 26, 21, 0, tzinfo=CET)
    path = tmp_path / "demo.diary"
    build_demo(path, days=60, seed=3, now=now)
    store = open_diary(path, read_only=True)
    try:
        start, end = date(2026, 9, 28), date(2026, 11, 26)
        data = load_trends(store, start, end, now, CET)
        bac = store.medications.named("Baclofen").id
        taken = [i for i in store.intakes.between(start, end, bac)
                 if i.status is IntakeStatus.TAKEN]
    finally:
        store.close()
    assert bac is not None
    assert sum(data.totals[bac].values()) == sum(i.amount for i in taken)
    first_dose = min(i.at for i in taken)
    before = [p for p in data.points_by_medication[bac] if p.at < first_dose]
    assert before and all(p.hours_since_dose is None for p in before)
    assert set(data.day_status) == {start + timedelta(days=n) for n in range(60)}
    assert data.day_status[start] is DayStatus.NONE  # the baseline week schedules nothing


def test_each_scheduled_medication_has_its_own_hours(
    store: DiaryStore, diary: dict[str, int]
) -> None:
    """Tizanidine twice a day at its own hours beside baclofen: each rating has the hours since
    the last dose of each, never of the other."""
    tiz = store.medications.add(Medication("Tizanidine", Unit.MG)).id
    assert tiz is not None
    store.plans.add_all([PlanStep(tiz, d(21), 2_000, (time(11), time(23)))])
    for when in (at(21, 11), at(21, 23), at(23, 11), at(26, 1)):
        store.intakes.add(Intake(tiz, when, 2_000))
    data = load_trends(store, START, END, at(26, 20, 30), CET)
    bac = diary["bac"]
    assert list(data.points_by_medication) == [bac, tiz]
    assert data.doses_taken[tiz] == 4 and data.doses_taken[bac] == 7

    def hours(medication: int) -> list[float | None]:
        return [p.hours_since_dose for p in data.points_by_medication[medication]]

    assert hours(tiz) == [
        None,  # 21 Nov 07:00: no tizanidine yet
        10.0,
        10.0,  # 21:00 after 11:00
        19.0,  # 22 Nov 18:00 after 23:00 the day before
        35.0,  # 23 Nov 10:00: 35 hours after 23:00 on the 21st
        26.0,  # 24 Nov 13:00 after 11:00 on the 23rd
        1.0,  # 26 Nov 02:00 after 01:00 (diary day 25)
        7.5,  # 26 Nov 08:30
    ]
    # Baclofen's hours are those of the diary without tizanidine.
    assert hours(bac) == [11.0, 1.0, 1.0, 10.0, 0.5, 5.0, 42.0, None]
