"""The assistant's second page, "Which medication?": a name field that completes from the known
labels (baclofen first) with a button for each, never a list that starts on "Custom".

A name the labels know (generic or brand, any case, "Baclofen 10 mg" too) is filled by the
domain's rule, `medication_for_name`, exactly as the Add medication form and `medication add`
fill it, and the label's values are shown to be checked: form and unit, the most per day, the
least time between doses, whether it needs a taper. Any other name asks for its unit and form,
and a max per day if the prescriber gave one. A medication the diary already holds is refused
here (`refuse_duplicate`); nothing is written before Finish.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QCompleter
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.domain.templates import TEMPLATES
from diary.domain.templates import find_template
from diary.domain.templates import medication_for_name
from diary.domain.templates import saved_name
from diary.domain.units import Unit
from diary.domain.units import format_amount
from diary.domain.validation import valid_medication
from diary.ui.assistant.layout import Page
from diary.ui.assistant.layout import buddy
from diary.ui.assistant.layout import form
from diary.ui.assistant.layout import page_button
from diary.ui.assistant.layout import wrapped
from diary.ui.assistant.setup import refuse_duplicate
from diary.ui.medications.wording import interval_text
from diary.ui.medications.wording import optional_amount
from diary.ui.widgets.targets import large


def known_names() -> list[str]:
    """What the name field completes: the labels' generic names in their order (baclofen
    first), then their brand names."""
    generic = [t.name for t in TEMPLATES.values()]
    brands = [alias.capitalize() for t in TEMPLATES.values() for alias in sorted(t.aliases)]
    return [*generic, *brands]


def label_lines(med: Medication) -> list[str]:
    """The label's values as the page lists them, to be checked."""
    form = f"{med.form}s, measured in {med.unit.value}" if med.form else \
        f"measured in {med.unit.value}"
    most = ("no max per day" if med.max_daily is None
            else f"at most {format_amount(med.max_daily, med.unit)} a day")
    interval = ("no minimum time between doses stated" if med.min_interval_minutes is None
                else interval_text(med))
    taper = ("needs a taper: never stop it abruptly (the diary asks before a plan lowers or "
             "stops it)" if med.taper_required else "no taper required")
    return [f"Form: {form}", f"Most per day: {most}", f"Between doses: {interval}",
            f"Stopping: {taper}", f"Notes: {med.notes}"]


class MedicationPage(Page):
    """`medication()` is the new medication, unsaved (ValidationError when it is not one)."""

    def __init__(self, existing: Callable[[], Sequence[Medication]]) -> None:
        super().__init__(
            "Which medication?",
            "Type its name as it is on the box or the prescription, or choose one below.")
        self._existing = existing
        self.name = QLineEdit()
        self.name.setAccessibleName("Medication name")
        self.name.setPlaceholderText("e.g. Baclofen")
        completer = QCompleter(known_names(), self.name)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setModelSorting(QCompleter.ModelSorting.UnsortedModel)
        self.name.setCompleter(completer)
        large(self.name)
        row = QHBoxLayout()
        row.addWidget(buddy("&Medication name:", self.name))
        row.addWidget(self.name, 1)
        self.body.addLayout(row)
        picks = QHBoxLayout()
        self.picks: list[QPushButton] = []
        for template in TEMPLATES.values():
            button = page_button(template.name, f"Choose {template.name}")
            button.clicked.connect(lambda _=False, n=template.name: self.choose(n))
            picks.addWidget(button)
            self.picks.append(button)
        picks.addStretch(1)
        self.body.addLayout(picks)
        self.label_box = wrapped("", "The label's values")
        self.label_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label_box.setFrameShape(QLabel.Shape.StyledPanel)
        self.label_box.setMargin(8)
        self.other = self._other_fields()
        self.body.addWidget(self.label_box)
        self.body.addWidget(self.other)
        self.finish_body()
        self.name.textChanged.connect(self._name_changed)
        self._name_changed()

    def _other_fields(self) -> QWidget:
        panel = QWidget()
        self.unit = QComboBox()
        self.unit.setAccessibleName("Unit it is measured in")
        for unit in Unit:
            self.unit.addItem(unit.value, unit.value)
        self.unit.setCurrentIndex(self.unit.findData(Unit.MG.value))
        self.form_field = QLineEdit()
        self.form_field.setAccessibleName("Form")
        self.form_field.setPlaceholderText("tablet, capsule, oral solution…")
        self.max_daily = QLineEdit()
        self.max_daily.setAccessibleName("Most per day, optional")
        self.max_daily.setPlaceholderText("optional: as your prescriber said")
        large(self.unit, self.form_field, self.max_daily)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.max_unit = QLabel()
        fields = form()
        fields.addRow(buddy("&Unit:", self.unit), self.unit)
        fields.addRow(buddy("F&orm:", self.form_field), self.form_field)
        max_row = QHBoxLayout()
        max_row.addWidget(self.max_daily, 1)
        max_row.addWidget(self.max_unit)
        fields.addRow(buddy("Most per &day:", self.max_daily), max_row)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.other_note = wrapped("", "About this medication")
        layout.addWidget(self.other_note)
        layout.addLayout(fields)
        self._unit_changed()
        return panel

    def choose(self, name: str) -> None:
        """What a label's button does: its name in the field, and the focus there (Enter goes
        on to the next page)."""
        self.name.setText(name)
        self.name.setFocus()

    def first_field(self) -> QWidget:
        return self.name

    def _name_changed(self) -> None:
        self.clear_error()
        name = self.name.text().strip()
        template = find_template(name) if name else None
        med = medication_for_name(name) if template is not None else None
        self.label_box.setVisible(med is not None)
        self.other.setVisible(bool(name) and med is None)
        if med is not None and template is not None:
            lines = label_lines(med)
            self.label_box.setText(
                f"From the {template.key} label; check it with your prescriber:\n\n"
                + "\n".join(f"• {line}" for line in lines)
                + "\n\nYour prescriber's values win: change any of them later under "
                  "Medications > Edit medication.")
            self.label_box.setAccessibleDescription(self.label_box.text())
        elif name:
            self.other_note.setText(
                f"{name} is not one of the labels this diary knows: say how it is measured "
                "and what form it comes in.")

    def _unit_changed(self) -> None:
        self.max_unit.setText(f"{self.unit.currentData()} a day")

    def medication(self) -> Medication:
        """The medication to add: the label's values for a name the labels know, else the unit,
        form and max typed; ValidationError names what is missing or wrong."""
        name = self.name.text().strip()
        if not name:
            raise ValidationError("name", "type the medication's name, as it is on the box")
        refuse_duplicate(name, self._existing())
        med = medication_for_name(name)
        if med is None:
            unit = Unit(self.unit.currentData())
            if not self.form_field.text().strip():
                raise ValidationError("form", "say what form it comes in (tablet, capsule…)")
            med = Medication(saved_name(name), unit, form=self.form_field.text().strip(),
                             max_daily=optional_amount(self.max_daily.text(), unit,
                                                       "most per day"))
        return valid_medication(med)

    def validatePage(self) -> bool:
        try:
            self.medication()
        except ValidationError as exc:
            self.show_error(exc)
            field = {"form": self.form_field, "most per day": self.max_daily}.get(exc.field)
            (field if field is not None and not field.isHidden() else self.name).setFocus()
            return False
        self.clear_error()
        return True
