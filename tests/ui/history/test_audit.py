"""The change history of one entry, read-only, in words: when, what was done, and for a change
every field that differs, before → after; a trail that cannot be read is told, not a
traceback."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.storage import EntryKind
from diary.ui import edits
from diary.ui.history.audit import AuditDialog
from diary.ui.history.audit import describe_change
from diary.ui.history.audit import readable_fields
from diary.ui.history.model import EntryText
from diary.ui.history.view import HistoryView
from diary.ui.shell.session import DiarySession
from tests.helpers import store_sql
from tests.helpers.doses import add_intake
from tests.helpers.doses import edit_intake
from tests.helpers.qt import click
from tests.ui.history.support import select


def test_show_changes_lists_insert_update_delete(qtbot, view: HistoryView, session: DiarySession,
                                                 clock: list[datetime],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    store = session.store
    med = store.medications.named("Baclofen")
    assert med.id is not None
    dose = add_intake(session, Intake(med.id, clock[0] - timedelta(minutes=30), 20_000))
    assert dose.id is not None
    clock[0] += timedelta(minutes=5)
    edit_intake(session, Intake(med.id, dose.at, 15_000, note="half tablet", id=dose.id))
    clock[0] += timedelta(minutes=5)
    edits.delete_intake(session, dose.id)
    view.filters.deleted_check.setChecked(True)
    select(view, EntryKind.DOSE, dose.id)
    click(qtbot, view.changes_button)
    dialog = view.findChild(AuditDialog)
    assert dialog is not None and dialog.isVisible()
    listed = dialog.rows()
    assert [action for _, action, _ in listed] == ["Added", "Changed", "Deleted"]
    assert [when for when, _, _ in listed] == [
        "Thu 26 Nov 2026 21:00", "Thu 26 Nov 2026 21:05", "Thu 26 Nov 2026 21:10"]
    assert "amount: 20 mg" in listed[0][2]
    assert listed[1][2] == "amount: 20 mg → 15 mg; note: (empty) → “half tablet”"
    assert "restored" in listed[2][2]
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_show_changes_of_a_damaged_trail_tells_the_window_not_a_traceback(
        qtbot, view: HistoryView, session: DiarySession, ids: dict[str, int]) -> None:
    """A row of the audit trail that cannot be read (issue 17): told once, no dialog opened."""
    store_sql.connection(session.store).execute(
        "UPDATE changes SET at_utc = 'zz' WHERE table_name = 'events' AND row_id = ?",
        [ids["event"]])
    told: list[str] = []
    session.damaged.connect(told.append)
    select(view, EntryKind.EVENT, ids["event"])
    click(qtbot, view.changes_button)
    assert view.findChild(AuditDialog) is None
    assert len(told) == 1 and "changes row " in told[0] and "cannot be read" in told[0]


def test_each_action_of_an_event_in_words(session: DiarySession, ids: dict[str, int],
                                          clock: list[datetime]) -> None:
    event = session.store.events.get(ids["event"])
    clock[0] += timedelta(minutes=5)
    edits.edit_event(session, replace(event, kind=EventKind.ILLNESS, text="Flu"))
    edits.delete_event(session, ids["event"])
    edits.restore_event(session, ids["event"])
    text = EntryText(session)
    described = [describe_change(c, text) for c in session.store.audit.of("events", ids["event"])]
    assert described == [
        ("Thu 26 Nov 2026 21:00", "Added",
         "time: Thu 26 Nov 2026 18:00; kind: Fall; text: “Slipped in the hall”"),
        ("Thu 26 Nov 2026 21:05", "Changed",
         "kind: Fall → Illness; text: “Slipped in the hall” → “Flu”"),
        ("Thu 26 Nov 2026 21:05", "Deleted",
         "hidden from the diary; it can be shown with Show deleted and restored"),
        ("Thu 26 Nov 2026 21:05", "Restored", "back in the diary"),
    ]


def test_a_name_no_longer_known_is_said_by_its_number(session: DiarySession,
                                                      ids: dict[str, int]) -> None:
    [added] = session.store.audit.of("intakes", ids["dose"])
    row = {**(added.after or {}), "medication_id": 99}
    fields = readable_fields("intakes", row, EntryText(session))
    assert (fields["medication"], fields["amount"], fields["scheduled dose"], fields["note"]) == (
        "99", "20000", "none", "“with food”")
    unknown = replace(added, action="merge", before=row, after=row)
    assert describe_change(unknown, EntryText(session))[1:] == ("Merge", "")
