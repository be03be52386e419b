"""Add or edit one plan step, and what every plan dialog shares.

Each dialog shows what it will save before OK (the step as it reads, its daily amount, a day over
the max), saves through diary/ui/edits/edits.py and stays open with the reason when the diary
refuses a value. A change that lowers the planned daily amount of a taper-required medication
(the domain's rule, diary.domain.plans.changes, which the command line follows with --lower-dose),
or makes it
stop without a taper, shows before -> after per day and the label's warning and asks first
(dialogs.ask_yes_no), with "Keep the current plan" as the default; it saves nothing unless told.

A new step entered for today expects none of today's doses that fell due before it was saved,
unless "Already in force before now" is ticked; when today's doses are all past, a new step is
proposed from tomorrow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from datetime import time
from datetime import timedelta

from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.daytime import check_order
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.errors import ValidationError
from diary.domain.plans.changes import DoseCut
from diary.domain.plans.changes import all_doses_past
from diary.domain.plans.changes import dose_cut
from diary.domain.plans.changes import recorded
from diary.domain.plans.changes import rewrites_past
from diary.domain.plans.steps import DEFAULT_TIMES
from diary.domain.plans.steps import step_on
from diary.domain.units import format_number
from diary.domain.validation import valid_plan_step
from diary.ui import edits
from diary.ui.medications.wording import abrupt_end_warning
from diary.ui.medications.wording import amount_in
from diary.ui.medications.wording import over_max
from diary.ui.medications.wording import over_max_text
from diary.ui.medications.wording import parse_times
from diary.ui.medications.wording import step_text
from diary.ui.medications.wording import times_text
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs
from diary.ui.widgets.dates import date_edit
from diary.ui.widgets.dates import pydate
from diary.ui.widgets.form_errors import error_label
from diary.ui.widgets.form_errors import report_save_error
from diary.ui.widgets.form_errors import save_buttons


def labelled(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def change_warning(session: DiarySession, med: Medication, before: Sequence[PlanStep],
                   after: Sequence[PlanStep]) -> tuple[str, str] | None:
    """(title, text) of the question a change of plan needs, or None: the dose cut of a
    taper-required medication (before -> after per day, diary.domain.plans.changes), and the
    label's warning, worded for a plan that now ends without a taper when it does."""
    today = session.today()
    cut = dose_cut(med, before, after, today)
    ending = abrupt_end_warning(med, before, after, session.now(),
                                session.store.info().day_starts_at)
    if cut is None and ending is None:
        return None
    parts = [] if cut is None else [cut.change_text(today)]
    if ending is not None:
        parts.append(ending)
    elif cut is not None:
        parts.append(cut.warning)
    title = f"Lower the dose of {med.name}?" if cut is not None else \
        f"End {med.name} without a taper?"
    return title, "\n\n".join(parts)


def confirm_plan_change(parent: QWidget | None, session: DiarySession, med: Medication,
                        before: Sequence[PlanStep], after: Sequence[PlanStep]) -> bool:
    """True to go on: either the change neither lowers a taper-required medication's dose nor
    stops it without a taper, or the person read before -> after and the label's warning and
    chose to change it. The default answer keeps the current plan."""
    question = change_warning(session, med, before, after)
    return question is None or ask_to_lower(parent, *question)


def confirm_cut(parent: QWidget | None, session: DiarySession, med: Medication,
                cut: DoseCut, instead: str) -> bool:
    """`confirm_plan_change` for a cut found by another rule (a taper's, `taper_cut`);
    `instead` says the gentler way."""
    return ask_to_lower(parent, f"Lower the dose of {med.name}?",
                        f"{cut.change_text(session.today())}\n\n{cut.warning}", instead)


TAPER_INSTEAD = "a taper (the Taper… button) steps the dose down gradually."


def ask_to_lower(parent: QWidget | None, title: str, text: str,
                 instead: str = TAPER_INSTEAD) -> bool:
    return dialogs.ask_yes_no(
        parent, title, f"{text}\n\nChange the plan only as the prescriber said: {instead}",
        yes="Change the plan", no="Keep the current plan")


def refuse_past_start(start: date, today: date, backdate: QCheckBox) -> str | None:
    """A start before today rewrites the plan of past days, against which doses are already
    logged: refused unless "Already in force before now" is ticked; then the note to show."""
    if start >= today:
        return None
    if not backdate.isChecked():
        raise ValidationError(
            "start", f"{start} is before today ({today}): that would rewrite the plan of past "
            "days, against which doses are already logged; tick “Already in force before now” "
            "to rewrite it anyway")
    return (f"Backdated: the plan from {start} to {today - timedelta(days=1)} is rewritten; the "
            "doses logged on those days stay as they were logged.")


def backdate_box() -> QCheckBox:
    """The tick that backdates new steps on purpose: without it, a step entered today expects
    none of today's doses due before it is saved, and a start before today is refused."""
    box = QCheckBox("Already in force &before now")
    box.setAccessibleName("Already in force before now")
    box.setToolTip("Tick when this plan was already being taken: today's doses due before now "
                   "are then expected of it, and a start before today rewrites those past days.")
    box.setAccessibleDescription(box.toolTip())
    return box


def proposed_start(session: DiarySession, times: Sequence[time]) -> date:
    """Today, or tomorrow when today's dose `times` are all past (their on-time windows closed):
    a step entered now would expect none of them."""
    today = session.today()
    info = session.store.info()
    past = all_doses_past(times, session.now(), info.day_starts_at,
                          on_time_window=timedelta(minutes=info.on_time_window_minutes))
    return today + timedelta(days=1) if past else today


class PlanDialog(dialogs.FittingDialog):
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
        self.buttons, self.ok_button = save_buttons(self, "Save")
        # The form scrolls when the screen is too small for it; Save and Cancel stay in reach.
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addLayout(self.form)
        outer = QVBoxLayout(self)
        outer.addWidget(dialogs.ScrollingBody(body), 1)
        outer.addWidget(self.buttons)

    def _finish_layout(self) -> None:
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.error)
        self._refresh()

    def _steps(self) -> list[PlanStep]:
        assert self._med.id is not None
        return self._session.store.plans.steps(self._med.id)

    def _refresh(self) -> None:
        raise NotImplementedError

    def _save(self) -> list[PlanStep] | None:
        """Write the change; None when the person declined to go on."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            saved = self._save()
        except edits.STORE_ERRORS as exc:
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
        usual = current.times if current is not None and current.times else DEFAULT_TIMES
        self.start = date_edit("From", step.start if step else proposed_start(session, usual))
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
            self.times.setText(times_text(usual))
        self.backdate = backdate_box()
        if step is not None:  # on an edit, the tick corrects what past days planned
            self.backdate.setText("Correct the &past days it covered too")
            self.backdate.setAccessibleName("Correct the past days it covered too")
            self.backdate.setToolTip(
                "Tick to correct a mistake in what was planned: the days before today that this "
                "step covered change too. To change the dose from today on, add a step instead.")
            self.backdate.setAccessibleDescription(self.backdate.toolTip())

        self.form.addRow(labelled("&From:", self.start), self.start)
        self.form.addRow(self.has_end, self.end)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(QLabel(f"{med.unit.value} per dose"))
        self.form.addRow(labelled("&Amount:", self.amount), amount_row)
        self.form.addRow(self.as_needed)
        self.form.addRow(labelled("&Times:", self.times), self.times)
        self.form.addRow(labelled("N&ote:", self.note), self.note)
        self.form.addRow(self.backdate)
        for line in (self.amount, self.times, self.note):
            line.textChanged.connect(self._refresh)
        for box in (self.has_end, self.as_needed, self.backdate):
            box.toggled.connect(self._refresh)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._refresh)
        self._finish_layout()

    def step(self) -> PlanStep:
        """The step the fields describe (ValidationError for a value that is not one)."""
        assert self._med.id is not None
        start = pydate(self.start.date())
        end = pydate(self.end.date()) if self.has_end.isChecked() else None
        if end is not None:
            check_order(start, end, "ends on", "the step")
        amount = amount_in(self.amount.text(), self._med.unit, "amount")
        times = () if self.as_needed.isChecked() else parse_times(self.times.text())
        step = PlanStep(self._med.id, start, amount, times, end, self.note.text())
        if self._original is not None:
            step = replace(step, id=self._original.id, recorded_at=self._original.recorded_at)
        return valid_plan_step(step, self._med.unit)

    def _backdated(self, step: PlanStep) -> str | None:
        """A change of what past days planned needs the tick (ValidationError without it): a
        new step starting before today, or an edit of a step that had started (its amount, times
        or start, or an end moved before today). Returns the note to show when ticked."""
        original, today = self._original, self._session.today()
        if original is None:
            return refuse_past_start(step.start, today, self.backdate)
        if not rewrites_past(original, step, today):
            return None
        since = min(original.start, step.start)
        if not self.backdate.isChecked():
            raise ValidationError(
                "dates", f"this step planned days from {since} to before today, against which "
                "doses are already logged: to change the dose from today on, add a step from "
                "today; to correct a mistake in the past, tick “Correct the past days it "
                "covered too”")
        return (f"Corrected: what the step planned from {since} to {today - timedelta(days=1)} "
                "changes too; the doses logged on those days stay as they were logged.")

    def _refresh(self) -> None:
        self.end.setEnabled(self.has_end.isChecked())
        self.times.setEnabled(not self.as_needed.isChecked())
        self.error.hide()
        if not self.amount.text().strip():
            self.summary.setText("Type the amount per dose the prescriber set.")
            return
        try:
            step = self.step()
            self.backdate.setEnabled(self._entered_now(step) or (
                self._original is not None
                and rewrites_past(self._original, step, self._session.today())))
            backdated = self._backdated(step)
        except ValidationError as exc:
            self.summary.setText(f"Not yet a step: {exc.field}: {exc.message}")
            return
        text = f"Will save: {step_text(step, self._med)}."
        if backdated is not None:
            text += f"\n{backdated}"
        elif (self._entered_now(step) and step.start == self._session.today()
              and not self.backdate.isChecked() and not step.as_needed):
            text += ("\nToday's doses due before now are not expected of it (tick “Already in "
                     "force before now” if they were).")
        if over_max(step, self._med):
            text += (f"\n⚠ A day of this step is {over_max_text(self._med)}: logging those "
                     "doses will ask for confirmation. If the prescriber set a higher max, "
                     "change it with Edit medication.")
        self.summary.setText(text)

    def _entered_now(self, step: PlanStep) -> bool:
        """Whether the step counts as entered now: a new one, or a future one moved to start
        today or earlier (an edit otherwise keeps the step's own recording time)."""
        original, today = self._original, self._session.today()
        return original is None or (original.start > today >= step.start)

    def _save(self) -> list[PlanStep] | None:
        step = self.step()
        self._backdated(step)
        if self._entered_now(step):
            session = self._session
            [step] = recorded([step], session.now(), session.store.info().day_starts_at,
                              backdate=self.backdate.isChecked())
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
            return edits.add_plan_steps(self._session, [step])
        return [edits.edit_plan_step(self._session, step)]
