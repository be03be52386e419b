"""Reminders: a notice when a scheduled dose comes due, with Taken, Skip and Snooze, that asks
again until it is answered; and, when this computer wants it, a heads-up a little before.

`ReminderScheduler` decides *when*: it keeps one single-shot QTimer armed for the next moment
something can happen and, when it fires, `check_now()` compares the plan with the diary at
`session.now()`; the rules are in timing.py (`ReminderState`). Tests move the session's clock and
call `check_now()` themselves. How often a reminder asks again and how long before a dose the
heads-up comes are this computer's preferences (preferences.py), read at every look at the clock
from the QSettings given, or else from the parent window's `settings`.

Rules, so that a reminder never pushes anyone towards a double dose:
- only scheduled slots of today's diary day, of medications that are not archived, remind
  (as-needed steps have no slots); a slot answered by a taken *or* skipped intake never reminds;
- a slot reminds at its time; when the program starts late or the computer wakes, an unanswered
  slot that no later slot of its medication has overtaken reminds at once before its deadline,
  saying it is late and when the next dose is ("Baclofen 20 mg was due at 08:00 — not recorded
  yet (next at 12:00)") once past the on-time window, as the Today view then shows it missed;
- a dose's deadline: past its on-time window, a dose asks only in the first half of the gap to
  its medication's next slot (08:00 and 12:00: until 10:00), at most REPEAT_FOR (3 hours) after
  its time, the last slot of the day until the day ends at the latest; later, Taken would invite
  two doses close together, so the reminder is withdrawn (the Today view shows it missed);
- a reminder waits (is *pending*) until it is answered or snoozed, asking again every few
  minutes, and is withdrawn at its deadline, when the next slot of the same medication comes due
  or when the diary day ends: two reminders for one medication are never shown together;
- a heads-up says when a dose comes ("Baclofen 20 mg at 14:00, in 10 minutes") and offers Taken
  only once the dose's on-time window has opened;
- `take` logs the planned amount now, linked to its slot, on the undo stack, checked and saved in
  one transaction (storage.dosing) with the same verdict as every other path: a dose over the
  max daily amount, inside the minimum interval, or within the on-time window of another dose is
  not logged; `confirmation_needed` asks the window to raise itself and ask what happened, in the
  Today view's words ("Did you take it?", see `confirm_take`); `skip` records it as skipped;
- a read-only session (a caregiver reviewing) and disabled reminders fire nothing.

The tray icon (tray.py), the desktop notifications (notifications.py) and the in-window banner
(banner.py) only show what the scheduler says and call `take`, `skip` and `snooze`.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta

from PySide6.QtCore import QObject
from PySide6.QtCore import QSettings
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from diary.domain.daytime import day_bounds
from diary.domain.daytime import local_day
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.plans.steps import ScheduledDose
from diary.domain.plans.steps import expected_slots
from diary.domain.safety import DoseVerdict
from diary.domain.stats import dose_instant
from diary.domain.stats import match_intakes_to_slots
from diary.domain.units import format_amount
from diary.domain.wording import clock_text
from diary.domain.wording import plural
from diary.ui import edits
from diary.ui.edits.doses import add_dose
from diary.ui.edits.doses import ask_about_dose
from diary.ui.reminders.preferences import ReminderPreferences
from diary.ui.reminders.preferences import reminder_preferences
from diary.ui.reminders.timing import MAX_SLEEP
from diary.ui.reminders.timing import ReminderState
from diary.ui.reminders.timing import minutes_until
from diary.ui.shell.session import DiarySession

SNOOZE_MINUTES = 10  # the one-click snooze
SNOOZE_CHOICES = (10, 30, 60)  # what "Snooze longer" and the tray offer


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
    due = Signal(object)  # ScheduledDose: its time has come (again: unanswered, or snoozed)
    heads_up = Signal(object)  # ScheduledDose: it comes soon (a notice, nothing to answer yet)
    pending_changed = Signal()  # the list of reminders waiting for an answer changed
    changed = Signal()  # anything the banner or the tray shows changed (pending, snoozed, next)
    snoozed = Signal(object, object)  # ScheduledDose, datetime: put away until then
    confirmation_needed = Signal(object, object)  # ScheduledDose, DoseVerdict: ask before logging
    taken = Signal(object)  # Intake: a reminder's dose was logged as taken
    failed = Signal(str)  # the diary refused to log a dose; the message says why

    def __init__(self, session: DiarySession, parent: QObject | None = None, *,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.session = session
        found = getattr(parent, "settings", None) if settings is None else settings
        self._settings = found if isinstance(found, QSettings) else None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)
        self._running = False
        self._enabled = True
        self._state = ReminderState()
        self._shown: tuple[object, ...] | None = None  # what `changed` last told
        self._next_wake: datetime | None = None
        self._answers: dict[ScheduledDose, Intake] = {}  # today's answered slots, at the last look
        session.changed.connect(self._on_changed)

    # --- switching on and off -----------------------------------------------------------------
    def start(self) -> None:
        self._running = True
        self.check_now()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()
        self._next_wake = None
        self._tell_changed()

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

    def preferences(self) -> ReminderPreferences:
        """This computer's reminder preferences, as they are now."""
        return reminder_preferences(self._settings)

    # --- what is waiting ----------------------------------------------------------------------
    def pending(self) -> list[ScheduledDose]:
        """Reminders shown and not answered yet, oldest first."""
        return list(self._state.pending)

    def snoozed_doses(self) -> dict[ScheduledDose, datetime]:
        """Reminders put away, each with when it comes back."""
        return dict(self._state.snoozed)

    def coming(self) -> list[ScheduledDose]:
        """Heads-ups shown: doses due soon."""
        return list(self._state.coming)

    def upcoming(self) -> list[ScheduledDose]:
        """The next doses of today still to come (all due at the same time), none while a
        heads-up shows them; empty when no more are due today."""
        return list(self._state.upcoming)

    def offers_taken(self, dose: ScheduledDose) -> bool:
        """Whether Taken is offered for `dose` now: for a reminder, yes; for a heads-up, once
        the dose's on-time window has opened (before that the diary calls it early)."""
        return self._state.offers_taken(dose, self.session.now(), self._window())

    def next_wake(self) -> datetime | None:
        """The next moment something can happen (a slot, a snoozed reminder, a reminder asking
        again, a heads-up, the next diary day), None while inactive. The timer looks then, and
        at least every MAX_SLEEP."""
        return self._next_wake

    # --- words ----------------------------------------------------------------------------------
    def medication(self, dose: ScheduledDose) -> Medication:
        return self.session.store.medications.get(dose.medication_id)

    def label(self, dose: ScheduledDose, amount: int | None = None) -> str:
        """'Baclofen 20 mg': the planned amount, or `amount`."""
        med = self.medication(dose)
        return f"{med.name} {format_amount(dose.amount if amount is None else amount, med.unit)}"

    def describe(self, dose: ScheduledDose) -> str:
        """'Baclofen 20 mg (20:00)'."""
        return f"{self.label(dose)} ({clock_text(dose.slot.time)})"

    def due_text(self, dose: ScheduledDose) -> str:
        """'Baclofen 20 mg is due (08:00)'; 'is still due' once it has asked again; past its
        on-time window, 'Baclofen 20 mg was due at 08:00 — not recorded yet (next at 12:00)',
        so that a late Taken is pressed knowing how near the next dose is (the last slot of the
        day names none)."""
        due, still, late = self.wordings(dose)
        if self._state.late(dose, self.session.now(), self._window()):
            return late
        return still if dose in self._state.again else due

    def wordings(self, dose: ScheduledDose) -> tuple[str, str, str]:
        """Every wording a reminder of `dose` can take: due, still due, late; the banner keeps
        room for the longest, so that turning late moves nothing."""
        what, when = self.label(dose), clock_text(dose.slot.time)
        following = self._state.next_slot(dose)
        late = f"{what} was due at {when} — not recorded yet"
        if following is not None:
            late += f" (next at {clock_text(following.slot.time)})"
        return f"{what} is due ({when})", f"{what} is still due ({when})", late

    def today(self) -> list[ScheduledDose]:
        """Today's scheduled doses, answered or not, in the order of the day (as of the last
        look)."""
        return list(self._state.at)

    def answer(self, dose: ScheduledDose) -> Intake | None:
        """The intake (taken or skipped) that answers `dose` today, as of the last look."""
        return self._answers.get(dose)

    def answered_text(self, dose: ScheduledDose, intake: Intake) -> str:
        """'✓ Tizanidine 2 mg taken 08:03', '– Tizanidine 2 mg skipped 08:03': the amount that
        was recorded, at the time it was recorded for."""
        what = self.label(dose, intake.amount)
        if intake.status is IntakeStatus.SKIPPED:
            return f"– {what} skipped {clock_text(intake.at)}"
        return f"✓ {what} taken {clock_text(intake.at)}"

    def heads_up_text(self, dose: ScheduledDose) -> str:
        """'Baclofen 20 mg at 14:00, in 10 minutes'."""
        due = self._state.at.get(dose)
        left = 0 if due is None else minutes_until(due, self.session.now())
        soon = f"in {plural(left, 'minute')}" if left else "now"
        return f"{self.label(dose)} at {clock_text(dose.slot.time)}, {soon}"

    def snoozed_text(self, dose: ScheduledDose, until: datetime) -> str:
        """'Baclofen 20 mg (08:00): snoozed until 08:10' (local time)."""
        return f"{self.describe(dose)}: snoozed until {clock_text(until)}"

    def next_text(self) -> str:
        """'Next: Baclofen 20 mg at 14:00', or 'No more doses today'."""
        doses = self._state.upcoming
        if not doses:
            return "No more doses today"
        names = [self.label(d) for d in doses]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"Next: {listed} at {clock_text(doses[0].slot.time)}"

    # --- the clock ------------------------------------------------------------------------------
    def check_now(self) -> list[ScheduledDose]:
        """Fire every reminder due at the session's current time, ask again about those left
        unanswered, give the heads-ups; re-arm the timer. Returns the doses that fired (first
        time, after a snooze, or again)."""
        if not self.active:
            self._silence()
            return []
        store = self.session.store
        now = self.session.now()
        info = store.info()
        zone = now.tzinfo
        assert zone is not None
        today = local_day(now, info.day_starts_at)
        rolled = self._state.roll_over(today)
        doses = self._doses(today)
        answered = match_intakes_to_slots(doses, store.intakes.between(today, today),
                                          info.day_starts_at)
        self._answers = answered
        at = {d: dose_instant(d, info.day_starts_at, zone) for d in doses}
        preferences = self.preferences()
        day_end = day_bounds(today, info.day_starts_at, zone)[1]
        tick = self._state.tick(at, answered, now, preferences, window=self._window(),
                                day_end=day_end)
        if tick.pending_changed or rolled:
            self.pending_changed.emit()
        self._tell_changed()
        for dose in [*tick.fire, *tick.again]:
            if dose in self._state.pending:  # a slot connected above may have answered it
                self.due.emit(dose)
        for dose in tick.heads_up:
            if dose in self._state.coming:
                self.heads_up.emit(dose)
        wake = self._state.wake(now, self._window(), preferences, day_end)
        self._next_wake = wake
        delay = min(wake - now, MAX_SLEEP)
        self._timer.start(max(0, math.ceil(delay.total_seconds() * 1000)))
        return [*tick.fire, *tick.again]

    def _window(self) -> timedelta:
        return timedelta(minutes=self.session.store.info().on_time_window_minutes)

    def _doses(self, day: date) -> list[ScheduledDose]:
        store = self.session.store
        active = {m.id for m in store.medications.all()}
        steps = [s for s in store.plans.steps() if s.medication_id in active]
        return expected_slots(steps, day, store.info().day_starts_at,
                              on_time_window=self._window())

    def _silence(self) -> None:
        self._timer.stop()
        self._next_wake = None
        if self._state.clear():
            self.pending_changed.emit()
        self._tell_changed()

    def _tell_changed(self) -> None:
        shown = (self.active, *self._state.view(self.session.now(), self._window())) \
            if self.active else (False,)
        if shown != self._shown:
            self._shown = shown
            self.changed.emit()

    def _on_changed(self) -> None:
        # A dose logged elsewhere answers a reminder; a plan edit moves the next one.
        if self.active:
            self.check_now()

    # --- answers ------------------------------------------------------------------------------
    def snooze(self, dose: ScheduledDose, minutes: int = SNOOZE_MINUTES) -> datetime:
        """Put the reminder away; it fires again `minutes` from now (unless answered first).
        Returns when."""
        until = self.session.now() + timedelta(minutes=minutes)
        if self._state.snooze(dose, until):
            self.pending_changed.emit()
        self.snoozed.emit(dose, until)
        if self.active:
            self.check_now()
        else:
            self._tell_changed()
        return until

    def take(self, dose: ScheduledDose, *, confirmed: bool = False,
             seen: DoseVerdict | None = None) -> TakeResult:
        """Log the dose as taken now, linked to its slot, as one undoable action.

        The dose is checked and saved in one transaction (storage.dosing, through
        ui.dosing.add_dose), with the window's timing checks. When the verdict needs a
        confirmation (over the max daily amount, inside the minimum interval, within the on-time
        window of another dose, early for its slot) nothing is logged unless `confirmed` (and,
        with `seen`, the re-check finds nothing worse than `seen`), and `confirmation_needed`
        asks the window to show the verdict (`confirm_take`). A slot answered meanwhile is not
        logged twice."""
        return self._answer(dose, IntakeStatus.TAKEN, confirmed=confirmed, seen=seen)

    def skip(self, dose: ScheduledDose) -> TakeResult:
        """Record the dose as skipped (a skipped dose breaks no rule), as one undoable action;
        the reminder is answered."""
        return self._answer(dose, IntakeStatus.SKIPPED)

    def _answer(self, dose: ScheduledDose, status: IntakeStatus, *, confirmed: bool = False,
                seen: DoseVerdict | None = None) -> TakeResult:
        store = self.session.store
        med = store.medications.get(dose.medication_id)
        assert med.id is not None
        day_starts_at = store.info().day_starts_at
        slot_day = dose.slot.day
        planned = expected_slots(store.plans.steps(med.id), slot_day, day_starts_at,
                                 on_time_window=self._window())
        answered = match_intakes_to_slots(
            planned, store.intakes.between(slot_day, slot_day, med.id), day_starts_at
        )
        if dose not in planned or dose in answered:
            self._forget(dose)
            return TakeResult(dose, DoseVerdict(), no_longer_due=True)
        draft = Intake(med.id, self.session.now(), dose.amount, status, slot=dose.slot)
        verb = "Skip" if status is IntakeStatus.SKIPPED else "Log"
        try:
            outcome = add_dose(self.session, draft, f"{verb} {self.describe(dose)}",
                               confirmed=confirmed, seen=seen)
        except (*edits.STORE_ERRORS, sqlite3.Error) as exc:
            self.failed.emit(f"{self.describe(dose)} was not logged: {exc}")
            return TakeResult(dose, DoseVerdict(), error=str(exc))
        saved = outcome.saved
        if saved is None:
            self.confirmation_needed.emit(dose, outcome.verdict)
            return TakeResult(dose, outcome.verdict)
        self._forget(dose)
        if status is IntakeStatus.TAKEN:
            self.taken.emit(saved)
        return TakeResult(dose, outcome.verdict, saved)

    def _forget(self, dose: ScheduledDose) -> None:
        if self._state.forget(dose):
            self.pending_changed.emit()
        self._tell_changed()


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
