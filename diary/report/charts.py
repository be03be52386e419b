"""The chart pages: which charts, how many pages each (a chart with more panels than a page holds
goes on over the next, by symptom; the dose-and-effect chart is drawn once per scheduled
medication taken in the range, as hours since one medication's dose say nothing of another's),
how tall, and each drawn into a page by the chart builders of
diary.charts, within the page's margins, with a few words on how to read it underneath.

A builder lays its chart out over the whole figure it is given (diary.charts.layout). Here the
layout is run once within the chart's own rectangle of the page, then frozen, and the title and
legend the builders place at the figure's edges are moved to that rectangle's edges, where the
layout kept room for them: the page's margins and footer stay clear.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from diary.charts.adherence_calendar import calendar_rows
from diary.charts.layout import ChartLayout
from diary.charts.registry import Chart
from diary.charts.registry import draw_chart
from diary.domain.stats import RESPONDER_THRESHOLD
from diary.domain.trends import WEEKLY_AFTER_DAYS
from diary.domain.trends import dose_effect_medications
from diary.report.layout import Item
from diary.report.layout import Text
from diary.report.layout import line_height
from diary.report.layout import wrap
from diary.report.model import Frame
from diary.report.model import Report

CAPTION_SIZE = 8.0
CAPTION_GAP = 0.15  # inches between a chart and the words under it

# How much a page holds: dose-and-symptom panels count 2 for a medication with a plan (its
# panel is taller), 1 otherwise; the other charts count panels.
DOSE_SYMPTOM_WEIGHT = 9
DOSE_EFFECT_PANELS = 6  # two columns of three
BEFORE_AFTER_PANELS = 8  # two rows of four


CAPTIONS: dict[Chart, str] = {
    Chart.DOSE_SYMPTOMS: (
        "How to read it: for each medication, the total taken on each diary day (solid steps) "
        "against the plan's daily amount (dashed) and the maximum a day (dotted); below, each "
        "symptom's mean rating of the day (dots) and its 7-day rolling mean (line), on the "
        "symptom's whole scale (0 = none). Dashed vertical lines mark events, their kind shown "
        f"by the marker on top. A range of more than {WEEKLY_AFTER_DAYS} days is drawn by week."),
    Chart.DOSE_EFFECT: (
        "How to read it: each dot is one rating, placed by the hours since the last dose of the "
        "medication named above (with several scheduled medications, each has its own chart); "
        "the black line joins the mean rating of each 2-hour span. A symptom worse a few hours "
        "after a dose (drowsiness), or coming back before the next one (spasticity), shows in "
        "the shape of the line."),
    Chart.ADHERENCE_CALENDAR: (
        "How to read it: one cell per diary day, one row per month (past two years, one cell "
        "per week, one row per year, each week marked by its worst day), showing how the "
        "scheduled doses went. Colour and hatching both tell the status, so the chart reads in "
        "black and white too; the legend counts the days of each."),
    Chart.BEFORE_AFTER: (
        "How to read it: each symptom's mean daily rating over the baseline period against the "
        "recent period (the periods page 1 compares), with the change in percent. For "
        "spasticity the dashed line is the responder threshold, a "
        f"{RESPONDER_THRESHOLD:.0%} fall from baseline."),
}


@dataclass(frozen=True)
class ChartPage:
    """One page of one chart: the medications and symptoms it shows (None: all) and the height
    of the chart in inches."""

    chart: Chart
    height: float
    medication_ids: tuple[int, ...] | None = None
    symptom_ids: tuple[int, ...] | None = None


def chart_pages(report: Report, frame: Frame) -> list[ChartPage]:
    sections = report.sections
    pages: list[ChartPage] = []
    if sections.dose_symptoms:
        pages += _dose_symptom_pages(report, frame)
    if sections.dose_effect:
        pages += _dose_effect_pages(report, frame)
    if sections.adherence_calendar:
        rows = calendar_rows(report.start, report.end)  # months, or years when by week
        height = min(_room(frame), max(3.2, 1.9 + 0.26 * rows))
        pages.append(ChartPage(Chart.ADHERENCE_CALENDAR, height))
    if sections.before_after:
        pages += _panel_pages(report, frame, Chart.BEFORE_AFTER, _rated_symptoms(report),
                              BEFORE_AFTER_PANELS, 4, 3.0)
    return pages


def _room(frame: Frame) -> float:
    """The height a chart can take: the text area less room for its caption."""
    return frame.bottom - frame.top - CAPTION_GAP - 6 * line_height(CAPTION_SIZE)


def _rated_symptoms(report: Report) -> list[int]:
    data = report.trends
    return [s.id for s in data.symptoms if s.id is not None and data.ratings.get(s.id)]


def _dose_effect_pages(report: Report, frame: Frame) -> list[ChartPage]:
    """The chart of each scheduled medication taken in the range, the one with most doses
    first; one page saying there is nothing to show when there is none."""
    data = report.trends
    medications = [m.id for m in dose_effect_medications(data) if m.id is not None]
    if not medications:
        return _panel_pages(report, frame, Chart.DOSE_EFFECT, [], DOSE_EFFECT_PANELS, 2, 2.7)
    pages: list[ChartPage] = []
    for medication in medications:
        with_dose = {p.symptom_id for p in data.points_by_medication[medication]
                     if p.hours_since_dose is not None}
        symptoms = [s.id for s in data.symptoms if s.id is not None and s.id in with_dose]
        pages += _panel_pages(report, frame, Chart.DOSE_EFFECT, symptoms, DOSE_EFFECT_PANELS,
                              2, 2.7, (medication,))
    return pages


def _dose_symptom_pages(report: Report, frame: Frame) -> list[ChartPage]:
    """The medications on the first page with as many symptoms as fit, the other symptoms on
    the pages after."""
    data = report.trends
    meds = [m.id for m in data.medications
            if m.id is not None and (data.totals.get(m.id) or data.expected.get(m.id))]
    weight = sum(2 if data.expected.get(m) else 1 for m in meds)
    symptoms = _rated_symptoms(report)
    first = max(0, DOSE_SYMPTOM_WEIGHT - weight) if meds else DOSE_SYMPTOM_WEIGHT
    chunks = [symptoms[:first]]
    rest = symptoms[first:]
    chunks += [rest[i:i + DOSE_SYMPTOM_WEIGHT] for i in range(0, len(rest), DOSE_SYMPTOM_WEIGHT)]
    if len(chunks) == 1:
        return [ChartPage(Chart.DOSE_SYMPTOMS, _room(frame))]
    pages = [ChartPage(Chart.DOSE_SYMPTOMS, _room(frame), tuple(meds), tuple(chunks[0]))]
    for chunk in chunks[1:]:
        share = len(chunk) / DOSE_SYMPTOM_WEIGHT
        pages.append(ChartPage(Chart.DOSE_SYMPTOMS, max(3.0, _room(frame) * share), (),
                               tuple(chunk)))
    return pages


def _panel_pages(report: Report, frame: Frame, chart: Chart, symptoms: list[int],
                 per_page: int, columns: int, row_height: float,
                 medication_ids: tuple[int, ...] | None = None) -> list[ChartPage]:
    if len(symptoms) <= per_page:
        rows = max(1, math.ceil(len(symptoms) / min(columns, max(1, len(symptoms)))))
        return [ChartPage(chart, min(_room(frame), 1.3 + row_height * rows), medication_ids)]
    pages = []
    for i in range(0, len(symptoms), per_page):
        chunk = symptoms[i:i + per_page]
        rows = math.ceil(len(chunk) / columns)
        pages.append(ChartPage(chart, min(_room(frame), 1.3 + row_height * rows),
                               medication_ids, tuple(chunk)))
    return pages


# --- drawing ------------------------------------------------------------------------------------
def draw_page_chart(figure: Figure, report: Report, page: ChartPage) -> None:
    """Draw the chart of `page` into the page figure (the frame's text area, from the top)."""
    draw_chart(page.chart, figure, report.trends, medication_ids=page.medication_ids,
               symptom_ids=page.symptom_ids)


def fit_into(figure: Figure, left: float, top: float, width: float, height: float) -> None:
    """Lay the drawn chart out within the rectangle (inches from the page's top left), then
    freeze it there with its title and legends at the rectangle's edges."""
    page_width, page_height = figure.get_size_inches()
    rect = (left / page_width, 1 - (top + height) / page_height, width / page_width,
            height / page_height)
    engine = figure.get_layout_engine()
    if isinstance(engine, ChartLayout) and figure.axes:
        engine.set(rect=rect, hinted=False)  # printed: text as wide as its outlines
        engine.execute(figure)
    figure.set_layout_engine("none")
    title = figure.get_suptitle()
    upper = rect[1] + rect[3]
    for text in figure.texts:
        if title and text.get_text() == title:
            text.set_y(upper)
            text.set_verticalalignment("top")
        elif not figure.axes:  # the message of an empty chart: in the middle of the rectangle
            text.set_position((rect[0] + rect[2] / 2, rect[1] + rect[3] / 2))
    box = Bbox.from_bounds(*rect)
    for legend in figure.legends:
        legend.set_bbox_to_anchor(box, transform=figure.transFigure)


def caption_items(chart: Chart, left: float, top: float, width: float) -> list[Item]:
    step = line_height(CAPTION_SIZE)
    return [Text(left, top + step * (n + 0.8), line, CAPTION_SIZE, color="#333333")
            for n, line in enumerate(wrap(CAPTIONS[chart], width, CAPTION_SIZE))]


def chart_items(frame: Frame, page: ChartPage) -> Sequence[Item]:
    """The words under the chart."""
    return caption_items(page.chart, frame.margin, frame.top + page.height + CAPTION_GAP,
                         frame.content_width)
