"""Events of the day (an appointment, a dose change by the clinician, a fall, an illness): add one
with a kind and a line of text, and see today's."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.wording import clock_text
from diary.ui import edits
from diary.ui.edits import error_text
from diary.ui.shell.session import DiarySession
from diary.ui.today.fields import reset_text
from diary.ui.today.fields import undo_passes_through
from diary.ui.today.state import SAVE_ERRORS
from diary.ui.widgets import dialogs


class EventsPanel(QGroupBox):
    notice = Signal(str)

    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__("Events", parent)
        self._session = session
        self._editable = True
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of event")
        for kind, label in EVENT_KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.text = QLineEdit()
        self.text.setAccessibleName("What happened")
        self.text.setPlaceholderText("e.g. tripped on the stairs")
        self.add_button = QPushButton("Add event")
        self.add_button.setAccessibleName("Add event")
        self.add_button.setAutoDefault(True)
        self.today = QLabel()
        self.today.setAccessibleName("Events today")
        self.today.setWordWrap(True)
        kind_label = QLabel("Kind")
        kind_label.setBuddy(self.kind)
        text_label = QLabel("What happened")
        text_label.setBuddy(self.text)
        text_row = QHBoxLayout()
        text_row.addWidget(self.text, 1)
        text_row.addWidget(self.add_button)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(kind_label, self.kind)
        form.addRow(text_label, text_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.today)
        self.text.textChanged.connect(self._update_add)
        self.text.returnPressed.connect(self.add)
        self.add_button.clicked.connect(self.add)
        undo_passes_through(self.text)

    def refresh(self, editable: bool) -> None:
        self._editable = editable
        day = self._session.today()
        events = self._session.store.events.between(day, day)
        self.today.setText("\n".join(
            f"{clock_text(e.at)}  {EVENT_KIND_LABELS[e.kind]}: {e.text}" for e in events
        ) or "No events today.")
        self.kind.setEnabled(editable)
        self.text.setEnabled(editable)
        self._update_add()

    def _update_add(self) -> None:
        self.add_button.setEnabled(self._editable and bool(self.text.text().strip()))

    def tab_chain(self) -> list[QWidget]:
        return [self.kind, self.text, self.add_button]

    def unsaved_changes(self) -> list[str]:
        typed = self.text.text().strip()
        if not typed or not self._editable:
            return []
        kind = EVENT_KIND_LABELS[EventKind(self.kind.currentData())].lower()
        return [f"An event typed and not added ({kind}: “{typed}”)"]

    def focus_text(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    def add(self) -> None:
        if not self._editable or not self.text.text().strip():
            return
        kind = EventKind(self.kind.currentData())
        now = self._session.now()
        try:
            edits.add_event(self._session, Event(now, kind, self.text.text()))
        except SAVE_ERRORS as exc:
            dialogs.show_error(self, "The event was not added", error_text(exc))
            self.notice.emit(f"Event not added: {error_text(exc)}")
            return
        # setText, not clear(): the field forgets its own undo history, so Ctrl+Z in it now
        # undoes the event (Edit > Undo) instead of bringing the saved text back.
        reset_text(self.text, "")
        self.notice.emit(f"Added {EVENT_KIND_LABELS[kind].lower()} at {clock_text(now)}. "
                         "Ctrl+Z undoes it.")
