"""The change history (audit trail) of one entry, read-only, in words a caregiver reads.

Each change is one line: when it was made, what was done (added, changed, deleted, restored) and,
for a change, every field that differs, before -> after ("amount: 20 mg → 15 mg").
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.daytime import from_stored
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Change
from diary.domain.units import format_amount
from diary.storage import Entry
from diary.storage import EntryKind
from diary.storage import kind_of
from diary.ui.history.model import KIND_LABELS
from diary.ui.history.model import EntryText
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs

TABLES = {EntryKind.DOSE: "intakes", EntryKind.RATING: "ratings", EntryKind.EVENT: "events"}
ACTIONS = {"insert": "Added", "update": "Changed", "delete": "Deleted", "restore": "Restored"}
HEADERS = ("When", "Action", "What changed")


def _quoted(value: object) -> str:
    return f"“{value}”" if value else "(empty)"


def readable_fields(table: str, row: Mapping[str, object], text: EntryText) -> dict[str, str]:
    """The fields of a stored row as a person reads them, by name, in display order."""
    fields: dict[str, str] = {}
    if "at_utc" in row:
        at = from_stored(str(row["at_utc"]), int(str(row["utc_offset_min"])))
        fields["time"] = text.when(at)
    if table == "intakes":
        med = text.medications.get(int(str(row["medication_id"])))
        amount = int(str(row["amount"]))
        fields["medication"] = med.name if med else str(row["medication_id"])
        fields["amount"] = format_amount(amount, med.unit) if med else str(amount)
        fields["status"] = str(row["status"]).capitalize()
        slot = row.get("slot_day")
        fields["scheduled dose"] = f"{slot} {row.get('slot_time')}" if slot else "none"
        fields["note"] = _quoted(row["note"])
    elif table == "ratings":
        symptom = text.symptoms.get(int(str(row["symptom_id"])))
        fields["symptom"] = symptom.name if symptom else str(row["symptom_id"])
        fields["score"] = f"{row['score']} / {symptom.scale_max if symptom else 10}"
        fields["note"] = _quoted(row["note"])
    elif table == "events":
        kind = str(row["kind"])
        known = {k.value: label for k, label in EVENT_KIND_LABELS.items()}
        fields["kind"] = known.get(kind, kind)
        fields["text"] = _quoted(row["text"])
    return fields


def describe_change(change: Change, text: EntryText) -> tuple[str, str, str]:
    """(when, action, details) of one change, in words."""
    when = text.when(change.at.astimezone(text.zone))
    action = ACTIONS.get(change.action, change.action.capitalize())
    before = readable_fields(change.table, change.before, text) if change.before else {}
    after = readable_fields(change.table, change.after, text) if change.after else {}
    if change.action == "insert":
        details = "; ".join(f"{name}: {value}" for name, value in after.items())
    elif change.action == "update":
        details = "; ".join(
            f"{name}: {before.get(name, '(none)')} → {value}"
            for name, value in after.items() if before.get(name) != value
        ) or "no visible difference"
    elif change.action == "delete":
        details = "hidden from the diary; it can be shown with Show deleted and restored"
    elif change.action == "restore":
        details = "back in the diary"
    else:
        details = ""
    return when, action, details


class AuditDialog(dialogs.FittingDialog):
    """Opened with `open()`; it only reads."""

    def __init__(self, session: DiarySession, entry: Entry, text: EntryText,
                 parent: QWidget | None = None) -> None:
        kind = kind_of(entry)
        assert entry.id is not None
        # Read first: a trail that cannot be read (DamagedRowError) leaves no dialog behind.
        changes = session.store.audit.of(TABLES[kind], entry.id)
        super().__init__(parent)
        self.changes = changes
        title = f"Changes of this {KIND_LABELS[kind].lower()}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        metrics = self.fontMetrics()
        dialogs.fit_to_screen(self, metrics.averageCharWidth() * 90, metrics.lineSpacing() * 20)

        summary = text.summary(entry)
        heading = QLabel(f"{summary[0].upper()}{summary[1:]}: "
                         f"{len(self.changes)} change{'' if len(self.changes) == 1 else 's'}, "
                         "oldest first.")
        heading.setWordWrap(True)
        heading.setAccessibleName("Entry")

        self.table = QTableWidget(len(self.changes), len(HEADERS))
        self.table.setAccessibleName("Changes, oldest first")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, change in enumerate(self.changes):
            for column, value in enumerate(describe_change(change, text)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(row, column, item)
        # Wrapped text needs rows as tall as its lines at the width the columns end up with.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.resizeRowsToContents()
        if self.changes:
            self.table.setCurrentCell(0, 0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.setFocus()

    def rows(self) -> list[tuple[str, ...]]:
        """What the dialog lists, as text (for reading back, e.g. in tests)."""
        return [
            tuple(self._cell(row, column) for column in range(self.table.columnCount()))
            for row in range(self.table.rowCount())
        ]

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
