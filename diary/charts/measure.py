"""How much room a text takes, in inches, without drawing it: the advances of its characters in
its own font, and a height from its size and number of lines.

Measuring through a renderer lays out every glyph of every text each time; summing cached
per-character advances costs next to nothing, which is what lets the chart layout run on every
draw. On screen (and in a PNG) glyphs are hinted to the pixel grid, which makes text up to ~8%
wider than its outlines at some sizes: there the advances are the hinted ones Agg lays text out
with, at the figure's dots per inch. In print (PDF, SVG) they are the outlines'. Kerning is left
out: a little slack covers it.
"""

from __future__ import annotations

from functools import lru_cache

from matplotlib.backends.backend_agg import get_hinting_flag
from matplotlib.font_manager import FontProperties
from matplotlib.font_manager import findfont
from matplotlib.font_manager import get_font
from matplotlib.text import Text

POINTS = 72.0  # points per inch
SLACK = 1.01  # kerning, and rounding to whole pixels
# The height of one line of DejaVu Sans, from the top of a parenthesis to the bottom of a
# descender, and the room a line takes in a paragraph, both per point of font size.
LINE_HEIGHT = 1.17
SIZE = 100.0  # the size at which outline advances are read: large, so that rounding does not show


@lru_cache(maxsize=16384)
def _outline(path: str, char: str) -> float:
    """The advance of `char` in the font file at `path`, in points per point of size."""
    font = get_font(path)
    font.set_size(SIZE, POINTS)
    # The linear advance is the outline's, unhinted, in 16.16 fixed point pixels.
    return float(font.load_char(ord(char)).linearHoriAdvance) / 65536 / SIZE


@lru_cache(maxsize=16384)
def _hinted(path: str, char: str, size: float, dpi: float) -> float:
    """The advance of `char` as Agg draws it at `size` points and `dpi`, in inches."""
    font = get_font(path)  # shared with the renderers, which set their size before each use
    font.set_size(size, dpi)
    # 26.6 fixed point pixels.
    flags = get_hinting_flag()  # type: ignore[no-untyped-call]  # rcParams["text.hinting"]
    return float(font.load_char(ord(char), flags=flags).horiAdvance) / 64 / dpi


def width_of(text: str, props: FontProperties, dpi: float | None) -> float:
    """The width of the widest line of `text` in inches, drawn at `dpi` (None: printed)."""
    path = findfont(props)
    size = props.get_size_in_points()
    if dpi is None:
        widest = max(sum(_outline(path, c) for c in line) for line in text.split("\n"))
        return widest * size * SLACK / POINTS
    return SLACK * max(sum(_hinted(path, c, size, dpi) for c in line)
                       for line in text.split("\n"))


def height_of(lines: int, size: float, spacing: float = 1.2) -> float:
    """The height of `lines` lines of text of `size` points, in inches."""
    return size * LINE_HEIGHT * (1 + (lines - 1) * spacing) / POINTS


def text_height(text: Text) -> float:
    lines = text.get_text().count("\n") + 1
    # A factor, or "normal" (the font's own line gap); older matplotlib has no getter for it.
    getter = getattr(text, "get_linespacing", None)
    spacing = getter() if getter is not None else 1.2
    return height_of(lines, text.get_fontproperties().get_size_in_points(),
                     spacing if isinstance(spacing, float | int) else 1.2)


def wrapped(text: str, width: float, props: FontProperties, dpi: float | None) -> str:
    """`text` with its spaces turned into line breaks where a line would be wider than `width`
    inches; a word wider than that stays whole on its own line."""
    if width_of(text, props, dpi) <= width:
        return text
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and width_of(candidate, props, dpi) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)
