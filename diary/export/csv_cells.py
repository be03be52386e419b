"""Cells of the CSV files as a spreadsheet sees them: formula neutralising, and its reverse.

A spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage return as a formula
(OWASP, "CSV Injection"), so a note such as `=HYPERLINK(...)` written as it is would run when the
file is opened. Such a cell is written with a single quote in front, which spreadsheets show as
text. The rule is reversible, so that the program reads its own files back exactly: a cell whose
leading quotes are followed by a trigger character gets one quote more on the way out and one
quote fewer on the way in; every other cell is left as it is.
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _needs_quote(text: str) -> bool:
    """Does the cell, past any quotes already leading it, start like a formula?"""
    return text.lstrip(QUOTE).startswith(FORMULA_TRIGGERS)


def neutralise(text: str) -> str:
    """The cell as written: one quote more in front when it would start a formula."""
    return QUOTE + text if _needs_quote(text) else text


def restore(text: str) -> str:
    """The value a neutralised cell stands for: `neutralise` undone."""
    if text.startswith(QUOTE) and _needs_quote(text):
        return text[1:]
    return text
