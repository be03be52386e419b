"""Symptom ratings of the day: one row per active symptom, each a scale (`scale.ScoreScale`) of
large buttons 0..max with its anchors written, saved together as one undoable action. Rows left
unset are not saved; rating again later the same day adds new ratings (the history keeps them
all). After a save each scale goes on showing the score saved today as chosen ("Saved 4 at
08:10"), and so does a scale rated earlier today when the view opens.

Keyboard: each scale is one Tab stop (see `scale`); Ctrl+Enter saves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.wording import clock_text
from diary.ui import edits
from diary.ui.edits import error_text
from diary.ui.shell.session import DiarySession
from diary.ui.today.fields import reset_text
from diary.ui.today.fields import undo_passes_through
from diary.ui.today.scale import FOCUS_MARGIN
from diary.ui.today.scale import ScoreScale
from diary.ui.today.state import SAVE_ERRORS
from diary.ui.widgets import dialogs
from diary.ui.widgets.targets import TARGET
from diary.ui.widgets.targets import large
from diary.ui.widgets.targets import tight_margins

__all__ = ["RatingsPanel", "ScoreScale"]


class RatingsPanel(QGroupBox):
    notice = Signal(str)

    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__("How are you today?", parent)
        self._session = session
        self._editable = True
        self.scales: dict[int, ScoreScale] = {}
        self._row_widgets: list[QWidget] = []
        self._shape: list[tuple[int | None, str, int]] = []
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        self._grid.setVerticalSpacing(0)  # the scales' focus margins are the gaps
        self.empty = QLabel("No symptoms to rate: add one under Medications > Symptoms.")
        self.empty.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setAccessibleName("Note saved with these ratings")
        self.note.setPlaceholderText("Optional: anything worth remembering about today")
        note_label = QLabel("Note")
        note_label.setBuddy(self.note)
        self.save_button = QPushButton("Save ratings")
        self.save_button.setAccessibleName("Save ratings")
        self.save_button.setToolTip("Save the scores set above as one entry (Ctrl+Enter; "
                                    "Ctrl+R goes to the first scale)")
        self.save_button.setAutoDefault(True)
        large(self.note, self.save_button)
        self.last_saved = QLabel()
        self.last_saved.setAccessibleName("When ratings were last saved today")
        self.last_saved.setWordWrap(True)
        # One line for the note, when ratings were last saved and Save: the button stays where
        # it is whatever the line beside it says.
        save_row = QHBoxLayout()
        save_row.addWidget(note_label)
        save_row.addWidget(self.note, 3)
        save_row.addWidget(self.last_saved, 1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        tight_margins(layout)
        layout.addWidget(self._grid_host)
        layout.addWidget(self.empty)
        layout.addLayout(save_row)
        self.save_button.clicked.connect(self.save)
        self.note.returnPressed.connect(self.save)
        undo_passes_through(self.note)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)

    def refresh(self, editable: bool) -> None:
        """Rebuild the rows when the symptoms changed (keeping scores already set), then show
        today's latest scores and when ratings were last saved."""
        self._editable = editable
        store = self._session.store
        symptoms = store.symptoms.all()
        shape = [(s.id, s.name, s.scale_max) for s in symptoms]
        if shape != self._shape:
            self._rebuild(symptoms)
            self._shape = shape
        day = self._session.today()
        today = store.ratings.between(day, day)
        latest: dict[int, Rating] = {}
        for rating in today:  # oldest first: the last one of each symptom wins
            latest[rating.symptom_id] = rating
        for symptom_id, scale in self.scales.items():
            last = latest.get(symptom_id)
            scale.set_saved(None if last is None else last.score,
                            None if last is None else last.at)
        if today:
            self.last_saved.setText(f"Last saved at {clock_text(max(r.at for r in today))}")
        else:
            self.last_saved.setText("No ratings saved yet today")
        for scale in self.scales.values():
            scale.setEnabled(editable)
        self.note.setEnabled(editable)
        self._update_save()

    def _rebuild(self, symptoms: list[Symptom]) -> None:
        kept = {sid: scale.value() for sid, scale in self.scales.items()}
        for widget in self._row_widgets:
            self._grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._row_widgets = []
        self.scales = {}
        for line, symptom in enumerate(symptoms):
            assert symptom.id is not None
            name = QLabel(symptom.name)
            name.setWordWrap(True)  # a long name wraps: the row fits one column at a large font
            # Level with the middle of the buttons (they start below the scale's focus margin).
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            name.setContentsMargins(0, FOCUS_MARGIN, 0, 0)
            name.setMinimumHeight(FOCUS_MARGIN + TARGET)
            scale = ScoreScale(symptom)
            name.setBuddy(scale)
            scale.set_value(kept.get(symptom.id))
            scale.changed.connect(self._update_save)
            self._grid.addWidget(name, line, 0, Qt.AlignmentFlag.AlignTop)
            # At the top of its row: a long symptom name wrapping beside it leaves it as it is.
            self._grid.addWidget(scale, line, 1, Qt.AlignmentFlag.AlignTop)
            self._row_widgets += [name, scale]
            self.scales[symptom.id] = scale
        self.empty.setVisible(not symptoms)

    def _update_save(self) -> None:
        chosen = any(s.value() is not None for s in self.scales.values())
        self.save_button.setEnabled(self._editable and chosen)

    def tab_chain(self) -> list[QWidget]:
        return [*self.scales.values(), self.note, self.save_button]

    def unsaved_changes(self) -> list[str]:
        """Scores set and a note typed, not saved."""
        if not self._editable:
            return []
        scores = [f"{scale.symptom.name} {value}/{scale.scale_max}"
                  for scale in self.scales.values() if (value := scale.value()) is not None]
        found = []
        if scores:
            found.append(f"Symptom ratings set and not saved ({', '.join(scores)})")
        note = self.note.text().strip()
        if note:
            found.append(f"A note for the ratings, not saved (“{note}”)")
        return found

    def focus_first(self) -> None:
        first = next(iter(self.scales.values()), None)
        (first or self.note).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def save(self) -> None:
        if not self._editable:
            return
        now = self._session.now()
        note = self.note.text().strip()
        ratings = [Rating(symptom_id, now, score, note)
                   for symptom_id, scale in self.scales.items()
                   if (score := scale.value()) is not None]
        if not ratings:
            self.notice.emit("Set a score for at least one symptom, then save.")
            return
        try:
            edits.add_ratings(self._session, ratings)
        except SAVE_ERRORS as exc:
            dialogs.show_error(self, "The ratings were not saved", error_text(exc))
            self.notice.emit(f"Ratings not saved: {error_text(exc)}")
            return
        for scale in self.scales.values():
            scale.set_value(None)
        reset_text(self.note, "")  # and no undo history: Ctrl+Z now undoes the ratings
        count = "1 rating" if len(ratings) == 1 else f"{len(ratings)} ratings"
        self.notice.emit(f"Saved {count} at {clock_text(now)}. Ctrl+Z undoes it.")
