"""Changes of plan (diary/domain/plans/changes.py): no dose cut of a taper-required medication
without asking; a step entered late in the day expects none of the doses whose on-time window
had closed before it; a taper within the label's pace; deleting keeps the past. How a
titration continues from the dose the person is on is test_titration.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone

from hypothesis import given
from hypothesis import strategies as st

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.plans.changes import all_doses_past
from diary.domain.plans.changes import deletion
from diary.domain.plans.changes import dose_cut
from diary.domain.plans.changes import recorded
from diary.domain.plans.changes import replaced_until
from diary.domain.plans.changes import rewrites_past
from diary.domain.plans.changes import stop_cut
from diary.domain.plans.changes import taper_cut
from diary.domain.plans.steps import ScheduledDose
from diary.domain.plans.steps import entered_in_time
from diary.domain.plans.steps import expected_daily_amount
from diary.domain.plans.steps import expected_slots
from diary.domain.plans.steps import expected_slots_between
from diary.domain.plans.steps import expects
from diary.domain.plans.steps import taper_template
from diary.domain.plans.titration import titration_plan
from diary.domain.templates import BACLOFEN_WITHDRAWAL_WARNING
from diary.domain.units import Unit

TID = (time(8), time(14), time(20))
TODAY = date(2026, 12, 7)
PARIS = timezone(timedelta(hours=1))
DAY_START = time(4)
BACLOFEN = Medication("Baclofen", Unit.MG, max_daily=80_000, taper_required=True, id=1)
WINDOW = timedelta(minutes=60)  # the diary's on-time window, by default
VITAMIN = Medication("Vitamin D", Unit.MCG, id=2)


def at(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=PARIS)


def running(amount: int = 20_000, start: date = TODAY - timedelta(days=30),
            times: tuple[time, ...] = TID, step_id: int = 1) -> PlanStep:
    return PlanStep(1, start, amount, times, id=step_id)


# --- the dose-cut rule --------------------------------------------------------------------------
def test_a_step_that_lowers_the_daily_amount_is_a_cut_with_before_and_after() -> None:
    before = [running()]
    after = [*before, PlanStep(1, TODAY, 5_000, (time(8),))]
    cut = dose_cut(BACLOFEN, before, after, TODAY)
    assert cut is not None
    assert (cut.day, cut.before, cut.after, cut.lowest) == (TODAY, 60_000, 5_000, 5_000)
    assert cut.change_text(TODAY) == ("Baclofen: this change lowers the planned dose from "
                                      "today: 60 mg/day → 5 mg/day.")
    assert BACLOFEN_WITHDRAWAL_WARNING in cut.warning


def test_a_cut_that_starts_later_names_its_day_and_the_lowest_amount() -> None:
    before = [running()]
    after = [replace(before[0], end=TODAY + timedelta(days=9)),
             PlanStep(1, TODAY + timedelta(days=10), 10_000, TID, TODAY + timedelta(days=12))]
    cut = dose_cut(BACLOFEN, before, after, TODAY)
    assert cut is not None
    assert (cut.day, cut.before, cut.after, cut.lowest) == (
        TODAY + timedelta(days=10), 60_000, 30_000, 0)
    assert cut.change_text(TODAY) == (
        "Baclofen: this change lowers the planned dose from Thu 17 Dec 2026: 60 mg/day → "
        "30 mg/day. Later it falls to nothing.")


def test_the_same_daily_amount_is_not_a_cut() -> None:
    """20 mg three times a day and 15 mg four times a day are both 60 mg/day."""
    before = [running()]
    after = [*before, PlanStep(1, TODAY, 15_000, (time(8), time(12), time(16), time(20)))]
    assert dose_cut(BACLOFEN, before, after, TODAY) is None


def test_a_rise_is_not_a_cut_and_one_mg_less_is() -> None:
    before = [running()]
    assert dose_cut(BACLOFEN, before, [*before, PlanStep(1, TODAY, 25_000, TID)], TODAY) is None
    cut = dose_cut(BACLOFEN, before, [*before, PlanStep(1, TODAY, 19_000, TID)], TODAY)
    assert cut is not None and (cut.before, cut.after) == (60_000, 57_000)


def test_a_medication_that_needs_no_taper_is_never_asked_about() -> None:
    vitamin_step = PlanStep(2, TODAY - timedelta(days=3), 20, (time(8),), id=5)
    assert dose_cut(VITAMIN, [vitamin_step], [], TODAY) is None
    assert dose_cut(replace(BACLOFEN, taper_required=False), [running()], [], TODAY) is None


def test_past_days_do_not_count() -> None:
    """A step that ended before today is history: changing it lowers nothing from today on."""
    old = PlanStep(1, TODAY - timedelta(days=20), 20_000, TID, TODAY - timedelta(days=10), id=1)
    assert dose_cut(BACLOFEN, [old], [replace(old, amount=5_000)], TODAY) is None


def test_stopping_the_plan_is_a_cut_to_nothing_and_an_as_needed_step_plans_nothing() -> None:
    cut = stop_cut(BACLOFEN, [running()], TODAY)
    assert cut is not None and (cut.before, cut.after) == (60_000, 0)
    assert "60 mg/day → nothing (no dose planned)" in cut.change_text(TODAY)
    as_needed = PlanStep(1, TODAY - timedelta(days=3), 10_000, (), id=2)
    assert stop_cut(BACLOFEN, [as_needed], TODAY) is None


def test_the_taper_template_is_a_cut_the_rule_sees() -> None:
    """The taper template is the way down: the rule sees it as a cut (so only the taper paths,
    which build it within the label's pace, may skip the question)."""
    step = running()
    taper = taper_template(BACLOFEN, step, TODAY + timedelta(days=1), 14)
    after = [taper.ended_from_step, *taper.steps]
    cut = dose_cut(BACLOFEN, [step], after, TODAY)
    assert cut is not None and cut.day == TODAY + timedelta(days=1)


PLAN_DAYS = st.integers(min_value=-20, max_value=40)
AMOUNTS = st.integers(min_value=1, max_value=40).map(lambda n: n * 1_000)
TIMES = st.lists(st.sampled_from([time(h) for h in (6, 8, 12, 14, 18, 20, 22)]), max_size=4,
                 unique=True).map(lambda ts: tuple(sorted(ts)))


@st.composite
def steps(draw: st.DrawFn, first_id: int = 1) -> list[PlanStep]:
    count = draw(st.integers(min_value=0, max_value=4))
    made = []
    for n in range(count):
        start = TODAY + timedelta(days=draw(PLAN_DAYS))
        length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=30)))
        made.append(PlanStep(1, start, draw(AMOUNTS), draw(TIMES),
                             None if length is None else start + timedelta(days=length),
                             id=first_id + n))
    return made


@given(before=steps(), after=steps(first_id=100), keep=st.lists(st.booleans(), max_size=4))
def test_no_change_without_confirmation_lowers_any_day_from_today(
        before: list[PlanStep], after: list[PlanStep], keep: list[bool]) -> None:
    """For any plan and any change (steps kept or removed, steps added), a change the rule lets
    through unasked lowers no day's planned amount from today on; one it stops does lower one,
    on the day it names, by the amounts it names."""
    changed = [s for s, kept in zip(before, keep + [True] * len(before), strict=False) if kept]
    changed += after
    cut = dose_cut(BACLOFEN, before, changed, TODAY)
    days = [TODAY + timedelta(days=n) for n in range(80)]
    if cut is None:
        for day in days:
            assert expected_daily_amount(changed, 1, day) >= expected_daily_amount(before, 1, day)
    else:
        assert cut.day >= TODAY
        assert expected_daily_amount(before, 1, cut.day) == cut.before
        assert expected_daily_amount(changed, 1, cut.day) == cut.after < cut.before
        for day in days:
            if day < cut.day:
                assert expected_daily_amount(changed, 1, day) >= \
                    expected_daily_amount(before, 1, day)


# --- a step entered late expects no dose whose on-time window had closed ------------------------
def expected(steps: list[PlanStep], day: date) -> list[ScheduledDose]:
    """`expected_slots` with the diary's usual 60-minute on-time window."""
    return expected_slots(steps, day, DAY_START, on_time_window=WINDOW)


def test_a_plan_entered_at_22_expects_none_of_the_days_earlier_doses() -> None:
    step = PlanStep(1, TODAY, 5_000, TID, recorded_at=at(TODAY, 22), id=1)
    assert expected([step], TODAY) == []  # 20:00's window closed at 21:00
    assert [d.slot for d in expected([step], TODAY + timedelta(days=1))] == [
        Slot(TODAY + timedelta(days=1), t) for t in TID]


def test_a_plan_entered_at_noon_expects_the_doses_from_then_on() -> None:
    step = PlanStep(1, TODAY, 5_000, TID, recorded_at=at(TODAY, 12), id=1)
    assert [d.slot.time for d in expected([step], TODAY)] == [time(14), time(20)]


def test_a_plan_entered_inside_a_doses_window_expects_that_dose() -> None:
    """Entered at 08:30, the 08:00 dose's window (to 09:00) is still open: it is expected, so the
    dose just taken answers it. Entered at 09:01, or at 09:00 as its window closes, it is not."""
    step = PlanStep(1, TODAY, 5_000, TID, recorded_at=at(TODAY, 8, 30), id=1)
    assert [d.slot.time for d in expected([step], TODAY)] == list(TID)
    for entered in (at(TODAY, 9, 1), at(TODAY, 9)):
        late = replace(step, recorded_at=entered)
        assert [d.slot.time for d in expected([late], TODAY)] == [time(14), time(20)]
    # The window is the diary's: with 15 minutes, 08:30 is already too late for 08:00.
    assert [d.slot.time for d in expected_slots([step], TODAY, DAY_START,
                                                on_time_window=timedelta(minutes=15))] == [
        time(14), time(20)]
    # One rule, asked of one slot.
    assert expects(step, Slot(TODAY, time(8)), WINDOW, DAY_START)
    assert not expects(replace(step, recorded_at=at(TODAY, 9, 1)), Slot(TODAY, time(8)), WINDOW,
                       DAY_START)
    assert entered_in_time(Slot(TODAY, time(8)), at(TODAY, 8, 59, 59), WINDOW, DAY_START)
    assert not entered_in_time(Slot(TODAY, time(8)), at(TODAY, 9), WINDOW, DAY_START)


def test_a_backdated_plan_expects_every_dose_whatever_the_window() -> None:
    backdated = PlanStep(1, TODAY, 5_000, TID, id=1)
    assert [d.slot.time for d in expected([backdated], TODAY)] == list(TID)
    assert expects(backdated, Slot(TODAY, time(8)), timedelta(0), DAY_START)


def test_the_doses_before_the_entry_still_belong_to_the_plan_it_replaced() -> None:
    """On 20 mg since last month, a new 25 mg step entered at 12:00 for today: the 08:00 dose
    was expected of the old step, at its amount; the later ones are the new step's."""
    old = running()
    new = PlanStep(1, TODAY, 25_000, TID, recorded_at=at(TODAY, 12), id=2)
    doses = expected([old, new], TODAY)
    assert [(d.slot.time, d.amount) for d in doses] == [
        (time(8), 20_000), (time(14), 25_000), (time(20), 25_000)]
    # Entered at 08:30, the 08:00 dose, its window still open, is the new step's.
    early = replace(new, recorded_at=at(TODAY, 8, 30))
    assert [(d.slot.time, d.amount) for d in expected([old, early], TODAY)] == [
        (time(8), 25_000), (time(14), 25_000), (time(20), 25_000)]


def test_a_backdated_step_expects_every_dose_and_a_later_start_is_untouched() -> None:
    backdated = PlanStep(1, TODAY, 5_000, TID, id=1)
    assert len(expected([backdated], TODAY)) == 3
    [stamped] = recorded([backdated], at(TODAY, 22), DAY_START, backdate=False)
    assert stamped.recorded_at == at(TODAY, 22)
    [on_purpose] = recorded([backdated], at(TODAY, 22), DAY_START, backdate=True)
    assert on_purpose.recorded_at is None
    [tomorrow] = recorded([replace(backdated, start=TODAY + timedelta(days=1))], at(TODAY, 22),
                          DAY_START, backdate=False)
    assert tomorrow.recorded_at is None  # it expects nothing before now anyway


def test_the_recording_is_read_in_the_diary_day_and_its_own_offset() -> None:
    """Entered at 02:00 on 8 December (still diary day 7 December with a 04:00 start), in
    another offset: the 20:00 dose of the 7th had its window closed before it, and the 01:00
    dose's closes as it is entered; entered at 00:30, the 01:00 dose is expected."""
    times = (time(20), time(1))
    entered = datetime(2026, 12, 8, 2, 0, tzinfo=timezone(timedelta(hours=-5)))
    step = PlanStep(1, TODAY, 5_000, times, recorded_at=entered, id=1)
    assert expected([step], TODAY) == []
    late = replace(step, recorded_at=datetime(2026, 12, 8, 0, 30, tzinfo=PARIS))
    assert [d.slot.time for d in expected([late], TODAY)] == [time(1)]


def test_a_window_reaching_back_over_the_days_start_keeps_the_evening_dose() -> None:
    """Days start at 04:00; a step running since the 6th, entered at 04:30 on the 8th without
    backdating: the 7th's 03:45 dose (the last of that diary day, its window open until 04:45)
    is expected of it; the 03:00 one, whose window closed at 04:00, is not."""
    step = PlanStep(1, TODAY - timedelta(days=1), 5_000, (time(3), time(3, 45)),
                    recorded_at=at(TODAY + timedelta(days=1), 4, 30), id=1)
    assert [d.slot.time for d in expected([step], TODAY)] == [time(3, 45)]


def test_days_between_follow_the_same_rule_as_one_day() -> None:
    old = running()
    new = PlanStep(1, TODAY - timedelta(days=1), 25_000, TID, recorded_at=at(TODAY, 12), id=2)
    span = expected_slots_between([old, new], TODAY - timedelta(days=2), TODAY + timedelta(days=1),
                                  DAY_START, on_time_window=WINDOW)
    by_day = [d for day in range(-2, 2) for d in expected([old, new], TODAY + timedelta(days=day))]
    assert span == by_day
    # Entered today with a start yesterday, without --backdate: yesterday keeps the old plan.
    assert {d.amount for d in span if d.slot.day == TODAY - timedelta(days=1)} == {20_000}


def test_all_doses_past() -> None:
    assert all_doses_past(TID, at(TODAY, 21), DAY_START, on_time_window=WINDOW)
    assert not all_doses_past(TID, at(TODAY, 19), DAY_START, on_time_window=WINDOW)
    assert not all_doses_past((time(1),), at(TODAY, 23), DAY_START)  # 01:00 comes later
    assert not all_doses_past((), at(TODAY, 23), DAY_START)
    # At 20:30 the 20:00 dose's window is still open: a step entered now expects it.
    assert not all_doses_past(TID, at(TODAY, 20, 30), DAY_START, on_time_window=WINDOW)
    assert all_doses_past(TID, at(TODAY, 20, 30), DAY_START)  # without a window it has passed


# --- the taper's own rule, and the steps a change made today replaces -------------------------
TIZANIDINE = Medication("Tizanidine", Unit.MG, max_daily=36_000, min_interval_minutes=360,
                        taper_required=True, id=1)


def tapered(med: Medication, step: PlanStep, start: date, days: int,
            steps: int | None = None) -> list[PlanStep]:
    taper = taper_template(med, step, start, days, steps)
    return [taper.ended_from_step, *taper.steps]


def test_a_taper_from_today_or_later_within_the_labels_pace_is_not_asked_about() -> None:
    step = running()
    assert taper_cut(BACLOFEN, [step], tapered(BACLOFEN, step, TODAY + timedelta(days=1), 14),
                     TODAY + timedelta(days=1), TODAY) is None


def test_a_backdated_taper_that_lowers_today_is_a_cut() -> None:
    """Started ten days ago and over after seven: today's 60 mg/day stops at once."""
    step = running()
    start = TODAY - timedelta(days=10)
    cut = taper_cut(BACLOFEN, [step], tapered(BACLOFEN, step, start, 7), start, TODAY)
    assert cut is not None and (cut.day, cut.before, cut.after) == (TODAY, 60_000, 0)


def test_a_tizanidine_taper_faster_than_its_label_is_a_cut_and_one_within_it_is_not() -> None:
    """The label: the daily amount 2 to 4 mg less each day. 36 mg/day over 7 days falls by more
    than 4 mg at a step; over 11 days in 11 steps of 1 mg per dose (3 mg/day) it keeps to it."""
    step = running(12_000)
    start = TODAY + timedelta(days=1)
    fast = taper_cut(TIZANIDINE, [step], tapered(TIZANIDINE, step, start, 7), start, TODAY)
    assert fast is not None and fast.day == start and fast.before - fast.after > 4_000
    assert ("faster than the tizanidine label's pace (at most 4 mg a day less each day)"
            in fast.change_text(TODAY))
    slow = tapered(TIZANIDINE, step, start, 11, 11)
    assert taper_cut(TIZANIDINE, [step], slow, start, TODAY) is None
    assert taper_cut(BACLOFEN, [step], tapered(BACLOFEN, step, start, 7), start, TODAY) is None


def test_steps_replaced_today_keep_todays_earlier_doses() -> None:
    old = running(10_000)
    [kept] = replaced_until([old], TODAY, TODAY, backdate=False)
    assert kept.end == TODAY
    [backdated] = replaced_until([old], TODAY, TODAY, backdate=True)
    assert backdated.end == TODAY - timedelta(days=1)
    [later] = replaced_until([old], TODAY + timedelta(days=1), TODAY, backdate=False)
    assert later.end == TODAY
    # A titration entered at noon for today: the 08:00 dose stays the old step's, at its amount.
    plan = titration_plan(BACLOFEN, [old], TODAY, 20_000)
    new = recorded(plan.steps, at(TODAY, 12), DAY_START, backdate=False)
    doses = expected_slots([kept, *new], TODAY, DAY_START)
    assert [(d.slot.time, d.amount) for d in doses] == [
        (time(8), 10_000), (time(14), 15_000), (time(20), 15_000)]


def test_a_lower_step_of_the_same_start_as_a_saved_one_is_a_cut() -> None:
    """Not saved yet, it will be saved last and take precedence: so it is judged as it will be."""
    saved = PlanStep(1, TODAY + timedelta(days=1), 20_000, TID, id=4)
    new = PlanStep(1, TODAY + timedelta(days=1), 5_000, TID)
    cut = dose_cut(BACLOFEN, [saved], [saved, new], TODAY)
    assert cut is not None and (cut.before, cut.after) == (60_000, 15_000)


def test_a_tizanidine_taper_in_tablets_cannot_be_checked_and_is_a_cut() -> None:
    tablets = replace(TIZANIDINE, unit=Unit.TABLET, max_daily=None)
    step = running(2_000)  # 2 tablets three times a day
    start = TODAY + timedelta(days=1)
    cut = taper_cut(tablets, [step], tapered(tablets, step, start, 7), start, TODAY)
    assert cut is not None
    assert ("at a pace that cannot be checked against the tizanidine label's pace (at most 4 mg "
            "a day less each day), since it is in tablet") in cut.change_text(TODAY)


def test_an_edit_that_changes_what_past_days_planned_rewrites_the_past() -> None:
    step = running()  # since 30 days ago
    assert rewrites_past(step, replace(step, amount=25_000), TODAY)
    assert rewrites_past(step, replace(step, end=TODAY - timedelta(days=2)), TODAY)
    assert not rewrites_past(step, replace(step, end=TODAY + timedelta(days=5)), TODAY)
    assert not rewrites_past(step, replace(step, note="from Dr Lee"), TODAY)
    future = replace(step, start=TODAY + timedelta(days=2))
    assert not rewrites_past(future, replace(future, amount=5_000), TODAY)
    assert rewrites_past(future, replace(future, start=TODAY - timedelta(days=1)), TODAY)


def test_deleting_keeps_the_past_one_rule_for_the_window_and_the_command_line() -> None:
    running_step = running()
    future = PlanStep(1, TODAY + timedelta(days=3), 25_000, TID, id=2)
    over = PlanStep(1, TODAY - timedelta(days=60), 10_000, TID, TODAY - timedelta(days=31), id=3)
    plan = deletion([running_step, future, over], TODAY)
    assert plan.deleted == [future] and plan.kept == [over]
    assert plan.ended == [replace(running_step, end=TODAY)]
    assert plan.after([over, running_step, future]) == [over, replace(running_step, end=TODAY)]
