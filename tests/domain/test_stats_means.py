"""The means of diary/domain/stats.py (an aspect of test_stats): the rolling mean over the days
rated, gaps left out rather than counted as zero, and a symptom's change against its baseline,
a fall of at least thirty percent being a response."""

from __future__ import annotations

import math
from datetime import date
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.domain.errors import ValidationError
from diary.domain.stats import baseline_change
from diary.domain.stats import rolling_mean


def d(n: int) -> date:
    return date(2026, 3, 1) + timedelta(days=n - 1)


# --- rolling mean -----------------------------------------------------------------------------
def test_rolling_mean_over_gaps() -> None:
    values = {d(1): 1.0, d(2): 2.0, d(3): 3.0, d(10): 10.0}
    assert rolling_mean(values, window=3) == {
        d(1): 1.0,
        d(2): 1.5,
        d(3): 2.0,
        d(4): 2.5,  # d(2) and d(3): the gap on d(4) is not a zero
        d(5): 3.0,
        # d(6)..d(9): nothing in the window, left out
        d(10): 10.0,
    }


def test_rolling_mean_window_of_one_is_the_values() -> None:
    values = {d(1): 4.0, d(3): 6.0}
    assert rolling_mean(values, window=1) == values


def test_rolling_mean_default_is_seven_days() -> None:
    values = {d(n): float(n) for n in range(1, 11)}
    means = rolling_mean(values)
    assert means[d(7)] == pytest.approx(4.0)  # 1..7
    assert means[d(10)] == pytest.approx(7.0)  # 4..10


def test_rolling_mean_edges() -> None:
    assert rolling_mean({}) == {}
    with pytest.raises(ValidationError):
        rolling_mean({d(1): 1.0}, window=0)


@given(
    st.dictionaries(st.integers(1, 60).map(d), st.floats(0, 10), min_size=1, max_size=40),
    st.integers(1, 14),
)
def test_rolling_mean_stays_within_its_window(values: dict[date, float], window: int) -> None:
    means = rolling_mean(values, window)
    for day, mean in means.items():
        inside = [v for k, v in values.items() if timedelta(0) <= day - k < timedelta(window)]
        assert inside
        assert min(inside) - 1e-9 <= mean <= max(inside) + 1e-9
        assert math.isclose(mean, sum(inside) / len(inside), abs_tol=1e-9)
    assert min(means) == min(values) and max(means) == max(values)


# --- baseline change --------------------------------------------------------------------------
BASE = (d(1), d(7))


RECENT = (d(22), d(28))


def ratings(base: float, recent: float) -> dict[date, float]:
    return {**{d(n): base for n in range(1, 8)}, **{d(n): recent for n in range(22, 29)}}


def test_a_fall_of_exactly_thirty_percent_is_a_responder() -> None:
    change = baseline_change(ratings(10.0, 7.0), BASE, RECENT)
    assert change is not None
    assert change.baseline_mean == 10.0 and change.recent_mean == 7.0
    assert change.percent_change == pytest.approx(-30.0)
    assert change.responder


def test_a_fall_just_under_thirty_percent_is_not() -> None:
    change = baseline_change(ratings(10.0, 7.001), BASE, RECENT)
    assert change is not None and not change.responder
    assert change.percent_change == pytest.approx(-29.99)


def test_baseline_change_uses_period_means() -> None:
    daily = {d(1): 6.0, d(3): 8.0, d(22): 4.0, d(23): 5.0, d(30): 0.0}  # d(30) is outside
    change = baseline_change(daily, BASE, RECENT)
    assert change is not None
    assert (change.baseline_mean, change.recent_mean) == (7.0, 4.5)
    assert change.responder  # a fall of 35.7%


def test_a_rise_is_not_a_responder() -> None:
    change = baseline_change(ratings(5.0, 6.0), BASE, RECENT)
    assert change is not None
    assert change.percent_change == pytest.approx(20.0)
    assert not change.responder


def test_a_baseline_of_zero_is_handled() -> None:
    change = baseline_change(ratings(0.0, 2.0), BASE, RECENT)
    assert change is not None
    assert change.percent_change is None and not change.responder


def test_baseline_change_needs_both_periods() -> None:
    assert baseline_change({d(1): 5.0}, BASE, RECENT) is None
    assert baseline_change({d(22): 5.0}, BASE, RECENT) is None


def test_baseline_change_threshold_and_periods_are_checked() -> None:
    change = baseline_change(ratings(10.0, 6.0), BASE, RECENT, threshold=0.5)
    assert change is not None and not change.responder
    with pytest.raises(ValidationError):
        baseline_change(ratings(10.0, 6.0), (d(7), d(1)), RECENT)
    with pytest.raises(ValidationError):
        baseline_change(ratings(10.0, 6.0), BASE, RECENT, threshold=0)
