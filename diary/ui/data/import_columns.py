"""The Import dialog's column table: each column of the file, the field it holds (a combo box the
person may change), and its cell on the first line, to tell unnamed columns apart.

A grid of real widgets in a scroll area rather than combo boxes inside a QTableWidget, so that Tab
reaches every combo box and each has a label a screen reader reads with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QWidget

from diary.csv import FIELDS
from diary.csv import IGNORE

IGNORE_TEXT = "not used"
EXAMPLE_CHARS = 40


class ColumnsEditor(QScrollArea):
    changed = Signal()  # the person chose another field for a column

    def __init__(self, after: QWidget, parent: QWidget | None = None) -> None:
        """`after`: the control Tab leaves for the first column's field."""
        super().__init__(parent)
        self._after = after
        self.label = QLabel("Colu&mns of the file:")  # Alt+M: the first column's field
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields inside instead
        self.setAccessibleName("Columns of the file and what each holds")
        self.header: tuple[str, ...] = ()
        self.combos: list[QComboBox] = []
        self._empty("Choose a file to see its columns.")

    def show_columns(self, header: Sequence[str], fields: Sequence[str],
                     examples: Sequence[str]) -> None:
        """Show these columns; when they are the ones shown already, only set their fields, so
        the combo box the person is using stays where it is."""
        if tuple(header) != self.header or not self.combos:
            self._build(tuple(header), examples)
        for combo, field in zip(self.combos, fields, strict=True):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(field), 0))
            combo.blockSignals(False)

    def clear_columns(self, why: str) -> None:
        self._empty(why)

    def chosen(self) -> tuple[tuple[str, str], ...]:
        """(column, field) for every column, as the combo boxes say now."""
        return tuple((name, str(combo.currentData()))
                     for name, combo in zip(self.header, self.combos, strict=True))

    def _build(self, header: tuple[str, ...], examples: Sequence[str]) -> None:
        inner = QWidget()
        grid = QGridLayout(inner)
        bold = QFont(self.font())
        bold.setBold(True)
        for column, title in enumerate(("Column", "Holds", "First line")):
            label = QLabel(title)
            label.setFont(bold)
            grid.addWidget(label, 0, column)
        self.combos = []
        for row, (name, example) in enumerate(zip(header, examples, strict=True), start=1):
            shown = name or f"(column {row}, no name)"
            label = QLabel(shown.replace("&", "&&"))  # a buddy's label reads & as a mnemonic
            combo = self._combo(shown)
            label.setBuddy(combo)
            grid.addWidget(label, row, 0)
            grid.addWidget(combo, row, 1)
            cell = QLabel(example if len(example) <= EXAMPLE_CHARS
                          else example[:EXAMPLE_CHARS - 1] + "…")
            cell.setToolTip(example)
            cell.setTextFormat(Qt.TextFormat.PlainText)
            cell.setAccessibleName(f"First line of {shown}")
            grid.addWidget(cell, row, 2)
            self.combos.append(combo)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(header) + 1, 1)
        self.header = header
        self.setWidget(inner)  # the old grid goes with its widgets
        # Built after the dialog's other controls, the fields would come last in the Tab order.
        previous = self._after
        for combo in self.combos:
            QWidget.setTabOrder(previous, combo)
            previous = combo
        if self.combos:
            self.label.setBuddy(self.combos[0])  # the label forgets a buddy that is deleted

    def _combo(self, column: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(f"What the column {column} holds")
        for field, meaning in FIELDS.items():
            combo.addItem(field, field)
            combo.setItemData(combo.count() - 1, meaning, Qt.ItemDataRole.ToolTipRole)
        combo.addItem(IGNORE_TEXT, IGNORE)
        combo.setItemData(combo.count() - 1, "leave this column out",
                          Qt.ItemDataRole.ToolTipRole)
        combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        return combo

    def _empty(self, why: str) -> None:
        label = QLabel(why)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.header, self.combos = (), []
        self.setWidget(label)
