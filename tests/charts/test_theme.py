"""The colours a chart's frame is drawn in (diary/charts/theme.py): paper's as the report always
had them, a window's light or dark palette, and series that stay readable on a dark one."""

from __future__ import annotations

import pytest

from diary.charts.palette import BLACK
from diary.charts.palette import BLUE
from diary.charts.palette import SERIES
from diary.charts.palette import VERMILLION
from diary.charts.theme import MIN_CONTRAST
from diary.charts.theme import PAPER
from diary.charts.theme import TEXT_CONTRAST
from diary.charts.theme import Theme
from diary.charts.theme import contrast
from diary.charts.theme import luminance
from diary.charts.theme import mix

DARK = Theme(face="#2B2B2B", text="#E6E6E6", mid="#5A5A5A")
LIGHT = Theme(face="#EFEFEF", text="#000000", mid="#A0A0A0")


def test_luminance_and_contrast_as_wcag_defines_them() -> None:
    assert luminance("#000000") == 0 and luminance("#FFFFFF") == pytest.approx(1)
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#FFFFFF", "#000000") == contrast("#000000", "#FFFFFF")
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_mixing_two_colours() -> None:
    assert mix("#000000", "#FFFFFF", 0) == "#000000"
    assert mix("#000000", "#FFFFFF", 1) == "#FFFFFF"
    assert mix("#FF0000", "#0000FF", 0.5) == "#800080"


def test_paper_keeps_the_grid_and_fill_the_report_always_had() -> None:
    assert (PAPER.face, PAPER.text) == ("#FFFFFF", "#000000")
    assert PAPER.grid == "#E5E5E5" and PAPER.faint == "#F2F2F2"
    assert not PAPER.dark and not LIGHT.dark and DARK.dark


def test_on_light_backgrounds_series_keep_their_colours_but_black_is_the_text() -> None:
    for theme in (PAPER, LIGHT):
        assert [theme.ink(s.color) for s in SERIES if s.color != BLACK] == [
            s.color for s in SERIES if s.color != BLACK]
    assert LIGHT.ink(BLACK) == "#000000" and DARK.ink(BLACK) == "#E6E6E6"


def test_on_a_dark_background_every_series_stands_out_by_three_to_one() -> None:
    for style in SERIES:
        inked = DARK.ink(style.color)
        assert contrast(inked, DARK.face) >= MIN_CONTRAST, style.color
    # The palette's blue is too dark there: lightened, just enough, toward the text.
    assert contrast(BLUE, DARK.face) < MIN_CONTRAST
    lighter = DARK.ink(BLUE)
    assert lighter != BLUE and contrast(lighter, DARK.face) < MIN_CONTRAST + 1
    # A colour that already stands out is left as it is.
    assert contrast(VERMILLION, DARK.face) >= MIN_CONTRAST and DARK.ink(VERMILLION) == VERMILLION


def test_a_note_in_a_series_colour_stands_out_as_text_should() -> None:
    note = DARK.ink(VERMILLION, TEXT_CONTRAST)
    assert contrast(note, DARK.face) >= TEXT_CONTRAST


@pytest.mark.parametrize(("field", "value"), [("face", "white"), ("text", "#12345"),
                                              ("mid", "#GGGGGG")])
def test_a_colour_not_written_as_rrggbb_is_refused_by_name(field: str, value: str) -> None:
    colours = {"face": "#FFFFFF", "text": "#000000", "mid": "#CBCBCB", field: value}
    with pytest.raises(ValueError, match=f"theme's {field} colour .*{value}"):
        Theme(**colours)
