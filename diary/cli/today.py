"""`today`: the plan's slots of the current diary day and what became of them, the totals against
each medication's max, the day's ratings and the taper warnings."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import tzinfo
from typing import TypeVar

from diary.cli.common import Commands
from diary.cli.common import amount_json
from diary.cli.common import diary_command
from diary.cli.common import intake_json
from diary.cli.common import iso
from diary.cli.common import json_option
from diary.cli.common import max_daily_json
from diary.cli.common import print_json
from diary.cli.common import rating_json as rating_entry
from diary.cli.common import zone
from diary.domain.daytime import local_day
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.safety import UNLOGGED_LOOKBACK_DAYS
from diary.domain.safety import Finding
from diary.domain.safety import taper_findings
from diary.domain.stats import SlotOutcome
from diary.domain.stats import SlotStatus
from diary.domain.stats import adherence
from diary.domain.stats import dose_instant
from diary.domain.units import format_amount
from diary.domain.units import format_number
from diary.domain.wording import clock_text
from diary.storage.store import DiaryStore

T = TypeVar("T", PlanStep, Intake)

STATUS_TEXT = {
    SlotStatus.ON_TIME: "on time",
    SlotStatus.EARLY: "early",
    SlotStatus.LATE: "late",
    SlotStatus.MISSED: "missed",
    SlotStatus.SKIPPED: "skipped",
    SlotStatus.PENDING: "to take",
}


@dataclass(frozen=True)
class MedicationDay:
    medication: Medication
    outcomes: list[SlotOutcome]
    extra: list[Intake]  # intakes of the day that answer no scheduled slot
    taken: int
    planned: int
    # The pending slots (by position in `outcomes`) whose dose, after the pending ones before
    # it, would take the day over the max: the dose the diary would refuse without --force.
    exceeding: frozenset[int] = frozenset()

    @property
    def over_max(self) -> int | None:
        """How far the day's total is over the max (thousandths), or None when it is not."""
        maximum = self.medication.max_daily
        return None if maximum is None or self.taken <= maximum else self.taken - maximum

    @property
    def total_text(self) -> str:
        """'45 / 80 mg' against the max, or '45 mg' when the medication states none."""
        med = self.medication
        if med.max_daily is None:
            return format_amount(self.taken, med.unit)
        return f"{format_number(self.taken)} / {format_amount(med.max_daily, med.unit)}"


@dataclass(frozen=True)
class Today:
    day: date
    now: datetime
    day_starts_at: time
    tz: tzinfo
    medications: list[MedicationDay]
    ratings: list[tuple[Rating, Symptom]]
    warnings: list[Finding]


def today(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    view = build_today(store, now)
    if args.json:
        print_json(today_json(view))
    else:
        print_today(view)
    return 0


def build_today(store: DiaryStore, now: datetime) -> Today:
    info = store.info()
    tz = zone(now)
    day = local_day(now, info.day_starts_at)
    active = store.medications.all()
    active_ids = {m.id for m in active}
    everyone = store.medications.by_id()
    steps = [s for s in store.plans.steps() if s.medication_id in active_ids]
    intakes = store.intakes.between(day, day)
    window = timedelta(minutes=info.on_time_window_minutes)
    outcomes = adherence(steps, intakes, day, day, now, info.day_starts_at, tz, window)
    archived_today = sorted({i.medication_id for i in intakes} - active_ids)
    shown = [*active, *(everyone[i] for i in archived_today)]
    recent = store.intakes.between(day - timedelta(days=UNLOGGED_LOOKBACK_DAYS + 1), day)
    warnings = [
        finding
        for med in active
        for finding in taper_findings(med, _of(med, steps), _of(med, recent), now,
                                      info.day_starts_at, tz, on_time_window=window)
    ]
    symptoms = store.symptoms.by_id()
    return Today(
        day=day,
        now=now,
        day_starts_at=info.day_starts_at,
        tz=tz,
        medications=[_medication_day(med, outcomes, intakes) for med in shown],
        ratings=[(r, symptoms[r.symptom_id]) for r in store.ratings.between(day, day)],
        warnings=warnings,
    )


def _of(med: Medication, rows: list[T]) -> list[T]:
    return [r for r in rows if r.medication_id == med.id]


def _medication_day(med: Medication, outcomes: list[SlotOutcome],
                    intakes: list[Intake]) -> MedicationDay:
    assert med.id is not None
    mine = [o for o in outcomes if o.medication_id == med.id]
    answering = {id(o.intake) for o in mine if o.intake is not None}
    own = _of(med, intakes)
    taken = sum(i.amount for i in own if i.status is IntakeStatus.TAKEN)
    return MedicationDay(
        medication=med,
        outcomes=mine,
        extra=[i for i in own if id(i) not in answering],
        taken=taken,
        # What today's slots plan: a step entered today expects none due before it was.
        planned=sum(o.planned_amount for o in mine),
        exceeding=_exceeding(mine, taken, med.max_daily),
    )


def _exceeding(outcomes: list[SlotOutcome], taken: int, maximum: int | None) -> frozenset[int]:
    """The pending slots that would take the day over `maximum` if the doses still to take
    before them are taken as planned."""
    if maximum is None:
        return frozenset()
    found, total = set(), taken
    for index, outcome in enumerate(outcomes):
        if outcome.status is SlotStatus.PENDING:
            total += outcome.planned_amount
            if total > maximum:
                found.add(index)
    return frozenset(found)


def today_json(view: Today) -> dict[str, object]:
    return {
        "day": view.day.isoformat(),
        "now": iso(view.now),
        "day_starts_at": clock_text(view.day_starts_at),
        "medications": [_medication_json(m, view) for m in view.medications],
        "ratings": [rating_entry(r, s) for r, s in view.ratings],
        "warnings": [
            {"kind": f.kind.value, "severity": f.severity.value,
             "medication_id": f.medication_id, "message": f.message}
            for f in view.warnings
        ],
    }


def _medication_json(entry: MedicationDay, view: Today) -> dict[str, object]:
    med = entry.medication
    return {
        "id": med.id,
        "name": med.name,
        "unit": med.unit.value,
        "taken": amount_json(entry.taken, med.unit),
        "planned": amount_json(entry.planned, med.unit),
        "max_daily": max_daily_json(med),
        "total_display": entry.total_text,
        "over_max": None if entry.over_max is None else amount_json(entry.over_max, med.unit),
        "slots": [
            {
                "time": clock_text(o.slot.time),
                "due": iso(dose_instant(o.dose, view.day_starts_at, view.tz)),
                "amount": amount_json(o.planned_amount, med.unit),
                "status": o.status.value,
                "would_exceed_max": index in entry.exceeding,
                "delay_minutes": o.delay_minutes,
                "intake": None if o.intake is None else intake_json(o.intake, med),
            }
            for index, o in enumerate(entry.outcomes)
        ],
        "other_intakes": [intake_json(i, med) for i in entry.extra],
    }


def print_today(view: Today) -> None:
    print(f"Today, {view.day:%a %d %b %Y} (now {clock_text(view.now)}; the diary day starts at "
          f"{clock_text(view.day_starts_at)})")
    if not view.medications:
        print("No medications yet.")
    for entry in view.medications:
        med = entry.medication
        over = ("" if entry.over_max is None
                else f" — {format_amount(entry.over_max, med.unit)} OVER the maximum")
        print(f"\n{med.name}: {entry.total_text} taken today{over}")
        for index, outcome in enumerate(entry.outcomes):
            line = _slot_line(outcome, med)
            if index in entry.exceeding:
                assert med.max_daily is not None
                line += (f" — would exceed the {format_amount(med.max_daily, med.unit)} "
                         "maximum")
            print(f"  {line}")
        for extra in entry.extra:
            print(f"  extra  {format_amount(extra.amount, med.unit)} {extra.status.value} at "
                  f"{clock_text(extra.at)}")
    print("\nRatings today" if view.ratings else "\nNo ratings yet today.")
    for rating, symptom in view.ratings:
        print(f"  {clock_text(rating.at)}  {symptom.name} {rating.score}/{symptom.scale_max}")
    if view.warnings:
        print("\nWarnings")
    for finding in view.warnings:
        print(f"  ! {finding.message}")


def _slot_line(outcome: SlotOutcome, med: Medication) -> str:
    line = (f"{clock_text(outcome.slot.time)}  {format_amount(outcome.planned_amount, med.unit)}  "
            f"{STATUS_TEXT[outcome.status]}")
    intake = outcome.intake
    if intake is not None and intake.status is IntakeStatus.TAKEN:
        line += f" (taken {clock_text(intake.at)}"
        if intake.amount != outcome.planned_amount:
            line += f", {format_amount(intake.amount, med.unit)}"
        line += ")"
    return line


def add_commands(commands: Commands) -> None:
    today_parser = diary_command(commands, "today", today,
                                 help="today's plan, doses, totals and ratings",
                                 description="Today's scheduled doses and their status, the "
                                 "totals against each maximum, today's ratings and warnings.")
    json_option(today_parser)
