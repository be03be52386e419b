"""The focused control has a clear ring in the palette's highlight colour, whichever control it is
and whichever theme: it follows the focus, and a tab bar has it around its current tab."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.ui.shell import focus
from tests.helpers.qt import activate

DARK_HIGHLIGHT = QColor("#3d8ee6")


@pytest.fixture
def ring(qapp: QApplication) -> Iterator[focus.FocusRing]:
    installed = focus.install(qapp)
    yield installed
    installed.remove()


def form(qtbot) -> tuple[QWidget, QPushButton, QLineEdit, QListWidget, QTabWidget]:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    button, edit, items, tabs = QPushButton("Save report…"), QLineEdit("08:10"), QListWidget(), \
        QTabWidget()
    items.addItems(["Baclofen", "Paracetamol"])
    tabs.addTab(QLabel("one"), "Today")
    tabs.addTab(QLabel("two"), "History")
    layout = QVBoxLayout(window)
    layout.setSpacing(12)
    for widget in (tabs, button, edit, items):
        layout.addWidget(widget)
    window.resize(320, 360)
    activate(qtbot, window)
    return window, button, edit, items, tabs


def near(found: QColor, wanted: QColor) -> bool:
    """The same colour, but for the faint tint a style lays over a focused tab."""
    return all(abs(a - b) <= 24 for a, b in zip(found.getRgb()[:3], wanted.getRgb()[:3],
                                                strict=True))


def ring_colour(window: QWidget, widget: QWidget) -> QColor:
    """The colour just outside `widget`'s top left corner, half way along its top edge."""
    at = widget.mapTo(window, QPoint(widget.width() // 2, -2))
    return window.grab().toImage().pixelColor(at)


def test_the_ring_follows_the_focus_in_the_highlight_colour(
        qtbot, ring: focus.FocusRing) -> None:
    window, button, edit, items, _tabs = form(qtbot)
    highlight = window.palette().color(QPalette.ColorRole.Highlight)
    for widget in (button, edit, items):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda w=widget: ring.frame is not None and ring.frame.widget() is w)
        assert ring_colour(window, widget) == highlight, widget
    assert ring_colour(window, button) != highlight  # the ring left the button


def test_the_ring_is_in_the_theme_s_colour(qtbot, ring: focus.FocusRing) -> None:
    window, button, *_ = form(qtbot)
    dark = QPalette(window.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.Highlight, DARK_HIGHLIGHT)
    window.setPalette(dark)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: ring.frame is not None and ring.frame.widget() is button)
    assert ring_colour(window, button) == DARK_HIGHLIGHT


def test_a_tab_bar_has_the_ring_around_its_current_tab(qtbot, ring: focus.FocusRing) -> None:
    window, button, _edit, _items, tabs = form(qtbot)
    bar = tabs.tabBar()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Backtab)  # back to the tab bar, as the keyboard goes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar)
    assert isinstance(bar.style(), focus.RingStyle)
    assert ring.frame is None or ring.frame.widget() is None
    tab = bar.tabRect(bar.currentIndex())
    inside = bar.mapTo(window, QPoint(tab.center().x(), tab.top() + focus.RING))
    highlight = window.palette().color(QPalette.ColorRole.Highlight)
    assert near(window.grab().toImage().pixelColor(inside), highlight)
    # The other tab has none.
    other = bar.tabRect(1 - bar.currentIndex())
    beside = bar.mapTo(window, QPoint(other.center().x(), other.top() + focus.RING))
    assert not near(window.grab().toImage().pixelColor(beside), highlight)


def test_removed_it_follows_nothing(qtbot, qapp: QApplication) -> None:
    installed = focus.install(qapp)
    _window, button, edit, *_ = form(qtbot)
    edit.setFocus()
    qtbot.waitUntil(lambda: installed.frame is not None and installed.frame.widget() is edit)
    installed.remove()
    button.setFocus()
    qtbot.waitUntil(lambda: button.hasFocus())
    assert installed.frame is None
