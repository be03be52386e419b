"""History: every dose, rating and event, newest first, with filters, editing and the audit trail.

Where caregivers live. The table reads the diary a page at a time (history_model), so ten years
open at once, and lists the doses the plan expected and nobody answered as "Missed" rows at their
scheduled time. Edit (F2, Enter or a double-click), Delete (the Delete key, after a question) and
Restore go through diary/ui/edits/edits.py, so Edit > Undo and Redo undo them; "Show changes"
lists the row's audit trail. A missed dose is not an entry: it cannot be edited or deleted, and
"Record it…" records it as taken at its time (one undoable step, checked as any dose is) and
says what it did, or why it did not, on the line above the table (notice.py: its room never
changes, so the table never moves) and in the window's status bar.
On a read-only diary every control that could write is disabled, and the handlers behind them
check again.

For a hand with a tremor the action buttons and the filters are large targets
(diary/ui/widgets/targets.py); at twice the text size the filters and the buttons wrap, and when
the window is too low for them and a few rows of the table the whole view scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.daytime import fixed
from diary.domain.entities import Intake
from diary.domain.plans.answers import MissedDose
from diary.domain.wording import clock_text
from diary.storage import Entry
from diary.storage import EntryKind
from diary.storage import HistoryFilter
from diary.storage import kind_of
from diary.storage.errors import DiaryFileError
from diary.ui import edits
from diary.ui.history import edit as history_edit
from diary.ui.history.audit import AuditDialog
from diary.ui.history.edit import EntryDialog
from diary.ui.history.filters import HistoryFilterBar
from diary.ui.history.model import HEADERS
from diary.ui.history.model import KEY_ROLE
from diary.ui.history.model import KIND_LABELS
from diary.ui.history.model import Column
from diary.ui.history.model import HistoryModel
from diary.ui.history.model import RowKey
from diary.ui.history.notice import Notice
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs
from diary.ui.widgets.flow import FlowLayout
from diary.ui.widgets.targets import large

# What each column must show whole at any font size (the Note takes the rest of the width).
COLUMN_SAMPLES = {Column.WHEN: "Wed 30 Sep 2026 23:59", Column.KIND: "Rating",
                  Column.WHAT: "Paracetamol (20:00 dose)", Column.AMOUNT: "1000 mg",
                  Column.STATUS: "Taken late (+10 h 50 min)"}
READ_ONLY_TIP = "This diary is open read-only: nothing in it can be changed."
MISSED_ROW_TIP = ("A missed dose is not an entry: nothing was recorded to edit or delete. "
                  "“Record it…” records it as taken at its time.")
TABLE_ROWS = 4  # rows of the table always in view: below that, the whole view scrolls
# The keys of this view, for Help > Keyboard shortcuts.
SHORTCUTS: list[tuple[str, str]] = [
    ("Ctrl+F", "Go to the search field"),
    ("F2, Enter (or double-click)", "Edit the selected entry"),
    ("Delete", "Delete the selected entry (Edit > Undo brings it back)"),
]


class HistoryView(QWidget):
    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._kept: tuple[RowKey | None, int, int] = (None, -1, 0)
        self._editor: EntryDialog | None = None  # the edit dialog open now, if any
        self.setAccessibleName("History")
        self.filters = HistoryFilterBar(session, self)
        self.model = HistoryModel(session, self, where=self.filters.current_filter())

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("History entries, newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        pill = self.fontMetrics().height()  # a dose's pill as tall as its text, at any size
        self.table.setIconSize(QSize(pill, pill))
        columns = self.table.horizontalHeader()
        columns.setStretchLastSection(True)
        columns.setHighlightSections(False)
        metrics = self.fontMetrics()
        padding = metrics.averageCharWidth() * 3
        for column, sample in COLUMN_SAMPLES.items():
            widest = max(metrics.horizontalAdvance(text) for text in (sample, HEADERS[column]))
            if column == Column.WHAT:
                widest += pill + metrics.averageCharWidth()  # the dose's pill before its name
            columns.resizeSection(column, widest + padding)

        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of entries")
        self.count_label.setWordWrap(True)
        self.notice = Notice()  # its room follows its width and the font

        self.edit_action = self._action("Edit…", QKeySequence(Qt.Key.Key_F2), self.edit_selected,
                                        "Edit the selected entry (F2, Enter or double-click)")
        self.delete_action = self._action("Delete…", QKeySequence(QKeySequence.StandardKey.Delete),
                                          self.delete_selected,
                                          "Delete the selected entry (Delete); Undo brings it back")
        self.restore_action = self._action("Restore", QKeySequence(), self.restore_selected,
                                           "Bring the selected deleted entry back")
        self.changes_action = self._action("Show changes…", QKeySequence(), self.show_changes,
                                           "List every change made to the selected entry")
        self.record_action = self._action("Record it…", QKeySequence(), self.record_selected,
                                          "Record the selected missed dose as taken at its "
                                          "time (Edit changes it afterwards)")
        self.edit_button = self._button("Ed&it…", "Edit entry", self.edit_action)
        self.delete_button = self._button("&Delete…", "Delete entry", self.delete_action)
        self.restore_button = self._button("Rest&ore", "Restore entry", self.restore_action)
        self.changes_button = self._button("Show &changes…", "Show changes of entry",
                                           self.changes_action)
        self.record_button = self._button("&Record it…", "Record missed dose",
                                          self.record_action)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.filters.focus_search)

        self.buttons = QWidget()
        buttons = FlowLayout(self.buttons, one_line_hint=False)
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.edit_button, self.delete_button, self.restore_button,
                       self.changes_button, self.record_button):
            buttons.addWidget(button)
        content = QWidget()
        box = QVBoxLayout(content)
        box.addWidget(self.filters)
        box.addWidget(self.count_label)
        box.addWidget(self.notice)
        box.addWidget(self.table, 1)
        box.addWidget(self.buttons)
        # The table scrolls its rows; the view scrolls only when too low for a few of them.
        self.body_scroll = QScrollArea(self)
        self.body_scroll.setWidget(content)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body_scroll)
        self.setTabOrder(self.filters.deleted_check, self.table)
        self._set_sizes()

        self.filters.filter_changed.connect(self.set_filter)
        session.changed.connect(self.filters.reload_choices)
        self.model.modelAboutToBeReset.connect(self._keep_place)
        self.model.modelReset.connect(self._restore_place)
        self.model.rowsInserted.connect(self._update_count)
        self.model.counted.connect(self._update_count)
        self.table.selectionModel().selectionChanged.connect(self.update_actions)
        self.table.activated.connect(self.edit_selected)
        # An undo, a redo or another change moves the stack: "Ctrl+Z undoes it" is over.
        session.undo_stack.indexChanged.connect(self._stack_moved)
        self._select_row(0)
        self._update_count()
        self.update_actions()

    # --- public API -----------------------------------------------------------------------
    def set_filter(self, where: HistoryFilter) -> None:
        """Show the entries matching `where` (the filter bar calls this), from the newest."""
        self.model.set_filter(where)
        self._select_row(0)

    def selected_entry(self) -> Entry | None:
        """The stored entry selected; None with nothing selected or a missed dose."""
        item = self._selected()
        return None if item is None or isinstance(item, MissedDose) else item

    def selected_missed(self) -> MissedDose | None:
        item = self._selected()
        return item if isinstance(item, MissedDose) else None

    def _selected(self) -> Entry | MissedDose | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.entry(index.row())

    def select_entry(self, key: RowKey) -> bool:
        """Select the row of an entry if it is loaded; True if it was found."""
        row = self.model.row_of(key)
        if row is None:
            return False
        self._select_row(row)
        return True

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or not self._can_write(entry):
            return
        dialog = EntryDialog(self._session, entry, self.model.text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._editor = dialog
        dialog.finished.connect(lambda _result: self._editor_closed(dialog))
        dialog.open()

    def _editor_closed(self, dialog: EntryDialog) -> None:
        if self._editor is dialog:
            self._editor = None

    def unsaved_changes(self) -> list[str]:
        """An entry being edited and not yet saved (the window asks before it would be lost)."""
        editor = self._editor
        if editor is None or not editor.isVisible():
            return []
        return [f"the form “{editor.windowTitle()}”"]

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or not self._can_write(entry):
            return
        kind = KIND_LABELS[kind_of(entry)].lower()
        question = (f"Delete this {self.model.text.summary(entry)}?\n\nEdit > Undo brings it "
                    "back; deleted entries can also be shown with “Show deleted” and restored.")
        if not dialogs.ask_yes_no(self, f"Delete {kind}", question, yes="Delete", no="Keep"):
            return
        self._write(lambda: history_edit.delete_entry(self._session, entry), f"Delete {kind}")

    def restore_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or self._session.read_only or entry.deleted_at is None:
            return
        kind = KIND_LABELS[kind_of(entry)].lower()
        self._write(lambda: history_edit.restore_entry(self._session, entry, parent=self),
                    f"Restore {kind}")

    def show_changes(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        try:
            dialog = AuditDialog(self._session, entry, self.model.text, self)
        except DiaryFileError as exc:  # a row of the trail that cannot be read
            self._session.damaged.emit(str(exc))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def record_selected(self) -> None:
        """Record the selected missed dose as taken at its scheduled time, answering its slot,
        after a question; checked as any dose is (over the max, too soon after another: asked
        first), as one undoable step. The new dose is selected: Edit changes its time or makes
        it skipped."""
        missed = self.selected_missed()
        if missed is None or self._session.read_only:
            return
        question = (f"Record the {self.model.text.summary(missed)} as taken at "
                    f"{clock_text(missed.at)}?\n\nIf it was taken at another time, or skipped, "
                    "choose Edit… on the recorded dose afterwards. Edit > Undo takes it back.")
        if not dialogs.ask_yes_no(self, "Record missed dose", question, yes="Record as taken",
                                  no="Cancel"):
            return
        draft = Intake(missed.medication_id, fixed(missed.at), missed.amount, slot=missed.slot)
        try:
            answered = edits.confirm_and_write(
                self, lambda confirmed, seen: edits.add_dose(
                    self._session, draft, "Record missed dose", confirmed=confirmed, seen=seen))
        except edits.STORE_ERRORS as exc:
            dialogs.show_error(self, "Record missed dose: not done", edits.error_text(exc))
            self.tell(f"Nothing recorded: {edits.error_text(exc)}")
            return
        saved = answered.saved
        if saved is None:
            self.tell("Nothing recorded: you said it was not taken." if answered.answer is False
                      else "Nothing recorded: the question was closed without an answer.")
            return
        if saved.id is not None:
            self.select_entry((EntryKind.DOSE, saved.id))
        self.tell(self.model.text.recorded(saved, answered.verdict))

    def tell(self, text: str) -> None:
        """Say what an action did: on the view's notice line, and in the window's status bar
        when the window has one that announces (`announce(text)`)."""
        self.show_notice(text)
        announce = getattr(self.window(), "announce", None)
        if callable(announce):
            announce(text)

    def _stack_moved(self, _index: int) -> None:
        self.show_notice("")

    def show_notice(self, text: str) -> None:
        """The line above the table says `text`; empty, it keeps its room."""
        self.notice.say(text)

    def update_actions(self) -> None:
        entry = self.selected_entry()
        missed = self.selected_missed() is not None
        read_only = self._session.read_only
        live = entry is not None and entry.deleted_at is None
        self.edit_action.setEnabled(live and not read_only)
        self.delete_action.setEnabled(live and not read_only)
        self.restore_action.setEnabled(entry is not None and not live and not read_only)
        self.changes_action.setEnabled(entry is not None)
        self.record_action.setEnabled(missed and not read_only)
        for button, action in ((self.edit_button, self.edit_action),
                               (self.delete_button, self.delete_action),
                               (self.restore_button, self.restore_action),
                               (self.changes_button, self.changes_action),
                               (self.record_button, self.record_action)):
            button.setEnabled(action.isEnabled())
            if read_only and action is not self.changes_action:
                button.setToolTip(READ_ONLY_TIP)
            elif missed and action in (self.edit_action, self.delete_action,
                                       self.changes_action):
                button.setToolTip(MISSED_ROW_TIP)
            else:
                button.setToolTip(action.toolTip())

    # --- inside ---------------------------------------------------------------------------
    def _set_sizes(self) -> None:
        """Sizes that follow the font: the buttons large targets, the table never lower than
        TABLE_ROWS rows, even with its sideways scroll bar (the notice keeps its own room)."""
        large(self.edit_button, self.delete_button, self.restore_button, self.changes_button,
              self.record_button)
        rows = self.fontMetrics().lineSpacing() + 10
        self.table.verticalHeader().setDefaultSectionSize(rows)
        header = self.table.horizontalHeader().sizeHint().height()
        # and room for a scroll bar under the rows, when the columns are wider than the table
        sideways = self.table.horizontalScrollBar().sizeHint().height()
        self.table.setMinimumHeight(TABLE_ROWS * rows + header + sideways
                                    + 2 * self.table.frameWidth())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._set_sizes()

    def _action(self, text: str, keys: QKeySequence, slot: object, tip: str) -> QAction:
        action = QAction(text, self.table)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    def _button(self, text: str, name: str, action: QAction) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        return button

    def _can_write(self, entry: Entry) -> bool:
        return not self._session.read_only and entry.deleted_at is None

    def _write(self, operation: object, title: str) -> None:
        assert callable(operation)
        try:
            operation()
        except edits.STORE_ERRORS as exc:
            dialogs.show_error(self, f"{title}: not done", edits.error_text(exc))

    def _select_row(self, row: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            self.table.clearSelection()
            self.update_actions()
            return
        index = self.model.index(min(max(row, 0), count - 1), 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _keep_place(self) -> None:
        index = self.table.currentIndex()
        key = index.siblingAtColumn(0).data(KEY_ROLE) if index.isValid() else None
        self._kept = (key, index.row(), self.table.verticalScrollBar().value())

    def _restore_place(self) -> None:
        key, row, scrolled = self._kept
        found = self.model.row_of(key) if key is not None else None
        self.table.verticalScrollBar().setValue(scrolled)
        if found is not None or row >= 0:
            self._select_row(found if found is not None else row)
        self._update_count()
        self.update_actions()

    def _update_count(self, *_: object) -> None:
        """'1,234 entries', '1,240 entries (6 missed doses)', with '400 loaded; scroll for more'
        while some are not loaded, and 'counting missed doses…' until they are counted."""
        total, loaded = self.model.total(), self.model.rowCount()
        missed = self.model.missed_total()
        noun = "entry" if total == 1 else "entries"
        if missed is not None and missed == total and total:  # the Missed filter
            noun = "missed dose" if total == 1 else "missed doses"
            missed = 0
        said = []
        if missed is None:
            said.append("counting missed doses…")
        elif missed:
            said.append(f"{missed:,} missed dose{'' if missed == 1 else 's'}")
        if self.model.has_more():
            said.append(f"{loaded:,} loaded; scroll for more")
        shown = f" ({'; '.join(said)})" if said else ""
        self.count_label.setText(f"{total:,} {noun}{shown}")
