"""A diary opened read-only: every editing control is disabled and no path writes to the file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui.history.audit import AuditDialog
from diary.ui.history.model import Column
from diary.ui.history.view import HistoryView
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import click
from tests.ui.history.support import double_click
from tests.ui.history.support import fill
from tests.ui.history.support import open_dialog_visible


@pytest.fixture
def read_only(qapp: object, tmp_path: Path, clock: list[datetime]) -> Iterator[DiarySession]:
    path = tmp_path / "caregiver.diary"
    store = create_diary(path, clock=lambda: clock[0])
    ids = fill(store, clock[0])
    store.intakes.delete(ids["dose"])
    store.close()
    opened = open_diary(path, read_only=True, clock=lambda: clock[0])
    session = DiarySession(opened, lambda: clock[0])
    yield session
    session.close()


def diary_files(session: DiarySession) -> dict[str, bytes]:
    folder = session.store.path.parent
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_read_only_disables_editing_and_nothing_can_write(qtbot, read_only: DiarySession) -> None:
    before = diary_files(read_only)
    view = HistoryView(read_only)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.filters.deleted_check.setChecked(True)  # deleted rows too: Restore must stay off
    model = view.model
    assert model.rowCount() == 3
    for row in range(model.rowCount()):
        view.table.selectRow(row)
        view.table.setFocus()
        assert view.selected_entry() is model.entry(row)
        for control in (view.edit_button, view.delete_button, view.restore_button,
                        view.edit_action, view.delete_action, view.restore_action):
            assert not control.isEnabled()
        assert view.changes_button.isEnabled()
        # Every way in: keys, double-click, the buttons, the actions, the slots themselves.
        for key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Delete):
            qtbot.keyClick(view.table, key)
        rect = view.table.visualRect(model.index(row, Column.WHAT))
        double_click(qtbot, view, rect.center())
        for button in (view.edit_button, view.delete_button, view.restore_button):
            click(qtbot, button, trying_disabled=True)
        for action in (view.edit_action, view.delete_action, view.restore_action):
            action.trigger()
        view.edit_selected()
        view.delete_selected()
        view.restore_selected()
        assert not open_dialog_visible(view)
    assert read_only.undo_stack.count() == 0
    assert view.restore_button.toolTip().startswith("This diary is open read-only")

    # Reading still works: the audit trail of the deleted dose, and a search.
    [dose] = [r for r in range(model.rowCount()) if model.entry(r).deleted_at is not None]
    view.table.selectRow(dose)
    click(qtbot, view.changes_button)
    [audit] = [d for d in view.findChildren(AuditDialog) if d.isVisible()]
    assert [action for _, action, _ in audit.rows()] == ["Added", "Deleted"]
    audit.reject()
    qtbot.keyClicks(view.filters.search_edit, "hall")
    qtbot.keyClick(view.filters.search_edit, Qt.Key.Key_Return)
    assert model.rowCount() == 1 and model.index(0, Column.NOTE).data() == "Slipped in the hall"
    view.close()
    read_only.store.close()
    QApplication.processEvents()
    assert diary_files(read_only) == before

