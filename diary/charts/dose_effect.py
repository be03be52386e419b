"""Ratings against the hours since the last dose: each rating is a dot, and a line joins the mean
score of every 2-hour bin, so a peak of drowsiness after doses, or spasticity coming back before
the next dose, shows as the shape of the line.

Hours count from the last taken dose of one medication with scheduled doses, named on the chart
(by default the one with the most doses taken in the range: see
`diary.domain.trends.dose_effect_medications`); never from another medication's dose, whose
rhythm is its own. Ratings with no dose of it in the 48 hours before them are not drawn. The
time axis runs to the longest gap seen, rounded up to a whole bin and at most MAX_HOURS: after a
day without a dose a rating says more about the missed doses than about the last one.
"""

from __future__ import annotations

import math
from collections.abc import Collection

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from diary.charts.axes import figure_legend
from diary.charts.axes import finish
from diary.charts.axes import range_text
from diary.charts.axes import reset
from diary.charts.axes import show_message
from diary.charts.axes import style
from diary.charts.axes import symptom_axis
from diary.charts.axes import title
from diary.charts.palette import BLACK
from diary.charts.palette import FIGURE_WIDTH
from diary.charts.palette import GREY
from diary.charts.palette import LABEL_SIZE
from diary.charts.palette import SeriesStyle
from diary.charts.palette import series_style
from diary.charts.theme import PAPER
from diary.charts.theme import Theme
from diary.domain.entities import Medication
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.trends import RatingPoint
from diary.domain.trends import TrendData
from diary.domain.trends import binned_means
from diary.domain.trends import dose_effect_medications

FIGSIZE = (FIGURE_WIDTH, 5.0)
MAX_HOURS = 24.0
BIN_HOURS = 2.0
MIN_PER_BIN = 3  # fewer ratings than this in a bin make no mean worth a point on the line
EMPTY_MESSAGE = "No ratings within a day of a scheduled dose in this range"


def empty_message(medication: Medication) -> str:
    return f"No ratings within a day of a {medication.name} dose in this range"


def hours_limit(points: list[RatingPoint]) -> float:
    """The right end of the time axis: the longest gap seen, up to whole bins, at most
    MAX_HOURS, at least one bin."""
    seen = [p.hours_since_dose for p in points if p.hours_since_dose is not None]
    longest = max(seen, default=0.0)
    return min(MAX_HOURS, max(1, math.ceil(longest / BIN_HOURS)) * BIN_HOURS)


def draw_dose_effect(
    figure: Figure, data: TrendData, *, medication_id: int | None = None,
    symptom_ids: Collection[int] | None = None, theme: Theme = PAPER,
) -> None:
    """Clear `figure` and draw, per rated symptom, its ratings against the hours since the last
    dose of one scheduled medication (`medication_id`; by default the first of
    `dose_effect_medications`) with the binned mean line, on the symptom's whole scale, in the
    colours of `theme`."""
    reset(figure, theme)
    medication = _medication(data, medication_id)
    if medication is None:
        show_message(figure, EMPTY_MESSAGE, theme)
        return
    points = data.points_by_medication[medication.id or 0]
    limit = hours_limit(points)
    shown: dict[int, list[RatingPoint]] = {}
    for point in points:
        hours = point.hours_since_dose
        if hours is not None and hours <= limit:
            shown.setdefault(point.symptom_id, []).append(point)
    symptoms = [
        s for s in data.symptoms
        if s.id in shown and (symptom_ids is None or s.id in symptom_ids)
    ]
    if not symptoms:
        show_message(figure, empty_message(medication), theme)
        return
    columns = 1 if len(symptoms) == 1 else 2
    rows = math.ceil(len(symptoms) / columns)
    grid = figure.subplots(rows, columns, sharex=True, squeeze=False)
    for index, symptom in enumerate(symptoms):
        assert symptom.id is not None
        _panel(grid.flat[index], symptom, shown[symptom.id], limit, series_style(index), theme)
    for spare in list(grid.flat)[len(symptoms):]:
        spare.set_visible(False)
    label = hours_label(medication)
    for ax in grid[-1, :]:
        ax.set_xlabel(label, fontsize=LABEL_SIZE)
        ax.xaxis.set_tick_params(labelbottom=True)
    if len(symptoms) % columns:
        # The last row has an empty place: the panel above it carries the hours too.
        above = grid[-2, -1]
        above.set_xlabel(label, fontsize=LABEL_SIZE)
        above.xaxis.set_tick_params(labelbottom=True)
    title(figure, f"Ratings by hours since the last dose of {medication.name}, "
                  f"{range_text(data.start, data.end)}")
    left_out = sum(
        1 for p in points
        if (p.hours_since_dose is None or p.hours_since_dose > limit)
        and (symptom_ids is None or p.symptom_id in symptom_ids)
    )
    remark = (f"Not shown: {left_out} rating(s) more than {limit:g} hours after the last "
              f"{medication.name} dose or with none before them." if left_out else None)
    figure_legend(figure, [
        Line2D([], [], color=theme.ink(GREY), marker="o", linestyle="none", markersize=4,
               alpha=0.5, label="One rating"),
        Line2D([], [], color=theme.ink(BLACK), marker="o", markersize=4, linewidth=1.6,
               label=f"Mean of each {BIN_HOURS:g}-hour span (at least {MIN_PER_BIN} ratings)"),
    ], columns=2, remark=remark)
    finish(figure, theme)


def hours_label(medication: Medication) -> str:
    """The time axis: "Hours since the last Baclofen dose"."""
    return f"Hours since the last {medication.name} dose"


def _medication(data: TrendData, medication_id: int | None) -> Medication | None:
    """The medication whose doses the hours count from: the one asked for, else the default;
    None when the range has none."""
    choices = dose_effect_medications(data)
    if medication_id is None:
        return choices[0] if choices else None
    for medication in choices:
        if medication.id == medication_id:
            return medication
    raise ValidationError("medication", f"no scheduled medication {medication_id} was taken "
                                        "in this range")


def _panel(ax: Axes, symptom: Symptom, points: list[RatingPoint], limit: float,
           look: SeriesStyle, theme: Theme) -> None:
    hours = np.array([p.hours_since_dose for p in points], dtype=np.float64)
    scores = np.array([p.score for p in points], dtype=np.float64)
    # Many ratings share a score: the fainter each dot, the better their density shows.
    alpha = 0.5 if len(points) < 200 else 0.15
    # Every dot is within the limits; unclipped, one at the last hour is drawn whole.
    ax.plot(hours, scores, linestyle="none", marker=look.marker, markersize=3.5,
            markeredgewidth=0, color=theme.ink(look.color), alpha=alpha, clip_on=False)
    bins = binned_means(zip(hours.tolist(), scores.tolist(), strict=True), BIN_HOURS,
                        limit, MIN_PER_BIN)
    xs: list[float] = []
    ys: list[float] = []
    for before, after in zip([None, *bins], bins, strict=False):
        if before is not None and before.high < after.low:
            xs.append(math.nan)  # no mean for the spans between: break the line there
            ys.append(math.nan)
        xs.append(after.middle)
        ys.append(after.mean)
    ax.plot(xs, ys, color=theme.ink(BLACK), marker="o", markersize=4, linewidth=1.6)
    ax.set_xlim(0, limit)
    ax.set_xticks(np.arange(0, limit + 0.1, 4 if limit > 8 else BIN_HOURS))
    symptom_axis(ax, symptom)
    style(ax)
