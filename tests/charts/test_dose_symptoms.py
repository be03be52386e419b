"""The doses-and-symptoms chart drawn from hand-made data: what each artist holds."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from datetime import timedelta

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import StepPatch

from diary.charts.dose_symptoms import EMPTY_MESSAGE
from diary.charts.dose_symptoms import draw_dose_symptoms
from diary.charts.dose_symptoms import medication_styles
from diary.charts.palette import SHAPE_MARKERS
from diary.charts.panel_room import titles
from diary.charts.theme import Theme
from diary.charts.theme import contrast
from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.domain.trends import WEEKLY_AFTER_DAYS
from diary.domain.units import Unit
from tests.helpers.chart_sample import BACLOFEN
from tests.helpers.chart_sample import BLADDER
from tests.helpers.chart_sample import PARACETAMOL
from tests.helpers.chart_sample import SPASTICITY
from tests.helpers.chart_sample import START
from tests.helpers.chart_sample import baclofen_total
from tests.helpers.chart_sample import bladder_mean
from tests.helpers.chart_sample import empty
from tests.helpers.chart_sample import sample
from tests.helpers.chart_sample import spasticity_mean

EPOCH = date(1970, 1, 1)  # matplotlib's default date epoch: day numbers count from it


def x(day: date) -> float:
    return float((day - EPOCH).days)


def stairs(ax: Axes) -> list[StepPatch]:
    return [p for p in ax.patches if isinstance(p, StepPatch)]


def artists(ax: Axes) -> int:
    return len(ax.lines) + len(ax.patches) + len(ax.collections) + len(ax.texts)


@pytest.fixture
def figure() -> Figure:
    return Figure()


def test_one_panel_per_medication_and_per_rated_symptom(figure: Figure) -> None:
    draw_dose_symptoms(figure, sample())
    titles = [ax.get_title(loc="left") for ax in figure.axes]
    assert titles == [
        "Baclofen, mg per day",
        "Paracetamol, mg per day",
        "Spasticity (0 = none, 10 = worst imaginable)",
        "Bladder urgency (0 = none, 4 = severe)",
    ]
    assert figure.get_suptitle() == "Doses and symptoms, 2 Nov 2026 to 15 Nov 2026"
    assert figure.axes[-1].get_xlabel() == "Date (a diary day starts at 04:00)"
    # One time axis: every panel shows the whole range, from the first day's start.
    assert {ax.get_xlim() for ax in figure.axes} == {(x(START), x(START) + 14)}


def test_daily_totals_plan_and_maximum_in_mg(figure: Figure) -> None:
    data = sample()
    draw_dose_symptoms(figure, data)
    baclofen = figure.axes[0]
    taken, plan = stairs(baclofen)
    days = [START + timedelta(days=n) for n in range(14)]
    assert taken.get_data().values.tolist() == [baclofen_total(n) / 1000 for n in range(14)]
    assert taken.get_data().edges.tolist() == [x(START) + n for n in range(15)]
    # The plan starts on the third day: before it there is no expected amount, not zero.
    planned = plan.get_data().values
    assert np.isnan(planned[:2]).all()
    assert planned[2:].tolist() == [60.0] * 12
    assert plan.get_linestyle() == "--"
    maximum = [line for line in baclofen.lines if list(line.get_ydata()) == [80.0, 80.0]]
    assert len(maximum) == 1
    assert "max 80 mg a day" in [t.get_text() for t in baclofen.texts]
    assert baclofen.get_ylim()[1] > 80  # the maximum is inside the frame
    # Paracetamol, as needed: days without a dose are drawn at 0, not left out.
    (paracetamol,) = stairs(figure.axes[1])
    assert paracetamol.get_data().values.tolist() == [
        1000.0 if n % 7 == 0 else 0.0 for n in range(len(days))
    ]


def test_symptoms_show_daily_means_and_the_rolling_mean_on_the_whole_scale(
    figure: Figure,
) -> None:
    draw_dose_symptoms(figure, sample())
    spasticity, bladder = figure.axes[2], figure.axes[3]
    rated = [n for n in range(14) if n % 7 != 5]
    daily, rolling = spasticity.lines[:2]
    assert daily.get_xdata().tolist() == [x(START) + n + 0.5 for n in rated]
    assert daily.get_ydata().tolist() == [spasticity_mean(n) for n in rated]
    assert daily.get_linestyle() == "None"  # markers only
    # A trailing 7-day mean over the days that have a rating, worked out here directly.
    expected = []
    for n in range(14):
        window = [spasticity_mean(k) for k in range(n - 6, n + 1) if k >= 0 and k in rated]
        expected.append(sum(window) / len(window))
    assert np.allclose(rolling.get_ydata(), expected)
    assert spasticity.get_ylim() == pytest.approx((-0.6, 10.6))
    assert bladder.get_ylim() == pytest.approx((-0.24, 4.24))
    assert bladder.lines[0].get_ydata().tolist() == [bladder_mean(n) for n in range(0, 14, 2)]


def test_events_mark_every_panel_and_the_legend_names_their_kinds(figure: Figure) -> None:
    draw_dose_symptoms(figure, sample())
    for ax in figure.axes:
        assert len(ax.collections) == 2  # one set of vertical lines per kind of event
    (legend,) = figure.legends
    names = [t.get_text() for t in legend.get_texts()]
    assert {"Baclofen, taken", "Paracetamol, taken", "Plan", "Maximum a day",
            "Daily mean rating", "7-day rolling mean", "Appointment", "Fall"} <= set(names)
    # The appointment at 10:00 is on the second diary day, 6 hours after it started at 04:00.
    appointment = figure.axes[0].collections[0].get_segments()[0]
    assert appointment[0][0] == pytest.approx(x(START) + 1 + 6 / 24)


def test_the_number_of_artists_does_not_grow_with_the_days(figure: Figure) -> None:
    draw_dose_symptoms(figure, sample(14))
    short = [artists(ax) for ax in figure.axes]
    draw_dose_symptoms(figure, sample(300))
    assert [artists(ax) for ax in figure.axes] == short
    assert len(stairs(figure.axes[0])[0].get_data().values) == 300


def test_long_ranges_are_drawn_by_week(figure: Figure) -> None:
    count = 800
    assert count > WEEKLY_AFTER_DAYS
    draw_dose_symptoms(figure, sample(count, events=False))
    weeks = math.ceil(count / 7)  # START is a Monday
    taken, plan = stairs(figure.axes[0])
    means = [
        sum(baclofen_total(n) for n in range(w * 7, min(w * 7 + 7, count)))
        / len(range(w * 7, min(w * 7 + 7, count))) / 1000
        for w in range(weeks)
    ]
    assert np.allclose(taken.get_data().values, means)
    assert len(taken.get_data().edges) == weeks + 1
    # The plan's weekly mean is over the days it is in force: 60 mg, the first week too.
    assert plan.get_data().values.tolist() == [60.0] * weeks
    assert figure.axes[0].get_title(loc="left") == "Baclofen, mg per day (weekly mean)"
    spasticity = figure.axes[2]
    assert len(spasticity.lines) == 1
    assert len(spasticity.lines[0].get_ydata()) == weeks
    assert "Week" in figure.axes[-1].get_xlabel()
    assert "400 days" in figure.axes[-1].get_xlabel()


def test_choosing_medications_and_symptoms(figure: Figure) -> None:
    draw_dose_symptoms(figure, sample(), medication_ids=[BACLOFEN.id or 0],
                       symptom_ids=[BLADDER.id or 0])
    assert [ax.get_title(loc="left").split(" ")[0] for ax in figure.axes] == [
        "Baclofen,", "Bladder"]
    assert SPASTICITY.name not in "".join(ax.get_title(loc="left") for ax in figure.axes)


def test_no_doses_or_ratings_draws_a_message(figure: Figure) -> None:
    draw_dose_symptoms(figure, empty())
    assert figure.axes == []
    assert [t.get_text() for t in figure.texts] == [EMPTY_MESSAGE]


def test_drawing_again_reuses_the_figure(figure: Figure) -> None:
    draw_dose_symptoms(figure, sample())
    draw_dose_symptoms(figure, sample(30))
    assert len(figure.axes) == 4
    assert len(figure.legends) == 1
    draw_dose_symptoms(figure, empty())
    assert figure.axes == [] and len(figure.texts) == 1


def test_each_medication_is_drawn_in_its_look_and_named_in_the_legend(figure: Figure) -> None:
    data = sample()
    draw_dose_symptoms(figure, data)
    (legend,) = figure.legends
    handles = {h.get_label(): h for h in legend.legend_handles}
    for ax, med in zip(figure.axes, data.medications, strict=False):
        look = med.look
        (taken, *_) = stairs(ax)
        assert to_hex(taken.get_edgecolor()) == look.hex.lower()
        marks = [line for line in ax.lines if line.get_marker() == SHAPE_MARKERS[look.shape]]
        assert len(marks) == 1 and to_hex(marks[0].get_color()) == look.hex.lower()
        handle = handles[f"{med.name}, taken"]
        assert (to_hex(handle.get_color()), handle.get_marker()) == (
            look.hex.lower(), SHAPE_MARKERS[look.shape])
    # Baclofen (id 1) and paracetamol (id 2) differ by colour and by shape.
    assert BACLOFEN.look.colour != PARACETAMOL.look.colour
    assert BACLOFEN.look.shape != PARACETAMOL.look.shape


def test_medications_of_the_same_look_differ_by_their_line() -> None:
    alike = [replace(BACLOFEN, colour=Colour.GREEN, shape=Shape.SQUARE),
             replace(PARACETAMOL, colour=Colour.GREEN, shape=Shape.SQUARE)]
    first, second = medication_styles(alike)
    assert (first.color, first.marker) == (second.color, second.marker)
    assert first.linestyle != second.linestyle


def test_a_medication_shows_a_handful_of_markers_whatever_the_days(figure: Figure) -> None:
    for count, marks in ((14, 14), (300, 15)):
        draw_dose_symptoms(figure, sample(count))
        shape = SHAPE_MARKERS[BACLOFEN.look.shape]
        (line,) = [ln for ln in figure.axes[0].lines if ln.get_marker() == shape]
        assert len(line.get_xdata()) == marks


def test_axes_say_their_units_and_dates(figure: Figure) -> None:
    draw_dose_symptoms(figure, sample(30))
    FigureCanvasAgg(figure).draw()
    baclofen, paracetamol, spasticity, bladder = figure.axes
    # (A label longer than its panel is high is wrapped: the words are what counts.)
    assert [ax.get_ylabel().replace("\n", " ") for ax in figure.axes] == [
        "mg/day", "mg/day", "score 0\u201310", "score 0\u20134"]
    amounts = [t.get_text() for t in paracetamol.get_yticklabels()]
    assert "1,000" in amounts and "1000" not in amounts
    assert "max 80 mg a day" in [t.get_text() for t in baclofen.texts]
    dates = [t.get_text() for t in bladder.get_xticklabels() if t.get_text()]
    assert dates and all(any(month in d for month in ("Nov", "Dec")) for d in dates)
    assert spasticity.get_xlabel() == ""  # one time axis, labelled under the last panel


def test_a_medication_in_tablets_is_counted_in_tablets_a_day(figure: Figure) -> None:
    tablets = replace(PARACETAMOL, unit=Unit.TABLET, max_daily=8_000)
    data = replace(sample(), medications=[BACLOFEN, tablets])
    draw_dose_symptoms(figure, data)
    paracetamol = figure.axes[1]
    assert paracetamol.get_ylabel() == "tablets/day"
    assert "max 8 tablets a day" in [t.get_text() for t in paracetamol.texts]


def test_the_chart_takes_the_colours_of_its_theme(figure: Figure) -> None:
    dark = Theme(face="#202020", text="#EEEEEE", mid="#606060")
    draw_dose_symptoms(figure, sample(), theme=dark)
    FigureCanvasAgg(figure).draw()
    assert to_hex(figure.get_facecolor()) == "#202020"
    for ax in figure.axes:
        assert to_hex(ax.get_facecolor()) == "#202020"
        assert {to_hex(t.get_color()) for t in ax.get_yticklabels()} == {"#eeeeee"}
        assert {to_hex(t.get_color()) for t in titles(ax)} == {"#eeeeee"}
    plan = stairs(figure.axes[0])[1]
    assert to_hex(plan.get_edgecolor()) == "#eeeeee"  # black would vanish
    (legend,) = figure.legends
    assert {to_hex(t.get_color()) for t in legend.get_texts()} == {"#eeeeee"}
    # Every series stands out from the dark background by at least 3:1.
    for ax in figure.axes:
        for line in ax.lines:
            assert contrast(to_hex(line.get_color()), "#202020") >= 3.0
