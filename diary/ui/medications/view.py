"""Medications and plans, and the symptoms a person rates: the window's third view.

`MedicationsView(session)` shows two tabs. "Medications and plans": the medications (archived ones
behind "Show archived"), the selected one's details, and its plan (plan_section.py). "Symptoms":
symptoms.py. It reads through `session.store`, writes only through diary/ui/edits/edits.py,
asks questions through diary/ui/widgets/dialogs.py, and refreshes on `session.changed`. Each page
scrolls as a whole when the window is too low for it (twice the text size), so the view never
makes the window taller than the screen; the buttons pressed often are 44 × 44 px at the least,
and "Show archived" is a row 44 px high that a click anywhere on toggles.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.plans.changes import stop_cut
from diary.domain.wording import day_text
from diary.domain.wording import max_daily_text
from diary.ui import edits
from diary.ui.medications.form import MedicationForm
from diary.ui.medications.form_fit import scrolling_page
from diary.ui.medications.plan_section import PlanSection
from diary.ui.medications.plan_section import push_button
from diary.ui.medications.symptoms import SymptomsPanel
from diary.ui.medications.wording import interval_text
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs
from diary.ui.widgets.pill import pill_icon
from diary.ui.widgets.targets import RowCheckBox
from diary.ui.widgets.targets import large

MEDICATION_ROLE = Qt.ItemDataRole.UserRole
# The keys of this view, for Help > Keyboard shortcuts.
SHORTCUTS: list[tuple[str, str]] = [
    ("Enter (on a medication or a plan step)", "Edit it"),
    ("Delete (on plan steps)", "Delete the selected steps, or end today a step already in force"),
    ("Ctrl+Up / Ctrl+Down (on symptoms)", "Move the selected symptom up or down"),
]
DETAIL_FIELDS = ("Form and unit", "Max per day", "Minimum interval", "Taper", "Look", "Notes",
                 "Status")


class MedicationsView(QWidget):
    """Public: `refresh()`, `selected_medication()`, `select_medication(id)`, `show_symptoms()`,
    `dialog` (the form open now, if any); the widgets are attributes for the window and tests."""

    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._dialog: QDialog | None = None
        self.setAccessibleName("Medications and plans")

        self.med_list = QListWidget()
        self.med_list.setAccessibleName("Medications")
        side = max(16, self.fontMetrics().height())  # each one's pill, as large as its name
        self.med_list.setIconSize(QSize(side, side))
        self.show_archived = RowCheckBox("Sho&w archived")
        self.show_archived.setAccessibleName("Show archived medications")
        large(self.show_archived)
        self.add_medication = push_button("&Add medication…", "Add medication")
        self.edit_medication = push_button("Ed&it medication…", "Edit medication")
        self.archive = push_button("A&rchive", "Archive medication")
        self.title = QLabel()  # a heading that follows the font size (rich text <h3>)
        self.title.setAccessibleName("Selected medication")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.details: dict[str, QLabel] = {}
        self.plan = PlanSection(session)
        self.symptoms = SymptomsPanel(session)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Medications and symptoms")
        self.tabs.addTab(self._medications_page(), "Medi&cations and plans")
        self.tabs.addTab(self.symptoms, "S&ymptoms")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.med_list.currentItemChanged.connect(self._show_selected)
        self.med_list.itemActivated.connect(lambda _item: self.open_edit_medication())
        self.show_archived.toggled.connect(self.refresh)
        self.add_medication.clicked.connect(self.open_add_medication)
        self.edit_medication.clicked.connect(self.open_edit_medication)
        self.archive.clicked.connect(self.toggle_archived)
        session.changed.connect(self.refresh)
        self.refresh()

    def _medications_page(self) -> QWidget:
        """The list on the left, the selected one's details and plan on the right; at a large
        text size the whole page scrolls (scrolling_page) instead of making the window taller
        than the screen."""
        label = QLabel("Yo&ur medications:")
        label.setBuddy(self.med_list)
        left = QVBoxLayout()
        left.addWidget(label)
        left.addWidget(self.med_list, 1)
        left.addWidget(self.show_archived)
        for widget in (self.add_medication, self.edit_medication, self.archive):
            left.addWidget(widget)
        box = QGroupBox("Details")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for field in DETAIL_FIELDS:
            value = QLabel()
            value.setWordWrap(True)
            value.setAccessibleName(field)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details[field] = value
            form.addRow(f"{field}:", value)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(box)
        right.addWidget(self.plan, 1)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addLayout(right, 4)
        return scrolling_page(row)

    # --- reading ------------------------------------------------------------------------------
    @property
    def dialog(self) -> QDialog | None:
        """The medication or plan dialog open now (None when none is)."""
        return self._dialog or self.plan.dialog

    def unsaved_changes(self) -> list[str]:
        """What has been typed here but not saved (the window asks before it would be lost)."""
        found = []
        dialog = self.dialog
        if dialog is not None and dialog.isVisible():
            found.append(f"the form “{dialog.windowTitle()}”")
        return found + self.symptoms.unsaved_changes()

    def medications(self) -> list[Medication]:
        return [self.med_list.item(i).data(MEDICATION_ROLE) for i in range(self.med_list.count())]

    def selected_medication(self) -> Medication | None:
        item = self.med_list.currentItem()
        med: Medication | None = None if item is None else item.data(MEDICATION_ROLE)
        return med

    def select_medication(self, medication_id: int | None) -> bool:
        for row in range(self.med_list.count()):
            if self.med_list.item(row).data(MEDICATION_ROLE).id == medication_id:
                self.med_list.setCurrentRow(row)
                return True
        return False

    def show_symptoms(self) -> None:
        self.tabs.setCurrentWidget(self.symptoms)

    def refresh(self) -> None:
        """Reload from the diary, keeping the selection (and the first medication otherwise)."""
        current = self.selected_medication()
        self.med_list.blockSignals(True)
        self.med_list.clear()
        shown = self._session.store.medications.all(include_archived=self.show_archived.isChecked())
        for med in shown:
            archived = "" if med.archived_at is None else " (archived)"
            item = QListWidgetItem(pill_icon(med.look), f"{med.name}{archived}")
            item.setData(MEDICATION_ROLE, med)
            item.setToolTip(f"{med.name}: {max_daily_text(med)}; {med.look.describe()} pill")
            self.med_list.addItem(item)
        self.med_list.blockSignals(False)
        if current is None or not self.select_medication(current.id):
            self.med_list.setCurrentRow(0 if self.med_list.count() else -1)
        self._show_selected()

    def _show_selected(self) -> None:
        med = self.selected_medication()
        self.plan.set_medication(med)
        if med is None:
            self.title.setText(
                "No medication yet: add one with Add medication."
                if not self.med_list.count()
                else "Select a medication."
            )
            for value in self.details.values():
                value.setText("")
        else:
            self.title.setText(f"<h3>{html.escape(med.name)}</h3>")
            values = {
                "Form and unit": f"{med.form or 'no form given'}, amounts in {med.unit.value}",
                "Max per day": max_daily_text(med),
                "Minimum interval": interval_text(med),
                "Taper": (
                    "required: warn when a plan stops without a taper"
                    if med.taper_required
                    else "not required"
                ),
                "Look": _look_text(med),
                "Notes": med.notes or "none",
                "Status": (
                    "active"
                    if med.archived_at is None
                    else "archived on "
                    + day_text(med.archived_at.astimezone(self._session.zone()).date())
                ),
            }
            for field, text in values.items():
                self.details[field].setText(text)
        writable = not self._session.read_only
        active = med is not None and med.archived_at is None
        self.add_medication.setEnabled(writable)
        self.edit_medication.setEnabled(writable and active)
        self.archive.setEnabled(writable and med is not None)
        self.archive.setText("A&rchive" if med is None or active else "Una&rchive")
        self.archive.setAccessibleName(
            "Archive medication" if med is None or active else "Unarchive medication"
        )

    # --- changing -----------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> None:
        self._dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if isinstance(dialog, MedicationForm) and dialog.saved is not None:
            self.select_medication(dialog.saved.id)
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()
        self.med_list.setFocus()

    def open_add_medication(self) -> None:
        if not self._session.read_only:
            self._open(MedicationForm(self._session, parent=self))

    def open_edit_medication(self) -> None:
        med = self.selected_medication()
        if med is not None and med.archived_at is None and not self._session.read_only:
            self._open(MedicationForm(self._session, med, parent=self))

    def _confirm_archive(self, med: Medication) -> bool:
        """True to go on; for a taper-required medication whose plan still schedules doses,
        archiving stops them all: before -> after per day and the label's warning, asked with
        keeping it as the default (the domain's rule, as `medication archive --lower-dose`)."""
        assert med.id is not None
        today = self._session.today()
        cut = stop_cut(med, self._session.store.plans.steps(med.id), today)
        if cut is None:
            return True
        return dialogs.ask_yes_no(
            self,
            f"Archive {med.name}?",
            f"{med.name}'s plan still schedules doses; archiving hides them but is not a "
            f"taper.\n\n{cut.change_text(today)}\n\n{cut.warning}\n\nA taper (the Taper… "
            "button) steps the dose down instead. Archive it anyway?",
            yes="Archive anyway",
            no="Keep it",
        )

    def toggle_archived(self) -> None:
        """Archive the selected medication (or bring an archived one back). Archiving a
        taper-required medication whose plan still schedules doses shows the label's warning
        and asks first."""
        med = self.selected_medication()
        if med is None or med.id is None or self._session.read_only:
            return
        archive = med.archived_at is None
        if archive and not self._confirm_archive(med):
            return
        try:
            edits.archive_medication(self._session, med.id, archived=archive)
        except edits.STORE_ERRORS as exc:
            dialogs.show_error(
                self,
                "Could not archive" if archive else "Could not unarchive",
                edits.error_text(exc),
            )
            return
        if not archive or self.show_archived.isChecked():
            self.select_medication(med.id)


def _look_text(med: Medication) -> str:
    """'Green capsule', 'Blue round (automatic)', 'Green round (shape automatic)': what shows
    it in the lists, reminders and charts, for those who do not see the pill."""
    automatic = [part for part, chosen in (("colour", med.colour), ("shape", med.shape))
                 if chosen is None]
    said = ("" if not automatic else " (automatic)" if len(automatic) == 2
            else f" ({automatic[0]} automatic)")
    return med.look.describe().capitalize() + said
