"""The history's filters: dates, kind, status of a dose (taken, skipped, missed), medication,
symptom, words to search for, deleted or not.

The controls wrap onto as many lines as the width needs (a flow layout), so they stay whole at
twice the usual font size; each is at least 44 px high (the choosers wide as well), so that a
hand with a tremor finds them. `filter_changed` is emitted with the new `HistoryFilter`; typed
search words are applied after a short pause, or at once with Enter.
"""

from __future__ import annotations

from datetime import date
from datetime import timedelta

from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget

from diary.storage import ALL_KINDS
from diary.storage import EntryKind
from diary.storage import HistoryFilter
from diary.storage.records.history import DoseStatus
from diary.ui.shell.session import DiarySession
from diary.ui.widgets.flow import FlowLayout
from diary.ui.widgets.targets import TARGET
from diary.ui.widgets.targets import RowCheckBox
from diary.ui.widgets.targets import large

SEARCH_PAUSE_MS = 300
CUSTOM = -1
DATE_CHOICES: tuple[tuple[str, int | None], ...] = (
    ("All dates", None), ("Today", 1), ("Last 7 days", 7), ("Last 30 days", 30),
    ("Last 90 days", 90), ("Last 12 months", 365), ("Between dates…", CUSTOM),
)
KIND_CHOICES: tuple[tuple[str, frozenset[EntryKind]], ...] = (
    ("All entries", ALL_KINDS), ("Doses", frozenset({EntryKind.DOSE})),
    ("Ratings", frozenset({EntryKind.RATING})), ("Events", frozenset({EntryKind.EVENT})),
)
# A status shows doses only; "Missed" the doses the plan expected and nobody answered.
STATUS_CHOICES: tuple[tuple[str, DoseStatus | None], ...] = (
    ("All", None), ("Taken", DoseStatus.TAKEN), ("Skipped", DoseStatus.SKIPPED),
    ("Missed", DoseStatus.MISSED),
)


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def labelled(label: str, field: QWidget, accessible: str) -> QWidget:
    """A label and its field kept together on one line of the flow (the label's & is the
    mnemonic that moves the focus to the field)."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    text = QLabel(label)
    text.setBuddy(field)
    # The underlined mnemonic letter is drawn apart from the next one, without the kerning the
    # width was measured with ("To"): leave room for the last letter.
    text.setMinimumWidth(text.sizeHint().width() + text.fontMetrics().averageCharWidth() // 2)
    field.setAccessibleName(accessible)
    row.addWidget(text)
    row.addWidget(field)
    return box


class HistoryFilterBar(QWidget):
    filter_changed = Signal(object)  # HistoryFilter

    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.dates_combo = QComboBox()
        for label, days in DATE_CHOICES:
            self.dates_combo.addItem(label, days)
        today = session.today()
        self.from_edit = self._date_edit(today - timedelta(days=29))
        self.to_edit = self._date_edit(today)
        self.kind_combo = QComboBox()
        for label, kinds in KIND_CHOICES:
            self.kind_combo.addItem(label, kinds)
        self.status_combo = QComboBox()
        for label, status in STATUS_CHOICES:  # Qt keeps a StrEnum as a plain string
            self.status_combo.addItem(label, None if status is None else status.value)
        self.status_combo.setToolTip("Doses taken, skipped, or missed (a dose of the plan with "
                                     "nothing recorded for it)")
        self.medication_combo = QComboBox()
        self.symptom_combo = QComboBox()
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText("Words in notes or names")
        self.search_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 26)
        self.deleted_check = RowCheckBox("Show de&leted")
        self.deleted_check.setAccessibleName("Show deleted entries")
        self.deleted_check.setToolTip("Also list deleted entries, so that they can be restored")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self.reload_choices()
        # Large targets for a hand with a tremor, and one height for every control of the bar.
        large(self.dates_combo, self.kind_combo, self.status_combo, self.medication_combo,
              self.symptom_combo, self.search_edit, self.deleted_check)
        for edit in (self.from_edit, self.to_edit):
            edit.setMinimumHeight(TARGET)

        flow = FlowLayout(self, one_line_hint=False)
        flow.setContentsMargins(0, 0, 0, 0)
        flow.addWidget(labelled("D&ates", self.dates_combo, "Dates"))
        self._range_box = QWidget()
        range_row = QHBoxLayout(self._range_box)
        range_row.setContentsMargins(0, 0, 0, 0)
        # No mnemonics here: Alt+T and Alt+M are the window's tabs; Tab from Dates gets here.
        for label, edit, name in (("From", self.from_edit, "From date"),
                                  ("To", self.to_edit, "To date")):
            range_row.addWidget(labelled(label, edit, name))
        flow.addWidget(self._range_box)
        flow.addWidget(labelled("&Kind", self.kind_combo, "Kind of entries"))
        flow.addWidget(labelled("Stat&us", self.status_combo, "Status of doses"))
        flow.addWidget(labelled("Medicatio&n", self.medication_combo, "Medication"))
        flow.addWidget(labelled("S&ymptom", self.symptom_combo, "Symptom"))
        flow.addWidget(labelled("&Search", self.search_edit, "Search"))
        flow.addWidget(self.deleted_check)

        for combo in (self.dates_combo, self.kind_combo, self.status_combo,
                      self.medication_combo, self.symptom_combo):
            combo.currentIndexChanged.connect(self._apply)
        self.from_edit.dateChanged.connect(self._from_changed)
        self.to_edit.dateChanged.connect(self._to_changed)
        self.deleted_check.toggled.connect(self._apply)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._apply)
        self._search_timer.timeout.connect(self._apply)
        self._update_enabled()
        self._last = self.current_filter()

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def reload_choices(self) -> None:
        """Fill the medication and symptom lists again (after a rename or an addition), keeping
        what was chosen."""
        store = self._session.store
        for combo, everything, items in (
            (self.medication_combo, "All medications",
             [(m.id, m.name, m.archived_at) for m in store.medications.all(include_archived=True)]),
            (self.symptom_combo, "All symptoms",
             [(s.id, s.name, s.archived_at) for s in store.symptoms.all(include_archived=True)]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for item_id, name, archived in items:
                combo.addItem(f"{name} (archived)" if archived else name, item_id)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    def current_filter(self) -> HistoryFilter:
        days = self.dates_combo.currentData()
        start: date | None = None
        end: date | None = None
        if days == CUSTOM:
            start, end = _day(self.from_edit.date()), _day(self.to_edit.date())
        elif days is not None:
            start = self._session.today() - timedelta(days=int(days) - 1)
        kinds: frozenset[EntryKind] = self.kind_combo.currentData()
        doses = EntryKind.DOSE in kinds
        chosen = self.status_combo.currentData() if doses else None
        status = None if chosen is None else DoseStatus(chosen)
        medication = self.medication_combo.currentData() if doses else None
        symptom = (self.symptom_combo.currentData()
                   if EntryKind.RATING in kinds and status is None else None)
        return HistoryFilter(start=start, end=end, kinds=kinds, medication_id=medication,
                             symptom_id=symptom, text=self.search_edit.text(),
                             include_deleted=self.deleted_check.isChecked(), status=status)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _from_changed(self, day: QDate) -> None:
        if self.to_edit.date() < day:
            self.to_edit.setDate(day)
        self._apply()

    def _to_changed(self, day: QDate) -> None:
        if self.from_edit.date() > day:
            self.from_edit.setDate(day)
        self._apply()

    def _update_enabled(self) -> None:
        self._range_box.setEnabled(self.dates_combo.currentData() == CUSTOM)
        kinds = self.kind_combo.currentData()
        doses = EntryKind.DOSE in kinds
        self.status_combo.setEnabled(doses)
        self.medication_combo.setEnabled(doses)
        # A status shows doses alone: no symptom's ratings to choose.
        self.symptom_combo.setEnabled(EntryKind.RATING in kinds
                                      and not (doses and self.status_combo.currentData()))

    def _apply(self) -> None:
        self._search_timer.stop()
        self._update_enabled()
        where = self.current_filter()
        if where != self._last:
            self._last = where
            self.filter_changed.emit(where)
