"""Checking a dose and recording it, in one transaction: the program's one read-check-save.

Every way a dose is recorded or changed goes through here: `log dose` on the command line, the
Today view (a slot's "Take now" or "Other…", the as-needed form), a reminder's Taken, and an edit
or restore in History. Inside one `store.write()` transaction, `check_and_add` and
`check_and_edit` read what the verdict needs (the day's intakes of the medication, the nearest
taken dose on any day, leaving out the intake being edited, the plan steps), compute the domain's
verdict and write only when nothing needs a confirmation, or when `confirmed`. A caller that
must ask the user calls once with `confirmed=False` (nothing is written, the outcome carries the
verdict to show), then again with `confirmed=True` and the verdict it showed as `seen`: the
dose is checked again and saved atomically, unless the re-check finds something the user was not
shown (another program logged a dose meanwhile), in which case nothing is written and the new
verdict is returned to show. A second writer cannot slip a dose in between check and save: one
that writes after this transaction has read makes the save fail (sqlite3.OperationalError,
SQLITE_BUSY_SNAPSHOT), and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import tzinfo

from diary.domain.daytime import local_day
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.safety import DoseVerdict
from diary.domain.safety import beyond_plan
from diary.domain.safety import check_dose
from diary.domain.safety import check_timing
from diary.domain.stats import answered_slot
from diary.domain.validation import valid_intake
from diary.storage.store import DiaryStore


@dataclass(frozen=True)
class DoseOutcome:
    """What a dosing call found and did.

    `draft` is the dose as checked (validated; a new dose without a slot linked to the slot it
    answers, as the command line links it); `verdict` every finding about it, the day worded
    ("today", or the day's name); `saved` the intake as now stored, None when nothing was written
    because the verdict needs the user's confirmation; `before`, for an edit or a restore, the
    intake as it was (for undo)."""

    medication: Medication
    draft: Intake
    verdict: DoseVerdict
    saved: Intake | None = None
    before: Intake | None = None

    @property
    def needs_confirmation(self) -> bool:
        """Nothing was written: ask the user with `verdict.to_confirm`, then call again."""
        return self.saved is None


def assess_dose(store: DiaryStore, draft: Intake, tz: tzinfo, *, now: datetime | None = None,
                timing: bool = False) -> DoseOutcome:
    """The verdict on recording `draft` (a new dose, or an edit when it has an id), written
    nowhere: for a preview while the user types. Raises ValidationError for a value the diary
    would refuse."""
    return _assess(store, draft, tz, now, timing)


def check_and_add(store: DiaryStore, draft: Intake, tz: tzinfo, *, confirmed: bool,
                  seen: DoseVerdict | None = None, now: datetime | None = None,
                  timing: bool = False) -> DoseOutcome:
    """Check `draft` and add it, in one transaction.

    Written when the verdict needs no confirmation, or when `confirmed` (and, with `seen`, the
    re-check shows nothing worse than `seen` did). `timing` adds the window's timing findings
    (`safety.check_timing`, with the diary's on-time window), which need a confirmation too.
    `tz` is the reader's zone and `now` the moment of "today" (default: the store's clock)."""
    with store.write():
        outcome = _assess(store, draft, tz, now, timing)
        if not _may_write(outcome.verdict, confirmed, seen):
            return outcome
        saved = store.intakes.insert(outcome.medication, outcome.draft)
    return replace(outcome, saved=saved)


def check_and_edit(store: DiaryStore, intake: Intake, tz: tzinfo, *, confirmed: bool,
                   seen: DoseVerdict | None = None, now: datetime | None = None) -> DoseOutcome:
    """Store `intake` (same id) with its values, live, in one transaction: an edit, or the
    restore of a deleted intake (`restore_values` gives what to pass).

    The verdict is that of a new dose with these values, the intake itself left out of the
    day's total and of the minimum interval. It needs a confirmation only when the change moves
    the dose (medication, time, amount, status) or brings a deleted one back: a corrected note
    is saved as it is. Returns `before`, the intake as it was."""
    assert intake.id is not None, "an edit needs the id of the intake"
    with store.write():
        before = store.intakes.get(intake.id)
        outcome = _assess(store, replace(intake, deleted_at=None), tz, now, False)
        moved = before.deleted_at is not None or _dose_of(before) != _dose_of(outcome.draft)
        if moved and not _may_write(outcome.verdict, confirmed, seen):
            return replace(outcome, before=before)
        store.intakes.edit(outcome.draft)
        if before.deleted_at is not None:
            store.intakes.restore(intake.id)
        saved = store.intakes.get(intake.id)
    return replace(outcome, saved=saved, before=before)


def restore_values(store: DiaryStore, intake_id: int) -> Intake:
    """A deleted intake as stored, live again: what `check_and_edit` restores."""
    return replace(store.intakes.get(intake_id), deleted_at=None)


def _assess(store: DiaryStore, draft: Intake, tz: tzinfo, now: datetime | None,
            timing: bool) -> DoseOutcome:
    med = store.medications.get(draft.medication_id)
    assert med.id is not None
    moment = store.clock() if now is None else now
    draft = valid_intake(draft, med.unit, moment)
    info = store.info()
    day_starts_at = info.day_starts_at
    day: date = local_day(draft.at, day_starts_at)
    today = local_day(moment.astimezone(tz), day_starts_at)
    steps = store.plans.steps(med.id)
    day_intakes = store.intakes.between(day, day, med.id)
    window = timedelta(minutes=info.on_time_window_minutes)
    if draft.id is None and draft.slot is None:
        draft = replace(draft, slot=answered_slot(draft, steps, day_intakes, day, day_starts_at,
                                                  tz, on_time_window=window))
    # The minimum interval is measured from the nearest taken dose either side, on any day.
    nearest = store.intakes.nearest_taken(med.id, draft.at, exclude_id=draft.id)
    verdict = check_dose(med, draft, day_intakes, nearest, steps, day_starts_at, today)
    findings = list(verdict.findings)
    if timing:
        findings.extend(check_timing(med, draft, day_intakes, nearest, window, day_starts_at))
    beyond = beyond_plan(med, draft, day_intakes, steps, day_starts_at, today)
    if beyond is not None:
        findings.append(beyond)
    return DoseOutcome(med, draft, DoseVerdict(tuple(findings)))


def _may_write(verdict: DoseVerdict, confirmed: bool, seen: DoseVerdict | None) -> bool:
    if not verdict.needs_confirmation:
        return True
    return confirmed and (seen is None or verdict.covered_by(seen))


def _dose_of(intake: Intake) -> tuple[object, ...]:
    return (intake.medication_id, intake.at, intake.amount, intake.status)
