"""The plan of the selected medication: the step in force today, the label's warning when the plan
stops without a taper, the steps table, and the buttons that change the plan: each at least
TARGET × TARGET px, in one row while the width holds them and on more rows at a large text size
(diary/ui/widgets/flow.py), never cut off. The warning is written dark on light, or light on
dark, as the theme is (`banner_style`).

Each button opens its dialog window-modally with `open()` (never a blocking `exec()`); the dialog
writes through diary/ui/edits/edits.py and every view refreshes from the session's `changed`. Delete
never rewrites the past: a step already in force ends today instead (see `delete_selected`).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QPalette
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.plans.changes import deletion
from diary.domain.plans.steps import plan_end
from diary.domain.plans.steps import step_on
from diary.domain.wording import day_text
from diary.ui import edits
from diary.ui.medications.plan_dialogs import StepDialog
from diary.ui.medications.plan_dialogs import change_warning
from diary.ui.medications.plan_table import TODAY_MARK
from diary.ui.medications.plan_table import PlanTable
from diary.ui.medications.plan_table import PlanTableModel
from diary.ui.medications.plan_table import is_dark
from diary.ui.medications.template_dialogs import TaperDialog
from diary.ui.medications.template_dialogs import TitrationDialog
from diary.ui.medications.template_dialogs import titration_refusal
from diary.ui.medications.wording import plan_warning
from diary.ui.medications.wording import step_text
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs
from diary.ui.widgets.flow import FlowLayout
from diary.ui.widgets.targets import large

# The warning's shade, border and text on a light theme and on a dark one (text above 7:1 on both).
LIGHT_BANNER = ("#fdf0d5", "#1a1a1a", "#b35900")
DARK_BANNER = ("#4a3200", "#fdf0d5", "#e69f00")
BANNER_STYLE = "QLabel {{ background: {}; color: {}; border: 2px solid {}; padding: 6px; }}"


def banner_style(palette: QPalette) -> str:
    """The warning's style sheet on a window of `palette`."""
    return BANNER_STYLE.format(*(DARK_BANNER if is_dark(palette) else LIGHT_BANNER))


def push_button(text: str, name: str) -> QPushButton:
    """A button pressed often: named for a screen reader, at least TARGET × TARGET px."""
    widget = QPushButton(text)
    widget.setAccessibleName(name)
    large(widget)
    return widget


class PlanSection(QWidget):
    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._med: Medication | None = None
        self.dialog: QDialog | None = None  # the plan dialog open now, if any
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("The plan today")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Taper warning")
        self.warning.setStyleSheet(banner_style(self.palette()))
        self.warning.hide()
        self.model = PlanTableModel(self)
        self.table = PlanTable(self.model, "Plan steps")
        self.add_step = push_button("Add &step…", "Add plan step")
        self.edit_step = push_button("E&dit step…", "Edit plan step")
        self.delete_step = push_button("De&lete step", "Delete plan step")
        self.titration = push_button("Titrati&on from template…", "Titration from template")
        self.taper = push_button("Ta&per…", "Taper")
        label = QLabel("Pla&n, one row per dated step:")
        label.setBuddy(self.table)
        buttons = FlowLayout(None, 8)
        for widget in (self.add_step, self.edit_step, self.delete_step, self.titration,
                       self.taper):
            buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.add_step.clicked.connect(self.open_add_step)
        self.edit_step.clicked.connect(self.open_edit_step)
        self.delete_step.clicked.connect(self.delete_selected)
        self.titration.clicked.connect(self.open_titration)
        self.taper.clicked.connect(self.open_taper)
        self.table.activated.connect(lambda _index: self.open_edit_step())
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.warning.setStyleSheet(banner_style(self.palette()))  # the theme switched
        super().changeEvent(event)

    # --- showing ------------------------------------------------------------------------------
    def set_medication(self, med: Medication | None) -> None:
        """Show `med`'s plan (None: nothing selected), keeping the selected steps."""
        kept = {s.id for s in self.selected_steps()} if med == self._med or (
            med is not None and self._med is not None and med.id == self._med.id) else set()
        self._med = med
        today = self._session.today()
        steps = [] if med is None or med.id is None else self._session.store.plans.steps(med.id)
        self.model.set_plan(med, steps, today)
        for step_id in kept:
            row = self.model.row_of(step_id)
            if row is not None:
                self.table.selectRow(row)
        self._describe(med, steps, today)
        self._update_buttons()

    def _describe(self, med: Medication | None, steps: list[PlanStep], today: date) -> None:
        if med is None or med.id is None:
            self.summary.setText("Select a medication to see its plan.")
            self.warning.hide()
            return
        current = step_on(steps, med.id, today)
        lines = []
        if not steps:
            lines.append("No plan steps yet: add them with Add step or Titration from template.")
        elif current is None:
            lines.append(f"Today ({day_text(today)}): no step is in force.")
        else:
            lines.append(f"In force today, {day_text(today)} (marked “{TODAY_MARK}”): "
                         f"{step_text(current, med)}.")
        end = plan_end(steps, med.id)
        if end is not None:
            lines.append(f"The plan ends on {day_text(end)}.")
        self.summary.setText("\n".join(lines))
        warning = plan_warning(med, steps, self._session.now(),
                               self._session.store.info().day_starts_at)
        self.warning.setText("" if warning is None else f"⚠ {warning}")
        self.warning.setVisible(warning is not None)

    def selected_steps(self) -> list[PlanStep]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.step(row) for row in rows]

    def select_step(self, step_id: int) -> None:
        row = self.model.row_of(step_id)
        if row is not None:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        med = self._med
        writable = (not self._session.read_only and med is not None
                    and med.archived_at is None)
        chosen = len(self.selected_steps())
        for widget in (self.add_step, self.titration, self.taper):
            widget.setEnabled(writable)
        self.edit_step.setEnabled(writable and chosen == 1)
        self.delete_step.setEnabled(writable and chosen >= 1)
        self.delete_step.setText("De&lete steps" if chosen > 1 else "De&lete step")

    # --- changing -----------------------------------------------------------------------------
    def _writable_med(self) -> Medication | None:
        med = self._med
        if med is None or med.archived_at is not None or self._session.read_only:
            return None
        return med

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.table.setFocus()

    def open_add_step(self) -> None:
        med = self._writable_med()
        if med is not None:
            self._open(StepDialog(self._session, med, parent=self))

    def open_edit_step(self) -> None:
        med, chosen = self._writable_med(), self.selected_steps()
        if med is not None and len(chosen) == 1:
            self._open(StepDialog(self._session, med, chosen[0], parent=self))

    def open_titration(self) -> None:
        med = self._writable_med()
        if med is None:
            return
        refusal = titration_refusal(med)
        if refusal is not None:
            dialogs.show_error(self, "Titration from template", refusal)
            return
        self._open(TitrationDialog(self._session, med, parent=self))

    def open_taper(self) -> None:
        med = self._writable_med()
        if med is not None:
            self._open(TaperDialog(self._session, med, parent=self))

    def delete_selected(self) -> None:
        """Delete the selected steps, as one undo action, without rewriting the past: a step not
        started yet (it starts after today) is deleted; a step already in force ends today
        instead, so the days it covered keep their plan and today's doses still count against
        it; a step that is over stays as the record (Edit step corrects it). Ending a step is
        said first, and if the change stops a taper-required medication without a taper, the
        label's warning is in the same question."""
        med, chosen = self._writable_med(), self.selected_steps()
        if med is None or med.id is None or not chosen:
            return
        plan = deletion(chosen, self._session.today())
        future, endings, over = plan.deleted, plan.ended, plan.kept
        running = [s for s in chosen if s.id in {e.id for e in endings}]
        if not future and not running:
            dialogs.show_info(
                self, "Nothing deleted",
                "\n".join(f"{step_text(s, med)}." for s in over)
                + "\n\nA step that is over is the record of what was planned on those days, so "
                "it is not deleted. If it is wrong, correct it with Edit step.")
            return
        gone = [s.id for s in future if s.id is not None]
        before = self._session.store.plans.steps(med.id)
        after = plan.after(before)
        if not self._confirm_delete(med, before, after, running, future, over):
            return
        if running and future:
            text = "End and delete plan steps"
        elif running:
            text = "End plan step" if len(running) == 1 else f"End {len(running)} plan steps"
        else:
            text = "Delete plan step" if len(gone) == 1 else f"Delete {len(gone)} plan steps"
        try:
            # One transaction, one undo action.
            edits.change_plan_steps(self._session, text, endings=endings, deleted=gone)
        except edits.STORE_ERRORS as exc:
            dialogs.show_error(self, "The plan was not changed", edits.error_text(exc))
            return

    def _confirm_delete(self, med: Medication, before: list[PlanStep], after: list[PlanStep],
                        running: list[PlanStep], future: list[PlanStep],
                        over: list[PlanStep]) -> bool:
        """True to go on. Asks when a step in force is ended instead of deleted, or when the
        change lowers a taper-required medication's dose or stops it without a taper (before ->
        after per day and the label's warning, with keeping the plan as the default)."""
        session = self._session
        question = change_warning(session, med, before, after)
        if question is None and not running:
            return True
        today = day_text(session.today())
        lines = [f"{step_text(s, med)}: already in force, so it is not deleted but ends today, "
                 f"{today}. The days it covered keep their plan, and today's doses still count "
                 "against it; from tomorrow it plans nothing." for s in running]
        lines += [f"{step_text(s, med)}: not started yet, so it is deleted." for s in future]
        lines += [f"{step_text(s, med)}: over, so it stays as the record of what was planned "
                  "(Edit step corrects it)." for s in over]
        if question is not None:
            lines.append(f"{question[1]}\n\nA taper (the Taper… button) steps the dose down "
                         "gradually instead.")
        lines.append("Edit > Undo takes this back.")
        if question is not None:
            title, yes, no = question[0], "Change the plan", "Keep the current plan"
        else:
            title, yes, no = "End the step in force?", "End it today", "Go back"
        return dialogs.ask_yes_no(self, title, "\n\n".join(lines), yes=yes, no=no)
