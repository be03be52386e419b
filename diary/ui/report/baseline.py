"""The report dialog's choice of baseline: the days the symptoms of page 1 and of the before-and-
after chart are compared against.

By default the report takes the rated week before treatment began (diary.domain.baseline); the
box says which days that is for the range chosen, so the person sees it before the report is
made, and can choose other days instead (the weeks before a dose change, say).
"""

from __future__ import annotations

import sqlite3
from datetime import date

from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.baseline import Period
from diary.domain.baseline import check_baseline
from diary.domain.baseline import period_text
from diary.domain.baseline import recent_period
from diary.domain.daytime import check_order
from diary.domain.errors import ValidationError
from diary.domain.wording import sentence
from diary.storage.trends import default_baseline
from diary.ui.shell.session import DiarySession
from diary.ui.widgets.dates import date_edit
from diary.ui.widgets.dates import pydate
from diary.ui.widgets.dates import qdate


class BaselineChooser(QGroupBox):
    """Automatic (and which days that is), or two chosen dates."""

    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__("Baseline for the symptoms", parent)
        self.session = session
        self.automatic = QRadioButton("A&utomatic")
        self.automatic.setAccessibleName("Automatic baseline")
        self.automatic.setChecked(True)
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.chosen_days = QRadioButton("Chosen da&ys")
        self.chosen_days.setAccessibleName("Chosen baseline days")
        self.first_edit = date_edit("First day of the baseline")
        self.last_edit = date_edit("Last day of the baseline")
        for edit in (self.first_edit, self.last_edit):  # a baseline is days that have happened
            edit.setMaximumDate(qdate(session.today()))
        self.chosen_days.toggled.connect(self._enable_dates)
        self._lay_out()
        self._enable_dates(False)

    def date_edits(self) -> tuple[QDateEdit, QDateEdit]:
        return self.first_edit, self.last_edit

    def _lay_out(self) -> None:
        column = QVBoxLayout(self)
        column.addWidget(self.automatic)
        indent = self.style().pixelMetric(self.style().PixelMetric.PM_ExclusiveIndicatorWidth)
        self.found.setContentsMargins(indent + 6, 0, 0, 0)  # under the radio button's text
        column.addWidget(self.found)
        column.addWidget(self.chosen_days)
        dates = QFormLayout()
        dates.addRow("Baseline fro&m:", self.first_edit)
        dates.addRow("Baseline t&o:", self.last_edit)
        column.addLayout(dates)

    def _enable_dates(self, on: bool) -> None:
        self.first_edit.setEnabled(on)
        self.last_edit.setEnabled(on)

    def set_range(self, start: date, end: date) -> None:
        """Say which days the automatic baseline is for this range, and start the chosen dates
        there until the person has chosen some."""
        try:
            check_order(start, end)
        except ValidationError as exc:
            self.found.setText(sentence(exc.message))
            return
        try:
            basis, days = default_baseline(self.session.store, start, end)
        except sqlite3.Error as exc:
            self.found.setText(f"The diary could not be read ({exc}).")
            return
        recent = period_text(recent_period(start, end))
        self.found.setText(f"{period_text(days)}, {basis.value}; compared with the recent "
                           f"days, {recent}.")
        if not self.chosen_days.isChecked():
            self.first_edit.setDate(qdate(days[0]))
            self.last_edit.setDate(qdate(days[1]))

    def chosen(self) -> Period | None:
        """The chosen days, or None for the automatic baseline."""
        if not self.chosen_days.isChecked():
            return None
        return pydate(self.first_edit.date()), pydate(self.last_edit.date())

    def problem(self, start: date, end: date) -> str | None:
        """Why the chosen days cannot be compared with the range's recent days, or None."""
        chosen = self.chosen()
        if chosen is None:
            return None
        try:
            check_baseline(chosen, recent_period(start, end))
        except ValidationError as exc:
            return sentence(exc.message)
        return None
