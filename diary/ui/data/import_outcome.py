"""The lower half of the Import dialog: what the import would add (a headline, notes on entries
skipped, medications to create, days over a maximum, then the first entries as they will be
stored), or why the file cannot be imported (every problem by line and column, scrollable)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.csv import ImportPlan
from diary.ui.data.import_wording import PREVIEW_HEADERS
from diary.ui.data.import_wording import plan_lines
from diary.ui.data.import_wording import preview_rows
from diary.ui.data.import_wording import window_wording

PREVIEW_LIMIT = 50


class ImportOutcome(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = _label("What the import would add")
        bold = self.headline.font()
        bold.setBold(True)
        self.headline.setFont(bold)
        self.summary = _label("More about the import")
        self.entries = _entries_table()
        self.errors = QPlainTextEdit()
        self.errors.setReadOnly(True)
        self.errors.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.errors.setAccessibleName("Why the file cannot be imported")
        self.errors.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.entries)
        self.stack.addWidget(self.errors)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)

    def show_plan(self, plan: ImportPlan, zone: tzinfo) -> None:
        headline, *notes = plan_lines(plan)
        self.headline.setText(headline)
        self.summary.setText("\n".join(notes))
        self.summary.setVisible(bool(notes))
        rows = preview_rows(plan, zone, PREVIEW_LIMIT)
        self.entries.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.entries.setItem(row, column, item)
        self.entries.resizeRowsToContents()
        self.stack.setCurrentWidget(self.entries)

    def show_problems(self, summary: str, details: Sequence[str]) -> None:
        """The engine's summary, then each line it names, in the dialog's words."""
        self.headline.setText("The file cannot be imported as it is; nothing was changed.")
        self.summary.setText("What to put right:")
        self.summary.show()
        where = "\n".join(window_wording(text) for text in details)
        self.errors.setPlainText(f"{window_wording(summary)}\n\n{where}".strip())
        self.stack.setCurrentWidget(self.errors)


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names from the file are not markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _entries_table() -> QTableWidget:
    table = QTableWidget(0, len(PREVIEW_HEADERS))
    table.setHorizontalHeaderLabels(PREVIEW_HEADERS)
    table.setAccessibleName("First entries to import, as they will be stored")
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table
