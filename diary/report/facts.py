"""The figures of the report's first page, worked out from the diary's records of the range: the
plan in force and its changes, adherence, the mean daily amounts, days over a maximum, each
symptom against its baseline with its worst days, missed doses, events, notes, and the taper
warnings.

Pure: `report.build_report` reads the store; everything here works on domain objects and the
range's TrendData, through the domain's own rules (step_on, adherence outcomes, baseline_change,
taper_findings).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import tzinfo

from diary.domain import entities
from diary.domain.baseline import Comparison
from diary.domain.baseline import Period
from diary.domain.daytime import minutes_of
from diary.domain.plans.steps import step_on
from diary.domain.safety import Finding
from diary.domain.safety import taper_findings
from diary.domain.stats import AdherenceSummary
from diary.domain.stats import BaselineChange
from diary.domain.stats import SlotOutcome
from diary.domain.stats import SlotStatus
from diary.domain.stats import baseline_change
from diary.domain.stats import days_between
from diary.domain.stats import summarize
from diary.domain.trends import TrendData
from diary.domain.units import format_amount

WORST_DAYS = 3  # the worst days named per symptom


@dataclass(frozen=True)
class InForce:
    """The plan step of a medication in force on the last day of the range (None: no step)."""

    medication: entities.Medication
    step: entities.PlanStep | None


@dataclass(frozen=True)
class PlanChange:
    """The dosing of a medication changes on `day`: from `before` (in force the day before) to
    `after`; None on either side is no plan step."""

    day: date
    medication: entities.Medication
    before: entities.PlanStep | None
    after: entities.PlanStep | None


@dataclass(frozen=True)
class MedicationAdherence:
    medication: entities.Medication
    summary: AdherenceSummary


@dataclass(frozen=True)
class DoseFacts:
    """What was taken of one medication. The means are in thousandths of its unit: the mean of
    the daily totals over the `days` counted (`mean_daily`) and over those of the recent period
    (`recent_mean`), a day without a dose counting as 0. The days counted are the range's days
    that are over: a day still under way (today) is left out, unless it is the only one."""

    medication: entities.Medication
    mean_daily: float
    recent_mean: float
    days_taken: int  # of the days counted
    over_max: list[tuple[date, int]]  # days above the max daily amount, with their totals
    days: int = 0  # the days counted


@dataclass(frozen=True)
class SymptomFacts:
    """One rated symptom. `mean` is the mean of its daily means (each day counts once, as in the
    before-and-after chart); `worst` the days with the highest single rating, highest first,
    then the most recent."""

    symptom: entities.Symptom
    days_rated: int
    mean: float
    change: BaselineChange | None
    worst: list[tuple[date, int]]


@dataclass(frozen=True)
class MissedDose:
    medication: entities.Medication
    slot: entities.Slot
    amount: int


@dataclass(frozen=True)
class Note:
    """A note written with a dose or a rating: `about` says with which ('Baclofen 20 mg
    skipped'), `brief` as briefly as the daily log, whose columns have the rest, can say it
    ('Baclofen skipped')."""

    at: datetime
    about: str
    brief: str
    text: str


@dataclass(frozen=True)
class Facts:
    in_force: list[InForce]
    changes: list[PlanChange]
    adherence: list[MedicationAdherence]
    doses: list[DoseFacts]
    symptoms: list[SymptomFacts]
    unrated: list[entities.Symptom]
    responder: SymptomFacts | None
    missed: list[MissedDose]  # newest first
    events: list[entities.Event]  # oldest first
    notes: list[Note]  # newest first
    warnings: list[Finding]
    under_way: date | None = None  # the range's diary day still under way (today), if any


# --- the plan -----------------------------------------------------------------------------------
def in_force(steps: Sequence[entities.PlanStep], medications: Iterable[entities.Medication],
             day: date) -> list[InForce]:
    return [InForce(m, step_on(steps, m.id, day)) for m in medications if m.id is not None]


def _dosing(step: entities.PlanStep | None) -> tuple[int, tuple[time, ...]] | None:
    return None if step is None else (step.amount, step.times)


def plan_changes(steps: Sequence[entities.PlanStep], medications: Iterable[entities.Medication],
                 start: date, end: date) -> list[PlanChange]:
    """Every day of `start`..`end` on which a medication's dosing differs from the day before
    (amount per dose or times; a new step with the same dosing changes nothing a reader sees),
    by day, then medication."""
    changes = []
    for med in medications:
        own = [s for s in steps if s.medication_id == med.id]
        # Dosing can only change where a step starts or the day after one ends.
        edges = {s.start for s in own} | {s.end + timedelta(days=1) for s in own if s.end}
        for day in sorted(d for d in edges if start <= d <= end):
            before = step_on(own, med.id or 0, day - timedelta(days=1))
            after = step_on(own, med.id or 0, day)
            if _dosing(before) != _dosing(after):
                changes.append(PlanChange(day, med, before, after))
    return sorted(changes, key=lambda c: (c.day, c.medication.name.casefold()))


# --- doses --------------------------------------------------------------------------------------
def adherence_by_medication(
        outcomes: Sequence[SlotOutcome],
        medications: Iterable[entities.Medication]) -> list[MedicationAdherence]:
    """The adherence summary of each medication with scheduled doses in the range."""
    by_medication: dict[int, list[SlotOutcome]] = defaultdict(list)
    for outcome in outcomes:
        by_medication[outcome.medication_id].append(outcome)
    return [MedicationAdherence(m, summarize(by_medication[m.id]))
            for m in medications if m.id in by_medication]


def counted_days(days: Iterable[date], under_way: date | None) -> list[date]:
    """`days` without the day still under way, whose doses are not all logged yet (a dose due
    tonight is pending, and one taken as needed can come at any hour until the day ends); the
    day itself when it is the only one."""
    days = list(days)
    over = [d for d in days if d != under_way]
    return over or days


def dose_facts(data: TrendData, recent: Period, under_way: date | None = None) -> list[DoseFacts]:
    """The doses of each medication; `under_way` is the range's diary day still under way when
    the report is made (today), left out of the means and the days with a dose."""
    days = counted_days(days_between(data.start, data.end), under_way)
    recent_days = counted_days((d for d in days_between(*recent)
                                if data.start <= d <= data.end), under_way)
    facts = []
    for med in data.medications:
        totals = data.totals.get(med.id or 0, {})
        over = ([] if med.max_daily is None
                else [(day, t) for day, t in sorted(totals.items()) if t > med.max_daily])
        recent_sum = math.fsum(totals.get(d, 0) for d in recent_days)
        facts.append(DoseFacts(
            medication=med,
            mean_daily=math.fsum(totals.get(d, 0) for d in days) / len(days),
            recent_mean=recent_sum / len(recent_days) if recent_days else 0.0,
            days_taken=sum(1 for d in days if totals.get(d, 0) > 0),
            over_max=over,
            days=len(days),
        ))
    return facts


def missed_doses(outcomes: Iterable[SlotOutcome],
                 medications: Mapping[int | None, entities.Medication],
                 day_starts_at: time) -> list[MissedDose]:
    """The doses missed, newest first (a 01:00 slot is the last of its diary day)."""
    missed = [MissedDose(medications[o.medication_id], o.slot, o.planned_amount)
              for o in outcomes if o.status is SlotStatus.MISSED]
    start = minutes_of(day_starts_at)
    return sorted(missed, key=lambda m: (m.slot.day, (minutes_of(m.slot.time) - start) % 1440),
                  reverse=True)


# --- symptoms -----------------------------------------------------------------------------------
def symptom_facts(data: TrendData, comparison: Comparison) -> list[SymptomFacts]:
    """The symptoms rated in the range, in the user's order, each compared as `comparison`
    says (its baseline may lie before the range)."""
    facts = []
    for symptom in data.symptoms:
        daily = data.ratings.get(symptom.id or 0, {})
        if not daily:
            continue
        means = {day: r.mean for day, r in daily.items()}
        worst = sorted(daily.items(), key=lambda pair: (pair[1].max, pair[0]), reverse=True)
        facts.append(SymptomFacts(
            symptom=symptom,
            days_rated=len(daily),
            mean=math.fsum(means.values()) / len(means),
            change=baseline_change(comparison.daily.get(symptom.id or 0, {}),
                                   comparison.baseline, comparison.recent),
            worst=[(day, r.max) for day, r in worst[:WORST_DAYS]],
        ))
    return facts


def unrated(data: TrendData) -> list[entities.Symptom]:
    """Active symptoms with no rating in the range."""
    return [s for s in data.symptoms if s.archived_at is None and not data.ratings.get(s.id or 0)]


def named(facts: Iterable[SymptomFacts], name: str) -> SymptomFacts | None:
    return next((f for f in facts if f.symptom.name.casefold() == name.casefold()), None)


# --- notes and warnings -------------------------------------------------------------------------
def notes(intakes: Iterable[entities.Intake], ratings: Iterable[entities.Rating],
          medications: Mapping[int | None, entities.Medication],
          symptoms: Mapping[int | None, entities.Symptom]) -> list[Note]:
    """Every note written with a dose or a rating (deleted ones left out), newest first."""
    found = []
    for intake in intakes:
        if intake.note.strip() and intake.deleted_at is None:
            med = medications[intake.medication_id]
            skipped = " skipped" if intake.status is entities.IntakeStatus.SKIPPED else ""
            found.append(Note(intake.at, f"{med.name} {format_amount(intake.amount, med.unit)} "
                              f"{intake.status.value}", f"{med.name}{skipped}",
                              intake.note.strip()))
    for rating in ratings:
        if rating.note.strip() and rating.deleted_at is None:
            symptom = symptoms[rating.symptom_id]
            score = f"{symptom.name} {rating.score}/{symptom.scale_max}"
            found.append(Note(rating.at, score, score, rating.note.strip()))
    return sorted(found, key=lambda n: n.at, reverse=True)


def taper_warnings(medications: Iterable[entities.Medication], steps: Sequence[entities.PlanStep],
                   intakes: Sequence[entities.Intake], now: datetime, day_starts_at: time,
                   tz: tzinfo, on_time_window: timedelta) -> list[Finding]:
    """The taper findings of every active medication, as the Today view shows them at `now`
    (`on_time_window`: the diary's)."""
    return [
        finding
        for med in medications if med.archived_at is None
        for finding in taper_findings(
            med, [s for s in steps if s.medication_id == med.id],
            [i for i in intakes if i.medication_id == med.id], now, day_starts_at, tz,
            on_time_window=on_time_window)
    ]
