"""Helpers the Today view tests share (no tests here): a diary with baclofen on a plan, the demo
diary, the view, 2× text, and what lets Qt finish laying out. The tests answer its questions
with `dialog_answers` (tests/helpers/dialogs.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from datetime import datetime
from datetime import time
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from diary.demo import build_demo
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.units import Unit
from diary.storage.store import open_diary
from diary.ui import edits
from diary.ui.shell.session import DiarySession
from diary.ui.today.slots import SlotRow
from diary.ui.today.view import TodayView

DAY = date(2026, 11, 26)  # the diary day of the tests' NOW (Thursday 21:00, Paris)
TIMES = (time(8), time(14), time(20))


def baclofen(session: DiarySession, *, start: date = date(2026, 11, 20), end: date | None = None,
             amount: int = 20_000, min_interval: int | None = None) -> Medication:
    """Baclofen (max 80 mg a day, taper required) on `amount` at 08:00, 14:00 and 20:00."""
    med = edits.add_medication(session, Medication(
        name="Baclofen", unit=Unit.MG, max_daily=80_000, taper_required=True,
        min_interval_minutes=min_interval))
    assert med.id is not None
    edits.add_plan_steps(session, [PlanStep(med.id, start, amount, TIMES, end=end)])
    return med


def paracetamol(session: DiarySession) -> Medication:
    """Paracetamol as needed: 1000 mg, at most 4000 mg a day, four hours apart."""
    med = edits.add_medication(session, Medication(
        name="Paracetamol", unit=Unit.MG, max_daily=4_000_000, min_interval_minutes=240))
    assert med.id is not None
    edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 1_000_000)])
    return med


def make_view(qtbot: object, session: DiarySession) -> TodayView:
    view = TodayView(session)
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    return view


def with_edit_undo(view: TodayView, session: DiarySession) -> None:
    """Edit > Undo as the main window has it: Ctrl+Z on the window."""
    action = session.undo_stack.createUndoAction(view)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
    view.addAction(action)


def row(view: TodayView, med: Medication, at: time, day: date = DAY) -> SlotRow:
    assert med.id is not None
    return view.slots.rows[(med.id, Slot(day, at))]


def at(hour: int, minute: int = 0, now: datetime | None = None) -> datetime:
    """That time on the tests' day, in the tests' offset."""
    from tests.helpers.clock import NOW

    base = now or NOW
    return base.replace(hour=hour, minute=minute, second=0, microsecond=0)


@contextmanager
def demo_session(folder: Path, now: datetime) -> Iterator[DiarySession]:
    """The demo diary (a made-up person's titration, ending on `now`'s day) open at `now`."""
    path = folder / "demo.diary"
    build_demo(path, now=now)
    store = open_diary(path, clock=lambda: now)
    session = DiarySession(store, lambda: now)
    try:
        yield session
    finally:
        session.undo_stack.clear()
        store.close()


@contextmanager
def text_times(factor: float) -> Iterator[None]:
    """The application's font `factor` times its size ("2× text"), put back afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = QFont(app.font())
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * factor)
    app.setFont(big)
    try:
        yield
    finally:
        app.setFont(font)


def settle() -> None:
    """Let Qt run what it posted (layout requests, the reflow they set off), as the event loop
    would before the next paint: no waiting on the clock."""
    for _ in range(4):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
