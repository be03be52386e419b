"""Every chart of the registry, drawn from the demo diary on paper and on a dark window: no two
entries of one legend look alike (colour, line and marker), so a reader never has to guess which
line is the dose taken and which the rolling mean, and every medication is named in it in its
own look."""

from __future__ import annotations

from datetime import date

import pytest
from matplotlib.artist import Artist
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from diary.charts.palette import SHAPE_MARKERS
from diary.charts.registry import Chart
from diary.charts.registry import draw_chart
from diary.charts.theme import PAPER
from diary.charts.theme import Theme
from diary.demo import build_demo
from diary.domain.trends import TrendData
from diary.storage.store import open_diary
from diary.storage.trends import load_trends
from tests.helpers.clock import NOW

DARK = Theme(face="#2B2B2B", text="#E6E6E6", mid="#5A5A5A")
THEMES = {"paper": PAPER, "dark": DARK}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> TrendData:
    """The last 90 days of the demo diary, as the Trends view first shows them."""
    path = tmp_path_factory.mktemp("legends") / "demo.diary"
    build_demo(path, now=NOW)
    store = open_diary(path, read_only=True)
    try:
        return load_trends(store, date(2026, 8, 29), date(2026, 11, 26), NOW, NOW.tzinfo)
    finally:
        store.close()


def _marker(handle: Line2D) -> str:
    marker = handle.get_marker()
    if marker in (None, "", " ", "None", "none"):
        return "none"
    return repr(marker)


def look(handle: Artist) -> tuple[str, str, str]:
    """What tells a legend entry apart: colour, line style, marker (hatch for a patch)."""
    if isinstance(handle, Line2D):
        line = "none" if handle.get_linestyle() == "None" else str(handle.get_linestyle())
        return to_hex(handle.get_color()), line, _marker(handle)
    assert isinstance(handle, Patch)
    return to_hex(handle.get_facecolor()), "patch", handle.get_hatch() or ""


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
@pytest.mark.parametrize("chart", list(Chart))
def test_no_two_legend_entries_look_alike(demo: TrendData, chart: Chart, theme: Theme) -> None:
    figure = Figure(figsize=(7.5, 7.0))
    draw_chart(chart, figure, demo, theme=theme)
    (legend,) = figure.legends
    entries = {t.get_text(): look(h) for t, h in zip(legend.get_texts(), legend.legend_handles,
                                                     strict=True)}
    assert len(entries) >= 2
    assert len(set(entries.values())) == len(entries), entries


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_the_dose_taken_and_the_rolling_mean_look_different(demo: TrendData,
                                                            theme: Theme) -> None:
    figure = Figure(figsize=(7.5, 7.0))
    draw_chart(Chart.DOSE_SYMPTOMS, figure, demo, theme=theme)
    (legend,) = figure.legends
    entries = {t.get_text(): h for t, h in zip(legend.get_texts(), legend.legend_handles,
                                               strict=True)}
    rolling = entries["7-day rolling mean"]
    for med in demo.medications:
        taken = entries[f"{med.name}, taken"]
        assert isinstance(taken, Line2D) and isinstance(rolling, Line2D)
        assert taken.get_marker() == SHAPE_MARKERS[med.look.shape]
        assert look(taken) != look(rolling)
        if theme is PAPER:
            assert to_hex(taken.get_color()) == med.look.hex.lower()
