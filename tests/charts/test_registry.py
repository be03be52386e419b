"""The one list of charts (diary/charts/registry.py) that the Trends view and the report read:
each chart's title and tip, drawn by its own builder with the medications and symptoms chosen,
and its height on paper; the list itself loads no matplotlib."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from diary.charts.adherence_calendar import draw_adherence_calendar
from diary.charts.adherence_calendar import figure_size
from diary.charts.before_after import draw_before_after
from diary.charts.dose_effect import FIGSIZE as EFFECT_SIZE
from diary.charts.dose_effect import draw_dose_effect
from diary.charts.dose_symptoms import FIGSIZE as DOSES_SIZE
from diary.charts.dose_symptoms import draw_dose_symptoms
from diary.charts.registry import TIPS
from diary.charts.registry import TITLES
from diary.charts.registry import Chart
from diary.charts.registry import chart_height
from diary.charts.registry import draw_chart
from diary.charts.theme import Theme
from diary.domain.entities import Rating
from diary.domain.trends import TrendData
from diary.domain.trends import points_by_medication
from tests.helpers.chart_sample import BACLOFEN
from tests.helpers.chart_sample import CET
from tests.helpers.chart_sample import PARACETAMOL
from tests.helpers.chart_sample import SPASTICITY
from tests.helpers.chart_sample import TIZANIDINE
from tests.helpers.chart_sample import sample

BUILDERS: dict[Chart, Callable[[Figure, TrendData], None]] = {
    Chart.DOSE_SYMPTOMS: draw_dose_symptoms,
    Chart.DOSE_EFFECT: draw_dose_effect,
    Chart.ADHERENCE_CALENDAR: draw_adherence_calendar,
    Chart.BEFORE_AFTER: draw_before_after,
}


def with_hours() -> TrendData:
    """Thirty days of the sample, with ratings after doses of baclofen (four a day) and of
    tizanidine (two a day): the dose-and-effect chart has hours to count from either."""
    data = sample(30)
    days = [datetime.combine(data.start + timedelta(days=n), time(), CET) for n in range(3)]
    baclofen = [day + timedelta(hours=h) for day in days for h in (8, 12, 16, 20)]
    tizanidine = [day + timedelta(hours=h) for day in days for h in (6, 18)]
    ratings = [Rating(SPASTICITY.id or 0, day + timedelta(hours=h), 5) for day in days
               for h in (10, 19, 21)]
    bac, tiz = BACLOFEN.id or 0, TIZANIDINE.id or 0
    return replace(data, medications=[BACLOFEN, PARACETAMOL, TIZANIDINE],
                   points_by_medication=points_by_medication(ratings, {bac: baclofen,
                                                                       tiz: tizanidine}),
                   doses_taken={bac: len(baclofen), tiz: len(tizanidine)})


def drawing(figure: Figure) -> list[object]:
    """What a figure shows, as comparable values: its texts, and each panel's titles, labels
    and numbers of lines and patches."""
    return [
        sorted(t.get_text() for t in figure.texts),
        [(ax.get_title(loc="left"), ax.get_title(), ax.get_xlabel(), ax.get_ylabel(),
          len(ax.lines), len(ax.patches)) for ax in figure.axes],
    ]


def test_every_chart_has_a_title_and_a_tip() -> None:
    assert set(TITLES) == set(TIPS) == set(Chart)
    assert all(TITLES[c] and TIPS[c] for c in Chart)
    assert len(set(TITLES.values())) == len(Chart)


@pytest.mark.parametrize("chart", list(Chart))
def test_a_chart_is_drawn_by_its_own_builder(chart: Chart) -> None:
    data = with_hours()
    through, direct = Figure(), Figure()
    draw_chart(chart, through, data)
    BUILDERS[chart](direct, data)
    assert through.axes and drawing(through) == drawing(direct)


def test_the_medications_and_symptoms_chosen_are_the_ones_drawn() -> None:
    data = sample(30)
    chosen, direct = Figure(), Figure()
    draw_chart(Chart.DOSE_SYMPTOMS, chosen, data, medication_ids=[BACLOFEN.id or 0],
               symptom_ids=[SPASTICITY.id or 0])
    draw_dose_symptoms(direct, data, medication_ids=[BACLOFEN.id or 0],
                       symptom_ids=[SPASTICITY.id or 0])
    everything = Figure()
    draw_chart(Chart.DOSE_SYMPTOMS, everything, data)
    assert drawing(chosen) == drawing(direct)
    assert len(chosen.axes) < len(everything.axes)


def test_the_dose_and_effect_chart_counts_from_the_first_medication_given() -> None:
    data = with_hours()
    through, direct, default = Figure(), Figure(), Figure()
    draw_chart(Chart.DOSE_EFFECT, through, data,
               medication_ids=[TIZANIDINE.id or 0, BACLOFEN.id or 0])
    draw_dose_effect(direct, data, medication_id=TIZANIDINE.id)
    draw_chart(Chart.DOSE_EFFECT, default, data)
    assert drawing(through) == drawing(direct)
    assert through.axes[0].get_xlabel() == "Hours since the last Tizanidine dose"
    assert default.axes[0].get_xlabel() == "Hours since the last Baclofen dose"


def test_each_chart_is_as_tall_on_paper_as_its_builder_makes_it() -> None:
    short, long = sample(30), sample(1000)
    assert chart_height(Chart.DOSE_SYMPTOMS, short) == DOSES_SIZE[1]
    assert chart_height(Chart.DOSE_EFFECT, short) == EFFECT_SIZE[1]
    assert chart_height(Chart.BEFORE_AFTER, short) > 0
    assert chart_height(Chart.ADHERENCE_CALENDAR, long) == figure_size(long)[1]
    assert chart_height(Chart.ADHERENCE_CALENDAR, long) != chart_height(
        Chart.ADHERENCE_CALENDAR, short)


def test_the_list_of_charts_loads_no_matplotlib() -> None:
    code = ("import sys; import diary.charts.registry as r; list(r.Chart); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"


@pytest.mark.parametrize("chart", list(Chart))
def test_a_chart_is_drawn_in_the_theme_given_or_on_paper(chart: Chart) -> None:
    data = with_hours()
    night, paper = Figure(), Figure()
    draw_chart(chart, night, data, theme=Theme(face="#101010", text="#FAFAFA", mid="#505050"))
    draw_chart(chart, paper, data)
    assert to_hex(night.get_facecolor()) == "#101010"
    assert to_hex(paper.get_facecolor()) == "#ffffff"
    assert {to_hex(t.get_color()) for t in night.texts} == {"#fafafa"}
    assert drawing(night) == drawing(paper)  # the same chart, in other colours
