"""The adherence calendar: one cell per day, where the day falls, marked by status."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch

from diary.charts.adherence_calendar import (
    EMPTY_MESSAGE,
    draw_adherence_calendar,
    figure_size,
    month_index,
)
from diary.charts.palette import STATUS_STYLES
from diary.domain.trends import DayStatus
from tests.charts.sample import START, empty, sample


def cells(ax: Axes) -> dict[str, list[tuple[float, float]]]:
    """The lower-left corner of every cell, by the colour of its patch."""
    found: dict[str, list[tuple[float, float]]] = {}
    for patch in ax.patches:
        assert isinstance(patch, PathPatch)
        corners = [tuple(poly.min(axis=0)) for poly in patch.get_path().to_polygons()]
        found.setdefault(to_hex(patch.get_facecolor()), []).extend(corners)
    return found


@pytest.mark.parametrize("count", [14, 90, 800, 3650])
def test_one_cell_per_day_and_one_patch_per_status(count: int) -> None:
    figure = Figure()
    data = sample(count)
    draw_adherence_calendar(figure, data)
    (ax,) = figure.axes
    by_colour = cells(ax)
    assert sum(len(c) for c in by_colour.values()) == count
    assert len(ax.patches) == len(set(data.day_status.values()))  # not one per day
    for status, n in Counter(data.day_status.values()).items():
        assert len(by_colour[to_hex(STATUS_STYLES[status].color)]) == n


def test_cells_sit_on_their_month_row_and_day_column() -> None:
    figure = Figure()
    data = sample(40)  # 2 November to 11 December
    draw_adherence_calendar(figure, data)
    (ax,) = figure.axes
    missed = sorted(cells(ax)[to_hex(STATUS_STYLES[DayStatus.MISSED].color)])
    days = [day for day, status in data.day_status.items() if status is DayStatus.MISSED]
    # Row = months since November, column = day of the month - 1 (with a small gap inside).
    expected = sorted((day.day - 1, (day.month - 11) * 1.0) for day in days)
    assert [(round(x), round(y)) for x, y in missed] == [(c, round(r)) for c, r in expected]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Nov 2026", "Dec 2026"]
    assert ax.get_ylim() == (2.0, 0.0)  # the first month at the top
    assert month_index(date(2027, 1, 31), START) == 2


def test_status_marks_read_without_colour() -> None:
    figure = Figure()
    draw_adherence_calendar(figure, sample())
    hatches = {to_hex(p.get_facecolor()): p.get_hatch() for p in figure.axes[0].patches}
    marked = [DayStatus.LATE, DayStatus.MISSED, DayStatus.SKIPPED]
    patterns = [hatches[to_hex(STATUS_STYLES[s].color)] for s in marked]
    assert all(patterns) and len(set(patterns)) == len(marked)
    assert hatches[to_hex(STATUS_STYLES[DayStatus.TAKEN].color)] is None


def test_the_legend_names_every_status_with_its_days() -> None:
    figure = Figure()
    data = sample(14)
    draw_adherence_calendar(figure, data)
    (legend,) = figure.legends
    texts = [t.get_text() for t in legend.get_texts()]
    counts = Counter(data.day_status.values())
    for status in (DayStatus.TAKEN, DayStatus.LATE, DayStatus.SKIPPED, DayStatus.MISSED,
                   DayStatus.NONE):
        n = counts[status]
        assert f"{STATUS_STYLES[status].label}: {n} day{'s' if n != 1 else ''}" in texts
    # "Not yet due" only when some day is.
    assert not any(t.startswith(STATUS_STYLES[DayStatus.PENDING].label) for t in texts)
    last = data.end
    pending = replace(data, day_status={**data.day_status, last: DayStatus.PENDING})
    draw_adherence_calendar(figure, pending)
    texts = [t.get_text() for t in figure.legends[0].get_texts()]
    assert f"{STATUS_STYLES[DayStatus.PENDING].label}: 1 day" in texts


def test_long_ranges_label_years() -> None:
    figure = Figure()
    draw_adherence_calendar(figure, sample(3650))
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    # November 2026 is too close to January 2027 to carry its own label.
    assert labels == [str(year) for year in range(2027, 2037)]


def test_figure_size_grows_with_the_months() -> None:
    assert figure_size(sample(14))[1] < figure_size(sample(365))[1] <= 5.0


def test_nothing_scheduled_draws_a_message() -> None:
    figure = Figure()
    draw_adherence_calendar(figure, empty())
    assert figure.axes == []
    assert [t.get_text() for t in figure.texts] == [EMPTY_MESSAGE]


def test_drawing_again_reuses_the_figure() -> None:
    figure = Figure()
    draw_adherence_calendar(figure, sample(14))
    draw_adherence_calendar(figure, sample(60, START + timedelta(days=3)))
    assert len(figure.axes) == 1 and len(figure.legends) == 1
