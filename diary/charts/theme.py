"""The colours a chart is drawn in around its series: its background, its text and frame, its
grid. Paper's for the report and an exported image; the window's on screen, light or dark, given
as plain colour strings ("#rrggbb") so that the charts need no Qt.

Series keep the Okabe-Ito colours of diary.charts.palette on either. On a dark background a line
or marker that would stand out from it by less than 3:1 (WCAG's least contrast for graphics: the
palette's blue on most dark greys) is lightened toward the text colour, just enough; black, which
would vanish there, is drawn in the text colour. On a light background the palette is drawn as
it is, as it always has been in print.

No matplotlib here: the window makes a theme from its palette before any chart is drawn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_CONTRAST = 3.0  # WCAG 2.1, 1.4.11: graphical objects against what is next to them
TEXT_CONTRAST = 4.5  # WCAG 2.1, 1.4.3: text
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """The relative luminance of an sRGB colour "#rrggbb" (WCAG 2.1), 0 (black) to 1 (white)."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two colours, 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(first: str, second: str, share: float) -> str:
    """`share` of `second` mixed into `first` (0: `first`, 1: `second`), channel by channel."""
    mixed = (round(a + (b - a) * share) for a, b in zip(_channels(first), _channels(second),
                                                         strict=True))
    return "#{:02X}{:02X}{:02X}".format(*mixed)


@dataclass(frozen=True)
class Theme:
    """What a chart's frame is drawn in; `face`, `text` and `mid` are the window's Window,
    WindowText and Mid colours on screen."""

    face: str  # the background of the figure and of its panels
    text: str  # titles, labels, tick labels, tick marks and frames, and neutral series
    mid: str  # between the two: the grid and the faint fills are mixed from it

    def __post_init__(self) -> None:
        for name in ("face", "text", "mid"):
            value = getattr(self, name)
            if not isinstance(value, str) or not _HEX.fullmatch(value):
                raise ValueError(f"a chart theme's {name} colour must be written #rrggbb, "
                                 f"not {value!r}")

    @property
    def dark(self) -> bool:
        """Light text on a dark background."""
        return luminance(self.face) < luminance(self.text)

    @property
    def grid(self) -> str:
        return mix(self.face, self.mid, 0.5)

    @property
    def faint(self) -> str:
        """A fill that is barely there: days with nothing scheduled."""
        return mix(self.face, self.mid, 0.25)

    @property
    def dot_alpha(self) -> float:
        """How opaque the many small dots of daily ratings are: faint enough for a line to show
        through them, but on a dark background, where a faint dot all but vanishes, less so."""
        return 0.8 if self.dark else 0.55

    def ink(self, colour: str, least: float = MIN_CONTRAST) -> str:
        """`colour` ("#rrggbb") as a series (or, with `least` TEXT_CONTRAST, a note in a
        series' colour) is drawn in on this background: as it is, but black in the text colour,
        and on a dark background lightened toward the text colour until it stands out from the
        background by `least`."""
        if colour.upper() == "#000000":
            return self.text
        if not self.dark:
            return colour
        inked = colour
        for step in range(1, 11):
            if contrast(inked, self.face) >= least:
                break
            inked = mix(colour, self.text, step / 10)
        return inked


# White paper, black text, the light grey grid the report has always had.
PAPER = Theme(face="#FFFFFF", text="#000000", mid="#CBCBCB")
