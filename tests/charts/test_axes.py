"""What every chart shares (diary/charts/axes.py): a figure emptied for a new drawing, days and
weeks on the time axis, a rating's whole scale, scales, units and ranges in plain words, events
marked on every panel at their diary-day place, and one legend in as many columns as fit."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from diary.charts.axes import amount_axis
from diary.charts.axes import amount_text
from diary.charts.axes import date_labels
from diary.charts.axes import day_x
from diary.charts.axes import days_of
from diary.charts.axes import diary_x
from diary.charts.axes import event_handles
from diary.charts.axes import event_kinds
from diary.charts.axes import figure_legend
from diary.charts.axes import finish
from diary.charts.axes import grouped
from diary.charts.axes import mark_events
from diary.charts.axes import per_day_label
from diary.charts.axes import range_text
from diary.charts.axes import rating_axis
from diary.charts.axes import reset
from diary.charts.axes import scale_label
from diary.charts.axes import score_label
from diary.charts.axes import show_message
from diary.charts.axes import symptom_axis
from diary.charts.axes import time_axis
from diary.charts.axes import unit_words
from diary.charts.axes import week_spans
from diary.charts.layout import ChartLayout
from diary.charts.theme import Theme
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Symptom
from diary.domain.units import Unit
from tests.helpers.chart_sample import CET

START = date(2026, 11, 2)  # a Monday


def event(kind: EventKind, day: int, hour: int = 10) -> Event:
    return Event(datetime(2026, 11, day, hour, tzinfo=CET), kind, "")


def test_days_of_a_range_include_both_ends() -> None:
    assert days_of(START, START + timedelta(days=2)) == [START + timedelta(days=n)
                                                         for n in range(3)]
    assert days_of(START, START) == [START]


def test_a_day_is_one_unit_along_the_time_axis() -> None:
    xs = day_x(days_of(START, START + timedelta(days=3)))
    assert list(xs[1:] - xs[:-1]) == [1.0, 1.0, 1.0]
    assert len(day_x([])) == 0


def test_weeks_are_cut_to_the_range() -> None:
    weeks = [date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 9)]
    assert week_spans(weeks, date(2026, 10, 29), date(2026, 11, 11)) == [
        (date(2026, 10, 29), date(2026, 11, 2)),
        (date(2026, 11, 2), date(2026, 11, 9)),
        (date(2026, 11, 9), date(2026, 11, 12)),  # the day after the last
    ]


def test_an_instant_in_the_small_hours_sits_in_the_evening_before() -> None:
    [day] = day_x([date(2026, 11, 26)])
    late = datetime(2026, 11, 27, 1, 30, tzinfo=CET)
    assert diary_x(late, time(4)) == pytest.approx(day + 21.5 / 24)
    assert diary_x(late, time(0)) == pytest.approx(day + 1 + 1.5 / 24)


def test_the_time_axis_runs_from_the_first_day_to_the_end_of_the_last() -> None:
    figure = Figure()
    ax = figure.add_subplot()
    end = START + timedelta(days=20)
    time_axis(ax, START, end)
    assert ax.get_xlim() == pytest.approx(tuple(day_x([START, end + timedelta(days=1)])))
    assert 4 <= len(ax.get_xticks()) <= 11


@pytest.mark.parametrize(("scale", "ticks"), [(10, [0, 5, 10]), (4, [0, 2, 4]), (5, [0, 5])])
def test_a_rating_axis_shows_the_whole_scale(scale: int, ticks: list[int]) -> None:
    ax = Figure().add_subplot()
    rating_axis(ax, scale)
    low, high = ax.get_ylim()
    assert low < 0 < scale < high
    assert list(ax.get_yticks()) == ticks


def test_scales_units_and_ranges_in_plain_words() -> None:
    assert scale_label(Symptom("Spasticity")) == "Spasticity (0 = none, 10 = worst imaginable)"
    assert scale_label(Symptom("Bladder urgency", 4)) == "Bladder urgency (0 = none, 4 = severe)"
    assert scale_label(Symptom("Odd", 7)) == "Odd (0 = none, 7 = worst)"
    assert [unit_words(u) for u in (Unit.MG, Unit.ML, Unit.TABLET, Unit.DROP)] == [
        "mg", "ml", "tablets", "drops"]
    assert range_text(date(2026, 11, 1), date(2027, 1, 5)) == "1 Nov 2026 to 5 Jan 2027"


def test_event_kinds_once_each_in_their_own_order() -> None:
    events = [event(EventKind.OTHER, 3), event(EventKind.FALL, 4), event(EventKind.OTHER, 5),
              event(EventKind.APPOINTMENT, 6)]
    assert event_kinds(events) == [EventKind.APPOINTMENT, EventKind.FALL, EventKind.OTHER]
    assert [h.get_label() for h in event_handles(events)] == [
        EVENT_KIND_LABELS[k] for k in (EventKind.APPOINTMENT, EventKind.FALL, EventKind.OTHER)]


def test_events_mark_every_panel_one_collection_per_kind() -> None:
    figure = Figure()
    top, below = figure.subplots(2, sharex=True)
    top.set_title("Baclofen", loc="left")
    events = [event(EventKind.FALL, 3), event(EventKind.FALL, 5), event(EventKind.ILLNESS, 4)]
    mark_events([top, below], events, time(4))
    for ax in (top, below):
        lines = [c for c in ax.collections if isinstance(c, LineCollection)]
        assert [len(c.get_segments()) for c in lines] == [2, 1]  # the falls, then the illness
    markers = [line for line in top.lines if isinstance(line, Line2D)]
    assert [len(m.get_xdata()) for m in markers] == [2, 1] and not below.lines
    assert top.get_title(loc="left") == "Baclofen"


def test_reset_leaves_an_empty_figure_laid_out_by_the_charts_layout() -> None:
    figure = Figure()
    figure.subplots(2)
    figure.text(0.5, 0.5, "old")
    reset(figure)
    assert figure.axes == [] and figure.texts == []
    assert isinstance(figure.get_layout_engine(), ChartLayout)


def test_one_legend_in_fewer_columns_where_the_figure_is_narrow() -> None:
    handles = [Line2D([], [], label=f"A rather long legend entry {n}") for n in range(4)]
    rows = {}
    for width in (11.0, 3.0):
        figure = Figure(figsize=(width, 4), dpi=100)
        canvas = FigureCanvasAgg(figure)
        reset(figure)
        figure_legend(figure, handles, columns=4)
        canvas.draw()
        [legend] = figure.legends
        where = canvas.get_renderer()
        rows[width] = len({round(t.get_window_extent(where).y0) for t in legend.get_texts()})
    assert rows[11.0] == 1 and rows[3.0] > 1  # the same four entries, in more rows
    empty = Figure()
    figure_legend(empty, [])
    assert empty.legends == []


def at(day: date, hour: int = 0) -> datetime:
    return datetime.combine(day, time(hour))


@pytest.mark.parametrize(("ticks", "labels"), [
    ([at(date(2026, 9, 1)), at(date(2026, 9, 15)), at(date(2026, 10, 1))],
     ["1 Sep", "15 Sep", "1 Oct"]),
    ([at(date(2026, 12, 15)), at(date(2027, 1, 1)), at(date(2027, 1, 15))],
     ["15 Dec", "1 Jan 2027", "15 Jan"]),
    ([at(date(2026, 11, 1)), at(date(2026, 12, 1)), at(date(2027, 1, 1))],
     ["Nov 2026", "Dec", "Jan 2027"]),
    ([at(date(2025, 1, 1)), at(date(2026, 1, 1))], ["2025", "2026"]),
    ([at(START), at(START, 6), at(START, 12)], ["2 Nov", "06:00", "12:00"]),
    ([], []),
])
def test_the_time_axis_is_labelled_with_dates(ticks: list[datetime], labels: list[str]) -> None:
    assert date_labels(ticks) == labels


def test_every_panel_of_a_time_axis_shows_its_dates() -> None:
    figure = Figure()
    top, below = figure.subplots(2, sharex=True)
    time_axis(top, START, START + timedelta(days=89))
    FigureCanvasAgg(figure).draw()
    shown = [t.get_text() for t in below.get_xticklabels() if t.get_text()]
    assert shown[:2] == ["15 Nov", "1 Dec"] and "1 Jan 2027" in shown


@pytest.mark.parametrize(("value", "text"), [(2500, "2,500"), (12.5, "12.5"), (0, "0"),
                                             (1_250_000, "1,250,000"), (0.25, "0.25"),
                                             (-0.001, "0")])
def test_numbers_are_grouped_by_thousands(value: float, text: str) -> None:
    assert grouped(value) == text


def test_amounts_and_axes_say_their_unit() -> None:
    assert amount_text(4_000_000, Unit.MG) == "4,000 mg"
    assert amount_text(1_000, Unit.TABLET) == "1 tablet"
    assert amount_text(2_500, Unit.TABLET) == "2.5 tablets"
    assert per_day_label(Unit.MG) == "mg/day" and per_day_label(Unit.DROP) == "drops/day"
    assert score_label(10) == "score 0\u201310"
    ax = Figure().add_subplot()
    amount_axis(ax, Unit.MCG)
    assert ax.get_ylabel() == "mcg/day"
    assert ax.yaxis.get_major_formatter().format_ticks([0, 2500, 5000]) == ["0", "2,500",
                                                                          "5,000"]
    symptom_axis(ax, Symptom("Spasticity"))
    assert ax.get_ylabel() == "score 0\u201310"


def test_finish_gives_the_frame_the_colours_of_the_theme() -> None:
    theme = Theme(face="#101820", text="#F0F0F0", mid="#707070")
    figure = Figure()
    reset(figure, theme)
    ax = figure.add_subplot()
    ax.plot([0, 1], [0, 1], color="#E69F00")
    ax.set_xlabel("Day")
    ax.set_title("Spasticity", loc="left")
    ax.grid(True)
    figure.suptitle("Doses")
    figure_legend(figure, [Line2D([], [], label="Taken")])
    finish(figure, theme)
    FigureCanvasAgg(figure).draw()
    assert to_hex(figure.get_facecolor()) == to_hex(ax.get_facecolor()) == "#101820"
    texts = [*ax.get_xticklabels(), *ax.get_yticklabels(), ax.xaxis.label, *figure.texts,
             *figure.legends[0].get_texts(), *[c for c in ax.get_children()
                                               if isinstance(c, Text) and c.get_text()]]
    assert {to_hex(t.get_color()) for t in texts} == {"#f0f0f0"}
    assert {to_hex(s.get_edgecolor()) for s in ax.spines.values()} == {"#f0f0f0"}
    assert {to_hex(g.get_color()) for g in ax.get_ygridlines()} == {theme.grid.lower()}
    assert to_hex(ax.lines[0].get_color()) == "#e69f00"  # the series keeps its own


def test_an_empty_chart_says_so_in_the_text_colour() -> None:
    figure = Figure()
    theme = Theme(face="#000000", text="#FFFFFF", mid="#808080")
    reset(figure, theme)
    show_message(figure, "Nothing here", theme)
    assert to_hex(figure.get_facecolor()) == "#000000"
    assert to_hex(figure.texts[0].get_color()) == "#ffffff"
