"""A medication's plan as a table: one row per dated step, with the daily amount of each step,
a written mark on any step above the max daily amount and on the step in force today, both also
shaded in the colours of the view's theme, light or dark (`plan_colours`).

A plan holds a handful of steps (a titration and a taper are a dozen), so the model holds them all;
nothing here needs lazy fetching.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QEvent
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.plans.steps import step_on
from diary.domain.units import format_amount
from diary.ui.medications.wording import over_max
from diary.ui.medications.wording import over_max_text
from diary.ui.medications.wording import times_text

TODAY_MARK = "▶ today"
OVER_MAX_MARK = "⚠"
OVER_MAX = f"{OVER_MAX_MARK} over max"  # the tooltip and the accessible text give the max
COLUMNS = ("In force", "From", "To", "Per dose", "Times", "Per day", "Note")
TODAY_COLUMN, FROM, TO, PER_DOSE, TIMES, PER_DAY, NOTE = range(len(COLUMNS))
STEP_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PlanColours:
    """The shades of the step in force today and of a day over the max, and the text on them:
    Okabe-Ito blue and orange, never the only sign (the text says it too)."""

    today: QColor
    over_max: QColor
    text: QColor


# Lightened under dark text on a light theme; darkened under light text on a dark one (both
# above 4.5:1), so a marked row never turns into light text on a light shade or the reverse.
LIGHT_COLOURS = PlanColours(QColor("#d6eaf8"), QColor("#fbe3c0"), QColor("#1a1a1a"))
DARK_COLOURS = PlanColours(QColor("#173a5e"), QColor("#5c3a00"), QColor("#f2f2f2"))


def is_dark(palette: QPalette) -> bool:
    """A dark theme: its window is darker than the middle grey."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def plan_colours(palette: QPalette) -> PlanColours:
    return DARK_COLOURS if is_dark(palette) else LIGHT_COLOURS


class PlanTableModel(QAbstractTableModel):
    """The steps of one medication, in date order, as they read for a person."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps: list[PlanStep] = []
        self._med: Medication | None = None
        self._today_id: int | None = None
        self._colours = plan_colours(QApplication.palette())  # the view's, once it has one

    # --- contents ---------------------------------------------------------------------------
    def set_plan(self, med: Medication | None, steps: Sequence[PlanStep], today: date) -> None:
        self.beginResetModel()
        self._med = med
        self._steps = list(steps) if med is not None else []
        current = None if med is None or med.id is None else step_on(self._steps, med.id, today)
        # A preview's steps are not saved yet (no id): mark the one in force by identity.
        self._today_id = None if current is None else id(current)
        self.endResetModel()

    def set_colours(self, colours: PlanColours) -> None:
        """Shade the marked rows in `colours` (those of the palette of the view showing them)."""
        if colours != self._colours:
            self._colours = colours
            if self._steps:
                last = self.index(len(self._steps) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)

    def colours(self) -> PlanColours:
        return self._colours

    def step(self, row: int) -> PlanStep:
        return self._steps[row]

    def steps(self) -> list[PlanStep]:
        return list(self._steps)

    def row_of(self, step_id: int | None) -> int | None:
        for row, step in enumerate(self._steps):
            if step_id is not None and step.id == step_id:
                return row
        return None

    def in_force_row(self) -> int | None:
        for row, step in enumerate(self._steps):
            if id(step) == self._today_id:
                return row
        return None

    # --- the Qt model ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._steps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._med is None or not 0 <= index.row() < len(self._steps):
            return None
        step = self._steps[index.row()]
        column = index.column()
        today = id(step) == self._today_id
        over = over_max(step, self._med)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(step, column, today, over)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(step, column, today, over, spoken=True)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(step, today, over)
        if role == Qt.ItemDataRole.FontRole and (today or (over and column == PER_DAY)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if over and column == PER_DAY:
                return QBrush(self._colours.over_max)
            if today:
                return QBrush(self._colours.today)
        if role == Qt.ItemDataRole.ForegroundRole and (today or (over and column == PER_DAY)):
            return QBrush(self._colours.text)
        if role == STEP_ROLE:
            return step
        return None

    def _text(self, step: PlanStep, column: int, today: bool, over: bool,
              spoken: bool = False) -> str:
        assert self._med is not None
        unit = self._med.unit
        if column == TODAY_COLUMN:
            return TODAY_MARK if today else ""
        if column == FROM:
            return step.start.isoformat()
        if column == TO:
            return "open" if step.end is None else step.end.isoformat()
        if column == PER_DOSE:
            return format_amount(step.amount, unit)
        if column == TIMES:
            return "as needed" if step.as_needed else times_text(step.times)
        if column == PER_DAY:
            daily = "as needed" if step.as_needed else format_amount(step.daily_amount, unit)
            if not over:
                return daily
            return f"{daily}, {over_max_text(self._med)}" if spoken else f"{daily} {OVER_MAX}"
        if column == NOTE:
            return step.note
        return ""

    def _tooltip(self, step: PlanStep, today: bool, over: bool) -> str:
        assert self._med is not None
        parts = []
        if today:
            parts.append("The step in force today.")
        if over:
            what = "A single dose" if step.as_needed else "A day of this step"
            parts.append(f"{what} goes {over_max_text(self._med)}.")
        return " ".join(parts)


class PlanTable(QTableView):
    """The view of a PlanTableModel: whole rows selected, columns sized to their text."""

    def __init__(self, model: PlanTableModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        model.modelReset.connect(self.resizeRowsToContents)
        model.modelReset.connect(self.updateGeometry)  # its size hint follows its steps
        model.set_colours(plan_colours(self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        # A theme switched while the window is open: the marked rows follow it.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            model = self.model()
            if isinstance(model, PlanTableModel):
                model.set_colours(plan_colours(self.palette()))
        super().changeEvent(event)

    def minimumSizeHint(self) -> QSize:
        # Room for the header and about five steps at any font size; the view scrolls beyond.
        hint = super().minimumSizeHint()
        return QSize(hint.width(), self.fontMetrics().lineSpacing() * 10)

    def sizeHint(self) -> QSize:
        """As tall as its steps need, never less than its minimum nor more than Qt's usual
        hint: a plan of four steps asks for no empty rows (a page that scrolls when it is
        taller than the screen counts what its parts ask for)."""
        hint = super().sizeHint()
        rows = sum(self.rowHeight(row) for row in range(self.model().rowCount()))
        frame = 2 * self.frameWidth() + self.horizontalHeader().sizeHint().height()
        least = self.minimumSizeHint().height()
        return QSize(hint.width(), max(least, min(hint.height(), rows + frame)))
