"""Text fields of the Today view that leave Ctrl+Z to Edit > Undo once what they hold is saved.

A QLineEdit takes Ctrl+Z (and Ctrl+Shift+Z / Ctrl+Y) for itself whenever it is editable, even
with nothing to undo, so after "Add event" a Ctrl+Z in the text box brought the saved text back
("dizzy"), and the next Enter added it twice. After a save the Today view resets its fields with
`reset_text` (setText forgets the field's own undo history, clear() does not), and
`undo_passes_through` lets the shortcut through to the window's Edit > Undo and Redo while the
field has nothing of its own to undo or redo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit


class _PassUndo(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and isinstance(watched, QLineEdit):
            undoing = event.matches(QKeySequence.StandardKey.Undo)
            redoing = event.matches(QKeySequence.StandardKey.Redo)
            if (undoing and not watched.isUndoAvailable()) or \
                    (redoing and not watched.isRedoAvailable()):
                event.ignore()  # not the field's: the shortcut goes to the window's action
                return True
        return super().eventFilter(watched, event)


def undo_passes_through(*fields: QLineEdit) -> None:
    """Ctrl+Z / Ctrl+Shift+Z in these fields reach Edit > Undo / Redo when the field itself has
    nothing to undo or redo (typing is still undone in the field first)."""
    for field in fields:
        field.installEventFilter(_PassUndo(field))


def reset_text(field: QLineEdit, text: str = "") -> None:
    """Set a field after a save: its text, and no undo history of its own."""
    field.setText(text)
