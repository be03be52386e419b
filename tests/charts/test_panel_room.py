"""The room a panel's text takes around its frame (diary/charts/panel_room.py), measured from the
sizes of its text: tick labels and marks, labels sticking out past the ends of the axis, axis
labels placed beyond the tick labels, and titles above the frame."""

from __future__ import annotations

import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from diary.charts.panel_room import Ticks
from diary.charts.panel_room import measure_ticks
from diary.charts.panel_room import panel_room
from diary.charts.panel_room import place_axis_labels
from diary.charts.panel_room import title_offset
from diary.charts.panel_room import titles

DPI = 100


def panel() -> tuple[Figure, Axes]:
    figure = Figure(figsize=(6, 4), dpi=DPI)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 2500)
    return figure, ax


def test_labels_at_the_ends_of_the_axis_stick_out_by_what_does_not_fit() -> None:
    ticks = Ticks(0.3, 0.2, ((0.0, 0.2), (0.5, 0.4), (1.0, 0.3)))
    assert ticks.overhang(2.0) == pytest.approx((0.2, 0.3))
    inside = Ticks(0.3, 0.2, ((0.25, 0.2), (0.75, 0.2)))
    assert inside.overhang(2.0) == (0.0, 0.0)
    assert Ticks(0.0, 0.0, ()).overhang(2.0) == (0.0, 0.0)


def test_wider_tick_labels_take_more_room_and_hidden_ones_only_their_marks() -> None:
    _, ax = panel()
    wide = measure_ticks(ax, DPI)
    assert wide.left > 0 and wide.bottom > 0 and len(wide.ends) >= 2
    ax.set_ylim(0, 1)
    assert measure_ticks(ax, DPI).left < wide.left  # "0.2" is narrower than "2500"
    ax.tick_params(labelleft=False, labelbottom=False)
    bare = measure_ticks(ax, DPI)
    assert 0 < bare.left < 0.1 and 0 < bare.bottom < 0.1 and bare.ends == ()


def test_axis_labels_and_titles_add_to_the_room_each_side() -> None:
    _, ax = panel()
    ticks = measure_ticks(ax, DPI)
    bare = panel_room(ax, ticks, 5.0, DPI)
    assert (bare.left, bare.bottom, bare.top) == pytest.approx((ticks.left, ticks.bottom, 0.0))
    ax.set_ylabel("mg a day")
    ax.set_xlabel("Day")
    ax.set_title("Baclofen", loc="left", pad=3, y=1.0)
    room = panel_room(ax, ticks, 5.0, DPI)
    assert room.left > bare.left and room.bottom > bare.bottom and room.top > 0


def test_the_titles_are_those_with_text_and_not_the_texts_inside() -> None:
    _, ax = panel()
    ax.set_title("Spasticity", loc="left")
    ax.set_title("mean", loc="right")
    ax.text(0.5, 0.5, "a note in the panel")
    assert sorted(t.get_text() for t in titles(ax)) == ["Spasticity", "mean"]


def test_a_titles_offset_is_its_pad() -> None:
    _, ax = panel()
    ax.set_title("Baclofen", loc="left", pad=9, y=1.0)
    [title] = titles(ax)
    assert title_offset(ax, title, DPI) == pytest.approx(9 / 72)


def test_axis_labels_are_placed_beyond_the_tick_labels() -> None:
    figure, ax = panel()
    ax.set_xlabel("Day")
    ax.set_ylabel("mg a day")
    ticks = measure_ticks(ax, DPI)
    place_axis_labels(figure, ax, ticks)
    figure.canvas.draw()
    frame = ax.get_window_extent()
    xlabel = ax.xaxis.label.get_window_extent()
    ylabel = ax.yaxis.label.get_window_extent()
    gap = ax.xaxis.labelpad / 72
    assert xlabel.y1 == pytest.approx(frame.y0 - (ticks.bottom + gap) * DPI, abs=1.5)
    assert ylabel.x1 == pytest.approx(frame.x0 - (ticks.left + gap) * DPI, abs=1.5)
