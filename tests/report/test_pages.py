"""The report's pages as figures (diary/report/pages.py): the footer of every page says whose
diary, which days, "Page N of M", when it was made and that it is not medical advice, within the
page's margins; a text page is drawn with its texts as written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from diary.domain.entities import DiaryInfo
from diary.report.build import build_report
from diary.report.layout import Rule
from diary.report.layout import Text
from diary.report.layout import text_width
from diary.report.model import SUMMARY_ONLY
from diary.report.model import Paper
from diary.report.model import Report
from diary.report.model import frame_for
from diary.report.pages import FOOTER_SIZE
from diary.report.pages import TextPage
from diary.report.pages import draw_page
from diary.report.pages import footer_items
from diary.storage.store import DiaryStore
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER


@pytest.fixture
def report(store: DiaryStore) -> Report:
    made = build_report(store, date(2026, 11, 1), date(2026, 11, 25), NOW, PARIS_WINTER,
                        sections=SUMMARY_ONLY)
    return replace(made, info=DiaryInfo(name="Ann Example"))


def test_the_footer_says_whose_which_days_and_which_page(report: Report) -> None:
    frame = frame_for(Paper.A4)
    items = footer_items(report, frame, 2, 7)
    [rule] = [i for i in items if isinstance(i, Rule)]
    assert rule.y == pytest.approx(frame.bottom + 0.12)
    assert (rule.x0, rule.x1) == pytest.approx((frame.margin, frame.right))
    texts = [i for i in items if isinstance(i, Text)]
    assert texts[0].text.startswith("Ann Example · diary days ")
    page = texts[1]
    assert (page.text, page.bold, page.align) == ("Page 2 of 7", True, "right")
    assert page.x == pytest.approx(frame.right)
    said = " ".join(t.text for t in texts[2:])
    assert said.startswith("Made 26 Nov 2026 21:00 +01:00 by ")
    assert "not medical advice" in said.lower()
    assert all(t.y > rule.y for t in texts)


def test_a_long_name_is_clipped_clear_of_the_page_number(report: Report) -> None:
    frame = frame_for(Paper.A4)
    long = replace(report, info=DiaryInfo(name="Ann " * 60))
    who, page, *_ = (i for i in footer_items(long, frame, 12, 12) if isinstance(i, Text))
    assert who.text.endswith("…")
    room = frame.content_width - text_width(page.text, FOOTER_SIZE, bold=True)
    assert text_width(who.text, FOOTER_SIZE) < room


def test_every_line_of_the_statement_stays_within_the_margins(report: Report) -> None:
    frame = frame_for(Paper.LETTER)
    lines = [i for i in footer_items(report, frame, 1, 1) if isinstance(i, Text)][2:]
    assert lines
    assert all(text_width(t.text, t.size) <= frame.content_width for t in lines)


def test_a_text_page_is_drawn_as_written_with_its_footer(report: Report) -> None:
    frame = frame_for(Paper.A4)
    page = TextPage("summary", (Text(1.0, 1.0, "Paid $20 for the $x^2$ app", 9.0),))
    figure = draw_page(report, frame, page, 1, 3)
    assert tuple(figure.get_size_inches()) == pytest.approx((frame.width, frame.height))
    drawn = [t.get_text() for t in figure.texts]
    assert drawn[0] == "Paid $20 for the $x^2$ app"
    assert "Page 1 of 3" in drawn
