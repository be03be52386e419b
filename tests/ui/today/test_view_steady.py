"""Nothing in the Today view moves when something is done: "Log dose", the score buttons and
the slots' buttons stay where they were after a dose is logged, ratings are saved or either is
undone, or a slot's "Other…" form opens and closes; the line saying what was done keeps its
room, and is cleared when the undo stack moves (its "Ctrl+Z undoes it" would be wrong); a taper
warning that goes leaves its room."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from datetime import time
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from diary.ui.shell.session import DiarySession
from diary.ui.today.view import RESOLVED
from diary.ui.today.view import TodayView
from tests.helpers.clock import NOW
from tests.helpers.qt import click
from tests.ui.today.support import DAY
from tests.ui.today.support import baclofen
from tests.ui.today.support import demo_session
from tests.ui.today.support import make_view
from tests.ui.today.support import row
from tests.ui.today.support import settle
from tests.ui.today.support import text_times

MORNING = NOW.replace(hour=10, minute=10)


@pytest.fixture
def demo(qapp: object, tmp_path: Path) -> Iterator[DiarySession]:
    with demo_session(tmp_path, MORNING) as session:
        yield session


WIDE = QSize(1366, 700)


def shown(qtbot: object, session: DiarySession, size: QSize = WIDE) -> TodayView:
    view = make_view(qtbot, session)
    view.resize(size)
    view.show()
    qtbot.waitExposed(view)  # type: ignore[attr-defined]
    settle()
    return view


def where(widgets: dict[str, QWidget]) -> dict[str, tuple[QPoint, QSize]]:
    settle()
    return {name: (w.mapTo(w.window(), QPoint(0, 0)), w.size()) for name, w in widgets.items()}


def landmarks(view: TodayView) -> dict[str, QWidget]:
    first_scale = next(iter(view.ratings.scales.values()))
    slots = list(view.slots.rows.values())
    takeable = next(r for r in slots if r.take.isVisible())
    return {"Log dose": view.dose.log_button, "first score": first_scale.buttons[0],
            "last score": first_scale.buttons[-1], "Take now": takeable.take,
            "Other…": takeable.other, "first slot's time": slots[0].time,
            "Save ratings": view.ratings.save_button, "Add event": view.events.add_button,
            "notice": view.notice}


def test_nothing_moves_after_a_dose_ratings_and_their_undo(qtbot, demo: DiarySession,
                                                           dialog_answers) -> None:
    """Reviewer: "Log dose" moved down after each log, the score buttons shifted right 22 px
    after the first save, and the notice line came and went."""
    dialog_answers.fallback = True  # "Did you take it?": yes, whatever the timing finding
    view = shown(qtbot, demo)
    marks = landmarks(view)
    before = where(marks)
    assert view.notice.isVisible() and view.notice.text() == ""  # its room, kept empty
    click(qtbot, view.dose.log_button)  # paracetamol, as needed
    assert "Recorded Paracetamol 1000 mg taken at 10:10" in view.notice.text()
    assert "10:10  Paracetamol 1000 mg taken" in view.slots.extra.text()
    assert where(marks) == before
    click(qtbot, view.dose.log_button)  # again: inside the minimum interval, asked, taken
    assert where(marks) == before
    first = next(iter(view.ratings.scales.values()))
    click(qtbot, first.buttons[4])
    click(qtbot, view.ratings.save_button)
    assert first.current.text() == "Saved 4 at 10:10"
    assert where(marks) == before
    evening = next(r for r in view.slots.rows.values() if r.outcome.slot.time == time(20))
    click(qtbot, evening.take)  # a slot answered: its buttons go, their room stays
    assert evening.take.isHidden()
    assert where(marks) == before
    for _ in range(4):
        assert demo.undo_stack.canUndo()
        demo.undo_stack.undo()
        assert where(marks) == before
    assert demo.store.intakes.between(DAY, DAY) != [] and first.current.text() == "not rated"


@pytest.mark.parametrize(("factor", "width"), [(1.0, 1366), (2.0, 780)])
def test_other_opens_its_form_in_the_slots_line_and_nothing_moves(
        qtbot, demo: DiarySession, factor: float, width: int) -> None:
    """Reviewer: "Other…" inserted its form as a line under the slot and pushed the later slots
    and "Log dose" down 50 px. Now the form takes the place of the slot's status and buttons;
    at 2× text in a narrow window it wraps onto lines whose room the slot always keeps."""
    with text_times(factor):
        view = shown(qtbot, demo, QSize(width, 700))
        afternoon, evening = (next(r for r in view.slots.rows.values()
                                   if r.outcome.slot.time == time(hour)) for hour in (14, 20))
        marks = {"later Take now": evening.take, "later Other…": evening.other,
                 "later time": evening.time, "Log dose": view.dose.log_button,
                 "its own time": afternoon.time, "first score": next(
                     iter(view.ratings.scales.values())).buttons[0]}
        before = where(marks)
        recorded = demo.store.intakes.between(DAY, DAY)
        click(qtbot, afternoon.other)
        assert afternoon.editing and afternoon.at.hasFocus()
        assert not afternoon.take.isVisible() and not afternoon.status.isVisible()  # the form
        assert where(marks) == before
        form = afternoon.editor
        top = form.mapTo(view, QPoint(0, 0)).y()
        line = afternoon.time.mapTo(view, QPoint(0, 0)).y()
        assert line <= top < line + afternoon.time.height()  # in the slot's own line
        assert top + form.height() <= evening.take.mapTo(view, QPoint(0, 0)).y()
        view.dose.amount.setFocus()
        assert view.slots.focus_due() and afternoon.at.hasFocus()  # Ctrl+T: the open form
        click(qtbot, afternoon.cancel)
        assert not afternoon.editing and afternoon.take.isVisible()
        assert where(marks) == before
        click(qtbot, afternoon.other)
        qtbot.keyClick(afternoon.at, Qt.Key.Key_Escape)
        assert not afternoon.editing and afternoon.other.hasFocus()
        assert where(marks) == before
        assert demo.store.intakes.between(DAY, DAY) == recorded  # Cancel and Escape record nothing


def test_the_notice_goes_when_the_stack_moves(qtbot, demo: DiarySession) -> None:
    """Reviewer: "Added … Ctrl+Z undoes it." stayed after Ctrl+Z had undone it."""
    view = shown(qtbot, demo)
    view.events.kind.setCurrentIndex(2)
    view.events.text.setText("physio")
    click(qtbot, view.events.add_button)
    assert view.notice.text() == "Added dose change by clinician at 10:10. Ctrl+Z undoes it."
    demo.undo_stack.undo()
    assert view.notice.text() == ""
    demo.undo_stack.redo()
    assert view.notice.text() == ""  # the window says what a redo did; this line says nothing
    first = next(iter(view.ratings.scales.values()))
    click(qtbot, first.buttons[2])
    click(qtbot, view.ratings.save_button)
    assert view.notice.text().startswith("Saved 1 rating at 10:10")  # a new action is told


def test_a_taper_warning_that_goes_leaves_its_room(qtbot, session: DiarySession,
                                                   clock: list) -> None:
    med = baclofen(session, start=date(2026, 11, 20))
    view = make_view(qtbot, session)
    view.resize(QSize(1366, 700))
    view.show()
    qtbot.waitExposed(view)
    evening = row(view, med, time(20))
    marks = {"slots": view.slots, "Take now": evening.take, "Log dose": view.dose.log_button}
    before = where(marks)
    [banner] = view.banners
    assert "no dose has been recorded as taken" in banner.text()
    click(qtbot, evening.take)
    assert view.banners == [] and view.resolved.isVisible()
    assert view.resolved.text() == RESOLVED
    assert where(marks) == before
    session.undo_stack.undo()  # the warning comes back where it was
    assert len(view.banners) == 1 and not view.resolved.isVisible()
    assert where(marks) == before
    session.undo_stack.redo()
    assert view.resolved.isVisible()
    clock[0] = NOW + timedelta(hours=12)  # 09:00 the next day keeps no room for yesterday's
    view.refresh()
    assert view.banners == [] and view.banner_area.isHidden()
