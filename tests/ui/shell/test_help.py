"""Help: the About box says the program is not medical advice, and the keyboard shortcuts are
the window's and every view's, gathered in one table whose cells say what they hold."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from diary import installed_version
from diary.domain.wording import NOT_MEDICAL_ADVICE
from diary.ui.shell.help import SHORTCUTS
from diary.ui.shell.help import about_text
from diary.ui.shell.help import shortcuts_html
from diary.ui.shell.main_window import MainWindow
from tests.helpers.window import plain_views


def test_about_says_it_is_not_medical_advice(window: MainWindow, dialog_answers) -> None:
    shown = dialog_answers.notices
    about = next(a for a in window.actions() if a.text().startswith("&About"))
    about.trigger()
    assert "not medical advice" in shown[0][1]
    keys = next(a for a in window.actions() if a.text() == "&Keyboard shortcuts")
    keys.trigger()
    assert "Ctrl+Z / Ctrl+Shift+Z" in shown[1][1]


def test_keyboard_shortcuts_gather_every_view_in_a_table(window: MainWindow,
                                                         dialog_answers) -> None:
    class Keyed(QLabel):
        SHORTCUTS = (("Ctrl+K", "Keep <this> & that"),)

    window._views = lambda: [("Today", lambda s: Keyed("Today")), ("History", plain_views()[1][1])]
    window._attach(window.session)
    next(a for a in window.actions() if a.text() == "&Keyboard shortcuts").trigger()
    [(_, text)] = dialog_answers.notices
    assert text.startswith("<table")
    assert "<b>Ctrl+,</b></td><td>Settings</td>" in text  # keys and words in their own cells
    assert "<th" in text and "Today" in text and "Keep &lt;this&gt; &amp; that" in text


def test_the_table_escapes_what_it_shows_and_skips_a_view_without_keys() -> None:
    table = shortcuts_html([("Everywhere", (("Ctrl+Q", "Quit"),)), ("History", ()),
                            ("Today <main>", (("Alt+&T", "Take the due dose & log it"),))])
    assert table.startswith('<table cellspacing="2">') and table.endswith("</table>")
    assert table.count("<th") == 2 and "History" not in table
    assert "Today &lt;main&gt;</th>" in table
    assert "<td style=\"padding-right: 16px\"><b>Alt+&amp;T</b></td>" in table
    assert "<td>Take the due dose &amp; log it</td>" in table


def test_the_windows_own_keys_come_first_and_about_names_the_version() -> None:
    keys = [keys for keys, _ in SHORTCUTS]
    assert keys[0].startswith("Ctrl+1") and "F1" in keys and "Ctrl+Q" in keys
    about = about_text()
    assert about.startswith(f"Medication Diary {installed_version()}\n\n")
    assert about.endswith(NOT_MEDICAL_ADVICE)
    assert "never uses the network" in about
