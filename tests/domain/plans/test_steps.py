"""The plan: the step in force, the expected slots, the titration and taper templates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import time
from datetime import timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.errors import ValidationError
from diary.domain.plans.steps import DEFAULT_TIMES
from diary.domain.plans.steps import TAPER_GRID
from diary.domain.plans.steps import TAPER_LOOKBACK_DAYS
from diary.domain.plans.steps import TAPER_MIN_DAYS
from diary.domain.plans.steps import ScheduledDose
from diary.domain.plans.steps import ends_with_taper
from diary.domain.plans.steps import expected_daily_amount
from diary.domain.plans.steps import expected_slots
from diary.domain.plans.steps import plan_end
from diary.domain.plans.steps import step_on
from diary.domain.plans.steps import taper_template
from diary.domain.plans.steps import titration_capped
from diary.domain.plans.steps import titration_template
from diary.domain.units import Unit

TID = (time(8), time(14), time(20))
MON = date(2026, 3, 2)
BACLOFEN = Medication("Baclofen", Unit.MG, max_daily=80_000, taper_required=True, id=1)


def mg(value: float) -> int:
    return round(value * 1000)


# --- step_on, expected_slots, expected_daily_amount, plan_end ---------------------------------


def test_step_on_is_none_without_a_covering_step() -> None:
    step = PlanStep(1, MON, mg(5), TID, end=MON + timedelta(days=2))
    assert step_on([step], 1, MON - timedelta(days=1)) is None
    assert step_on([step], 1, MON + timedelta(days=3)) is None
    assert step_on([step], 2, MON) is None


def test_step_on_end_is_inclusive() -> None:
    step = PlanStep(1, MON, mg(5), TID, end=MON + timedelta(days=2))
    assert step_on([step], 1, MON + timedelta(days=2)) == step


def test_step_on_latest_start_then_highest_id_wins() -> None:
    old = PlanStep(1, MON, mg(5), TID, id=7)
    newer = PlanStep(1, MON + timedelta(days=3), mg(10), TID, id=2)
    same_start_higher_id = PlanStep(1, MON + timedelta(days=3), mg(15), TID, id=9)
    assert step_on([old, newer], 1, MON + timedelta(days=1)) == old
    assert step_on([old, newer], 1, MON + timedelta(days=3)) == newer
    assert step_on([same_start_higher_id, old, newer], 1, MON + timedelta(days=4)) == (
        same_start_higher_id
    )


def test_expected_slots_sorted_by_time_then_medication() -> None:
    steps = [
        PlanStep(2, MON, mg(4), (time(8), time(22))),
        PlanStep(1, MON, mg(10), TID),
        PlanStep(3, MON, mg(2)),  # as needed: no slot
    ]
    assert expected_slots(steps, MON) == [
        ScheduledDose(1, Slot(MON, time(8)), mg(10)),
        ScheduledDose(2, Slot(MON, time(8)), mg(4)),
        ScheduledDose(1, Slot(MON, time(14)), mg(10)),
        ScheduledDose(1, Slot(MON, time(20)), mg(10)),
        ScheduledDose(2, Slot(MON, time(22)), mg(4)),
    ]


def test_expected_slots_after_midnight_come_last_in_the_diary_day() -> None:
    steps = [PlanStep(1, MON, mg(5), (time(1), time(9)))]
    slots = [d.slot.time for d in expected_slots(steps, MON, time(4))]
    assert slots == [time(9), time(1)]


def test_expected_daily_amount() -> None:
    steps = [PlanStep(1, MON, mg(10), TID), PlanStep(2, MON, mg(2))]
    assert expected_daily_amount(steps, 1, MON) == mg(30)
    assert expected_daily_amount(steps, 2, MON) == 0  # as needed
    assert expected_daily_amount(steps, 1, MON - timedelta(days=1)) == 0


def test_plan_end() -> None:
    closed = PlanStep(1, MON, mg(10), TID, end=MON + timedelta(days=9))
    earlier = PlanStep(1, MON - timedelta(days=9), mg(5), TID, end=MON - timedelta(days=1))
    as_needed = PlanStep(1, MON, mg(5))
    assert plan_end([closed, earlier, as_needed], 1) == MON + timedelta(days=9)
    assert plan_end([closed, PlanStep(1, MON, mg(5), TID)], 1) is None
    assert plan_end([as_needed], 1) is None
    assert plan_end([closed], 2) is None


# --- titration --------------------------------------------------------------------------------


def test_titration_is_the_labels_sequence() -> None:
    # Label: 5 mg t.i.d. for 3 days, then 10, 15, 20 mg t.i.d. for 3 days each (days 0, 3, 6, 9).
    steps = titration_template(BACLOFEN, MON, mg(20))
    assert [(s.start, s.end, s.amount) for s in steps] == [
        (date(2026, 3, 2), date(2026, 3, 4), mg(5)),
        (date(2026, 3, 5), date(2026, 3, 7), mg(10)),
        (date(2026, 3, 8), date(2026, 3, 10), mg(15)),
        (date(2026, 3, 11), None, mg(20)),
    ]
    assert all(s.times == DEFAULT_TIMES == TID for s in steps)
    assert all(s.medication_id == 1 for s in steps)
    assert not titration_capped(BACLOFEN, mg(20))


def test_titration_stops_at_the_target() -> None:
    steps = titration_template(BACLOFEN, MON, mg(15))
    assert [(s.amount, s.end) for s in steps] == [
        (mg(5), MON + timedelta(days=2)),
        (mg(10), MON + timedelta(days=5)),
        (mg(15), None),
    ]


def test_titration_target_off_the_grid_is_the_last_step() -> None:
    steps = titration_template(BACLOFEN, MON, mg(17.5))
    assert [s.amount for s in steps] == [mg(5), mg(10), mg(15), mg(17.5)]
    assert steps[-1].end is None


def test_titration_target_below_the_first_dose_is_one_step() -> None:
    steps = titration_template(BACLOFEN, MON, mg(2.5))
    assert [(s.start, s.amount, s.end) for s in steps] == [(MON, mg(2.5), None)]


def test_titration_stops_at_the_max() -> None:
    # 30 mg three times a day is 90 mg, over 80: 80 // 3 = 26.666 mg, down to the grid: 25 mg.
    steps = titration_template(BACLOFEN, MON, mg(30))
    assert [s.amount for s in steps] == [mg(5), mg(10), mg(15), mg(20), mg(25)]
    assert steps[-1].end is None
    assert titration_capped(BACLOFEN, mg(30))
    assert max(s.daily_amount for s in steps) == mg(75)


def test_titration_exactly_at_the_max_is_not_capped() -> None:
    qid = (time(7), time(12), time(17), time(22))
    steps = titration_template(BACLOFEN, MON, mg(20), times=qid)
    assert steps[-1].amount == mg(20)
    assert steps[-1].daily_amount == mg(80)
    assert not titration_capped(BACLOFEN, mg(20), qid)
    assert titration_capped(BACLOFEN, mg(20) + 1, qid)
    assert titration_template(BACLOFEN, MON, mg(20) + 1, times=qid)[-1].amount == mg(20)


def test_titration_without_a_max_is_never_capped() -> None:
    free = replace(BACLOFEN, max_daily=None)
    assert titration_template(free, MON, mg(40))[-1].amount == mg(40)
    assert not titration_capped(free, mg(40))


def test_titration_custom_steps() -> None:
    steps = titration_template(
        BACLOFEN, MON, mg(6), times=(time(9), time(21)), first_dose=mg(2), increment=mg(2),
        days_per_step=7,
    )
    assert [(s.start, s.amount) for s in steps] == [
        (MON, mg(2)), (MON + timedelta(days=7), mg(4)), (MON + timedelta(days=14), mg(6))
    ]
    assert steps[0].times == (time(9), time(21))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"target_per_dose": 0}, "target"),
        ({"target_per_dose": -5000}, "target"),
        ({"days_per_step": 0}, "days per step"),
        ({"times": ()}, "times"),
        ({"times": (time(8), time(8))}, "times"),
        ({"increment": 0}, "increment"),
    ],
)
def test_titration_refuses_bad_input(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"target_per_dose": mg(20), **kwargs}
    with pytest.raises(ValidationError) as caught:
        titration_template(BACLOFEN, MON, **args)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_titration_refuses_when_even_the_first_dose_is_over_the_max() -> None:
    tiny = replace(BACLOFEN, max_daily=mg(10))
    with pytest.raises(ValidationError, match="max daily amount of 10 mg"):
        titration_template(tiny, MON, mg(20))


def test_titration_needs_a_saved_medication() -> None:
    with pytest.raises(ValidationError) as caught:
        titration_template(replace(BACLOFEN, id=None), MON, mg(20))
    assert caught.value.field == "medication"


@given(
    max_daily=st.integers(mg(15), mg(200)),
    doses=st.integers(1, 3),
    target=st.integers(1, mg(100)),
)
def test_titration_never_exceeds_the_max(max_daily: int, doses: int, target: int) -> None:
    medication = replace(BACLOFEN, max_daily=max_daily)
    times = TID[:doses]
    steps = titration_template(medication, MON, target, times=times)
    assert all(s.daily_amount <= max_daily for s in steps)
    amounts = [s.amount for s in steps]
    assert amounts == sorted(set(amounts))  # strictly increasing
    assert steps[-1].end is None and all(s.end is not None for s in steps[:-1])
    for before, after in pairwise(steps):
        assert before.end is not None and after.start == before.end + timedelta(days=1)
    if titration_capped(medication, target, times):
        assert amounts[-1] < target and amounts[-1] % mg(5) == 0
    else:
        assert amounts[-1] == target


# --- taper ------------------------------------------------------------------------------------


FROM_20_TID = PlanStep(1, MON - timedelta(days=30), mg(20), TID, end=MON - timedelta(days=1))
OPEN_20_TID = PlanStep(1, MON - timedelta(days=30), mg(20), TID, id=7)


def test_taper_steps_down_to_nothing() -> None:
    plan = taper_template(BACLOFEN, FROM_20_TID, MON, 14)
    assert [(s.start, s.end, s.amount) for s in plan.steps] == [
        (date(2026, 3, 2), date(2026, 3, 4), mg(16)),
        (date(2026, 3, 5), date(2026, 3, 8), mg(12)),
        (date(2026, 3, 9), date(2026, 3, 11), mg(8)),
        (date(2026, 3, 12), date(2026, 3, 15), mg(4)),
    ]
    assert all(s.times == TID and s.id is None for s in plan.steps)
    assert plan_end([plan.ended_from_step, *plan.steps], 1) == MON + timedelta(days=13)


def test_taper_ends_the_step_it_tapers_from() -> None:
    plan = taper_template(BACLOFEN, OPEN_20_TID, MON, 14)
    assert plan.ended_from_step == replace(OPEN_20_TID, end=MON - timedelta(days=1))
    assert plan.ended_from_step.id == 7  # the caller saves it as an edit of that step
    ended, taper = plan  # a pair: nothing to forget
    assert taper == plan.steps
    after = MON + timedelta(days=14)
    assert expected_daily_amount([ended, *taper], 1, after) == 0
    # Why it is part of the result: left open, the full dose resumes the day after the taper.
    assert expected_daily_amount([OPEN_20_TID, *taper], 1, after) == mg(60)
    assert plan_end([OPEN_20_TID, *taper], 1) is None


def test_taper_with_a_chosen_number_of_steps() -> None:
    plan = taper_template(BACLOFEN, FROM_20_TID, MON, 9, steps=3)
    assert [(s.start, s.end, s.amount) for s in plan.steps] == [
        (MON, MON + timedelta(days=2), mg(15)),
        (MON + timedelta(days=3), MON + timedelta(days=5), mg(10)),
        (MON + timedelta(days=6), MON + timedelta(days=8), mg(5)),
    ]


def test_taper_default_has_at_least_two_steps() -> None:
    plan = taper_template(BACLOFEN, FROM_20_TID, MON, TAPER_MIN_DAYS)
    assert [(s.start, s.end, s.amount) for s in plan.steps] == [
        (MON, MON + timedelta(days=2), mg(13)),
        (MON + timedelta(days=3), MON + timedelta(days=6), mg(7)),
    ]


def test_taper_of_tablets_uses_halves() -> None:
    tablets = replace(BACLOFEN, unit=Unit.TABLET)
    two = replace(FROM_20_TID, amount=2000)
    plan = taper_template(tablets, two, MON, 9)
    assert [s.amount for s in plan.steps] == [1500, 1000, 500]


def test_taper_default_steps_never_exceed_the_grid() -> None:
    # 3 mg can step down through 2 and 1 mg only, whatever the length.
    three = replace(FROM_20_TID, amount=mg(3))
    plan = taper_template(BACLOFEN, three, MON, 30)
    assert [s.amount for s in plan.steps] == [mg(2), mg(1)]
    assert plan.steps[-1].end == MON + timedelta(days=29)


def test_taper_last_amount_is_at_most_half() -> None:
    # 3 mg in one step would round to 2 mg, more than half: the last amount is rounded down.
    three = replace(FROM_20_TID, amount=mg(3))
    assert [s.amount for s in taper_template(BACLOFEN, three, MON, 7, steps=1).steps] == [mg(1)]


@pytest.mark.parametrize("days", [2, 5, 6])
def test_a_taper_shorter_than_the_rule_is_refused(days: int) -> None:
    # Before: accepted, and then the plan was flagged as ending without a taper.
    with pytest.raises(ValidationError) as caught:
        taper_template(BACLOFEN, FROM_20_TID, MON, days)
    assert caught.value.field == "days"
    assert f"at least {TAPER_MIN_DAYS} days" in str(caught.value)
    shortest = taper_template(BACLOFEN, FROM_20_TID, MON, TAPER_MIN_DAYS)
    last = MON + timedelta(days=TAPER_MIN_DAYS - 1)
    assert shortest.steps[-1].end == last
    assert ends_with_taper([shortest.ended_from_step, *shortest.steps], 1, last)


@pytest.mark.parametrize(
    ("step", "days", "count", "field"),
    [
        (FROM_20_TID, 1, None, "days"),
        (FROM_20_TID, TAPER_MIN_DAYS - 1, None, "days"),
        (FROM_20_TID, 10, 11, "steps"),
        (FROM_20_TID, 10, 0, "steps"),
        (FROM_20_TID, 40, 20, "steps"),  # only 19 whole mg below 20 mg
        (FROM_20_TID, 200, 2, "days"),  # 7 mg for 100 days, then nothing: an abrupt stop
        (replace(FROM_20_TID, times=()), 10, None, "plan"),
        (replace(FROM_20_TID, medication_id=2), 10, None, "plan"),
        (replace(FROM_20_TID, amount=mg(1)), 10, None, "amount"),
        (replace(FROM_20_TID, amount=mg(1.5)), 10, None, "amount"),  # 1 mg is not half
        (replace(FROM_20_TID, start=MON), 10, None, "start"),  # nothing to taper from before
        (replace(FROM_20_TID, end=MON - timedelta(days=2)), 10, None, "start"),  # a gap
    ],
)
def test_taper_refuses_bad_input(step: PlanStep, days: int, count: int | None, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        taper_template(BACLOFEN, step, MON, days, count)
    assert caught.value.field == field


GRIDS = {Unit.MG: 1000, Unit.MCG: 1000, Unit.TABLET: 500, Unit.ML: 500}


@given(
    unit=st.sampled_from(list(GRIDS)),
    amount=st.integers(2000, mg(100)),
    days=st.integers(TAPER_MIN_DAYS, 90),
)
def test_taper_properties(unit: Unit, amount: int, days: int) -> None:
    grid = GRIDS[unit]
    medication = replace(BACLOFEN, unit=unit)
    try:
        plan = taper_template(medication, replace(FROM_20_TID, amount=amount), MON, days)
    except ValidationError as refused:  # only a long taper with little room to step down
        assert refused.field == "days" and days >= TAPER_LOOKBACK_DAYS
        return
    amounts = [s.amount for s in plan.steps]
    assert len(amounts) >= 2 or (amount - 1) // grid == 1
    assert amounts[0] < amount
    assert amounts[-1] * 2 <= amount
    assert all(a > 0 and a % grid == 0 for a in amounts)
    assert all(a > b for a, b in pairwise(amounts))
    assert plan.steps[0].start == MON
    assert plan.steps[-1].end == MON + timedelta(days=days - 1)
    for before, after in pairwise(plan.steps):
        assert before.end is not None and after.start == before.end + timedelta(days=1)


@st.composite
def taper_inputs(draw: st.DrawFn, longest: int) -> tuple[Medication, PlanStep, int, int | None]:
    unit = draw(st.sampled_from(list(TAPER_GRID)))
    grid = TAPER_GRID[unit]
    amount = draw(st.integers(2, 400)) * draw(st.sampled_from([grid, grid // 2, 250]))
    amount = max(amount, 2 * grid)
    times = draw(st.sampled_from([(time(8),), (time(8), time(20)), TID]))
    days = draw(st.integers(TAPER_MIN_DAYS, longest))
    room = (amount - 1) // grid
    steps = draw(st.none() | st.integers(1, min(room, days)))
    history = PlanStep(1, MON - timedelta(days=draw(st.integers(1, 400))), amount, times)
    return replace(BACLOFEN, unit=unit), history, days, steps


@given(taper_inputs(longest=TAPER_LOOKBACK_DAYS - 1))
def test_every_taper_up_to_eight_weeks_is_a_taper(
    case: tuple[Medication, PlanStep, int, int | None],
) -> None:
    # Within the rule's window the template never refuses, and the rule always sees a taper.
    medication, history, days, steps = case
    plan = taper_template(medication, history, MON, days, steps)
    last = MON + timedelta(days=days - 1)
    assert plan.steps[-1].end == last
    assert ends_with_taper([plan.ended_from_step, *plan.steps], 1, last)


@given(taper_inputs(longest=365))
def test_every_taper_the_template_produces_is_a_taper(
    case: tuple[Medication, PlanStep, int, int | None],
) -> None:
    medication, history, days, steps = case
    try:
        plan = taper_template(medication, history, MON, days, steps)
    except ValidationError as refused:
        # Longer than the rule's window, a final amount that runs too long is refused instead.
        assert refused.field == "days" and days >= TAPER_LOOKBACK_DAYS
        return
    last = MON + timedelta(days=days - 1)
    assert ends_with_taper([plan.ended_from_step, *plan.steps], 1, last)
