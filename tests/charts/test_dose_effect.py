"""Ratings against hours since the last dose: dots, binned means and the hours shown."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from matplotlib.figure import Figure

from diary.charts.dose_effect import EMPTY_MESSAGE, draw_dose_effect, hours_limit
from diary.domain.trends import RatingPoint
from tests.charts.sample import BLADDER, CET, SPASTICITY, sample

T0 = datetime(2026, 11, 2, 21, 0, tzinfo=CET)


def points(symptom_id: int, pairs: list[tuple[float | None, int]]) -> list[RatingPoint]:
    return [RatingPoint(symptom_id, T0 + timedelta(hours=n), score, hours)
            for n, (hours, score) in enumerate(pairs)]


SPASTICITY_PAIRS: list[tuple[float | None, int]] = [
    (0.5, 2), (1.0, 4), (1.5, 6), (2.5, 3), (3.0, 5), (3.5, 7), (9.0, 9), (None, 8), (30.0, 1),
]
BLADDER_PAIRS: list[tuple[float | None, int]] = [
    (1.0, 1), (1.2, 2), (5.0, 3), (5.5, 4), (5.9, 2), (0.2, 0),
]
POINTS = points(SPASTICITY.id or 0, SPASTICITY_PAIRS) + points(BLADDER.id or 0, BLADDER_PAIRS)


def test_dots_and_binned_means_per_symptom() -> None:
    figure = Figure()
    draw_dose_effect(figure, replace(sample(), points=POINTS))
    spasticity, bladder = figure.axes
    assert spasticity.get_title(loc="left") == "Spasticity (0 = none, 10 = worst imaginable)"
    dots, means = spasticity.lines
    # The 30-hour rating and the one with no dose before it are past the 24 hours shown.
    assert dots.get_xdata().tolist() == [0.5, 1.0, 1.5, 2.5, 3.0, 3.5, 9.0]
    assert dots.get_ydata().tolist() == [2, 4, 6, 3, 5, 7, 9]
    # 2-hour bins with at least 3 ratings: [0, 2) holds 2, 4, 6; [2, 4) holds 3, 5, 7; the
    # single rating at 9 h makes no mean.
    assert means.get_xdata().tolist() == [1.0, 3.0]
    assert means.get_ydata().tolist() == [4.0, 5.0]
    assert spasticity.get_xlim() == (0.0, 24.0)
    assert spasticity.get_ylim() == pytest.approx((-0.6, 10.6))
    assert bladder.get_ylim() == pytest.approx((-0.24, 4.24))
    # Bladder: [0, 2) holds 1, 2, 0 and [4, 6) holds 3, 4, 2; nothing in between breaks the line.
    xs, ys = bladder.lines[1].get_xdata(), bladder.lines[1].get_ydata()
    assert xs[0] == 1.0 and math.isnan(xs[1]) and xs[2] == 5.0
    assert ys[0] == 1.0 and math.isnan(ys[1]) and ys[2] == 3.0
    (legend,) = figure.legends
    assert legend.get_title().get_text().startswith("Not shown: 2 rating(s)")
    assert spasticity.get_xlabel() == "Hours since the last scheduled dose (Baclofen)"


def test_the_hours_shown_end_at_the_longest_gap_in_whole_bins() -> None:
    short = [p for p in POINTS if p.hours_since_dose is not None and p.hours_since_dose < 7]
    assert hours_limit(short) == 6.0  # longest 5.9 h: the end of its 2-hour bin
    assert hours_limit(POINTS) == 24.0  # 30 h is past the cap
    assert hours_limit([]) == 2.0
    figure = Figure()
    draw_dose_effect(figure, replace(sample(), points=short))
    assert {ax.get_xlim() for ax in figure.axes} == {(0.0, 6.0)}
    assert figure.legends[0].get_title().get_text() == ""


def test_one_symptom_and_the_choice_of_symptoms() -> None:
    figure = Figure()
    draw_dose_effect(figure, replace(sample(), points=POINTS), symptom_ids=[BLADDER.id or 0])
    (only,) = figure.axes
    assert only.get_title(loc="left").startswith("Bladder urgency")


def test_no_rating_after_a_dose_draws_a_message() -> None:
    figure = Figure()
    no_dose = [replace(p, hours_since_dose=None) for p in POINTS]
    draw_dose_effect(figure, replace(sample(), points=no_dose))
    assert figure.axes == []
    assert [t.get_text() for t in figure.texts] == [EMPTY_MESSAGE]


def test_drawing_again_reuses_the_figure() -> None:
    figure = Figure()
    data = replace(sample(), points=POINTS)
    draw_dose_effect(figure, data)
    draw_dose_effect(figure, data)
    assert len([ax for ax in figure.axes if ax.get_visible()]) == 2
    assert len(figure.axes) == 2 and len(figure.legends) == 1
