"""Did she take it? What became of each scheduled dose, in the words and symbols a caregiver reads.

The rule is the one the diary already keeps (`stats.adherence`, through `match_intakes_to_slots`):
a slot of the plan (`steps.expected_slots`: a step expects no dose whose on-time window had
closed when it was entered, unless backdated on purpose) answered by a taken or a skipped
intake, or missed once its on-time window has closed, or not yet due. This module only says it,
the same way in the History, the summary and the command line:

- `Answer`: taken (on time, or early), taken late, skipped, missed, not yet due, each with a
  symbol (✓ ! – ✗ ·) and words, so that nothing depends on colour;
- `expected_steps`: an archived medication expects no dose from the day it was archived, as the
  Today view shows none for it;
- `missed_between`: the missed doses whose time fell in a stretch of time (the History merges
  them into its pages of stored entries by this), each placed in the reader's zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import tzinfo
from enum import StrEnum

from diary.domain.daytime import local_day
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.stats import SlotOutcome
from diary.domain.stats import SlotStatus
from diary.domain.stats import adherence
from diary.domain.stats import dose_instant
from diary.domain.stats import dose_instant_for
from diary.domain.wording import clock_text


class Answer(StrEnum):
    TAKEN = "taken"  # on time, or early
    LATE = "late"  # taken after the on-time window closed
    SKIPPED = "skipped"
    MISSED = "missed"
    NOT_DUE = "not_due"  # no answer yet, and the on-time window is still open


SYMBOLS: dict[Answer, str] = {
    Answer.TAKEN: "✓", Answer.LATE: "!", Answer.SKIPPED: "–", Answer.MISSED: "✗",
    Answer.NOT_DUE: "·",
}
WORDS: dict[Answer, str] = {
    Answer.TAKEN: "taken", Answer.LATE: "taken late", Answer.SKIPPED: "skipped",
    Answer.MISSED: "missed", Answer.NOT_DUE: "not yet due",
}
_ANSWERS: dict[SlotStatus, Answer] = {
    SlotStatus.ON_TIME: Answer.TAKEN, SlotStatus.EARLY: Answer.TAKEN,
    SlotStatus.LATE: Answer.LATE, SlotStatus.SKIPPED: Answer.SKIPPED,
    SlotStatus.MISSED: Answer.MISSED, SlotStatus.PENDING: Answer.NOT_DUE,
}


def answer_of(outcome: SlotOutcome) -> Answer:
    return _ANSWERS[outcome.status]


def delay_text(minutes: int) -> str:
    """'+1 h 20 min', '+45 min', '−2 h': how far a dose was from its slot (minus when early)."""
    sign = "−" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest or not hours else [])
    return sign + " ".join(parts)


def timing_text(outcome: SlotOutcome) -> str:
    """How a taken dose stood to its slot, for the History's Status column: 'Taken late
    (+1 h 20 min)', 'Taken early (−1 h 5 min)', 'Taken' (on time); 'Skipped' and 'Missed' say
    themselves; 'Not yet due'."""
    answer = answer_of(outcome)
    delay = outcome.delay_minutes
    if answer is Answer.LATE and delay is not None:
        return f"Taken late ({delay_text(delay)})"
    if outcome.status is SlotStatus.EARLY and delay is not None:
        return f"Taken early ({delay_text(delay)})"
    return WORDS[answer].capitalize()


def answer_text(outcome: SlotOutcome) -> str:
    """The slot's answer as the summary writes it: 'Taken 08:05', 'Taken late 09:25
    (+1 h 25 min)', 'Taken early 06:50 (−1 h 10 min)', 'Skipped 08:10', 'Missed', 'Not yet due'."""
    intake = outcome.intake
    answer = answer_of(outcome)
    if intake is None or answer is Answer.MISSED or answer is Answer.NOT_DUE:
        return WORDS[answer].capitalize()
    if answer is Answer.SKIPPED:
        return f"Skipped {clock_text(intake.at)}"
    delay = outcome.delay_minutes
    if answer is Answer.LATE and delay is not None:
        return f"Taken late {clock_text(intake.at)} ({delay_text(delay)})"
    if outcome.status is SlotStatus.EARLY and delay is not None:
        return f"Taken early {clock_text(intake.at)} ({delay_text(delay)})"
    return f"Taken {clock_text(intake.at)}"


def scheduled_at(outcome: SlotOutcome, day_starts_at: time, tz: tzinfo) -> datetime:
    """When the slot was due: in the answering intake's own offset (the wall-clock time the plan
    meant where it was logged), or in zone `tz` for a slot nobody answered."""
    if outcome.intake is not None:
        return dose_instant_for(outcome.dose, outcome.intake, day_starts_at)
    return dose_instant(outcome.dose, day_starts_at, tz)


def expected_steps(steps: Iterable[PlanStep], medications: Iterable[Medication],
                   day_starts_at: time) -> list[PlanStep]:
    """The steps whose slots a caregiver expects answers to: those of an archived medication end
    the day before the diary day it was archived on (the Today view shows none of its slots
    from then on), so that stopping a medication does not make every day after it a missed dose.
    """
    archived = {m.id: local_day(m.archived_at, day_starts_at)
                for m in medications if m.archived_at is not None}
    kept: list[PlanStep] = []
    for step in steps:
        stopped = archived.get(step.medication_id)
        if stopped is None:
            kept.append(step)
        elif step.start < stopped:
            last = stopped - timedelta(days=1)
            kept.append(step if step.end is not None and step.end <= last
                        else replace(step, end=last))
    return kept


def first_expected_day(steps: Iterable[PlanStep]) -> date | None:
    """The first day a scheduled (not as-needed) step covers: no dose was missed before it."""
    return min((s.start for s in steps if not s.as_needed), default=None)


@dataclass(frozen=True)
class MissedDose:
    """A scheduled dose with no taken or skipped intake answering it, its window closed: a row
    of the History though nothing is stored for it. `at` is when it was due, in the reader's
    zone."""

    medication_id: int
    slot: Slot
    amount: int
    at: datetime


def missed_dose(outcome: SlotOutcome, day_starts_at: time, tz: tzinfo) -> MissedDose:
    return MissedDose(outcome.medication_id, outcome.slot, outcome.planned_amount,
                      dose_instant(outcome.dose, day_starts_at, tz))


def days_of(low: datetime, high: datetime, day_starts_at: time,
            tz: tzinfo) -> tuple[date, date]:
    """The diary days whose slots can fall from `low` to `high` when placed in zone `tz`: a day
    more on each side, for a slot after midnight that belongs to the day before."""
    first = local_day(low.astimezone(tz), day_starts_at) - timedelta(days=1)
    last = local_day(high.astimezone(tz), day_starts_at) + timedelta(days=1)
    return first, last


@dataclass(frozen=True)
class Stretch:
    """What a stretch of diary days holds: every slot's outcome, and the missed doses whose time
    fell inside (low, high], newest first."""

    outcomes: list[SlotOutcome]
    missed: list[MissedDose]


def missed_between(
    steps: Sequence[PlanStep],
    intakes: Iterable[Intake],
    days: tuple[date, date],
    bounds: tuple[datetime | None, datetime | None],
    now: datetime,
    day_starts_at: time,
    tz: tzinfo,
    on_time_window: timedelta,
) -> Stretch:
    """The outcomes of diary days `days` (both included; `intakes` must hold those days'), and
    the missed doses among them due after `bounds[0]` and at or before `bounds[1]` (None: no
    bound), newest first, then by medication."""
    start, end = days
    outcomes = adherence(steps, intakes, start, end, now, day_starts_at, tz, on_time_window)
    low, high = bounds
    missed = [m for m in (missed_dose(o, day_starts_at, tz) for o in outcomes
                          if o.status is SlotStatus.MISSED)
              if (low is None or m.at > low) and (high is None or m.at <= high)]
    missed.sort(key=lambda m: (-m.at.timestamp(), m.medication_id))
    return Stretch(outcomes, missed)
