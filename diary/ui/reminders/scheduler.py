"""Reminders: a notice when a scheduled dose comes due, with Taken and Snooze.

`ReminderScheduler` decides *when*: it keeps one single-shot QTimer armed for the next moment
something can happen (the next unanswered slot, a snoozed reminder, the start of the next diary
day) and, when it fires, `check_now()` compares the plan with the diary at `session.now()`.
Tests move the session's clock and call `check_now()` themselves.

Rules, so that a reminder never pushes anyone towards a double dose:
- only scheduled slots of today's diary day, of medications that are not archived, remind
  (as-needed steps have no slots); a slot answered by a taken *or* skipped intake never reminds;
- a slot reminds once, at its time; when the program starts late, a slot still inside the
  diary's on-time window reminds at once, an older one does not (the Today view shows it missed);
- a reminder waits (is *pending*) until it is answered or snoozed, and is withdrawn when the next
  slot of the same medication comes due or the diary day ends: two reminders for one medication
  are never shown together;
- `take` logs the planned amount now, linked to its slot, on the undo stack, checked and saved in
  one transaction (storage.dosing) with the same verdict as every other path: a dose over the
  max daily amount, inside the minimum interval, or within the on-time window of another dose is
  not logged; `confirmation_needed` asks the window to raise itself and ask what happened, in the
  Today view's words ("Did you take it?", see `confirm_take`);
- a read-only session (a caregiver reviewing) and disabled reminders fire nothing.

The tray icon (reminder_tray.py) and the in-window banner (reminder_banner.py) only show what
the scheduler says and call `take` and `snooze`.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta

from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from diary.domain.daytime import day_bounds
from diary.domain.daytime import local_day
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.plans.steps import ScheduledDose
from diary.domain.plans.steps import expected_slots
from diary.domain.safety import DoseVerdict
from diary.domain.stats import dose_instant
from diary.domain.stats import match_intakes_to_slots
from diary.domain.units import format_amount
from diary.ui import edits
from diary.ui.edits.doses import add_dose
from diary.ui.edits.doses import ask_about_dose
from diary.ui.shell.session import DiarySession

SNOOZE_MINUTES = 10
# The timer never sleeps longer than this, so a suspended laptop or a changed system clock is
# noticed within minutes (QTimer counts monotonic time, the diary counts wall-clock time).
MAX_SLEEP = timedelta(minutes=5)
SETTINGS_KEY = "reminders/enabled"  # QSettings key the window may use to remember set_enabled


@dataclass(frozen=True)
class TakeResult:
    """What `take` did. `saved` is the logged intake; None when nothing was logged, because the
    verdict broke a rule (`needs_confirmation`), the slot was answered meanwhile or is no longer
    in the plan (`no_longer_due`), or the diary refused (`error`)."""

    dose: ScheduledDose
    verdict: DoseVerdict
    saved: Intake | None = None
    no_longer_due: bool = False
    error: str | None = None

    @property
    def needs_confirmation(self) -> bool:
        return (self.saved is None and self.error is None and not self.no_longer_due
                and self.verdict.needs_confirmation)


class ReminderScheduler(QObject):
    due = Signal(object)  # ScheduledDose: its time has come (again, after a snooze)
    pending_changed = Signal()  # the list of reminders waiting for an answer changed
    confirmation_needed = Signal(object, object)  # ScheduledDose, DoseVerdict: ask before logging
    taken = Signal(object)  # Intake: a reminder's dose was logged
    failed = Signal(str)  # the diary refused to log a dose; the message says why

    def __init__(self, session: DiarySession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)
        self._running = False
        self._enabled = True
        self._day: date | None = None
        self._pending: dict[ScheduledDose, None] = {}  # insertion-ordered set
        self._fired: set[ScheduledDose] = set()
        self._snoozed: dict[ScheduledDose, datetime] = {}
        self._next_wake: datetime | None = None
        session.changed.connect(self._on_changed)

    # --- switching on and off -----------------------------------------------------------------
    def start(self) -> None:
        self._running = True
        self.check_now()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()
        self._next_wake = None

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        if self.active:
            self.check_now()
        else:
            self._silence()

    def is_enabled(self) -> bool:
        return self._enabled

    @property
    def active(self) -> bool:
        """Started, enabled, and the diary can be written: only then does anything fire."""
        return self._running and self._enabled and not self.session.read_only

    # --- what is waiting ----------------------------------------------------------------------
    def pending(self) -> list[ScheduledDose]:
        """Reminders shown and not answered yet, oldest first."""
        return list(self._pending)

    def next_wake(self) -> datetime | None:
        """The next moment something can come due (a slot, a snoozed reminder, the next diary
        day), None while inactive. The timer looks then, and at least every MAX_SLEEP."""
        return self._next_wake

    def label(self, dose: ScheduledDose) -> str:
        """'Baclofen 20 mg'."""
        med = self.session.store.medications.get(dose.medication_id)
        return f"{med.name} {format_amount(dose.amount, med.unit)}"

    def describe(self, dose: ScheduledDose) -> str:
        """'Baclofen 20 mg (20:00)'."""
        return f"{self.label(dose)} ({dose.slot.time:%H:%M})"

    def due_text(self, dose: ScheduledDose) -> str:
        """'Baclofen 20 mg is due (20:00)'."""
        return f"{self.label(dose)} is due ({dose.slot.time:%H:%M})"

    # --- the clock ------------------------------------------------------------------------------
    def check_now(self) -> list[ScheduledDose]:
        """Fire every reminder due at the session's current time; re-arm the timer. Returns the
        doses that fired."""
        if not self.active:
            self._silence()
            return []
        store = self.session.store
        now = self.session.now()
        day_starts_at = store.info().day_starts_at
        window = timedelta(minutes=store.info().on_time_window_minutes)
        zone = now.tzinfo
        assert zone is not None
        today = local_day(now, day_starts_at)
        changed = self._roll_over(today)
        doses = self._doses(today)
        answered = match_intakes_to_slots(doses, store.intakes.between(today, today), day_starts_at)
        at = {d: dose_instant(d, day_starts_at, zone) for d in doses}
        latest_due: dict[int, datetime] = {}  # per medication, the last slot whose time came
        for dose in doses:
            if at[dose] <= now:
                latest_due[dose.medication_id] = at[dose]  # doses run in the order of the day

        def live(dose: ScheduledDose) -> bool:
            return (dose in at and dose not in answered
                    and at[dose] >= latest_due.get(dose.medication_id, at[dose]))

        # An answered reminder is forgotten, so that an undone answer brings it back.
        self._fired -= set(answered)
        for dose in [*self._pending, *self._snoozed]:
            if not live(dose):
                changed |= self._drop(dose)
        fire = [d for d in doses if live(d) and self._fires(d, at[d], now, window)]
        for dose in fire:
            self._fired.add(dose)
            self._pending[dose] = None
        if fire or changed:
            self.pending_changed.emit()
        for dose in fire:
            if dose in self._pending:  # a slot connected above may have answered it already
                self.due.emit(dose)
        self._arm(now, [at[d] for d in doses if live(d) and at[d] > now],
                  day_bounds(today, day_starts_at, zone)[1])
        return fire

    def _fires(self, dose: ScheduledDose, due: datetime, now: datetime,
               window: timedelta) -> bool:
        """Whether a live reminder fires now: its time has come and it is not on screen yet;
        snoozed, when its snooze is over (ending it); else once, within the on-time window."""
        if due > now or dose in self._pending:
            return False
        until = self._snoozed.get(dose)
        if until is not None:
            if until > now:
                return False
            del self._snoozed[dose]
            return True
        return dose not in self._fired and now - due <= window

    def _doses(self, day: date) -> list[ScheduledDose]:
        store = self.session.store
        active = {m.id for m in store.medications.all()}
        steps = [s for s in store.plans.steps() if s.medication_id in active]
        return expected_slots(steps, day, store.info().day_starts_at)

    def _roll_over(self, today: date) -> bool:
        """A new diary day: yesterday's reminders are over (the Today view shows what was
        missed). Returns whether the pending list changed."""
        if self._day == today:
            return False
        self._day = today
        before = len(self._pending)
        self._pending = {d: None for d in self._pending if d.slot.day >= today}
        self._snoozed = {d: t for d, t in self._snoozed.items() if d.slot.day >= today}
        self._fired = {d for d in self._fired if d.slot.day >= today}
        return len(self._pending) != before

    def _arm(self, now: datetime, upcoming: Sequence[datetime], day_end: datetime) -> None:
        wake = min([*upcoming, *(t for t in self._snoozed.values() if t > now), day_end])
        delay = min(wake - now, MAX_SLEEP)
        self._next_wake = wake
        self._timer.start(max(0, math.ceil(delay.total_seconds() * 1000)))

    def _silence(self) -> None:
        self._timer.stop()
        self._next_wake = None
        self._snoozed.clear()
        if self._pending:
            self._pending.clear()
            self.pending_changed.emit()

    def _on_changed(self) -> None:
        # A dose logged elsewhere answers a reminder; a plan edit moves the next one.
        if self.active:
            self.check_now()

    # --- answers ------------------------------------------------------------------------------
    def snooze(self, dose: ScheduledDose, minutes: int = SNOOZE_MINUTES) -> None:
        """Put the reminder away; it fires again `minutes` from now (unless answered first)."""
        self._snoozed[dose] = self.session.now() + timedelta(minutes=minutes)
        self._fired.add(dose)
        if dose in self._pending:
            del self._pending[dose]
            self.pending_changed.emit()
        if self.active:
            self.check_now()

    def take(self, dose: ScheduledDose, *, confirmed: bool = False,
             seen: DoseVerdict | None = None) -> TakeResult:
        """Log the dose as taken now, linked to its slot, as one undoable action.

        The dose is checked and saved in one transaction (storage.dosing, through
        ui.dosing.add_dose), with the window's timing checks. When the verdict needs a
        confirmation (over the max daily amount, inside the minimum interval, within the on-time
        window of another dose) nothing is logged unless `confirmed` (and, with `seen`, the
        re-check finds nothing worse than `seen`), and `confirmation_needed` asks the window to
        show the verdict (`confirm_take`). A slot answered meanwhile is not logged twice."""
        store = self.session.store
        med = store.medications.get(dose.medication_id)
        assert med.id is not None
        now = self.session.now()
        day_starts_at = store.info().day_starts_at
        slot_day = dose.slot.day
        planned = expected_slots(store.plans.steps(med.id), slot_day, day_starts_at)
        answered = match_intakes_to_slots(
            planned, store.intakes.between(slot_day, slot_day, med.id), day_starts_at
        )
        if dose not in planned or dose in answered:
            self._forget(dose)
            return TakeResult(dose, DoseVerdict(), no_longer_due=True)
        draft = Intake(med.id, now, dose.amount, IntakeStatus.TAKEN, slot=dose.slot)
        try:
            outcome = add_dose(
                self.session, draft, f"Log {self.describe(dose)}", confirmed=confirmed, seen=seen
            )
        except (*edits.STORE_ERRORS, sqlite3.Error) as exc:
            self.failed.emit(f"{self.describe(dose)} was not logged: {exc}")
            return TakeResult(dose, DoseVerdict(), error=str(exc))
        saved = outcome.saved
        if saved is None:
            self.confirmation_needed.emit(dose, outcome.verdict)
            return TakeResult(dose, outcome.verdict)
        self._forget(dose)
        self.taken.emit(saved)
        return TakeResult(dose, outcome.verdict, saved)

    def _forget(self, dose: ScheduledDose) -> None:
        self._fired.discard(dose)
        if self._drop(dose):
            self.pending_changed.emit()

    def _drop(self, dose: ScheduledDose) -> bool:
        """Withdraw a reminder, pending or snoozed; True when the pending list changed."""
        self._snoozed.pop(dose, None)
        if dose not in self._pending:
            return False
        del self._pending[dose]
        return True


def confirm_take(
    parent: QWidget | None, scheduler: ReminderScheduler, dose: ScheduledDose, verdict: DoseVerdict
) -> Intake | None:
    """Show the verdict that stopped `take`, ask what happened, and log the dose only when the
    person says they took it.

    The window connects `scheduler.confirmation_needed` to a slot that raises itself and calls
    this. The question is the one every dose path asks (`ui.dosing.ask_about_dose`, through
    `dialogs.ask_what_happened`, which tests replace): "Did you take it?", two plain answers,
    neither the default. Taken, the dose is checked again and logged in one transaction; should
    the re-check find more than was shown (another dose logged meanwhile), nothing is logged and
    `confirmation_needed` asks again. Not taken, or the question closed, nothing is logged and
    the reminder still waits."""
    if not ask_about_dose(parent, verdict):
        return None
    return scheduler.take(dose, confirmed=True, seen=verdict).saved
