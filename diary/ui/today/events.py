"""Events of the day (an appointment, a dose change by the clinician, a fall, an illness): add one
with a kind and a line of text, and see today's.

A new event has no kind until the person chooses one: the chooser starts on "Choose a kind…",
and Add (or Enter in the text) with none chosen says so just under the chooser (in a line whose
room is always kept) and stores nothing, so a quick Ctrl+E, text, Enter never files an
appointment by default (an appointment starts the next report's range). After an event is added,
the chooser starts on "Choose a kind…" again.

The kind, the text and Add share one line where the width allows (the text below the kind when
it does not), and today's events are listed under them."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSizePolicy
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
from diary.ui.widgets.flow import FlowLayout
from diary.ui.widgets.form_errors import error_label
from diary.ui.widgets.form_errors import show_form_message
from diary.ui.widgets.targets import field_label
from diary.ui.widgets.targets import keep_room_when_hidden
from diary.ui.widgets.targets import large
from diary.ui.widgets.targets import reserve_lines
from diary.ui.widgets.targets import tight_margins

CHOOSE_KIND = "Choose a kind…"
KIND_MISSING = "Choose what kind of event this is"


class EventsPanel(QGroupBox):
    notice = Signal(str)

    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__("Events", parent)
        self._session = session
        self._editable = True
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of event")
        self.kind.setToolTip("What kind of event this is: choose one before adding it")
        self.kind.addItem(CHOOSE_KIND, None)
        for kind, label in EVENT_KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.kind_error = error_label("What is missing for this event")
        keep_room_when_hidden(self.kind_error)  # the message comes and goes; nothing moves
        self.text = QLineEdit()
        self.text.setAccessibleName("What happened")
        self.text.setPlaceholderText("e.g. tripped on the stairs")
        self.add_button = QPushButton("Add event")
        self.add_button.setAccessibleName("Add event")
        self.add_button.setToolTip("Add this event (Enter in the text; Ctrl+E goes to the text)")
        self.add_button.setAutoDefault(True)
        large(self.kind, self.text, self.add_button)
        self.today = QLabel()
        self.today.setAccessibleName("Events today")
        self.today.setWordWrap(True)
        kind_part, text_part = QWidget(), QWidget()
        kind_row = QHBoxLayout(kind_part)
        kind_row.setContentsMargins(0, 0, 0, 0)
        kind_row.addWidget(field_label("Kind", self.kind))
        kind_row.addWidget(self.kind)
        text_row = QHBoxLayout(text_part)
        text_row.setContentsMargins(0, 0, 0, 0)
        text_row.addWidget(field_label("What happened", self.text))
        text_row.addWidget(self.text, 1)
        text_row.addWidget(self.add_button)
        text_part.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        form = QWidget()
        line = FlowLayout(form, 2 * self.fontMetrics().horizontalAdvance("0"))
        line.addWidget(kind_part)
        line.addWidget(text_part)
        reserve_lines(self.kind_error, 1)
        layout = QVBoxLayout(self)
        tight_margins(layout)
        layout.setSpacing(2)
        layout.addWidget(form)
        layout.addWidget(self.kind_error)
        layout.addWidget(self.today)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.text.textChanged.connect(self._update_add)
        self.text.returnPressed.connect(self.add)
        self.add_button.clicked.connect(self.add)
        undo_passes_through(self.text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            reserve_lines(self.kind_error, 1)
        super().changeEvent(event)

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

    def chosen_kind(self) -> EventKind | None:
        data = self.kind.currentData()
        return None if data is None else EventKind(data)

    def _kind_changed(self) -> None:
        if self.chosen_kind() is not None:
            self.kind_error.hide()

    def _update_add(self) -> None:
        self.add_button.setEnabled(self._editable and bool(self.text.text().strip()))

    def tab_chain(self) -> list[QWidget]:
        return [self.kind, self.text, self.add_button]

    def unsaved_changes(self) -> list[str]:
        typed = self.text.text().strip()
        if not typed or not self._editable:
            return []
        kind = self.chosen_kind()
        what = "no kind chosen" if kind is None else EVENT_KIND_LABELS[kind].lower()
        return [f"An event typed and not added ({what}: “{typed}”)"]

    def focus_text(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    def add(self) -> None:
        if not self._editable or not self.text.text().strip():
            return
        kind = self.chosen_kind()
        if kind is None:  # never a kind by default: the person says which
            show_form_message(self.kind_error, KIND_MISSING)
            self.kind.setFocus(Qt.FocusReason.OtherFocusReason)  # Down then chooses one
            self.notice.emit(f"Event not added: {KIND_MISSING.lower()}.")
            return
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
        self.kind.setCurrentIndex(0)  # the next event's kind is chosen afresh
        self.kind_error.hide()
        self.notice.emit(f"Added {EVENT_KIND_LABELS[kind].lower()} at {clock_text(now)}. "
                         "Ctrl+Z undoes it.")
