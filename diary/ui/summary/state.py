"""What the summary shows, read from the store (no Qt): today's doses and what became of each, the
last seven diary days slot by slot, the symptom ratings of today and the week, the week's events.

Each slot's answer (taken, taken late, skipped, missed, not yet due) is the domain's one rule
(`diary.domain.plans.answers`, over `diary.storage.records.outcomes`), the one the History and
the `history` command follow: the three never disagree about a dose.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from diary.domain.daytime import local_day
from diary.domain.daytime import minutes_of
from diary.domain.entities import Event
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.plans.answers import Answer
from diary.domain.plans.answers import answer_of
from diary.domain.plans.answers import answer_text
from diary.domain.stats import SlotOutcome
from diary.domain.units import format_amount
from diary.storage.records.outcomes import outcomes_between
from diary.storage.records.outcomes import read_plan
from diary.storage.store import DiaryStore

WEEK_DAYS = 7


@dataclass(frozen=True)
class TodaySlot:
    """One scheduled dose of today: its time, medication, planned amount and answer in words."""

    outcome: SlotOutcome
    medication: Medication
    answer: Answer
    text: str  # 'Taken 08:05', 'Taken late 13:20 (+1 h 20 min)', 'Skipped 14:02', 'Missed'…

    @property
    def amount(self) -> str:
        return format_amount(self.outcome.planned_amount, self.medication.unit)


@dataclass(frozen=True)
class WeekRow:
    """A medication's slot at one time of day, across the week: the answer of each day (None
    where the plan expected no dose at that time)."""

    medication: Medication
    at: time
    answers: tuple[Answer | None, ...]


@dataclass(frozen=True)
class SymptomWeek:
    """A symptom rated this week: its latest rating, and the lowest and highest of the week."""

    symptom: Symptom
    latest: Rating
    low: int
    high: int
    count: int


@dataclass(frozen=True)
class SummaryState:
    now: datetime
    today: date
    day_starts_at: time
    days: tuple[date, ...]  # the last seven diary days, oldest first, today last
    slots: list[TodaySlot]
    extra: list[tuple[Intake, Medication]]  # today's doses answering no slot (as needed…)
    week: list[WeekRow]
    symptoms: list[SymptomWeek]
    events: list[Event]  # newest first


def build_summary(store: DiaryStore, now: datetime) -> SummaryState:
    """The summary as of `now`, read from one state of the diary."""
    with store.reading():
        return _build(store, now)


def _build(store: DiaryStore, now: datetime) -> SummaryState:
    plan = read_plan(store)
    today = local_day(now, plan.day_starts_at)
    first = today - timedelta(days=WEEK_DAYS - 1)
    days = tuple(first + timedelta(days=n) for n in range(WEEK_DAYS))
    medications = {m.id: m for m in store.medications.all(include_archived=True)}
    outcomes = outcomes_between(store, first, today, now, plan=plan)
    todays = [o for o in outcomes if o.slot.day == today]
    answered = {o.intake.id for o in todays if o.intake is not None}
    extra = [(i, medications[i.medication_id]) for i in store.intakes.between(today, today)
             if i.id not in answered]
    start = minutes_of(plan.day_starts_at)
    return SummaryState(
        now=now, today=today, day_starts_at=plan.day_starts_at, days=days,
        slots=[TodaySlot(o, medications[o.medication_id], answer_of(o), answer_text(o))
               for o in todays],
        extra=extra,
        week=_week(outcomes, medications, days, start),
        symptoms=_symptoms(store, first, today),
        events=sorted(store.events.between(first, today), key=lambda e: e.at, reverse=True),
    )


def _week(outcomes: list[SlotOutcome], medications: dict[int | None, Medication],
          days: tuple[date, ...], day_start_minutes: int) -> list[WeekRow]:
    """One row per medication and time of day, in the order the times fall in the diary day."""
    cells: dict[tuple[int, time], dict[date, Answer]] = defaultdict(dict)
    for outcome in outcomes:
        cells[(outcome.medication_id, outcome.slot.time)][outcome.slot.day] = answer_of(outcome)
    order = sorted(cells, key=lambda key: ((minutes_of(key[1]) - day_start_minutes) % 1440,
                                           medications[key[0]].name.casefold()))
    return [WeekRow(medications[mid], at, tuple(cells[(mid, at)].get(day) for day in days))
            for mid, at in order]


def _symptoms(store: DiaryStore, first: date, today: date) -> list[SymptomWeek]:
    """Each symptom rated this week, in the person's order of symptoms."""
    rated: dict[int, list[Rating]] = defaultdict(list)
    for rating in store.ratings.between(first, today):
        rated[rating.symptom_id].append(rating)
    found = []
    for symptom in store.symptoms.all(include_archived=True):
        ratings = rated.get(symptom.id or 0)
        if not ratings:
            continue
        scores = [r.score for r in ratings]
        latest = max(ratings, key=lambda r: (r.at, r.id or 0))
        found.append(SymptomWeek(symptom, latest, min(scores), max(scores), len(scores)))
    return found
