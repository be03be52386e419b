"""Before and after: each symptom's mean daily rating over a baseline period against a recent
period, with the change in percent, and for spasticity the responder threshold (a 30% fall from
baseline, diary.domain.stats.RESPONDER_THRESHOLD) drawn as a line at 70% of the baseline.

Each day counts once: a period's mean is the mean of its daily means (diary.domain.stats.
baseline_change over the days with ratings).
"""

from __future__ import annotations

import math
from collections.abc import Collection

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from diary.charts.axes import figure_legend
from diary.charts.axes import finish
from diary.charts.axes import rating_axis
from diary.charts.axes import reset
from diary.charts.axes import scale_anchors
from diary.charts.axes import show_message
from diary.charts.axes import style
from diary.charts.axes import title
from diary.charts.palette import BLUE
from diary.charts.palette import FIGURE_WIDTH
from diary.charts.palette import LABEL_SIZE
from diary.charts.palette import LIGHT_GREY
from diary.charts.palette import NOTE_SIZE
from diary.charts.palette import THRESHOLD_STYLE
from diary.charts.palette import TICK_SIZE
from diary.charts.theme import PAPER
from diary.charts.theme import Theme
from diary.domain.baseline import RESPONDER_SYMPTOM
from diary.domain.baseline import baseline_text
from diary.domain.baseline import period_text
from diary.domain.entities import Symptom
from diary.domain.stats import RESPONDER_THRESHOLD
from diary.domain.stats import BaselineChange
from diary.domain.stats import baseline_change
from diary.domain.trends import TrendData
from diary.domain.trends import comparison_of

FIGSIZE = (FIGURE_WIDTH, 3.8)
THRESHOLD_LABEL = f"Responder threshold: {RESPONDER_THRESHOLD:.0%} below baseline"
EMPTY_MESSAGE = "Not enough ratings to compare a baseline with the recent days"
BASELINE_HATCH = "///"


def change_text(change: BaselineChange) -> str:
    """'−42%' (a true minus sign), '+8%', or 'baseline 0' when no percent is defined."""
    if change.percent_change is None:
        return "baseline 0"
    value = round(change.percent_change)
    sign = "−" if value < 0 else "+" if value > 0 else "±"
    return f"{sign}{abs(value)}%"


def draw_before_after(
    figure: Figure,
    data: TrendData,
    *,
    symptom_ids: Collection[int] | None = None,
    theme: Theme = PAPER,
) -> None:
    """Clear `figure` and draw, per symptom rated in both periods of the data's comparison, the
    baseline and recent mean daily ratings as a pair of bars on the symptom's whole scale, with
    the change written above, in the colours of `theme`."""
    reset(figure, theme)
    comparison = comparison_of(data)
    baseline, recent = comparison.baseline, comparison.recent
    compared: list[tuple[Symptom, BaselineChange]] = []
    for symptom in data.symptoms:
        if symptom.id is None or (symptom_ids is not None and symptom.id not in symptom_ids):
            continue
        daily = comparison.daily.get(symptom.id, {})
        change = baseline_change(daily, baseline, recent)
        if change is not None:
            compared.append((symptom, change))
    if not compared:
        show_message(figure, EMPTY_MESSAGE, theme)
        return
    columns = min(4, len(compared))
    grid = figure.subplots(math.ceil(len(compared) / columns), columns, squeeze=False)
    for ax, (symptom, change) in zip(grid.flat, compared, strict=False):
        _panel(ax, symptom, change, theme)
    for spare in list(grid.flat)[len(compared):]:
        spare.set_visible(False)
    title(figure, "Mean daily rating: baseline against recent days")
    handles: list[Artist] = [
        Patch(facecolor=LIGHT_GREY, edgecolor="#333333", hatch=BASELINE_HATCH,
              label=f"Baseline ({baseline_text(comparison)})"),
        Patch(facecolor=BLUE, edgecolor="#333333", label=f"Recent, {period_text(recent)}"),
    ]
    if any(s.name.casefold() == RESPONDER_SYMPTOM for s, _ in compared):
        handles.append(Line2D([], [], color=theme.ink(THRESHOLD_STYLE.color),
                              linestyle=THRESHOLD_STYLE.linestyle, linewidth=1.3,
                              label=THRESHOLD_LABEL))
    figure_legend(figure, handles, columns=3)
    finish(figure, theme)


def _panel(ax: Axes, symptom: Symptom, change: BaselineChange, theme: Theme) -> None:
    """One symptom's pair of bars; the periods are named in the legend, once for every panel."""
    ax.bar([0, 1], [change.baseline_mean, change.recent_mean], width=0.6,
           color=[LIGHT_GREY, BLUE], edgecolor="#333333", linewidth=0.6,
           hatch=[BASELINE_HATCH, None])
    for x, value in ((0, change.baseline_mean), (1, change.recent_mean)):
        ax.text(x, value, f"{value:.1f}", ha="center", va="bottom", fontsize=NOTE_SIZE,
                color=theme.text)
    verdict = ""
    if symptom.name.casefold() == RESPONDER_SYMPTOM and change.baseline_mean > 0:
        threshold = change.baseline_mean * (1 - RESPONDER_THRESHOLD)
        ax.axhline(threshold, color=theme.ink(THRESHOLD_STYLE.color),
                   linestyle=THRESHOLD_STYLE.linestyle, linewidth=1.3)
        reached = "reached" if change.responder else "not reached"
        verdict = f"\n{RESPONDER_THRESHOLD:.0%} fall {reached}"
    rating_axis(ax, symptom.scale_max)
    ax.set_xlim(-0.6, 1.6)
    ax.set_xticks([0, 1], labels=["Baseline", "Recent"])
    style(ax)
    ax.tick_params(axis="x", labelsize=TICK_SIZE, length=0)
    ax.set_title(symptom.name, fontsize=LABEL_SIZE, y=1.0)  # see axes.panel_title
    ax.set_ylabel(scale_anchors(symptom), fontsize=NOTE_SIZE)
    ax.set_xlabel(f"Change {change_text(change)}{verdict}", fontsize=LABEL_SIZE,
                  fontweight="bold", linespacing=1.3)
