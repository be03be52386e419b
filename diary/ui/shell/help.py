"""The words of Help: the About box (with the not-medical-advice statement) and the shortcuts.

The shortcuts list is the window's own (SHORTCUTS here) followed by each view's: every view module
that has keys of its own says so in a SHORTCUTS constant of (keys, what they do) pairs, and the
window gathers them, so the list cannot fall behind a view.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from collections.abc import Sequence

from diary import installed_version
from diary.domain.wording import NOT_MEDICAL_ADVICE

Shortcuts = Sequence[tuple[str, str]]

# The window's keys, wherever the focus is; each view adds its own (today_view.SHORTCUTS, ...).
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+1, Ctrl+2, Ctrl+3, Ctrl+4, Ctrl+5", "Today, History, Medications, Trends, Summary"),
    ("Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y)", "Undo / Redo"),
    ("Ctrl+N / Ctrl+O", "New diary / Open a diary"),
    ("Ctrl+Shift+O", "Open a diary read-only"),
    ("Ctrl+P", "Export the appointment report (PDF)"),
    ("Ctrl+I", "Import doses, ratings and events from a CSV file"),
    ("Ctrl+Shift+B", "Back up now"),
    ("Ctrl+,", "Settings"),
    ("F1", "This list"),
    ("Ctrl+Q", "Quit"),
)


def about_text() -> str:
    return (
        f"Medication Diary {installed_version()}\n\n"
        "A private diary of medication doses and symptom ratings. Everything stays on this "
        "computer, in one file; the program never uses the network.\n\n"
        f"{NOT_MEDICAL_ADVICE}"
    )


def shortcuts_html(groups: Iterable[tuple[str, Shortcuts]]) -> str:
    """The shortcuts as a two-column rich-text table (keys, what they do), one heading per group
    (the window, then each view), so the columns line up in any font."""
    rows: list[str] = []
    for title, shortcuts in groups:
        if not shortcuts:
            continue
        rows.append(f'<tr><th colspan="2" align="left" style="padding-top: 8px">'
                    f"{html.escape(title)}</th></tr>")
        rows += [f'<tr><td style="padding-right: 16px"><b>{html.escape(keys)}</b></td>'
                 f"<td>{html.escape(what)}</td></tr>" for keys, what in shortcuts]
    return f'<table cellspacing="2">{"".join(rows)}</table>'

