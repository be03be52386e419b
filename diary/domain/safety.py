"""Safety rules as pure functions returning structured findings the UI, CLI and report can show.

A dose over the max daily amount or inside the minimum interval *breaks a rule*: the CLI refuses it
without --force and the UI asks for explicit confirmation. A dose that differs from the plan, or
goes beyond it (more doses, or more in the day, than the plan has), is only a notice. The window
also asks about timing (`check_timing`): a dose taken for a slot well before that slot's on-time
window, or a second dose within that window of another, which is how one click or one Enter too
many records a dose twice. The taper rules remind that stopping a `taper_required` medication
abruptly is dangerous (`taper`, re-exported here with the finding types of `findings`). None of
this is medical advice: the findings restate the label and the user's own plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from diary.domain.daytime import DEFAULT_DAY_STARTS_AT
from diary.domain.daytime import local_day
from diary.domain.daytime import slot_instant
from diary.domain.durations import duration_text
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.findings import CONFIRM_KINDS as CONFIRM_KINDS
from diary.domain.findings import RULE_KINDS as RULE_KINDS
from diary.domain.findings import TIMING_KINDS as TIMING_KINDS
from diary.domain.findings import DoseVerdict as DoseVerdict
from diary.domain.findings import Finding as Finding
from diary.domain.findings import FindingKind as FindingKind
from diary.domain.findings import Severity as Severity
from diary.domain.plans.steps import step_on
from diary.domain.plans.taper import RECENT_END_DAYS as RECENT_END_DAYS
from diary.domain.plans.taper import UNLOGGED_AFTER as UNLOGGED_AFTER
from diary.domain.plans.taper import UNLOGGED_LOOKBACK_DAYS as UNLOGGED_LOOKBACK_DAYS
from diary.domain.plans.taper import first_unlogged_dose as first_unlogged_dose
from diary.domain.plans.taper import missed_slots as missed_slots
from diary.domain.plans.taper import taper_findings as taper_findings
from diary.domain.stats import own_offset
from diary.domain.templates import BACLOFEN_WITHDRAWAL_WARNING as BACLOFEN_WITHDRAWAL_WARNING
from diary.domain.units import format_amount
from diary.domain.wording import clock_text
from diary.domain.wording import day_or_today


def check_max_daily(
    medication: Medication,
    taken_today_total: int,
    proposed_amount: int,
    *,
    day: date | None = None,
    today: date | None = None,
) -> Finding | None:
    """Would this dose take the diary day over the max daily amount? Exactly the max is allowed.
    With `day` (the dose's diary day) and `today`, a day other than today is named ("would take
    Fri 20 Nov 2026 to ...") instead of being called today."""
    if medication.max_daily is None:
        return None
    total = taken_today_total + proposed_amount
    over = total - medication.max_daily
    if over <= 0:
        return None
    unit = medication.unit
    when = "today" if day is None else day_or_today(day, today)
    return Finding(
        FindingKind.OVER_MAX_DAILY,
        Severity.DANGER,
        f"{medication.name}: this dose would take {when} to {format_amount(total, unit)}, "
        f"{format_amount(over, unit)} over the {format_amount(medication.max_daily, unit)} "
        "maximum per day.",
        medication.id,
        amount=over,
        day=day,
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
        f"{medication.name}: only {duration_text(gap_minutes)} from the dose at "
        f"{clock_text(other)}; the minimum interval is {duration_text(interval)} "
        f"({duration_text(short_minutes)} short).",
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
    today: date | None = None,
) -> DoseVerdict:
    """Every finding about recording `proposed`.

    `day_intakes` are the intakes of the same medication on the same diary day; `previous_taken` is
    the last taken dose before it (possibly the day before, for the minimum interval). Skipped,
    deleted and other medications' intakes are ignored here anyway, as is the proposed intake
    itself when it is an edit (same id). A skipped proposed intake breaks no rule. With `today`
    (the diary day of now), a dose of another day is worded with that day's name.
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
        check_max_daily(medication, taken_today, proposed.amount,
                        day=None if today is None else day, today=today),
        check_min_interval(medication, nearest.at if nearest else None, proposed.at),
        check_plan_difference(
            medication, step_on(steps, proposed.medication_id, plan_day), proposed.amount,
            plan_day,
        ),
    )
    return DoseVerdict(tuple(f for f in findings if f is not None))


def beyond_plan(
    medication: Medication,
    dose: Intake,
    day_intakes: Sequence[Intake],
    steps: Sequence[PlanStep],
    day_starts_at: time,
    today: date | None = None,
) -> Finding | None:
    """A notice when a taken dose goes beyond the plan of its diary day: more doses than the
    plan's count, or a day's total above the plan's daily amount. (`check_dose` compares the dose
    only with the planned amount per dose.) None for an as-needed step or a day without one,
    which `check_dose` reports itself. `day_intakes` are as for `check_dose`; the dose itself,
    when it is an edit, is counted once, with its new values."""
    day = local_day(dose.at, day_starts_at)
    step = step_on(steps, dose.medication_id, day)
    if dose.status is not IntakeStatus.TAKEN or dose.deleted_at is not None or step is None \
            or step.as_needed:
        return None
    taken = [i for i in day_intakes
             if _counts(i, dose) and local_day(i.at, day_starts_at) == day] + [dose]
    when = day_or_today(day, today)
    on = when if when == "today" else f"on {when}"
    unit = medication.unit
    parts = []
    if len(taken) > len(step.times):
        parts.append(f"{len(taken)} doses taken {on}, and the plan has {len(step.times)} a day")
    total = sum(i.amount for i in taken)
    if total > step.daily_amount:
        parts.append(f"{format_amount(total, unit)} taken {on}, above the planned "
                     f"{format_amount(step.daily_amount, unit)}/day")
    if not parts:
        return None
    return Finding(
        FindingKind.BEYOND_PLAN,
        Severity.WARNING,
        f"{medication.name}: beyond the plan: {'; '.join(parts)}.",
        medication.id,
        amount=total - step.daily_amount if total > step.daily_amount else None,
        day=day,
    )


def check_timing(
    medication: Medication,
    proposed: Intake,
    day_intakes: Sequence[Intake],
    previous_taken: Intake | None,
    window: timedelta,
    day_starts_at: time = DEFAULT_DAY_STARTS_AT,
) -> tuple[Finding, ...]:
    """What the window asks about before recording a taken dose (inputs as for `check_dose`;
    `window` is the diary's on-time window):

    - EARLY_FOR_SLOT: the dose answers a slot more than `window` before that slot's time (one
      click on "Take now" hours ahead);
    - NEAR_ANOTHER_DOSE: another taken dose of the medication is less than `window` away (a
      second Enter, or a dose recorded twice), unless the minimum interval already says so.

    `minutes` is how far early beyond the slot's time, or how far inside the window: both
    shrink as time passes."""
    if proposed.status is IntakeStatus.SKIPPED:
        return ()
    findings: list[Finding] = []
    slot = proposed.slot
    if slot is not None:
        due = slot_instant(slot.day, slot.time, day_starts_at, own_offset(proposed.at))
        early = due - proposed.at
        if early > window:
            early_minutes = -int(-early.total_seconds() // 60)
            findings.append(Finding(
                FindingKind.EARLY_FOR_SLOT,
                Severity.WARNING,
                f"{medication.name}: {clock_text(proposed.at)} is {duration_text(early_minutes)} "
                f"before the {clock_text(slot.time)} dose is due, earlier than its on-time window "
                f"({duration_text(_minutes(window))}).",
                medication.id,
                minutes=early_minutes,
                slot=slot,
            ))
    others = [i for i in day_intakes if _counts(i, proposed)]
    if previous_taken is not None and _counts(previous_taken, proposed):
        others.append(previous_taken)
    nearest = min(others, key=lambda i: abs(i.at - proposed.at), default=None)
    if nearest is not None:
        gap = abs(nearest.at - proposed.at)
        interval = medication.min_interval_minutes
        said = interval is not None and gap < timedelta(minutes=interval)
        if gap < window and not said:
            gap_minutes = int(gap.total_seconds() // 60)
            inside = -int(-(window - gap).total_seconds() // 60)
            other = nearest.at.astimezone(proposed.at.tzinfo)
            findings.append(Finding(
                FindingKind.NEAR_ANOTHER_DOSE,
                Severity.WARNING,
                f"{medication.name}: a dose was already taken at {clock_text(other)}, "
                f"{duration_text(gap_minutes)} from this one: this would be a second dose within "
                f"{duration_text(_minutes(window))}.",
                medication.id,
                minutes=inside,
            ))
    return tuple(findings)


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)
