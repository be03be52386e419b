"""Symptom ratings of the day: one row per active symptom, each a scale of buttons 0..max with its
anchors written, saved together as one undoable action. Rows left unset are not saved; rating
again later the same day adds new ratings (the history keeps them all).

Keyboard: each scale is one Tab stop. Left/Right (or -/+) move the score, a digit sets it ("1" then
"0" makes 10), Home and End go to the ends, Delete clears, Up/Down move to the scale above/below;
Ctrl+Enter saves."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtGui import QFont
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPaintEvent
from PySide6.QtGui import QPen
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import SCALE_ANCHORS
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.wording import clock_text
from diary.ui import edits
from diary.ui.edits import error_text
from diary.ui.shell.session import DiarySession
from diary.ui.today.fields import reset_text
from diary.ui.today.fields import undo_passes_through
from diary.ui.today.state import SAVE_ERRORS
from diary.ui.widgets import dialogs


class ScoreButton(QToolButton):
    """One score of a scale. It may shrink to its number and a little room, so that with a large
    font the scale fits one column instead of pushing the page sideways."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("10") + 8),
                     hint.height())


class ScoreScale(QWidget):
    """A row of checkable buttons 0..max with the anchors written under its ends; no score until
    the user sets one."""

    changed = Signal()

    def __init__(self, symptom: Symptom, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.symptom = symptom
        self.scale_max = symptom.scale_max
        self._value: int | None = None
        self._typed_one = False
        low, high = SCALE_ANCHORS.get(self.scale_max, ("0", str(self.scale_max)))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"{symptom.name}, {low} to {high}")
        self.buttons: list[QToolButton] = []
        row = QHBoxLayout()
        row.setSpacing(2)
        for score in range(self.scale_max + 1):
            button = ScoreButton()
            button.setText(str(score))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scale is one Tab stop
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(f"{symptom.name} {score}")
            button.clicked.connect(lambda _=False, s=score: self._clicked(s))
            self.buttons.append(button)
            row.addWidget(button)
        anchors = QHBoxLayout()
        anchors.setSpacing(self.fontMetrics().horizontalAdvance("0"))  # apart even when tight
        self.low = QLabel(low)
        self.current = QLabel()
        self.current.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.current.setAccessibleName(f"{symptom.name} score")
        bold = QFont(self.current.font())
        bold.setBold(True)
        self.current.setFont(bold)
        self.high = QLabel(high)
        self.high.setAlignment(Qt.AlignmentFlag.AlignRight)
        anchors.addWidget(self.low)
        anchors.addWidget(self.current, 1)
        anchors.addWidget(self.high)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)  # room for the focus frame
        layout.setSpacing(0)
        layout.addLayout(row)
        layout.addLayout(anchors)
        self._sync()

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        if value is not None:
            value = max(0, min(self.scale_max, value))
        if value != self._value:
            self._value = value
            self._sync()
            self.changed.emit()

    def _clicked(self, score: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.set_value(None if self._value == score else score)  # a second click clears
        self._sync()

    def _sync(self) -> None:
        for score, button in enumerate(self.buttons):
            chosen = score == self._value
            button.setChecked(chosen)
            font = button.font()
            font.setBold(chosen)  # the chosen score stands out in shape, not only in shade
            button.setFont(font)
        self.current.setText("not rated" if self._value is None else
                             f"{self._value} / {self.scale_max}")
        self.setAccessibleDescription("not rated" if self._value is None else
                                      f"rated {self._value} of {self.scale_max}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        current = self._value
        typed_one, self._typed_one = self._typed_one, False
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Minus):
            self.set_value(0 if current is None else current - 1)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Plus):
            self.set_value(0 if current is None else current + 1)
        elif key == Qt.Key.Key_Home:
            self.set_value(0)
        elif key == Qt.Key.Key_End:
            self.set_value(self.scale_max)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_value(None)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.focusNextPrevChild(key == Qt.Key.Key_Down)
        elif text.isdigit() and len(text) == 1:
            digit = int(text)
            if digit == 0 and typed_one and self.scale_max >= 10:
                self.set_value(10)
            elif digit <= self.scale_max:
                self.set_value(digit)
                self._typed_one = digit == 1
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._typed_one = False
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.hasFocus():  # a frame round the whole scale: the Tab stop is the scale
            painter = QPainter(self)
            pen = QPen(self.palette().highlight().color())
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRoundedRect(QRect(1, 1, self.width() - 2, self.height() - 2), 4, 4)
            painter.end()
        super().paintEvent(event)


class RatingsPanel(QGroupBox):
    notice = Signal(str)

    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__("How are you today?", parent)
        self._session = session
        self._editable = True
        self.scales: dict[int, ScoreScale] = {}
        self._row_widgets: list[QWidget] = []
        self._shape: list[tuple[int | None, str, int]] = []
        self._earlier: dict[int, QLabel] = {}
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        self.empty = QLabel("No symptoms to rate: add one under Medications > Symptoms.")
        self.empty.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setAccessibleName("Note saved with these ratings")
        self.note.setPlaceholderText("Optional: anything worth remembering about today")
        note_label = QLabel("Note")
        note_label.setBuddy(self.note)
        self.save_button = QPushButton("Save ratings")
        self.save_button.setAccessibleName("Save ratings")
        self.save_button.setToolTip("Save the scores set above as one entry (Ctrl+Enter)")
        self.save_button.setAutoDefault(True)
        self.last_saved = QLabel()
        self.last_saved.setAccessibleName("When ratings were last saved today")
        self.last_saved.setWordWrap(True)
        note_row = QHBoxLayout()
        note_row.addWidget(note_label)
        note_row.addWidget(self.note, 1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.last_saved, 1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self._grid_host)
        layout.addWidget(self.empty)
        layout.addLayout(note_row)
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
        for symptom_id, label in self._earlier.items():
            last = latest.get(symptom_id)
            label.setText("" if last is None else f"last: {last.score} at {clock_text(last.at)}")
            label.setToolTip("" if last is None else "The last score saved today")
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
        self.scales, self._earlier = {}, {}
        for line, symptom in enumerate(symptoms):
            assert symptom.id is not None
            name = QLabel(symptom.name)
            name.setWordWrap(True)  # a long name wraps: the row fits one column at a large font
            scale = ScoreScale(symptom)
            name.setBuddy(scale)
            earlier = QLabel()
            earlier.setAccessibleName(f"{symptom.name}: last score saved today")
            scale.set_value(kept.get(symptom.id))
            scale.changed.connect(self._update_save)
            about = QWidget()
            about_box = QVBoxLayout(about)
            about_box.setContentsMargins(0, 4, 0, 0)
            about_box.setSpacing(0)
            about_box.addWidget(name)
            about_box.addWidget(earlier)
            self._grid.addWidget(about, line, 0, Qt.AlignmentFlag.AlignTop)
            # At the top of its row: a long symptom name wrapping beside it leaves it as it is.
            self._grid.addWidget(scale, line, 1, Qt.AlignmentFlag.AlignTop)
            self._row_widgets += [about, scale]
            self.scales[symptom.id] = scale
            self._earlier[symptom.id] = earlier
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
