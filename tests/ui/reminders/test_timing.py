"""The reminder rules on their own (no Qt, no diary): what one look at the clock fires, when the
next look is due, and what a new diary day forgets. The scheduler's tests drive the same rules
through a diary: test_scheduler.py, test_scheduler_repeat.py."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone

from diary.domain.entities import Slot
from diary.domain.plans.steps import ScheduledDose
from diary.ui.reminders.preferences import ReminderPreferences
from diary.ui.reminders.timing import ReminderState
from diary.ui.reminders.timing import minutes_until

ZONE = timezone(timedelta(hours=1))
DAY = date(2026, 11, 26)
WINDOW = timedelta(minutes=60)
ONCE = ReminderPreferences(repeat_minutes=0)


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(DAY, time(hour, minute, second), tzinfo=ZONE)


def dose(medication: int, hour: int) -> ScheduledDose:
    return ScheduledDose(medication, Slot(DAY, time(hour)), 1_000)


def day_of(*doses: ScheduledDose) -> dict[ScheduledDose, datetime]:
    return {d: at(d.slot.time.hour) for d in doses}


def test_minutes_until_rounds_up() -> None:
    assert minutes_until(at(8), at(7, 50, 30)) == 10
    assert minutes_until(at(8), at(7, 50)) == 10
    assert minutes_until(at(8), at(7, 59, 59)) == 1
    assert minutes_until(at(8), at(8, 1)) == 0  # never negative


def test_one_look_fires_each_medication_s_own_dose() -> None:
    state = ReminderState()
    state.roll_over(DAY)
    doses = day_of(dose(1, 8), dose(2, 8), dose(1, 14))
    tick = state.tick(doses, set(), at(8), ONCE)
    assert tick.fire == [dose(1, 8), dose(2, 8)] and tick.pending_changed
    assert state.upcoming == [dose(1, 14)]
    # Medication 2 answered: withdrawn; medication 1's next slot withdraws its own.
    tick = state.tick(doses, {dose(2, 8)}, at(14), ONCE)
    assert tick.fire == [dose(1, 14)] and list(state.pending) == [dose(1, 14)]
    assert state.upcoming == []


def test_the_next_look_is_the_nearest_thing_to_happen() -> None:
    state = ReminderState()
    state.roll_over(DAY)
    doses = day_of(dose(1, 8), dose(1, 14))
    day_end = at(23, 59)
    prefs = ReminderPreferences(repeat_minutes=20, heads_up_minutes=30)
    state.tick(doses, set(), at(6), prefs)
    assert state.wake(at(6), WINDOW, prefs, day_end) == at(7, 30)  # the heads-up
    state.tick(doses, set(), at(7, 30), prefs)
    assert list(state.coming) == [dose(1, 8)]
    assert state.wake(at(7, 30), WINDOW, prefs, day_end) == at(7, 31)  # counting down
    state.tick(doses, set(), at(8), prefs)
    assert state.wake(at(8), WINDOW, prefs, day_end) == at(8, 20)  # asking again
    state.snooze(dose(1, 8), at(8, 5))
    assert state.wake(at(8), WINDOW, prefs, day_end) == at(8, 5)  # the snooze ends


def test_a_new_day_forgets_yesterday() -> None:
    state = ReminderState()
    state.roll_over(DAY)
    state.tick(day_of(dose(1, 20)), set(), at(20), ONCE)
    assert not state.roll_over(DAY)  # the same day: nothing
    assert state.roll_over(DAY + timedelta(days=1))
    assert state.pending == {} and state.fired == set()


def test_a_snoozed_reminder_gives_way_to_the_next_slot() -> None:
    state = ReminderState()
    state.roll_over(DAY)
    doses = day_of(dose(1, 8), dose(1, 14))
    state.tick(doses, set(), at(8), ONCE)
    state.snooze(dose(1, 8), at(14, 30))  # past the next slot
    tick = state.tick(doses, set(), at(14), ONCE)
    assert tick.fire == [dose(1, 14)]
    assert state.snoozed == {} and list(state.pending) == [dose(1, 14)]
    assert state.tick(doses, set(), at(14, 30), ONCE).fire == []  # never comes back


def test_a_late_look_fires_within_three_hours_of_the_time() -> None:
    """Nothing looked at 14:00 (a late start, a wake-up): the first look fires it while it is
    less than REPEAT_FOR old, and it is late once past the on-time window."""
    doses = day_of(dose(1, 8), dose(1, 14), dose(2, 8))
    state = ReminderState()
    state.roll_over(DAY)
    tick = state.tick(doses, set(), at(11, 1), ONCE)
    assert tick.fire == []  # 08:00 is 3 h 1 min old
    tick = state.tick(doses, set(), at(15, 5), ONCE)
    assert tick.fire == [dose(1, 14)]  # medication 2's 08:00 is too old, 1's overtaken
    assert state.late(dose(1, 14), at(15, 5), WINDOW)
    assert not state.late(dose(1, 14), at(15), WINDOW)  # the window's last instant
    fresh = ReminderState()
    fresh.roll_over(DAY)
    assert fresh.tick(doses, set(), at(17, 0), ONCE).fire == [dose(1, 14)]  # 3 h exactly
    assert fresh.tick(doses, set(), at(17, 1), ONCE).fire == []  # once
