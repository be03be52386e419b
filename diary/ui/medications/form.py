"""Add or edit a medication: from a label template or custom.

A template fills the label's figures as editable defaults (the prescriber's values always win);
the form says which values came from the label. OK saves through diary/ui/edits/edits.py, so the
change is undoable; a value the diary refuses is shown in the form, which stays open, and nothing is
stored.

Adding, the name picks the template, by the domain's rule (`find_template`,
`medication_for_name`, the same as `medication add` and a CSV import): typing Baclofen, Lioresal,
Zanaflex or "Baclofen 10 mg" (any case) fills the label's unit, form, max per day, minimum
interval, taper and notes, and "Start from" shows that label. The rule for what typing does:

- The form fills only when the template the name matches changes (the name starts matching one,
  matches another, or stops matching): typing on within one name ("Baclofen 10 mg") changes
  nothing, so values set since are left alone.
- A field the person changed by hand since the dialog opened is never overwritten by typing the
  name. When the unit was changed by hand to another than the label's (or the max typed by hand),
  the label's max and form are left out, as `medication add --unit ml` leaves them out.
- When the name stops matching, the values the label filled and nobody edited are taken out
  (fields edited by hand stay), "Start from" returns to Custom and the form says so.
- Choosing a label in "Start from" is an explicit request: it fills every field from the label
  (the name too, unless it already names that drug) and stays while the name matches no other
  template (a product name the templates do not know). Choosing Custom takes out the label's
  values that were not edited.
- A line under the fields says which label's values were filled (or were taken out).
- Editing an existing medication never fills from a template: its values are the prescriber's,
  and renaming it must not change its max or taper behind the person's back.

A new medication is saved under the domain's `saved_name` ("baclofen" -> "Baclofen"; a brand
name as typed), as `medication add` saves it. A label never fills its look (look_picker.py).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.domain.looks import default_look
from diary.domain.templates import TEMPLATES
from diary.domain.templates import MedicationTemplate
from diary.domain.templates import find_template
from diary.domain.templates import medication_for_name
from diary.domain.templates import saved_name
from diary.domain.templates import taper_off_warning
from diary.domain.units import Unit
from diary.domain.units import format_number
from diary.domain.validation import valid_medication
from diary.ui import edits
from diary.ui.medications.form_fit import grow_to_fit
from diary.ui.medications.form_fit import scrolling_fields
from diary.ui.medications.look_picker import LookPicker
from diary.ui.medications.wording import duration_field
from diary.ui.medications.wording import label_filled_text
from diary.ui.medications.wording import optional_amount
from diary.ui.medications.wording import optional_duration
from diary.ui.medications.wording import over_max
from diary.ui.medications.wording import over_max_text
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs
from diary.ui.widgets.form_errors import error_label
from diary.ui.widgets.form_errors import report_save_error
from diary.ui.widgets.form_errors import save_buttons

CUSTOM = ""  # the template combo's "no template" entry

# The fields a label fills, by the names the form keeps its hand edits under.
LABEL_FIELDS = ("unit", "form", "max", "interval", "taper", "notes")


class MedicationForm(dialogs.FittingDialog):
    """`MedicationForm(session)` adds a medication; `MedicationForm(session, med)` edits `med`.

    `saved` is the medication as stored once OK succeeded (None before, or when nothing changed).
    """

    def __init__(self, session: DiarySession, medication: Medication | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._original = medication
        self.saved: Medication | None = None
        self._filling = False  # the form is filling fields itself: not the person's edits
        self._edited: set[str] = set()  # LABEL_FIELDS changed by hand since the last full fill
        self._named: str | None = None  # the template key the name matched when last edited
        self._label: str | None = None  # the template whose values the form was filled with
        self._chosen = False  # the template in the form was chosen in "Start from", not named
        self.setWindowTitle("Add medication" if medication is None
                            else f"Edit {medication.name}")
        self.setAccessibleName(self.windowTitle())

        self.template = QComboBox()
        self.template.setAccessibleName("Start from a label template")
        self.template.addItem("Custom (no template)", CUSTOM)
        for key, template in TEMPLATES.items():
            self.template.addItem(f"{template.name} (the {key} label's values)", key)
        self.name = self._line("Name")
        self.form = self._line("Form", "tablet, capsule, oral solution…")
        self.unit = QComboBox()
        self.unit.setAccessibleName("Unit")
        for unit in Unit:
            self.unit.addItem(unit.value, unit.value)
        self.max_daily = self._line("Max per day", "empty: no maximum")
        self.max_unit = QLabel()
        self.interval = self._line("Minimum interval between doses",
                                   "empty: none; or 6h, 90min, 4h30")
        self.taper = QCheckBox("&Taper required: warn when a plan stops without a taper")
        self.taper.setAccessibleName("Taper required")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.look = LookPicker(default_look(session.store.medications.next_id()
                                            if medication is None else medication.id), self)
        if medication is not None:
            self.look.set_chosen(medication.colour, medication.shape)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("About these values")
        self.plan_notice = QLabel()
        self.plan_notice.setWordWrap(True)
        self.plan_notice.setAccessibleName("The plan against this max")
        self.plan_notice.hide()
        self.error = error_label("Error")
        self.buttons, self.ok_button = save_buttons(self, "Save medication")
        self._lay_out()

        self.template.currentIndexChanged.connect(self._template_chosen)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.name.textEdited.connect(self._name_edited)
        for field, signal in (("unit", self.unit.currentIndexChanged),
                              ("form", self.form.textChanged),
                              ("max", self.max_daily.textChanged),
                              ("interval", self.interval.textChanged),
                              ("taper", self.taper.toggled),
                              ("notes", self.notes.textChanged)):
            signal.connect(lambda *_, field=field: self._changed_by_hand(field))
        if medication is not None:
            self._fill(medication)
            self.template.hide()
            self._template_label.hide()
            self.max_daily.textChanged.connect(self._check_plan_against_max)
        else:
            self.unit.setCurrentIndex(self.unit.findData(Unit.MG.value))
        self._unit_changed_text()

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(name)
        line.setPlaceholderText(placeholder)
        return line

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._template_label = QLabel("Start &from:")
        self._template_label.setBuddy(self.template)
        form.addRow(self._template_label, self.template)
        for text, widget in (("&Name:", self.name), ("F&orm:", self.form),
                             ("&Unit:", self.unit)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        max_row = QHBoxLayout()
        max_row.addWidget(self.max_daily, 1)
        max_row.addWidget(self.max_unit)
        label = QLabel("&Max per day:")
        label.setBuddy(self.max_daily)
        form.addRow(label, max_row)
        label = QLabel("Minimum &interval:")
        label.setBuddy(self.interval)
        form.addRow(label, self.interval)
        form.addRow(self.taper)
        below: tuple[tuple[str, QWidget], ...] = (
            ("Co&lour:", self.look.colour), ("S&hape:", self.look.shape), ("Not&es:", self.notes))
        for text, buddy in below:
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, buddy)
        fields = QVBoxLayout()
        fields.addLayout(form)
        fields.addWidget(self.hint)
        fields.addWidget(self.plan_notice)
        fields.addWidget(self.error)
        self._scroll = scrolling_fields(self, fields, self.buttons)  # form_fit.py

    # --- filling ------------------------------------------------------------------------------
    def _fill(self, med: Medication, fields: tuple[str, ...] = LABEL_FIELDS, *,
              name: bool = True) -> None:
        """Put `med`'s values in the form: those of `fields` and, with `name`, its name (the
        other fields are left as they are)."""
        self._filling = True
        try:
            if name:
                self.name.setText(med.name)
            if "form" in fields:
                self.form.setText(med.form)
            if "unit" in fields:
                self.unit.blockSignals(True)
                self.unit.setCurrentIndex(self.unit.findData(med.unit.value))
                self.unit.blockSignals(False)
            if "max" in fields:
                self.max_daily.setText("" if med.max_daily is None
                                       else format_number(med.max_daily))
            if "interval" in fields:
                self.interval.setText(duration_field(med.min_interval_minutes))
            if "taper" in fields:
                self.taper.setChecked(med.taper_required)
            if "notes" in fields:
                self.notes.setPlainText(med.notes)
        finally:
            self._filling = False
        self._unit_changed_text()

    def _changed_by_hand(self, field: str) -> None:
        if not self._filling:
            self._edited.add(field)

    def _show_template(self, key: str) -> None:
        """"Start from" shows `key` (CUSTOM for none) without filling anything."""
        self._filling = True
        try:
            self.template.setCurrentIndex(self.template.findData(key))
        finally:
            self._filling = False

    def choose_template(self, key: str) -> None:
        """Fill the form from TEMPLATES[key] (what choosing it in "Start from" does)."""
        self.template.setCurrentIndex(self.template.findData(key))

    def _template_chosen(self) -> None:
        """The person chose in "Start from": a label fills every field; Custom takes out the
        label's values that were not edited."""
        if self._filling:
            return
        key = self.template.currentData()
        if key == CUSTOM:
            self._chosen = False
            self._take_out_label(chosen=True)
            return
        template = TEMPLATES[key]
        named = find_template(self.name.text())
        name = self.name.text() if named is not None and named.key == key else template.name
        med = medication_for_name(name)
        assert med is not None
        self._fill(replace(med, name=name))
        self._edited.clear()
        self._label, self._named, self._chosen = key, key, True
        self._say_filled(template, med, LABEL_FIELDS)

    def _name_edited(self, text: str) -> None:
        """Typing the name fills from the label it names when that changes (module docstring)."""
        if self._original is not None:
            return
        template = find_template(text)
        key = None if template is None else template.key
        if key == self._named:
            return
        self._named = key
        if template is None:
            if not self._chosen:
                self._take_out_label(chosen=False)
            return
        if key == self._label:
            return  # chosen in "Start from": its values are in the form already
        keep_unit = bool({"unit", "max"} & self._edited)
        med = medication_for_name(text, self._unit() if keep_unit else None)
        assert med is not None
        fields = tuple(f for f in LABEL_FIELDS if f not in self._edited)
        self._fill(med, fields, name=False)
        self._label, self._chosen = template.key, False
        self._show_template(template.key)
        self._say_filled(template, med, fields)

    def _take_out_label(self, *, chosen: bool) -> None:
        """The name no longer names the label in the form (or Custom was chosen): the values it
        filled and nobody edited go back to empty, and the form says so."""
        label, self._label = self._label, None
        self._show_template(CUSTOM)
        if label is None:
            if chosen:
                self._say("")
            return
        fields = tuple(f for f in LABEL_FIELDS if f not in self._edited)
        self._fill(Medication(self.name.text(), Unit.MG, form=""), fields, name=False)
        name = self.name.text().strip()
        why = ("No template" if chosen else
               f"{name} matches no label template" if name else
               "The name matches no label template")
        kept = " (what you typed stays)" if set(LABEL_FIELDS) - set(fields) else ""
        self._say(f"{why}: the {label} label's values were taken out{kept}. Enter the "
                  "prescriber's values.")

    def _say_filled(self, template: MedicationTemplate, med: Medication,
                    fields: tuple[str, ...]) -> None:
        self._say(label_filled_text(template, med, fields, LABEL_FIELDS))

    def _say(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setAccessibleDescription(text)
        self._grow_to_fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._grow_to_fit()  # the rows that wrap at 2x text

    def _grow_to_fit(self) -> None:
        """A wrapped line that gets longer does not make its window taller (Qt's minimum size
        leaves out height-for-width), so at 2x text the line would be out of sight: grow the
        window to what the fields need at their width (form_fit.py)."""
        grow_to_fit(self, self._scroll)

    def _unit_changed(self) -> None:
        # The label's max (or the old one) is in the old unit: 80 mg a day says nothing about ml.
        if self.max_daily.text().strip():
            self._filling = True
            try:
                self.max_daily.clear()
            finally:
                self._filling = False
            self._say(f"The unit is now {self._unit().value}: enter the max per day in "
                      f"{self._unit().value} (or leave it empty for none).")
        self._unit_changed_text()

    def _unit_changed_text(self) -> None:
        self.max_unit.setText(f"{self._unit().value} per day")
        self.max_daily.setAccessibleDescription(f"in {self._unit().value}")

    def _unit(self) -> Unit:
        return Unit(self.unit.currentData())

    def _check_plan_against_max(self) -> None:
        """Editing: say when the plan, today or later, has days over the max being typed (they
        stay planned; logging those doses will ask for confirmation)."""
        original = self._original
        assert original is not None and original.id is not None
        try:
            new_max = optional_amount(self.max_daily.text(), self._unit(), "max per day")
        except ValidationError:
            new_max = original.max_daily
        med = replace(original, max_daily=new_max, unit=self._unit())
        today = self._session.today()
        over = [s for s in self._session.store.plans.steps(original.id)
                if (s.end is None or s.end >= today) and over_max(s, med)]
        if new_max == original.max_daily or not over:
            self.plan_notice.hide()
            return
        self.plan_notice.setText(
            f"⚠ The plan has days {over_max_text(med)} (from {over[0].start}): they stay "
            "planned, and logging those doses will ask for confirmation.")
        self.plan_notice.show()
        self._grow_to_fit()

    # --- saving -------------------------------------------------------------------------------
    def medication(self) -> Medication:
        """The medication the fields describe; raises ValidationError for a value that is not
        one (the store checks the rest when it saves)."""
        unit = self._unit()
        med = Medication(
            name=self.name.text() if self._original is not None else saved_name(self.name.text()),
            unit=unit,
            form=self.form.text(),
            max_daily=optional_amount(self.max_daily.text(), unit, "max per day"),
            min_interval_minutes=optional_duration(self.interval.text()),
            taper_required=self.taper.isChecked(),
            notes=self.notes.toPlainText(),
            colour=self.look.chosen_colour(),
            shape=self.look.chosen_shape(),
        )
        if self._original is not None:
            med = replace(med, id=self._original.id, archived_at=self._original.archived_at)
        return med

    def accept(self) -> None:
        try:
            med = self.medication()
            if self._original is None:
                if not self._confirm_separate(med):
                    return
                self.saved = edits.add_medication(self._session, med)
            elif valid_medication(med) != self._original:
                if not self._confirm_taper_off(self._original, med):
                    return
                edits.edit_medication(self._session, med)
                assert med.id is not None
                self.saved = self._session.store.medications.get(med.id)
        except edits.STORE_ERRORS as exc:
            report_save_error(self, self.error, "The medication was not saved", exc)
            self._focus_field(exc)
            return
        super().accept()

    def _confirm_separate(self, med: Medication) -> bool:
        """A generic or brand name of a medication the diary already holds under another name
        (Lioresal next to Baclofen) gives each its own max per day, so twice the label's
        maximum would never be refused: only when the person says it is deliberate."""
        template = find_template(med.name)
        given = med.name.strip()
        if template is None:
            return True
        for other in self._session.store.medications.all():
            same = find_template(other.name)
            if same is not None and same.key == template.key and \
                    other.name.casefold() != given.casefold():
                return dialogs.ask_yes_no(
                    self, f"{given} is already in this diary",
                    f"{given} is {template.key}, already in this diary as {other.name}. Log "
                    f"doses against {other.name}, or keep {given} as a product of its own, whose "
                    f"doses count against its own max per day, not {other.name}'s.\n\n"
                    f"Keep {given} as a separate product?",
                    yes="Keep it separate", no="Go back")
        return True

    def _confirm_taper_off(self, before: Medication, after: Medication) -> bool:
        """Unticking "Taper required" on a medication whose label asks for a slow reduction
        turns off the questions before a dose cut: say so, and keep it on by default."""
        warning = taper_off_warning(before, after)
        return warning is None or dialogs.ask_yes_no(
            self, f"Turn off the taper warnings for {after.name}?", warning,
            yes="Turn them off", no="Keep them on")

    def _focus_field(self, exc: Exception) -> None:
        field = exc.field if isinstance(exc, ValidationError) else ""
        widgets: dict[str, QWidget] = {
            "name": self.name, "form": self.form, "unit": self.unit,
            "max per day": self.max_daily, "max daily amount": self.max_daily,
            "minimum interval": self.interval, "notes": self.notes,
            "colour": self.look.colour, "shape": self.look.shape,
        }
        widget = widgets.get(field)
        if widget is not None:
            widget.setFocus()
