"""Hand-made TrendData for the chart tests: values follow simple rules, so a test can work out
what a chart must show without the code under test."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone

from diary.domain.baseline import Basis
from diary.domain.baseline import Comparison
from diary.domain.baseline import Period
from diary.domain.entities import DailyRating
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Medication
from diary.domain.entities import Symptom
from diary.domain.trends import DayStatus
from diary.domain.trends import TrendData
from diary.domain.units import Unit

CET = timezone(timedelta(hours=1))
START = date(2026, 11, 2)  # a Monday
BACLOFEN = Medication("Baclofen", Unit.MG, max_daily=80_000, id=1)
PARACETAMOL = Medication("Paracetamol", Unit.MG, id=2)
TIZANIDINE = Medication("Tizanidine", Unit.MG, max_daily=36_000, id=3)
SPASTICITY = Symptom("Spasticity", 10, 0, id=1)
BLADDER = Symptom("Bladder urgency", 4, 1, id=2)
STATUS_CYCLE = (DayStatus.TAKEN, DayStatus.TAKEN, DayStatus.LATE, DayStatus.MISSED,
                DayStatus.SKIPPED, DayStatus.TAKEN, DayStatus.NONE)


def days(start: date, count: int) -> list[date]:
    return [start + timedelta(days=n) for n in range(count)]


def baclofen_total(n: int) -> int:
    """Day n of the range: 60 mg, but 40 mg every fifth day (a dose missed)."""
    return 40_000 if n % 5 == 4 else 60_000


def spasticity_mean(n: int) -> float:
    return float(7 - (n % 4))


def bladder_mean(n: int) -> float:
    return float(n % 5)


def sample(count: int = 14, start: date = START, *, events: bool = True) -> TrendData:
    """`count` days from `start`: baclofen every day (plan from the third day: 60 mg), paracetamol
    1 g on every seventh day, spasticity rated every day but the sixth of each week, bladder
    urgency every other day, day statuses in a weekly cycle, two events."""
    span = days(start, count)
    totals = {
        BACLOFEN.id or 0: {day: baclofen_total(n) for n, day in enumerate(span)},
        PARACETAMOL.id or 0: {day: 1_000_000 for n, day in enumerate(span) if n % 7 == 0},
    }
    expected = {BACLOFEN.id or 0: {day: 60_000 for day in span[2:]}}
    ratings = {
        SPASTICITY.id or 0: {
            day: DailyRating(day, SPASTICITY.id or 0, spasticity_mean(n), 9, 2)
            for n, day in enumerate(span) if n % 7 != 5
        },
        BLADDER.id or 0: {
            day: DailyRating(day, BLADDER.id or 0, bladder_mean(n), 4, 1)
            for n, day in enumerate(span) if n % 2 == 0
        },
    }
    happened = [
        Event(datetime.combine(span[min(1, count - 1)], time(10), CET), EventKind.APPOINTMENT,
              "Clinic"),
        Event(datetime.combine(span[-1], time(15), CET), EventKind.FALL, "Fell in the garden"),
    ] if events else []
    return TrendData(
        start=start,
        end=span[-1],
        day_starts_at=time(4),
        medications=[BACLOFEN, PARACETAMOL],
        symptoms=[SPASTICITY, BLADDER],
        totals=totals,
        expected=expected,
        ratings=ratings,
        points_by_medication={},
        day_status={day: STATUS_CYCLE[n % 7] for n, day in enumerate(span)},
        events=happened,
    )


def empty(count: int = 14) -> TrendData:
    span = days(START, count)
    return TrendData(START, span[-1], time(4), [BACLOFEN], [SPASTICITY, BLADDER], {}, {}, {},
                     {}, {day: DayStatus.NONE for day in span}, [])



def compared(data: TrendData, baseline: Period, recent: Period) -> TrendData:
    """`data` comparing exactly these periods, as a baseline the person chose."""
    daily = {sid: {day: r.mean for day, r in days.items()} for sid, days in data.ratings.items()}
    return replace(data, comparison=Comparison(baseline, recent, Basis.CHOSEN, daily))
