"""The report's text pages as plain data (diary/report/layout.py): text measured, wrapped and
clipped to a width; blocks flowed down pages, a heading never left alone at the foot of one and
the heading of the pages after the first repeated; tables whose rows are as tall as their
tallest cell."""

from __future__ import annotations

import pytest

from diary.report.layout import KEEP
from diary.report.layout import MONO_ADVANCE
from diary.report.layout import POINTS
from diary.report.layout import Block
from diary.report.layout import Box
from diary.report.layout import Column
from diary.report.layout import Flow
from diary.report.layout import Rule
from diary.report.layout import Text
from diary.report.layout import clip
from diary.report.layout import kept
from diary.report.layout import kept_together
from diary.report.layout import line_height
from diary.report.layout import moved
from diary.report.layout import paragraph
from diary.report.layout import spacer
from diary.report.layout import table
from diary.report.layout import text_width
from diary.report.layout import wrap

SIZE = 9.0
SENTENCE = ("Baclofen was over its 80 mg maximum a day on three days of the range, each of them "
            "after a dose taken twice")


def test_a_mono_text_is_as_wide_as_its_characters() -> None:
    assert text_width("2026-11-26", 6.5, family="mono") == pytest.approx(
        10 * MONO_ADVANCE * 6.5 / POINTS)


def test_a_sans_text_grows_with_its_characters_its_size_and_bold() -> None:
    short, long = text_width("Baclofen", SIZE), text_width("Baclofen 20 mg", SIZE)
    assert 0 < short < long
    assert text_width("Baclofen", 2 * SIZE) == pytest.approx(2 * short)
    assert text_width("Baclofen", SIZE, bold=True) > short
    assert text_width("", SIZE) == 0


def test_wrapped_lines_fit_and_keep_every_word_in_order() -> None:
    width = 2.0
    lines = wrap(SENTENCE, width, SIZE)
    assert len(lines) > 1
    assert all(text_width(line, SIZE) <= width for line in lines)
    assert " ".join(lines).split() == SENTENCE.split()


def test_line_breaks_are_kept_and_an_empty_text_is_one_empty_line() -> None:
    assert wrap("first\nsecond", 5.0, SIZE) == ["first", "second"]
    assert wrap("", 5.0, SIZE) == [""]


def test_a_word_wider_than_the_line_is_cut_inside() -> None:
    word = "Hydroxychloroquinesulfatetablets"
    width = text_width(word, SIZE) / 3
    lines = wrap(word, width, SIZE)
    assert len(lines) >= 3 and "".join(lines) == word
    assert all(text_width(line, SIZE) <= width for line in lines)


def test_a_kept_text_is_never_cut_across_lines() -> None:
    assert kept("90 mg") == f"90{KEEP}mg"
    text = f"the total was {kept('90 mg')} that day"
    for width in (0.8, 1.0, 1.3, 1.6):
        lines = wrap(text, width, SIZE)
        assert any(kept("90 mg") in line for line in lines), lines


def test_a_clipped_text_fits_with_an_ellipsis_and_a_short_one_is_left_whole() -> None:
    assert clip("  Ann   Example ", 3.0, SIZE) == "Ann Example"
    clipped = clip(SENTENCE, 1.5, SIZE)
    assert clipped.endswith("…") and SENTENCE.startswith(clipped[:-1])
    assert text_width(clipped, SIZE) <= 1.5


def test_an_item_moved_keeps_its_kind_and_shifts_its_place() -> None:
    assert moved(Text(1.0, 2.0, "x", SIZE), 0.5, 1.0) == Text(1.5, 3.0, "x", SIZE)
    assert moved(Box(1.0, 2.0, 3.0, 0.5, "#EEEEEE"), 0.0, 1.0) == Box(1.0, 3.0, 3.0, 0.5,
                                                                       "#EEEEEE")
    assert moved(Rule(1.0, 4.0, 2.0), 0.5, 1.0) == Rule(1.5, 4.5, 3.0)


def line(name: str, height: float = 1.0, keeps: bool = False) -> Block:
    return Block(height, (Text(0.0, 0.5, name, SIZE),), keeps_with_next=keeps)


def texts(page: list[Text | Box | Rule]) -> list[tuple[str, float]]:
    return [(item.text, item.y) for item in page if isinstance(item, Text)]


def test_blocks_flow_down_the_page_and_go_on_over_the_next() -> None:
    pages = Flow(top=1.0, bottom=4.0).run([line("a"), line("b"), line("c"), line("d")])
    assert [texts(p) for p in pages] == [[("a", 1.5), ("b", 2.5), ("c", 3.5)], [("d", 1.5)]]


def test_a_heading_is_never_left_alone_at_the_foot_of_a_page() -> None:
    blocks = [line("a"), line("b"), *kept_together([line("heading")]), line("first row")]
    pages = Flow(top=1.0, bottom=4.0).run(blocks)
    assert [[t for t, _ in texts(p)] for p in pages] == [["a", "b"], ["heading", "first row"]]


def test_the_pages_after_the_first_start_with_their_heading() -> None:
    def continued(number: int) -> list[Block]:
        return [line(f"continued, page {number}", 0.5)]

    blocks = [line("a"), line("b"), line("c"), spacer(1.0), line("d")]
    pages = Flow(top=1.0, bottom=3.5, continued=continued).run(blocks)
    assert [texts(p) for p in pages] == [
        [("a", 1.5), ("b", 2.5)],
        [("continued, page 2", 1.5), ("c", 2.0)],
        [("continued, page 3", 1.5), ("d", 2.0)],  # the spacer took the rest of page 2
    ]


def test_a_paragraph_hangs_its_later_lines() -> None:
    blocks = paragraph(SENTENCE, 1.0, 2.0, SIZE, hanging=0.25)
    xs = [item.x for block in blocks for item in block.items if isinstance(item, Text)]
    assert len(xs) > 1 and xs[0] == 1.0 and set(xs[1:]) == {1.25}
    assert all(block.height == pytest.approx(line_height(SIZE)) for block in blocks)


def test_a_table_row_is_as_tall_as_its_tallest_cell_under_a_shaded_header() -> None:
    columns = [Column("Day", 0.8), Column("Note", 1.2), Column("Total", 0.6, align="right")]
    header, short, tall = table(columns, [["Mon", "ok", "20"], ["Tue", SENTENCE, "25"]], 0.5,
                                SIZE)
    assert header.keeps_with_next and isinstance(header.items[0], Box)
    assert header.items[0].width == pytest.approx(2.6)
    assert tall.height > short.height
    note_lines = [i for i in tall.items if isinstance(i, Text) and i.x == pytest.approx(1.3)]
    assert len(note_lines) > 1
    assert tall.height == pytest.approx(len(note_lines) * line_height(SIZE) + 0.06)
    [rule] = [i for i in tall.items if isinstance(i, Rule)]
    assert (rule.x0, rule.x1, rule.y) == pytest.approx((0.5, 3.1, tall.height))
    total = next(i for i in short.items if isinstance(i, Text) and i.text == "20")
    assert total.align == "right" and total.x == pytest.approx(0.5 + 0.8 + 1.2 + 0.6 - 0.08)
