"""Trends: the charts of a range of diary days, for the person and for their clinician.

At the top the range (a preset ending today, or two dates), the chart (doses and symptoms, dose
and effect, the adherence calendar, before and after), for dose and effect the medication whose
doses the hours count from (only when the range has more than one scheduled medication taken),
and "Export chart…", each a target TARGET px high (diary/ui/widgets/targets.py); below, a line
saying what is shown or that it is loading, and the chart.

The controls wrap onto more lines at twice the text size. The view scrolls as a whole only when
the controls and a chart of CHART_LINES lines of text (or as tall as the view, if lower) do not
fit: then every control can be scrolled into view. Otherwise the chart takes the rest of the
height, and scrolls itself when its panels need more (chart.py).

The view is built with the other tabs when the window opens but stays light until first shown:
only then are matplotlib and the chart builders imported (trends_chart.py). The data of a range
is read in a background thread (trends_loader.py) and drawn here, on the GUI thread, when it
arrives; the last few ranges loaded are kept, so switching charts, or going back to a range
just seen, draws without reading the diary again. A change to the diary drops what was kept and
reloads the range shown if the view is visible, or when it is next shown. A read-only diary
shows and exports charts like any other.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QStandardPaths
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QProgressBar
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.charts.registry import TIPS
from diary.charts.registry import TITLES
from diary.charts.registry import Chart
from diary.domain.trends import TrendData
from diary.domain.trends import dose_effect_medications
from diary.ui import edits
from diary.ui.history.filters import labelled
from diary.ui.shell.session import DiarySession
from diary.ui.trends.chart import EXPORT_FILTERS
from diary.ui.trends.chart import ChartArea
from diary.ui.trends.chart import export_target
from diary.ui.trends.loader import LoadResult
from diary.ui.trends.loader import TrendsLoader
from diary.ui.trends.ranges import Range
from diary.ui.trends.ranges import RangeControls
from diary.ui.trends.ranges import span_words
from diary.ui.widgets import dialogs
from diary.ui.widgets.flow import FlowLayout
from diary.ui.widgets.pill import pill_icon
from diary.ui.widgets.targets import TARGET
from diary.ui.widgets.targets import large

# The keys of this view, for Help > Keyboard shortcuts.
SHORTCUTS: list[tuple[str, str]] = [
    ("Ctrl+Shift+E", "Export the chart shown (PNG or SVG)"),
    ("Alt+R / Alt+C", "Go to the range / the choice of chart"),
    ("Alt+M", "Go to the medication the dose-and-effect hours count from"),
    ("Alt+O / Alt+T", "Go to the From / To date (with “Between dates…”)"),
]
EXPORT_KEYS = "Ctrl+Shift+E"  # Ctrl+E is Today's "add an event"
KEPT_RANGES = 4  # ranges whose data is kept for switching back without a reload
CHANGE_PAUSE_MS = 0  # reload once the action that changed the diary is over: once for a burst
CHART_LINES = 12  # the chart's least height, in lines of text: below it (with the controls) the
# view scrolls as a whole rather than squeezing the chart


def _day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


class _Body(QWidget):
    """The view's contents, whose height for a width is the least its layout needs at it (the
    wrapped controls and a chart of its least height): Qt's scroll area takes a body's height
    for its width as the least it may have, and a layout reckons that from what its parts would
    like (the chart would like all of its panels)."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return super().heightForWidth(width)
        return layout.totalMinimumHeightForWidth(width)


class TrendsView(QWidget):
    loaded = Signal()  # the newest load's result is in: drawn, or its failure shown

    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Trends")
        self.data: TrendData | None = None  # what the chart shows
        self._kept: OrderedDict[Range, TrendData] = OrderedDict()
        self._stale = True  # the diary changed (or nothing was loaded) since the chart was drawn
        self._day = session.today()
        self._export_folder: Path | None = None

        self.range = RangeControls(session, self)
        self.chart_combo = QComboBox()
        for chart in Chart:
            self.chart_combo.addItem(TITLES[chart], chart)
            self.chart_combo.setItemData(self.chart_combo.count() - 1, TIPS[chart],
                                         Qt.ItemDataRole.ToolTipRole)
        self.chart_combo.setToolTip("Which chart to draw of the range")
        self.medication_combo = QComboBox()
        self.medication_combo.setToolTip("Whose doses the hours since the last dose count from")
        self.medication_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.medication_box = labelled("&Medication", self.medication_combo, "Medication")
        self.medication_box.hide()
        self.export_button = QPushButton("E&xport chart…")
        self.export_button.setAccessibleName("Export chart")
        self.export_button.setToolTip(f"Save the chart shown as a PNG or SVG image "
                                      f"({EXPORT_KEYS})")
        self.export_button.setEnabled(False)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no steps to count: it only says "working"
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Loading")
        self.busy.setMaximumWidth(self.fontMetrics().averageCharWidth() * 14)
        self.busy.hide()
        self.status = QLabel()
        self.status.setAccessibleName("What the chart shows")
        self.status.setWordWrap(True)
        self.chart = ChartArea()
        self.loader = TrendsLoader(self)
        self._changes = QTimer(self)
        self._changes.setSingleShot(True)
        self._changes.setInterval(CHANGE_PAUSE_MS)

        controls = QWidget()
        flow = FlowLayout(controls, one_line_hint=False)
        flow.setContentsMargins(0, 0, 0, 0)
        for widget in (self.range.range_box, self.range.dates_box,
                       labelled("&Chart", self.chart_combo, "Chart"), self.medication_box,
                       self.export_button):
            flow.addWidget(widget)
        status_row = QHBoxLayout()
        status_row.addWidget(self.busy)
        status_row.addWidget(self.status, 1)
        body = _Body()
        box = QVBoxLayout(body)
        box.addWidget(controls)
        box.addWidget(self.range.message)
        box.addLayout(status_row)
        box.addWidget(self.chart, 1)
        # The chart scrolls its panels; the view scrolls only when too low for the controls and
        # a chart of its least height.
        self.body_scroll = QScrollArea(self)
        self.body_scroll.setWidget(body)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body_scroll.viewport().installEventFilter(self)  # the chart's least height follows
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body_scroll)
        self._set_sizes()

        self.range.range_chosen.connect(self.show_range)
        self.chart_combo.currentIndexChanged.connect(self._redraw)
        self.medication_combo.currentIndexChanged.connect(self._redraw)
        self.export_button.clicked.connect(self.export_chart)
        self.loader.loaded.connect(self._arrived)
        session.changed.connect(self._diary_changed)
        self._changes.timeout.connect(self.refresh)
        export = QShortcut(QKeySequence(EXPORT_KEYS), self)
        export.activated.connect(self.export_chart)

    # --- public API -----------------------------------------------------------------------
    @property
    def current_chart(self) -> Chart:
        return Chart(self.chart_combo.currentData())

    @property
    def current_medication(self) -> int | None:
        """The medication the dose-and-effect hours count from (None: the chart's default)."""
        chosen = self.medication_combo.currentData()
        return int(chosen) if chosen is not None else None

    @property
    def loading(self) -> bool:
        return self.loader.pending is not None

    def show_range(self, chosen: Range) -> None:
        """Show `chosen`: at once from what is kept, else after loading it in the background."""
        kept = self._kept.get(chosen)
        if kept is not None and not self._stale:
            self._kept.move_to_end(chosen)
            self.loader.cancel()  # a load of another range still under way is no longer wanted
            self._set_busy(None)
            self._show(kept)
            return
        self._stale = False
        start, end = chosen
        self.loader.request(self.session.store.path, start, end, self.session.now(),
                            self.session.zone())
        self._set_busy((end - start).days + 1)

    def refresh(self) -> None:
        """Show the range chosen now (a preset moves with today), reloading if the diary
        changed since it was drawn."""
        self._changes.stop()
        today = self.session.today()
        if today != self._day:  # a new diary day: doses once due are now missed or taken
            self._day = today
            self._forget()
        chosen = self.range.current_range()
        if chosen is None:
            return  # typed dates are wrong; the message says why, the chart stays
        pending = self.loader.pending
        if pending is not None:
            if (pending.start, pending.end) != chosen or self._stale:
                self.show_range(chosen)
            return
        shown = (self.data.start, self.data.end) if self.data is not None else None
        if self._stale or chosen != shown:
            self.show_range(chosen)

    def export_chart(self) -> None:
        """Ask where, then save the chart shown as PNG or SVG (by the name's suffix)."""
        data = self.data
        if data is None or self.loading or self.chart.figure is None:
            return
        name = TITLES[self.current_chart].lower().replace(" ", "-")
        suggestion = self._suggested_folder() / f"{name}-{data.start}-to-{data.end}.png"
        chosen = dialogs.choose_save_path(self, "Export the chart", suggestion, EXPORT_FILTERS)
        if chosen is None:
            return
        path, fmt = export_target(chosen)
        try:
            self.chart.save(path, fmt)
        except (OSError, ValueError) as exc:
            dialogs.show_error(self, "Chart not exported",
                               f"{edits.error_text(exc)}\n\nNothing was saved.")
            return
        self._export_folder = path.parent
        self.status.setText(f"{self._shown_text(data)} Exported to {path}.")

    # --- inside ---------------------------------------------------------------------------
    def _set_sizes(self) -> None:
        """Sizes that follow the font: every control TARGET px high (the choosers and the button
        wide enough too), and the chart's least height."""
        large(self.range.preset_combo, self.chart_combo, self.medication_combo,
              self.export_button)
        for edit in (self.range.from_edit, self.range.to_edit):
            edit.setMinimumHeight(TARGET)  # level with the choosers on their line
        self._fit_chart()

    def _fit_chart(self) -> None:
        """The chart at least CHART_LINES lines of text high, but never higher than the view:
        scrolled to its end, the view shows the whole of the chart's area."""
        lines = CHART_LINES * self.fontMetrics().lineSpacing()
        least = max(1, min(lines, self.body_scroll.viewport().height()))
        if self.chart.minimumHeight() != least:
            self.chart.setMinimumHeight(least)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.body_scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_chart()
        return False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._set_sizes()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.chart.ensure_canvas()  # matplotlib is imported here, not when the window opens
        self.refresh()

    def _diary_changed(self) -> None:
        self._forget()
        if self.isVisible():
            self._changes.start()

    def _forget(self) -> None:
        self._kept.clear()
        self._stale = True

    def _arrived(self, result: LoadResult) -> None:
        self._set_busy(None)
        if result.data is None:
            self.status.setText(f"The trends could not be loaded: {result.error}")
            self.loaded.emit()
            return
        data = result.data
        self._kept[(data.start, data.end)] = data
        while len(self._kept) > KEPT_RANGES:
            self._kept.popitem(last=False)
        self._show(data)
        self.loaded.emit()

    def _show(self, data: TrendData) -> None:
        self.data = data
        self.range.show_dates((data.start, data.end))
        self._fill_medications(data)
        self._redraw()

    def _fill_medications(self, data: TrendData) -> None:
        """The scheduled medications taken in the range, most doses first, each with its look;
        the one chosen stays chosen when the new range has it too."""
        chosen = self.current_medication
        self.medication_combo.blockSignals(True)
        self.medication_combo.clear()
        for medication in dose_effect_medications(data):
            # Its look, as in every list of the window, and in words for a screen reader.
            self.medication_combo.addItem(pill_icon(medication.look), medication.name,
                                          medication.id)
            self.medication_combo.setItemData(self.medication_combo.count() - 1,
                                              f"{medication.name}, {medication.look.describe()}",
                                              Qt.ItemDataRole.AccessibleTextRole)
        found = self.medication_combo.findData(chosen) if chosen is not None else -1
        self.medication_combo.setCurrentIndex(max(0, found) if self.medication_combo.count()
                                              else -1)
        self.medication_combo.blockSignals(False)

    def _redraw(self) -> None:
        """Draw the chart chosen of the data held: a chart or medication switch draws without
        reloading."""
        data = self.data
        effect = self.current_chart is Chart.DOSE_EFFECT
        self.medication_box.setVisible(effect and self.medication_combo.count() > 1)
        if data is None or self.loading:
            return
        self.chart.draw(self.current_chart, data, self.current_medication if effect else None)
        self.status.setText(self._shown_text(data))
        self.export_button.setEnabled(True)

    def _shown_text(self, data: TrendData) -> str:
        text = (f"{_day_text(data.start)} to {_day_text(data.end)} "
                f"({span_words(data.days)}).")
        if data.by_week:
            text += " Longer than a year: drawn by week."
        return text

    def _set_busy(self, days: int | None) -> None:
        busy = days is not None
        self.busy.setVisible(busy)
        self.export_button.setEnabled(not busy and self.data is not None)
        self.chart.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        if days is not None:
            self.status.setText(f"Loading {span_words(days)}…")

    def _suggested_folder(self) -> Path:
        if self._export_folder is not None:
            return self._export_folder
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()
