"""Safety rules as pure functions returning structured findings the UI, CLI and report can show.

A dose over the max daily amount or inside the minimum interval *breaks a rule*: the CLI refuses it
without --force and the UI asks for explicit confirmation. A dose that differs from the plan is
only a notice. The taper rules remind that stopping a `taper_required` medication abruptly is
dangerous. None of this is medical advice: the findings restate the label and the user's own plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from diary.domain.daytime import DEFAULT_DAY_STARTS_AT, local_day
from diary.domain.durations import duration_text
from diary.domain.entities import Intake, IntakeStatus, Medication, PlanStep, Slot
from diary.domain.plan import ScheduledDose, ends_with_taper, plan_end, step_on
from diary.domain.stats import (
    SlotStatus,
    adherence,
    dose_instant,
    dose_instant_for,
    match_intakes_to_slots,
    scheduled_doses,
)
from diary.domain.templates import BACLOFEN_WITHDRAWAL_WARNING as BACLOFEN_WITHDRAWAL_WARNING
from diary.domain.templates import withdrawal_warning
from diary.domain.units import format_amount

RECENT_END_DAYS = 14  # a plan that ended longer ago than this is history, not a warning
UNLOGGED_AFTER = timedelta(hours=24)
UNLOGGED_LOOKBACK_DAYS = 14


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    DANGER = "danger"


class FindingKind(StrEnum):
    OVER_MAX_DAILY = "over_max_daily"
    INSIDE_MIN_INTERVAL = "inside_min_interval"
    DIFFERS_FROM_PLAN = "differs_from_plan"
    NO_PLAN_STEP = "no_plan_step"
    PLAN_ENDS_WITHOUT_TAPER = "plan_ends_without_taper"
    DOSES_UNLOGGED = "doses_unlogged"


# The kinds that need --force or an explicit confirmation before a dose is recorded.
RULE_KINDS = frozenset({FindingKind.OVER_MAX_DAILY, FindingKind.INSIDE_MIN_INTERVAL})


@dataclass(frozen=True)
class Finding:
    """One thing worth telling the user. `amount` says by how much (thousandths of the unit; over
    the max, or proposed minus planned); `minutes` by how long (short of the minimum interval)."""

    kind: FindingKind
    severity: Severity
    message: str
    medication_id: int | None
    amount: int | None = None
    minutes: int | None = None
    slot: Slot | None = None
    day: date | None = None


@dataclass(frozen=True)
class DoseVerdict:
    findings: tuple[Finding, ...] = ()

    @property
    def breaks_rule(self) -> bool:
        """True when recording the dose needs --force or an explicit confirmation."""
        return any(f.kind in RULE_KINDS for f in self.findings)

    @property
    def rule_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind in RULE_KINDS)


def check_max_daily(
    medication: Medication, taken_today_total: int, proposed_amount: int
) -> Finding | None:
    """Would this dose take the diary day over the max daily amount? Exactly the max is allowed."""
    if medication.max_daily is None:
        return None
    total = taken_today_total + proposed_amount
    over = total - medication.max_daily
    if over <= 0:
        return None
    unit = medication.unit
    return Finding(
        FindingKind.OVER_MAX_DAILY,
        Severity.DANGER,
        f"{medication.name}: this dose would take today to {format_amount(total, unit)}, "
        f"{format_amount(over, unit)} over the {format_amount(medication.max_daily, unit)} "
        "maximum per day.",
        medication.id,
        amount=over,
    )


def check_min_interval(
    medication: Medication, previous_taken_at: datetime | None, proposed_at: datetime
) -> Finding | None:
    """Is the dose closer than the minimum interval to another taken dose? Exactly the interval is
    allowed. The gap is measured either way, so a dose entered afterwards between two is caught."""
    interval = medication.min_interval_minutes
    if interval is None or previous_taken_at is None:
        return None
    gap = abs(proposed_at - previous_taken_at)
    needed = timedelta(minutes=interval)
    if gap >= needed:
        return None
    short = needed - gap
    other = previous_taken_at.astimezone(proposed_at.tzinfo)
    gap_minutes = int(gap.total_seconds() // 60)
    short_minutes = -int(-short.total_seconds() // 60)  # round up: never report 0 minutes short
    return Finding(
        FindingKind.INSIDE_MIN_INTERVAL,
        Severity.DANGER,
        f"{medication.name}: only {duration_text(gap_minutes)} from the dose at {other:%H:%M}; the "
        f"minimum interval is {duration_text(interval)} ({duration_text(short_minutes)} short).",
        medication.id,
        minutes=short_minutes,
    )


def check_plan_difference(
    medication: Medication, step: PlanStep | None, proposed_amount: int, day: date | None = None
) -> Finding | None:
    """A notice when the dose differs from the plan step of its day, or the day has no step."""
    unit = medication.unit
    if step is None:
        return Finding(
            FindingKind.NO_PLAN_STEP,
            Severity.INFO,
            f"{medication.name}: there is no plan step for this day.",
            medication.id,
            day=day,
        )
    if step.amount == proposed_amount:
        return None
    return Finding(
        FindingKind.DIFFERS_FROM_PLAN,
        Severity.WARNING,
        f"{medication.name}: {format_amount(proposed_amount, unit)} differs from the planned "
        f"{format_amount(step.amount, unit)} per dose.",
        medication.id,
        amount=proposed_amount - step.amount,
        day=day,
    )


def _counts(intake: Intake, proposed: Intake) -> bool:
    """A taken, live intake of the same medication, other than the one being edited."""
    return (
        intake.status is IntakeStatus.TAKEN
        and intake.deleted_at is None
        and intake.medication_id == proposed.medication_id
        and (proposed.id is None or intake.id != proposed.id)
    )


def check_dose(
    medication: Medication,
    proposed: Intake,
    day_intakes: Sequence[Intake],
    previous_taken: Intake | None,
    steps: Sequence[PlanStep],
    day_starts_at: time = DEFAULT_DAY_STARTS_AT,
) -> DoseVerdict:
    """Every finding about recording `proposed`.

    `day_intakes` are the intakes of the same medication on the same diary day; `previous_taken` is
    the last taken dose before it (possibly the day before, for the minimum interval). Skipped,
    deleted and other medications' intakes are ignored here anyway, as is the proposed intake
    itself when it is an edit (same id). A skipped proposed intake breaks no rule.
    """
    if proposed.status is IntakeStatus.SKIPPED:
        return DoseVerdict()
    others = [i for i in day_intakes if _counts(i, proposed)]
    # The last dose before is often one of the same day's: count it once.
    if (previous_taken is not None and _counts(previous_taken, proposed)
            and previous_taken not in others):
        others.append(previous_taken)
    # Totals follow the one local-day rule, as the stored daily totals do; the plan step is the
    # one of the slot the dose answers, which may be the evening before.
    day = local_day(proposed.at, day_starts_at)
    plan_day = proposed.slot.day if proposed.slot else day
    nearest = min(others, key=lambda i: abs(i.at - proposed.at), default=None)
    taken_today = sum(i.amount for i in others if local_day(i.at, day_starts_at) == day)
    findings = (
        check_max_daily(medication, taken_today, proposed.amount),
        check_min_interval(medication, nearest.at if nearest else None, proposed.at),
        check_plan_difference(
            medication, step_on(steps, proposed.medication_id, plan_day), proposed.amount,
            plan_day,
        ),
    )
    return DoseVerdict(tuple(f for f in findings if f is not None))


def missed_slots(
    steps: Sequence[PlanStep],
    intakes: Iterable[Intake],
    day: date,
    now: datetime,
    day_starts_at: time,
    tz: tzinfo,
    on_time_window: timedelta,
) -> list[ScheduledDose]:
    """The doses of diary day `day` whose slot time + window has passed with no taken or skipped
    intake answering them (see `stats.match_intakes_to_slots`). Each names medication and slot."""
    outcomes = adherence(steps, intakes, day, day, now, day_starts_at, tz, on_time_window)
    return [o.dose for o in outcomes if o.status is SlotStatus.MISSED]


def taper_findings(
    medication: Medication,
    steps: Sequence[PlanStep],
    intakes: Iterable[Intake],
    now: datetime,
    day_starts_at: time,
    tz: tzinfo,
) -> list[Finding]:
    """For a `taper_required` medication: a plan that ends (or ended in the last RECENT_END_DAYS)
    without a taper (`ends_with_taper`), and scheduled doses with no taken intake for over 24 hours
    (`first_unlogged_dose`). Each message carries the label's warning."""
    if not medication.taper_required or medication.id is None:
        return []
    warning = withdrawal_warning(medication)
    findings: list[Finding] = []
    end = plan_end(steps, medication.id)
    today = local_day(now.astimezone(tz), day_starts_at)
    recent = end is not None and end >= today - timedelta(days=RECENT_END_DAYS)
    if end is not None and recent and not ends_with_taper(steps, medication.id, end):
        findings.append(Finding(
            FindingKind.PLAN_ENDS_WITHOUT_TAPER,
            Severity.WARNING,
            f"{medication.name}: the plan ends on {end:%a %d %b %Y} without a taper. {warning}",
            medication.id,
            day=end,
        ))
    dose = first_unlogged_dose(medication.id, steps, intakes, now, day_starts_at, tz)
    if dose is not None:
        due = dose_instant(dose, day_starts_at, tz)
        findings.append(Finding(
            FindingKind.DOSES_UNLOGGED,
            Severity.WARNING,
            f"{medication.name}: no dose has been recorded as taken since the {due:%H:%M} dose of "
            f"{due:%a %d %b} was due, more than 24 hours ago, although the plan expects doses. "
            f"{warning}",
            medication.id,
            slot=dose.slot,
            day=dose.slot.day,
        ))
    return findings


def first_unlogged_dose(
    medication_id: int,
    steps: Sequence[PlanStep],
    intakes: Iterable[Intake],
    now: datetime,
    day_starts_at: time,
    tz: tzinfo,
) -> ScheduledDose | None:
    """The first scheduled dose after the last taken dose that no taken intake answers, when it was
    due more than 24 hours before `now` (UNLOGGED_AFTER); None otherwise.

    Only doses of the last UNLOGGED_LOOKBACK_DAYS diary days count, so an old gap in the records
    does not warn forever. Intakes answer slots by `stats.match_intakes_to_slots`, each read in its
    own UTC offset, so doses logged on a journey still answer their slots; `tz` (the zone at
    `now`) places only the slots nobody answered. A skipped intake is not a taken dose: skipping
    for a day is exactly the abrupt stop the label warns about.
    """
    today = local_day(now.astimezone(tz), day_starts_at)
    first_day = today - timedelta(days=UNLOGGED_LOOKBACK_DAYS)
    doses = [
        d for d in scheduled_doses(steps, first_day, today, day_starts_at)
        if d.medication_id == medication_id
    ]
    taken = [
        i for i in intakes
        if i.medication_id == medication_id and i.status is IntakeStatus.TAKEN
        and i.deleted_at is None and i.at <= now
    ]
    answered = match_intakes_to_slots(doses, taken, day_starts_at, tz)
    last = max(taken, key=lambda i: i.at, default=None)
    # A slot is compared with the last dose in that dose's own offset; a slot nobody answered is
    # due at its time in `tz`.
    unanswered = [
        d for d in doses
        if d not in answered
        and dose_instant(d, day_starts_at, tz) <= now
        and (last is None or dose_instant_for(d, last, day_starts_at) > last.at)
    ]
    first = min(unanswered, key=lambda d: dose_instant(d, day_starts_at, tz), default=None)
    if first is None or now - dose_instant(first, day_starts_at, tz) <= UNLOGGED_AFTER:
        return None
    return first
