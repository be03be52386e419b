"""The summary's four panels: today's doses, the last seven days slot by slot, the symptoms of the
week, the week's events. Each reads a `SummaryState` (`show`); nothing here writes.

Every answer is a symbol and words (✓ taken, ! taken late, – skipped, ✗ missed, · not yet due),
and the week's grid gives each cell a sentence for a screen reader ("Baclofen 08:00 dose,
Fri 20 Nov: taken late"): nothing depends on colour, which only underlines a missed dose.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.daytime import local_day
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Medication
from diary.domain.plans.answers import SYMBOLS
from diary.domain.plans.answers import WORDS
from diary.domain.plans.answers import Answer
from diary.domain.units import format_amount
from diary.domain.wording import clock_text
from diary.domain.wording import day_text
from diary.ui.summary.state import SummaryState
from diary.ui.widgets.pill import pill_icon
from diary.ui.widgets.pill import pill_pixmap

MISSED_COLOUR = "#D55E00"  # Okabe-Ito vermillion: colour-blind safe, and never the only sign
PILL_SIZE = 20
SYMBOL_SCALE = 1.3  # the grid's symbols a size above its text: read at a glance
LEGEND = ("   ".join(f"{SYMBOLS[a]} {WORDS[a]}" for a in Answer)
          + "   (blank: no dose planned)")


def _label(text: str = "", name: str = "", *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setAccessibleName(name)
    return label


def _pill(med: Medication, height: int) -> QLabel:
    size = max(PILL_SIZE, height)
    label = QLabel()
    label.setPixmap(pill_pixmap(med.look, size, label.devicePixelRatioF()))
    label.setAccessibleName(f"{med.name}: {med.look.describe()} pill")
    label.setToolTip(label.accessibleName())
    return label


def _clear(layout: QGridLayout | QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


class Panel(QGroupBox):
    """A titled part of the summary: its title in bold, its rows in the body's font."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setAccessibleName(title)
        self.body = QWidget()
        outer = QVBoxLayout(self)
        outer.addWidget(self.body)

    def set_body_font(self, font: QFont) -> None:
        self.body.setFont(font)


def answer_words(answer: Answer, text: str) -> str:
    """'✓ Taken 08:05': the symbol, then the words."""
    return f"{SYMBOLS[answer]} {text}"


class TodayPanel(Panel):
    """Today's scheduled doses in the order they fall in the day: time, pill, medication and
    amount, and what became of each; below, the doses of the day that answer no slot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Today's doses", parent)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(12)
        self._grid.setColumnStretch(3, 1)
        self.extra = _label(name="Other doses today", wrap=True)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self._grid)
        box.addWidget(self.extra)
        self.status_labels: list[QLabel] = []

    def show_state(self, state: SummaryState) -> None:
        _clear(self._grid)
        self.status_labels = []
        height = self.fontMetrics().height()
        if not state.slots:
            self._grid.addWidget(_label("No doses are planned today.", "No doses planned today"),
                                 0, 0, 1, 4)
        for row, slot in enumerate(state.slots):
            med = slot.medication
            at = clock_text(slot.outcome.slot.time)
            what = f"{med.name} {slot.amount}"
            status = _label(answer_words(slot.answer, slot.text),
                            f"{at} {what}: {slot.text[0].lower()}{slot.text[1:]}", wrap=True)
            if slot.answer in (Answer.MISSED, Answer.LATE):
                font = QFont(status.font())
                font.setBold(True)
                status.setFont(font)
            if slot.answer is Answer.MISSED:
                status.setStyleSheet(f"color: {MISSED_COLOUR};")
            self.status_labels.append(status)
            self._grid.addWidget(_label(at, f"{at} dose"), row, 0)
            self._grid.addWidget(_pill(med, height), row, 1)
            self._grid.addWidget(_label(what, what), row, 2)
            self._grid.addWidget(status, row, 3)
        others = [f"{med.name} {format_amount(i.amount, med.unit)} {i.status.value} "
                  f"{clock_text(i.at)}" for i, med in state.extra]
        self.extra.setText(f"Other doses today: {'; '.join(others)}." if others else "")
        self.extra.setVisible(bool(others))


class WeekPanel(Panel):
    """The last seven diary days: a row for each medication's time of day, a column for each
    day, a symbol in each cell and a sentence for the screen reader."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("The last 7 days", parent)
        self.table = QTableWidget()
        self.table.setAccessibleName("Doses of the last 7 days, by time of day and day")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setShowGrid(True)
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()
        self.legend = _label(LEGEND, "Key to the symbols: " + LEGEND.replace("   ", ", "),
                             wrap=True)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table)
        box.addWidget(self.legend)

    def show_state(self, state: SummaryState) -> None:
        """The first column names the dose (its pill, medication and time); a column a day."""
        table = self.table
        table.clear()
        table.setRowCount(len(state.week))
        table.setColumnCount(1 + len(state.days))
        first = QTableWidgetItem("Dose")
        first.setData(Qt.ItemDataRole.AccessibleTextRole, "Dose")
        table.setHorizontalHeaderItem(0, first)
        for column, day in enumerate(state.days, start=1):
            header = QTableWidgetItem("Today" if day == state.today else f"{day:%a} {day.day}")
            header.setData(Qt.ItemDataRole.AccessibleTextRole, day_text(day))
            header.setToolTip(day_text(day))
            table.setHorizontalHeaderItem(column, header)
        symbol_font = QFont(table.font())
        symbol_font.setBold(True)
        if symbol_font.pointSizeF() > 0:
            symbol_font.setPointSizeF(symbol_font.pointSizeF() * SYMBOL_SCALE)
        for row, week in enumerate(state.week):
            med = week.medication
            name = f"{med.name} {clock_text(week.at)}"
            dose = QTableWidgetItem(pill_icon(med.look), name)
            dose.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{name} dose, {med.look.describe()} pill")
            dose.setToolTip(f"{med.name}: {med.look.describe()} pill")
            table.setItem(row, 0, dose)
            for column, answer in enumerate(week.answers, start=1):
                on = day_text(state.days[column - 1])
                said = "no dose planned" if answer is None else WORDS[answer]
                item = QTableWidgetItem("" if answer is None else SYMBOLS[answer])
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setFont(symbol_font)
                if answer is Answer.MISSED:
                    item.setForeground(QColor(MISSED_COLOUR))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name} dose, {on}: {said}")
                item.setToolTip(f"{name} dose, {on}: {said}")
                table.setItem(row, column, item)
        self._fit()

    def _fit(self) -> None:
        """The table as tall as its rows: the page scrolls, never the grid. The doses' column
        as wide as its longest name, the days sharing the rest."""
        table = self.table
        metrics = table.fontMetrics()
        row = round(metrics.height() * SYMBOL_SCALE) + 12
        icon = max(PILL_SIZE, metrics.height())
        table.setIconSize(QSize(icon, icon))
        table.verticalHeader().setDefaultSectionSize(row)
        table.verticalHeader().setMinimumSectionSize(row)
        day = metrics.horizontalAdvance("Wed 30") + 16
        table.horizontalHeader().setMinimumSectionSize(day)
        names = [item.text() for r in range(table.rowCount())
                 if (item := table.item(r, 0)) is not None]
        first = max((metrics.horizontalAdvance(n) for n in names), default=0) + icon + 24
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        table.horizontalHeader().resizeSection(0, max(first, day))
        header = table.horizontalHeader().sizeHint().height()
        table.setFixedHeight(header + row * table.rowCount() + 2 * table.frameWidth() + 2)
        width = max(first, day) + (table.columnCount() - 1) * day
        table.setMinimumWidth(width + 2 * table.frameWidth())


class SymptomsPanel(Panel):
    """Each symptom rated this week: the latest score and when, and the week's range."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Symptoms this week", parent)
        self._grid = QGridLayout(self.body)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setColumnStretch(3, 1)
        self.rows: list[QLabel] = []

    def show_state(self, state: SummaryState) -> None:
        _clear(self._grid)
        self.rows = []
        if not state.symptoms:
            self._grid.addWidget(_label("No symptom was rated this week.",
                                        "No symptom rated this week"), 0, 0, 1, 4)
        for row, week in enumerate(state.symptoms):
            latest = week.latest
            scale = week.symptom.scale_max
            when = latest_when(state, latest.at)
            span = (f"this week {week.low}–{week.high}" if week.low != week.high
                    else f"this week {week.low}")
            ratings = f"{week.count} rating{'' if week.count == 1 else 's'}"
            said = (f"{week.symptom.name}: {latest.score} out of {scale}, {when}; {span}, "
                    f"{ratings}")
            score = _label(f"{latest.score} / {scale}", said)
            font = QFont(score.font())
            font.setBold(True)
            score.setFont(font)
            self.rows.append(score)
            self._grid.addWidget(_label(week.symptom.name, week.symptom.name), row, 0)
            self._grid.addWidget(score, row, 1)
            self._grid.addWidget(_label(when, when), row, 2)
            self._grid.addWidget(_label(f"{span} ({ratings})", f"{span}, {ratings}"), row, 3)


def latest_when(state: SummaryState, at: datetime) -> str:
    """'today 20:30', or 'Tue 24 Nov 20:30' (a diary day's night belongs to it)."""
    if local_day(at, state.day_starts_at) == state.today:
        return f"today {clock_text(at)}"
    return f"{at:%a} {at.day} {at:%b} {clock_text(at)}"


class EventsPanel(Panel):
    """The week's events, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Events this week", parent)
        self._box = QVBoxLayout(self.body)
        self._box.setContentsMargins(0, 0, 0, 0)
        self.lines: list[QLabel] = []

    def show_state(self, state: SummaryState) -> None:
        _clear(self._box)
        self.lines = []
        for event in state.events:
            when = latest_when(state, event.at)
            text = f"{when} — {EVENT_KIND_LABELS[event.kind]}"
            if event.text:
                text += f": {' '.join(event.text.split())}"
            line = _label(text, text, wrap=True)
            self.lines.append(line)
            self._box.addWidget(line)
        if not state.events:
            self._box.addWidget(_label("No events this week.", "No events this week"))
