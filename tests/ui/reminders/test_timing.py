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
from diary.ui.reminders.timing import Tick
from diary.ui.reminders.timing import deadlines
from diary.ui.reminders.timing import minutes_until

ZONE = timezone(timedelta(hours=1))
DAY = date(2026, 11, 26)
WINDOW = timedelta(minutes=60)
ONCE = ReminderPreferences(repeat_minutes=0)


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(DAY, time(hour, minute, second), tzinfo=ZONE)


def dose(medication: int, hour: int) -> ScheduledDose:
    return ScheduledDose(medication, Slot(DAY, time(hour)), 1_000)


DAY_END = datetime.combine(DAY + timedelta(days=1), time(4), tzinfo=ZONE)


def day_of(*doses: ScheduledDose) -> dict[ScheduledDose, datetime]:
    return {d: at(d.slot.time.hour) for d in doses}


def look(state: ReminderState, doses: dict[ScheduledDose, datetime],
         answered: set[ScheduledDose], now: datetime, prefs: ReminderPreferences) -> Tick:
    """One look at the clock, with the usual on-time window and a day ending at 04:00."""
    return state.tick(doses, answered, now, prefs, window=WINDOW, day_end=DAY_END)


def test_minutes_until_rounds_up() -> None:
    assert minutes_until(at(8), at(7, 50, 30)) == 10
    assert minutes_until(at(8), at(7, 50)) == 10
    assert minutes_until(at(8), at(7, 59, 59)) == 1
    assert minutes_until(at(8), at(8, 1)) == 0  # never negative


def test_one_look_fires_each_medication_s_own_dose() -> None:
    state = ReminderState()
    state.roll_over(DAY)
    doses = day_of(dose(1, 8), dose(2, 8), dose(1, 14))
    tick = look(state, doses, set(), at(8), ONCE)
    assert tick.fire == [dose(1, 8), dose(2, 8)] and tick.pending_changed
    assert state.upcoming == [dose(1, 14)]
    # Medication 2 answered: withdrawn; medication 1's next slot withdraws its own.
    tick = look(state, doses, {dose(2, 8)}, at(14), ONCE)
    assert tick.fire == [dose(1, 14)] and list(state.pending) == [dose(1, 14)]
    assert state.upcoming == []


def test_the_next_look_is_the_nearest_thing_to_happen() -> None:
    state = ReminderState()
    state.roll_over(DAY)
    doses = day_of(dose(1, 8), dose(1, 14))
    day_end = at(23, 59)
    prefs = ReminderPreferences(repeat_minutes=20, heads_up_minutes=30)
    look(state, doses, set(), at(6), prefs)
    assert state.wake(at(6), WINDOW, prefs, day_end) == at(7, 30)  # the heads-up
    look(state, doses, set(), at(7, 30), prefs)
    assert list(state.coming) == [dose(1, 8)]
    assert state.wake(at(7, 30), WINDOW, prefs, day_end) == at(7, 31)  # counting down
    look(state, doses, set(), at(8), prefs)
    assert state.wake(at(8), WINDOW, prefs, day_end) == at(8, 20)  # asking again
    state.snooze(dose(1, 8), at(8, 5))
    assert state.wake(at(8), WINDOW, prefs, day_end) == at(8, 5)  # the snooze ends


def test_a_new_day_forgets_yesterday() -> None:
    state = ReminderState()
    state.roll_over(DAY)
    look(state, day_of(dose(1, 20)), set(), at(20), ONCE)
    assert not state.roll_over(DAY)  # the same day: nothing
    assert state.roll_over(DAY + timedelta(days=1))
    assert state.pending == {} and state.fired == set()


def test_a_snoozed_reminder_gives_way_to_the_next_slot() -> None:
    state = ReminderState()
    state.roll_over(DAY)
    doses = day_of(dose(1, 8), dose(1, 14))
    look(state, doses, set(), at(8), ONCE)
    state.snooze(dose(1, 8), at(14, 30))  # past the next slot
    tick = look(state, doses, set(), at(14), ONCE)
    assert tick.fire == [dose(1, 14)]
    assert state.snoozed == {} and list(state.pending) == [dose(1, 14)]
    assert look(state, doses, set(), at(14, 30), ONCE).fire == []  # never comes back


def test_a_late_look_fires_before_the_dose_s_deadline() -> None:
    """Nothing looked at 14:00 (a late start, a wake-up): the first look fires it before its
    deadline (half the gap to the next slot, at most REPEAT_FOR), and it is late once past the
    on-time window."""
    doses = day_of(dose(1, 8), dose(1, 14), dose(2, 8))
    state = ReminderState()
    state.roll_over(DAY)
    tick = look(state, doses, set(), at(11, 1), ONCE)
    assert tick.fire == []  # 08:00 is past its deadline (11:00) for both medications
    tick = look(state, doses, set(), at(15, 5), ONCE)
    assert tick.fire == [dose(1, 14)]  # medication 2's 08:00 is too old, 1's overtaken
    assert state.late(dose(1, 14), at(15, 5), WINDOW)
    assert not state.late(dose(1, 14), at(15), WINDOW)  # the window's last instant
    fresh = ReminderState()
    fresh.roll_over(DAY)
    assert look(fresh, doses, set(), at(16, 59), ONCE).fire == [dose(1, 14)]
    assert look(fresh, doses, set(), at(16, 59, 30), ONCE).fire == []  # once
    assert list(fresh.pending) == [dose(1, 14)]
    assert fresh.wake(at(16, 59, 30), WINDOW, ONCE, DAY_END) == at(17)  # its deadline
    tick = look(fresh, doses, set(), at(17), ONCE)  # 3 h (REPEAT_FOR): withdrawn
    assert tick.pending_changed and fresh.pending == {}


def test_a_dose_s_deadline_is_half_the_gap_to_its_next_slot() -> None:
    four = day_of(*(dose(1, h) for h in (8, 12, 16, 20)))
    three = day_of(*(dose(2, h) for h in (8, 14, 20)))
    once = day_of(dose(3, 8))
    until = deadlines({**four, **three, **once}, WINDOW, DAY_END)
    assert [until[d] for d in four] == [at(10), at(14), at(18), at(23)]
    assert [until[d] for d in three] == [at(11), at(17), at(23)]  # never past REPEAT_FOR
    assert until[dose(3, 8)] == at(11)
    # The last slot: the day's end when it is nearer than REPEAT_FOR.
    assert deadlines(day_of(dose(1, 22)), WINDOW, at(23, 30)) == {dose(1, 22): at(23, 30)}
    # Slots closer than twice the on-time window: the window still holds.
    hourly = day_of(dose(1, 8), dose(1, 9))
    assert deadlines(hourly, WINDOW, DAY_END)[dose(1, 8)] == at(9)


def test_a_snoozed_dose_is_withdrawn_at_its_deadline() -> None:
    state = ReminderState()
    state.roll_over(DAY)
    doses = day_of(*(dose(1, h) for h in (8, 12, 16, 20)))
    look(state, doses, set(), at(8), ONCE)
    state.snooze(dose(1, 8), at(10, 30))  # past its deadline, 10:00
    assert state.wake(at(8), WINDOW, ONCE, DAY_END) == at(10)  # its deadline, before 10:30
    look(state, doses, set(), at(10), ONCE)
    assert state.snoozed == {} and state.pending == {}
    assert look(state, doses, set(), at(10, 30), ONCE).fire == []  # never comes back
