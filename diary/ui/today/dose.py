"""Recording a dose with its safety verdict, and the as-needed (or extra) dose form.

`record_dose` is the one way the Today view saves a dose: it checks the draft, asks what happened
when a safety rule would be broken (over the max daily amount, inside the minimum interval) or the
timing looks wrong ("Did you take it?", two plain answers, neither the default), says what it did
in a notice, and shows any store error with the form left as it was. A time still to come is
refused first in plain words and local time ("14:00 today is still ahead; a dose can be logged
up to now, 10:10"), before the diary's own check would name it in ISO.

The form's controls are large targets, each medication shows its pill in the chooser, and
"Log dose" stays where it is, at the end of the time's line: the safety check's lines go below
it, in room kept for them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from diary.domain.daytime import fixed
from diary.domain.daytime import parse_when
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.domain.looks import Look
from diary.domain.safety import DoseVerdict
from diary.domain.units import format_amount
from diary.domain.units import format_number
from diary.domain.units import parse_amount
from diary.domain.validation import check_not_ahead
from diary.domain.wording import clock_text
from diary.domain.wording import sentence
from diary.storage.dosing import assess_dose
from diary.ui.edits import error_text
from diary.ui.edits.doses import add_dose
from diary.ui.edits.doses import confirm_and_write
from diary.ui.shell.session import DiarySession
from diary.ui.today.fields import reset_text
from diary.ui.today.fields import undo_passes_through
from diary.ui.today.looks import medication_choice
from diary.ui.today.looks import pill_size
from diary.ui.today.state import SAVE_ERRORS
from diary.ui.today.state import usual_amount
from diary.ui.widgets import dialogs
from diary.ui.widgets.targets import field_label
from diary.ui.widgets.targets import large
from diary.ui.widgets.targets import reserve_lines
from diary.ui.widgets.targets import tight_margins

Notify = Callable[[str], None]


def record_dose(parent: QWidget | None, session: DiarySession, draft: Intake,
                notify: Notify) -> Intake | None:
    """Check `draft`, ask the user what happened whenever it needs it, save it as one undoable
    action.

    One dosing call checks and saves in one transaction (storage.dosing); a verdict that needs
    a confirmation (over the max daily amount, inside the minimum interval, a dose well before
    its slot, a second dose within the on-time window of another) is shown first with the
    question "Did you take it?" (`ui.dosing.dose_question`), and when the person took it the
    dose is checked again and saved, the finding said in the notice. Returns the saved intake,
    or None when nothing was saved (not taken, the question closed without an answer, or
    refused by the diary); either way `notify` receives one line saying what happened, and the
    caller keeps what was typed."""
    text = "Skip dose" if draft.status is IntakeStatus.SKIPPED else "Log dose"
    try:
        check_not_ahead(draft.at, session.now(), "a dose", "logged")
    except ValidationError as exc:
        said = sentence(f"{exc.field.capitalize()}: {exc.message}")
        dialogs.show_error(parent, "The dose was not recorded", said)
        notify(f"Not recorded: {said}")
        return None
    try:
        answered = confirm_and_write(
            parent,
            lambda confirmed, seen: add_dose(session, draft, text, confirmed=confirmed,
                                             seen=seen))
    except SAVE_ERRORS as exc:
        dialogs.show_error(parent, "The dose was not recorded", error_text(exc))
        notify(f"Not recorded: {error_text(exc)}")
        return None
    outcome = answered.outcome
    if outcome.saved is None:
        notify(answered.not_written_text())
        return None
    notify(saved_text(outcome.medication, outcome.saved, outcome.verdict))
    return outcome.saved


def saved_text(med: Medication, saved: Intake, verdict: DoseVerdict) -> str:
    what = f"{med.name} {format_amount(saved.amount, med.unit)}"
    slot = f" (the {clock_text(saved.slot.time)} dose)" if saved.slot else ""
    if saved.status is IntakeStatus.SKIPPED:
        which = f"the {clock_text(saved.slot.time)}" if saved.slot else "a"
        text = f"Recorded {which} {med.name} dose as skipped."
    else:
        text = f"Recorded {what} taken at {clock_text(saved.at)}{slot}."
    for finding in verdict.findings:
        prefix = "Recorded although: " if finding in verdict.to_confirm else "Note: "
        text += f" {prefix}{finding.message}"
    return f"{text} Ctrl+Z undoes it."


class DosePanel(QGroupBox):
    """Log a dose outside the schedule: an as-needed medication, or an extra dose."""

    notice = Signal(str)

    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__("As-needed dose", parent)
        self._session = session
        self._editable = True
        self._prefilled_for: int | None = None
        self._prefilled_text = ""
        self._medications: list[Medication] = []
        self._items: list[tuple[str, int | None, Look]] = []

        self.medication = QComboBox()
        self.medication.setAccessibleName("Medication for the as-needed dose")
        self.medication.setToolTip("The medication of this dose (Alt+C)")
        self.amount = QLineEdit()
        self.amount.setAccessibleName("Amount of the as-needed dose")
        self.amount.setPlaceholderText("e.g. 7.5")
        self.unit = QLabel()
        self.unit.setAccessibleName("Unit")
        self.parsed = QLabel()
        self.parsed.setAccessibleName("Amount as read")
        self.parsed.setWordWrap(True)
        self.at = QLineEdit()
        self.at.setAccessibleName("Time of the as-needed dose (HH:MM, empty for now)")
        self.at.setPlaceholderText("now (or HH:MM)")
        self.at_hint = QLabel()
        self.at_hint.setAccessibleName("Time as read")
        self.at_hint.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setAccessibleName("Safety check of this dose")
        self.verdict.setWordWrap(True)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.log_button = QPushButton("Log dose")
        self.log_button.setAccessibleName("Log the as-needed dose")
        self.log_button.setToolTip("Log this dose (Ctrl+D goes to the amount; Enter in the "
                                   "amount or time field logs it)")
        large(self.medication, self.amount, self.at, self.log_button)
        self._size_pills()

        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(self.unit)
        amount_row.addWidget(self.parsed, 1)
        at_row = QHBoxLayout()
        at_row.addWidget(self.at, 1)
        at_row.addWidget(self.at_hint, 1)
        at_row.addWidget(self.log_button)
        form = QFormLayout(self)
        tight_margins(form)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        medication_label = field_label("Medi&cation", self.medication)
        amount_label = field_label("Amou&nt", self.amount)
        at_label = field_label("T&ime", self.at)
        form.addRow(medication_label, self.medication)
        form.addRow(amount_label, amount_row)
        form.addRow(at_label, at_row)
        # Below the button, in room kept for two lines: what the check finds never moves it.
        form.addRow(self.verdict)
        reserve_lines(self.verdict, 2)

        self.medication.currentIndexChanged.connect(self._medication_changed)
        self.amount.textChanged.connect(self._update_preview)
        self.at.textChanged.connect(self._update_preview)
        self.amount.returnPressed.connect(self.log)
        self.at.returnPressed.connect(self.log)
        self.log_button.clicked.connect(self.log)
        undo_passes_through(self.amount, self.at)

    # --- state ----------------------------------------------------------------------------------
    def current_medication(self) -> Medication | None:
        med_id = self.medication.currentData()
        if med_id is None:
            return None
        return next((m for m in self._medications if m.id == med_id), None)

    def refresh(self, editable: bool) -> None:
        """Reload the medications (keeping the choice and what is typed) and the preview."""
        self._editable = editable
        self._medications = self._session.store.medications.all()
        items = [(f"{med.name} ({med.unit.value})", med.id, med.look)
                 for med in self._medications]
        if items != self._items:  # rebuilt only when the medications changed: no flicker
            self._items = items
            chosen = self.medication.currentData()
            self.medication.blockSignals(True)
            self.medication.clear()
            for choice in self._medications:
                medication_choice(self.medication, choice)
            index = self.medication.findData(chosen) if chosen is not None else -1
            self.medication.setCurrentIndex(index if index >= 0 else self._default_index())
            self.medication.blockSignals(False)
        if self.medication.currentData() != self._prefilled_for:
            self._prefill()
        med = self.current_medication()
        self.unit.setText("" if med is None else med.unit.value)
        self._describe(med)
        empty = not self._medications
        for widget in (self.medication, self.amount, self.at, self.log_button):
            widget.setEnabled(editable and not empty)
        if empty:
            self.verdict.setText("Add a medication under Medications to log doses here.")
        else:
            self._update_preview()

    def _describe(self, med: Medication | None) -> None:
        """The chosen medication's look in words, for a screen reader and in the tooltip."""
        said = "" if med is None else f"{med.name}: {med.look.describe()}"
        self.medication.setAccessibleDescription(said)
        self.medication.setToolTip(f"{said} (Alt+C)" if said else
                                   "The medication of this dose (Alt+C)")

    def _size_pills(self) -> None:
        size = pill_size(self.medication)
        self.medication.setIconSize(QSize(size, size))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._size_pills()
            reserve_lines(self.verdict, 2)
        super().changeEvent(event)

    def _default_index(self) -> int:
        """The first medication taken as needed today, else the first one."""
        store = self._session.store
        day = self._session.today()
        for index, med in enumerate(self._medications):
            assert med.id is not None
            steps = store.plans.steps(med.id)
            if not any(s.covers(day) and not s.as_needed for s in steps):
                return index
        return 0 if self._medications else -1

    def _medication_changed(self) -> None:
        self._prefill()
        self._describe(self.current_medication())
        self._update_preview()

    def _prefill(self) -> None:
        med = self.current_medication()
        self._prefilled_for = None if med is None else med.id
        if med is None:
            self.unit.setText("")
            return
        amount = usual_amount(self._session.store, med, self._session.today(),
                              self._session.now())
        self._prefilled_text = "" if amount is None else format_number(amount)
        reset_text(self.amount, self._prefilled_text)
        self.unit.setText(med.unit.value)

    def tab_chain(self) -> list[QWidget]:
        return [self.medication, self.amount, self.at, self.log_button]

    def unsaved_changes(self) -> list[str]:
        """What was typed here and not logged: an amount other than the one prefilled, a time."""
        med = self.current_medication()
        if med is None or not self._editable:
            return []
        amount = self.amount.text().strip()
        at = self.at.text().strip()
        if amount == self._prefilled_text and not at:
            return []
        parts = [f"{amount} {med.unit.value}" if amount else "no amount"]
        if at:
            parts.append(f"at {at}")
        return [f"An as-needed dose of {med.name} typed and not logged ({', '.join(parts)})"]

    def focus_amount(self) -> None:
        self.amount.setFocus()
        self.amount.selectAll()

    # --- reading the form -----------------------------------------------------------------------
    def _draft(self, med: Medication) -> Intake:
        """The dose as typed; raises ValidationError naming the field that is wrong."""
        assert med.id is not None
        amount = parse_amount(self.amount.text(), med.unit)
        now = self._session.now()
        text = self.at.text().strip()
        at = parse_when(text, now) if text else fixed(now)
        return Intake(med.id, at, amount)

    def _update_preview(self) -> None:
        med = self.current_medication()
        if med is None:
            self.parsed.setText("")
            return
        try:
            amount = parse_amount(self.amount.text(), med.unit)
            self.parsed.setText(f"= {format_amount(amount, med.unit)}")
        except ValidationError as exc:
            self.parsed.setText(f"⚠ {exc.message}" if self.amount.text().strip() else
                                "Type the amount taken.")
        text = self.at.text().strip()
        now = self._session.now()
        try:
            at = parse_when(text, now) if text else None
            if at is not None:
                check_not_ahead(at, now, "a dose", "logged")
            self.at_hint.setText("" if at is None else f"= {at:%a %d %b, %H:%M}")
        except ValidationError as exc:
            self.at_hint.setText(f"⚠ {exc.message}")
        self.verdict.setText(self._verdict_text(med))

    def _verdict_text(self, med: Medication) -> str:
        try:
            outcome = assess_dose(self._session.store, self._draft(med), self._session.zone(),
                                  now=self._session.now(), timing=True)
        except SAVE_ERRORS:
            return ""
        verdict = outcome.verdict
        lines = []
        for finding in verdict.findings:
            if finding in verdict.to_confirm:
                lines.append(f"⚠ {finding.message} You will be asked whether you took it.")
            else:
                lines.append(f"Note: {finding.message}")
        if outcome.draft.slot is not None:
            lines.append(f"This counts as the {clock_text(outcome.draft.slot.time)} dose.")
        return "\n".join(lines)

    # --- saving ---------------------------------------------------------------------------------
    def log(self) -> None:
        med = self.current_medication()
        if med is None or not self._editable:
            return
        try:
            draft = self._draft(med)
        except SAVE_ERRORS as exc:
            dialogs.show_error(self, "The dose was not recorded", error_text(exc))
            self.notice.emit(f"Not recorded: {error_text(exc)}")
            return
        saved = record_dose(self, self._session, draft, self.notice.emit)
        if saved is not None:
            # setText, not clear(): the fields forget their own undo history, so Ctrl+Z in them
            # now undoes the dose (Edit > Undo) instead of bringing the typed text back.
            reset_text(self.at, "")
            self._prefill()
            self._update_preview()
