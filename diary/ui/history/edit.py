"""Editing, deleting and restoring a history entry, every one of them through the undo stack.

`EntryDialog` edits one entry (time, amount, status and note of a dose; score and note of a
rating; kind and text of an event). It is opened with `open()`, never `exec()`: it does not block,
and a refused value is shown inside the dialog, next to the field, while the dialog stays open.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.daytime import fixed
from diary.domain.daytime import parse_clock
from diary.domain.daytime import parse_when
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Rating
from diary.domain.errors import ValidationError
from diary.domain.units import format_amount
from diary.domain.units import parse_amount
from diary.storage import Entry
from diary.storage import EntryKind
from diary.storage import dosing
from diary.storage import kind_of
from diary.ui import edits
from diary.ui.edits.doses import Answered
from diary.ui.edits.doses import confirm_and_write
from diary.ui.edits.doses import edit_dose
from diary.ui.history.model import KIND_LABELS
from diary.ui.history.model import EntryText
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs

STATUS_LABELS = {IntakeStatus.TAKEN: "Taken", IntakeStatus.SKIPPED: "Skipped"}


# --- the writes -----------------------------------------------------------------------------------
def save_entry(session: DiarySession, entry: Entry, parent: QWidget | None = None) -> bool:
    """Store the new values of an entry (same id) as one undoable edit. A dose goes through the
    dosing check first (`save_dose`); False when nothing was saved (the person did not take it,
    or closed the question)."""
    if isinstance(entry, Intake):
        return save_dose(parent, session, entry).saved is not None
    if isinstance(entry, Rating):
        edits.edit_rating(session, entry)
    else:
        edits.edit_event(session, entry)
    return True


def save_dose(parent: QWidget | None, session: DiarySession, intake: Intake,
              text: str = "Edit dose") -> Answered:
    """An edit (or, with `dosing.restore_values`, a restore) of a dose, checked as a new dose
    with these values would be (the dose itself left out of the day's total and the minimum
    interval): over the max daily amount or inside the minimum interval, the user sees the
    verdict and is asked what happened, as when a dose is recorded ("Did you take it?").
    Checked and saved in one transaction, as one undo step. `saved` is None when the person
    did not take it or closed the question."""
    return confirm_and_write(
        parent,
        lambda confirmed, seen: edit_dose(session, intake, text, confirmed=confirmed, seen=seen),
        doing="restore" if text.startswith("Restore") else "save")


def delete_entry(session: DiarySession, entry: Entry) -> None:
    row_id = _id(entry)
    if isinstance(entry, Intake):
        edits.delete_intake(session, row_id)
    elif isinstance(entry, Rating):
        edits.delete_rating(session, row_id)
    else:
        edits.delete_event(session, row_id)


def restore_entry(session: DiarySession, entry: Entry, parent: QWidget | None = None) -> bool:
    """Bring a deleted entry back, as one undoable step (Undo deletes it again). A dose is
    checked first, as any dose recorded is (restoring a deleted duplicate can go over the max):
    False when the person did not take it (or closed the question) and it stays deleted."""
    store = session.store
    row_id = _id(entry)
    kind = kind_of(entry)
    if kind is EntryKind.DOSE:
        intake = dosing.restore_values(store, row_id)
        return save_dose(parent, session, intake, "Restore dose").saved is not None
    restore = edits.restore_rating if kind is EntryKind.RATING else edits.restore_event
    restore(session, row_id)
    return True


def _id(entry: Entry) -> int:
    assert entry.id is not None
    return entry.id


# --- the dialog -----------------------------------------------------------------------------------
def when_text(entry: Entry, text: EntryText) -> str:
    """The entry's time as typed in the dialog: its own offset written when it is not local."""
    at = entry.at
    shown = f"{at:%Y-%m-%d %H:%M}"
    if at.utcoffset() != at.astimezone(text.zone).utcoffset():
        offset = at.strftime("%z")
        shown += f"{offset[:3]}:{offset[3:]}"
    return shown


class EntryDialog(dialogs.FittingDialog):
    def __init__(self, session: DiarySession, entry: Entry, text: EntryText,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.entry = entry
        self._text = text
        kind = KIND_LABELS[kind_of(entry)].lower()
        self.setWindowTitle(f"Edit {kind}")
        self.setAccessibleName(f"Edit {kind}")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._fields: dict[str, QWidget] = {}

        subject = QLabel(text.summary(entry)[0].upper() + text.summary(entry)[1:])
        subject.setWordWrap(True)
        subject.setAccessibleName("Entry")
        form.addRow(subject)

        self._original_when = when_text(entry, text)
        self.when_edit = self._line(form, "&When", self._original_when, "time",
                                    "Time: YYYY-MM-DD HH:MM, or HH:MM on the same day")
        self.amount_edit: QLineEdit | None = None
        self.amount_preview: QLabel | None = None
        self.status_combo: QComboBox | None = None
        self.score_spin: QSpinBox | None = None
        self.kind_combo: QComboBox | None = None
        self.note_edit: QPlainTextEdit
        if isinstance(entry, Intake):
            self._dose_fields(form, entry)
        elif isinstance(entry, Rating):
            self._rating_fields(form, entry)
        else:
            self._event_fields(form, entry)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Problem")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.error_label.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save changes")
        self.save_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        body = QWidget()  # scrolls when the screen is too small; Save and Cancel stay in reach
        fields = QVBoxLayout(body)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addLayout(form)
        fields.addWidget(self.error_label)
        fields.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(dialogs.ScrollingBody(body), 1)
        layout.addWidget(buttons)
        self.when_edit.setFocus()

    # --- fields ---------------------------------------------------------------------------
    def _line(self, form: QFormLayout, label: str, value: str, field: str,
              name: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setAccessibleName(name)
        edit.setToolTip(name)
        form.addRow(label, edit)
        self._fields[field] = edit
        return edit

    def _note(self, form: QFormLayout, label: str, value: str, field: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(value)
        edit.setTabChangesFocus(True)
        edit.setAccessibleName(label.replace("&", ""))
        edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        form.addRow(label, edit)
        self._fields[field] = edit
        return edit

    def _dose_fields(self, form: QFormLayout, entry: Intake) -> None:
        unit = self._text.medications[entry.medication_id].unit
        self._original_amount = format_amount(entry.amount, unit)
        self.amount_edit = self._line(form, "&Amount", self._original_amount, "amount",
                                      f"Amount in {unit.value}")
        self.amount_preview = QLabel()
        self.amount_preview.setAccessibleName("Amount as understood")
        self.amount_preview.setWordWrap(True)
        form.addRow("", self.amount_preview)
        self.amount_edit.textChanged.connect(self._preview_amount)
        self._preview_amount(self._original_amount)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status")
        for status, label in STATUS_LABELS.items():
            self.status_combo.addItem(label, status)
        self.status_combo.setCurrentIndex(self.status_combo.findData(entry.status))
        form.addRow("&Status", self.status_combo)
        self._fields["status"] = self.status_combo
        self.note_edit = self._note(form, "&Note", entry.note, "note")

    def _rating_fields(self, form: QFormLayout, entry: Rating) -> None:
        symptom = self._text.symptoms.get(entry.symptom_id)
        scale = symptom.scale_max if symptom else 10
        self.score_spin = QSpinBox()
        self.score_spin.setRange(0, scale)
        self.score_spin.setSuffix(f" / {scale}")
        self.score_spin.setValue(entry.score)
        self.score_spin.setAccessibleName(f"Score from 0 (none) to {scale} (worst)")
        form.addRow("S&core", self.score_spin)
        self._fields["score"] = self.score_spin
        self.note_edit = self._note(form, "&Note", entry.note, "note")

    def _event_fields(self, form: QFormLayout, entry: Event) -> None:
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind of event")
        for kind, label in EVENT_KIND_LABELS.items():
            self.kind_combo.addItem(label, kind)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(entry.kind))
        form.addRow("&Kind", self.kind_combo)
        self._fields["kind"] = self.kind_combo
        self.note_edit = self._note(form, "&Text", entry.text, "text")

    def _preview_amount(self, typed: str) -> None:
        assert self.amount_preview is not None and isinstance(self.entry, Intake)
        unit = self._text.medications[self.entry.medication_id].unit
        try:
            self.amount_preview.setText(f"= {format_amount(parse_amount(typed, unit), unit)}")
        except ValidationError as exc:
            self.amount_preview.setText(exc.message)

    # --- values and saving ----------------------------------------------------------------
    def values(self) -> Entry:
        """The entry with the values in the dialog; a ValidationError names the bad field."""
        entry = self.entry
        at = self._when(self.when_edit.text())
        note = self.note_edit.toPlainText()
        if isinstance(entry, Intake):
            assert self.amount_edit is not None and self.status_combo is not None
            amount_text = self.amount_edit.text()
            unit = self._text.medications[entry.medication_id].unit
            amount = entry.amount if amount_text.strip() == self._original_amount else (
                parse_amount(amount_text, unit))
            return replace(entry, at=at, amount=amount, note=note,
                           status=IntakeStatus(self.status_combo.currentData()))
        if isinstance(entry, Rating):
            assert self.score_spin is not None
            return replace(entry, at=at, score=self.score_spin.value(), note=note)
        assert self.kind_combo is not None
        return replace(entry, at=at, kind=EventKind(self.kind_combo.currentData()), text=note)

    def _when(self, typed: str) -> datetime:
        """Unchanged: the entry's own instant. HH:MM alone: that time on the entry's own day (in
        its own offset), not today. Otherwise a date and time, read in the local zone unless an
        offset is written."""
        entry = self.entry
        if typed.strip() == self._original_when:
            return entry.at
        try:
            clock = parse_clock(typed)
        except ValidationError:
            return parse_when(typed, self._session.now())
        return fixed(datetime.combine(entry.at.date(), clock, tzinfo=entry.at.tzinfo))

    def save(self) -> None:
        """Write the changes through the undo stack and close; a refusal stays on screen. A dose
        whose new values need a confirmation (over the max, inside the minimum interval) asks
        what happened first; not taken (or the question closed), the dialog stays open with the
        verdict shown and nothing saved."""
        try:
            changed = self.values()
            if changed != self.entry:
                if isinstance(changed, Intake):
                    answered = save_dose(self, self._session, changed)
                    if answered.saved is None:
                        self.error_label.setText(answered.not_written_text("saved"))
                        self.error_label.show()
                        return
                else:
                    save_entry(self._session, changed, self)
        except (*edits.STORE_ERRORS, sqlite3.Error) as exc:
            self._show_problem(exc)
            return
        self.accept()

    def _show_problem(self, exc: Exception) -> None:
        field = exc.field if isinstance(exc, ValidationError) else ""
        message = exc.message if isinstance(exc, ValidationError) else str(exc)
        label = {"time": "When", "amount": "Amount", "note": "Note", "text": "Text",
                 "score": "Score", "status": "Status", "kind": "Kind"}.get(field, "")
        self.error_label.setText(f"{label}: {message}" if label else message)
        self.error_label.show()
        widget = self._fields.get(field)
        if widget is not None:
            widget.setFocus()
