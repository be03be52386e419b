"""The Today view's text fields leave Ctrl+Z to Edit > Undo once what they held is saved: it
undoes the saved entry instead of bringing the typed text back for a second Enter to save
twice; typing not saved yet is still undone in the field first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import EventKind
from diary.ui.shell.session import DiarySession
from diary.ui.today.fields import reset_text
from diary.ui.today.fields import undo_passes_through
from tests.helpers.qt import activate
from tests.ui.today.support import DAY
from tests.ui.today.support import make_view
from tests.ui.today.support import with_edit_undo


def test_ctrl_z_after_adding_an_event_undoes_it(qtbot, session: DiarySession) -> None:
    """Reviewer: after adding an event, Ctrl+Z brought "dizzy" back into the text box, so the
    next Enter added a duplicate."""
    view = make_view(qtbot, session)
    with_edit_undo(view, session)
    activate(qtbot, view)
    view.events.kind.setCurrentIndex(view.events.kind.findData(EventKind.ILLNESS.value))
    view.events.focus_text()
    qtbot.keyClicks(view.events.text, "dizzy")
    qtbot.keyClick(view.events.text, Qt.Key.Key_Return)
    assert len(session.store.events.between(DAY, DAY)) == 1
    qtbot.keyClick(view.events.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.store.events.between(DAY, DAY) == []
    assert view.events.text.text() == ""
    qtbot.keyClick(view.events.text, Qt.Key.Key_Return)  # nothing to add twice
    assert session.store.events.between(DAY, DAY) == []
    assert session.undo_stack.canRedo() and not session.undo_stack.canUndo()


def test_ctrl_z_after_saving_ratings_undoes_them(qtbot, session: DiarySession) -> None:
    view = make_view(qtbot, session)
    with_edit_undo(view, session)
    activate(qtbot, view)
    first = next(iter(view.ratings.scales.values()))
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_7)
    view.ratings.note.setFocus()
    qtbot.keyClicks(view.ratings.note, "stiff morning")
    qtbot.keyClick(view.ratings.note, Qt.Key.Key_Return)
    assert [r.score for r in session.store.ratings.between(DAY, DAY)] == [7]
    qtbot.keyClick(view.ratings.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.store.ratings.between(DAY, DAY) == []
    assert view.ratings.note.text() == ""


def test_typing_not_saved_is_undone_in_the_field_first(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    field = QLineEdit(window)
    QVBoxLayout(window).addWidget(field)
    reached: list[str] = []
    for name, keys in (("Undo", QKeySequence.StandardKey.Undo),
                       ("Redo", QKeySequence.StandardKey.Redo)):
        action = QAction(name, window)
        action.setShortcuts(keys)
        action.triggered.connect(lambda _=False, n=name: reached.append(f"Edit > {n}"))
        window.addAction(action)
    undo_passes_through(field)
    activate(qtbot, window)
    field.setFocus()
    control, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClicks(field, "dizzy")
    qtbot.keyClick(field, Qt.Key.Key_Z, control)
    assert (field.text(), reached) == ("", [])  # the field's own typing, undone in the field
    qtbot.keyClick(field, Qt.Key.Key_Z, control | shift)
    assert (field.text(), reached) == ("dizzy", [])  # and redone there
    qtbot.keyClick(field, Qt.Key.Key_Z, control | shift)  # nothing more to redo in the field
    assert reached == ["Edit > Redo"]
    reset_text(field, "")  # saved: the field forgets its history
    qtbot.keyClick(field, Qt.Key.Key_Z, control)
    assert (field.text(), reached) == ("", ["Edit > Redo", "Edit > Undo"])


def test_reset_text_leaves_no_undo_history_of_the_field(qtbot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    qtbot.keyClicks(field, "stiff morning")
    assert field.isUndoAvailable()
    reset_text(field, "saved")
    assert field.text() == "saved" and not field.isUndoAvailable()
