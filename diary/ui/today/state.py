"""What the Today view shows, computed from the store with the domain's own functions (no Qt).

The slots, their outcomes, the day's totals and the taper warnings follow exactly the rules the
`today` command uses (diary/cli/today.py), so the window and the command line never disagree.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import tzinfo

from diary.domain.daytime import local_day
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.plans.steps import step_on
from diary.domain.plans.taper import taper_findings_since
from diary.domain.safety import UNLOGGED_LOOKBACK_DAYS
from diary.domain.safety import Finding
from diary.domain.stats import SlotOutcome
from diary.domain.stats import SlotStatus
from diary.domain.stats import adherence
from diary.domain.stats import dose_instant
from diary.domain.units import format_amount
from diary.domain.units import format_number
from diary.domain.wording import clock_text
from diary.storage.store import DiaryStore
from diary.ui.edits import STORE_ERRORS

# What a save can meet: bad input, a read-only or vanished row, a full disk or a locked file.
SAVE_ERRORS = STORE_ERRORS  # the one tuple of errors a save can meet (edits.stack)


@dataclass(frozen=True)
class MedicationToday:
    medication: Medication
    outcomes: list[SlotOutcome]
    extra: list[Intake]  # intakes of the day that answer no scheduled slot
    taken: int  # thousandths of the unit taken on this diary day

    @property
    def over_max(self) -> int:
        """How far today's total is over the max daily amount (0 when within it or none set)."""
        limit = self.medication.max_daily
        return 0 if limit is None else max(0, self.taken - limit)

    @property
    def total_text(self) -> str:
        """'45 / 80 mg today', or '45 mg today' when the medication states no max."""
        med = self.medication
        if med.max_daily is None:
            return f"{format_amount(self.taken, med.unit)} today"
        return (f"{format_number(self.taken)} / {format_amount(med.max_daily, med.unit)} today")


@dataclass(frozen=True)
class TodayState:
    day: date
    now: datetime
    day_starts_at: time
    tz: tzinfo
    medications: list[MedicationToday]
    warnings: list[Finding]

    @property
    def outcomes(self) -> list[tuple[SlotOutcome, Medication]]:
        """Every scheduled dose of the day, in the order it falls in the day."""
        pairs = [(o, m.medication) for m in self.medications for o in m.outcomes]
        start = self.day_starts_at.hour * 60 + self.day_starts_at.minute
        return sorted(pairs, key=lambda p: (
            (p[0].slot.time.hour * 60 + p[0].slot.time.minute - start) % (24 * 60),
            p[1].name.lower()))

    def due(self, outcome: SlotOutcome) -> datetime:
        return dose_instant(outcome.dose, self.day_starts_at, self.tz)

    def superseded(self, outcome: SlotOutcome) -> bool:
        """A later slot of the same medication has come due: this one is no longer to be taken
        now (taking both would be two doses at once), only recorded as taken earlier or skipped.
        The reminders withdraw an older slot by the same rule."""
        due = self.due(outcome)
        return any(o.medication_id == outcome.medication_id and due < self.due(o) <= self.now
                   for o, _ in self.outcomes)

    def takeable_now(self, outcome: SlotOutcome) -> bool:
        """Whether the slot offers "Take now": still open and not superseded."""
        return open_slot(outcome) and not self.superseded(outcome)


def build_state(store: DiaryStore, now: datetime) -> TodayState:
    """Today's slots and outcomes, totals per medication and taper warnings, as of `now`, read
    from one state of the diary."""
    with store.reading():
        return _build_state(store, now)


def _build_state(store: DiaryStore, now: datetime) -> TodayState:
    info = store.info()
    tz = now.tzinfo
    assert tz is not None
    day = local_day(now, info.day_starts_at)
    every = store.medications.all(include_archived=True)
    active = [m for m in every if m.archived_at is None]
    active_ids = {m.id for m in active}
    steps = [s for s in store.plans.steps() if s.medication_id in active_ids]
    intakes = store.intakes.between(day, day)
    window = timedelta(minutes=info.on_time_window_minutes)
    outcomes = adherence(steps, intakes, day, day, now, info.day_starts_at, tz, window)
    # A medication archived today still shows what was taken of it today.
    archived_today = {i.medication_id for i in intakes} - active_ids
    shown = [*active, *(m for m in every if m.id in archived_today)]
    warnings = _taper_warnings(store, active, steps, day, now, info.day_starts_at, window)
    return TodayState(day, now, info.day_starts_at, tz,
                      [_medication_today(med, outcomes, intakes) for med in shown], warnings)


def _taper_warnings(store: DiaryStore, active: list[Medication], steps: list[PlanStep],
                    day: date, now: datetime, day_starts_at: time,
                    window: timedelta) -> list[Finding]:
    """`taper_findings` for each active medication over the look-back's intakes, which are read
    only when a dose may have gone unlogged since the last taken one (`taper_findings_since`)."""
    tz = now.tzinfo
    assert tz is not None
    start = day - timedelta(days=UNLOGGED_LOOKBACK_DAYS + 1)
    read_recent = functools.cache(lambda: store.intakes.between(start, day))
    warnings: list[Finding] = []
    for med in active:
        medication_id = med.id
        if not med.taper_required or medication_id is None:
            continue  # taper_findings finds nothing
        warnings.extend(taper_findings_since(
            med, [s for s in steps if s.medication_id == medication_id],
            store.intakes.last_taken(medication_id, start, day, now), read_recent, now,
            day_starts_at, tz, on_time_window=window))
    return warnings


def _medication_today(
    med: Medication, outcomes: list[SlotOutcome], intakes: list[Intake]
) -> MedicationToday:
    mine = [o for o in outcomes if o.medication_id == med.id]
    answering = {id(o.intake) for o in mine if o.intake is not None}
    own = [i for i in intakes if i.medication_id == med.id]
    return MedicationToday(
        medication=med,
        outcomes=mine,
        extra=[i for i in own if id(i) not in answering],
        taken=sum(i.amount for i in own if i.status is IntakeStatus.TAKEN),
    )


# --- how a slot reads -------------------------------------------------------------------------
def slot_status(outcome: SlotOutcome, state: TodayState, med: Medication) -> tuple[str, str]:
    """(text, kind) for a slot: the text says it in words ("missed", "taken 08:05, late"), never by
    colour alone; `kind` (pending, due, done, late, missed, skipped) lets the view style it."""
    intake = outcome.intake
    status = outcome.status
    if status is SlotStatus.PENDING:
        return ("due now", "due") if state.now >= state.due(outcome) else ("to take", "pending")
    if status is SlotStatus.MISSED:
        return "✗ missed", "missed"
    assert intake is not None
    if status is SlotStatus.SKIPPED:
        return f"– skipped ({clock_text(intake.at)})", "skipped"
    text = f"✓ taken {clock_text(intake.at)}"
    if intake.amount != outcome.planned_amount:
        text += f" ({format_amount(intake.amount, med.unit)})"
    if status is SlotStatus.LATE:
        return f"{text}, late", "late"
    if status is SlotStatus.EARLY:
        return f"{text}, early", "done"
    return text, "done"


def open_slot(outcome: SlotOutcome) -> bool:
    """Whether a slot still waits for an answer (to take, due, or missed and still takeable)."""
    return outcome.status in (SlotStatus.PENDING, SlotStatus.MISSED)


# --- doses ---------------------------------------------------------------------------------------
def usual_amount(store: DiaryStore, med: Medication, day: date, now: datetime) -> int | None:
    """The amount to prefill: the plan step's per-dose amount that day, else the last dose."""
    assert med.id is not None
    step = step_on(store.plans.steps(med.id), med.id, day)
    if step is not None:
        return step.amount
    last = store.intakes.nearest_taken(med.id, now)
    return None if last is None else last.amount
