"""The charts' colours, line styles, markers and hatches (diary/charts/palette.py): series never
differ by colour alone, every day status and event kind has a style of its own, every shape of a
medication a marker, and a chart still reads printed in black and white."""

from __future__ import annotations

import pytest
from matplotlib.colors import is_color_like
from matplotlib.colors import to_hex
from matplotlib.path import Path

from diary.charts.palette import EVENT_STYLES
from diary.charts.palette import SERIES
from diary.charts.palette import SHAPE_MARKERS
from diary.charts.palette import STATUS_STYLES
from diary.charts.palette import series_style
from diary.charts.palette import shape_marker
from diary.domain.entities import EventKind
from diary.domain.looks import Shape
from diary.domain.trends import DayStatus


def test_series_take_the_styles_in_turn_and_start_again() -> None:
    assert [series_style(n) for n in range(len(SERIES))] == list(SERIES)
    assert series_style(len(SERIES)) == SERIES[0]
    assert series_style(len(SERIES) + 2) == SERIES[2]


def test_two_series_never_differ_by_colour_alone() -> None:
    for attribute in ("color", "linestyle", "marker"):
        values = [repr(getattr(style, attribute)) for style in SERIES]
        assert len(set(values)) == len(SERIES), attribute
    assert all(is_color_like(style.color) for style in SERIES)


def test_every_day_status_has_its_label_colour_and_hatch() -> None:
    assert set(STATUS_STYLES) == set(DayStatus)
    styles = list(STATUS_STYLES.values())
    assert len({s.label for s in styles}) == len({to_hex(s.color) for s in styles}) == len(styles)
    # Taken days and days with nothing scheduled are plain; every other status has a pattern
    # of its own, so the calendar reads without colour.
    plain = {DayStatus.TAKEN, DayStatus.NONE}
    hatches = [STATUS_STYLES[s].hatch for s in DayStatus if s not in plain]
    assert all(hatches) and len(set(hatches)) == len(hatches)
    assert all(STATUS_STYLES[s].hatch == "" for s in plain)


def test_every_event_kind_has_a_colour_and_a_marker_of_its_own() -> None:
    assert set(EVENT_STYLES) == set(EventKind)
    styles = list(EVENT_STYLES.values())
    assert len({s.marker for s in styles}) == len({s.color for s in styles}) == len(styles)


def test_every_shape_of_a_medication_has_a_marker_of_its_own() -> None:
    assert set(SHAPE_MARKERS) == set(Shape)
    markers = [repr(SHAPE_MARKERS[s]) for s in Shape]
    assert len(set(markers)) == len(markers)
    assert [shape_marker(s) for s in (Shape.ROUND, Shape.SQUARE, Shape.TRIANGLE,
                                      Shape.DIAMOND, Shape.HEXAGON)] == ["o", "s", "^", "D", "H"]
    # The capsule lies down, round at both ends, about twice as long as it is high.
    capsule = shape_marker(Shape.CAPSULE)
    assert isinstance(capsule, Path)
    (left, bottom), (right, top) = capsule.get_extents().get_points()
    assert (right - left) / (top - bottom) == pytest.approx(2 / 1.12, rel=0.01)


def test_no_event_looks_like_a_medication() -> None:
    shapes = {m for m in SHAPE_MARKERS.values() if isinstance(m, str)}
    assert not shapes & {s.marker for s in EVENT_STYLES.values()}
