"""File > Import CSV…: choose a file, see how it reads and what it would add, then import it.

The dialog plans the import (import_planning, on a worker thread) each time the file, the
delimiter, the date order, a "create" tick or a column's field changes, and shows
either what would be added or every problem, by line and column, with Import disabled. Nothing is
written before Import; Import writes the plan in one transaction and puts it on the undo stack as
one step ("Import 42 doses and 10 ratings"), which Edit > Undo takes back whole.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QProgressBar
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.csv import DateOrder
from diary.csv import ImportOptions
from diary.csv import apply as apply_import
from diary.csv import delimiter_name
from diary.storage import ImportResult
from diary.ui import edits
from diary.ui.data.export import busy
from diary.ui.data.export import documents_folder
from diary.ui.data.import_columns import ColumnsEditor
from diary.ui.data.import_outcome import ImportOutcome
from diary.ui.data.import_planning import Planner
from diary.ui.data.import_planning import Preview
from diary.ui.data.import_planning import Request
from diary.ui.data.import_wording import CREATE_LABEL
from diary.ui.data.import_wording import CREATE_SYMPTOMS_LABEL
from diary.ui.data.import_wording import result_text
from diary.ui.data.import_wording import undo_text
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs

CSV_FILTER = "CSV files (*.csv *.tsv *.txt);;All files (*)"
READ_ONLY_TEXT = ("This diary is open read-only: nothing can be imported into it. The preview "
                  "shows what the file holds.")
POLL_MS = 20
DELIMITERS = (("Detected", None), ("Comma  ,", ","), ("Semicolon  ;", ";"), ("Tab", "\t"),
              ("Vertical bar  |", "|"))
DATE_ORDERS = (("Automatic", None), ("Day/month (26/11/2026)", DateOrder.DMY),
               ("Month/day (11/26/2026)", DateOrder.MDY))
DATE_ORDER_TIP = ("How a date written with slashes reads. Automatic: dates with the year first, "
                  "and 26/11/2026 (26 cannot be a month); a date such as 05/11/2026 needs "
                  "day/month or month/day.")


class ImportDialog(dialogs.FittingDialog):
    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import CSV")
        self.session = session
        self.path: Path | None = None
        self.preview: Preview | None = None
        self.imported: ImportResult | None = None
        self._mapping: tuple[tuple[str, str], ...] = ()  # the fields the person chose
        self._future: Future[Preview] | None = None
        self._wanted: Request | None = None  # asked for while a plan was under way
        planner = self._planner = Planner(session.store.path, session.store.clock)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check)
        self.finished.connect(lambda _result: self._stop())
        self.destroyed.connect(lambda *_: planner.close())  # also when the window goes first
        self._build()
        self._size_to_font()

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.file_label = QLabel("No file chosen")
        self.file_label.setAccessibleName("File to import")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_label.setWordWrap(True)
        choose = QPushButton("Choose &file…")
        choose.clicked.connect(self.choose_file)
        self.notice = QLabel(f"<b>Read-only.</b> {READ_ONLY_TEXT}")
        self.notice.setAccessibleName("Read-only notice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(self.session.read_only)
        self.encoding = QLabel("—")
        self.encoding.setAccessibleName("Encoding")
        self.lines = QLabel("—")
        self.lines.setAccessibleName("Lines after the header")
        self.delimiter = self._choices(DELIMITERS, "Delimiter")
        self.delimiter.currentIndexChanged.connect(lambda _i: self._options_changed(True))
        self.date_order = self._choices(DATE_ORDERS, "Date order")
        self.date_order.setToolTip(DATE_ORDER_TIP)
        self.date_order.currentIndexChanged.connect(lambda _i: self._options_changed(False))
        self.create_medications = QCheckBox(f"&{CREATE_LABEL}")
        self.create_medications.setAccessibleName(CREATE_LABEL)
        self.create_medications.toggled.connect(lambda _on: self._options_changed(False))
        self.create_symptoms = QCheckBox(CREATE_SYMPTOMS_LABEL.replace("symptoms", "&symptoms"))
        self.create_symptoms.setAccessibleName(CREATE_SYMPTOMS_LABEL)
        self.create_symptoms.toggled.connect(lambda _on: self._options_changed(False))
        self.columns = ColumnsEditor(self.create_symptoms)
        self.columns.changed.connect(self._fields_changed)
        self.outcome = ImportOutcome()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # no known end: it moves while the plan runs
        self.progress.setAccessibleName("Reading the file")
        self.progress.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 10)
        self.progress.hide()
        self.status = QLabel()
        self.status.setAccessibleName("Import status")
        self.import_button = QPushButton("&Import")
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_now)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)

        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("File:"))
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(choose)
        reading = QGroupBox("How the file is read")
        form = QFormLayout(reading)
        form.addRow("Encoding:", self.encoding)
        form.addRow("Lines:", self.lines)
        form.addRow("&Delimiter:", self.delimiter)
        form.addRow("Dates &order:", self.date_order)
        form.addRow(self.create_medications)
        form.addRow(self.create_symptoms)
        columns = QVBoxLayout()
        columns.addWidget(self.columns.label)
        columns.addWidget(self.columns, 1)
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(reading, 0, Qt.AlignmentFlag.AlignTop)
        top_layout.addLayout(columns, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(self.outcome)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(cancel)
        body = QWidget()  # scrolls when the screen is too small; Import and Cancel stay in reach
        contents = QVBoxLayout(body)
        contents.setContentsMargins(0, 0, 0, 0)
        contents.addLayout(file_row)
        contents.addWidget(self.notice)
        contents.addWidget(split, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(dialogs.ScrollingBody(body), 1)
        layout.addLayout(buttons)

    def _size_to_font(self) -> None:
        """Room for the columns and the first entries at any font size, within the screen."""
        metrics = self.fontMetrics()
        dialogs.fit_to_screen(self, metrics.averageCharWidth() * 125, metrics.lineSpacing() * 42)

    def _choices(self, items: tuple[tuple[str, object], ...], name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for text, value in items:
            combo.addItem(text, value)
        return combo

    # --- the file and the options -----------------------------------------------------------
    def choose_file(self) -> bool:
        folder = self.path.parent if self.path is not None else documents_folder()
        path = dialogs.choose_open_path(self, "Import CSV", folder, CSV_FILTER)
        if path is None:
            return False
        self.load(path)
        return True

    def load(self, path: Path) -> None:
        """Preview another file: its columns are its own, its delimiter detected anew."""
        self.path = path
        self.file_label.setText(str(path))
        self._mapping = ()
        self.delimiter.blockSignals(True)
        self.delimiter.setCurrentIndex(0)
        self.delimiter.blockSignals(False)
        self.replan()

    def options(self) -> ImportOptions:
        order = self.date_order.currentData()  # Qt hands the enum back as its plain text
        return ImportOptions(mapping=self._mapping, delimiter=self.delimiter.currentData(),
                             date_order=None if order is None else DateOrder(order),
                             create_medications=self.create_medications.isChecked(),
                             create_symptoms=self.create_symptoms.isChecked())

    def _options_changed(self, new_columns: bool) -> None:
        if new_columns:
            self._mapping = ()  # another delimiter cuts other columns
        self.replan()

    def _fields_changed(self) -> None:
        self._mapping = self.columns.chosen()
        self.replan()

    # --- planning ---------------------------------------------------------------------------
    @property
    def planning(self) -> bool:
        return self._future is not None

    def replan(self) -> None:
        if self.path is None:
            return
        request = Request(self.path, self.options(), self.session.now())
        if self._future is not None:
            self._wanted = request  # the plan under way will be outdated: this one follows it
            return
        self._start(request)

    def _start(self, request: Request) -> None:
        self._future = self._planner.submit(request)
        self._poll.start()
        self.import_button.setEnabled(False)
        self.progress.show()
        self.status.setText("Reading the file and checking every line…")

    def _check(self) -> None:
        future = self._future
        if future is None or not future.done():
            return
        self._future = None
        if self._wanted is not None:
            wanted, self._wanted = self._wanted, None
            self._start(wanted)
            return
        self._poll.stop()
        self.progress.hide()
        self.status.setText("")
        self.show_preview(future.result())

    def _stop(self) -> None:
        self._poll.stop()
        self._future = self._wanted = None
        self._planner.close()

    # --- the outcome ------------------------------------------------------------------------
    def show_preview(self, preview: Preview) -> None:
        self.preview = preview
        plan = preview.plan
        self.encoding.setText(preview.encoding or "—")
        self.lines.setText("—" if plan is None else f"{plan.source.lines} after the header")
        self.delimiter.setItemText(0, f"Detected: {delimiter_name(preview.delimiter)}"
                                   if preview.delimiter else "Detected")
        if preview.header:
            self.columns.show_columns(preview.header, preview.fields, preview.examples)
        else:
            self.columns.clear_columns("The file's columns could not be read.")
        if plan is not None:
            self.outcome.show_plan(plan, self.session.zone())
        else:
            self.outcome.show_problems(preview.summary, preview.details)
        self.import_button.setEnabled(preview.importable and not self.session.read_only)

    # --- import -----------------------------------------------------------------------------
    def import_now(self) -> ImportResult | None:
        """Write the plan shown, as one undo step; tell what was added and close."""
        if self.session.read_only:
            dialogs.show_error(self, "Nothing imported", READ_ONLY_TEXT)
            return None
        preview = self.preview
        if self.planning or preview is None or preview.plan is None or not preview.importable:
            return None
        plan, store = preview.plan, self.session.store
        try:
            with busy():
                result = edits.import_entries(self.session, lambda: apply_import(store, plan),
                                             undo_text)
        except edits.STORE_ERRORS as exc:
            dialogs.show_error(self, "Nothing imported",
                               f"{edits.error_text(exc)}\n\nNothing was imported.")
            return None
        self.imported = result
        dialogs.show_info(self, "Imported", result_text(result))
        self.accept()
        return result


def open_import_dialog(parent: QWidget | None, session: DiarySession) -> ImportDialog | None:
    """Ask for a CSV file, then open the Import dialog on it (window-modal, without blocking);
    None when no file was chosen. The dialog deletes itself when closed."""
    path = dialogs.choose_open_path(parent, "Import CSV", documents_folder(), CSV_FILTER)
    if path is None:
        return None
    dialog = ImportDialog(session, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.load(path)
    dialog.open()
    return dialog
