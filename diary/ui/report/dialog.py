"""File > Export report: the appointment report as a PDF, for a range of diary days.

The range comes from a preset (the last 30 or 90 days, since the last appointment, everything) or
two dates; the baseline of the symptoms is automatic or two chosen dates; the charts and the daily
log can be left out; the paper is A4, or US Letter where that is the custom. "Save report…" asks
where; then a worker thread, behind a progress dialog with Cancel, reads the diary through a
read-only store of its own (the window's connection belongs to the GUI thread, and ten years
take a while to gather) and draws the pages. A cancel or a failure leaves no file behind.

matplotlib is never imported here at module level, nor diary.report: the window starts without
them, and they load when the first report is made.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtCore import QStandardPaths
from PySide6.QtCore import Qt
from PySide6.QtCore import QThread
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QBoxLayout
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QProgressDialog
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.errors import ValidationError
from diary.domain.wording import NOT_MEDICAL_ADVICE
from diary.domain.wording import plural
from diary.domain.wording import sentence
from diary.ui.report.baseline import BaselineChooser
from diary.ui.report.worker import ReportRequest
from diary.ui.report.worker import ReportWorker
from diary.ui.shell.saved_file import SavedFile
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs
from diary.ui.widgets.dates import date_edit
from diary.ui.widgets.dates import pydate
from diary.ui.widgets.dates import qdate

if TYPE_CHECKING:
    from diary.report import RenderedReport

PDF_FILTER = "PDF files (*.pdf)"
LETTER_TERRITORIES = (QLocale.Country.UnitedStates, QLocale.Country.Canada)
CHOSEN = "chosen"
DAY_CHECK_MS = 60_000


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    start: date
    end: date


def default_paper(locale: QLocale | None = None) -> str:
    """'letter' where US Letter is the custom (the United States, Canada), 'a4' elsewhere."""
    territory = (locale or QLocale()).territory()
    return "letter" if territory in LETTER_TERRITORIES else "a4"


def presets(session: DiarySession) -> list[Preset]:
    from diary.domain.daytime import last_days
    from diary.report import last_appointment_day

    today = session.today()
    found = [Preset("30", "Last 30 days", *last_days(today, 30)),
             Preset("90", "Last 90 days", *last_days(today, 90))]
    appointment = last_appointment_day(session.store, today)
    if appointment is not None:
        found.append(Preset("appointment",
                            f"Since the last appointment ({appointment:%d %b %Y})",
                            appointment, today))
    first = session.store.history.first_day(today)
    if first is not None and first <= today:
        found.append(Preset("all", f"Everything (since {first:%d %b %Y})", first, today))
    return found


def suggested_name(person: str, start: date, end: date) -> str:
    """'medication-report-sam-demo-2026-08-29-to-2026-11-26.pdf'."""
    slug = re.sub(r"[^a-z0-9]+", "-", person.casefold()).strip("-")[:40]
    who = f"-{slug}" if slug else ""
    return f"medication-report{who}-{start}-to-{end}.pdf"


class ReportDialog(dialogs.FittingDialog):
    report_saved = Signal(object)  # RenderedReport
    report_failed = Signal(str)
    report_cancelled = Signal()

    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export report")
        self.session = session
        self.presets = presets(session)
        self._thread: QThread | None = None
        self._worker: ReportWorker | None = None
        self._stop = threading.Event()
        self.progress: QProgressDialog | None = None
        self.pages_done: tuple[int, int] = (0, 0)

        self.preset = QComboBox()
        for preset in self.presets:
            self.preset.addItem(preset.label, preset.key)
        self.preset.addItem("Chosen dates", CHOSEN)
        self.preset.setAccessibleName("Range of diary days")
        self.start_edit = date_edit("First diary day of the report")
        self.end_edit = date_edit("Last diary day of the report")
        # A report covers days that have happened: neither date can be after today.
        for edit in (self.start_edit, self.end_edit):
            edit.setMaximumDate(qdate(session.today()))
        self._today = session.today()
        self._day_check = QTimer(self)  # a dialog left open past midnight moves on with the day
        self._day_check.setInterval(DAY_CHECK_MS)
        self._day_check.timeout.connect(self.follow_today)
        self._day_check.start()
        self.baseline = BaselineChooser(session)
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.start_edit.dateChanged.connect(self._dates_edited)
        self.end_edit.dateChanged.connect(self._dates_edited)

        self.dose_symptoms = self._check("&Doses and symptoms over time")
        self.dose_effect = self._check("Ratings by &hours since a dose")
        self.calendar = self._check("&Adherence calendar")
        self.before_after = self._check("&Before and after (baseline against recent days)")
        self.appendix = self._check("Daily &log, one row per day (appendix)")

        self.paper = QComboBox()
        self.paper.addItem("A4 (210 × 297 mm)", "a4")
        self.paper.addItem("US Letter (8.5 × 11 in)", "letter")
        self.paper.setCurrentIndex(self.paper.findData(default_paper()))
        self.paper.setAccessibleName("Paper size")

        self.save_button = QPushButton("&Save report…")
        self.save_button.setAccessibleName("Save report")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.saved = SavedFile()  # after a report is saved: where, with Open and Show in folder
        self._lay_out(close)
        self._select_default_preset()

    # --- building ---------------------------------------------------------------------------
    def _check(self, text: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(True)
        box.setAccessibleName(text.replace("&", ""))
        return box

    def _lay_out(self, close: QDialogButtonBox) -> None:
        range_box = QGroupBox("Diary days")
        form = QFormLayout(range_box)
        form.addRow("&Range:", self.preset)
        form.addRow("&From:", self.start_edit)
        form.addRow("&To:", self.end_edit)
        sections = QGroupBox("Pages")
        column = QVBoxLayout(sections)
        always = QLabel("Page 1, the summary for the clinician, is always there. Then:")
        always.setWordWrap(True)
        column.addWidget(always)
        for box in (self.dose_symptoms, self.dose_effect, self.calendar, self.before_after,
                    self.appendix):
            column.addWidget(box)
        paper_form = QFormLayout()
        paper_form.addRow("&Paper:", self.paper)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        # Two columns, the days on the left and the pages on the right, where the screen is
        # wide enough for both (one column grew taller than a laptop screen at 200% font);
        # else one below the other. Either way the contents scroll when the screen is too
        # small for them, and Save and Close stay in reach below.
        days = QVBoxLayout()
        days.addWidget(range_box)
        days.addWidget(self.baseline)
        days.addStretch(1)
        pages = QVBoxLayout()
        pages.addWidget(sections)
        pages.addLayout(paper_form)
        pages.addStretch(1)
        body = QWidget()
        contents = QVBoxLayout(body)
        contents.setContentsMargins(0, 0, 0, 0)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addLayout(days, 1)
        self.columns.addLayout(pages, 1)
        contents.addLayout(self.columns)
        note = QLabel(NOT_MEDICAL_ADVICE)
        note.setWordWrap(True)
        contents.addWidget(note)
        if body.minimumSizeHint().width() > dialogs.screen_room(self).width():
            self.columns.setDirection(QBoxLayout.Direction.TopToBottom)
        layout = QVBoxLayout(self)
        layout.addWidget(dialogs.ScrollingBody(body), 1)
        layout.addWidget(self.saved)
        layout.addLayout(buttons)

    def _select_default_preset(self) -> None:
        """Since the last appointment when there was one, the last 90 days otherwise."""
        keys = [p.key for p in self.presets]
        wanted = "appointment" if "appointment" in keys else "90"
        index = self.preset.findData(wanted)
        self.preset.setCurrentIndex(index)
        self._apply_preset(index)

    # --- the range --------------------------------------------------------------------------
    def _apply_preset(self, index: int) -> None:
        key = self.preset.itemData(index)
        chosen = next((p for p in self.presets if p.key == key), None)
        if chosen is None:
            return
        for edit, day in ((self.start_edit, chosen.start), (self.end_edit, chosen.end)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)
        self.baseline.set_range(*self.chosen_range())

    def follow_today(self) -> None:
        """A new day began: today can be chosen, and a preset range ends today again."""
        today = self.session.today()
        if today == self._today:
            return
        self._today = today
        for edit in (self.start_edit, self.end_edit, *self.baseline.date_edits()):
            edit.setMaximumDate(qdate(today))
        self.presets = presets(self.session)
        if self.preset.currentData() != CHOSEN:
            self._apply_preset(self.preset.currentIndex())

    def _dates_edited(self) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(CHOSEN))
        self.preset.blockSignals(False)
        self.baseline.set_range(*self.chosen_range())

    def chosen_range(self) -> tuple[date, date]:
        return pydate(self.start_edit.date()), pydate(self.end_edit.date())

    # --- saving -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._thread is not None

    def save(self) -> None:
        """Ask where, then gather and draw the report in the worker thread."""
        if self.busy:
            return
        from diary.report import check_range

        start, end = self.chosen_range()
        try:
            check_range(start, end, today=self.session.today())
        except ValidationError as exc:
            dialogs.show_error(self, "Cannot make this report", sentence(exc.message))
            return
        problem = self.baseline.problem(start, end)
        if problem is not None:
            dialogs.show_error(self, "Cannot make this report", problem)
            self.baseline.first_edit.setFocus()
            return
        path = dialogs.choose_save_path(self, "Save the report", self._suggestion(start, end),
                                        PDF_FILTER)
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(".pdf")
        self._start(self._request(start, end), path)

    def _suggestion(self, start: date, end: date) -> Path:
        folder = Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        if not folder.is_dir():
            folder = Path.home()
        return folder / suggested_name(self.session.store.info().name, start, end)

    def _request(self, start: date, end: date) -> ReportRequest:
        from diary.report import Sections

        sections = Sections(self.dose_symptoms.isChecked(), self.dose_effect.isChecked(),
                            self.calendar.isChecked(), self.before_after.isChecked(),
                            self.appendix.isChecked())
        return ReportRequest(self.session.store.path, start, end, self.session.now(),
                             self.session.zone(), self.paper.currentData(), sections,
                             self.baseline.chosen())

    def _start(self, request: ReportRequest, path: Path) -> None:
        self._stop = threading.Event()
        self.pages_done = (0, 0)
        progress = QProgressDialog("Reading the diary…", "Cancel", 0, 0, self)
        progress.setWindowTitle("Export report")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setAccessibleName("Report progress, pages drawn")
        progress.canceled.connect(self._stop.set)  # stops after the read or page under way
        self.progress = progress
        thread = QThread(self)
        worker = ReportWorker(request, path, self._stop)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.gathered.connect(self._gathered)
        worker.progressed.connect(self._progressed)
        worker.rendered.connect(self._rendered)
        worker.failed.connect(self._failed)
        worker.stopped.connect(self._cancelled)
        self._thread, self._worker = thread, worker
        progress.show()
        thread.start()

    @Slot()
    def _gathered(self) -> None:
        if self.progress is not None:
            self.progress.setLabelText("Making the report…")

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        self.pages_done = (done, total)
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(f"Drawing page {min(done + 1, total)} of {total}…")

    def _finish(self) -> None:
        """The worker is done: end its thread and close the progress dialog."""
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if worker is not None:
            worker.deleteLater()
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    @Slot(object)
    def _rendered(self, done: RenderedReport) -> None:
        """Say where the report went, with Open and Show in folder beside it (no message box
        to close first); the focus goes to Open."""
        self._finish()
        self.saved.show_file(f"Report saved ({plural(done.pages, 'page')})", done.path)
        self.saved.open_button.setFocus()
        self.report_saved.emit(done)

    @Slot(str)
    def _failed(self, reason: str) -> None:
        self._finish()
        dialogs.show_error(self, "The report was not saved", reason)
        self.report_failed.emit(reason)

    @Slot()
    def _cancelled(self) -> None:
        self._finish()
        self.report_cancelled.emit()

    def done(self, result: int) -> None:
        """Closing while a report is drawn stops it first (nothing is left on disk)."""
        if self._thread is not None:
            self._stop.set()
            self._thread.quit()
            self._thread.wait()
            self._finish()
        super().done(result)


def open_report_dialog(parent: QWidget, session: DiarySession) -> ReportDialog:
    """Open File > Export report window-modally and return at once; the dialog deletes itself
    when closed."""
    dialog = ReportDialog(session, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
