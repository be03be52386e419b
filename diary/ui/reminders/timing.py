"""When reminders fire: the scheduler's state and its rules, without Qt, the clock or the diary.

`ReminderState.tick` is given today's scheduled doses, the instant each is due, which are
answered, the time now and this computer's preferences, and decides (the diary's on-time window
tells when a heads-up offers Taken and when a reminder is late):
- a dose fires at its time, once; when nothing was looking then (the program started late, the
  computer slept), an unanswered dose that no later slot of its medication has overtaken fires
  at the first look before its *deadline*, and is *late* (it says so) once past the on-time
  window;
- a dose's deadline (`deadlines`): past its on-time window, a dose asks only while it is in the
  first half of the gap to the next slot of its medication, and never longer than REPEAT_FOR
  after its time (the last slot of the day: until the day ends, at most REPEAT_FOR). Later than
  that, Taken would invite two doses close together: the reminder is withdrawn and the Today
  view shows the dose missed;
- a fired dose waits (is *pending*) until answered, snoozed or its deadline, and asks again every
  `repeat_minutes` (0: never again); a snoozed dose fires again when its snooze is over;
- a heads-up comes `heads_up_minutes` before a dose (0: none), once, and gives way to the reminder
  when the dose comes due; it offers Taken only once the on-time window has opened (before it,
  the domain calls the dose early for its slot and asks first);
- a reminder, snoozed or not, and a heads-up are withdrawn when the dose is answered, at its
  deadline, when the next slot of the same medication comes due, or when the diary day ends:
  two notices of one medication are never shown together, so that nothing invites a double
  dose.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import timedelta

from diary.domain.plans.steps import ScheduledDose
from diary.ui.reminders.preferences import ReminderPreferences

# The scheduler never sleeps longer than this, so a suspended laptop or a changed system clock
# is noticed within minutes (a timer counts monotonic time, the diary wall-clock time).
MAX_SLEEP = timedelta(minutes=5)
MINUTE = timedelta(minutes=1)
SECOND = timedelta(seconds=1)
# The longest a dose asks after its time, however far away its next slot: a dose missed in the
# evening does not ask through the night while the person sleeps.
REPEAT_FOR = timedelta(hours=3)


@dataclass(frozen=True)
class Tick:
    """What one look at the clock decided."""

    fire: list[ScheduledDose]  # due now, for the first time or after a snooze
    again: list[ScheduledDose]  # pending, unanswered for the repeat interval: ask again
    heads_up: list[ScheduledDose]  # coming up soon
    pending_changed: bool


@dataclass
class ReminderState:
    day: date | None = None
    pending: dict[ScheduledDose, datetime] = field(default_factory=dict)  # -> when it last asked
    again: set[ScheduledDose] = field(default_factory=set)  # asked again since it came due
    fired: set[ScheduledDose] = field(default_factory=set)  # reminded today (never "once" more)
    snoozed: dict[ScheduledDose, datetime] = field(default_factory=dict)  # -> until
    coming: dict[ScheduledDose, None] = field(default_factory=dict)  # heads-ups shown
    told: set[ScheduledDose] = field(default_factory=set)  # heads-ups given today
    at: dict[ScheduledDose, datetime] = field(default_factory=dict)  # today's doses: due when
    later: list[ScheduledDose] = field(default_factory=list)  # live, due after now
    upcoming: list[ScheduledDose] = field(default_factory=list)  # the next of them (same time)
    until: dict[ScheduledDose, datetime] = field(default_factory=dict)  # today's deadlines

    def roll_over(self, today: date) -> bool:
        """A new diary day: yesterday's reminders are over (the Today view shows what was
        missed). Returns whether the pending list changed."""
        if self.day == today:
            return False
        self.day = today
        before = len(self.pending)
        self.pending = {d: t for d, t in self.pending.items() if d.slot.day >= today}
        self.snoozed = {d: t for d, t in self.snoozed.items() if d.slot.day >= today}
        self.coming = {d: None for d in self.coming if d.slot.day >= today}
        self.fired = {d for d in self.fired if d.slot.day >= today}
        self.told = {d for d in self.told if d.slot.day >= today}
        self.again &= set(self.pending)
        return len(self.pending) != before

    def tick(self, at: Mapping[ScheduledDose, datetime], answered: Collection[ScheduledDose],
             now: datetime, preferences: ReminderPreferences, *, window: timedelta,
             day_end: datetime) -> Tick:
        """Look at the clock: `at` holds today's doses in the order of the day, each with the
        instant it is due; `window` is the diary's on-time window, `day_end` when the diary day
        ends."""
        latest_due: dict[int, datetime] = {}  # per medication, the last slot whose time came
        for dose, due in at.items():
            if due <= now:
                latest_due[dose.medication_id] = due
        until = deadlines(at, window, day_end)

        def live(dose: ScheduledDose) -> bool:
            return (dose in at and dose not in answered
                    and at[dose] >= latest_due.get(dose.medication_id, at[dose])
                    and now < until[dose])

        # An answered reminder is forgotten, so that an undone answer brings it back.
        self.fired -= set(answered)
        self.told -= set(answered)
        changed = False
        for dose in [*self.pending, *self.snoozed, *self.coming]:
            if not live(dose):
                changed |= self.drop(dose)
        for dose in [d for d in self.coming if at[d] <= now]:
            del self.coming[dose]  # the heads-up gives way to the reminder
        fire = [d for d in at if live(d) and self._fires(d, at[d], now)]
        repeat = timedelta(minutes=preferences.repeat_minutes)
        again = [d for d, last in self.pending.items()
                 if preferences.repeat_minutes and now - last >= repeat and d in at]
        for dose in fire:
            self.fired.add(dose)
            self.pending[dose] = now
            self.again.discard(dose)
        for dose in again:
            self.pending[dose] = now
            self.again.add(dose)
        heads_up = self._heads_up(at, live, now, preferences)
        self.at = dict(at)
        self.until = until
        self.later = [d for d in at if live(d) and at[d] > now]
        waiting = [d for d in self.later if d not in self.coming]
        self.upcoming = [d for d in waiting if at[d] == min(at[e] for e in waiting)]
        return Tick(fire, again, heads_up, bool(fire) or changed)

    def _fires(self, dose: ScheduledDose, due: datetime, now: datetime) -> bool:
        """Whether a live reminder (before its deadline) fires now: its time has come and it is
        not on screen yet; snoozed, when its snooze is over (ending it); else once (at its time,
        or at the first look after a late start or a wake-up)."""
        if due > now or dose in self.pending:
            return False
        until = self.snoozed.get(dose)
        if until is not None:
            if until > now:
                return False
            del self.snoozed[dose]
            return True
        return dose not in self.fired

    def _heads_up(self, at: Mapping[ScheduledDose, datetime],
                  live: Callable[[ScheduledDose], bool], now: datetime,
                  preferences: ReminderPreferences) -> list[ScheduledDose]:
        if not preferences.heads_up_minutes:
            return []
        ahead = timedelta(minutes=preferences.heads_up_minutes)
        given = []
        for dose, due in at.items():
            busy = {d.medication_id for d in [*self.pending, *self.snoozed, *self.coming]}
            if (live(dose) and dose not in self.told and due - ahead <= now < due
                    and dose.medication_id not in busy):
                self.told.add(dose)
                self.coming[dose] = None
                given.append(dose)
        return given

    def offers_taken(self, dose: ScheduledDose, now: datetime, window: timedelta) -> bool:
        """A reminder (due or snoozed) offers Taken; a heads-up only once the dose's on-time
        window has opened, so that nothing asks for a dose the diary would call early."""
        if dose in self.pending or dose in self.snoozed:
            return True
        due = self.at.get(dose)
        return dose in self.coming and due is not None and now >= due - window

    def late(self, dose: ScheduledDose, now: datetime, window: timedelta) -> bool:
        """Whether a dose is past its on-time window: the Today view calls it missed until it is
        answered, and its reminder says it was due rather than that it is."""
        due = self.at.get(dose)
        return due is not None and now - due > window

    def next_slot(self, dose: ScheduledDose) -> ScheduledDose | None:
        """The next slot of the same medication today, None after the last."""
        due = self.at.get(dose)
        if due is None:
            return None
        return next((d for d, t in self.at.items()
                     if d.medication_id == dose.medication_id and t > due), None)

    def wake(self, now: datetime, window: timedelta, preferences: ReminderPreferences,
             day_end: datetime) -> datetime:
        """The next moment something can change: a dose comes due, a snooze ends, a pending
        reminder asks again, turns late or reaches its deadline, a heads-up comes or its Taken
        opens (a heads-up counts down by the minute), or the diary day ends."""
        times: list[datetime] = [day_end]
        times += [t for t in (self.at[d] + window + SECOND for d in self.pending if d in self.at)
                  if t > now]
        times += [self.at[dose] for dose in self.later]
        times += [t for t in self.snoozed.values() if t > now]
        times += [t for t in (self.until.get(d) for d in [*self.pending, *self.snoozed])
                  if t is not None and t > now]
        if preferences.repeat_minutes:
            times += [t + timedelta(minutes=preferences.repeat_minutes)
                      for dose, t in self.pending.items() if dose in self.at]
        if preferences.heads_up_minutes:
            ahead = timedelta(minutes=preferences.heads_up_minutes)
            times += [self.at[dose] - ahead for dose in self.later
                      if dose not in self.told and self.at[dose] - ahead > now]
        for dose in self.coming:
            times += [now + MINUTE, *[t for t in (self.at[dose] - window,) if t > now]]
        return min(times)

    def snooze(self, dose: ScheduledDose, until: datetime) -> bool:
        """Put a reminder away until `until`; True when the pending list changed."""
        self.snoozed[dose] = until
        self.fired.add(dose)
        self.again.discard(dose)
        return self.pending.pop(dose, None) is not None

    def drop(self, dose: ScheduledDose) -> bool:
        """Withdraw a reminder, pending or snoozed, or a heads-up; True when the pending list
        changed."""
        self.snoozed.pop(dose, None)
        self.coming.pop(dose, None)
        self.again.discard(dose)
        return self.pending.pop(dose, None) is not None

    def forget(self, dose: ScheduledDose) -> bool:
        """An answered dose: withdrawn, and free to remind again should the answer be undone."""
        self.fired.discard(dose)
        self.told.discard(dose)
        return self.drop(dose)

    def clear(self) -> bool:
        """Nothing fires (reminders off, or the diary read-only); True when the pending list
        changed. What was waiting may remind again once reminders are back on (before its
        deadline, as after a late start)."""
        had = bool(self.pending)
        self.fired -= {*self.pending, *self.snoozed}
        self.pending.clear()
        self.snoozed.clear()
        self.coming.clear()
        self.again.clear()
        self.later, self.upcoming = [], []
        return had

    def view(self, now: datetime, window: timedelta) -> tuple[object, ...]:
        """What the banner and the tray show, to tell whether it changed."""
        coming = [(d, self.offers_taken(d, now, window), minutes_until(self.at[d], now))
                  for d in self.coming]
        late = [d for d in self.pending if self.late(d, now, window)]
        return (tuple(self.pending), tuple(self.again), tuple(late), tuple(self.snoozed.items()),
                tuple(coming), tuple(self.upcoming))


def deadlines(at: Mapping[ScheduledDose, datetime], window: timedelta,
              day_end: datetime) -> dict[ScheduledDose, datetime]:
    """When each dose stops asking: past its on-time window, once half the gap to the next slot
    of its medication has gone (the last slot of the day: the gap to the day's end), and at most
    REPEAT_FOR after its time. Baclofen at 08:00 and 12:00: until 10:00, so that a late Taken
    never lands much nearer the next dose than the last."""
    by_medication: dict[int, list[datetime]] = {}
    for dose, due in at.items():
        by_medication.setdefault(dose.medication_id, []).append(due)
    until = {}
    for dose, due in at.items():
        after = [t for t in by_medication[dose.medication_id] if t > due]
        room = (min(after) - due) / 2 if after else day_end - due
        until[dose] = due + max(window, min(REPEAT_FOR, room))
    return until


def minutes_until(due: datetime, now: datetime) -> int:
    """Whole minutes from `now` to `due`, rounded up (a dose 9 min 30 s away is "in 10")."""
    return max(0, -int(-(due - now).total_seconds() // 60))

