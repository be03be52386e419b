"""Helpers the History tests share (no tests here): a diary with one entry of each kind, the
view shown and focused as a user finds it, and ways to select, read and open its rows. The
`ids` and `view` fixtures built on them are in conftest.py."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta

from PySide6.QtCore import QPoint

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.units import Unit
from diary.storage import EntryKind
from diary.storage.store import DiaryStore
from diary.ui.history.edit import EntryDialog
from diary.ui.history.model import Column
from diary.ui.history.view import HistoryView
from diary.ui.shell.session import DiarySession
from tests.helpers import qt


def fill(store: DiaryStore, now: datetime) -> dict[str, int]:
    """Oldest to newest: an event, a dose of baclofen, a spasticity rating."""
    med = store.medications.add(Medication(name="Baclofen", unit=Unit.MG, max_daily=80_000))
    assert med.id is not None
    event = store.events.add(Event(now - timedelta(hours=3), EventKind.FALL, "Slipped in the hall"))
    dose = store.intakes.add(Intake(med.id, now - timedelta(hours=2), 20_000, note="with food"))
    spasticity = store.symptoms.named("Spasticity").id
    assert spasticity is not None
    [rating] = store.ratings.add_all([Rating(spasticity, now - timedelta(hours=1), 6)])
    assert event.id and dose.id and rating.id
    return {"event": event.id, "dose": dose.id, "rating": rating.id, "medication": med.id}


def make_view(qtbot, session: DiarySession) -> HistoryView:  # type: ignore[no-untyped-def]
    """The view, shown in an active window with the table focused, as a user finds it."""
    widget = HistoryView(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    widget.table.setFocus()
    return widget


def select(view: HistoryView, kind: EntryKind, row_id: int) -> None:
    assert view.select_entry((kind, row_id))
    view.table.setFocus()


def cell(view: HistoryView, kind: EntryKind, row_id: int, column: Column) -> str:
    row = view.model.row_of((kind, row_id))
    assert row is not None
    return str(view.model.index(row, column).data())


def open_dialog(view: HistoryView) -> EntryDialog:
    """The one edit dialog on screen (a closed one may linger until Qt deletes it)."""
    [dialog] = [d for d in view.findChildren(EntryDialog) if d.isVisible()]
    return dialog


def double_click(qtbot, view: HistoryView, pos: QPoint) -> None:  # type: ignore[no-untyped-def]
    qt.double_click(qtbot, view.table.viewport(), pos)


def open_dialog_visible(view: HistoryView) -> bool:
    return any(d.isVisible() for d in view.findChildren(EntryDialog))
