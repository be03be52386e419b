"""Cells of the CSV files as a spreadsheet sees them: formula neutralising, and its reverse.

A spreadsheet runs a cell that starts like a formula, so a note such as `=HYPERLINK(...)` written
as it is would run when the file is opened. Two rules, both from OWASP's "CSV Injection" page,
keep every cell text:

1. Every field is written inside double quotes (`csv_out` writes with `csv.QUOTE_ALL`), with any
   double quote in it doubled. A separator inside a field, `a;=1+1` or `x,=HYPERLINK(...)`, then
   sits between quotes, so it cannot start a new cell whichever separator the spreadsheet splits
   the file on: the comma, or the semicolon that most European locales use (LibreOffice's reader,
   for one, ends a quoted field only at a quote followed by a separator or the line's end:
   sc/source/ui/docshell/impex.cxx). Quoting alone is not enough: a spreadsheet unquotes
   `"=1+1"` and still runs it. What the file cannot guard is a cell split again by hand after it
   was opened ("text to columns" on `;`): the quotes are gone by then.
2. A cell that would start a formula is written with a single quote in front, which spreadsheets
   show as text. It would start a formula when, past any quotes already leading it, it begins
   with one of the `FORMULA_TRIGGERS`:
   - `=`, `+`, `-`, `@`, tab, carriage return and line feed: OWASP's list (line feed since 2025);
   - the full-width `＝`, `＋`, `－`, `＠` (U+FF1D, U+FF0B, U+FF0D, U+FF20): OWASP's testing guide
     (WSTG-INPV-21) lists these double-byte variants, and `＝cmd|...` was reproduced in a
     Japanese Excel (OWASP/www-community issue #1088);
   - any of these after leading whitespace (` =1+1`, an ideographic space before `＝`): import
     dialogs offer to trim the spaces around a value (LibreOffice's "Trim spaces", the trim
     option of spreadsheet components' CSV importers), and this program's own import trims
     cells too, so ` =1+1` becomes `=1+1` before anything decides whether it is a formula.
   Not added: `|` and `%`, which some libraries (defusedcsv) also quote; neither OWASP nor a
   spreadsheet vendor lists them as starting a formula (`|` matters only inside one, such as
   `=cmd|...`, which rule 2 already covers). The katakana `ー` named in the same issue is an
   ordinary letter of Japanese words and is not treated as a minus.

The quote rule is reversible, so that the program reads its own files back exactly: a cell whose
leading quotes are followed by a trigger gets one quote more on the way out and one quote fewer
on the way in; every other cell is left as it is. (Adding a quote in front never changes the
answer, since quotes already leading a cell are skipped before the test.)
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n",
                    "\uff1d", "\uff0b", "\uff0d", "\uff20")  # ＝ ＋ － ＠
QUOTE = "'"


def _needs_quote(text: str) -> bool:
    """Does the cell, past any quotes already leading it (and then any whitespace), start like a
    formula?"""
    rest = text.lstrip(QUOTE)
    return rest.startswith(FORMULA_TRIGGERS) or rest.lstrip().startswith(FORMULA_TRIGGERS)


def neutralise(text: str) -> str:
    """The cell as written: one quote more in front when it would start a formula."""
    return QUOTE + text if _needs_quote(text) else text


def restore(text: str) -> str:
    """The value a neutralised cell stands for: `neutralise` undone."""
    if text.startswith(QUOTE) and _needs_quote(text):
        return text[1:]
    return text
