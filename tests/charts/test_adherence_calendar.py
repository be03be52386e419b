"""The adherence calendar: one cell per day, where the day falls, marked by status."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from datetime import timedelta

import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch

from diary.charts.adherence_calendar import EMPTY_MESSAGE
from diary.charts.adherence_calendar import NONE_EDGE
from diary.charts.adherence_calendar import draw_adherence_calendar
from diary.charts.adherence_calendar import figure_size
from diary.charts.adherence_calendar import month_index
from diary.charts.adherence_calendar import status_color
from diary.charts.palette import STATUS_STYLES
from diary.charts.theme import PAPER
from diary.charts.theme import Theme
from diary.domain.trends import DayStatus
from tests.helpers.chart_sample import START
from tests.helpers.chart_sample import empty
from tests.helpers.chart_sample import sample


def cells(ax: Axes) -> dict[str, list[tuple[float, float]]]:
    """The lower-left corner of every cell, by the colour of its patch."""
    found: dict[str, list[tuple[float, float]]] = {}
    for patch in ax.patches:
        assert isinstance(patch, PathPatch)
        corners = [tuple(poly.min(axis=0)) for poly in patch.get_path().to_polygons()]
        found.setdefault(to_hex(patch.get_facecolor()), []).extend(corners)
    return found


@pytest.mark.parametrize("count", [14, 90, 365, 700])  # up to two years: a cell per day
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


WORST_FIRST = [DayStatus.MISSED, DayStatus.PENDING, DayStatus.SKIPPED, DayStatus.LATE,
               DayStatus.TAKEN, DayStatus.NONE]


@pytest.mark.parametrize("count", [800, 3650])
def test_past_two_years_a_cell_per_week_marked_by_its_worst_day(count: int) -> None:
    figure = Figure()
    data = sample(count)
    draw_adherence_calendar(figure, data)
    (ax,) = figure.axes
    # Worked out here: the year's days in sevens, 1-7 in column 0, ..., 358-366 in column 51.
    weeks: dict[tuple[int, int], list[DayStatus]] = {}
    for day, status in data.day_status.items():
        column = min((day - date(day.year, 1, 1)).days // 7, 52)
        weeks.setdefault((column, day.year - START.year), []).append(status)
    expected: dict[str, list[tuple[int, int]]] = {}
    for cell, statuses in weeks.items():
        worst = min(statuses, key=WORST_FIRST.index)
        expected.setdefault(to_hex(STATUS_STYLES[worst].color), []).append(cell)
    drawn = {colour: sorted((round(x), round(y)) for x, y in corners)
             for colour, corners in cells(ax).items()}
    assert drawn == {colour: sorted(c) for colour, c in expected.items()}
    assert ax.get_xlim() == (0.0, 53.0)
    assert any("week by week" in t.get_text() for t in figure.texts)
    texts = [t.get_text() for t in figure.legends[0].get_texts()]
    missed = sum(1 for s in data.day_status.values() if s is DayStatus.MISSED)
    assert f"{STATUS_STYLES[DayStatus.MISSED].label}: {missed} days" in texts  # days, not weeks


def test_long_ranges_have_a_row_per_year() -> None:
    figure = Figure()
    draw_adherence_calendar(figure, sample(3650))
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [str(y) for y in range(2026, 2037)]
    assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["Jan", "Feb", "Mar"]
    assert ax.get_ylim() == (11.0, 0.0)


def test_days_outside_the_range_are_blank_and_unscheduled_days_outlined() -> None:
    figure = Figure()
    data = sample(14)
    none = {day: DayStatus.NONE for day in data.day_status}
    draw_adherence_calendar(figure, replace(data, day_status={**none, START: DayStatus.TAKEN}))
    (ax,) = figure.axes
    [outlined] = [p for p in ax.patches
                  if to_hex(p.get_facecolor()) == to_hex(STATUS_STYLES[DayStatus.NONE].color)]
    assert outlined.get_linewidth() > 0
    assert len(outlined.get_path().to_polygons()) == 13  # only the range's days: 3-15 Nov
    [taken] = [p for p in ax.patches if p is not outlined]
    assert taken.get_linewidth() == 0


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


def test_days_with_nothing_scheduled_barely_show_on_light_and_dark() -> None:
    dark = Theme(face="#1E1E1E", text="#F5F5F5", mid="#5A5A5A")
    for theme in (PAPER, dark):
        figure = Figure()
        draw_adherence_calendar(figure, sample(30), theme=theme)
        assert theme.faint.lower() in cells(figure.axes[0])
        assert status_color(DayStatus.NONE, theme) == theme.faint
        assert status_color(DayStatus.MISSED, theme) == STATUS_STYLES[DayStatus.MISSED].color
        legend = {t.get_text().split(":")[0]: h for t, h in
                  zip(figure.legends[0].get_texts(), figure.legends[0].legend_handles,
                      strict=True)}
        nothing = legend[STATUS_STYLES[DayStatus.NONE].label]
        assert to_hex(nothing.get_facecolor()) == theme.faint.lower()
        assert to_hex(nothing.get_edgecolor()) == NONE_EDGE.lower()  # outlined, as its cells
        assert to_hex(figure.get_facecolor()) == theme.face.lower()
