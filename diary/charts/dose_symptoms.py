"""Doses and symptoms over time: the daily total of each medication against its plan and its
maximum, and below, on the same time axis, each symptom's daily mean with its 7-day rolling mean.

Each series is one artist (a step outline or one line), whatever the number of days; ranges
longer than WEEKLY_AFTER_DAYS are drawn by week.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from collections.abc import Mapping
from datetime import date
from datetime import timedelta

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.typing import LineStyleType

from diary.charts.axes import FloatArray
from diary.charts.axes import amount_axis
from diary.charts.axes import amount_text
from diary.charts.axes import day_x
from diary.charts.axes import days_of
from diary.charts.axes import event_handles
from diary.charts.axes import figure_legend
from diary.charts.axes import finish
from diary.charts.axes import mark_events
from diary.charts.axes import panel_title
from diary.charts.axes import range_text
from diary.charts.axes import reset
from diary.charts.axes import show_message
from diary.charts.axes import step_outline
from diary.charts.axes import style
from diary.charts.axes import symptom_axis
from diary.charts.axes import time_axis
from diary.charts.axes import title
from diary.charts.axes import unit_words
from diary.charts.axes import week_spans
from diary.charts.palette import FIGURE_WIDTH
from diary.charts.palette import LABEL_SIZE
from diary.charts.palette import MAX_STYLE
from diary.charts.palette import NOTE_SIZE
from diary.charts.palette import PLAN_STYLE
from diary.charts.palette import SeriesStyle
from diary.charts.palette import series_style
from diary.charts.palette import shape_marker
from diary.charts.theme import PAPER
from diary.charts.theme import TEXT_CONTRAST
from diary.charts.theme import Theme
from diary.domain.entities import Medication
from diary.domain.entities import Symptom
from diary.domain.stats import rolling_mean
from diary.domain.trends import WEEKLY_AFTER_DAYS
from diary.domain.trends import TrendData
from diary.domain.trends import weekly
from diary.domain.units import SCALE

FIGSIZE = (FIGURE_WIDTH, 7.0)
EMPTY_MESSAGE = "No doses or ratings in this range"
ROLLING_DAYS = 7
MARKS = 15  # a medication's markers along its line: enough to tell it by its shape, no clutter
MARK_SIZE = 5.5
# Two medications of the same look (chosen alike) still differ: by their line.
SAME_LOOK_LINES: tuple[LineStyleType, ...] = ("-", "-.", (0, (5, 1, 1, 1, 1, 1)),
                                              (0, (3, 1, 1, 1)))


def draw_dose_symptoms(
    figure: Figure,
    data: TrendData,
    *,
    medication_ids: Collection[int] | None = None,
    symptom_ids: Collection[int] | None = None,
    theme: Theme = PAPER,
) -> None:
    """Clear `figure` and draw one panel per medication (taken daily total in the medication's
    look, plan, maximum), then one per rated symptom, sharing the time axis; events mark every
    panel. `medication_ids` and `symptom_ids` choose which to show (default: all with something
    in the range); `theme` gives the background, text and grid colours."""
    reset(figure, theme)
    meds = [
        m for m in data.medications
        if m.id is not None and (medication_ids is None or m.id in medication_ids)
        and (data.totals.get(m.id) or data.expected.get(m.id))
    ]
    symptoms = [
        s for s in data.symptoms
        if s.id is not None and (symptom_ids is None or s.id in symptom_ids)
        and data.ratings.get(s.id)
    ]
    if data.is_empty or not (meds or symptoms):
        show_message(figure, EMPTY_MESSAGE, theme)
        return
    heights = [2 if m.id in data.expected else 1 for m in meds] + [1] * len(symptoms)
    grid = figure.subplots(len(heights), 1, sharex=True, squeeze=False,
                           gridspec_kw={"height_ratios": heights})
    axes: list[Axes] = list(grid[:, 0])
    looks = medication_styles(meds, theme)
    for ax, med, look in zip(axes, meds, looks, strict=False):
        _dose_panel(ax, data, med, look, theme)
    for index, (ax, symptom) in enumerate(zip(axes[len(meds):], symptoms, strict=True)):
        _symptom_panel(ax, data, symptom, series_style(index), theme)
    for ax in axes:
        style(ax)
    time_axis(axes[0], data.start, data.end)  # the panels share their x axis
    mark_events(axes, data.events, data.day_starts_at, theme)
    axes[-1].set_xlabel(_time_label(data), fontsize=LABEL_SIZE)
    title(figure, f"Doses and symptoms, {range_text(data.start, data.end)}")
    figure_legend(figure, _legend(data, list(zip(meds, looks, strict=True)), symptoms, theme))
    finish(figure, theme)


def medication_styles(meds: list[Medication], theme: Theme = PAPER) -> list[SeriesStyle]:
    """Each medication's series: its look's colour (diary.domain.looks) and its shape as the
    marker, on a solid line; a medication whose look an earlier one already has gets a line of
    another pattern."""
    styles: list[SeriesStyle] = []
    for med in meds:
        look = med.look
        same = sum(1 for other in meds[:len(styles)] if other.look == look)
        styles.append(SeriesStyle(theme.ink(look.hex), SAME_LOOK_LINES[same % len(SAME_LOOK_LINES)],
                                  shape_marker(look.shape)))
    return styles


def _time_label(data: TrendData) -> str:
    day_start = f"{data.day_starts_at:%H:%M}"
    if data.by_week:
        return (f"Week (range over {WEEKLY_AFTER_DAYS} days: each step or point is one week's "
                f"mean); a diary day starts at {day_start}")
    return f"Date (a diary day starts at {day_start})"


def _series(daily: Mapping[date, float], data: TrendData) -> tuple[FloatArray, FloatArray]:
    """Step edges (n + 1) and values (n) of a series over the whole range, one step per day or,
    for long ranges, per week (the mean of the days that have a value). Missing values are NaN:
    a gap, not a zero."""
    if data.by_week:
        weeks = weekly(daily, "mean")
        spans = week_spans(list(weeks), data.start, data.end)
        values = list(weeks.values())
        # Weeks without any value are gaps: put a NaN step over each.
        edges = [spans[0][0]] if spans else [data.start]
        filled: list[float] = []
        for (first, stop), value in zip(spans, values, strict=True):
            if first != edges[-1]:
                edges.append(first)
                filled.append(math.nan)
            edges.append(stop)
            filled.append(value)
        return day_x(edges), np.array(filled, dtype=np.float64)
    days = days_of(data.start, data.end)
    day_edges = day_x([*days, data.end + timedelta(days=1)])
    return day_edges, np.array([daily.get(day, math.nan) for day in days], dtype=np.float64)


def _dose_panel(ax: Axes, data: TrendData, med: Medication, look: SeriesStyle,
                theme: Theme) -> None:
    assert med.id is not None
    taken = data.totals.get(med.id, {})
    # A day without a taken dose is a day with 0 taken, not a gap.
    daily = {day: taken.get(day, 0) / SCALE for day in days_of(data.start, data.end)}
    edges, values = _series(daily, data)
    step_outline(ax, values, edges, color=look.color, linewidth=1.6, linestyle=look.linestyle,
                 label=f"{med.name}, taken")
    _marks(ax, edges, values, look, theme)
    top = float(np.nanmax(values)) if values.size else 0.0
    planned = data.expected.get(med.id)
    if planned:
        plan_edges, plan_values = _series({d: v / SCALE for d, v in planned.items()}, data)
        step_outline(ax, plan_values, plan_edges, color=theme.ink(PLAN_STYLE.color),
                     linestyle=PLAN_STYLE.linestyle, linewidth=1.1, zorder=3,
                     label="Plan, expected daily amount")
        top = max(top, float(np.nanmax(plan_values)))
    if med.max_daily is not None:
        limit = med.max_daily / SCALE
        ax.axhline(limit, color=theme.ink(MAX_STYLE.color), linestyle=MAX_STYLE.linestyle,
                   linewidth=1.3, label="Maximum daily amount")
        ax.text(0.995, limit, f"max {amount_text(med.max_daily, med.unit)} a day",
                transform=ax.get_yaxis_transform(), ha="right", va="bottom",
                fontsize=NOTE_SIZE, color=theme.ink(MAX_STYLE.color, TEXT_CONTRAST))
        top = max(top, limit)
    ax.set_ylim(0, top * 1.18 if top > 0 else 1)
    amount_axis(ax, med.unit)
    per = " (weekly mean)" if data.by_week else ""
    panel_title(ax, f"{med.name}, {unit_words(med.unit)} per day{per}")


def _marks(ax: Axes, edges: FloatArray, values: FloatArray, look: SeriesStyle,
           theme: Theme) -> None:
    """The medication's marker on its line, on every step up to MARKS of them, else on MARKS
    steps spread evenly: one artist, whatever the number of days."""
    if not values.size:
        return
    picks = np.unique(np.linspace(0, values.size - 1, min(values.size, MARKS)).round()
                      .astype(np.int64))
    # Unclipped: a marker on a day with nothing taken sits whole on the bottom of the frame.
    ax.plot((edges[picks] + edges[picks + 1]) / 2, values[picks], linestyle="none",
            marker=look.marker, markersize=MARK_SIZE, color=look.color,
            markeredgecolor=theme.face, markeredgewidth=0.6, zorder=4, clip_on=False)


def _symptom_panel(ax: Axes, data: TrendData, symptom: Symptom, look: SeriesStyle,
                   theme: Theme) -> None:
    assert symptom.id is not None
    color = theme.ink(look.color)
    means = {day: r.mean for day, r in data.ratings[symptom.id].items()}
    if data.by_week:
        weeks = weekly(means, "mean")
        spans = week_spans(list(weeks), data.start, data.end)
        xs = np.array([(a + b) / 2 for a, b in zip(day_x([s for s, _ in spans]),
                                                    day_x([e for _, e in spans]), strict=True)])
        # Hundreds of weeks: a plain line reads better than a marker on each; the panel's title
        # names the symptom, so colour is not what tells the series apart.
        ax.plot(xs, list(weeks.values()), color=color, linewidth=1.0, label="Weekly mean")
    else:
        days = sorted(means)
        ax.plot(day_x(days) + 0.5, [means[d] for d in days], linestyle="none",
                marker=look.marker, markersize=3.2, color=color, alpha=theme.dot_alpha,
                markeredgewidth=0, label="Daily mean")
        rolled = rolling_mean(means, ROLLING_DAYS)
        span = days_of(min(rolled), max(rolled))
        ax.plot(day_x(span) + 0.5, [rolled.get(d, math.nan) for d in span], color=color,
                linewidth=1.6, label=f"{ROLLING_DAYS}-day rolling mean")
    symptom_axis(ax, symptom)


def _legend(data: TrendData, meds: list[tuple[Medication, SeriesStyle]],
            symptoms: list[Symptom], theme: Theme) -> list[Line2D]:
    """Each medication by name in its look; then the plan, the maximum and the symptoms' series,
    which look the same in every panel, in the text colour; then the events."""
    taken = " (mean daily total)" if data.by_week else ""
    handles = [
        Line2D([], [], color=look.color, linestyle=look.linestyle, linewidth=1.6,
               marker=look.marker, markersize=MARK_SIZE, markeredgecolor=theme.face,
               markeredgewidth=0.6, label=f"{med.name}, taken{taken}")
        for med, look in meds
    ]
    if any(m.id in data.expected for m, _ in meds):
        handles.append(Line2D([], [], color=theme.ink(PLAN_STYLE.color),
                              linestyle=PLAN_STYLE.linestyle, linewidth=1.1, label="Plan"))
    if any(m.max_daily is not None for m, _ in meds):
        handles.append(Line2D([], [], color=theme.ink(MAX_STYLE.color),
                              linestyle=MAX_STYLE.linestyle, linewidth=1.3,
                              label="Maximum a day"))
    if symptoms and data.by_week:
        handles.append(Line2D([], [], color=theme.text, linewidth=1.0,
                              label="Weekly mean rating"))
    elif symptoms:
        handles.append(Line2D([], [], color=theme.text, marker="o", markersize=3.2,
                              linestyle="none", alpha=theme.dot_alpha, label="Daily mean rating"))
        handles.append(Line2D([], [], color=theme.text, linewidth=1.6,
                              label=f"{ROLLING_DAYS}-day rolling mean"))
    return [*handles, *event_handles(data.events, theme)]
