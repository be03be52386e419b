"""The Today view as a whole: the taper banner, read-only sessions, accessible names, shortcuts
and a layout that follows the font size. (Its events: test_events.py.)"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QBoxLayout
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Intake
from diary.domain.entities import Slot
from diary.domain.entities import Symptom
from diary.domain.templates import BACLOFEN_WITHDRAWAL_WARNING
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui import edits
from diary.ui.shell.session import DiarySession
from diary.ui.today.scale import ScoreScale
from diary.ui.today.view import TodayView
from tests.helpers.doses import add_intake
from tests.helpers.qt import activate
from tests.helpers.qt import click
from tests.ui.today.support import DAY
from tests.ui.today.support import at
from tests.ui.today.support import baclofen
from tests.ui.today.support import make_view
from tests.ui.today.support import paracetamol
from tests.ui.today.support import row

EDITING = (QAbstractButton, QLineEdit, QComboBox, ScoreScale)


def editing_controls(view: TodayView) -> list[QWidget]:
    return [w for kind in EDITING for w in view.findChildren(kind)]


def test_the_taper_banner_when_the_plan_ends_without_a_taper(qtbot,
                                                            session: DiarySession) -> None:
    baclofen(session, start=DAY, end=date(2026, 12, 1))
    view = make_view(qtbot, session)
    [banner] = view.banners
    assert "the plan ends on Tue 1 Dec 2026 without a taper" in banner.text()
    assert BACLOFEN_WITHDRAWAL_WARNING in banner.text()
    assert banner.text().startswith("⚠ Warning")
    session.undo_stack.undo()  # the plan step goes: no plan, no warning
    assert view.banners == []


def test_no_taper_banner_for_a_plan_that_goes_on(qtbot, session: DiarySession) -> None:
    baclofen(session, start=DAY)
    view = make_view(qtbot, session)
    assert view.banners == []


def test_the_taper_banner_when_doses_go_unlogged(qtbot, session: DiarySession) -> None:
    med = baclofen(session, start=date(2026, 11, 20))
    assert med.id is not None
    view = make_view(qtbot, session)
    [banner] = view.banners
    assert "no dose has been recorded as taken" in banner.text()
    click(qtbot, row(view, med, time(20)).take)
    assert view.banners == []


def test_read_only_disables_every_editing_control_and_writes_nothing(
        qtbot, session: DiarySession, store: DiaryStore, clock: list[datetime],
        monkeypatch: pytest.MonkeyPatch) -> None:
    med = baclofen(session)
    paracetamol(session)
    assert med.id is not None
    add_intake(session, Intake(med.id, at(8), 20_000, slot=Slot(DAY, time(8))))
    path = store.path
    store.close()
    files = {p: p.read_bytes() for p in Path(path).parent.glob(Path(path).name + "*")}
    reader = open_diary(path, read_only=True, clock=lambda: clock[0])
    try:
        viewer = DiarySession(reader, lambda: clock[0])
        view = make_view(qtbot, viewer)
        controls = editing_controls(view)
        assert len(controls) > 20
        assert [w.accessibleName() for w in controls if w.isEnabled()] == []
        # Trying anyway changes nothing.
        evening = row(view, med, time(20))
        click(qtbot, evening.take, trying_disabled=True)
        qtbot.keyClick(evening.take, Qt.Key.Key_Return)
        qtbot.keyClick(view.dose.amount, Qt.Key.Key_Return)
        view.dose.log()
        first = next(iter(view.ratings.scales.values()))
        qtbot.keyClick(first, Qt.Key.Key_5)
        view.ratings.save()
        view.events.text.setText("x")
        view.events.add()
        assert viewer.undo_stack.count() == 0
        assert len(reader.intakes.between(DAY, DAY)) == 1 and reader.ratings.between(DAY, DAY) == []
    finally:
        reader.close()
    assert {p: p.read_bytes() for p in files} == files


def test_every_control_has_an_accessible_name(qtbot, session: DiarySession) -> None:
    baclofen(session)
    paracetamol(session)
    view = make_view(qtbot, session)
    controls = editing_controls(view)
    assert len(controls) > 20
    assert [type(w).__name__ for w in controls if not w.accessibleName().strip()] == []


def test_shortcuts_reach_the_due_dose_and_the_event_text(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    activate(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert row(view, med, time(20)).take.hasFocus()  # 21:00: the 20:00 dose is the one due
    qtbot.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert view.events.text.hasFocus()


def test_a_large_font_stacks_the_columns(qtbot, session: DiarySession) -> None:
    baclofen(session)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = QFont(app.font())
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * 2)
    view = make_view(qtbot, session)
    view.resize(1280, 720)  # the smallest screen Today is made for; 44-pixel targets need it
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view._body.direction() == QBoxLayout.Direction.LeftToRight)
    try:
        app.setFont(big)
        qtbot.waitUntil(lambda: view._body.direction() == QBoxLayout.Direction.TopToBottom)
        # Nothing is squeezed below what its text needs.
        for widget in editing_controls(view):
            if widget.isVisible() and not isinstance(widget, ScoreScale):
                assert widget.width() >= widget.minimumSizeHint().width(), widget.accessibleName()
    finally:
        app.setFont(font)


def test_tab_follows_the_page(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    edits.add_symptom(session, Symptom("Pain"))  # rows rebuilt after the view was made
    landmarks = [row(view, med, time(8)).other, row(view, med, time(20)).take,
                 view.dose.medication, view.dose.log_button,
                 next(iter(view.ratings.scales.values())), view.ratings.scales[
                     session.store.symptoms.named("Pain").id or 0],
                 view.ratings.save_button, view.events.kind, view.events.add_button]
    order: list[QWidget] = []
    widget: QWidget = landmarks[0]
    for _ in range(200):
        if widget in landmarks and widget not in order:
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == landmarks


def test_at_double_font_an_800_pixel_window_needs_no_sideways_scrolling(
        qtbot, session: DiarySession, clock: list[datetime]) -> None:
    """Reviewer: 200% font in an 800x600 window clipped Today: "Other…" and the dose form were
    cut off behind a horizontal scroll bar. 780 pixels is what the window leaves the view."""
    med = baclofen(session)
    paracetamol(session)
    edits.add_symptom(session, Symptom("Bladder urgency during the night"))
    assert med.id is not None
    add_intake(session, Intake(med.id, at(14, 45), 25_000, slot=Slot(DAY, time(8))))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = QFont(app.font())
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * 2)
    app.setFont(big)
    try:
        view = make_view(qtbot, session)
        view.resize(780, 580)
        view.show()
        qtbot.waitExposed(view)
        row(view, med, time(14)).open_editor()
        viewport = view.body_scroll.viewport()
        qtbot.waitUntil(lambda: view._body.direction() == QBoxLayout.Direction.TopToBottom)
        assert view.body_scroll.widget().minimumSizeHint().width() <= viewport.width()
        assert not view.body_scroll.horizontalScrollBar().isVisible()
        for widget in editing_controls(view):
            if widget.isVisible():
                left = widget.mapTo(viewport, widget.rect().topLeft()).x()
                assert left >= 0 and left + widget.width() <= viewport.width(), \
                    widget.accessibleName()
    finally:
        app.setFont(font)
