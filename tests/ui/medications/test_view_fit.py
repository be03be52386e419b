"""How the Medications view fits its window (issue 18): the frequent actions are targets of at
least 44 × 44 px at the usual and at twice the text size ("Show archived" a row that a click
anywhere on toggles); at twice the text the pages scroll
rather than make the window taller than the screen, and every button can still be reached; at the
usual size on a 1280×720 screen the list, the plan and its buttons show without a scroll bar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QWidget

from diary.demo import build_demo
from diary.storage.store import open_diary
from diary.ui.medications.view import MedicationsView
from diary.ui.shell.session import DiarySession
from tests.helpers.clock import NOW
from tests.helpers.qt import click

TARGET = 44
# What the view has in the window on a 1280×720 screen, less a title bar, with the menu, the
# reminder banner, the tabs and the status bar around it.
ROOM_AT_1280_BY_720 = (1260, 545)


@pytest.fixture
def demo(qapp: QApplication, tmp_path: Path) -> Iterator[DiarySession]:
    path = tmp_path / "demo.sqlite"
    build_demo(path, now=NOW)
    session = DiarySession(open_diary(path, clock=lambda: NOW), lambda: NOW)
    yield session
    session.close()


def demo_view(qtbot, session: DiarySession, width: int, height: int) -> MedicationsView:  # type: ignore[no-untyped-def]
    view = MedicationsView(session)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def frequent_actions(view: MedicationsView) -> list[QAbstractButton]:
    plan, symptoms = view.plan, view.symptoms
    return [view.show_archived, view.add_medication, view.edit_medication, view.archive,
            plan.add_step, plan.edit_step, plan.delete_step, plan.titration, plan.taper,
            symptoms.move_up, symptoms.move_down, symptoms.archive, symptoms.rename, symptoms.add]


def pages(view: MedicationsView) -> list[QScrollArea]:
    found = [view.tabs.widget(0), view.symptoms.findChild(QScrollArea)]
    assert all(isinstance(page, QScrollArea) for page in found)
    return found  # type: ignore[return-value]


def within(widget: QWidget, page: QScrollArea) -> bool:
    """Whether `widget` lies wholly inside the contents of the scrolling `page`."""
    body = page.widget()
    assert body is not None
    top_left = widget.mapTo(body, widget.rect().topLeft())
    return body.rect().contains(QRect(top_left, widget.size()))


def test_frequent_actions_are_44_px_targets(qtbot, text_size: int, demo: DiarySession) -> None:
    view = demo_view(qtbot, demo, 1000, 700)
    small = []
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)  # shown, so laid out
        page = view.tabs.currentWidget()
        small += [(b.accessibleName(), b.width(), b.height()) for b in frequent_actions(view)
                  if page.isAncestorOf(b) and (b.width() < TARGET or b.height() < TARGET)]
    assert small == []


def test_show_archived_is_a_row_a_click_anywhere_on_toggles(qtbot, demo: DiarySession) -> None:
    view = demo_view(qtbot, demo, 1000, 700)
    check = view.show_archived
    assert check.height() >= TARGET and not check.isChecked()
    # Its top and bottom edges, and past the end of its text: not only the box and the text.
    for pos in (QPoint(2, 2), QPoint(check.width() - 3, check.height() - 3)):
        before = check.isChecked()
        click(qtbot, check, pos)
        assert check.isChecked() is not before, pos


def test_at_twice_the_text_the_pages_scroll_and_every_button_is_reached(
        qtbot, qapp: QApplication, demo: DiarySession) -> None:
    usual = qapp.font()
    font = qapp.font()
    font.setPointSizeF(usual.pointSizeF() * 2)
    qapp.setFont(font)
    try:
        view = demo_view(qtbot, demo, 1340, 480)
        # What it asks of the window is a few lines, not the 512 px it took unscrolled.
        assert view.minimumSizeHint().height() < 300
        medications, symptoms = pages(view)
        assert medications.verticalScrollBar().maximum() > 0
        for button in frequent_actions(view):
            page = symptoms if view.symptoms.isAncestorOf(button) else medications
            view.tabs.setCurrentIndex(0 if page is medications else 1)
            page.ensureWidgetVisible(button)
            assert within(button, page), button.accessibleName()
            corner = button.mapTo(page.viewport(), button.rect().bottomRight())
            assert page.viewport().rect().contains(corner), button.accessibleName()
    finally:
        qapp.setFont(usual)


def test_at_the_usual_size_on_1280_by_720_nothing_scrolls(qtbot, demo: DiarySession) -> None:
    view = demo_view(qtbot, demo, *ROOM_AT_1280_BY_720)
    for index, page in enumerate(pages(view)):
        view.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda p=page: p.widget().height() <= p.viewport().height())
        assert page.verticalScrollBar().maximum() == 0
    view.tabs.setCurrentIndex(0)
    plan = view.plan
    assert plan.model.rowCount() >= 4  # the demo's titration, every step on screen
    rows = sum(plan.table.rowHeight(row) for row in range(plan.model.rowCount()))
    assert plan.table.viewport().height() >= rows
    # The plan's buttons on one line, below the table.
    tops = {b.y() for b in (plan.add_step, plan.edit_step, plan.delete_step, plan.titration,
                            plan.taper)}
    assert len(tops) == 1
    assert plan.add_step.y() > plan.table.geometry().bottom()
