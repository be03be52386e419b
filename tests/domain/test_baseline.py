"""The baseline and recent periods of the before-and-after comparison, on days worked out by
hand."""

from __future__ import annotations

from datetime import date
from datetime import time
from datetime import timedelta

import pytest

from diary.domain.baseline import BASELINE_SEARCH_DAYS
from diary.domain.baseline import baseline_search
from diary.domain.baseline import check_baseline
from diary.domain.baseline import range_baseline
from diary.domain.baseline import recent_period
from diary.domain.baseline import responder_symptom
from diary.domain.baseline import treatment_baseline
from diary.domain.baseline import treatment_start
from diary.domain.entities import PlanStep
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError


def d(month: int, day: int) -> date:
    return date(2026, month, day)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.mark.parametrize(("start", "end", "recent"), [
    (d(11, 1), d(11, 30), (d(11, 24), d(11, 30))),  # the last week
    (d(11, 1), d(11, 14), (d(11, 8), d(11, 14))),  # two weeks exactly: still the last week
    (d(11, 1), d(11, 10), (d(11, 6), d(11, 10))),  # under two weeks: the second half
    (d(11, 1), d(11, 2), (d(11, 2), d(11, 2))),
    (d(11, 1), d(11, 1), (d(11, 1), d(11, 1))),  # one day: that day
])
def test_recent_period(start: date, end: date, recent: tuple[date, date]) -> None:
    assert recent_period(start, end) == recent


def test_range_baseline_counts_rated_days_not_calendar_days() -> None:
    rated = [d(11, 3), d(11, 5), d(11, 6), d(11, 9), d(11, 10), d(11, 12), d(11, 13),
             d(11, 15), d(11, 16), d(11, 25)]
    assert range_baseline(d(11, 1), d(11, 30), rated) == (d(11, 3), d(11, 13))


def test_range_baseline_without_ratings_is_the_first_week() -> None:
    assert range_baseline(d(11, 1), d(11, 30), []) == (d(11, 1), d(11, 7))


def test_range_baseline_never_reaches_the_recent_week() -> None:
    rated = [d(11, 20), d(11, 22), d(11, 24), d(11, 26)]
    assert range_baseline(d(11, 1), d(11, 30), rated) == (d(11, 20), d(11, 22))


def test_range_baseline_of_a_short_range_is_its_first_half() -> None:
    assert range_baseline(d(11, 1), d(11, 10), days(d(11, 1), d(11, 10))) == (d(11, 1), d(11, 5))


def test_treatment_start_is_the_first_scheduled_step() -> None:
    steps = [PlanStep(1, d(9, 1), 500_000),  # as needed: not a treatment schedule
             PlanStep(2, d(10, 20), 5_000, (time(8),)),
             PlanStep(2, d(10, 10), 5_000, (time(8),), end=d(10, 19))]
    assert treatment_start(steps) == d(10, 10)
    assert treatment_start(steps[:1]) is None


def test_responder_symptom_is_spasticity_in_any_case() -> None:
    found = responder_symptom([Symptom("Nausea", id=1), Symptom("SPASTICITY", id=2)])
    assert found is not None and found.id == 2
    assert responder_symptom([Symptom("Nausea", id=1)]) is None


def test_treatment_baseline_is_the_last_rated_week_before_the_first_dose() -> None:
    began = d(10, 10)
    rated = days(d(9, 20), d(10, 30))
    assert treatment_baseline(began, rated, (d(10, 24), d(10, 30))) == (d(10, 3), d(10, 9))


def test_treatment_baseline_takes_what_there_is() -> None:
    rated = [d(10, 1), d(10, 4), d(10, 12)]
    assert treatment_baseline(d(10, 10), rated, (d(10, 24), d(10, 30))) == (d(10, 1), d(10, 4))


def test_ratings_long_before_treatment_are_not_its_baseline() -> None:
    began = d(10, 10)
    first, last = baseline_search(began)
    assert (first, last) == (began - timedelta(days=BASELINE_SEARCH_DAYS), d(10, 9))
    stale = [first - timedelta(days=1), first - timedelta(days=2)]
    assert treatment_baseline(began, stale, (d(10, 24), d(10, 30))) is None
    assert treatment_baseline(began, [first], (d(10, 24), d(10, 30))) == (first, first)


def test_treatment_baseline_stops_before_the_recent_days() -> None:
    # A one-week range that begins with the treatment: its recent days are its second half.
    rated = days(d(10, 1), d(10, 16))
    assert treatment_baseline(d(10, 20), rated, (d(10, 14), d(10, 20))) == (d(10, 7), d(10, 13))


def test_a_chosen_baseline_before_the_recent_days_is_accepted() -> None:
    check_baseline((d(10, 1), d(10, 7)), (d(11, 24), d(11, 30)))
    check_baseline((d(11, 23), d(11, 23)), (d(11, 24), d(11, 30)))


@pytest.mark.parametrize(("baseline", "words"), [
    ((d(10, 7), d(10, 1)), "the baseline ends on 2026-10-01 before it starts on 2026-10-07"),
    ((d(11, 20), d(11, 24)), "must end before the recent days, which begin on 2026-11-24"),
    ((d(11, 25), d(11, 30)), "must end before the recent days"),
])
def test_a_chosen_baseline_that_cannot_be_compared_is_refused(
    baseline: tuple[date, date], words: str
) -> None:
    with pytest.raises(ValidationError, match=words.replace("(", r"\(").replace(")", r"\)")):
        check_baseline(baseline, (d(11, 24), d(11, 30)))
