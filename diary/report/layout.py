"""The report's text pages as plain data: what to print where, measured and cut into pages before
anything is drawn, so that the number of pages is known first ("Page 3 of 9").

Positions are in inches from the top left corner of the page; `y` is a text's baseline. Text is
measured from the advance widths of the glyphs of DejaVu Sans (matplotlib's own font, so the
measure is the font the PDF embeds); each character is measured once and kept.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from functools import lru_cache
from typing import Literal

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

SANS = "DejaVu Sans"
MONO = "DejaVu Sans Mono"
POINTS = 72.0
LINE_SPACING = 1.32  # a line's height, as a share of the type size
MONO_ADVANCE = 0.6021  # DejaVu Sans Mono: every character is this share of the type size wide
# Glyph advances leave out kerning and the overhang of italics and bold: keep this much room.
WIDTH_SLACK = 1.03

KEEP = "\u00a0"  # a no-break space

Family = Literal["sans", "mono"]
Align = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Text:
    """One line of text; `y` is its baseline."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    family: Family = "sans"
    color: str = "#000000"
    align: Align = "left"


@dataclass(frozen=True)
class Box:
    """A filled rectangle (top left corner, width, height), with an optional outline."""

    x: float
    y: float
    width: float
    height: float
    color: str
    edge: str | None = None


@dataclass(frozen=True)
class Rule:
    """A horizontal line."""

    x0: float
    x1: float
    y: float
    width: float = 0.6  # points
    color: str = "#999999"


Item = Text | Box | Rule


def font(family: Family, bold: bool, size: float) -> FontProperties:
    return FontProperties(family=MONO if family == "mono" else SANS,
                          weight="bold" if bold else "normal", size=size)


@lru_cache(maxsize=4096)
def _advance(char: str, bold: bool) -> float:
    """The advance of `char` in DejaVu Sans at 1 pt, in points: "xcx" less "xx", so the side
    bearings of the ends cancel out."""
    measure = TextToPath()
    props = font("sans", bold, 100.0)
    wide = measure.get_text_width_height_descent(f"x{char}x", props, ismath=False)[0]
    narrow = measure.get_text_width_height_descent("xx", props, ismath=False)[0]
    return max(0.0, (wide - narrow) / 100.0)


def text_width(text: str, size: float, bold: bool = False, family: Family = "sans") -> float:
    """How wide `text` prints, in inches."""
    if family == "mono":
        return len(text) * MONO_ADVANCE * size / POINTS
    return sum(_advance(c, bold) for c in text) * size * WIDTH_SLACK / POINTS


def line_height(size: float) -> float:
    return size * LINE_SPACING / POINTS


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """`text` cut into lines no wider than `width` inches, at spaces where it can, inside a
    word where a word alone is too wide. Line breaks in `text` are kept, and so are no-break
    spaces (KEEP): "90 mg" written with one stays on one line."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in (w for w in paragraph.split(" ") if w):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            while text_width(word, size, bold) > width and len(word) > 1:
                cut = _fitting(word, width, size, bold)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _fitting(word: str, width: float, size: float, bold: bool) -> int:
    """How many leading characters of `word` fit in `width` (at least one)."""
    total = 0.0
    for count, char in enumerate(word):
        total += _advance(char, bold) * size * WIDTH_SLACK / POINTS
        if total > width:
            return max(1, count)
    return len(word)


def kept(text: str) -> str:
    """`text` that is never cut across lines."""
    return text.replace(" ", KEEP)


def clip(text: str, width: float, size: float, bold: bool = False,
         family: Family = "sans") -> str:
    """`text` on one line, cut with "…" when it is wider than `width` inches."""
    flat = " ".join(text.split())
    if text_width(flat, size, bold, family) <= width:
        return flat
    while flat and text_width(flat + "…", size, bold, family) > width:
        flat = flat[:-1]
    return flat.rstrip() + "…"


# --- flowing blocks into pages ------------------------------------------------------------------
@dataclass(frozen=True)
class Block:
    """Something that is never cut across pages: its height and its items, placed as if its top
    were at y = 0. A block that `keeps_with_next` (a heading) never ends a page: a run of such
    blocks goes on to the next page whole, with the block after it."""

    height: float
    items: tuple[Item, ...] = ()
    keeps_with_next: bool = False


def moved(item: Item, dx: float, dy: float) -> Item:
    if isinstance(item, Rule):
        return replace(item, x0=item.x0 + dx, x1=item.x1 + dx, y=item.y + dy)
    return replace(item, x=item.x + dx, y=item.y + dy)


Continued = Callable[[int], Sequence[Block]]


@dataclass
class Flow:
    """Blocks stacked down the text area of pages from `top` to `bottom` (inches from the top of
    the page), a new page when the next block does not fit. `continued`, given the number of a
    page after the first (2, 3...), gives the blocks that head it (the title repeated)."""

    top: float
    bottom: float
    continued: Continued | None = None
    pages: list[list[Item]] = field(default_factory=list)

    def run(self, blocks: Sequence[Block]) -> list[list[Item]]:
        self.pages = [[]]
        y = self.top
        first = self.top  # where the text of the current page starts, below its heading
        for index, block in enumerate(blocks):
            # A heading takes the blocks it keeps with along, so that it never stands alone at
            # the foot of a page.
            needed = sum(b.height for b in _kept_run(blocks, index))
            if y + needed > self.bottom and y > first:
                self.pages.append([])
                y = first = self._head(len(self.pages))
                if block.height == 0:  # space at the top of a page is no use
                    continue
            self.pages[-1].extend(moved(item, 0.0, y) for item in block.items)
            y += block.height
        return self.pages

    def _head(self, number: int) -> float:
        """Lay the heading of page `number` (a new page) and return where its text starts."""
        y = self.top
        for block in self.continued(number) if self.continued is not None else ():
            self.pages[-1].extend(moved(item, 0.0, y) for item in block.items)
            y += block.height
        return y


def _kept_run(blocks: Sequence[Block], index: int) -> Sequence[Block]:
    """The block at `index`, the blocks it keeps with, and the one they keep with."""
    end = index
    while end < len(blocks) - 1 and blocks[end].keeps_with_next:
        end += 1
    return blocks[index:end + 1]


def kept_together(blocks: Sequence[Block]) -> list[Block]:
    """`blocks` kept on one page, with the block after them: each keeps with the next."""
    return [replace(b, keeps_with_next=True) for b in blocks]


def spacer(height: float) -> Block:
    return Block(height)


def lines_block(lines: Iterable[str], x: float, size: float, *, bold: bool = False,
                color: str = "#000000", keeps_with_next: bool = False) -> list[Block]:
    """One block per line, so that a long paragraph can go on over the page."""
    step = line_height(size)
    return [
        Block(step, (Text(x, step * 0.78, line, size, bold, color=color),),
              keeps_with_next=keeps_with_next)
        for line in lines
    ]


def paragraph(text: str, x: float, width: float, size: float, *, bold: bool = False,
              color: str = "#000000", hanging: float = 0.0) -> list[Block]:
    """`text` wrapped to `width` inches from `x`; lines after the first start `hanging` inches
    further in."""
    first, *rest = wrap(text, width, size, bold)
    blocks = lines_block([first], x, size, bold=bold, color=color)
    if rest:
        rewrapped = wrap(" ".join(rest), width - hanging, size, bold)
        blocks += lines_block(rewrapped, x + hanging, size, bold=bold, color=color)
    return blocks


# --- tables -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    title: str
    width: float  # inches
    align: Align = "left"


CELL_GAP = 0.08  # inches between columns
ROW_PAD = 0.03  # inches above and below the text of a row


def table(columns: Sequence[Column], rows: Sequence[Sequence[str]], x: float, size: float, *,
          header_color: str = "#EEEEEE") -> list[Block]:
    """A header (kept with the first row) and one block per row; each cell wrapped to its column
    and every row as tall as its tallest cell, with a thin rule under it."""
    total = sum(c.width for c in columns)
    header = _row([c.title for c in columns], columns, x, size, bold=True)
    shaded = Block(header.height, (Box(x, 0.0, total, header.height, header_color),
                                   *header.items), keeps_with_next=True)
    blocks = [shaded]
    for cells in rows:
        row = _row(cells, columns, x, size, bold=False)
        rule = Rule(x, x + total, row.height, 0.4, "#CCCCCC")
        blocks.append(Block(row.height, (*row.items, rule)))
    return blocks


def _row(cells: Sequence[str], columns: Sequence[Column], x: float, size: float, *,
         bold: bool) -> Block:
    step = line_height(size)
    items: list[Item] = []
    tallest = 1
    left = x
    for text, column in zip(cells, columns, strict=True):
        inner = column.width - CELL_GAP
        lines = wrap(text, inner, size, bold)
        tallest = max(tallest, len(lines))
        anchor = left + inner if column.align == "right" else left
        items.extend(Text(anchor, ROW_PAD + step * (n + 0.78), line, size, bold,
                          align=column.align) for n, line in enumerate(lines))
        left += column.width
    return Block(tallest * step + 2 * ROW_PAD, tuple(items))
