"""The range of diary days the Trends view shows: presets ending today, or two dates.

A preset is resolved to dates each time it is asked for, so that after midnight "Last 30 days"
means the thirty days ending on the new day. "All" runs from the first entry of the diary (a
dose, a rating or an event) to today. Dates typed by hand are checked before anything is loaded:
the start must not come after the end, and the end not after today; a message says what is wrong
and the chart keeps showing the range it had.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from diary.domain.daytime import check_days
from diary.domain.daytime import last_days
from diary.domain.errors import ValidationError
from diary.domain.wording import sentence
from diary.ui.history.filters import labelled
from diary.ui.shell.session import DiarySession
from diary.ui.widgets.dates import date_edit
from diary.ui.widgets.dates import pydate
from diary.ui.widgets.dates import qdate

ALL = 0
CUSTOM = -1
PRESETS: tuple[tuple[str, int], ...] = (
    ("Last 14 days", 14), ("Last 30 days", 30), ("Last 90 days", 90), ("Last year", 365),
    ("All, since the first entry", ALL), ("Between dates…", CUSTOM),
)
DEFAULT_PRESET = 2  # 90 days: a titration and the weeks after it
TYPING_PAUSE_MS = 500  # typed dates are applied after this pause, or at once with Enter
MESSAGE_STYLE = ("QLabel { background: #FFF1CC; color: #3D2E00; border: 1px solid #B8860B;"
                 " border-radius: 4px; padding: 4px; }")

Range = tuple[date, date]


def range_problem(start: date, end: date, today: date) -> str | None:
    """Why a typed range cannot be shown, as a sentence (the domain's rule and wording, as the
    report's range has them); None when it can."""
    try:
        check_days(start, end, today=today)
    except ValidationError as exc:
        return sentence(exc.message)
    return None


def span_words(days: int) -> str:
    """A length of time as a person says it: '14 days', '3 months', '1 year', '10 years'."""
    if days < 60:
        return f"{days} day" + ("" if days == 1 else "s")
    if days < 365:
        months = round(days / 30.44)
        return f"{months} months"
    years = round(days / 365.25)
    return f"{years} year" + ("" if years == 1 else "s")


class RangeControls(QObject):
    """The range list and the From/To dates (editable for "Between dates…"), and a line saying
    what is wrong with typed dates; the view lays them out. `range_chosen` carries a valid
    (start, end)."""

    range_chosen = Signal(object)  # Range

    def __init__(self, session: DiarySession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.preset_combo = QComboBox()
        for label, days in PRESETS:
            self.preset_combo.addItem(label, days)
        self.preset_combo.setCurrentIndex(DEFAULT_PRESET)
        self.preset_combo.setToolTip("Which diary days the chart shows")
        today = session.today()
        start, end = last_days(today, PRESETS[DEFAULT_PRESET][1])
        self.from_edit = self._date_edit(start, "First diary day shown")
        self.to_edit = self._date_edit(end, "Last diary day shown (today at the latest)")
        self.message = QLabel()
        self.message.setAccessibleName("Problem with the dates")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.hide()
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)

        self.range_box = labelled("&Range", self.preset_combo, "Range of days")
        self.dates_box = QWidget()
        dates_row = QHBoxLayout(self.dates_box)
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.addWidget(labelled("Fr&om", self.from_edit, "From date"))
        dates_row.addWidget(labelled("&To", self.to_edit, "To date"))
        self.dates_box.setEnabled(False)

        self.preset_combo.currentIndexChanged.connect(self._preset_changed)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self._typing.start)
            edit.editingFinished.connect(self.apply)
        self._typing.timeout.connect(self.apply)
        # The first entry's day, found once until the diary changes: some 50 ms on ten years.
        self._first: tuple[date, date | None] | None = None  # (today, first entry day)
        session.changed.connect(self._forget_first)

    def _date_edit(self, day: date, tip: str) -> QDateEdit:
        edit = date_edit(tip, day)
        edit.setToolTip(tip)
        return edit

    @property
    def custom(self) -> bool:
        return bool(self.preset_combo.currentData() == CUSTOM)

    def current_range(self) -> Range | None:
        """The range chosen now, resolved against today; None when typed dates are wrong (the
        message line then says why)."""
        today = self._session.today()
        days = int(self.preset_combo.currentData())
        if days == CUSTOM:
            start, end = pydate(self.from_edit.date()), pydate(self.to_edit.date())
            problem = range_problem(start, end, today)
            self.message.setText(problem or "")
            self.message.setVisible(problem is not None)
            return None if problem is not None else (start, end)
        self.message.hide()
        if days == ALL:
            if self._first is None or self._first[0] != today:
                self._first = (today, self._session.store.history.first_day(today))
            return (self._first[1] or today), today
        return last_days(today, days)

    def show_dates(self, shown: Range) -> None:
        """Put the range shown in the date fields (so "Between dates…" starts from it), without
        applying them again."""
        if self.custom:
            return
        for edit, day in zip((self.from_edit, self.to_edit), shown, strict=True):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)

    def focus_range(self) -> None:
        self.preset_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def apply(self) -> None:
        """Emit the range chosen now, if it is valid."""
        self._typing.stop()
        chosen = self.current_range()
        if chosen is not None:
            self.range_chosen.emit(chosen)

    def _forget_first(self) -> None:
        self._first = None

    def _preset_changed(self) -> None:
        self.dates_box.setEnabled(self.custom)
        self.apply()
