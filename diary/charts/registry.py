"""The one list of charts, which the Trends view and the report both read: each chart's name,
its title and tip in the window, how to draw it and how tall it is on paper.

No matplotlib here: the window lists the charts at start-up, and a chart's builder is imported
when it is first drawn.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from diary.charts.theme import Theme
    from diary.domain.trends import TrendData


class Chart(StrEnum):
    DOSE_SYMPTOMS = "dose_symptoms"
    DOSE_EFFECT = "dose_effect"
    ADHERENCE_CALENDAR = "adherence_calendar"
    BEFORE_AFTER = "before_after"


TITLES: dict[Chart, str] = {
    Chart.DOSE_SYMPTOMS: "Doses and symptoms",
    Chart.DOSE_EFFECT: "Dose and effect",
    Chart.ADHERENCE_CALENDAR: "Adherence calendar",
    Chart.BEFORE_AFTER: "Before and after",
}

TIPS: dict[Chart, str] = {
    Chart.DOSE_SYMPTOMS: "Daily totals against the plan and the maximum, and each symptom's "
                         "daily mean, on one time axis",
    Chart.DOSE_EFFECT: "Each rating against the hours since the last dose of one scheduled "
                       "medication",
    Chart.ADHERENCE_CALENDAR: "How the scheduled doses of each day went, as a calendar",
    Chart.BEFORE_AFTER: "Mean ratings of the week before treatment began (or the first rated "
                        "week) against the last week",
}


def draw_chart(chart: Chart, figure: Figure, data: TrendData, *,
               medication_ids: Collection[int] | None = None,
               symptom_ids: Collection[int] | None = None, theme: Theme | None = None) -> None:
    """Draw `chart` of `data` on `figure` (the builder clears it first), limited to the
    medications and symptoms given (None: all), in the colours of `theme` (None: paper's). The
    dose-and-effect chart counts hours from the doses of the first medication given (None: its
    default)."""
    from diary.charts.theme import PAPER

    colours = theme or PAPER
    if chart is Chart.DOSE_SYMPTOMS:
        from diary.charts.dose_symptoms import draw_dose_symptoms

        draw_dose_symptoms(figure, data, medication_ids=medication_ids, symptom_ids=symptom_ids,
                           theme=colours)
    elif chart is Chart.DOSE_EFFECT:
        from diary.charts.dose_effect import draw_dose_effect

        first = next(iter(medication_ids), None) if medication_ids else None
        draw_dose_effect(figure, data, medication_id=first, symptom_ids=symptom_ids,
                         theme=colours)
    elif chart is Chart.ADHERENCE_CALENDAR:
        from diary.charts.adherence_calendar import draw_adherence_calendar

        draw_adherence_calendar(figure, data, theme=colours)
    else:
        from diary.charts.before_after import draw_before_after

        draw_before_after(figure, data, symptom_ids=symptom_ids, theme=colours)


def chart_height(chart: Chart, data: TrendData) -> float:
    """The height in inches the builder gives `chart` of `data` on paper."""
    if chart is Chart.DOSE_SYMPTOMS:
        from diary.charts.dose_symptoms import FIGSIZE as DOSES_SIZE

        return DOSES_SIZE[1]
    if chart is Chart.DOSE_EFFECT:
        from diary.charts.dose_effect import FIGSIZE as EFFECT_SIZE

        return EFFECT_SIZE[1]
    if chart is Chart.ADHERENCE_CALENDAR:
        from diary.charts.adherence_calendar import figure_size

        return figure_size(data)[1]
    from diary.charts.before_after import FIGSIZE as BEFORE_AFTER_SIZE

    return BEFORE_AFTER_SIZE[1]
