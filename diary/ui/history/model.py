"""The history as a Qt table model: plain rows, newest first, read from the store a page at a time.

Opening ten years of entries reads one page; the view asks for more (`canFetchMore`/`fetchMore`)
as the user scrolls. Each page is the stored entries with the doses the plan expected and nobody
answered (missed) merged in by time (`diary.storage.records.outcomes.history_page`); a missed dose
is a row that is not an entry: it has no id and cannot be edited. The count of missed doses for
the whole filter is worked out a year of diary days at a time while the window stays responsive
(`counted` says when it is complete). After any write (`session.changed`) the model reads again
as many rows as it had loaded, so the view can keep its place.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QObject
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QPalette

from diary.domain.entities import Intake
from diary.domain.plans.answers import MissedDose
from diary.domain.stats import SlotOutcome
from diary.storage import HistoryFilter
from diary.storage.errors import DiaryFileError
from diary.storage.records.outcomes import COUNT_DAYS
from diary.storage.records.outcomes import HistoryItem
from diary.storage.records.outcomes import Place
from diary.storage.records.outcomes import Plan
from diary.storage.records.outcomes import history_page
from diary.storage.records.outcomes import missed_counts
from diary.storage.records.outcomes import read_plan
from diary.ui.history.rows import KIND_LABELS as KIND_LABELS
from diary.ui.history.rows import EntryText as EntryText
from diary.ui.history.rows import HistoryRow
from diary.ui.history.rows import Key as Key
from diary.ui.history.rows import RowKey as RowKey
from diary.ui.history.rows import format_when as format_when
from diary.ui.history.rows import key_of as key_of
from diary.ui.shell.session import DiarySession

PAGE_SIZE = 200
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's item (Intake, Rating, Event or MissedDose)
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # which row of the diary this is (`RowKey`)

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    WHEN = 0
    KIND = 1
    WHAT = 2
    AMOUNT = 3
    STATUS = 4
    NOTE = 5


HEADERS = ("When", "Kind", "What", "Amount / score", "Status", "Note")


class HistoryModel(QAbstractTableModel):
    counted = Signal()  # the count of missed doses (so `total()`) is complete

    def __init__(self, session: DiarySession, parent: QObject | None = None, *,
                 page_size: int = PAGE_SIZE, where: HistoryFilter | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._page_size = page_size
        self._filter = where or HistoryFilter()
        self._rows: list[HistoryRow] = []
        self._more = False
        self._fetching = False
        self._place = Place()
        self._stored_total: int | None = None
        self._missed_total: int | None = 0
        self._counting: Iterator[int] | None = None
        self._count_timer = QTimer(self)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self._count_step)
        self._plan: Plan | None = None
        self.text = EntryText(session)
        self._load(page_size)
        session.changed.connect(self.reload)

    # --- what the view and the tests use --------------------------------------------------
    def filter(self) -> HistoryFilter:
        return self._filter

    def set_filter(self, where: HistoryFilter) -> None:
        """Show the entries matching `where`, from the newest, one page loaded."""
        self._filter = where
        self._reset(self._page_size)

    def reload(self) -> None:
        """Read again after a write, as many rows as were loaded (at least one page)."""
        self._reset(max(self._page_size, len(self._rows)))

    def total(self) -> int:
        """How many rows match the filter, loaded or not: the stored entries, and the missed
        doses as far as they are counted (all of them once `missed_total()` is known)."""
        if self._stored_total is None:
            self._stored_total = self._session.store.history.count(self._filter)
        return self._stored_total + (self._missed_total or 0)

    def missed_total(self) -> int | None:
        """How many rows are missed doses; None while they are still being counted."""
        return self._missed_total

    def finish_count(self) -> None:
        """Count the rest of the missed doses now rather than a year at a time."""
        while self._counting is not None:
            self._count_step()

    def has_more(self) -> bool:
        """Whether rows remain to be loaded (scrolling loads them)."""
        return self._more

    def entry(self, row: int) -> HistoryItem:
        return self._rows[row].entry

    def answer(self, row: int) -> SlotOutcome | None:
        return self._rows[row].answer

    def row_of(self, key: RowKey | None) -> int | None:
        for row, item in enumerate(self._rows):
            if item.key == key:
                return row
        return None

    # --- QAbstractTableModel --------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return item.cells[column]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.DecorationRole:
            mid = item.medication_id
            return self.text.icon(mid) if column == Column.WHAT and mid is not None else None
        if role == ENTRY_ROLE:
            return item.entry
        if role == KEY_ROLE:
            return item.key
        return self._style(item, column, role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS) and role in (
                Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return HEADERS[section]
        return None

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: AnyIndex) -> None:
        # Whoever listens to the insertion may ask for more again: not while this page goes in.
        if not self.canFetchMore(parent):
            return
        page = self._read(self._page_size)
        if not page:
            return
        first = len(self._rows)
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        finally:
            self._fetching = False

    # --- inside ---------------------------------------------------------------------------
    def _reset(self, keep: int) -> None:
        self.beginResetModel()
        self._load(keep)
        self.endResetModel()

    def _load(self, keep: int) -> None:
        self.text = EntryText(self._session)
        self._stored_total = None
        self._rows = []
        self._place = Place()
        self._plan = None
        self._told = False
        self._start_count()
        self._rows = self._read(keep)

    def _plan_now(self) -> Plan:
        if self._plan is None:
            self._plan = read_plan(self._session.store)
        return self._plan

    def _read(self, limit: int) -> list[HistoryRow]:
        """Up to `limit` stored entries after the last page, with the missed doses among them;
        notes whether more remain. A page holding a value that cannot be read
        (rows.DamagedRowError) ends the list there and is told (session.damaged), never a
        traceback: Qt asks for pages from C++, where an exception would end the program."""
        try:
            page = history_page(self._session.store, self._filter, self._place, limit,
                                self._session.now(), self._plan_now())
        except DiaryFileError as exc:
            self._more = False
            self._tell(exc)
            return []
        self._more = page.more
        self._place = page.place
        rows = []
        for item in page.items:
            answer = page.answers.get(item.id) if isinstance(item, Intake) and item.id else None
            rows.append(HistoryRow(item, key_of(item), self.text.cells(item, answer), answer))
        return rows

    def _start_count(self) -> None:
        """Count the missed doses of the filter: at once when the plan is shorter than a year of
        counting, else a year at a time from the event loop (`counted` when done)."""
        self._count_timer.stop()
        self._missed_total = None
        self._counted = 0
        plan = self._plan_now()
        self._counting = missed_counts(self._session.store, self._filter, self._session.now(),
                                       plan)
        where = self._filter
        first = plan.first_day
        if first is not None and where.start is not None:
            first = max(first, where.start)
        last = self._session.today() if where.end is None else min(where.end,
                                                                    self._session.today())
        if not where.shows_missed() or first is None or (last - first).days < COUNT_DAYS:
            self.finish_count()
        else:
            self._count_timer.start()

    def _count_step(self) -> None:
        counting = self._counting
        if counting is None:
            self._count_timer.stop()
            return
        try:
            found = next(counting, None)
        except DiaryFileError as exc:
            found = None
            self._tell(exc)
        except sqlite3.ProgrammingError:  # the diary was closed meanwhile: nothing to count
            self._counting = None
            self._count_timer.stop()
            return
        if found is not None:
            self._counted += found
            return
        self._counting = None
        self._count_timer.stop()
        if self._missed_total is None:
            self._missed_total = self._counted
            self.counted.emit()

    def _tell(self, exc: DiaryFileError) -> None:
        """Say once per reading that a value cannot be read (the page and the count may both
        meet it)."""
        if not self._told:
            self._told = True
            self._session.damaged.emit(str(exc))

    def _accessible(self, item: HistoryRow, column: int) -> str:
        text = item.cells[column]
        mid = item.medication_id
        if column == Column.WHAT and mid is not None:
            return f"{text}, {self.text.look_text(mid)}"
        return text

    def _tooltip(self, item: HistoryRow, column: int) -> str | None:
        entry = item.entry
        if column == Column.WHEN:
            return entry.at.isoformat(sep=" ", timespec="minutes")
        if column == Column.WHAT and item.medication_id is not None:
            return self.text.look_text(item.medication_id)
        if column == Column.STATUS:
            return self.text.scheduled(entry, item.answer)
        if column == Column.NOTE:
            return self.text.note(entry) or None
        return None

    def _style(self, item: HistoryRow, column: int, role: int) -> object:
        deleted = not isinstance(item.entry, MissedDose) and item.entry.deleted_at is not None
        bold = column == Column.STATUS and item.stands_out
        if role == Qt.ItemDataRole.FontRole and (deleted or bold):
            font = QFont()
            font.setItalic(deleted)
            font.setBold(bold)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and deleted:
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled,
                                                   QPalette.ColorRole.Text)
        return None
