"""Pages as matplotlib figures: the items of a text page drawn where the layout put them, a chart
page through report_charts, and on every page the footer: who and which range, when the report
was made, "Page N of M", and the not-medical-advice statement.

Every text is drawn with `parse_math=False`: a note with two dollar signs is a note, not a formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from diary.report.charts import ChartPage
from diary.report.charts import chart_items
from diary.report.charts import draw_page_chart
from diary.report.charts import fit_into
from diary.report.layout import Box
from diary.report.layout import Item
from diary.report.layout import Rule
from diary.report.layout import Text
from diary.report.layout import clip
from diary.report.layout import font
from diary.report.layout import line_height
from diary.report.layout import text_width
from diary.report.layout import wrap
from diary.report.model import Frame
from diary.report.model import Report
from diary.report.wording import made_text
from diary.report.wording import range_words
from diary.report.wording import statement

FOOTER_SIZE = 7.5
STATEMENT_SIZE = 7.0
FOOTER_GREY = "#555555"


@dataclass(frozen=True)
class TextPage:
    kind: Literal["summary", "log"]
    items: tuple[Item, ...]


Page = TextPage | ChartPage


def draw_page(report: Report, frame: Frame, page: Page, number: int, total: int) -> Figure:
    figure = Figure(figsize=(frame.width, frame.height))
    if isinstance(page, ChartPage):
        draw_page_chart(figure, report, page)
        fit_into(figure, frame.margin, frame.top, frame.content_width, page.height)
        draw_items(figure, frame, chart_items(frame, page))
    else:
        draw_items(figure, frame, page.items)
    draw_items(figure, frame, footer_items(report, frame, number, total), layer=2)
    return figure


def footer_items(report: Report, frame: Frame, number: int, total: int) -> list[Item]:
    x, width = frame.margin, frame.content_width
    top = frame.bottom + 0.12
    step = line_height(FOOTER_SIZE)
    page = f"Page {number} of {total}"
    room = width - text_width(page, FOOTER_SIZE, bold=True) - 0.2
    who = clip(f"{report.person} · diary days {range_words(report.start, report.end)}", room,
               FOOTER_SIZE)
    items: list[Item] = [
        Rule(x, x + width, top, 0.5, FOOTER_GREY),
        Text(x, top + step, who, FOOTER_SIZE, color=FOOTER_GREY),
        Text(x + width, top + step, page, FOOTER_SIZE, bold=True, align="right"),
    ]
    said = (f"Made {made_text(report.made_at)} by {report.program}. "
            f"{statement(report.trends.medications)}")
    lines = wrap(said, width, STATEMENT_SIZE)
    items += [Text(x, top + step + line_height(STATEMENT_SIZE) * (n + 1), line, STATEMENT_SIZE,
                   color=FOOTER_GREY) for n, line in enumerate(lines)]
    return items


def draw_items(figure: Figure, frame: Frame, items: Iterable[Item], layer: int = 1) -> None:
    """Each item at its place, in order, above the items of lower layers (a box drawn before the
    text on it stays under it; the PDF holds the text in reading order)."""
    width, height = frame.width, frame.height
    for order, item in enumerate(items):
        z = layer + order * 1e-6
        if isinstance(item, Text):
            figure.text(item.x / width, 1 - item.y / height, item.text,
                        fontproperties=font(item.family, item.bold, item.size), color=item.color,
                        ha=item.align, va="baseline", parse_math=False, zorder=z)
        elif isinstance(item, Box):
            figure.add_artist(Rectangle(
                (item.x / width, 1 - (item.y + item.height) / height), item.width / width,
                item.height / height, transform=figure.transFigure, facecolor=item.color,
                edgecolor=item.edge or "none", linewidth=0.8 if item.edge else 0, zorder=z))
        elif isinstance(item, Rule):
            figure.add_artist(Line2D(
                [item.x0 / width, item.x1 / width], [1 - item.y / height] * 2,
                transform=figure.transFigure, color=item.color, linewidth=item.width,
                zorder=z))
