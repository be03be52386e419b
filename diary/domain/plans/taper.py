"""The taper rules: stopping a `taper_required` medication abruptly is dangerous (the label's
warning), so a plan that ends without a taper, or scheduled doses left unlogged for more than a
day, are findings; and the doses of a day that were missed. `safety` re-exports all of it."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
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
from diary.domain.findings import Finding
from diary.domain.findings import FindingKind
from diary.domain.findings import Severity
from diary.domain.plans.steps import ScheduledDose
from diary.domain.plans.steps import ends_with_taper
from diary.domain.plans.steps import plan_end
from diary.domain.stats import SlotStatus
from diary.domain.stats import adherence
from diary.domain.stats import dose_instant
from diary.domain.stats import dose_instant_for
from diary.domain.stats import match_intakes_to_slots
from diary.domain.stats import scheduled_doses
from diary.domain.templates import withdrawal_warning
from diary.domain.wording import day_text

RECENT_END_DAYS = 14  # a plan that ended longer ago than this is history, not a warning
UNLOGGED_AFTER = timedelta(hours=24)
UNLOGGED_LOOKBACK_DAYS = 14


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
    *,
    on_time_window: timedelta = timedelta(0),
) -> list[Finding]:
    """For a `taper_required` medication: a plan that ends (or ended in the last RECENT_END_DAYS)
    without a taper (`ends_with_taper`), and scheduled doses with no taken intake for over 24 hours
    (`first_unlogged_dose`, which alone reads `on_time_window`, the diary's: pass it unless only
    the plan's end is asked). Each message carries the label's warning."""
    if not medication.taper_required or medication.id is None:
        return []
    taken = _taken(medication.id, intakes, now)
    return taper_findings_since(medication, steps, _last(taken), lambda: taken, now,
                                day_starts_at, tz, on_time_window=on_time_window)


def taper_findings_since(
    medication: Medication,
    steps: Sequence[PlanStep],
    last: Intake | None,
    read_intakes: Callable[[], Iterable[Intake]],
    now: datetime,
    day_starts_at: time,
    tz: tzinfo,
    *,
    on_time_window: timedelta,
) -> list[Finding]:
    """`taper_findings` over the intakes `read_intakes` returns, told `last`: the one of them
    `last_taken` picks (None when it picks none). `read_intakes` is called only when a dose may
    have gone unlogged since `last`, which is seldom: a caller holding the last taken dose need
    not read the others."""
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
            f"{medication.name}: the plan ends on {day_text(end)} without a taper. {warning}",
            medication.id,
            day=end,
        ))
    medication_id = medication.id
    dose = _first_unlogged(medication_id, steps, last,
                           lambda: _taken(medication_id, read_intakes(), now),
                           now, day_starts_at, tz, on_time_window)
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
    *,
    on_time_window: timedelta,
) -> ScheduledDose | None:
    """The first scheduled dose after the last taken dose that no taken intake answers, when it was
    due more than 24 hours before `now` (UNLOGGED_AFTER); None otherwise.

    Only doses of the last UNLOGGED_LOOKBACK_DAYS diary days count, so an old gap in the records
    does not warn forever. Intakes answer slots by `stats.match_intakes_to_slots`, each read in its
    own UTC offset, so doses logged on a journey still answer their slots; `tz` (the zone at
    `now`) places only the slots nobody answered. A skipped intake is not a taken dose: skipping
    for a day is exactly the abrupt stop the label warns about.
    """
    taken = _taken(medication_id, intakes, now)
    return _first_unlogged(medication_id, steps, _last(taken), lambda: taken, now,
                           day_starts_at, tz, on_time_window)


def last_taken(medication_id: int, intakes: Iterable[Intake], now: datetime) -> Intake | None:
    """The last dose the unlogged-dose rule measures from: of the taken, live intakes of the
    medication at or before `now`, the latest, and of several at that instant the first given."""
    return _last(_taken(medication_id, intakes, now))


def _taken(medication_id: int, intakes: Iterable[Intake], now: datetime) -> list[Intake]:
    return [
        i for i in intakes
        if i.medication_id == medication_id and i.status is IntakeStatus.TAKEN
        and i.deleted_at is None and i.at <= now
    ]


def _last(taken: list[Intake]) -> Intake | None:
    return max(taken, key=lambda i: i.at, default=None)


def _first_unlogged(
    medication_id: int,
    steps: Sequence[PlanStep],
    last: Intake | None,
    read_taken: Callable[[], list[Intake]],
    now: datetime,
    day_starts_at: time,
    tz: tzinfo,
    window: timedelta,
) -> ScheduledDose | None:
    """`first_unlogged_dose` told `last`, the last of the taken intakes `read_taken` returns."""
    today = local_day(now.astimezone(tz), day_starts_at)
    first_day = today - timedelta(days=UNLOGGED_LOOKBACK_DAYS)
    # Only a dose after the last taken one, due more than UNLOGGED_AFTER ago, can be the one: the
    # first unanswered dose since the last taken one is either such a dose or too recent to warn.
    # A slot is compared with the last dose in that dose's own offset, where a slot of a diary
    # day before the last dose's is always earlier; a slot nobody answered is due at its time in
    # `tz`.
    since = first_day if last is None else max(first_day, local_day(last.at, day_starts_at))
    overdue = [
        (due, d) for d in _doses(medication_id, steps, since, today, day_starts_at, window)
        if last is None or dose_instant_for(d, last, day_starts_at) > last.at
        for due in (dose_instant(d, day_starts_at, tz),)
        if now - due > UNLOGGED_AFTER
    ]
    if not overdue:  # the usual case: the intakes need not even be matched to the slots
        return None
    doses = _doses(medication_id, steps, first_day, today, day_starts_at, window)
    answered = match_intakes_to_slots(doses, read_taken(), day_starts_at, tz)
    unanswered = [(due, d) for due, d in overdue if d not in answered]
    return min(unanswered, key=lambda pair: pair[0])[1] if unanswered else None


def _doses(medication_id: int, steps: Sequence[PlanStep], start: date, end: date,
           day_starts_at: time, window: timedelta) -> list[ScheduledDose]:
    return [d for d in scheduled_doses(steps, start, end, day_starts_at, on_time_window=window)
            if d.medication_id == medication_id]
