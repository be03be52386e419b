"""A titration (diary/domain/plans/titration.py) continues from the dose the person is on: it
ends the step it replaces, keeps its times, never lowers a day's dose (never a cut for the
dose-cut rule), and when there is nothing to raise it says why, naming the cap and the target.
Without a current dose it is the label's."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import time
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.errors import ValidationError
from diary.domain.plans.changes import dose_cut
from diary.domain.plans.titration import titration_plan
from diary.domain.units import Unit

TID = (time(8), time(14), time(20))
TODAY = date(2026, 12, 7)
BACLOFEN = Medication("Baclofen", Unit.MG, max_daily=80_000, taper_required=True, id=1)


def running(amount: int = 20_000, start: date = TODAY - timedelta(days=30),
            times: tuple[time, ...] = TID, step_id: int = 1) -> PlanStep:
    return PlanStep(1, start, amount, times, id=step_id)


def test_a_titration_over_60_mg_a_day_never_goes_back_to_5_mg() -> None:
    """The issue's case: on 20 mg three times a day, a titration to 20 changes nothing."""
    plan = titration_plan(BACLOFEN, [running()], TODAY, 20_000)
    assert plan.steps == [] and plan.ended == []
    assert plan.unchanged is not None and "already on 20 mg three times a day (60 mg/day)" in \
        plan.unchanged


def test_a_titration_continues_from_the_current_dose_and_ends_the_step_it_replaces() -> None:
    current = running(10_000)
    plan = titration_plan(BACLOFEN, [current], TODAY, 20_000)
    assert [(s.start, s.end, s.amount, s.times) for s in plan.steps] == [
        (TODAY, TODAY + timedelta(days=2), 15_000, TID),
        (TODAY + timedelta(days=3), None, 20_000, TID)]
    assert plan.ended == [replace(current, end=TODAY - timedelta(days=1))]
    assert plan.current == current
    assert dose_cut(BACLOFEN, [current], [*plan.ended, *plan.steps], TODAY) is None


def test_a_titration_keeps_the_current_times_and_never_lowers_a_day() -> None:
    """On 10 mg four times a day (40 mg/day), to 20 mg twice a day: 15 mg twice a day would be
    30 mg/day, so the first step is the first on the grid that keeps 40."""
    qid = (time(8), time(12), time(16), time(20))
    current = running(10_000, times=qid)
    kept = titration_plan(BACLOFEN, [current], TODAY, 15_000)
    assert [(s.amount, s.times) for s in kept.steps] == [(15_000, qid)]  # 60 mg/day, within 80
    bid = (time(8), time(20))
    plan = titration_plan(BACLOFEN, [current], TODAY, 30_000, bid)
    assert [s.amount for s in plan.steps] == [20_000, 25_000, 30_000]
    assert dose_cut(BACLOFEN, [current], [*plan.ended, *plan.steps], TODAY) is None


def test_a_titration_without_a_current_dose_is_the_labels() -> None:
    plan = titration_plan(BACLOFEN, [], TODAY, 15_000)
    assert [s.amount for s in plan.steps] == [5_000, 10_000, 15_000]
    assert plan.current is None and plan.ended == []


def test_a_titration_refuses_a_step_that_starts_on_its_start_or_later() -> None:
    later = PlanStep(1, TODAY + timedelta(days=5), 25_000, TID, id=7)
    with pytest.raises(ValidationError, match=r"#7 from 2026-12-12"):
        titration_plan(BACLOFEN, [running(), later], TODAY, 30_000)


@given(current=st.integers(min_value=1, max_value=30).map(lambda n: n * 1_000),
       doses=st.integers(min_value=1, max_value=5),
       target=st.integers(min_value=1, max_value=30).map(lambda n: n * 1_000),
       new_doses=st.integers(min_value=1, max_value=4))
def test_a_titration_never_lowers_the_dose_the_person_is_on(
        current: int, doses: int, target: int, new_doses: int) -> None:
    hours = (time(7), time(11), time(15), time(19), time(23))
    step = running(current, times=hours[:doses])
    try:
        plan = titration_plan(BACLOFEN, [step], TODAY, target, hours[:new_doses])
    except ValidationError:
        return  # no dose on the grid fits the max: nothing proposed
    after = [*plan.ended, *plan.steps] if plan.ended else [step, *plan.steps]
    assert dose_cut(BACLOFEN, [step], after, TODAY) is None
    assert (plan.steps == []) == (plan.unchanged is not None)
    assert all(s.end is not None for s in plan.ended)
    if plan.steps:
        assert plan.steps[-1].daily_amount <= 80_000


def test_the_unchanged_titration_names_the_cap_and_the_target_typed() -> None:
    diazepam = Medication("Diazepam", Unit.MG, max_daily=40_000, taper_required=True, id=1)
    current = running(10_000, times=(time(8), time(12), time(16), time(20)))
    plan = titration_plan(diazepam, [current], TODAY, 15_000, TID)
    assert plan.unchanged is not None
    assert ("at or above the most the titration reaches within the max per day, 10 mg three "
            "times a day (30 mg/day) (the target of 15 mg per dose would go over it)"
            ) in plan.unchanged
