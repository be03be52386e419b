"""The diary's own settings from the window (the person's name, when the day starts): one undo
step that puts back every value as it was."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from diary.ui import edits
from diary.ui.shell.session import DiarySession


def test_a_change_of_settings_is_one_step_undone_whole(session: DiarySession, qtbot) -> None:
    before = session.store.info()
    changed = replace(before, name="Ann Smith", day_starts_at=time(5),
                      on_time_window_minutes=90)
    with qtbot.waitSignal(session.changed, timeout=1000):
        edits.update_info(session, changed)
    assert session.store.info() == changed
    assert session.undo_stack.undoText() == "Change settings"
    session.undo_stack.undo()
    assert session.store.info() == before
    session.undo_stack.redo()
    assert session.store.info() == changed
