"""The history as a Qt table model: plain rows, newest first, read from the store a page at a time.

Opening ten years of entries reads one page; the view asks for more (`canFetchMore`/`fetchMore`)
as the user scrolls. After any write (`session.changed`) the model reads again as many entries as
it had loaded, so the view can keep its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from datetime import tzinfo
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QObject
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QPalette

from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Event
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Symptom
from diary.domain.units import format_amount
from diary.storage import Entry
from diary.storage import EntryKind
from diary.storage import HistoryFilter
from diary.storage import kind_of
from diary.storage.errors import DiaryFileError
from diary.ui.shell.session import DiarySession

PAGE_SIZE = 200
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the entry itself (Intake, Rating or Event)
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # (kind, id): which row of the diary this is

AnyIndex = QModelIndex | QPersistentModelIndex
Key = tuple[EntryKind, int]

KIND_LABELS: dict[EntryKind, str] = {
    EntryKind.DOSE: "Dose", EntryKind.RATING: "Rating", EntryKind.EVENT: "Event",
}


class Column(IntEnum):
    WHEN = 0
    KIND = 1
    WHAT = 2
    AMOUNT = 3
    STATUS = 4
    NOTE = 5


HEADERS = ("When", "Kind", "What", "Amount / score", "Status", "Note")


def format_when(at: datetime, zone: tzinfo) -> str:
    """'Thu 26 Nov 2026 08:05' in the entry's own offset, and the offset when it is not the one
    the local zone had at that instant (a dose logged while travelling)."""
    text = f"{at:%a %d %b %Y %H:%M}"
    if at.utcoffset() != at.astimezone(zone).utcoffset():
        offset = at.strftime("%z")
        text += f" UTC{offset[:3]}:{offset[3:]}"
    return text


def key_of(entry: Entry) -> Key:
    assert entry.id is not None
    return kind_of(entry), entry.id


class EntryText:
    """How an entry reads: the names of its medication or symptom, its amount or score."""

    def __init__(self, session: DiarySession) -> None:
        store = session.store
        self.zone = session.zone()
        # A reference to a row that is not there raises DamagedRowError (session.damaged).
        self.medications: dict[int | None, Medication] = store.medications.by_id()
        self.symptoms: dict[int | None, Symptom] = store.symptoms.by_id()

    def when(self, at: datetime) -> str:
        return format_when(at, self.zone)

    def what(self, entry: Entry) -> str:
        if isinstance(entry, Intake):
            name = self.medication_name(entry.medication_id)
            return f"{name} ({entry.slot.time:%H:%M} dose)" if entry.slot else name
        if isinstance(entry, Event):
            return EVENT_KIND_LABELS[entry.kind]
        symptom = self.symptoms.get(entry.symptom_id)
        return symptom.name if symptom else f"Symptom {entry.symptom_id}"

    def medication_name(self, medication_id: int) -> str:
        med = self.medications.get(medication_id)
        return med.name if med else f"Medication {medication_id}"

    def amount(self, entry: Entry) -> str:
        if isinstance(entry, Intake):
            med = self.medications.get(entry.medication_id)
            return format_amount(entry.amount, med.unit) if med else str(entry.amount)
        if isinstance(entry, Event):
            return ""
        symptom = self.symptoms.get(entry.symptom_id)
        return f"{entry.score} / {symptom.scale_max if symptom else 10}"

    def status(self, entry: Entry) -> str:
        base = entry.status.value.capitalize() if isinstance(entry, Intake) else ""
        if entry.deleted_at is None:
            return base
        return f"{base} (deleted)" if base else "Deleted"

    def note(self, entry: Entry) -> str:
        return entry.text if isinstance(entry, Event) else entry.note

    def summary(self, entry: Entry) -> str:
        """One line naming the entry, for questions and titles: 'dose of Baclofen 20 mg on …'."""
        when = self.when(entry.at)
        if isinstance(entry, Intake):
            name = self.medication_name(entry.medication_id)
            return f"dose of {name} {self.amount(entry)} on {when}"
        if isinstance(entry, Event):
            return f"event “{self.what(entry)}” on {when}"
        return f"rating of {self.what(entry)} {self.amount(entry)} on {when}"

    def cells(self, entry: Entry) -> tuple[str, ...]:
        note = " ".join(self.note(entry).split())  # one line in the table; the tip has it all
        return (self.when(entry.at), KIND_LABELS[kind_of(entry)], self.what(entry),
                self.amount(entry), self.status(entry), note)


@dataclass(frozen=True)
class HistoryRow:
    entry: Entry
    key: Key
    cells: tuple[str, ...]


class HistoryModel(QAbstractTableModel):
    def __init__(self, session: DiarySession, parent: QObject | None = None, *,
                 page_size: int = PAGE_SIZE, where: HistoryFilter | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._page_size = page_size
        self._filter = where or HistoryFilter()
        self._rows: list[HistoryRow] = []
        self._more = False
        self._fetching = False
        self._total: int | None = None
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
        """Read again after a write, as many entries as were loaded (at least one page)."""
        self._reset(max(self._page_size, len(self._rows)))

    def total(self) -> int:
        """How many entries match the filter, loaded or not."""
        if self._total is None:
            self._total = self._session.store.history.count(self._filter)
        return self._total

    def entry(self, row: int) -> Entry:
        return self._rows[row].entry

    def row_of(self, key: Key) -> int | None:
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
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return item.cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == ENTRY_ROLE:
            return item.entry
        if role == KEY_ROLE:
            return item.key
        deleted = item.entry.deleted_at is not None
        if role == Qt.ItemDataRole.FontRole and deleted:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and deleted:
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled,
                                                   QPalette.ColorRole.Text)
        return None

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
        after = self._rows[-1].entry if self._rows else None
        page = self._read(after, self._page_size)
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
        self._total = None
        self._rows = []
        self._rows = self._read(None, keep)

    def _read(self, after: Entry | None, limit: int) -> list[HistoryRow]:
        """Up to `limit` rows after `after`; notes whether more remain (one extra is asked). A
        page holding a value that cannot be read (rows.DamagedRowError) ends the list there and
        is told (session.damaged), never a traceback: Qt asks for pages from C++, where an
        exception would end the program."""
        try:
            found = self._session.store.history.page(self._filter, after, limit + 1)
        except DiaryFileError as exc:
            self._more = False
            self._session.damaged.emit(str(exc))
            return []
        self._more = len(found) > limit
        return [HistoryRow(e, key_of(e), self.text.cells(e)) for e in found[:limit]]

    def _tooltip(self, item: HistoryRow, column: int) -> str | None:
        entry = item.entry
        if column == Column.WHEN:
            return entry.at.isoformat(sep=" ", timespec="minutes")
        if column == Column.NOTE:
            return self.text.note(entry) or None
        return None
