"""The assistant's first page, "Whose diary is this?": the person's name, and if they like their
birth date and condition, for the window's title and the appointment report. Every field is
optional; a value that is not one (a birth date that is not a date, or in the future) is said
beside it and the page stays. Nothing is written here: Finish writes it with the rest
(`edits.update_info`). "Skip" leaves the assistant for good (the wizard remembers it)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget

from diary.domain.daytime import parse_date
from diary.domain.entities import DiaryInfo
from diary.domain.errors import ValidationError
from diary.domain.validation import valid_diary_info
from diary.ui.assistant.layout import Page
from diary.ui.assistant.layout import buddy
from diary.ui.assistant.layout import form
from diary.ui.assistant.layout import page_button
from diary.ui.assistant.layout import wrapped
from diary.ui.widgets.targets import large

CONDITIONS = ("Multiple sclerosis", "Spinal cord injury")


class PersonPage(Page):
    """`info()` is the diary's details with what was typed (ValidationError for a value that is
    not one); `skip` is the button that leaves the assistant for good."""

    def __init__(self, info: DiaryInfo, today: date) -> None:
        super().__init__(
            "Whose diary is this?",
            "Your name shows in the window's title and on the report you take to appointments. "
            "Everything on this page is optional; Settings can change it later.")
        self._info = info
        self._today = today
        self.name = QLineEdit(info.name)
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("e.g. Alex Martin")
        self.birth_date = QLineEdit(
            "" if info.birth_date is None else info.birth_date.isoformat())
        self.birth_date.setAccessibleName("Birth date, optional, as year-month-day")
        self.birth_date.setPlaceholderText("optional, e.g. 1968-04-23")
        self.condition = QComboBox()
        self.condition.setEditable(True)
        self.condition.setAccessibleName("Condition, optional: choose one or type your own")
        self.condition.addItems(CONDITIONS)
        self.condition.setCurrentIndex(-1)
        line = self.condition.lineEdit()
        assert line is not None  # an editable combo box has its line
        line.setPlaceholderText("optional: choose, or type your own")
        line.setText(info.condition)
        large(self.name, self.birth_date, self.condition)
        fields = form()
        fields.addRow(buddy("&Your name:", self.name), self.name)
        fields.addRow(buddy("Birth &date:", self.birth_date), self.birth_date)
        fields.addRow(buddy("&Condition:", self.condition), self.condition)
        self.body.addLayout(fields)
        self.skip = page_button("S&kip the assistant",
                                "Skip the set-up assistant; it will not open again")
        self.body.addWidget(wrapped(
            "Rather set up the diary yourself? Skip, and the assistant will not open again "
            "for this diary (Help > Set-up assistant… still opens it).", "About skipping"))
        self.add_button(self.skip)
        self.finish_body()
        for field in (self.name, self.birth_date, line):
            field.textEdited.connect(self.clear_error)

    def first_field(self) -> QWidget:
        return self.name

    def info(self) -> DiaryInfo:
        """The diary's details with what was typed; ValidationError names a field that is
        not right."""
        born_text = self.birth_date.text().strip()
        born = parse_date(born_text, "birth date") if born_text else None
        if born is not None and born > self._today:
            raise ValidationError("birth date", f"{born.isoformat()} is after today")
        return valid_diary_info(replace(self._info, name=self.name.text(), birth_date=born,
                                        condition=self.condition.currentText()))

    def validatePage(self) -> bool:
        try:
            self.info()
        except ValidationError as exc:
            self.show_error(exc)
            self._field(exc.field).setFocus()
            return False
        self.clear_error()
        return True

    def _field(self, name: str) -> QWidget:
        return {"birth date": self.birth_date, "condition": self.condition}.get(name, self.name)
