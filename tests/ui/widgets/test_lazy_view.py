"""A tab whose view is built the first time it is shown or asked for, once, and shown with it;
not when the window is made."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from diary.ui.shell.session import DiarySession
from diary.ui.widgets.lazy_view import LazyView


def counting(made: list[DiarySession]):  # type: ignore[no-untyped-def]
    def factory(session: DiarySession) -> QWidget:
        made.append(session)
        return QLabel(f"view {len(made)}")
    return factory


def test_nothing_is_built_until_the_tab_is_shown(qtbot, session: DiarySession) -> None:
    made: list[DiarySession] = []
    tab = LazyView(counting(made), session)
    qtbot.addWidget(tab)
    assert not tab.built and tab.built_view() is None and made == []
    tab.show()
    qtbot.waitExposed(tab)
    view = tab.built_view()
    assert tab.built and made == [session]
    assert view is not None and view.isVisible() and tab.focusProxy() is view
    tab.hide()
    tab.show()
    assert tab.view() is view and made == [session]  # once


def test_a_view_asked_for_before_it_is_shown_is_built_then(qtbot,
                                                           session: DiarySession) -> None:
    made: list[DiarySession] = []
    tab = LazyView(counting(made), session)
    qtbot.addWidget(tab)
    view = tab.view()
    assert isinstance(view, QLabel) and view.text() == "view 1"
    assert not view.isVisible()  # its tab is not shown yet
    tab.show()
    qtbot.waitExposed(tab)
    assert view.isVisible() and made == [session]

