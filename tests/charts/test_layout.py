"""The layout of every chart, drawn at the sizes it is used at: in the Trends view (at the
window's font and at twice that size, where the figure has fewer inches for the same text) and
on report pages. Whatever the size, every text and the legend are inside the figure, and nothing
of one panel lies over another panel, its text, the figure's title or the legend."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator
from datetime import date

import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from diary.charts.adherence_calendar import draw_adherence_calendar
from diary.charts.before_after import draw_before_after
from diary.charts.dose_effect import draw_dose_effect
from diary.charts.dose_symptoms import draw_dose_symptoms
from diary.charts.layout import LEGIBLE_PANEL
from diary.charts.layout import ChartLayout
from diary.demo import build_demo
from diary.domain.trends import WEEKLY_AFTER_DAYS
from diary.domain.trends import TrendData
from diary.storage.store import open_diary
from diary.storage.trends import load_trends
from tests.helpers.chart_sample import empty
from tests.helpers.chart_sample import sample
from tests.helpers.clock import NOW

TOLERANCE = 0.5  # pixels: edges that touch are not overlaps

# (width, height) in inches and dots per inch. The Trends view sets the dots per inch so that
# chart text is as tall as the window's: 96 at an ordinary font size, 192 at twice that size,
# where the same canvas of ~1060 x 1000 pixels holds a figure of half the inches.
SIZES = {
    "trends": (7.5, 7.0, 100),
    "trends, wide window": (11.2, 7.2, 96),
    "trends, font at 200%": (5.5, 5.25, 192),
    "report, A4": (7.07, 9.0, 100),
    "report, Letter": (7.3, 8.5, 100),
}
Draw = Callable[[Figure, TrendData], None]
CHARTS: dict[str, Draw] = {
    "doses and symptoms": draw_dose_symptoms,
    "dose and effect": draw_dose_effect,
    "adherence calendar": draw_adherence_calendar,
    "before and after": draw_before_after,
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> TrendData:
    """Sixty days of the demo diary: two medications, four symptoms, events, ratings after
    doses."""
    path = tmp_path_factory.mktemp("layout") / "demo.diary"
    build_demo(path, days=60, seed=3, now=NOW)
    store = open_diary(path, read_only=True)
    try:
        return load_trends(store, date(2026, 9, 28), date(2026, 11, 26), NOW, NOW.tzinfo)
    finally:
        store.close()


def drawn(draw: Draw, data: TrendData, size: tuple[float, float, int]) -> Figure:
    width, height, dpi = size
    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    draw(figure, data)
    figure.canvas.draw()
    return figure


def renderer(figure: Figure) -> RendererAgg:
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    return canvas.get_renderer()


def tick_labels(ax: Axes) -> Iterator[Text]:
    """The tick labels drawn: visible, with text, and on a tick within the axis' limits."""
    for axis in (ax.xaxis, ax.yaxis):
        low, high = sorted(axis.get_view_interval())
        for tick in axis.get_major_ticks():
            label = tick.label1
            if label.get_visible() and label.get_text() and low <= tick.get_loc() <= high:
                yield label


def titles(ax: Axes) -> list[Text]:
    return [ax.title, *(t for t in ax.get_children() if isinstance(t, Text)
                        and t not in ax.texts and t is not ax.title)]


def shown(texts: Iterator[Text] | list[Text]) -> list[Text]:
    return [t for t in texts if t.get_visible() and t.get_text()]


def boxes(figure: Figure) -> list[tuple[str, str, Bbox]]:
    """What is drawn, as (whose, what, window box): the figure's own texts, the legend, and
    for each panel its frame, titles, tick labels, axis labels and texts."""
    where = renderer(figure)
    found = [("figure", t.get_text(), t.get_window_extent(where)) for t in shown(figure.texts)]
    for legend in figure.legends:
        found.append(("legend", "legend", legend.get_window_extent(where)))
    for index, ax in enumerate(figure.axes):
        if not ax.get_visible():
            continue
        whose = f"panel {index}"
        found.append((whose, "frame", ax.get_window_extent(where)))
        texts = [*titles(ax), *tick_labels(ax), ax.xaxis.label, ax.yaxis.label, *ax.texts]
        found += [(whose, t.get_text(), t.get_window_extent(where)) for t in shown(texts)]
    return found


def overlap(a: Bbox, b: Bbox) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > TOLERANCE
            and min(a.y1, b.y1) - max(a.y0, b.y0) > TOLERANCE)


def check_layout(figure: Figure) -> None:
    found = boxes(figure)
    edge = figure.bbox
    for whose, what, box in found:
        assert (box.x0 >= edge.x0 - TOLERANCE and box.y0 >= edge.y0 - TOLERANCE
                and box.x1 <= edge.x1 + TOLERANCE and box.y1 <= edge.y1 + TOLERANCE), \
            f"{whose}: {what!r} reaches out of the figure: {box.bounds} in {edge.bounds}"
    for n, (whose, what, box) in enumerate(found):
        for other, other_what, other_box in found[n + 1:]:
            if whose != other:
                assert not overlap(box, other_box), \
                    f"{whose}: {what!r} overlaps {other}: {other_what!r}"
    where = renderer(figure)
    for ax in figure.axes:
        if not ax.get_visible():
            continue
        frame = ax.get_window_extent(where)
        for title in shown(titles(ax)):  # above its own panel, clear of the frame
            assert title.get_window_extent(where).y0 >= frame.y1 - TOLERANCE, title.get_text()
        ticks = [t.get_window_extent(where) for t in tick_labels(ax)]
        for label in shown([ax.xaxis.label, ax.yaxis.label]):
            box = label.get_window_extent(where)
            assert not overlap(box, frame), label.get_text()
            assert not any(overlap(box, tick) for tick in ticks), label.get_text()


@pytest.mark.parametrize("size", SIZES.values(), ids=list(SIZES))
@pytest.mark.parametrize("chart", CHARTS.values(), ids=list(CHARTS))
def test_every_chart_keeps_its_text_inside_and_apart(demo: TrendData, chart: Draw,
                                                     size: tuple[float, float, int]) -> None:
    check_layout(drawn(chart, demo, size))


@pytest.mark.parametrize("size", SIZES.values(), ids=list(SIZES))
def test_a_long_range_keeps_its_longer_labels_inside_and_apart(
        size: tuple[float, float, int]) -> None:
    data = sample(WEEKLY_AFTER_DAYS + 100)  # drawn by week: a long label under the time axis
    figure = drawn(draw_dose_symptoms, data, size)
    check_layout(figure)
    assert figure.axes[-1].get_xlabel().startswith("Week (range over")


def test_a_resized_figure_is_laid_out_again(demo: TrendData) -> None:
    figure = drawn(draw_dose_effect, demo, SIZES["trends"])
    wide = [ax.get_position().width for ax in figure.axes]
    title = figure.axes[1].get_title(loc="left")
    figure.set_size_inches(5.5, 5.25)
    figure.set_dpi(192)
    figure.canvas.draw()
    check_layout(figure)
    # At twice the font size the right-hand title no longer fits on one line; back at the
    # first size, it is whole again and the panels have their first share of the figure.
    assert "\n" in figure.axes[1].get_title(loc="left")
    figure.set_size_inches(7.5, 7.0)
    figure.set_dpi(100)
    figure.canvas.draw()
    assert figure.axes[1].get_title(loc="left") == title
    assert [ax.get_position().width for ax in figure.axes] == pytest.approx(wide)


def legend_rows(figure: Figure) -> int:
    where = renderer(figure)
    return len({round(t.get_window_extent(where).y0) for t in figure.legends[0].get_texts()})


def test_the_legend_takes_fewer_columns_where_the_figure_is_narrow(demo: TrendData) -> None:
    wide = drawn(draw_adherence_calendar, demo, SIZES["trends"])
    narrow = drawn(draw_adherence_calendar, demo, SIZES["trends, font at 200%"])
    texts = [[t.get_text() for t in f.legends[0].get_texts()] for f in (wide, narrow)]
    assert texts[0] == texts[1]  # the same entries, in more rows
    assert legend_rows(narrow) > legend_rows(wide)


def test_the_least_height_gives_every_panel_a_legible_height(demo: TrendData) -> None:
    for draw in CHARTS.values():
        figure = drawn(draw, demo, (7.5, 3.0, 96))  # squeezed
        engine = figure.get_layout_engine()
        assert isinstance(engine, ChartLayout)
        least = engine.least_height(figure)
        figure.set_size_inches(7.5, least)
        figure.canvas.draw()
        check_layout(figure)
        where = renderer(figure)
        heights = [ax.get_window_extent(where).height for ax in figure.axes
                   if ax.get_visible() and ax.get_aspect() == "auto"]
        if heights:  # the calendar keeps its cells square instead
            assert min(heights) == pytest.approx(LEGIBLE_PANEL * 96, abs=1.5), draw
        for ax in figure.axes:  # a panel's own tick labels stand apart
            labels = [t.get_window_extent(where) for t in tick_labels(ax)]
            assert not any(overlap(a, b) for n, a in enumerate(labels) for b in labels[n + 1:])


def test_a_figure_without_panels_needs_no_height() -> None:
    figure = Figure(figsize=(7.5, 2))
    draw_dose_symptoms(figure, empty())
    engine = figure.get_layout_engine()
    assert isinstance(engine, ChartLayout) and engine.least_height(figure) == 0


def test_the_axis_labels_of_a_column_of_panels_line_up(demo: TrendData) -> None:
    figure = drawn(draw_dose_symptoms, demo, SIZES["trends"])
    where = renderer(figure)
    edges = {round(ax.yaxis.label.get_window_extent(where).x1, 1) for ax in figure.axes}
    assert len(edges) == 1
    assert {ax.get_ylabel() for ax in figure.axes} >= {"mg/day", "score 0\u201310"}
