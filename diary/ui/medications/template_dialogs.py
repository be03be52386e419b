"""Titration from the label's template, and a taper: both show their steps before saving.

The titration asks the target per dose (the prescriber's; the app proposes none), the start date and
the dose times, continues from the dose in force (diary.domain.plans.titration: never back to the
label's 5 mg), ends the steps it replaces, and never goes above the medication's max daily
amount: it says when it stopped below the target, or that it changes nothing. The taper asks its
start and length, ends the step it tapers from the day before it starts and adds its steps, all in
one undo action.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.errors import ValidationError
from diary.domain.plans.changes import recorded
from diary.domain.plans.changes import replaced_until
from diary.domain.plans.changes import taper_cut
from diary.domain.plans.steps import DEFAULT_TIMES
from diary.domain.plans.steps import LABEL_DAYS_PER_STEP
from diary.domain.plans.steps import LABEL_FIRST_DOSE
from diary.domain.plans.steps import LABEL_INCREMENT
from diary.domain.plans.steps import TaperPlan
from diary.domain.plans.steps import step_on
from diary.domain.plans.steps import taper_template
from diary.domain.plans.titration import TitrationPlan
from diary.domain.plans.titration import capped_text
from diary.domain.plans.titration import later_steps_refusal
from diary.domain.plans.titration import titration_plan
from diary.domain.templates import find_template
from diary.domain.units import Unit
from diary.domain.units import format_amount
from diary.domain.validation import valid_plan_step
from diary.domain.wording import plural
from diary.ui import edits
from diary.ui.medications.plan_dialogs import PlanDialog
from diary.ui.medications.plan_dialogs import backdate_box
from diary.ui.medications.plan_dialogs import confirm_cut
from diary.ui.medications.plan_dialogs import confirm_plan_change
from diary.ui.medications.plan_dialogs import labelled
from diary.ui.medications.plan_dialogs import proposed_start
from diary.ui.medications.plan_dialogs import refuse_past_start
from diary.ui.medications.plan_table import PlanTable
from diary.ui.medications.plan_table import PlanTableModel
from diary.ui.medications.wording import amount_in
from diary.ui.medications.wording import parse_times
from diary.ui.medications.wording import times_text
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs
from diary.ui.widgets.dates import date_edit
from diary.ui.widgets.dates import pydate

MAX_TAPER_DAYS = 365
MAX_TAPER_STEPS = 60


def titration_refusal(med: Medication) -> str | None:
    """Why the label's titration does not apply to `med` (None when it does)."""
    if med.unit is not Unit.MG:
        return (f"The titration template is the baclofen label's, in mg; {med.name} is measured "
                f"in {med.unit.value}: add its steps with Add step.")
    return None


def _wrapped(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


class TitrationDialog(PlanDialog):
    def __init__(self, session: DiarySession, med: Medication,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, med, f"Titration from template: {med.name}", parent)
        unit = med.unit
        self.layout_.insertWidget(0, _wrapped(
            f"The oral baclofen label's schedule: {format_amount(LABEL_FIRST_DOSE, unit)} at "
            f"each dose time, then +{format_amount(LABEL_INCREMENT, unit)} per dose every "
            f"{LABEL_DAYS_PER_STEP} days, up to the target per dose the prescriber set. "
            "The steps stay yours to edit after saving.", "About the titration template"))
        assert med.id is not None
        current = step_on(self._steps(), med.id, session.today())
        times = current.times if current is not None and current.times else DEFAULT_TIMES
        self.target = QLineEdit()
        self.target.setAccessibleName(f"Target per dose, in {unit.value}")
        self.target.setPlaceholderText("the prescriber's target")
        self.start = date_edit("Start date", proposed_start(session, times))
        self.times = QLineEdit(times_text(times))
        self.times.setAccessibleName("Dose times of day")
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(QLabel(f"{unit.value} per dose"))
        self.form.addRow(labelled("Tar&get:", self.target), target_row)
        self.form.addRow(labelled("St&art:", self.start), self.start)
        self.form.addRow(labelled("Dose &times:", self.times), self.times)
        self.backdate = backdate_box()
        self.form.addRow(self.backdate)
        self.model = PlanTableModel(self)
        self.preview = PlanTable(self.model, "Titration steps that will be saved")
        self.layout_.addWidget(labelled("Steps that will be &saved:", self.preview))
        self.layout_.addWidget(self.preview, 1)
        self.target.textChanged.connect(self._refresh)
        self.times.textChanged.connect(self._refresh)
        self.start.dateChanged.connect(self._refresh)
        self.backdate.toggled.connect(self._refresh)
        self.ok_button.setText("Sa&ve steps")  # Alt+S is "Steps that will be saved"
        self.ok_button.setAccessibleName("Save the titration steps")
        dialogs.fit_to_screen(self, self.sizeHint().width() * 2, self.sizeHint().height() * 2)
        self._finish_layout()

    def proposal(self) -> tuple[TitrationPlan, str]:
        """The titration (continuing from the dose in force, ending the steps it replaces) and
        what to say about it (nothing to change, capped, whose label, a past start)."""
        med = self._med
        refusal = titration_refusal(med)
        if refusal is not None:
            raise ValidationError("medication", refusal)
        target = amount_in(self.target.text(), med.unit, "target")
        times = parse_times(self.times.text())
        start = pydate(self.start.date())
        backdated = refuse_past_start(start, self._session.today(), self.backdate)
        plan = titration_plan(med, self._steps(), start, target, times)
        plan = plan._replace(ended=replaced_until(plan.ended, start, self._session.today(),
                                                  backdate=self.backdate.isChecked()))
        if plan.unchanged is not None:
            return plan, f"{plan.unchanged} Nothing will be saved."
        steps = plan.steps
        unit = med.unit
        origin = ("" if plan.current is None else
                  f" (going up from the {format_amount(plan.current.amount, unit)} per dose in "
                  "force)")
        notes = [f"Will add {plural(len(steps), 'step')}{origin}: from "
                 f"{format_amount(steps[0].amount, unit)} to "
                 f"{format_amount(steps[-1].amount, unit)} per dose, the last one open-ended."]
        notes += [f"The step from {s.start} ends on {s.end}." for s in plan.ended]
        capped = capped_text(med, target, steps)
        if capped is not None:
            notes.append(f"⚠ Capped: {capped}")
        template = find_template(med.name)
        if template is None or template.key != "baclofen":
            notes.append(f"Note: this is the oral baclofen label's schedule; check it with the "
                         f"prescriber for {med.name}.")
        if backdated is not None:
            notes.append(backdated)
        return plan, "\n".join(notes)

    def _refresh(self) -> None:
        self.error.hide()
        plan: TitrationPlan | None = None
        if not self.target.text().strip():
            text = "Type the target per dose the prescriber set."
        else:
            try:
                plan, text = self.proposal()
            except ValidationError as exc:
                text = f"No steps yet: {exc.field}: {exc.message}"
        shown = [] if plan is None else [*plan.ended, *plan.steps] if plan.steps else []
        self.model.set_plan(self._med, shown, self._session.today())
        self.summary.setText(text)
        self.ok_button.setEnabled(plan is not None and bool(plan.steps))

    def _save(self) -> list[PlanStep] | None:
        plan, _ = self.proposal()
        if not plan.steps:
            return None
        session = self._session
        steps = recorded(plan.steps, session.now(), session.store.info().day_starts_at,
                         backdate=self.backdate.isChecked())
        before = self._steps()
        ended = {s.id: s for s in plan.ended}
        after = [*(ended.get(s.id, s) for s in before), *steps]
        if plan.ended and not self._confirm_replace(plan):
            return None
        if not confirm_plan_change(self, session, self._med, before, after):
            return None
        # The steps it replaces end with it, in one transaction and one undo action.
        return edits.add_plan_steps(session, steps, f"Titration of {self._med.name}",
                                   endings=plan.ended)


    def _confirm_replace(self, plan: TitrationPlan) -> bool:
        """A titration laid over a plan in force ends its steps: say which, and from what dose
        to what it goes, and ask, with keeping the current plan as the default."""
        med, unit = self._med, self._med.unit
        first = plan.steps[0]
        lines = [f"The plan in force ends on {s.end} (it ran from {s.start})."
                 for s in plan.ended]
        if plan.current is not None:
            lines.append(
                f"From {first.start}: {format_amount(plan.current.daily_amount, unit)}/day → "
                f"{format_amount(first.daily_amount, unit)}/day, then up to "
                f"{format_amount(plan.steps[-1].daily_amount, unit)}/day.")
        lines.append("Replace the plan in force with this titration? Edit > Undo takes it back.")
        return dialogs.ask_yes_no(self, f"Replace {med.name}'s plan?", "\n\n".join(lines),
                                  yes="Replace the plan", no="Keep the current plan")


class TaperDialog(PlanDialog):
    def __init__(self, session: DiarySession, med: Medication,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, med, f"Taper: {med.name}", parent)
        self.layout_.insertWidget(0, _wrapped(
            "Steps the dose down to nothing over the days the prescriber set: the step in force "
            "the day before the taper starts ends then, and the amounts fall in equal parts at "
            "the same dose times. The plan ends on the taper's last day.", "About the taper"))
        self.start = date_edit("Taper starts on", session.today() + timedelta(days=1))
        self.days = QSpinBox()
        self.days.setAccessibleName("Length of the taper, in days")
        self.days.setRange(0, MAX_TAPER_DAYS)
        self.days.setSpecialValueText("choose")
        self.days.setSuffix(" days")
        self.steps = QSpinBox()
        self.steps.setAccessibleName("Number of taper steps")
        self.steps.setRange(0, MAX_TAPER_STEPS)
        self.steps.setSpecialValueText("automatic (about one every 3 days)")
        self.form.addRow(labelled("St&arts on:", self.start), self.start)
        self.form.addRow(labelled("&Length:", self.days), self.days)
        self.form.addRow(labelled("Ste&ps:", self.steps), self.steps)
        self.backdate = backdate_box()
        self.form.addRow(self.backdate)
        self.model = PlanTableModel(self)
        self.preview = PlanTable(self.model, "Taper steps that will be saved")
        self.layout_.addWidget(labelled("Steps that will be &saved:", self.preview))
        self.layout_.addWidget(self.preview, 1)
        self.start.dateChanged.connect(self._refresh)
        self.days.valueChanged.connect(self._refresh)
        self.steps.valueChanged.connect(self._refresh)
        self.backdate.toggled.connect(self._refresh)
        self.ok_button.setText("Sa&ve taper")
        self.ok_button.setAccessibleName("Save the taper steps")
        dialogs.fit_to_screen(self, self.sizeHint().width() * 2, self.sizeHint().height() * 2)
        self._finish_layout()

    def proposal(self) -> tuple[TaperPlan, list[PlanStep], str | None]:
        """The taper, and the other steps still running on its start that end with it (an older
        open-ended step would otherwise come back after the taper's last day)."""
        med = self._med
        assert med.id is not None
        start = pydate(self.start.date())
        days = self.days.value()
        if days == 0:
            raise ValidationError("length", "enter the number of days the prescriber set")
        backdated = refuse_past_start(start, self._session.today(), self.backdate)
        steps = self._steps()
        day_before = start - timedelta(days=1)
        from_step = step_on(steps, med.id, day_before)
        if from_step is None:
            raise ValidationError(
                "start", f"{med.name} has no plan step on {day_before}, the day before the taper "
                "starts: a taper steps down from the dose in force then")
        refusal = later_steps_refusal(med, steps, start, "a taper ends the plan")
        if refusal is not None:
            raise ValidationError("start", refusal)
        plan = taper_template(med, from_step, start, days, self.steps.value() or None)
        ended = replaced_until(
            [plan.ended_from_step, *(s for s in steps if s.id != from_step.id
                                     and s.start <= day_before
                                     and (s.end is None or s.end >= start))],
            start, self._session.today(), backdate=self.backdate.isChecked())
        plan, others = plan._replace(ended_from_step=ended[0]), ended[1:]
        for step in [*others, plan.ended_from_step, *plan.steps]:
            valid_plan_step(step, med.unit)
        return plan, others, backdated

    def _refresh(self) -> None:
        self.error.hide()
        med = self._med
        try:
            plan, others, backdated = self.proposal()
        except ValidationError as exc:
            self.model.set_plan(med, [], self._session.today())
            self.summary.setText(f"No taper yet: {exc.field}: {exc.message}")
            self.ok_button.setEnabled(False)
            return
        ended = plan.ended_from_step
        self.model.set_plan(med, [*others, ended, *plan.steps], self._session.today())
        last = plan.steps[-1].end
        assert last is not None
        lines = [f"Down from {format_amount(ended.amount, med.unit)} per dose: the step from "
                 f"{ended.start} ends on {ended.end}, then "
                 f"{plural(len(plan.steps), 'taper step')}."]
        lines += [f"The step from {s.start} ends on {s.end} too." for s in others]
        lines.append(f"The plan ends on {last}: no dose is planned after it.")
        if backdated is not None:
            lines.append(backdated)
        self.summary.setText("\n".join(lines))
        self.ok_button.setEnabled(True)

    def _save(self) -> list[PlanStep] | None:
        plan, others, _ = self.proposal()
        session = self._session
        steps = recorded(plan.steps, session.now(), session.store.info().day_starts_at,
                         backdate=self.backdate.isChecked())
        endings = [plan.ended_from_step, *others]
        # The taper template is the way down: asked about only when it started before today
        # (today's dose would fall at once) or goes faster than the label's pace.
        before = self._steps()
        ended = {s.id: s for s in endings}
        after = [*(ended.get(s.id, s) for s in before), *steps]
        cut = taper_cut(self._med, before, after, pydate(self.start.date()), session.today())
        instead = ("more days, with as many steps, keep to the label's pace." if cut and cut.pace
                   else "a taper that starts today or later steps down from where you are.")
        if cut is not None and not confirm_cut(self, session, self._med, cut, instead):
            return None
        # Every step still running ends with the taper, in one transaction and one undo action.
        return edits.add_plan_steps(session, steps, f"Taper {self._med.name}", endings=endings)
