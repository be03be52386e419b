"""A cell of a CSV file the program writes (diary/csv/cells.py): a text that a spreadsheet would
read as a formula is neutralised with a leading quote, and the import restores it exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.csv.cells import FORMULA_TRIGGERS
from diary.csv.cells import neutralise
from diary.csv.cells import restore


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_trigger_is_neutralised(trigger: str) -> None:
    text = f"{trigger}1+1"
    assert neutralise(text) == f"'{text}"
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("text", ["with breakfast", "5 mg", "", "'quoted", "a=b", "1-2"])
def test_ordinary_cells_are_unchanged(text: str) -> None:
    assert neutralise(text) == text
    assert restore(text) == text


def test_a_cell_already_quoted_before_a_trigger_keeps_its_quote() -> None:
    assert neutralise("'=x") == "''=x"
    assert restore("''=x") == "'=x"


@given(st.text())
def test_restore_undoes_neutralise(text: str) -> None:
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("trigger", ["\n", "\uff1d", "\uff0b", "\uff0d", "\uff20"])
def test_line_feed_and_the_full_width_signs_are_triggers(trigger: str) -> None:
    text = f"{trigger}1+1"  # OWASP's line feed; the full-width ＝ ＋ － ＠ of its testing guide
    assert neutralise(text) == f"'{text}"
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("text", [" =1+1", "   @SUM(A1)", "\u3000\uff1d1+1", "\xa0-1",
                                  "' =1+1"])
def test_a_trigger_after_leading_whitespace_is_neutralised(text: str) -> None:
    # A spreadsheet's import may trim the spaces first (and so does this program's import).
    assert neutralise(text) == f"'{text}"
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("text", [" with breakfast", "   ", "a;b", "x, y", "ー", "1 - 2"])
def test_whitespace_and_separators_alone_change_nothing(text: str) -> None:
    assert neutralise(text) == text
    assert restore(text) == text


@given(st.text())
def test_no_cell_starts_a_formula_even_once_trimmed(text: str) -> None:
    written = neutralise(text)
    assert not written.startswith(FORMULA_TRIGGERS)
    assert not written.strip().startswith(FORMULA_TRIGGERS)
