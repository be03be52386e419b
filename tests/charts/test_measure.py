"""How much room a chart's text takes without drawing it (diary/charts/measure.py): a text is
measured no narrower than it is drawn, at every size and on screen and paper alike, and wrapped
at the last space that fits."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from diary.charts.measure import LINE_HEIGHT
from diary.charts.measure import POINTS
from diary.charts.measure import height_of
from diary.charts.measure import text_height
from diary.charts.measure import width_of
from diary.charts.measure import wrapped


def renderer(figure: Figure) -> RendererAgg:
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    return canvas.get_renderer()


@pytest.mark.parametrize("dpi", [72, 96, 100, 150, 192])
@pytest.mark.parametrize("text", ["10", "2500", "Nov 2026", "Spasticity (0 = none, 10 = worst "
                                  "imaginable)", "Change −39%", "Some early or late: 22 days"])
def test_a_text_is_measured_no_narrower_than_it_is_drawn(text: str, dpi: int) -> None:
    figure = Figure(dpi=dpi)
    FigureCanvasAgg(figure)
    for size, weight in ((8, "normal"), (9, "normal"), (11, "bold")):
        drawn_text = figure.text(0.5, 0.5, text, fontsize=size, fontweight=weight)
        width = drawn_text.get_window_extent(renderer(figure)).width / dpi
        measured = width_of(text, drawn_text.get_fontproperties(), dpi)
        assert width <= measured <= width * 1.1 + 2 / dpi


def test_wrapping_breaks_at_the_last_space_that_fits() -> None:
    props = Text(text="", fontsize=9).get_fontproperties()
    room = width_of("Hours since the", props, 100)
    assert wrapped("Hours since the last dose", room, props, 100) == "Hours since the\nlast dose"
    assert wrapped("Hours since the", room, props, 100) == "Hours since the"
    # A word wider than the room stays whole, on a line of its own.
    assert wrapped("Spasticity is", width_of("Spa", props, 100), props, 100) == \
        "Spasticity\nis"


def test_printed_text_is_measured_by_its_outlines_and_its_widest_line() -> None:
    props = Text(text="", fontsize=9).get_fontproperties()
    one = width_of("Spasticity", props, None)
    assert one > 0
    assert width_of("Spasticity\nis", props, None) == pytest.approx(one)  # the widest line
    bigger = Text(text="", fontsize=18).get_fontproperties()
    assert width_of("Spasticity", bigger, None) == pytest.approx(2 * one)


def test_the_height_of_lines_follows_their_size_and_spacing() -> None:
    assert height_of(1, 10) == pytest.approx(10 * LINE_HEIGHT / POINTS)
    assert height_of(3, 10) == pytest.approx(10 * LINE_HEIGHT * (1 + 2 * 1.2) / POINTS)
    assert height_of(2, 10, spacing=1.0) == pytest.approx(2 * height_of(1, 10))
    assert text_height(Text(text="one\ntwo", fontsize=10)) == pytest.approx(height_of(2, 10))


def test_a_text_that_fits_is_left_as_it_is() -> None:
    props = Text(text="", fontsize=9).get_fontproperties()
    text = "Hours since the last dose"
    assert wrapped(text, width_of(text, props, 100), props, 100) == text
