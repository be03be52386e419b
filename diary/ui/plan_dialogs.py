"""Add or edit one plan step, and what every plan dialog shares.

Each dialog shows what it will save before OK (the step as it reads, its daily amount, a day over
the max), saves through diary/ui/undo.py and stays open with the reason when the diary refuses a
value. A change that makes a taper-required medication stop without a taper shows the label's
warning and asks first (dialogs.ask_yes_no); "No" saves nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from diary.domain.entities import Medication, PlanStep
from diary.domain.errors import ValidationError
from diary.domain.plan import DEFAULT_TIMES, step_on
from diary.domain.units import format_number
from diary.domain.validation import valid_plan_step
from diary.ui import dialogs, undo
from diary.ui.dates import date_edit, pydate
from diary.ui.medication_form import error_label, report_save_error
from diary.ui.medications_text import (
    abrupt_end_warning,
    amount_in,
    over_max,
    over_max_text,
    parse_times,
    step_text,
    times_text,
)
from diary.ui.session import DiarySession


def labelled(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def confirm_plan_change(parent: QWidget | None, session: DiarySession, med: Medication,
                        before: Sequence[PlanStep], after: Sequence[PlanStep]) -> bool:
    """True to go on: either the change does not stop the medication without a taper, or the
    person read the label's warning and confirmed."""
    warning = abrupt_end_warning(med, before, after, session.now(),
                                 session.store.info().day_starts_at)
    if warning is None:
        return True
    return dialogs.ask_yes_no(
        parent, f"End {med.name} without a taper?",
        f"{warning}\n\nA taper (the Taper… button) steps the dose down instead. Save this "
        "change anyway?",
        yes="Save anyway", no="Go back")


class PlanDialog(QDialog):
    """The frame of every plan dialog: a form, a summary of what will be saved, an error line,
    Save and Cancel. Subclasses fill `form`, implement `_refresh` and `_save`."""

    def __init__(self, session: DiarySession, med: Medication, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert med.id is not None
        self._session = session
        self._med = med
        self.saved: list[PlanStep] = []
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What will be saved")
        self.error = error_label("Error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Save")
        self.ok_button.setAccessibleName("Save")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)

    def _finish_layout(self) -> None:
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)
        self._refresh()

    def _steps(self) -> list[PlanStep]:
        assert self._med.id is not None
        return self._session.store.plan_steps(self._med.id)

    def _refresh(self) -> None:
        raise NotImplementedError

    def _save(self) -> list[PlanStep] | None:
        """Write the change; None when the person declined to go on."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            saved = self._save()
        except undo.STORE_ERRORS as exc:
            report_save_error(self, self.error, "The plan was not saved", exc)
            return
        if saved is None:
            return
        self.saved = saved
        super().accept()


class StepDialog(PlanDialog):
    """`StepDialog(session, med)` adds a step; `StepDialog(session, med, step)` edits `step`."""

    def __init__(self, session: DiarySession, med: Medication, step: PlanStep | None = None,
                 parent: QWidget | None = None) -> None:
        title = (f"Add a plan step for {med.name}" if step is None
                 else f"Edit a plan step of {med.name}")
        super().__init__(session, med, title, parent)
        self._original = step
        today = session.today()
        assert med.id is not None
        current = step_on(self._steps(), med.id, today)
        self.start = date_edit("From", step.start if step else today)
        self.has_end = QCheckBox("&Ends on:")
        self.has_end.setAccessibleName("The step has an end date")
        self.end = date_edit("Ends on", step.end if step and step.end else today)
        self.amount = QLineEdit()
        self.amount.setAccessibleName(f"Amount per dose, in {med.unit.value}")
        self.amount.setPlaceholderText(f"in {med.unit.value}, as the prescriber set it")
        self.as_needed = QCheckBox("As &needed (no fixed dose times)")
        self.as_needed.setAccessibleName("As needed")
        self.times = QLineEdit()
        self.times.setAccessibleName("Dose times of day")
        self.times.setPlaceholderText("08:00, 14:00, 20:00")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        if step is not None:
            self.has_end.setChecked(step.end is not None)
            self.amount.setText(format_number(step.amount))
            self.as_needed.setChecked(step.as_needed)
            self.times.setText(times_text(step.times))
            self.note.setText(step.note)
        else:
            usual = current.times if current is not None and current.times else DEFAULT_TIMES
            self.times.setText(times_text(usual))

        self.form.addRow(labelled("&From:", self.start), self.start)
        self.form.addRow(self.has_end, self.end)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(QLabel(f"{med.unit.value} per dose"))
        self.form.addRow(labelled("&Amount:", self.amount), amount_row)
        self.form.addRow(self.as_needed)
        self.form.addRow(labelled("&Times:", self.times), self.times)
        self.form.addRow(labelled("N&ote:", self.note), self.note)
        for line in (self.amount, self.times, self.note):
            line.textChanged.connect(self._refresh)
        for box in (self.has_end, self.as_needed):
            box.toggled.connect(self._refresh)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._refresh)
        self._finish_layout()

    def step(self) -> PlanStep:
        """The step the fields describe (ValidationError for a value that is not one)."""
        assert self._med.id is not None
        start = pydate(self.start.date())
        end = pydate(self.end.date()) if self.has_end.isChecked() else None
        if end is not None and end < start:
            raise ValidationError("ends on", f"{end} is before the start, {start}")
        amount = amount_in(self.amount.text(), self._med.unit, "amount")
        times = () if self.as_needed.isChecked() else parse_times(self.times.text())
        step = PlanStep(self._med.id, start, amount, times, end, self.note.text())
        if self._original is not None:
            step = replace(step, id=self._original.id)
        return valid_plan_step(step, self._med.unit)

    def _refresh(self) -> None:
        self.end.setEnabled(self.has_end.isChecked())
        self.times.setEnabled(not self.as_needed.isChecked())
        self.error.hide()
        if not self.amount.text().strip():
            self.summary.setText("Type the amount per dose the prescriber set.")
            return
        try:
            step = self.step()
        except ValidationError as exc:
            self.summary.setText(f"Not yet a step: {exc.field}: {exc.message}")
            return
        text = f"Will save: {step_text(step, self._med)}."
        if over_max(step, self._med):
            text += (f"\n⚠ A day of this step is {over_max_text(self._med)}: logging those "
                     "doses will ask for confirmation. If the prescriber set a higher max, "
                     "change it with Edit medication.")
        self.summary.setText(text)

    def _save(self) -> list[PlanStep] | None:
        step = self.step()
        before = self._steps()
        if self._original is None:
            after = [*before, step]
        else:
            after = [step if s.id == step.id else s for s in before]
            if step == self._original:
                return [step]  # nothing changed: nothing to undo either
        if not confirm_plan_change(self, self._session, self._med, before, after):
            return None
        if self._original is None:
            return undo.add_plan_steps(self._session, [step])
        return [undo.edit_plan_step(self._session, step)]
