"""load_trends' comparison: the baseline before the treatment, a chosen one, and the fallback to
the range's first rated days, on a diary whose daily means are worked out by hand."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone

import pytest

from diary.domain.baseline import Basis
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.errors import ValidationError
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.trends import default_baseline
from diary.storage.trends import load_trends

CET = timezone(timedelta(hours=1))
BEGAN = date(2026, 11, 5)  # the first scheduled dose
START, END = date(2026, 11, 10), date(2026, 11, 25)
NOW = datetime(2026, 11, 26, 12, tzinfo=CET)


def rate(store: DiaryStore, symptom: int, day: date, score: int) -> None:
    store.ratings.add(Rating(symptom, datetime.combine(day, time(21), CET), score))


def spasticity(store: DiaryStore) -> int:
    found = store.symptoms.named("Spasticity").id
    assert found is not None
    return found


@pytest.fixture
def treated(store: DiaryStore) -> DiaryStore:
    """Baclofen from 5 November; spasticity rated 8 each evening from 20 October to 4 November
    (before it), 5 from 5 November on; drowsiness 1 before, 4 after."""
    bac = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000)).id
    assert bac is not None
    store.plans.add_all([PlanStep(bac, BEGAN, 5_000, (time(8), time(14), time(20)))])
    drowsiness = store.symptoms.named("Drowsiness").id
    assert drowsiness is not None
    day = date(2026, 10, 20)
    while day <= END:
        untreated = day < BEGAN
        rate(store, spasticity(store), day, 8 if untreated else 5)
        rate(store, drowsiness, day, 1 if untreated else 4)
        day += timedelta(days=1)
    return store


def test_the_baseline_is_the_week_before_treatment_began(treated: DiaryStore) -> None:
    data = load_trends(treated, START, END, NOW, CET)
    comparison = data.comparison
    assert comparison is not None
    assert comparison.basis is Basis.TREATMENT
    assert comparison.baseline == (date(2026, 10, 29), date(2026, 11, 4))
    assert comparison.recent == (date(2026, 11, 19), END)
    spas = spasticity(treated)
    assert {comparison.daily[spas][d] for d in (date(2026, 10, 29), date(2026, 11, 4))} == {8.0}
    assert comparison.daily[spas][END] == 5.0
    # The baseline's days are read for the comparison only: the range's own data stays its own.
    assert min(data.ratings[spas]) == START


def test_a_chosen_baseline_wins_and_may_lie_anywhere_before_the_recent_days(
    treated: DiaryStore,
) -> None:
    chosen = (date(2026, 10, 20), date(2026, 10, 21))
    comparison = load_trends(treated, START, END, NOW, CET, baseline=chosen).comparison
    assert comparison is not None
    assert (comparison.basis, comparison.baseline) == (Basis.CHOSEN, chosen)
    assert comparison.daily[spasticity(treated)][date(2026, 10, 20)] == 8.0
    inside = (START, date(2026, 11, 15))
    comparison = load_trends(treated, START, END, NOW, CET, baseline=inside).comparison
    assert comparison is not None and comparison.baseline == inside
    assert comparison.daily[spasticity(treated)][START] == 5.0


def test_a_chosen_baseline_in_the_recent_days_is_refused(treated: DiaryStore) -> None:
    with pytest.raises(ValidationError, match="before the recent days, which begin on 2026-11-19"):
        load_trends(treated, START, END, NOW, CET, baseline=(date(2026, 11, 15), END))


def test_without_ratings_before_treatment_the_range_gives_the_baseline(store: DiaryStore) -> None:
    bac = store.medications.add(Medication("Baclofen", Unit.MG)).id
    assert bac is not None
    store.plans.add_all([PlanStep(bac, BEGAN, 5_000, (time(8),))])
    for n in range(0, 16, 2):  # every other day from the range's start
        rate(store, spasticity(store), START + timedelta(days=n), 6)
    comparison = load_trends(store, START, END, NOW, CET).comparison
    assert comparison is not None
    assert comparison.basis is Basis.RANGE
    # Five rated days (10 to 18 November) come before the recent week, which begins on the 19th.
    assert comparison.baseline == (START, START + timedelta(days=8))


def test_a_treatment_begun_after_the_range_gives_no_treatment_baseline(
    treated: DiaryStore,
) -> None:
    comparison = load_trends(treated, date(2026, 10, 20), date(2026, 11, 3), NOW, CET).comparison
    assert comparison is not None
    assert comparison.basis is Basis.RANGE
    assert comparison.baseline[0] == date(2026, 10, 20)


@pytest.mark.parametrize(("start", "end"), [
    (START, END), (date(2026, 10, 20), date(2026, 11, 3)), (date(2026, 11, 20), END)])
def test_default_baseline_is_the_one_load_trends_takes(
    treated: DiaryStore, start: date, end: date
) -> None:
    comparison = load_trends(treated, start, end, NOW, CET).comparison
    assert comparison is not None
    assert default_baseline(treated, start, end) == (comparison.basis, comparison.baseline)
