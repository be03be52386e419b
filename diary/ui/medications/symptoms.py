"""The symptoms a person rates: the seeded four and their own, in the order Today shows them.

Add a custom symptom (0–10 numeric rating scale, or 0–4), rename, archive or bring back, move up
or down. Every change goes through diary/ui/edits/edits.py, so Edit > Undo takes it back. Its
buttons, and the fields beside them, are at least 44 px high (diary/ui/widgets/targets.py); at a
large text size the panel scrolls rather than making the window taller than the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import SCALE_ANCHORS
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.storage import NotFoundError
from diary.ui import edits
from diary.ui.medications.form_fit import scrolling_page
from diary.ui.shell.session import DiarySession
from diary.ui.widgets.form_errors import error_label
from diary.ui.widgets.form_errors import report_save_error
from diary.ui.widgets.form_errors import show_form_error
from diary.ui.widgets.targets import large

SYMPTOM_ROLE = Qt.ItemDataRole.UserRole


def scale_text(symptom: Symptom) -> str:
    """'0–10 (0 = none, 10 = worst imaginable)'."""
    anchors = SCALE_ANCHORS.get(symptom.scale_max)
    return f"0–{symptom.scale_max}" + (f" ({', '.join(anchors)})" if anchors else "")


def button(text: str, name: str) -> QPushButton:
    """A button pressed often: named for a screen reader, at least TARGET × TARGET px."""
    widget = QPushButton(text)
    widget.setAccessibleName(name)
    large(widget)
    return widget


class SymptomsPanel(QWidget):
    """`SymptomsPanel(session)`: lists and edits the diary's symptoms; refreshes on `changed`."""

    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._shown: tuple[int | None, str] = (None, "")  # the symptom the rename field is for
        self.list = QListWidget()
        self.list.setAccessibleName("Symptoms, in the order they are rated")
        self.show_archived = QCheckBox("Sho&w archived symptoms")
        self.show_archived.setAccessibleName("Show archived symptoms")
        self.move_up = button("Move &up", "Move symptom up")
        self.move_down = button("Move &down", "Move symptom down")
        self.archive = button("&Archive", "Archive symptom")
        self.rename_to = QLineEdit()
        self.rename_to.setAccessibleName("New name for the selected symptom")
        self.rename = button("&Rename", "Rename symptom")
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName("Name of the new symptom")
        self.new_name.setPlaceholderText("pain, spasm frequency, mobility, bladder…")
        self.scale = QComboBox()
        self.scale.setAccessibleName("Scale of the new symptom")
        for maximum in sorted(SCALE_ANCHORS, reverse=True):
            self.scale.addItem(scale_text(Symptom("", scale_max=maximum)), maximum)
        self.add = button("Add sym&ptom", "Add symptom")
        self.error = error_label("Symptom error")
        large(self.rename_to, self.new_name, self.scale)  # as high as the buttons beside them
        self._lay_out()

        self.list.currentItemChanged.connect(self._selection_changed)
        self.show_archived.toggled.connect(self.refresh)
        self.move_up.clicked.connect(lambda: self.move_selected(-1))
        self.move_down.clicked.connect(lambda: self.move_selected(+1))
        self.archive.clicked.connect(self.toggle_archived)
        self.rename.clicked.connect(self.rename_selected)
        self.rename_to.returnPressed.connect(self.rename_selected)
        self.add.clicked.connect(self.add_symptom)
        self.new_name.returnPressed.connect(self.add_symptom)
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", +1)):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda step=step: self.move_selected(step))
        session.changed.connect(self.refresh)
        self.refresh()

    def _lay_out(self) -> None:
        intro = QLabel("Today asks a rating for each active symptom, in this order. Ctrl+Up and "
                       "Ctrl+Down move the selected one.")
        intro.setWordWrap(True)
        label = QLabel("&Symptoms:")
        label.setBuddy(self.list)
        side = QVBoxLayout()
        for widget in (self.move_up, self.move_down, self.archive):
            side.addWidget(widget)
        side.addStretch(1)
        rows = QHBoxLayout()
        rows.addWidget(self.list, 1)
        rows.addLayout(side)
        rename_row = QHBoxLayout()
        rename_label = QLabel("Rename t&o:")
        rename_label.setBuddy(self.rename_to)
        rename_row.addWidget(rename_label)
        rename_row.addWidget(self.rename_to, 1)
        rename_row.addWidget(self.rename)
        adding = QGroupBox("Add a symptom of your own")
        grid = QGridLayout(adding)
        name_label = QLabel("&Name:")
        name_label.setBuddy(self.new_name)
        scale_label = QLabel("Sca&le:")
        scale_label.setBuddy(self.scale)
        grid.addWidget(name_label, 0, 0)
        grid.addWidget(self.new_name, 0, 1)
        grid.addWidget(scale_label, 1, 0)
        grid.addWidget(self.scale, 1, 1)
        grid.addWidget(self.add, 2, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout()
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addLayout(rows, 1)
        layout.addWidget(self.show_archived)
        layout.addLayout(rename_row)
        layout.addWidget(adding)
        layout.addWidget(self.error)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling_page(layout))

    # --- reading ------------------------------------------------------------------------------
    def unsaved_changes(self) -> list[str]:
        """Names typed but not yet added or applied."""
        found = []
        if self.new_name.text().strip():
            found.append(f"the new symptom “{self.new_name.text().strip()}”")
        symptom = self.selected()
        renamed = self.rename_to.text().strip()
        if symptom is not None and renamed and renamed != symptom.name:
            found.append(f"the new name “{renamed}” for {symptom.name}")
        return found

    def symptoms(self) -> list[Symptom]:
        """The symptoms listed, in order."""
        return [self.list.item(i).data(SYMPTOM_ROLE) for i in range(self.list.count())]

    def selected(self) -> Symptom | None:
        item = self.list.currentItem()
        symptom: Symptom | None = None if item is None else item.data(SYMPTOM_ROLE)
        return symptom

    def select(self, symptom_id: int | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(SYMPTOM_ROLE).id == symptom_id:
                self.list.setCurrentRow(row)
                return

    def refresh(self) -> None:
        current = self.selected()
        store = self._session.store
        self.list.blockSignals(True)
        self.list.clear()
        for symptom in store.symptoms.all(include_archived=self.show_archived.isChecked()):
            archived = "" if symptom.archived_at is None else " (archived)"
            item = QListWidgetItem(f"{symptom.name}{archived}: {scale_text(symptom)}")
            item.setData(SYMPTOM_ROLE, symptom)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if current is not None:
            self.select(current.id)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        symptom = self.selected()
        writable = not self._session.read_only
        row = self.list.currentRow()
        self.move_up.setEnabled(writable and symptom is not None and row > 0)
        self.move_down.setEnabled(writable and symptom is not None
                                  and row < self.list.count() - 1)
        self.archive.setEnabled(writable and symptom is not None)
        archived = symptom is not None and symptom.archived_at is not None
        self.archive.setText("Un&archive" if archived else "&Archive")
        self.archive.setAccessibleName("Unarchive symptom" if archived else "Archive symptom")
        shown = None if symptom is None else symptom.id
        name = "" if symptom is None else symptom.name
        if shown != self._shown[0] or self.rename_to.text() in ("", self._shown[1]):
            # A refresh for another change keeps a new name the person is typing.
            self.rename_to.setText(name)
        self._shown = (shown, name)
        for widget in (self.rename_to, self.rename):
            widget.setEnabled(writable and symptom is not None)
        for adding in (self.new_name, self.scale, self.add):
            adding.setEnabled(writable)

    # --- writing ------------------------------------------------------------------------------
    def _write(self, action: str, write: Callable[[], object]) -> bool:
        try:
            write()
        except edits.STORE_ERRORS as exc:
            self.error.setAccessibleName(f"Could not {action}")
            report_save_error(self, self.error, f"Could not {action}", exc)
            return False
        self.error.hide()
        return True

    def add_symptom(self) -> None:
        name, scale = self.new_name.text(), self.scale.currentData()
        store = self._session.store
        try:
            existing = store.symptoms.named(name) if name.strip() else None
        except NotFoundError:
            existing = None
        if existing is not None and existing.archived_at is not None:
            show_form_error(self.error, ValidationError(
                "name", f"a symptom named {existing.name!r} already exists, archived; tick "
                "\"Show archived symptoms\", select it and choose Unarchive"))
            return
        saved: list[Symptom] = []
        if self._write("add the symptom", lambda: saved.append(
                edits.add_symptom(self._session, Symptom(name, scale_max=scale)))):
            self.new_name.clear()
            self.select(saved[0].id)

    def rename_selected(self) -> None:
        symptom = self.selected()
        if symptom is None or symptom.id is None or self.rename_to.text().strip() == symptom.name:
            return
        symptom_id, name = symptom.id, self.rename_to.text()
        self._write("rename the symptom",
                    lambda: edits.rename_symptom(self._session, symptom_id, name))

    def toggle_archived(self) -> None:
        symptom = self.selected()
        if symptom is None or symptom.id is None:
            return
        symptom_id, archive = symptom.id, symptom.archived_at is None
        self._write("archive the symptom", lambda: edits.archive_symptom(
            self._session, symptom_id, archived=archive))

    def move_selected(self, step: int) -> None:
        """Move the selected symptom one place up (-1) or down (+1) among those listed; hidden
        archived symptoms keep their places."""
        symptom, row = self.selected(), self.list.currentRow()
        if symptom is None or self._session.read_only or not 0 <= row + step < self.list.count():
            return
        neighbour = self.symptoms()[row + step]
        order = [s.id for s in self._session.store.symptoms.all(include_archived=True)]
        a, b = order.index(symptom.id), order.index(neighbour.id)
        order[a], order[b] = order[b], order[a]
        ids = [i for i in order if i is not None]
        if self._write("reorder the symptoms",
                       lambda: edits.reorder_symptoms(self._session, ids)):
            self.select(symptom.id)
