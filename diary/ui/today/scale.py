"""One symptom's scale: a row of large score buttons 0..max with real gaps, its anchors written
under its ends, and a line saying what is chosen.

The chosen score is unmistakable without colour: its button is filled with the text colour (the
rest stay light), carries a tick before its number ("✓4"), and has a thick double border; its
accessible name says "chosen". A scale holds two things: the score saved today (the latest
rating, "Saved 4 at 08:10", shown as chosen when nothing new is set) and a score set now and not
saved yet (`value`, which Save stores). Nothing moves when either changes: every button is the
same size whatever it shows, and the line under the buttons takes the room left between the
anchors.

Keyboard: the scale is one Tab stop, with its own clear focus frame (a thick line in the
highlight colour with a dotted line in the text colour inside it, readable in any theme).
Left/Right (or -/+) move the score, a digit sets it ("1" then "0" makes 10), Home and End go to
the ends, Delete clears what was set, Up/Down move to the scale above/below.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF
from PySide6.QtCore import QRect
from PySide6.QtCore import QRectF
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtGui import QFocusEvent
from PySide6.QtGui import QFont
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPainterPath
from PySide6.QtGui import QPaintEvent
from PySide6.QtGui import QPalette
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import SCALE_ANCHORS
from diary.domain.entities import Symptom
from diary.domain.wording import clock_text
from diary.ui.widgets.targets import GAP
from diary.ui.widgets.targets import TARGET

TICK = "✓"
FOCUS_MARGIN = 5  # room round the buttons for the scale's focus frame (4 px wide)


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class ScoreButton(QToolButton):
    """One score of a scale, drawn by itself: light with a thin border, or (chosen) filled with
    the text colour, a tick before the number and a thick double border. Every button of a scale
    has the same size, TARGET at least, whatever it shows."""

    def __init__(self, score: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score = score
        self.setText(str(score))
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scale is one Tab stop
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(_bold(self.font()))
        return QSize(max(TARGET, metrics.horizontalAdvance("10") + 10),
                     max(TARGET, metrics.height() + 14))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        group = (QPalette.ColorGroup.Active if self.isEnabled()
                 else QPalette.ColorGroup.Disabled)
        ink = palette.color(group, QPalette.ColorRole.WindowText)
        paper = palette.color(group, QPalette.ColorRole.Base)
        chosen = self.isChecked()
        hovered = self.underMouse() and self.isEnabled()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        if chosen:
            painter.setPen(QPen(ink, 3))
            painter.setBrush(ink)
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(QPen(paper, 1.5))  # the inner ring of the double border
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(4, 4, -4, -4), 3, 3)
        else:
            border = QColor(ink)
            border.setAlphaF(0.55 if not hovered else 1.0)
            painter.setPen(QPen(border, 2 if hovered else 1))
            painter.setBrush(palette.color(group, QPalette.ColorRole.Button).lighter(108)
                             if self.isDown() else paper)
            painter.drawRoundedRect(box, 6, 6)
        font = _bold(self.font()) if chosen else self.font()
        painter.setFont(font)
        painter.setPen(paper if chosen else ink)
        text = self.text()
        metrics = QFontMetrics(font)
        if chosen and metrics.horizontalAdvance(TICK + text) + 10 <= self.width():
            text = TICK + text
        elif chosen:  # too narrow for both: the tick in the corner, the number in the middle
            self._corner_tick(painter, paper)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()

    def _corner_tick(self, painter: QPainter, colour: QColor) -> None:
        size = self.height() * 0.22
        left, top = 6.0, 6.0
        path = QPainterPath(QPointF(left, top + size * 0.55))
        path.lineTo(QPointF(left + size * 0.4, top + size))
        path.lineTo(QPointF(left + size, top))
        painter.save()
        painter.setPen(QPen(colour, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.restore()


class ScoreScale(QWidget):
    """A row of score buttons 0..max with the anchors written under its ends; no score until the
    user sets one, or until one is saved today (`set_saved`)."""

    changed = Signal()

    def __init__(self, symptom: Symptom, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.symptom = symptom
        self.scale_max = symptom.scale_max
        self._value: int | None = None
        self._saved: tuple[int, datetime] | None = None
        self._typed_one = False
        low, high = SCALE_ANCHORS.get(self.scale_max, ("0", str(self.scale_max)))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"{symptom.name}, {low} to {high}")
        self.setToolTip(f"{symptom.name}: click a score, or type it (Left/Right, a digit, "
                        "Delete clears). Ctrl+R goes to the first scale, Ctrl+Enter saves.")
        self.buttons: list[ScoreButton] = []
        row = QHBoxLayout()
        row.setSpacing(GAP)
        for score in range(self.scale_max + 1):
            button = ScoreButton(score)
            button.clicked.connect(lambda _=False, s=score: self._clicked(s))
            self.buttons.append(button)
            row.addWidget(button)
        anchors = QHBoxLayout()
        anchors.setSpacing(self.fontMetrics().horizontalAdvance("0"))  # apart even when tight
        self.low = QLabel(low)
        self.current = QLabel()
        self.current.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.current.setAccessibleName(f"{symptom.name} score")
        self.current.setWordWrap(True)
        # The room between the anchors, whatever it says: "Saved 4 at 08:10" never widens the
        # scale (which would move its buttons).
        self.current.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.current.setFont(_bold(self.current.font()))
        self.high = QLabel(high)
        self.high.setAlignment(Qt.AlignmentFlag.AlignRight)
        anchors.addWidget(self.low)
        anchors.addWidget(self.current, 1)
        anchors.addWidget(self.high)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(FOCUS_MARGIN, FOCUS_MARGIN, FOCUS_MARGIN, FOCUS_MARGIN - 2)
        layout.setSpacing(0)
        layout.addLayout(row)
        layout.addLayout(anchors)
        self._sync()

    # --- what it holds ----------------------------------------------------------------------
    def value(self) -> int | None:
        """The score set and not saved yet (None: nothing new set)."""
        return self._value

    def saved(self) -> int | None:
        """The score saved today (the latest rating), or None."""
        return None if self._saved is None else self._saved[0]

    def shown(self) -> int | None:
        """The score the buttons show as chosen: the one set now, else the one saved today."""
        return self._value if self._value is not None else self.saved()

    def set_value(self, value: int | None) -> None:
        if value is not None:
            value = max(0, min(self.scale_max, value))
        if value != self._value:
            self._value = value
            self._sync()
            self.changed.emit()

    def set_saved(self, score: int | None, at: datetime | None = None) -> None:
        """Today's latest saved score and when (its own clock), or None for none today."""
        saved = None if score is None or at is None else (score, at)
        if saved != self._saved:
            self._saved = saved
            self._sync()

    def _clicked(self, score: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.set_value(None if self._value == score else score)  # a second click clears
        self._sync()

    def _saved_text(self) -> str:
        if self._saved is None:
            return ""
        score, at = self._saved
        return f"saved {score} at {clock_text(at)}"

    def _sync(self) -> None:
        shown = self.shown()
        name = self.symptom.name
        for button in self.buttons:
            chosen = button.score == shown
            button.setChecked(chosen)
            label = f"{name} {button.score}"
            if chosen:
                label += ", chosen"
                if self._value is not None:
                    label += ", not saved yet"
                elif self._saved is not None:
                    label += f", saved at {clock_text(self._saved[1])}"
            button.setAccessibleName(label)
        saved = self._saved_text()
        top = self.scale_max
        if self._value is not None:
            text = f"{self._value} / {top}, not saved yet"
            said = f"rated {self._value} of {top}, not saved yet"
            if saved:
                text += f" ({saved})"
        elif self._saved is not None:
            text = saved[:1].upper() + saved[1:]
            said = f"saved {self._saved[0]} of {top} at {clock_text(self._saved[1])}"
        else:
            text = said = "not rated"
        self.current.setText(text)
        self.setAccessibleDescription(said)

    # --- keyboard and focus -----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        current = self.shown()
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
            # A band of the highlight colour with a dashed line of the text colour along it:
            # it shows on a light and a dark theme alike, and without telling colours apart.
            palette = self.palette()
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            band = QRectF(QRect(0, 0, self.width(), self.height())).adjusted(2, 2, -2, -2)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 4))
            painter.drawRoundedRect(band, 6, 6)
            dashes = QPen(palette.color(QPalette.ColorRole.WindowText), 1.5,
                          Qt.PenStyle.DashLine)
            painter.setPen(dashes)
            painter.drawRoundedRect(band, 6, 6)
            painter.end()
        super().paintEvent(event)
