"""Before and after: the default periods, the bars, the change in percent and the responder
threshold, worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import timedelta

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from diary.charts.before_after import EMPTY_MESSAGE
from diary.charts.before_after import THRESHOLD_LABEL
from diary.charts.before_after import draw_before_after
from diary.charts.theme import Theme
from diary.domain.baseline import Basis
from diary.domain.baseline import period_text
from diary.domain.entities import DailyRating
from diary.domain.trends import TrendData
from diary.domain.trends import comparison_of
from tests.helpers.chart_sample import BLADDER
from tests.helpers.chart_sample import SPASTICITY
from tests.helpers.chart_sample import START
from tests.helpers.chart_sample import compared
from tests.helpers.chart_sample import sample
from tests.helpers.chart_sample import spasticity_mean


def day(n: int) -> date:
    return START + timedelta(days=n)


def bar_heights(figure: Figure, index: int) -> list[float]:
    return [p.get_height() for p in figure.axes[index].patches if isinstance(p, Rectangle)]


def periods(data: TrendData) -> tuple[tuple[date, date], tuple[date, date]]:
    comparison = comparison_of(data)
    return comparison.baseline, comparison.recent


def test_within_a_range_the_first_seven_rated_days_are_compared_with_the_last_seven() -> None:
    # Spasticity is rated every day but the sixth of each week (day 5, 12, 19...).
    baseline, recent = periods(sample(28))
    assert recent == (day(21), day(27))
    assert baseline == (day(0), day(7))  # days 0-4, 6 and 7: seven rated days
    assert comparison_of(sample(28)).basis is Basis.RANGE
    # Without spasticity ratings: the first seven calendar days.
    data = sample(28)
    unrated = replace(data, ratings={BLADDER.id or 0: data.ratings[BLADDER.id or 0]})
    assert periods(unrated) == ((day(0), day(6)), (day(21), day(27)))
    # Under two weeks: two halves that do not overlap; one day: that day twice.
    assert periods(sample(11)) == ((day(0), day(4)), (day(5), day(10)))
    assert periods(sample(1)) == ((day(0), day(0)), (day(0), day(0)))


def test_bars_and_percent_change_per_symptom() -> None:
    data = sample(28)
    baseline, recent = periods(data)
    figure = Figure()
    draw_before_after(figure, data)
    spasticity, bladder = figure.axes
    before = [spasticity_mean(n) for n in range(8) if n != 5]
    after = [spasticity_mean(n) for n in range(21, 28) if n != 26]
    b, a = sum(before) / len(before), sum(after) / len(after)
    assert bar_heights(figure, 0) == pytest.approx([b, a])
    assert spasticity.get_title() == "Spasticity"
    percent = round((a - b) / b * 100)
    sign = "−" if percent < 0 else "+"
    assert spasticity.get_xlabel() == f"Change {sign}{abs(percent)}%\n30% fall not reached"
    assert spasticity.get_ylim() == pytest.approx((-0.6, 10.6))
    assert bladder.get_ylim() == pytest.approx((-0.24, 4.24))
    assert bladder.get_ylabel() == "0 = none, 4 = severe"
    # Bladder urgency, rated on even days: n % 5 in each period.
    b2 = sum(n % 5 for n in range(0, 8, 2)) / 4
    a2 = sum(n % 5 for n in range(22, 28, 2)) / 3
    assert bar_heights(figure, 1) == pytest.approx([b2, a2])
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend == [f"Baseline (first rated days of the range, {period_text(baseline)})",
                      f"Recent, {period_text(recent)}",
                      THRESHOLD_LABEL]
    assert period_text(baseline) == "2–9 Nov 2026"


def test_a_responder_fall_and_its_threshold_line() -> None:
    data = sample(28)
    sid = SPASTICITY.id or 0
    scores = {**{n: 5.0 for n in range(7)}, **{n: 3.0 for n in range(21, 28)}}
    spasticity = {day(n): DailyRating(day(n), sid, v, int(v), 1) for n, v in scores.items()}
    data = replace(data, ratings={**data.ratings, sid: spasticity})
    figure = Figure()
    draw_before_after(figure, compared(data, (day(0), day(6)), (day(21), day(27))))
    ax = figure.axes[0]
    assert ax.get_xlabel() == "Change −40%\n30% fall reached"
    lines = [line for line in ax.lines if isinstance(line, Line2D)]
    assert [list(line.get_ydata()) for line in lines] == [[3.5, 3.5]]  # 70% of the baseline 5
    # No threshold for other symptoms.
    assert len(figure.axes[1].lines) == 0


def test_a_baseline_of_zero_has_no_percent() -> None:
    data = sample(28)
    bid = BLADDER.id or 0
    zero = {day(n): DailyRating(day(n), bid, 0.0, 0, 1) for n in range(7)}
    later = {day(n): DailyRating(day(n), bid, 2.0, 2, 1) for n in range(21, 28)}
    data = replace(data, ratings={**data.ratings, bid: {**zero, **later}})
    figure = Figure()
    draw_before_after(figure, compared(data, (day(0), day(6)), (day(21), day(27))),
                      symptom_ids=[bid])
    (ax,) = figure.axes
    assert ax.get_xlabel() == "Change baseline 0"


def test_no_ratings_in_a_period_draws_a_message() -> None:
    figure = Figure()
    draw_before_after(figure, compared(sample(28), (day(-20), day(-14)), (day(21), day(27))))
    assert figure.axes == []
    assert [t.get_text() for t in figure.texts] == [EMPTY_MESSAGE]


def test_drawing_again_reuses_the_figure() -> None:
    figure = Figure()
    data = sample(28)
    draw_before_after(figure, data)
    draw_before_after(figure, data)
    assert len(figure.axes) == 2 and len(figure.legends) == 1


def test_on_a_dark_background_the_numbers_are_in_the_text_colour() -> None:
    figure = Figure()
    dark = Theme(face="#1E1E1E", text="#F5F5F5", mid="#5A5A5A")
    draw_before_after(figure, sample(28), theme=dark)
    spasticity = figure.axes[0]
    assert {to_hex(t.get_color()) for t in spasticity.texts} == {"#f5f5f5"}
    assert {to_hex(t.get_color()) for t in (spasticity.title, spasticity.xaxis.label,
                                            spasticity.yaxis.label)} == {"#f5f5f5"}
    assert to_hex(figure.get_facecolor()) == "#1e1e1e"
