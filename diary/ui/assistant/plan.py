"""The assistant's third page, "Your plan": the label's titration up to the prescriber's target
per dose (for baclofen, whose label gives one: 5 mg three times a day, +5 mg per dose every 3
days), or the prescriber's own doses: an amount per dose at times of day.

The steps are worked out by the Titration from template dialog's rule (`setup.plan_steps`, over
`titration_plan`) and shown in the same table before anything is saved; the app proposes no
target. The dose times follow the number of doses a day (08:00, 14:00, 20:00 for three) and stay
editable. The plan starts today while one of today's doses is still to come or inside its
on-time window (`setup.plan_start`: set up at 08:30, the 08:00 dose is still today's), or else
tomorrow, and the page says which, and with which dose.
"""

from __future__ import annotations

from datetime import time
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.errors import ValidationError
from diary.domain.plans.steps import LABEL_DAYS_PER_STEP
from diary.domain.plans.steps import LABEL_FIRST_DOSE
from diary.domain.plans.steps import LABEL_INCREMENT
from diary.domain.templates import find_template
from diary.domain.units import format_amount
from diary.domain.wording import plural
from diary.ui.assistant.layout import ChoiceButton
from diary.ui.assistant.layout import Page
from diary.ui.assistant.layout import buddy
from diary.ui.assistant.layout import form
from diary.ui.assistant.layout import wrapped
from diary.ui.assistant.setup import TIMES_FOR_COUNT
from diary.ui.assistant.setup import PlanChoice
from diary.ui.assistant.setup import PlanKind
from diary.ui.assistant.setup import capped
from diary.ui.assistant.setup import first_time_today
from diary.ui.assistant.setup import plan_start
from diary.ui.assistant.setup import plan_steps
from diary.ui.assistant.setup import preview
from diary.ui.assistant.setup import start_text
from diary.ui.medications.plan_table import PlanTable
from diary.ui.medications.plan_table import PlanTableModel
from diary.ui.medications.template_dialogs import titration_refusal
from diary.ui.medications.wording import amount_in
from diary.ui.medications.wording import over_max
from diary.ui.medications.wording import over_max_text
from diary.ui.medications.wording import parse_times
from diary.ui.medications.wording import step_text
from diary.ui.medications.wording import times_text
from diary.ui.shell.session import DiarySession
from diary.ui.widgets.targets import large

TARGET_ROW, AMOUNT_ROW = 0, 1  # the rows of the page's form
COUNT_TEXTS = {1: "&1", 2: "&2", 3: "&3", 4: "&4"}  # doses a day


def has_label_titration(med: Medication) -> bool:
    """The label's titration is baclofen's, in mg: offered for a medication named like it."""
    template = find_template(med.name)
    return template is not None and template.key == "baclofen" and titration_refusal(med) is None


class PlanPage(Page):
    """`set_medication(med)` before it shows; `choice()` and `steps()` are the plan chosen and
    its steps under `setup.PREVIEW_ID` (ValidationError when they are not one)."""

    def __init__(self, session: DiarySession) -> None:
        super().__init__("Your plan", "How will you take it? Your prescriber's word wins over "
                         "the label: choose the plan they gave you.")
        self._session = session
        self._med: Medication | None = None  # set by set_medication
        self.label_choice = ChoiceButton("The &label's titration", "The label's titration")
        self.prescriber_choice = ChoiceButton("My &prescriber's doses",
                                              "My prescriber's doses")
        self.kinds = QButtonGroup(self)
        self.kinds.addButton(self.label_choice)
        self.kinds.addButton(self.prescriber_choice)
        self.label_about = wrapped("", "About the label's titration")
        self.target = QLineEdit()
        self.target.setPlaceholderText("as your prescriber said")
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("as your prescriber said")
        self.target_unit, self.amount_unit = QLabel(), QLabel()
        self.count_buttons: dict[int, ChoiceButton] = {}
        self.counts = QButtonGroup(self)
        count_row = QHBoxLayout()
        for count, text in COUNT_TEXTS.items():
            button = ChoiceButton(text, f"{count} doses a day" if count > 1 else "1 dose a day")
            self.counts.addButton(button, count)
            self.count_buttons[count] = button
            count_row.addWidget(button)
        count_row.addStretch(1)
        self.times = QLineEdit(times_text(TIMES_FOR_COUNT[3]))
        self.times.setAccessibleName("Dose times of day")
        large(self.target, self.amount, self.times)
        self.start_note = wrapped("", "When the plan starts")
        self.summary = wrapped("", "What will be saved")
        self.model = PlanTableModel(self)
        self.table = PlanTable(self.model, "Steps of the plan")
        self._lay_out(count_row)
        self.count_buttons[3].setChecked(True)
        self.counts.idClicked.connect(self._count_chosen)
        self.kinds.buttonToggled.connect(lambda *_: self._refresh())
        for line in (self.target, self.amount, self.times):
            line.textChanged.connect(self._refresh)

    def _lay_out(self, count_row: QHBoxLayout) -> None:
        body = self.body
        # One above the other: side by side they would not fit a small screen at large text.
        body.addWidget(self.label_choice, 0, Qt.AlignmentFlag.AlignLeft)
        body.addWidget(self.prescriber_choice, 0, Qt.AlignmentFlag.AlignLeft)
        body.addWidget(self.label_about)
        self.fields = form()
        self.fields.addRow(buddy("&Target:", self.target), _with_unit(self.target,
                                                                      self.target_unit))
        self.fields.addRow(buddy("&Amount:", self.amount), _with_unit(self.amount,
                                                                      self.amount_unit))
        self.fields.addRow(QLabel("Doses a day:"), count_row)
        self.fields.addRow(buddy("Dose t&imes:", self.times), self.times)
        body.addLayout(self.fields)
        body.addWidget(self.start_note)
        body.addWidget(self.summary)
        body.addWidget(self.table)
        self.finish_body()

    def set_medication(self, med: Medication) -> None:
        """The medication the plan is for (chosen on the page before)."""
        self._med = med
        unit = med.unit.value
        titrates = has_label_titration(med)
        self.label_choice.setVisible(titrates)
        self.label_about.setText(
            f"The oral baclofen label: {format_amount(LABEL_FIRST_DOSE, med.unit)} at each "
            f"dose time, then +{format_amount(LABEL_INCREMENT, med.unit)} per dose every "
            f"{LABEL_DAYS_PER_STEP} days, up to the target per dose your prescriber set.")
        self.target.setAccessibleName(f"Target per dose, in {unit}")
        self.amount.setAccessibleName(f"Amount per dose, in {unit}")
        self.target_unit.setText(f"{unit} per dose")
        self.amount_unit.setText(f"{unit} per dose")
        if self.kinds.checkedButton() is None or not titrates:
            (self.label_choice if titrates else self.prescriber_choice).setChecked(True)
        self._refresh()

    def initializePage(self) -> None:
        self._refresh()

    def first_field(self) -> QWidget:
        """The amount to type: the target of the titration, or the prescriber's dose."""
        return self.target if self.kind() is PlanKind.LABEL else self.amount

    def kind(self) -> PlanKind:
        return PlanKind.LABEL if self.label_choice.isChecked() else PlanKind.PRESCRIBER

    def choice(self) -> PlanChoice:
        med = self._medication()
        kind = self.kind()
        if kind is PlanKind.LABEL:
            amount = amount_in(self.target.text(), med.unit, "target per dose")
        else:
            amount = amount_in(self.amount.text(), med.unit, "amount per dose")
        times = parse_times(self.times.text())
        info = self._session.store.info()
        return PlanChoice(kind, amount, times, plan_start(times, self._session.now(),
                                                          info.day_starts_at, self._window()))

    def steps(self) -> list[PlanStep]:
        return plan_steps(preview(self._medication()), self.choice(), self._session.now(),
                          self._session.store.info().day_starts_at)

    def _window(self) -> timedelta:
        """The diary's on-time window."""
        return timedelta(minutes=self._session.store.info().on_time_window_minutes)

    def _medication(self) -> Medication:
        assert self._med is not None, "set_medication first"
        return self._med

    def _count_chosen(self, count: int) -> None:
        self.times.setText(times_text(TIMES_FOR_COUNT[count]))

    def _show_count(self) -> None:
        """The count button that matches the times typed (none for 5 or more, or none read)."""
        try:
            count = len(parse_times(self.times.text()))
        except ValidationError:
            count = 0
        self.counts.setExclusive(False)
        for number, button in self.count_buttons.items():
            button.setChecked(number == count)
        self.counts.setExclusive(True)

    def _refresh(self) -> None:
        if self._med is None:
            return
        self.clear_error()
        titration = self.kind() is PlanKind.LABEL
        self.label_about.setVisible(titration)
        self.fields.setRowVisible(TARGET_ROW, titration)
        self.fields.setRowVisible(AMOUNT_ROW, not titration)
        self.table.setVisible(titration)
        self._show_count()
        med = self._med
        steps: list[PlanStep] = []
        typed = (self.target if titration else self.amount).text().strip()
        try:
            times = parse_times(self.times.text())
            self.start_note.setText(self._start_text(times))
            if not typed:
                text = ("Type the target per dose your prescriber set." if titration else
                        "Type the amount per dose your prescriber set.")
            else:
                steps = self.steps()
                text = self._summary(med, steps)
        except ValidationError as exc:
            text = f"Not a plan yet: {exc.field}: {exc.message}"
        self.summary.setText(text)
        self.model.set_plan(preview(med), steps, self._session.today())

    def _start_text(self, times: tuple[time, ...]) -> str:
        """When the plan starts, and with which dose today."""
        now, window = self._session.now(), self._window()
        starts_at = self._session.store.info().day_starts_at
        return start_text(plan_start(times, now, starts_at, window), self._session.today(),
                          first_time_today(times, now, starts_at, window))

    def _summary(self, med: Medication, steps: list[PlanStep]) -> str:
        unit = med.unit
        if self.kind() is PlanKind.LABEL:
            text = (f"Will add {plural(len(steps), 'step')}: from "
                    f"{format_amount(steps[0].amount, unit)} to "
                    f"{format_amount(steps[-1].amount, unit)} per dose, the last one open-ended.")
            note = capped(med, self.choice(), steps)
            return text if note is None else f"{text}\n⚠ Capped: {note}"
        step = steps[0]
        text = f"Will save: {step_text(step, med)}."
        if over_max(step, med):
            text += (f"\n⚠ A day of this plan is {over_max_text(med)}: logging those doses "
                     "will ask for confirmation. If your prescriber set a higher max, change it "
                     "under Medications > Edit medication.")
        return text

    def validatePage(self) -> bool:
        try:
            self.steps()
        except ValidationError as exc:
            self.show_error(exc)
            field = self.times if exc.field in ("dose times", "times") else \
                self.target if self.kind() is PlanKind.LABEL else self.amount
            field.setFocus()
            return False
        return True


def _with_unit(field: QLineEdit, unit: QLabel) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(unit)
    return row
